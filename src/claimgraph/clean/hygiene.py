"""News-page hygiene: split a page's text into typed segments.

Lines are classified, never deleted: the stored text keeps everything, and each line gets a
segment kind (headline, byline, body, related, teaser, boilerplate). Later stages read only
the segments they need (the article's claims come from headline and body; "Read also"
headlines and "Next Post" teasers are other articles and stay apart).

The line patterns are data (``data/hygiene_patterns.tsv``). The structural rules are here:
the first short line is the headline, short title-case lines between the headline and the
first paragraph are site banners, and everything after a "Next Post" marker is a teaser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimgraph.records import CleanDoc, Segment, normalise_text

MAX_PATTERN_LINE = 200
MAX_HEADLINE_WORDS = 30
MAX_BANNER_WORDS = 6

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_LINE = re.compile(
    rf"(?i)^(?:\w+day,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?:\s*[,|]?\s*\d{{1,2}}:\d{{2}}.*)?$"
)
_TERMINAL = tuple('.!?:;"”’)')


@dataclass(frozen=True, slots=True)
class LinePattern:
    kind: str
    action: str  # line | teaser | original
    regex: re.Pattern[str]


@cache
def patterns() -> tuple[LinePattern, ...]:
    """The line patterns of ``data/hygiene_patterns.tsv``, compiled once."""
    text = resources.files("claimgraph.data").joinpath("hygiene_patterns.tsv").read_text("utf-8")
    out = []
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        kind, action, pattern = raw.split("\t", 2)
        out.append(LinePattern(kind, action, re.compile(rf"(?i)(?:{pattern})\Z")))
    return tuple(out)


@dataclass(slots=True)
class _Line:
    start: int
    end: int  # end of the stripped content
    text: str
    kind: str = "body"


def prepare_text(text: str) -> str:
    """The form in which text is stored: Unix newlines, no BOM, no NULs, no outer space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").replace("\x00", "")
    return text.strip()


def _lines(text: str) -> list[_Line]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append(_Line(start, start + len(stripped), stripped))
    return out


def _match(line: str) -> tuple[LinePattern, re.Match[str]] | None:
    if len(line) > MAX_PATTERN_LINE:
        return None
    for pat in patterns():
        m = pat.regex.match(line)
        if m:
            return pat, m
    return None


def _is_title_case(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’.&-]*", line)
    return bool(words) and all(w[0].isupper() for w in words)


def _same_title(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", normalise_text(s).lower()).strip()

    return norm(a) == norm(b)


def hygiene(text: str, title: str | None = None, prepend_title: bool = False) -> CleanDoc:
    """Classify the lines of a page's text into typed segments.

    ``title`` (from metadata) identifies the headline line; with ``prepend_title`` it is
    put before the text when the text does not already start with it (HTML extraction
    returns the body without the title).
    """
    text = prepare_text(text)
    if title and prepend_title:
        first = text.split("\n", 1)[0]
        if not _same_title(first, title):
            text = f"{prepare_text(title)}\n\n{text}" if text else prepare_text(title)
    lines = _lines(text)
    original: str | None = None
    banner: str | None = None
    teaser = False
    for ln in lines:
        if teaser:
            ln.kind = "teaser"
            continue
        hit = _match(ln.text)
        if hit is None:
            continue
        pat, m = hit
        ln.kind = pat.kind
        if pat.action == "teaser":
            teaser = True
        elif pat.action == "original" and original is None:
            original = m.group("pub").strip(" .:-–—") or None
    # Headline: the first unclassified line, if it is the metadata title or (without a
    # title) a short line without a closing full stop.
    first = next((ln for ln in lines if ln.kind == "body"), None)
    if first is not None and len(lines) > 1:
        if title is not None:
            if _same_title(first.text, title):
                first.kind = "headline"
        elif len(first.text.split()) <= MAX_HEADLINE_WORDS and not first.text.endswith(
            (".", ":", ";")
        ):
            first.kind = "headline"
    # Between the headline and the first paragraph: datelines and site banners.
    seen_headline = False
    for ln in lines:
        if ln.kind == "headline":
            seen_headline = True
        if ln.kind != "body":
            continue
        if len(ln.text.split()) > MAX_BANNER_WORDS or ln.text.endswith(_TERMINAL):
            break
        if _DATE_LINE.match(ln.text):
            ln.kind = "byline"
        elif seen_headline and _is_title_case(ln.text):
            ln.kind = "boilerplate"
            banner = banner or ln.text
        else:
            break
    return CleanDoc(
        text=text,
        segments=tuple(_segments(lines)),
        title=title or next((ln.text for ln in lines if ln.kind == "headline"), None),
        original_publisher=original,
        publisher=banner,
    )


def _segments(lines: list[_Line]) -> list[Segment]:
    segs: list[Segment] = []
    for ln in lines:
        # Headlines, bylines, related and boilerplate lines are one segment each; body and
        # teaser lines merge with the previous line of the same kind.
        if segs and segs[-1].kind == ln.kind and ln.kind in ("body", "teaser"):
            segs[-1] = Segment(ln.kind, segs[-1].start, ln.end)  # type: ignore[arg-type]
        else:
            segs.append(Segment(ln.kind, ln.start, ln.end))  # type: ignore[arg-type]
    return segs
