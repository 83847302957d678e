"""Labelled precision of extracted events on news nobody on the team wrote.

    .venv/bin/python bench/event_precision.py                 # score the labelled sample
    .venv/bin/python bench/event_precision.py --draft /tmp/draft.tsv --n 80 --seed 7

The PLOVER eval (``claimgraph eval events``) scores the type and participants of events on
sentences known to hold one. This benchmark asks the other question: of the events claimgraph
finds in running news text, how many are right? ``bench/labels/event_precision_wikinews.tsv``
holds a random sample of the events extracted from ``../shared/corpus/wikinews_2019_2020.jsonl``,
each judged by hand (one annotator, from the sentence in its article):

- ``type_ok``: the trigger reports an event of that PLOVER type (1) or not (0): "attack
  drones" is no assault, "a request for comment" no request;
- ``actor_ok`` / ``recipient_ok``: the participant given is right (1) or wrong (0); ``-``
  when none was given (a missing participant is a recall error, not scored here). They are
  scored on the events whose type is right.

Scoring re-extracts the labelled articles with the installed rules, matches each label to an
event with the same article, trigger span and type, and reports precision over the labels
still produced, with how many labelled events the rules no longer produce and how many events
in those articles carry no label (label them with ``--draft`` after a rule change). Labels
keep no article text: the article URL, the trigger offsets and what was extracted.

``--draft FILE`` ingests the corpus (or reads the store ``--db``), samples ``--n`` events with ``--seed`` and writes them
with their sentence for labelling (the sentence column is for the annotator; it is dropped
when a draft is copied into the labels file).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus" / "wikinews_2019_2020.jsonl"
LABELS = HERE / "labels" / "event_precision_wikinews.tsv"
FIELDS = ["url", "start", "end", "trigger", "type", "actor", "recipient"]
JUDGED = ["type_ok", "actor_ok", "recipient_ok"]

_QUERY = (
    'SELECT a.url AS url, e.start, e."end", e.trigger, e.type, '
    "coalesce(e.actor_id, e.actor_text) AS actor, "
    "coalesce(e.recipient_id, e.recipient_text) AS recipient, "
    "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
    "FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.source, e.start, e.id"
)


def extract(records: list[dict[str, Any]], workdir: Path) -> list[dict[str, Any]]:
    """Events of ``records`` (JSONL records) as extracted by the installed rules."""
    from claimgraph.store import Store

    src = workdir / "sample.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with Store(workdir / "bench.duckdb") as store:
        store.ingest([src], fuse=False)
        rows = store.query(_QUERY)
    for r in rows:
        r["actor"] = r["actor"] or ""
        r["recipient"] = r["recipient"] or ""
    return rows


def read_corpus(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(ln) for ln in f if ln.strip()]


def draft(
    corpus: Path, out: Path, n: int, seed: int, db: Path | None = None, labels: Path | None = None
) -> None:
    if db is not None:  # a store that already holds the corpus
        from claimgraph.store import Store

        with Store(db) as store:
            rows = store.query(_QUERY)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            rows = extract(read_corpus(corpus), Path(tmp))
    done = {_key(lab) for lab in read_labels(labels)} if labels and labels.exists() else set()
    rows = [r for r in rows if _key(r) not in done]  # only events not labelled yet
    random.Random(seed).shuffle(rows)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow([*FIELDS, *JUDGED, "sentence"])
        for r in rows[:n]:
            cells = ["" if r[k] is None else r[k] for k in FIELDS]
            w.writerow([*cells, "", "", "", " ".join(r["sentence"].split())])
    print(f"{min(n, len(rows))} of {len(rows)} events written to {out} for labelling")


def read_labels(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _precision(labels: list[dict[str, str]], key: str) -> tuple[int, int]:
    judged = [lab[key] for lab in labels if lab[key] in ("0", "1")]
    return judged.count("1"), len(judged)


def _key(row: dict[str, Any]) -> tuple[str, str, str, str]:
    return row["url"], str(row["start"]), str(row["end"]), row["type"]


def _table(labels: list[dict[str, str]], now: dict[tuple[str, str, str, str], list[Any]]) -> None:
    kept = [lab for lab in labels if _key(lab) in now]
    # a participant judged on other text than the rules now give is not scored (one trigger
    # can make several events: "X and Y agreed" is one per actor)
    for lab in kept:
        for role in ("actor", "recipient"):
            if all(r[role] != lab[role] for r in now[_key(lab)]):
                lab[f"{role}_ok"] = "changed"
    print(
        f"  produced by the installed rules: {len(kept)}; no longer produced: "
        f"{len(labels) - len(kept)}"
    )
    print(f"  {'':12} {'right':>6} {'judged':>7} {'precision':>9}")
    typed = [lab for lab in kept if lab["type_ok"] == "1"]
    for key, name in (("type_ok", "type"), ("actor_ok", "actor"), ("recipient_ok", "recipient")):
        ok, n = _precision(kept if key == "type_ok" else typed, key)
        changed = sum(lab[key] == "changed" for lab in typed)
        extra = f"  ({changed} changed since labelled, not scored)" if changed else ""
        print(f"  {name:12} {ok:>6} {n:>7} {ok / n if n else float('nan'):>9.3f}{extra}")
    both = [
        lab
        for lab in typed
        if lab["actor_ok"] not in ("0", "changed") and lab["recipient_ok"] not in ("0", "changed")
    ]
    print(
        f"  {'all right':12} {len(both):>6} {len(kept):>7} "
        f"{len(both) / len(kept) if kept else float('nan'):>9.3f}"
        "  (type right, no participant wrong)"
    )


def score(corpus: Path, labels_path: Path) -> int:
    labels = read_labels(labels_path)
    urls = {lab["url"] for lab in labels}
    records = [r for r in read_corpus(corpus) if r.get("url") in urls]
    with tempfile.TemporaryDirectory() as tmp:
        rows = extract(records, Path(tmp))
    now: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        now.setdefault(_key(r), []).append(r)
    print(
        f"labels: {len(labels)} events in {len(urls)} articles ({labels_path}); "
        f"unlabelled events in these articles: {len(set(now) - {_key(x) for x in labels})}"
    )
    for sample in sorted({lab.get("sample") or "" for lab in labels}):
        part = [lab for lab in labels if (lab.get("sample") or "") == sample]
        print(f"sample {sample or '(all)'}: {len(part)} labels")
        _table(part, now)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--draft", type=Path, help="write a sample of events for labelling here")
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", type=Path, help="draft from this store instead of ingesting")
    a = ap.parse_args(argv)
    if not a.corpus.exists():
        print(f"error: corpus not found: {a.corpus}", file=sys.stderr)
        return 2
    if a.db is not None and not a.db.exists():
        print(f"error: no store at {a.db} (leave out --db to ingest the corpus)", file=sys.stderr)
        return 2
    if a.draft:
        draft(a.corpus, a.draft, a.n, a.seed, a.db, a.labels)
        return 0
    if not a.labels.exists():
        print(f"error: no labels at {a.labels} (write a draft with --draft)", file=sys.stderr)
        return 2
    return score(a.corpus, a.labels)


if __name__ == "__main__":
    sys.exit(main())
