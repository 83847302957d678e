"""Reprocess benchmark: ``claimgraph reprocess`` on the Dask engine against the local engine.

    .venv/bin/python bench/reprocess.py                    # N=120 documents, 2 Dask workers
    .venv/bin/python bench/reprocess.py --n 40             # a quick check
    .venv/bin/python bench/reprocess.py --workers 2 --batch-size 16 --out /tmp/cg-reprocess

The first N distinct non-empty texts of ``--corpus`` are ingested once into a reference
store (local engine, no fusion; timed, not in the ratio). Two copies of it are re-extracted,
``Store.reprocess(everything=True, fuse=False)``: one by the local engine in one process, one
on a local Dask cluster of ``--workers`` single-threaded workers, each in its own subprocess
(peak RSS ``ru_maxrss`` of its own; for Dask also of the largest worker process).

"start s": model loading (local), cluster start plus model loading on the workers (Dask);
"reprocess s": from before the first batch is read to after the last is stored (the
``progress`` callbacks), the span the ratios use; "total s": start, reprocess and shutdown.
Every table of ``extracted_tables()`` plus ``actors`` must then hold the same rows (all
columns) in both copies and the reference, else the script exits with 1. A batch is the
unit of work: give every worker at least two (40 articles in batches of 32 are one batch of
32 and one of 8). Measure on a quiet machine: timings taken while other jobs run are noise.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import scale  # bench/scale.py: this folder is sys.path[0]
from scale import SHARED, sample


def _rss(who: int = resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss * 1024


def child_ingest(path: str, db: str, batch_size: int) -> dict[str, Any]:
    """The reference store: local engine, one process, no fusion (model load timed apart)."""
    from claimgraph.engine.worker import warm
    from claimgraph.store import Store

    t0 = time.perf_counter()
    warm()
    t1 = time.perf_counter()
    with Store(db) as store:
        s = store.ingest([path], batch_size=batch_size, fuse=False)
    t2 = time.perf_counter()
    return {
        "start": t1 - t0,
        "seconds": t2 - t1,
        "articles": s.articles,
        "errors": len(s.errors),
        "rss": _rss(),
    }


def child_reprocess(db: str, engine: str, workers: int, batch_size: int) -> dict[str, Any]:
    """``reprocess(everything=True, fuse=False)`` on one copy; see the module docstring."""
    from claimgraph.store import Store

    marks: list[float] = []
    t0 = time.perf_counter()
    if engine == "local":
        from claimgraph.engine.worker import warm

        warm()  # the Dask workers load the model while the cluster starts
    options: dict[str, Any] = {"engine": "dask", "workers": workers} if engine == "dask" else {}
    with Store(db) as store:
        s = store.reprocess(
            everything=True,
            fuse=False,
            batch_size=batch_size,
            progress=lambda *_: marks.append(time.perf_counter()),
            **options,
        )
    t2 = time.perf_counter()
    return {
        "start": marks[0] - t0,
        "seconds": marks[-1] - marks[0],
        "total": t2 - t0,
        "articles": s.articles,
        "errors": len(s.errors),
        "rss": _rss(),
        "worker_rss": _rss(resource.RUSAGE_CHILDREN),  # the largest waited-for child
    }


def run_child(*args: str) -> dict[str, Any]:
    """Run this file as a child measurement (see ``scale.run_child``)."""
    return scale.run_child(*args, script=__file__)


def table_rows(db: Path) -> dict[str, Counter[str]]:
    """Every row (all columns, as its repr) of each per-article record table and ``actors``."""
    from claimgraph.store import Store

    with Store(db, read_only=True) as store:
        return {
            t: Counter(map(repr, store.con.execute(f'SELECT * FROM "{t}"').fetchall()))
            for t in sorted({*store.extracted_tables(), "actors"})
        }


def differences(ref: Path, dbs: list[Path]) -> list[str]:
    """``table: db has N rows, M differ from the reference`` for every differing table."""
    want = table_rows(ref)
    out = []
    for db in dbs:
        got = table_rows(db)
        for t in sorted(set(want) | set(got)):
            a, b = got.get(t, Counter()), want.get(t, Counter())
            if diff := sum(((a - b) + (b - a)).values()):
                n, m = a.total(), b.total()
                out.append(f"{t}: {db.name} {n} rows, reference {m}, {diff} rows differ")
    return out


def _files(db: Path) -> list[Path]:
    """A DuckDB store's files: the database and its write-ahead log."""
    return [db, db.with_name(db.name + ".wal")]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=SHARED / "wh_briefings_security_subset.jsonl.gz")
    ap.add_argument("--n", type=int, default=120, help="documents")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers")
    ap.add_argument("--batch-size", type=int, default=32, help="articles per reprocess batch")
    ap.add_argument("--out", type=Path, help="working folder (default: a temporary one)")
    args = ap.parse_args()

    from rich.console import Console
    from rich.table import Table

    console = Console(width=150)
    tmpdir = tempfile.TemporaryDirectory(prefix="cg-reprocess-")
    work = args.out or Path(tmpdir.name)
    work.mkdir(parents=True, exist_ok=True)
    path, ref = work / "sample.jsonl", work / "reference.duckdb"
    dbs = [work / "local.duckdb", work / "dask.duckdb"]
    for f in (f for db in (ref, *dbs) for f in _files(db)):
        f.unlink(missing_ok=True)  # stores of an earlier run in --out
    docs, words = sample(args.corpus, args.n, path)
    console.print(f"[bold]{docs}[/] documents, {words:,} words, from {args.corpus.name}")

    b = str(args.batch_size)
    ing = run_child("ingest", str(path), str(ref), b)
    console.print(
        f"reference ingest (local, fuse=False): {ing['articles']} articles in "
        f"{ing['seconds']:.1f} s (+ {ing['start']:.1f} s model load), {ing['errors']} errors, "
        f"peak RSS {ing['rss'] / 2**20:,.0f} MB; not in the ratio"
    )
    if (batches := -(-ing["articles"] // args.batch_size)) < 2 * args.workers:
        console.print(f"note: {batches} batches for {args.workers} workers; lower --batch-size")
    for db in dbs:
        for src, dst in zip(_files(ref), _files(db), strict=True):
            if src.exists():
                shutil.copyfile(src, dst)
    local = run_child("reprocess", str(dbs[0]), "local", "1", b)
    dask = run_child("reprocess", str(dbs[1]), "dask", str(args.workers), b)

    t = Table(title=f"reprocess --everything of {ing['articles']} articles, batch {b}")
    cols = ("engine", "start s", "reprocess s", "total s", "articles/s", "peak RSS MB")
    for col in (*cols, "dask/local", "local/dask"):
        t.add_column(col, justify="left" if col == "engine" else "right")
    for name, r in (("local (1 process)", local), (f"dask ({args.workers} workers)", dask)):
        rss = f"{r['rss'] / 2**20:,.0f}"
        if r is dask:
            rss = f"client {rss}; largest worker {r['worker_rss'] / 2**20:,.0f}"
        t.add_row(
            name,
            f"{r['start']:.1f}",
            f"{r['seconds']:.1f}",
            f"{r['total']:.1f}",
            f"{r['articles'] / r['seconds']:.2f}",
            rss,
            f"{r['seconds'] / local['seconds']:.2f}",
            f"{local['seconds'] / r['seconds']:.2f}",
        )
    console.print(t)
    console.print(
        f"total (start included): dask/local {dask['total'] / local['total']:.2f}, "
        f"local/dask {local['total'] / dask['total']:.2f}; re-extracted: local "
        f"{local['articles']}, dask {dask['articles']}; errors: local {local['errors']}, "
        f"dask {dask['errors']}"
    )
    diffs = differences(ref, dbs)
    console.print("identical" if not diffs else "DIFFERENT:\n  " + "\n  ".join(diffs))
    tmpdir.cleanup()
    return 1 if diffs else 0


def child_main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "ingest":
        print(json.dumps(child_ingest(rest[0], rest[1], int(rest[2]))))
    else:
        print(json.dumps(child_reprocess(rest[0], rest[1], int(rest[2]), int(rest[3]))))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        sys.exit(main())
