"""Eval task ``events``: PLOVER event type, source and target against the PLOVER gold records.

Gold data: ``PLOVER_GSR_CAMEO.json`` (a file, or a folder holding it): one record per event with
``text``, ``event`` (old 0.5b1 labels are mapped per the PLOVER manual: DEMAND -> REQUEST,
DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), ``eventText`` (the coder's
trigger words) and ``source`` / ``target`` lists of actors with CAMEO country codes. The
DOCUMENT record and records without text are skipped.

Each record's text is run through the pipeline (annotate, the actors stage if it is
installed, events). The record's event is "our best event": among our events whose trigger
words occur in the gold ``eventText`` the one whose word comes first there, else the event whose
trigger is highest in the dependency tree. Its type is :func:`claimgraph.events.plover_coding`
(a future act announced by the actor is coded as AGREE / THREATEN, as PLOVER coders do).

Metrics:
- ``type_acc``: best event's type == gold type (a record with no event counts as wrong);
- ``type_src_tgt_acc``: type right, and the source's country code is among the gold source
  codes (or both are empty), and the same for the target. Codes come from
  :func:`claimgraph.events.lexicon.participant_code`: the actors stage's actor country (ISO
  alpha-3, mapped to CAMEO where CAMEO differs, e.g. JPN -> JAP), IGO for international
  organisations, or, for actors without a country (persons, new groups), the first country name
  or demonym in the participant's phrase (``data/cameo_countries.tsv``, ISO names and their
  regular demonyms).

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


def _code(actor_id: str | None, text: str | None, actors: dict[str, Any]) -> str | None:
    """The participant's CAMEO-style code (:func:`claimgraph.events.lexicon.participant_code`)
    from the article's actor record (or the gazetteer's) and the participant's text."""
    from claimgraph.events.lexicon import participant_code

    a = actors.get(actor_id) if actor_id else None
    if a is None and actor_id:
        try:
            from claimgraph.actors import actor_by_id

            a = actor_by_id(actor_id)
        except ImportError:  # pragma: no cover
            a = None
    return participant_code(a, text)


def _depth(tok: Any) -> int:
    d = 0
    while tok.head is not tok and d < 50:
        tok = tok.head
        d += 1
    return d


def _best(events: list[Any], event_text: str, ann: Any) -> Any | None:
    if not events:
        return None
    words = [w.lower() for w in event_text.replace("(", " ").replace(")", " ").split()]
    ranked = []
    for ev in events:
        trig = [w.lower() for w in ev.trigger.split()]
        pos = [words.index(w) for w in trig if w in words]
        if pos:
            ranked.append((min(pos), ev.start, ev))
    if ranked:
        return min(ranked, key=lambda x: (x[0], x[1]))[2]

    def depth(ev: Any) -> int:
        for p in ann.paragraphs:
            for t in p.doc:
                if p.start + t.idx == ev.start:
                    return _depth(t)
        return 99

    return min(events, key=lambda ev: (depth(ev), ev.start))


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
    from claimgraph.events import plover_coding
    from claimgraph.events import run as run_events
    from claimgraph.events.lexicon import countries
    from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment, text_id

    records = load_plover(gold)
    if limit:
        records = records[:limit]
    docs = [CleanDoc(r["text"], (Segment("body", 0, len(r["text"])),)) for r in records]
    majority = Counter(r["type"] for r in records).most_common(1)[0][0]
    table = countries()
    n = ok_type = ok_all = with_event = 0
    b_type = b_all = 0
    used_actors = False
    per_type: Counter[str] = Counter()
    per_type_ok: Counter[str] = Counter()
    for r, doc, ann in zip(records, docs, annotate_many(docs), strict=True):
        art = Article(text_id(r["text"]), r["text"], "text", r["id"])
        rec = ArticleRecords(art, doc, ann.sentences, ann.entities)
        used_actors = _run_actors(rec, ann) or used_actors
        run_events(rec, ann)
        actors = {getattr(a, "id", None): a for a in rec.extra.get("actors", [])}
        ev = _best(rec.extra.get("events", []), r["event_text"], ann)
        n += 1
        per_type[r["type"]] += 1
        if ev is not None:
            with_event += 1
            typ, _cameo = plover_coding(ev)
            src = _code(ev.actor_id, ev.actor_text, actors)
            tgt = _code(ev.recipient_id, ev.recipient_text, actors)
            t_ok = typ == r["type"]
            s_ok = (src in r["source"]) if r["source"] else src is None
            g_ok = (tgt in r["target"]) if r["target"] else tgt is None
            ok_type += t_ok
            per_type_ok[r["type"]] += t_ok
            ok_all += t_ok and s_ok and g_ok
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
        label_map=OLD_LABELS,
    )
    return rep
