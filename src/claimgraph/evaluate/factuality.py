"""Eval task ``factuality``: event factuality against MEANTIME and the UW factuality corpus.

The format is detected from the path:

- MEANTIME (a folder with ``intra-doc_annotation/`` or any folder/file of MEANTIME XML): every
  annotated sentence (one holding an EVENT_MENTION) is parsed with spaCy on its own, each gold
  event mention with polarity/certainty/time values is aligned to the spaCy token at the root
  of its character span, and :func:`claimgraph.events.factuality` predicts the three values.
  Every gold mention is scored, whether or not our event extractor finds it, so this measures
  the factuality rules alone. Metrics per attribute: accuracy and macro-F1 over the labels
  present in the gold (the F1 of each label is in ``info``).
  Baseline in the same run: the majority class of each attribute (counted on the same gold,
  i.e. an upper bound for any constant guess).
- UW factuality (a ``.conll`` file, or a folder with ``uw/{train,dev,test}.conll``; ``split``
  option, default ``dev``): columns token index, token, score (-3..3, ``_`` if the token is
  not an annotated event), POS, head, dep, lemma. Sentences are rebuilt by joining tokens with
  spaces and parsed with spaCy; each annotated token is aligned by character offset. The
  predicted (polarity, certainty, time) triple is mapped to a score: by default the mean gold
  score of that triple on ``train.conll`` (a 12-cell lookup table, fitted in the same run when
  the train file is next to the scored file; documented in ``info``), else the fixed mapping
  :data:`FIXED_SCORES` (CERTAIN POS 3, PROBABLE POS 1.5, POSSIBLE POS 0.75, negatives
  mirrored, UNDERSPECIFIED 0, future events scaled by 0.5). Metrics: MAE and Pearson r.
  Baseline in the same run: 3, or -3 when the token has a ``neg`` dependent in the spaCy parse.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, task

ATTRS = ("polarity", "certainty", "time")

_CERT_SCORE = {"CERTAIN": 3.0, "PROBABLE": 1.5, "POSSIBLE": 0.75, "UNDERSPECIFIED": 0.0}


def fixed_score(pol: str, cert: str, time: str) -> float:
    """The fixed factuality -> UW score mapping (used when no train file is available)."""
    if pol == "UNDERSPECIFIED":
        return 0.0
    s = _CERT_SCORE.get(cert, 0.0)
    if time == "FUTURE":
        s *= 0.5
    return -s if pol == "NEG" else s


FIXED_SCORES = fixed_score


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-averaged F1 over the labels that occur in ``gold``."""
    labels = sorted(set(gold))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def per_class_f1(gold: list[str], pred: list[str]) -> dict[str, float]:
    """F1 of each label that occurs in ``gold`` (the terms of :func:`macro_f1`)."""
    out = {}
    for lab in sorted(set(gold)):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        out[lab] = round(2 * tp / (2 * tp + fp + fn), 4) if tp else 0.0
    return out


def _accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


# ---------------------------------------------------------------- MEANTIME


def meantime_items(path: Path, limit: int | None = None) -> list[tuple[dict[str, str], Any]]:
    """(gold attrs, spaCy token) for every usable gold event mention."""
    from claimgraph.annotate import load_nlp
    from claimgraph.evaluate.meantime import load_meantime

    nlp = load_nlp()
    docs = load_meantime(path)
    if limit:
        docs = docs[:limit]
    jobs: list[tuple[str, tuple[Any, int, int]]] = []
    for d in docs:
        for s in sorted(d.annotated_sentences("EVENT_MENTION")):
            ss, se = d.sentence_span(s)
            jobs.append((d.text[ss:se], (d, s, ss)))
    out: list[tuple[dict[str, str], Any]] = []
    for sdoc, (d, s, ss) in nlp.pipe(jobs, as_tuples=True, batch_size=64):
        for m in d.of_tag("EVENT_MENTION"):
            if d.sentence_of(m) != s:
                continue
            a = m.attrs
            if not all(a.get(k) for k in ATTRS):
                continue
            b, e = d.span(m)
            span = sdoc.char_span(b - ss, e - ss, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            out.append(({k: a[k] for k in ATTRS}, span.root))
    return out


def eval_meantime(path: Path, limit: int | None = None) -> EvalReport:
    from claimgraph.events.factuality import factuality

    items = meantime_items(path, limit)
    rep = EvalReport("factuality", str(path))
    gold = {k: [g[k] for g, _ in items] for k in ATTRS}
    preds = [factuality(tok) for _, tok in items]
    pred = {k: [p[i] for p in preds] for i, k in enumerate(ATTRS)}
    ours: dict[str, float] = {}
    base: dict[str, float] = {}
    majority: dict[str, str] = {}
    for k in ATTRS:
        ours[f"{k}_acc"] = round(_accuracy(gold[k], pred[k]), 4)
        ours[f"{k}_macro_f1"] = round(macro_f1(gold[k], pred[k]), 4)
        maj = Counter(gold[k]).most_common(1)[0][0] if gold[k] else ""
        majority[k] = maj
        bp = [maj] * len(gold[k])
        base[f"{k}_acc"] = round(_accuracy(gold[k], bp), 4)
        base[f"{k}_macro_f1"] = round(macro_f1(gold[k], bp), 4)
    rep.systems["claimgraph"] = ours
    rep.systems["majority class"] = base
    rep.info.update(
        corpus="MEANTIME",
        mentions=len(items),
        majority=majority,
        gold_distribution={k: dict(Counter(gold[k])) for k in ATTRS},
        claimgraph_f1_per_label={k: per_class_f1(gold[k], pred[k]) for k in ATTRS},
        alignment="root token of the gold mention's character span in a spaCy parse of its sentence",
    )
    return rep


# ---------------------------------------------------------------- UW factuality


def read_conll(path: Path) -> list[list[tuple[str, float | None]]]:
    """Sentences of (token, score or None) from a UW factuality CoNLL file."""
    sents: list[list[tuple[str, float | None]]] = []
    cur: list[tuple[str, float | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        score = None if cols[2] == "_" else float(cols[2])
        cur.append((cols[1], score))
    if cur:
        sents.append(cur)
    return sents


def uw_items(path: Path, limit: int | None = None) -> list[tuple[float, Any]]:
    """(gold score, spaCy token) for every annotated token."""
    from claimgraph.annotate import load_nlp

    nlp = load_nlp()
    sents = read_conll(path)
    if limit:
        sents = sents[:limit]
    jobs = []
    for sent in sents:
        offs = []
        pos = 0
        for tok, _ in sent:
            offs.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        jobs.append((" ".join(t for t, _ in sent), (sent, offs)))
    out: list[tuple[float, Any]] = []
    for sdoc, (sent, offs) in nlp.pipe(jobs, as_tuples=True, batch_size=64):
        for (_, score), (b, e) in zip(sent, offs, strict=True):
            if score is None:
                continue
            span = sdoc.char_span(b, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            out.append((score, span.root))
    return out


def _pearson(x: list[float], y: list[float]) -> float:
    try:
        return statistics.correlation(x, y)
    except statistics.StatisticsError:
        return 0.0


def fit_mapping(items: list[tuple[float, Any]]) -> dict[tuple[str, str, str], float]:
    """Mean gold score per predicted (polarity, certainty, time) triple."""
    from claimgraph.events.factuality import factuality

    acc: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for score, tok in items:
        acc[factuality(tok)].append(score)
    return {k: sum(v) / len(v) for k, v in acc.items()}


def eval_uw(
    path: Path, split: str = "dev", limit: int | None = None, fit: bool = True
) -> EvalReport:
    from claimgraph.events.factuality import factuality

    if path.is_dir():
        cand = [path / f"{split}.conll", path / "uw" / f"{split}.conll"]
        path = next((c for c in cand if c.exists()), cand[0])
    items = uw_items(path, limit)
    train = path.parent / "train.conll"
    mapping: dict[tuple[str, str, str], float] = {}
    if fit and train.exists() and train != path:
        mapping = fit_mapping(uw_items(train, limit * 3 if limit else None))
    gold = [s for s, _ in items]
    facts = [factuality(t) for _, t in items]
    fixed = [fixed_score(*f) for f in facts]
    learned = [mapping.get(f, fixed_score(*f)) for f in facts]
    base = [-3.0 if any(c.dep_ == "neg" for c in t.children) else 3.0 for _, t in items]

    def metrics(pred: list[float]) -> dict[str, float]:
        mae = sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / len(gold)
        return {"mae": round(mae, 4), "pearson_r": round(_pearson(gold, pred), 4)}

    rep = EvalReport("factuality", str(path))
    if mapping:
        rep.systems["claimgraph (mapping fitted on train)"] = metrics(learned)
    rep.systems["claimgraph (fixed mapping)"] = metrics(fixed)
    rep.systems["baseline: 3 unless negated"] = metrics(base)
    rep.info.update(
        corpus="UW factuality",
        tokens=len(items),
        mapping={" ".join(k): round(v, 3) for k, v in sorted(mapping.items())},
        mapping_source=str(train) if mapping else "fixed (see fixed_score)",
    )
    return rep


def _is_uw(path: Path) -> bool:
    if path.suffix == ".conll":
        return True
    return path.is_dir() and (any(path.glob("*.conll")) or any(path.glob("uw/*.conll")))


@task("factuality")
def evaluate(gold: Path, split: str = "dev", limit: int | None = None, **_: Any) -> EvalReport:
    """MEANTIME or UW factuality, detected from ``gold``; ``limit`` caps documents/sentences."""
    gold = Path(gold)
    if _is_uw(gold):
        return eval_uw(gold, split=split, limit=limit)
    return eval_meantime(gold, limit=limit)
