"""Eval task "fusion": cross-document event coreference on MEANTIME.

Gold: MEANTIME's ``intra_cross-doc_annotation`` (four sub-corpora of 15 Wikinews articles).
Every EVENT_MENTION is a gold mention; it REFERS_TO an EVENT markable, whose ``instance_id``
(when given) is shared across the documents of the sub-corpus; an EVENT without instance id
is a document-local chain; a mention with no REFERS_TO is a singleton. The system clusters
these gold mentions inside each sub-corpus from features it computes from the text with the
project's spaCy pipeline (:func:`claimgraph.annotate.load_nlp`): the trigger's lemma and
part of speech, its syntactic arguments, the named entities and the dates of its sentence,
its negation, and the document's publication date (its creation time). No gold attribute (pred, class, participants) is read by the system.

Scores: MUC, B-cubed, CEAF-e and their average (CoNLL F1), over all mentions of the four
sub-corpora (clusters never cross a sub-corpus). Baselines in the same run: SAME LEMMA (all
mentions of one trigger lemma in a sub-corpus form one event) and ALL SINGLETONS.

The system is :func:`cluster_mentions`: as in :mod:`claimgraph.fuse.events`, mentions are
merged only when every cross pair is compatible (complete link, :func:`compatible`), in a
deterministic order (sorted keys). MEANTIME mentions carry no PLOVER type or canonical
actors, so the trigger lemma stands for the type and argument heads for the actors.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, task
from claimgraph.evaluate.meantime import MeantimeDoc, load_meantime
from claimgraph.fuse.events import as_day

CROSS_DOC = "intra_cross-doc_annotation"

# ------------------------------------------------------------------ metrics


def _index(clusters: Iterable[Iterable[str]]) -> dict[str, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> tuple[float, float, float]:
    """MUC link-based precision, recall, F1 (Vilain et al. 1995)."""

    def score(keys: Sequence[set[str]], other: Sequence[set[str]]) -> tuple[int, int]:
        idx = _index(other)
        num = den = 0
        for k in keys:
            parts = {idx.get(m, ("single", m)) for m in k}
            num += len(k) - len(parts)
            den += len(k) - 1
        return num, den

    rn, rd = score(gold, pred)
    pn, pd = score(pred, gold)
    r = rn / rd if rd else 0.0
    p = pn / pd if pd else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def b_cubed(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> tuple[float, float, float]:
    """B-cubed mention-based precision, recall, F1 (Bagga and Baldwin 1998)."""
    gi, pi = _index(gold), _index(pred)
    mentions = list(gi)
    p = r = 0.0
    for m in mentions:
        g, c = gold[gi[m]], pred[pi[m]]
        inter = len(g & c)
        p += inter / len(c)
        r += inter / len(g)
    n = len(mentions) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> tuple[float, float, float]:
    """Entity-based CEAF with phi4 similarity and an optimal alignment (Luo 2005)."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    if not gold or not pred:
        return 0.0, 0.0, 0.0
    pi = _index(pred)
    sim = np.zeros((len(gold), len(pred)))
    for i, g in enumerate(gold):
        for m in g:
            j = pi.get(m)
            if j is not None and sim[i, j] == 0:
                inter = len(g & pred[j])
                sim[i, j] = 2 * inter / (len(g) + len(pred[j]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    p, r = total / len(pred), total / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def conll(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> dict[str, float]:
    """MUC, B3 and CEAF-e F1 (and P/R) and their average, the CoNLL F1."""
    out: dict[str, float] = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = fn(gold, pred)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


def cross_doc_pairs(gold: Sequence[set[str]], pred: Sequence[set[str]]) -> dict[str, float]:
    """Pairwise precision and recall over coreference links between DIFFERENT documents
    (mention keys are ``corpus/doc/m_id``), the part that is cross-document proper."""

    def links(clusters: Sequence[set[str]]) -> set[tuple[str, str]]:
        out = set()
        for c in clusters:
            ms = sorted(c)
            for i, a in enumerate(ms):
                for b in ms[i + 1 :]:
                    if a.rsplit("/", 1)[0] != b.rsplit("/", 1)[0]:
                        out.add((a, b))
        return out

    g, p = links(gold), links(pred)
    tp = len(g & p)
    return {
        "xdoc_links": float(len(p)),
        "xdoc_p": tp / len(p) if p else 0.0,
        "xdoc_r": tp / len(g) if g else 0.0,
    }


# ------------------------------------------------------------------ gold


@dataclass(slots=True)
class GoldMention:
    """A gold event mention with the features the system computes from the text."""

    key: str  # corpus/doc/m_id
    corpus: str
    doc: str
    sentence: int
    start: int
    end: int
    text: str
    gold: str  # gold cluster key
    lemma: str = ""
    pos: str = ""
    args: frozenset[str] = field(default_factory=frozenset)
    ents: frozenset[str] = field(default_factory=frozenset)
    dates: frozenset[str] = field(default_factory=frozenset)
    dct: str | None = None
    negated: bool = False
    subj: str = ""  # subject (verbs) or possessor/compound modifier (nouns)
    obj: str = ""  # direct object (verbs) or "of" complement (nouns)


def gold_mentions(docs: Sequence[MeantimeDoc]) -> list[GoldMention]:
    """Every EVENT_MENTION with its gold cluster key (instance id, local chain or itself)."""
    out: list[GoldMention] = []
    for d in docs:
        events = {m.m_id: m for m in d.of_tag("EVENT")}
        ref: dict[str, str] = {}
        for rel in d.relations_of("REFERS_TO"):
            for t in rel.targets:
                if t in events:
                    inst = events[t].attrs.get("instance_id")
                    key = f"{d.corpus}/{inst}" if inst else f"{d.corpus}/{d.doc_id}/ev{t}"
                    for s in rel.sources:
                        ref[s] = key
        for m in d.of_tag("EVENT_MENTION"):
            if not m.t_ids:
                continue
            s, e = d.span(m)
            key = f"{d.corpus}/{d.doc_id}/{m.m_id}"
            out.append(
                GoldMention(
                    key=key,
                    corpus=d.corpus,
                    doc=d.doc_id,
                    sentence=d.sentence_of(m) or 0,
                    start=s,
                    end=e,
                    text=d.text[s:e],
                    gold=ref.get(m.m_id, key),
                    dct=d.dct,
                )
            )
    return out


# ------------------------------------------------------------------ features

_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "obj", "iobj", "attr", "agent", "poss", "compound"}
_NEG = {"not", "n't", "never", "no"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def annotate_features(docs: Sequence[MeantimeDoc], mentions: list[GoldMention]) -> None:
    """Fill lemma, POS, arguments, sentence entities and dates from spaCy's parse."""
    from claimgraph.annotate import load_nlp

    nlp = load_nlp()
    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    for d, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        ents_by_sent: dict[int, set[str]] = defaultdict(set)
        dates_by_sent: dict[int, set[str]] = defaultdict(set)
        for ent in parsed.ents:
            sid = ent.sent.start
            if ent.label_ in ("DATE", "TIME"):
                dates_by_sent[sid].add(_norm(ent.text))
            elif ent.label_ not in ("CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"):
                ents_by_sent[sid].add(_head_word(ent.text))
        for m in by_doc.get(d.doc_id, []):
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                m.lemma = _norm(m.text)
                continue
            head = span.root
            m.lemma = head.lemma_.lower()
            m.pos = head.pos_
            args: set[str] = set()
            for child in head.children:
                if child.dep_ in _ARG_DEPS:
                    args.add(_arg(child))
                    if child.dep_ in ("nsubj", "nsubjpass", "poss", "compound") and not m.subj:
                        m.subj = _arg(child)
                    elif child.dep_ in ("dobj", "obj") and not m.obj:
                        m.obj = _arg(child)
                elif child.dep_ == "prep":
                    for g in child.children:
                        if g.dep_ == "pobj":
                            args.add(_arg(g))
                            if child.lower_ == "of" and head.pos_ == "NOUN" and not m.obj:
                                m.obj = _arg(g)
            if head.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj"):
                args.add(_arg(head.head))
            m.args = frozenset(a for a in args if a)
            m.ents = frozenset(ents_by_sent.get(head.sent.start, set()))
            m.dates = frozenset(dates_by_sent.get(head.sent.start, set()))
            m.negated = any(c.dep_ == "neg" or c.lower_ in _NEG for c in head.children)


def _head_word(text: str) -> str:
    words = _norm(text).split()
    return words[-1] if words else ""


def _arg(tok: Any) -> str:
    """An argument's key: its entity's last word if it is a named entity, else its lemma."""
    if tok.ent_type_ and tok.ent_iob_ != "O":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return _head_word(ent.text)
    if tok.pos_ in ("PRON", "DET"):
        return ""
    return tok.lemma_.lower()


# ------------------------------------------------------------------ systems


def same_lemma(mentions: Sequence[GoldMention]) -> list[set[str]]:
    """Baseline: one event per (sub-corpus, trigger lemma)."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        groups[(m.corpus, m.lemma)].add(m.key)
    return list(groups.values())


def singletons(mentions: Sequence[GoldMention]) -> list[set[str]]:
    return [{m.key} for m in mentions]


@cache
def light_verbs() -> frozenset[str]:
    """Lemmas of ``data/fusion_light_verbs.tsv`` (copular, light and reporting verbs)."""
    text = resources.files("claimgraph.data").joinpath("fusion_light_verbs.tsv").read_text("utf-8")
    return frozenset(
        line.split("\t")[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


#: Across documents, mentions must come from articles published within this many days.
XDOC_MAX_DAYS = 31


def compatible(a: GoldMention, b: GoldMention) -> bool:
    """Could two mentions be one event?

    Same sub-corpus, trigger lemma and polarity; a light or reporting verb also needs a
    shared argument. In one document that is enough. Across documents: no light or reporting
    verb and no pronoun (each article's speech acts are its own), publication dates at most
    :data:`XDOC_MAX_DAYS` apart, sentence dates agreeing when both sentences give some, and
    a named entity shared by the two sentences.
    """
    if a.corpus != b.corpus or a.lemma != b.lemma or a.negated != b.negated:
        return False
    if a.lemma in light_verbs() and not (a.args & b.args):
        return False
    if a.doc == b.doc:
        return True
    if a.lemma in light_verbs() or a.pos in ("PRON", "DET"):
        return False
    da, db = as_day(a.dct), as_day(b.dct)
    if da and db and abs((da - db).days) > XDOC_MAX_DAYS:
        return False
    if a.dates and b.dates and not (a.dates & b.dates):
        return False
    return bool(a.ents & b.ents)


def cluster_mentions(mentions: Sequence[GoldMention]) -> list[set[str]]:
    """claimgraph: complete-link clusters of compatible mentions (deterministic)."""
    ms = sorted(mentions, key=lambda m: m.key)
    by_lemma: dict[tuple[str, str], list[GoldMention]] = defaultdict(list)
    for m in ms:
        by_lemma[(m.corpus, m.lemma)].append(m)
    out: list[set[str]] = []
    for group in by_lemma.values():
        clusters: list[list[GoldMention]] = [[m] for m in group]
        merged = True
        while merged:
            merged = False
            for i in range(len(clusters)):
                for j in range(i + 1, len(clusters)):
                    if all(compatible(x, y) for x in clusters[i] for y in clusters[j]):
                        clusters[i] += clusters.pop(j)
                        merged = True
                        break
                if merged:
                    break
        out += [{m.key for m in c} for c in clusters]
    return out


# ------------------------------------------------------------------ the task


def load(gold: Path, limit: int | None = None) -> tuple[list[MeantimeDoc], list[GoldMention]]:
    """The cross-document MEANTIME documents (``limit`` per sub-corpus) and their mentions."""
    root = Path(gold)
    if (root / CROSS_DOC).is_dir():
        root = root / CROSS_DOC
    elif (root / "meantime" / CROSS_DOC).is_dir():
        root = root / "meantime" / CROSS_DOC
    docs = load_meantime(root)
    if limit:
        per: dict[str, int] = defaultdict(int)
        kept = []
        for d in docs:
            if per[d.corpus] < limit:
                per[d.corpus] += 1
                kept.append(d)
        docs = kept
    mentions = gold_mentions(docs)
    annotate_features(docs, mentions)
    return docs, mentions


def gold_clusters(mentions: Sequence[GoldMention]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        groups[m.gold].add(m.key)
    return list(groups.values())


@task("fusion")
def evaluate(gold: Path, limit: int | None = None, **_: Any) -> EvalReport:
    """Score cross-document event coreference on MEANTIME's gold mentions."""
    docs, mentions = load(gold, limit)
    g = gold_clusters(mentions)
    systems = {}
    for name, fn in (
        ("claimgraph", cluster_mentions),
        ("baseline: same lemma", same_lemma),
        ("baseline: all singletons", singletons),
    ):
        pred = fn(mentions)
        systems[name] = {**conll(g, pred), **cross_doc_pairs(g, pred)}
    cross = sum(1 for c in g if len({m.split("/")[1] for m in c}) > 1)
    return EvalReport(
        task="fusion",
        gold=str(gold),
        systems=systems,
        info={
            "documents": len(docs),
            "sub-corpora": len({d.corpus for d in docs}),
            "gold mentions": len(mentions),
            "gold events": len(g),
            "gold events spanning documents": cross,
            "gold cross-document links": int(cross_doc_pairs(g, g)["xdoc_links"]),
            "metrics": "MUC, B3, CEAF-e (phi4) over all mentions incl. singletons; "
            "CoNLL F1 = their mean",
        },
    )
