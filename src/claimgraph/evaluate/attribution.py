"""eval task "attribution": reported speech against PolNeAR (brat standoff), beside textacy.

Gold: PolNeAR's ``data/<split>/text/<name>.txt`` with ``data/<split>/attributions/
<name>_<annotator>.ann`` (the alphabetically first annotator when there are several). Every
``E`` line is one attribution; its Content (plus Content2, merged) is the content span, Source
and Cue spans are compared on matched pairs. PolNeAR is univocal (a token belongs to at most
one attribution), so claimgraph's *top-level* attributions (``parent_id is None``) are
scored; nested reports are counted in ``info`` only.

claimgraph's content is one outer span per record; for scoring, its own source and cue spans
inside it are left out (a parenthetical "X, officials said, Y": content X and Y, as in
PolNeAR), and a direct attribution's content is its quoted parts ("“A,” he said. “B.”": A
and B). textacy's contents are taken as they come.

Metric: content spans are matched one-to-one, greedily by decreasing token Jaccard (spaCy
tokens, punctuation left out), at Jaccard >= 0.5 and >= 0.3; precision, recall and F1;
recall on direct gold attributions (content starts or ends with a quote mark) and on the
rest; over matched pairs (>= 0.5): source exact (same span after trimming, or both absent),
source overlap (spans share a token, or both absent) and cue exact accuracy.

Baseline in the same run: textacy's ``extract.triples.direct_quotations`` applied to each
paragraph's spaCy doc (the same parse claimgraph uses).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, task
from claimgraph.evaluate import progress as progress_bar
from claimgraph.evaluate.metrics import greedy_pairs

_QUOTES = "\"“”„«»'‘’"


@dataclass(slots=True)
class Span3:
    """An attribution as three char spans (content required; source/cue may be absent)."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] | None
    cue: list[tuple[int, int]] | None


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: list[Span3]


def _frags(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (f.split() for f in spec.split(";"))]


def parse_ann(ann: str) -> list[Span3]:
    """Attributions of one brat ``.ann`` file (E lines; Content2 merged into Content)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = re.match(r"^(T\d+)\t(\S+) ([\d ;]+)\t", line)
        if m:
            spans[m.group(1)] = _frags(m.group(3))
            continue
        m = re.match(r"^(E\d+)\t(.+)$", line)
        if m:
            ev: dict[str, str] = {}
            for arg in m.group(2).split():
                role, _, ref = arg.partition(":")
                ev[role] = ref
            events.append(ev)
    out: list[Span3] = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), []) + spans.get(ev.get("Content2", ""), [])
        if not content:
            continue
        out.append(
            Span3(
                sorted(content),
                spans.get(ev["Source"]) if "Source" in ev else None,
                spans.get(ev["Cue"]) if "Cue" in ev else None,
            )
        )
    return out


def _split_dir(gold: Path, split: str) -> Path:
    for cand in (gold / "data" / split, gold / split, gold):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise FileNotFoundError(f"no PolNeAR {split!r} split (text/ and attributions/) under {gold}")


def load_polnear(gold: Path, split: str = "dev", limit: int | None = None) -> list[GoldDoc]:
    """PolNeAR documents of a split, each with its first annotator's attributions."""
    root = _split_dir(gold, split)
    docs: list[GoldDoc] = []
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(txt.stem, text, parse_ann(anns[0].read_text(encoding="utf-8"))))
        if limit and len(docs) >= limit:
            break
    return docs


class _Tokens:
    """Word tokens (no punctuation) of one document with absolute char offsets."""

    def __init__(self, paragraphs: Iterable[Any]) -> None:
        toks = []
        for p in paragraphs:
            for t in p.doc:
                if not (t.is_punct or t.is_space):
                    toks.append((p.start + t.idx, p.start + t.idx + len(t.text)))
        toks.sort()
        self.starts = [s for s, _ in toks]
        self.toks = toks

    def of(self, frags: list[tuple[int, int]] | None) -> frozenset[int]:
        """Indices of the word tokens overlapping any fragment."""
        if not frags:
            return frozenset()
        out: set[int] = set()
        for s, e in frags:
            i = max(0, bisect.bisect_right(self.starts, s) - 1)
            while i < len(self.toks) and self.toks[i][0] < e:
                if self.toks[i][1] > s:
                    out.add(i)
                i += 1
        return frozenset(out)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _match(
    gold: list[frozenset[int]], pred: list[frozenset[int]], threshold: float
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by decreasing Jaccard, keeping pairs >= threshold."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g & p:
                j = _jaccard(g, p)
                if j >= threshold:
                    cands.append((j, gi, pi))
    return greedy_pairs(cands)


def _trim(text: str, frags: list[tuple[int, int]] | None) -> tuple[int, int] | None:
    """Outer span of fragments with white space and punctuation trimmed."""
    if not frags:
        return None
    s, e = min(f[0] for f in frags), max(f[1] for f in frags)
    strip = " \t\n,.;:" + _QUOTES
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip:
        e -= 1
    return (s, e) if e > s else None


class _Scorer:
    """Accumulates counts for one system."""

    def __init__(self) -> None:
        self.c: dict[str, float] = {}

    def add(self, key: str, n: float = 1) -> None:
        self.c[key] = self.c.get(key, 0) + n

    def score(
        self,
        text: str,
        toks: _Tokens,
        gold: list[Span3],
        pred: list[Span3],
    ) -> None:
        g_sets = [toks.of(g.content) for g in gold]
        p_sets = [toks.of(p.content) for p in pred]
        keep_g = [i for i, s in enumerate(g_sets) if s]
        keep_p = [i for i, s in enumerate(p_sets) if s]
        gold = [gold[i] for i in keep_g]
        g_sets = [g_sets[i] for i in keep_g]
        pred = [pred[i] for i in keep_p]
        p_sets = [p_sets[i] for i in keep_p]
        self.add("gold", len(gold))
        self.add("pred", len(pred))
        direct = []
        for g in gold:
            ct = text[min(f[0] for f in g.content) : max(f[1] for f in g.content)].strip()
            direct.append(bool(ct) and (ct[0] in _QUOTES or ct[-1] in _QUOTES))
        self.add("gold_direct", sum(direct))
        self.add("gold_indirect", len(direct) - sum(direct))
        for thr, tag in ((0.5, "50"), (0.3, "30")):
            pairs = _match(g_sets, p_sets, thr)
            self.add(f"tp{tag}", len(pairs))
            if tag != "50":
                continue
            for gi, pi in pairs:
                self.add("tp_direct" if direct[gi] else "tp_indirect")
                g, p = gold[gi], pred[pi]
                gs, ps = _trim(text, g.source), _trim(text, p.source)
                self.add("src_exact", gs == ps)
                if gs is None or ps is None:
                    self.add("src_overlap", gs is None and ps is None)
                else:
                    self.add("src_overlap", bool(toks.of([gs]) & toks.of([ps])) or gs == ps)
                self.add("cue_exact", _trim(text, g.cue) == _trim(text, p.cue))

    def metrics(self) -> dict[str, float]:
        c = self.c
        out: dict[str, float] = {}
        for tag in ("50", "30"):
            tp = c.get(f"tp{tag}", 0)
            p = tp / c["pred"] if c.get("pred") else 0.0
            r = tp / c["gold"] if c.get("gold") else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[f"P@{tag}"] = round(p, 4)
            out[f"R@{tag}"] = round(r, 4)
            out[f"F1@{tag}"] = round(f, 4)
        for kind in ("direct", "indirect"):
            n = c.get(f"gold_{kind}", 0)
            out[f"R_{kind}@50"] = round(c.get(f"tp_{kind}", 0) / n, 4) if n else 0.0
        tp = c.get("tp50", 0)
        for k in ("src_exact", "src_overlap", "cue_exact"):
            out[k] = round(c.get(k, 0) / tp, 4) if tp else 0.0
        out["pred"] = c.get("pred", 0)
        return out


def _content_frags(a: Any) -> list[tuple[int, int]]:
    """The content span of an attribution with its own source and cue spans cut out.

    A parenthetical report ("The plan, officials said, will fail") or a quote that runs on
    after its speaker tag ("“A,” he said. “B.”") has one outer content span holding the
    source and cue; a token has one role (PolNeAR is univocal), so they are not content.
    """
    frags = [(a.content_start, a.content_end)]
    for s, e in ((a.source_start, a.source_end), (a.cue_start, a.cue_end)):
        if s is None or e is None:
            continue
        nxt = []
        for fs, fe in frags:
            if fs < s and e < fe:
                nxt += [(fs, s), (e, fe)]
            else:
                nxt.append((fs, fe))
        frags = nxt
    return frags


def _quoted_frags(text: str, a: Any) -> list[tuple[int, int]]:
    """The quoted parts of a direct attribution's content ("“A,” he said. “B.”": A and B),
    paragraph by paragraph (a quote over several paragraphs gives one part per paragraph)."""
    from claimgraph.attribution import find_quotes

    s, e = a.content_start, a.content_end
    if text[s:e][:1] not in _QUOTES and text[s : s + 2] != "''":
        return [(s, e)]  # verbatim words that are not a quote (an embedded post)
    out: list[tuple[int, int]] = []
    lines = text[s:e].split("\n")
    at = s
    for k, line in enumerate(lines):  # quotes pair within a paragraph
        last = k == len(lines) - 1
        # an unclosed quote before the content's last line runs on into the next paragraph
        out += [(at + qs, at + qe) for qs, qe, closed in find_quotes(line) if closed or not last]
        at += len(line) + 1
    return out or [(s, e)]


def _claimgraph_pred(rec: Any) -> tuple[list[Span3], int]:
    """Top-level claimgraph attributions of one record (and the number of nested ones)."""
    out = []
    nested = 0
    for a in rec.extra.get("attributions", []):
        if a.parent_id is not None:
            nested += 1
            continue
        out.append(
            Span3(
                _quoted_frags(rec.text, a) if a.kind == "direct" else _content_frags(a),
                [(a.source_start, a.source_end)] if a.source_start is not None else None,
                [(a.cue_start, a.cue_end)] if a.cue_start is not None else None,
            )
        )
    return out, nested


def _textacy_pred(ann: Any) -> tuple[list[Span3], int]:
    """textacy ``direct_quotations`` over each paragraph (errors counted, not raised)."""
    from textacy.extract.triples import direct_quotations

    out: list[Span3] = []
    errors = 0
    for p in ann.paragraphs:
        try:
            triples = list(direct_quotations(p.doc))
        except Exception:  # textacy raises on some quote layouts; the baseline gets nothing
            errors += 1
            continue
        for tr in triples:
            src = (
                [(p.start + tr.speaker[0].idx, p.start + tr.speaker[-1].idx + len(tr.speaker[-1]))]
                if tr.speaker
                else None
            )
            cue = (
                [(p.start + tr.cue[0].idx, p.start + tr.cue[-1].idx + len(tr.cue[-1]))]
                if tr.cue
                else None
            )
            c = tr.content
            out.append(Span3([(p.start + c.start_char, p.start + c.end_char)], src, cue))
    return out, errors


@task("attribution")
def evaluate_attribution(
    gold: Path, split: str = "dev", limit: int | None = None, progress: bool = True, **_: Any
) -> EvalReport:
    """Score claimgraph's attributions and textacy's direct quotations on PolNeAR."""
    from claimgraph import attribution
    from claimgraph.annotate import annotate_many
    from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment

    docs = load_polnear(gold, split, limit)
    clean = [CleanDoc(d.text, (Segment("body", 0, len(d.text)),)) for d in docs]
    try:
        import textacy  # noqa: F401

        have_textacy = True
    except ImportError:
        have_textacy = False
    ours, base = _Scorer(), _Scorer()
    nested = errors = 0
    anns = annotate_many(clean)
    it = zip(docs, clean, anns, strict=True)
    if progress:
        it = progress_bar(it, f"attribution {split}", total=len(docs))
    for d, cd, ann in it:
        rec = ArticleRecords(Article(d.name, d.text, "text", d.name), cd)
        attribution.run(rec, ann)
        pred, n = _claimgraph_pred(rec)
        nested += n
        toks = _Tokens(ann.paragraphs)
        ours.score(d.text, toks, d.attributions, pred)
        if have_textacy:
            bpred, e = _textacy_pred(ann)
            errors += e
            base.score(d.text, toks, d.attributions, bpred)
    report = EvalReport("attribution", str(gold))
    report.systems["claimgraph"] = ours.metrics()
    if have_textacy:
        report.systems["textacy.direct_quotations"] = base.metrics()
    report.info.update(
        {
            "split": split,
            "documents": len(docs),
            "gold_attributions": ours.c.get("gold", 0),
            "gold_direct": ours.c.get("gold_direct", 0),
            "claimgraph_nested_not_scored": nested,
            "textacy": "installed" if have_textacy else "not installed: baseline missing",
            "textacy_paragraph_errors": errors,
            "matching": "one-to-one greedy, token Jaccard (spaCy tokens, no punctuation)",
        }
    )
    return report
