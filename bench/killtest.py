"""Kill test: ``claimgraph ingest`` (or ``reprocess``) killed with SIGKILL at random points.

Each trial starts ``claimgraph ingest CORPUS --db DB`` in a subprocess, kills it with SIGKILL
at a random point, reruns the same command to completion, and checks the database. The kill
point (``--mode batch``, the default) is a random number of committed batches, read from the
ingest's progress lines, plus a random extra delay: batch 0 kills during start-up, the last
batch during fusion and indexing. ``--mode time`` kills after a random delay instead.

- lost: articles of the corpus that are not stored after the rerun;
- duplicated: article ids stored more than once;
- orphans: rows of any per-article table whose ``article_id`` is not in ``articles``;
- unexpected: stored articles that are not in the corpus.

All four must be 0. Before each rerun, the killed state is checked too (no orphans, no
duplicates). Four trials in five start from an empty database; every fifth kills a run that
resumes from the state the previous trial left.

``--command reprocess`` kills ``claimgraph reprocess`` instead: the corpus is ingested once
into a reference store; each trial copies it, marks every article as extracted by older
rules, kills a reprocess run after a random committed batch ("reprocess: N/M done" lines),
reruns ``claimgraph reprocess`` and compares every per-article and fusion table with the
reference (``changed``: rows only in one of the two, must be 0; ``stale``: articles still
marked as made by older rules, must be 0).

Usage (the full benchmark; prints one line per trial and a total)::

    .venv/bin/python bench/killtest.py --articles 200 --trials 20 --out /tmp/killtest
    .venv/bin/python bench/killtest.py --command reprocess --articles 200 --trials 20 --out /tmp/kr

tests/test_crash.py runs a few trials over a small corpus with the same functions.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUBJECTS = ["The council", "The ministry", "A spokeswoman", "The harbour authority", "Police"]
VERBS = ["said", "announced", "confirmed", "denied", "reported"]
OBJECTS = ["the road plan", "new rail links", "a school budget", "the ferry timetable", "repairs"]
DAYS = ["on Monday", "on Tuesday", "last week", "in March", "yesterday"]


def make_corpus(folder: Path, n: int, seed: int = 0, bad: int = 3) -> None:
    """Write ``n`` distinct small articles (text files and one JSONL file) and ``bad``
    unreadable files into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        sents = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(DAYS)} that "
            f"{rng.choice(OBJECTS)} would cost {rng.randint(2, 900)} million dollars."
            for _ in range(rng.randint(3, 8))
        ]
        text = f"Report number {i} on local affairs\n\n" + " ".join(sents) + "\n"
        if i % 5 == 4:
            import json

            lines.append(json.dumps({"title": f"Line {i}", "text": text}))
        else:
            (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    if lines:
        (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for j in range(bad):
        (folder / f"bad{j}.txt").write_bytes(b"\x00\x01\x02\x03" * 64)


def expected_ids(folder: Path) -> set[str]:
    """The article ids the corpus should produce (read without the pipeline)."""
    from claimgraph.records import Article
    from claimgraph.sources import read

    return {it.id for it in read([folder], detect_language=False) if isinstance(it, Article)}


@dataclass
class Check:
    stored: int
    lost: int
    duplicated: int
    orphans: int
    unexpected: int

    @property
    def ok(self) -> bool:
        return self.lost == self.duplicated == self.orphans == self.unexpected == 0


def _article_tables(con: Any) -> list[str]:
    """The tables with an ``article_id`` column (per-article records and fusion)."""
    rows = con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns "
        "WHERE column_name = 'article_id' AND table_schema = 'main'"
    ).fetchall()
    return [r[0] for r in rows]


def check_db(db: Path, expected: set[str], complete: bool = True) -> Check:
    """Count lost, duplicated, orphan and unexpected rows (``complete``: all must be there)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "articles" not in names:  # killed before the schema was made: an empty store
            return Check(0, len(expected) if complete else 0, 0, 0, 0)
        ids = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
        tables = _article_tables(con)
        orphans = 0
        for t in tables:
            row = con.execute(
                f'SELECT count(*) FROM "{t}" WHERE article_id NOT IN (SELECT id FROM articles)'
            ).fetchone()
            orphans += int(row[0]) if row else 0
    finally:
        con.close()
    have = set(ids)
    return Check(
        stored=len(ids),
        lost=len(expected - have) if complete else 0,
        duplicated=len(ids) - len(have),
        orphans=orphans,
        unexpected=len(have - expected),
    )


def ingest_cmd(corpus: Path, db: Path, batch_size: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "claimgraph.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        str(batch_size),
    ]


def reprocess_cmd(db: Path, batch_size: int, everything: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "claimgraph.cli", "reprocess", "--db", str(db)]
    return cmd + ["--batch-size", str(batch_size)] + (["--all"] if everything else [])


def _wait_for_batches(proc: subprocess.Popen, batches: int, prefix: bytes) -> None:
    """Read the run's stderr until ``batches`` batch lines (``prefix`` "ingest: " or
    "reprocess: ", printed when stderr is not a terminal) have been printed after the first
    one a reprocess prints before any batch, or the process ends."""
    seen = 0
    assert proc.stderr is not None
    while seen < batches:
        line = proc.stderr.readline()
        if not line:
            return
        seen += line.startswith(prefix) and not line.startswith(b"reprocess: 0/")


def run_trial(
    corpus: Path,
    db: Path,
    expected: set[str],
    delay: float,
    batch_size: int = 4,
    after_batches: int = 0,
    command: str = "ingest",
) -> tuple[Check, Check, int | None]:
    """Kill an ingest (or a reprocess of every article) ``delay`` seconds after its
    ``after_batches``-th committed batch (0: after its start), check, rerun to the end (a
    reprocess rerun takes the articles still stale), check again.

    Returns (check after the kill, check after the rerun, exit code of the killed run or
    None if it was killed).
    """
    if command == "ingest":
        cmd = rerun_cmd = ingest_cmd(corpus, db, batch_size)
    else:
        cmd, rerun_cmd = reprocess_cmd(db, batch_size), reprocess_cmd(db, batch_size)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    drain = None
    if after_batches:
        _wait_for_batches(proc, after_batches, f"{command}: ".encode())
    if proc.stderr is not None:  # keep reading, so a full pipe never blocks the writer
        drain = threading.Thread(target=proc.stderr.read, daemon=True)
        drain.start()
    try:
        proc.wait(timeout=delay)
        killed_rc: int | None = proc.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_rc = None
    if drain is not None:
        drain.join(timeout=5)
    after_kill = check_db(db, expected, complete=False) if db.exists() else Check(0, 0, 0, 0, 0)
    rerun = subprocess.run(rerun_cmd, capture_output=True, text=True, timeout=1800)
    if rerun.returncode not in (0, 1) or "Traceback" in rerun.stderr:
        raise RuntimeError(f"rerun failed ({rerun.returncode}): {rerun.stderr[-2000:]}")
    return after_kill, check_db(db, expected), killed_rc


def age(db: Path) -> None:
    """Mark every article of ``db`` as extracted by older rules."""
    import duckdb

    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE article_rules SET rules = 'older'")
    finally:
        con.close()


def table_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of each per-article and fusion table (time stamps left out), sorted."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = _article_tables(con)
        out = {}
        for t in sorted({*tables, "actors", "fused_events"}):
            cols = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                    "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY ordinal_position",
                    [t],
                ).fetchall()
            ]
            names = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {names} FROM "{t}"').fetchall()
            out[t] = sorted(rows, key=repr)
    finally:
        con.close()
    return out


def changed_rows(db: Path, reference: dict[str, list[tuple]]) -> tuple[int, int]:
    """(rows only in ``db`` or only in the reference, articles still stale)."""
    from collections import Counter

    import duckdb

    now = table_rows(db)
    changed = 0
    for t in set(now) | set(reference):
        a, b = Counter(now.get(t, [])), Counter(reference.get(t, []))
        changed += sum(((a - b) + (b - a)).values())
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM article_rules WHERE rules = 'older'").fetchone()
    finally:
        con.close()
    return changed, int(row[0]) if row else 0


def reprocess_trial(
    reference: Path, db: Path, expected: set[str], delay: float, batch_size: int, after: int
) -> tuple[Check, Check, int | None, int, int]:
    """Copy the reference store, age it, kill a reprocess of it, rerun, compare.

    Returns the checks after the kill and the rerun, the killed run's exit code (None if
    killed), the changed rows and the articles left stale."""
    import shutil

    shutil.copy(reference, db)
    Path(str(db) + ".wal").unlink(missing_ok=True)
    age(db)
    after_kill, final, rc = run_trial(
        Path(), db, expected, delay, batch_size, after, command="reprocess"
    )
    changed, stale = changed_rows(db, table_rows(reference))
    return after_kill, final, rc, changed, stale


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--out", type=Path, default=Path("killtest-out"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-delay", type=float, default=0.5, help="earliest kill, seconds")
    ap.add_argument(
        "--max-delay", type=float, default=0.0, help="latest kill, seconds (0: from a timed run)"
    )
    ap.add_argument(
        "--mode",
        choices=["batch", "time"],
        default="batch",
        help="batch: kill after a random committed batch; time: after a random delay",
    )
    ap.add_argument(
        "--command",
        choices=["ingest", "reprocess"],
        default="ingest",
        help="the run to kill: ingest the corpus, or reprocess a store of it",
    )
    ap.add_argument("--startup", type=float, default=10.0, help="batch mode: start-up span, s")
    ap.add_argument("--batch-delay", type=float, default=2.0, help="batch mode: extra delay, s")
    a = ap.parse_args(argv)
    corpus = a.out / "corpus"
    if not corpus.exists():
        make_corpus(corpus, a.articles, a.seed)
    expected = expected_ids(corpus)
    rng = random.Random(a.seed)
    n_batches = -(-len(expected) // a.batch_size)
    if a.command == "reprocess":
        return main_reprocess(a, corpus, expected, rng, n_batches)
    max_delay = a.max_delay
    if not max_delay and a.mode == "time":  # time one full run, then kill anywhere inside that span
        ref = a.out / "reference.duckdb"
        ref.unlink(missing_ok=True)
        t0 = time.monotonic()
        subprocess.run(ingest_cmd(corpus, ref, a.batch_size), capture_output=True)
        max_delay = time.monotonic() - t0
        print(f"reference run: {max_delay:.1f} s, {check_db(ref, expected)}")
    totals = {"lost": 0, "duplicated": 0, "orphans": 0, "unexpected": 0, "killed": 0}
    for t in range(a.trials):
        db = a.out / "kill.duckdb"
        if t % 5 != 4:  # most trials start from an empty database; every fifth resumes
            db.unlink(missing_ok=True)  # from the state the previous trial left
            Path(str(db) + ".wal").unlink(missing_ok=True)
        if a.mode == "batch":  # after a random number of committed batches (0: start-up;
            # the last: during fusion and indexing), plus up to --batch-delay seconds
            after = rng.randint(0, n_batches)
            delay = rng.uniform(a.min_delay, a.startup) if after == 0 else 0.0
            delay += rng.uniform(0, a.batch_delay)
        else:
            after = 0
            delay = rng.uniform(a.min_delay, max(a.min_delay, max_delay))
        after_kill, final, rc = run_trial(corpus, db, expected, delay, a.batch_size, after)
        totals["killed"] += rc is None
        for k in ("lost", "duplicated", "orphans", "unexpected"):
            totals[k] += getattr(final, k) + (getattr(after_kill, k) if k != "lost" else 0)
        print(
            f"trial {t + 1:2d}: kill {delay:4.1f} s after batch {after:2d} "
            f"({'killed' if rc is None else f'done rc={rc}'})"
            f" -> {after_kill.stored:3d} stored after kill; after rerun {final.stored} stored, "
            f"lost {final.lost}, duplicated {final.duplicated}, orphans "
            f"{final.orphans + after_kill.orphans}, unexpected {final.unexpected}",
            flush=True,
        )
    print(
        f"TOTAL over {a.trials} trials ({totals['killed']} killed mid-run), {len(expected)} articles: "
        f"lost {totals['lost']}, duplicated {totals['duplicated']}, orphans {totals['orphans']}, "
        f"unexpected {totals['unexpected']}"
    )
    return 0 if totals["lost"] == totals["duplicated"] == totals["orphans"] == 0 else 1


def main_reprocess(
    a: argparse.Namespace, corpus: Path, expected: set[str], rng: random.Random, n_batches: int
) -> int:
    """The ``--command reprocess`` trials (batch mode)."""
    reference = a.out / "reference.duckdb"
    if not reference.exists():
        subprocess.run(ingest_cmd(corpus, reference, a.batch_size), capture_output=True)
    print(f"reference store: {check_db(reference, expected)}")
    totals = {"duplicated": 0, "orphans": 0, "changed": 0, "stale": 0, "killed": 0}
    for t in range(a.trials):
        after = rng.randint(0, n_batches)
        delay = rng.uniform(a.min_delay, a.startup) if after == 0 else 0.0
        delay += rng.uniform(0, a.batch_delay)
        after_kill, final, rc, changed, stale = reprocess_trial(
            reference, a.out / "kill.duckdb", expected, delay, a.batch_size, after
        )
        totals["killed"] += rc is None
        totals["duplicated"] += final.duplicated + after_kill.duplicated
        totals["orphans"] += final.orphans + after_kill.orphans
        totals["changed"] += changed
        totals["stale"] += stale
        print(
            f"trial {t + 1:2d}: kill {delay:4.1f} s after batch {after:2d} "
            f"({'killed' if rc is None else f'done rc={rc}'}) -> after rerun: "
            f"{final.stored} articles, duplicated {final.duplicated}, orphans "
            f"{final.orphans + after_kill.orphans}, changed rows {changed}, stale {stale}",
            flush=True,
        )
    print(
        f"TOTAL over {a.trials} trials ({totals['killed']} killed mid-run), {len(expected)} "
        f"articles: duplicated {totals['duplicated']}, orphans {totals['orphans']}, changed "
        f"rows {totals['changed']}, stale {totals['stale']}"
    )
    return 0 if not any(v for k, v in totals.items() if k != "killed") else 1


if __name__ == "__main__":
    sys.exit(main())
