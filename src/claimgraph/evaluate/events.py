"""Eval task ``events``: PLOVER event type, source and target against the PLOVER gold records.

Gold data: ``PLOVER_GSR_CAMEO.json`` (a file, or a folder holding it): one record per event with
``text``, ``event`` (old 0.5b1 labels are mapped per the PLOVER manual: DEMAND -> REQUEST,
DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), ``eventText`` (the coder's
trigger words) and ``source`` / ``target`` lists of actors with CAMEO country codes. The
DOCUMENT record and records without text are skipped.

Each record's text is run through the pipeline (annotate, the actors stage if it is
installed, events). The record's event is "our best event": the gold ``eventText`` words only
align (our mentions whose trigger words occur in it are about the coded event, as trigger
matching does in event-extraction scoring); among the aligned mentions (all mentions if none
aligns) our own ranking chooses: the trigger highest in the dependency tree (a noun object of
its verb counts at the verb's depth), then the first in the text, then the first emitted.
Neither the gold type nor the gold participants take part in the choice. Its type is
:func:`claimgraph.events.plover_coding` (a future act announced by the actor is coded as
AGREE / THREATEN, as PLOVER coders do).

Metrics:
- ``type_acc``: best event's type == gold type (a record with no event counts as wrong);
- ``type_src_tgt_acc``: type right, and the source's code is among the gold source codes (or
  both are empty), and the same for the target. Codes come from
  :func:`claimgraph.events.event_codes`: the actors stage's actor country (ISO alpha-3, mapped
  to CAMEO where CAMEO differs, e.g. JPN -> JAP), IGO for international organisations, a
  country name or demonym in the participant's phrase (``data/cameo_countries.tsv``), and for
  a participant nothing places (a person, a new group) the other participant's country, else
  the first country placed in the sentence.

Baseline in the same run: majority class for type (the most frequent gold type, counted on the
same gold, so an upper bound for a constant guess); for source/target the baseline codes the
first and second country names found in the text (same name table).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, task

OLD_LABELS = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


def load_plover(path: Path) -> list[dict[str, Any]]:
    """Gold records with text, mapped type and source/target code sets."""
    path = Path(path)
    if path.is_dir():
        path = path / "PLOVER_GSR_CAMEO.json"
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue

        def codes(v: Any) -> set[str]:
            if not isinstance(v, list):
                return set()
            return {a.get("code") for a in v if isinstance(a, dict) and a.get("code")}

        out.append(
            {
                "id": r["id"],
                "text": r["text"].strip(),
                "type": OLD_LABELS.get(r["event"], r["event"]),
                "event_text": r.get("eventText", ""),
                "source": codes(r.get("source")),
                "target": codes(r.get("target")),
            }
        )
    return out


def _depth(tok: Any) -> int:
    """Number of dependency arcs from ``tok`` up to its sentence root."""
    d = 0
    while tok.head.i != tok.i and d < 50:  # spaCy makes a new Token object on each access
        tok = tok.head
        d += 1
    return d


def _best(events: list[Any], event_text: str, ann: Any) -> Any | None:
    """The event that stands for the gold record: the gold trigger words only align (which of
    our mentions are about the coded event, as trigger matching does in event extraction
    scoring); among the aligned mentions (or all, if none aligns) our own ranking chooses: the
    trigger highest in the dependency tree, then the first in the text, then the first emitted
    (one event per actor x recipient pair). Neither the gold type nor its participants is used."""
    if not events:
        return None
    words = {w.lower() for w in event_text.replace("(", " ").replace(")", " ").split()}
    aligned = [ev for ev in events if any(w.lower() in words for w in ev.trigger.split())]

    def depth(ev: Any) -> int:
        """Depth of the trigger's head word; a noun that is the object of its verb ("began a
        hunger strike") counts at that verb's depth: the clause is the event's."""
        for p in ann.paragraphs:
            if not p.start <= ev.start < p.start + len(p.doc.text):
                continue
            span = p.doc.char_span(ev.start - p.start, ev.end - p.start, alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            d = _depth(root)
            if root.pos_ in ("NOUN", "PROPN") and root.dep_ in ("dobj", "attr") and d:
                d -= 1
            return d
        return 99

    pool = aligned or events
    return min(pool, key=lambda ev: (depth(ev), ev.start, pool.index(ev)))


def _score(ev: Any, gold: dict[str, Any], rec: Any) -> tuple[bool, bool]:
    """(type right, type and source and target right) of our event against a gold record."""
    from claimgraph.events import event_codes, plover_coding

    typ, _cameo = plover_coding(ev)
    src, tgt = event_codes(ev, rec)
    t_ok = typ == gold["type"]
    s_ok = (src in gold["source"]) if gold["source"] else src is None
    g_ok = (tgt in gold["target"]) if gold["target"] else tgt is None
    return t_ok, t_ok and s_ok and g_ok


def _run_actors(rec: Any, ann: Any) -> bool:
    """Run the actors stage when it is installed (the lead's pipeline order)."""
    try:
        from claimgraph import actors as actors_mod  # type: ignore[attr-defined]
    except ImportError:
        return False
    try:
        actors_mod.run(rec, ann)
        return True
    except Exception:  # noqa: BLE001 - an unfinished actors stage must not stop the eval
        return False


@task("events")
def evaluate(gold: Path, limit: int | None = None, **_: Any) -> EvalReport:
    from claimgraph.annotate import annotate_many
    from claimgraph.events import run as run_events
    from claimgraph.events.lexicon import countries
    from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment, text_id

    records = load_plover(gold)
    if limit:
        records = records[:limit]
    docs = [CleanDoc(r["text"], (Segment("body", 0, len(r["text"])),)) for r in records]
    majority = Counter(r["type"] for r in records).most_common(1)[0][0]
    table = countries()
    n = ok_type = ok_all = with_event = un_type = un_all = 0
    b_type = b_all = 0
    used_actors = False
    per_type: Counter[str] = Counter()
    per_type_ok: Counter[str] = Counter()
    for r, doc, ann in zip(records, docs, annotate_many(docs), strict=True):
        art = Article(text_id(r["text"]), r["text"], "text", r["id"])
        rec = ArticleRecords(art, doc, ann.sentences, ann.entities)
        used_actors = _run_actors(rec, ann) or used_actors
        run_events(rec, ann)
        evs = rec.extra.get("events", [])
        ev = _best(evs, r["event_text"], ann)
        n += 1
        per_type[r["type"]] += 1
        if ev is not None:
            with_event += 1
            t_ok, all_ok = _score(ev, r, rec)
            ok_type += t_ok
            per_type_ok[r["type"]] += t_ok
            ok_all += all_ok
            # the same without the trigger alignment: our ranking alone picks the event
            u_type, u_all = _score(_best(evs, "", ann), r, rec)
            un_type += u_type
            un_all += u_all
        # baseline
        found = [table.names[m.group(1)] for m in table.pattern.finditer(r["text"].lower())]
        bsrc = found[0] if found else None
        btgt = next((c for c in found[1:] if c != bsrc), None)
        bt = majority == r["type"]
        b_type += bt
        b_all += (
            bt
            and ((bsrc in r["source"]) if r["source"] else bsrc is None)
            and ((btgt in r["target"]) if r["target"] else btgt is None)
        )
    rep = EvalReport("events", str(gold))
    rep.systems["claimgraph"] = {
        "type_acc": round(ok_type / n, 4) if n else 0.0,
        "type_src_tgt_acc": round(ok_all / n, 4) if n else 0.0,
        "records_with_event": round(with_event / n, 4) if n else 0.0,
    }
    rep.systems[f"majority class ({majority}) + first two country names"] = {
        "type_acc": round(b_type / n, 4) if n else 0.0,
        "type_src_tgt_acc": round(b_all / n, 4) if n else 0.0,
        "records_with_event": 1.0,
    }
    rep.info.update(
        records=n,
        actors_stage=used_actors,
        per_type_acc={k: f"{per_type_ok[k]}/{v}" for k, v in sorted(per_type.items())},
        without_trigger_alignment={
            "type_acc": round(un_type / n, 4) if n else 0.0,
            "type_src_tgt_acc": round(un_all / n, 4) if n else 0.0,
        },
        label_map=OLD_LABELS,
    )
    return rep
