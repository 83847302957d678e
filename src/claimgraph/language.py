"""language: which language an article is written in (ISO 639-1), offline.

Detection uses py3langid (a maintained fork of langid.py: a naive Bayes model over byte
n-grams whose model file ships inside its PyPI wheel, ~4 MB installed; nothing is downloaded
at run time). The model is restricted to :data:`LANGUAGES`, common languages of news, which
makes short texts less likely to be labelled with a rare language. Texts with too few letters
or a low-confidence guess get ``None`` ("unknown"), never a guess.

The pipeline runs the English models only on articles whose language is ``"en"`` or unknown
(see docs/robustness.md for the proposed pipeline change).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

#: Languages the detector may answer (ISO 639-1): common languages of news on the web.
LANGUAGES: tuple[str, ...] = (
    "en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "pl", "cs", "sk", "hu",
    "ro", "bg", "el", "ru", "uk", "sr", "hr", "tr", "ar", "fa", "he", "hi", "ur", "bn", "zh",
    "ja", "ko", "vi", "th", "id", "ms",
)  # fmt: skip
#: Below this many letters a text is too short to tell.
MIN_LETTERS = 20
#: Guesses below this (normalised) probability are reported as unknown.
MIN_CONFIDENCE = 0.5
#: Only the first this many characters are looked at (speed is linear in the length).
MAX_CHARS = 20_000

_HIDDEN_OPEN = re.compile(r"<(script|style|noscript)\b|<!--", re.I)
_TAG = re.compile(r"<[^<>]{0,2000}>")
_ENTITY = re.compile(r"&#?\w{1,10};")


@cache
def _identifier() -> LanguageIdentifier:
    """The py3langid model, loaded once per process and restricted to :data:`LANGUAGES`."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of ``text``, or ``None`` when it cannot be told.

    >>> detect_language("The ministry said on Monday that it would sign the agreement.")
    'en'
    >>> detect_language("12 345 !!") is None
    True
    """
    if not isinstance(text, str):
        return None
    sample = text[:MAX_CHARS]
    if sum(1 for c in sample if c.isalpha()) < MIN_LETTERS:
        return None
    try:
        lang, conf = _identifier().classify(sample)
    except (ValueError, UnicodeError):  # e.g. lone surrogates
        return None
    if conf < MIN_CONFIDENCE:
        return None
    return str(lang)


def visible_text(html: str, limit: int = 2_000_000) -> str:
    """A rough text of an HTML page (scripts, styles, comments and tags removed).

    Good enough for language detection, not for storage (that is :mod:`claimgraph.clean`).
    Only the first ``limit`` characters of the page are looked at.
    """
    html = html[:limit]
    low = html.lower()
    parts: list[str] = []
    pos = 0
    # Linear scan (no regex backtracking on hostile pages): drop hidden blocks.
    while (m := _HIDDEN_OPEN.search(html, pos)) is not None:
        parts.append(html[pos : m.start()])
        closer = "-->" if m.group(0) == "<!--" else f"</{m.group(1).lower()}"
        end = low.find(closer, m.end())
        pos = len(html) if end < 0 else end + len(closer)
    parts.append(html[pos:])
    return _ENTITY.sub(" ", _TAG.sub(" ", " ".join(parts)))


def detect_article_language(raw: str, raw_kind: str) -> str | None:
    """Language of an article's raw page (plain text or HTML)."""
    return detect_language(visible_text(raw) if raw_kind == "html" else raw)


def is_english(language: str | None) -> bool:
    """Whether the English models should run: English or unknown language."""
    return language in (None, "en")
