"""Eval task ``ner``: typed named-entity mentions, claimgraph beside plain spaCy.

Two gold formats, chosen by what ``--gold`` points at:

**MEANTIME** (a folder, e.g. ``gold/meantime``; read with
:func:`claimgraph.evaluate.meantime.load_meantime`). Gold mentions are the ENTITY_MENTIONs
whose ``syntactic_type`` is ``NAM`` or ``PRE.NAM``, typed by the ``ent_type`` (PER, ORG, LOC,
PRO, FIN, MIX...) of the ENTITY instance they REFER_TO. A named mention without a REFERS_TO
has no type: it is left out of the gold, and predictions overlapping it are ignored (neither
right nor wrong). MEANTIME annotates only the title and the first sentences of each article;
in the data every anchored markable lies in sentences 0..5 (0 = title, 1 = the dateline,
which carries only the creation-time TIMEX3, 2..5 = the first four body sentences), so the
scored region is sentences 0..5 (:data:`MEANTIME_SENTENCES`) and predictions starting
elsewhere are ignored; ``info`` counts gold mentions outside that region (0 on the corpus).

**CoNLL-2003** (a file): one ``token POS chunk NER`` line per token (only the first and the
last column are used), blank lines between sentences, ``-DOCSTART-`` lines between
documents; NER tags in IOB1 or BIO (IOB2). Types PER, ORG, LOC, MISC; exact+type scoring.

Systems (both see the same text, one paragraph per line, as the pipeline's annotate stage
parses one paragraph at a time):

- ``claimgraph``: :func:`claimgraph_mentions`, today the entities of
  :func:`claimgraph.annotate.load_nlp` mapped to the scheme's types; meant to be pointed at
  the actor stage later.
- ``spaCy en_core_web_sm``: the plain model, with PERSON->PER, ORG->ORG, GPE/LOC/FAC/NORP->LOC,
  PRODUCT/WORK_OF_ART->PRO for MEANTIME (other labels dropped) and PERSON->PER, ORG->ORG,
  GPE/LOC/FAC->LOC, NORP/PRODUCT/WORK_OF_ART/EVENT/LAW/LANGUAGE->MISC for CoNLL.

Matching is one-to-one. Exact: same start, end and type. Overlap: same type and at least one
shared character; pairs are taken greedily, largest overlap first (ties: earlier gold, then
earlier prediction). P = matched / predicted, R = matched / gold, F1 their harmonic mean,
micro-averaged over all documents.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimgraph.evaluate import EvalReport, progress, task
from claimgraph.evaluate.metrics import prf, span_pairs

if TYPE_CHECKING:
    from spacy.language import Language

Span = tuple[int, int, str]  # start, end (exclusive), type

#: MEANTIME sentence numbers that carry annotation (title, dateline, four body sentences).
MEANTIME_SENTENCES = frozenset(range(6))
NAMED_SYNTACTIC_TYPES = frozenset({"NAM", "PRE.NAM"})

#: spaCy label -> MEANTIME entity type (labels not listed are dropped).
SPACY_TO_MEANTIME = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "LOC",
    "PRODUCT": "PRO",
    "WORK_OF_ART": "PRO",
}
#: spaCy label -> CoNLL-2003 entity type (labels not listed are dropped).
SPACY_TO_CONLL = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "EVENT": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}
SCHEMES = {"meantime": SPACY_TO_MEANTIME, "conll": SPACY_TO_CONLL}

BASELINE = "spaCy en_core_web_sm"


# --- systems ---------------------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` for every non-blank line: one paragraph each."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out


def spacy_mentions(nlp: Language, text: str, mapping: dict[str, str]) -> list[Span]:
    """Entities of ``nlp`` over ``text`` (one paragraph per line), typed via ``mapping``."""
    lines = _lines(text)
    out: list[Span] = []
    for (offset, _), doc in zip(lines, nlp.pipe(line for _, line in lines), strict=True):
        for ent in doc.ents:
            typ = mapping.get(ent.label_)
            if typ:
                out.append((offset + ent.start_char, offset + ent.end_char, typ))
    return out


def claimgraph_mentions(text: str, scheme: str = "meantime") -> list[Span]:
    """claimgraph's named mentions in ``text`` as ``(start, end, type)``.

    ``scheme`` names the type set: ``"meantime"`` (PER, ORG, LOC, PRO) or ``"conll"``
    (PER, ORG, LOC, MISC): the entities of the project's spaCy pipeline with every stage's
    components (:func:`claimgraph.pipeline.nlp`: the actor gazetteer's entity ruler and the
    fixes of spaCy's systematic errors), one paragraph per line. ``claimgraph eval actors``
    scores the full actor stage (resolution and coreference) on MEANTIME.
    """
    from claimgraph.pipeline import nlp

    return spacy_mentions(nlp(), text, SCHEMES[scheme])


@lru_cache(maxsize=1)
def _plain_spacy() -> Language:
    """The plain model (a second copy, loaded once, without any claimgraph component)."""
    import spacy

    from claimgraph.annotate import FALLBACK_MODELS, MODEL, ModelMissingError

    for name in (MODEL, *FALLBACK_MODELS):
        try:
            return spacy.load(name)
        except OSError:  # that model package is not installed
            continue
    raise ModelMissingError(f"spaCy model {MODEL!r} is not installed")


def baseline_mentions(text: str, scheme: str = "meantime") -> list[Span]:
    return spacy_mentions(_plain_spacy(), text, SCHEMES[scheme])


# --- matching and metrics ----------------------------------------------------------------


def match(gold: Sequence[Span], pred: Sequence[Span], exact: bool) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs of the same type.

    ``exact``: same offsets. Otherwise any character overlap, pairs taken greedily by
    largest overlap (ties: earlier gold, then earlier prediction).
    """
    return span_pairs(gold, pred, exact)


@dataclass(slots=True)
class Tally:
    """Running counts for one system: per mode, matched / predicted / gold, per type too."""

    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    overlap: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sequence[Span], pred: Sequence[Span], overlap: bool = True) -> None:
        self.gold.update(t for _, _, t in gold)
        self.pred.update(t for _, _, t in pred)
        self.exact.update(gold[gi][2] for gi, _ in match(gold, pred, exact=True))
        if overlap:
            self.overlap.update(gold[gi][2] for gi, _ in match(gold, pred, exact=False))

    def metrics(self, overlap: bool = True) -> dict[str, float]:
        n_gold, n_pred = sum(self.gold.values()), sum(self.pred.values())
        out: dict[str, float] = {}
        modes = ("overlap", "exact") if overlap else ("exact",)
        for mode in modes:
            tp = sum(getattr(self, mode).values())
            p, r, f = prf(tp, n_pred, n_gold)
            out.update({f"{mode}_p": p, f"{mode}_r": r, f"{mode}_f1": f})
        main = "overlap" if overlap else "exact"
        for typ in sorted(self.gold | self.pred):
            _, _, f = prf(getattr(self, main)[typ], self.pred[typ], self.gold[typ])
            out[f"{main}_f1_{typ}"] = f
        out.update({"gold": float(n_gold), "predicted": float(n_pred)})
        return out


# --- MEANTIME ----------------------------------------------------------------------------


@dataclass(slots=True)
class NerDoc:
    """One document's text, scored regions, typed gold spans and spans to ignore."""

    name: str
    text: str
    gold: list[Span]
    regions: list[tuple[int, int]] = field(default_factory=list)  # empty: the whole text
    ignore: list[tuple[int, int]] = field(default_factory=list)

    def keep(self, pred: Iterable[Span]) -> list[Span]:
        """Predictions that start inside a scored region and overlap no ignored span."""
        out = []
        for s, e, t in pred:
            if self.regions and not any(a <= s < b for a, b in self.regions):
                continue
            if any(s < ie and is_ < e for is_, ie in self.ignore):
                continue
            out.append((s, e, t))
        return out


def meantime_docs(gold: Path) -> tuple[list[NerDoc], dict[str, int]]:
    """MEANTIME documents as :class:`NerDoc` plus counts for the report."""
    from claimgraph.evaluate.meantime import load_meantime

    counts: Counter[str] = Counter(
        {"gold_named_outside_sentences_0_5": 0, "gold_named_without_type_ignored": 0}
    )
    out = []
    for doc in load_meantime(gold):
        entities = {m.m_id: m for m in doc.of_tag("ENTITY")}
        ent_type: dict[str, str] = {}
        for rel in doc.relations_of("REFERS_TO"):
            target = next((t for t in rel.targets if t in entities), None)
            if target is None:
                continue
            typ = entities[target].attrs.get("ent_type", "").strip()
            for src in rel.sources:
                if typ:
                    ent_type[src] = typ
        sents = [s for s in doc.sentences() if s in MEANTIME_SENTENCES]
        regions = [doc.sentence_span(s) for s in sents]
        spans: list[Span] = []
        ignore: list[tuple[int, int]] = []
        for m in doc.of_tag("ENTITY_MENTION"):
            if m.attrs.get("syntactic_type") not in NAMED_SYNTACTIC_TYPES or not m.t_ids:
                continue
            start, end = doc.span(m)
            if doc.sentence_of(m) not in MEANTIME_SENTENCES:
                counts["gold_named_outside_sentences_0_5"] += 1
                continue
            typ = ent_type.get(m.m_id)
            if typ is None:
                counts["gold_named_without_type_ignored"] += 1
                ignore.append((start, end))
                continue
            spans.append((start, end, typ))
        counts["documents"] += 1
        counts["gold_named_mentions"] += len(spans)
        out.append(NerDoc(doc.name, doc.text, spans, regions, ignore))
    return out, dict(counts)


# --- CoNLL-2003 --------------------------------------------------------------------------

_DOCSTART = re.compile(r"^-DOCSTART-(\s|$)")


def read_conll(path: Path) -> list[NerDoc]:
    """Documents of a CoNLL-2003-style file; gold spans from IOB1 or BIO tags."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sentence: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, raw in enumerate(fh, 1):
            line = raw.strip()
            if _DOCSTART.match(line):
                if sentence:
                    docs[-1].append(sentence)
                    sentence = []
                if docs[-1]:
                    docs.append([])
                continue
            if not line:
                if sentence:
                    docs[-1].append(sentence)
                    sentence = []
                continue
            cols = line.split()
            if len(cols) < 2:
                raise ValueError(f"{path}:{lineno}: expected 'token ... NER', got {line!r}")
            sentence.append((cols[0], cols[-1]))
    if sentence:
        docs[-1].append(sentence)
    out = []
    for n, sentences in enumerate(d for d in docs if d):
        text, spans = conll_text_and_spans(sentences)
        out.append(NerDoc(f"{path.name}#{n}", text, spans))
    return out


def conll_text_and_spans(sentences: list[list[tuple[str, str]]]) -> tuple[str, list[Span]]:
    """Text (tokens joined by spaces, one sentence per line) and typed character spans."""
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    for si, sentence in enumerate(sentences):
        if si:
            parts.append("\n")
            pos += 1
        offsets = []
        for ti, (tok, _) in enumerate(sentence):
            if ti:
                parts.append(" ")
                pos += 1
            offsets.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        for a, b, typ in iob_chunks([tag for _, tag in sentence]):
            spans.append((offsets[a][0], offsets[b - 1][1], typ))
    return "".join(parts), spans


def iob_chunks(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Token chunks ``(start, end, type)`` from IOB1 or BIO tags.

    A chunk starts at ``B-X``, or at ``I-X`` after ``O`` or after another type (IOB1, and
    lenient BIO); it goes on over ``I-X``. Tags without a prefix (``PER``) count as ``I-``.
    """
    out: list[tuple[int, int, str]] = []
    start: int | None = None
    cur: str | None = None
    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            prefix, typ = "O", None
        elif len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES":
            prefix, typ = tag[0], tag[2:]
        else:
            prefix, typ = "I", tag
        if prefix == "O":
            if cur is not None:
                out.append((start, i, cur))  # type: ignore[arg-type]
            start, cur = None, None
        elif prefix in "BS" or typ != cur:
            if cur is not None:
                out.append((start, i, cur))  # type: ignore[arg-type]
            start, cur = i, typ
        # prefix I/E with the same type continues the chunk
        if prefix in "ES" and cur is not None:
            out.append((start, i + 1, cur))  # type: ignore[arg-type]
            start, cur = None, None
    if cur is not None:
        out.append((start, len(tags), cur))  # type: ignore[arg-type]
    return out


# --- the task ----------------------------------------------------------------------------


@task("ner")
def evaluate_ner(gold: Path, limit: int | None = None, **_: Any) -> EvalReport:
    """Score claimgraph's and plain spaCy's typed named mentions on MEANTIME or CoNLL."""

    gold = Path(gold)
    if gold.is_file() and gold.suffix.lower() != ".xml":
        fmt = "conll"
        docs = read_conll(gold)
        counts: dict[str, int] = {"documents": len(docs)}
    else:
        fmt = "meantime"
        docs, counts = meantime_docs(gold)
    if limit is not None:
        docs = docs[: max(0, limit)]
    overlap = fmt == "meantime"
    ours, base = Tally(), Tally()
    for doc in progress(docs, f"ner ({fmt})"):
        ours.add(doc.gold, doc.keep(claimgraph_mentions(doc.text, fmt)), overlap)
        base.add(doc.gold, doc.keep(baseline_mentions(doc.text, fmt)), overlap)
    info: dict[str, Any] = {
        "format": fmt,
        **counts,
        "documents_scored": len(docs),
        "gold_mentions_scored": sum(len(d.gold) for d in docs),
        "gold_types": dict(sorted(Counter(t for d in docs for _, _, t in d.gold).items())),
        "matching": "one-to-one; exact = same offsets+type"
        + ("; overlap = same type, largest overlap first" if overlap else ""),
    }
    if fmt == "meantime":
        info["sentences"] = "0..5 (title, dateline, first four body sentences)"
    if not docs:
        print("ner: no documents to score", file=sys.stderr)
    return EvalReport(
        task="ner",
        gold=str(gold),
        systems={"claimgraph": ours.metrics(overlap), BASELINE: base.metrics(overlap)},
        info=info,
    )
