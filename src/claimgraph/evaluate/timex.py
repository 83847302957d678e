"""Eval task "timex": temporal expressions against TimeML (.tml) or MEANTIME XML gold.

Metrics (TempEval-3 style), for claimgraph and, in the same run, the baseline a user would
pick (spaCy DATE/TIME entities normalised by dateparser relative to the creation time):

- extent strict P/R/F1 (same span) and relaxed P/R/F1 (overlapping spans, one-to-one);
- value F1 = (share of relaxed-matched gold timexes with an equal value) x relaxed F1;
- type F1 likewise with the TIMEX3 type.

The creation-time timex (functionInDocument=CREATION_TIME) is excluded; its value is the DCT
given to both systems. MEANTIME annotates only the first sentences of each article, so it is
scored on its annotated sentences only: those holding a TIMEX3 or an EVENT_MENTION markable
(system timexes elsewhere are ignored). The format is detected from the path: a folder (or
file) with ``.tml`` files is TimeML, otherwise MEANTIME ``.xml``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, progress, task


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex]
    #: character ranges that are scored (None = the whole text)
    scored: list[tuple[int, int]] | None = None


@dataclass(slots=True)
class SysTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Counts:
    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_sys: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[tuple[str, str, str, str, str]] = field(default_factory=list)


def parse_date(s: str | None) -> date | None:
    """A DCT from a TIMEX3 value ("1998-01-08", "19980108", "03-02-2009" = day-month-year)."""
    if not s:
        return None
    s = s.strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(s[: len(fmt) + 2], fmt).date()
        except ValueError:
            continue
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", s)
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


# --------------------------------------------------------------------------- loaders


def load_tml(path: Path) -> GoldDoc:
    """One TimeML document: the text inside <TEXT> with its TIMEX3 spans, and the DCT."""
    root = ET.parse(path).getroot()
    dct: date | None = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = parse_date(t.get("value"))
            break
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                parts.append(ch.tail)
                pos += len(ch.tail)
        if el.tag == "TIMEX3" and el.get("functionInDocument") != "CREATION_TIME":
            s, e = start, pos
            raw = "".join(parts)
            while s < e and raw[s].isspace():
                s += 1
            while e > s and raw[e - 1].isspace():
                e -= 1
            if e > s:
                timexes.append(GoldTimex(s, e, el.get("type", ""), el.get("value", "")))

    if text_el is not None:
        walk(text_el)
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


def _dateline(text: str) -> date | None:
    """The publication date of a Wikinews text whose creation time is not annotated: its second
    line is the dateline ("September 01, 2007"), the date a reader of the page sees."""
    lines = text.split("\n", 2)
    if len(lines) < 2:
        return None
    m = re.fullmatch(r"\s*([A-Z][a-z]+\s+\d{1,2},\s+\d{4})\s*", lines[1])
    if not m:
        return None
    try:
        return datetime.strptime(re.sub(r"\s+", " ", m.group(1)), "%B %d, %Y").date()
    except ValueError:
        return None


def load_meantime_docs(path: Path) -> list[GoldDoc]:
    """MEANTIME documents with their TIMEX3 markables, scored on annotated sentences."""
    from claimgraph.evaluate.meantime import load_meantime

    out = []
    for d in load_meantime(path):
        dct = parse_date(d.dct)
        ct = d.creation_time()
        if dct is None and ct is not None and ct.t_ids:
            import dateparser

            s, e = d.span(ct)
            parsed = dateparser.parse(d.text[s:e], languages=["en"])
            dct = parsed.date() if parsed else None
        if dct is None:
            dct = _dateline(d.text)
        gold = []
        for m in d.of_tag("TIMEX3"):
            if m.attrs.get("functionInDocument") == "CREATION_TIME" or not m.t_ids:
                continue
            s, e = d.span(m)
            gold.append(GoldTimex(s, e, m.attrs.get("type", ""), m.attrs.get("value", "")))
        sents = d.annotated_sentences("TIMEX3") | d.annotated_sentences("EVENT_MENTION")
        if ct is not None and ct.t_ids:
            cs = d.sentence_of(ct)
            # the dateline sentence holds only the creation time: not scored
            others = any(d.sentence_of(m) == cs for m in d.of_tag("TIMEX3") if m is not ct)
            if cs is not None and cs not in d.annotated_sentences("EVENT_MENTION") and not others:
                sents.discard(cs)
        scored = [d.sentence_span(s) for s in sorted(sents)]
        out.append(GoldDoc(d.name, d.text, dct, gold, scored))
    return out


def load_gold(path: Path, limit: int | None = None) -> tuple[str, list[GoldDoc]]:
    """Detect the format and load the gold documents: ("timeml"|"meantime", docs)."""
    path = Path(path)
    tml = [path] if path.suffix == ".tml" else sorted(path.rglob("*.tml")) if path.is_dir() else []
    if tml:
        if limit:
            tml = tml[:limit]
        return "timeml", [load_tml(p) for p in tml]
    docs = load_meantime_docs(path)
    return "meantime", docs[:limit] if limit else docs


# --------------------------------------------------------------------------- systems


def claimgraph_system(doc: GoldDoc, sdoc: Any) -> list[SysTimex]:
    from claimgraph.timex import find_timexes

    return [
        SysTimex(t.start, t.end, t.type, t.value) for t in find_timexes(doc.text, doc.dct, sdoc)
    ]


def _format_dp(dt: datetime, period: str | None, label: str) -> str:
    if period == "year":
        return f"{dt.year:04d}"
    if period == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if period == "week":
        y, w, _ = dt.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if period == "time" or label == "TIME":
        return dt.strftime("%Y-%m-%dT%H:%M")
    return dt.date().isoformat()


def baseline_system(doc: GoldDoc, sdoc: Any) -> list[SysTimex]:
    """spaCy DATE/TIME entities, values from dateparser relative to the creation time."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {}
    if doc.dct:
        settings["RELATIVE_BASE"] = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
    parser = DateDataParser(languages=["en"], settings=settings or None)
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        value = ""
        try:
            data = parser.get_date_data(ent.text)
            if data and data.date_obj:
                value = _format_dp(data.date_obj, data.period, ent.label_)
        except Exception:  # dateparser raises on odd input; the baseline then has no value
            value = ""
        out.append(SysTimex(ent.start_char, ent.end_char, ent.label_, value))
    return out


# --------------------------------------------------------------------------- scoring


def _in_scored(t: Any, scored: list[tuple[int, int]] | None) -> bool:
    return scored is None or any(s <= t.start and t.end <= e for s, e in scored)


def score_doc(doc: GoldDoc, sys: list[SysTimex], c: Counts) -> None:
    """Add one document's matches to the counts (one-to-one relaxed matching)."""
    gold = [g for g in doc.timexes if _in_scored(g, doc.scored)]
    sys = [t for t in sys if _in_scored(t, doc.scored)]
    c.gold += len(gold)
    c.sys += len(sys)
    c.strict += len({(g.start, g.end) for g in gold} & {(t.start, t.end) for t in sys})
    used: set[int] = set()
    for g in gold:
        best, best_ov = None, 0
        for i, t in enumerate(sys):
            if i in used:
                continue
            ov = min(g.end, t.end) - max(g.start, t.start)
            if ov > best_ov:
                best, best_ov = i, ov
        if best is None:
            c.errors.append(("missed", doc.name, doc.text[g.start : g.end], g.value, ""))
            continue
        used.add(best)
        t = sys[best]
        c.relaxed_gold += 1
        c.relaxed_sys += 1
        c.value_ok += t.value == g.value
        c.type_ok += t.type == g.type
        if t.value != g.value:
            c.errors.append(("value", doc.name, doc.text[g.start : g.end], g.value, t.value))
    for i, t in enumerate(sys):
        if i not in used:
            c.errors.append(("spurious", doc.name, doc.text[t.start : t.end], "", t.value))


def _prf(tp_sys: int, n_sys: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_sys / n_sys if n_sys else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def metrics(c: Counts) -> dict[str, float]:
    sp, sr, sf = _prf(c.strict, c.sys, c.strict, c.gold)
    rp, rr, rf = _prf(c.relaxed_sys, c.sys, c.relaxed_gold, c.gold)
    va = c.value_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    ta = c.type_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    return {
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "value_acc": va, "value_f1": va * rf, "type_acc": ta, "type_f1": ta * rf,
    }  # fmt: skip


def _progress(items: list[GoldDoc], desc: str) -> Iterator[GoldDoc]:
    yield from progress(items, desc)


@task("timex")
def evaluate_timex(gold: Path, limit: int | None = None, errors: int = 0, **_: Any) -> EvalReport:
    """Score claimgraph's timexes and the spaCy+dateparser baseline on TimeML or MEANTIME gold.

    Options: ``limit`` (first N documents), ``errors`` (keep N error examples in the info).
    """
    from claimgraph.annotate import load_nlp

    fmt, docs = load_gold(Path(gold), limit=int(limit) if limit else None)
    nlp = load_nlp()
    ours, base = Counts(), Counts()
    for doc in _progress(docs, f"timex ({fmt})"):
        sdoc = nlp(doc.text)
        score_doc(doc, claimgraph_system(doc, sdoc), ours)
        score_doc(doc, baseline_system(doc, sdoc), base)
    info: dict[str, Any] = {
        "format": fmt,
        "documents": len(docs),
        "gold_timexes": ours.gold,
        "scored_part": "annotated sentences (TIMEX3 or EVENT_MENTION)"
        if fmt == "meantime"
        else "whole text",
        "excluded": "creation-time timex",
        "dct": "annotated creation time; MEANTIME texts without one: their dateline (line 2)",
    }
    if errors:
        info["errors"] = ours.errors[: int(errors)]
    return EvalReport(
        task="timex",
        gold=str(gold),
        systems={"claimgraph": metrics(ours), "spacy+dateparser": metrics(base)},
        info=info,
    )
