"""Scale benchmark: the engines against bare spaCy, memory, a full-corpus run, query latency.

    .venv/bin/python bench/scale.py                       # (a) (b) (c) (e) on N=2000 documents
    .venv/bin/python bench/scale.py --n 100               # a quick check
    .venv/bin/python bench/scale.py --full                # also (d) and (e) on all 14,396 docs

All ratios come from one run on the same documents (the first N distinct non-empty texts of
``--corpus``; the security subset has 1,290, so N=2000 takes them all). Every measurement
runs in its own subprocess, so that its peak RSS is its own:

(a) bare spaCy ``nlp.pipe`` (1 process) vs the full pipeline with the local engine in one
    process (read, clean, annotate per paragraph, every stage, store): articles/s, words/s;
(b) the Dask engine on a local cluster of ``--workers`` (2) single-threaded workers vs (a)'s
    local engine, same data; cluster start and model loading are timed apart;
(c) peak RSS of each process: spaCy, local engine, Dask client, and every Dask worker (the
    workers report ``ru_maxrss`` with each partition);
(d) ``--full``: every document of ``--full-corpus`` in one Dask run (with fusion), total
    time, articles/s and store size;
(e) latency (p50/p95 over ``--queries`` queries) on the store of (d), else of (b): events of
    an actor (``SELECT ... FROM events WHERE actor_id = ?``), an article lookup
    (``Store.article``), and the claims of an actor (``claimgraph.fuse.claims``).

Fusion is not part of the throughput rows (a)/(b); its time is shown in its own column.
Timings on a busy machine are noise: measure on a quiet one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
TARGETS = {
    "a": ">= 0.8 x bare spaCy",
    "b": ">= 1.7 x local",
    "c": "< 1.2 GB per worker",
    "d": "< 45 min",
    "e": "p95 < 100 ms",
}


# -- child processes -----------------------------------------------------------------------
def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_spacy(path: str) -> dict[str, Any]:
    """Bare spaCy over the article texts, one process, the model loaded before timing."""
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    from claimgraph.annotate import load_nlp

    nlp = load_nlp()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return {"seconds": time.perf_counter() - t0, "rss": _rss()}


def child_local(path: str, db: str, partition_size: int) -> dict[str, Any]:
    """The local engine in one process (model loaded before timing), then fusion."""
    from claimgraph import engine
    from claimgraph.engine.worker import warm
    from claimgraph.store import Store

    warm()
    with Store(db) as store:
        t0 = time.perf_counter()
        s = engine.ingest(
            store, [path], engine="local", workers=1, fuse=False, partition_size=partition_size
        )
        seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        store.fuse()
        fuse_s = time.perf_counter() - t1
    return {
        "seconds": seconds,
        "fuse": fuse_s,
        "rss": _rss(),
        "articles": s.articles,
        "errors": len(s.errors),
    }


def child_dask(
    path: str, db: str, workers: int, fuse_in_run: bool, partition_size: int
) -> dict[str, Any]:
    """The Dask engine on a local cluster; cluster start and model loading timed apart."""
    from distributed import Client

    from claimgraph.engine import dask as dask_engine
    from claimgraph.store import Store

    t0 = time.perf_counter()
    cluster = dask_engine.local_cluster(workers)
    client = Client(cluster)
    client.register_plugin(dask_engine.LoadPipeline())
    startup = time.perf_counter() - t0
    worker_rss: dict[int, int] = {}

    def seen(res: Any) -> None:
        worker_rss[res.pid] = max(worker_rss.get(res.pid, 0), res.peak_rss)

    try:
        with Store(db) as store:
            t1 = time.perf_counter()
            s = dask_engine.ingest(
                store,
                [path],
                client=client,
                on_partition=seen,
                fuse=fuse_in_run,
                partition_size=partition_size,
            )
            seconds = time.perf_counter() - t1
            fuse_s = 0.0
            if not fuse_in_run:
                t2 = time.perf_counter()
                store.fuse()
                fuse_s = time.perf_counter() - t2
    finally:
        client.close()
        cluster.close()
    return {
        "seconds": seconds,
        "startup": startup,
        "fuse": fuse_s,
        "rss": _rss(),
        "worker_rss": sorted(worker_rss.values()),
        "articles": s.articles,
        "errors": len(s.errors),
    }


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def child_queries(db: str, n: int) -> dict[str, Any]:
    """p50/p95 latency (ms) of actor events, article lookups and actor claims."""
    from claimgraph.store import Store

    rng = random.Random(0)
    out: dict[str, Any] = {}
    with Store(db, read_only=True) as store:
        actors = [
            r[0]
            for r in store.con.execute(
                "SELECT actor_id FROM events WHERE actor_id IS NOT NULL"
            ).fetchall()
        ]
        ids = [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]
        if not actors or not ids:
            return {"note": "store has no events or articles"}

        def timed(fn: Any, args: list[Any]) -> dict[str, float]:
            ms = []
            for a in args:
                t0 = time.perf_counter()
                fn(a)
                ms.append((time.perf_counter() - t0) * 1000)
            return {"p50": _pct(ms, 0.5), "p95": _pct(ms, 0.95), "n": len(ms)}

        picks = [rng.choice(actors) for _ in range(n)]
        out["events of an actor"] = timed(
            lambda a: store.query(
                'SELECT id, article_id, type, trigger, recipient_id, start, "end" '
                "FROM events WHERE actor_id = ?",
                [a],
            ),
            picks,
        )
        out["article lookup"] = timed(store.article, [rng.choice(ids) for _ in range(n)])
        try:
            from claimgraph.fuse import claims
        except ImportError:
            claims = None
        if claims is not None and "fused_events" in store.tables():
            out["claims of an actor"] = timed(lambda a: claims(store, actor=a), picks)
    return out


def run_child(*args: str, script: str = __file__) -> dict[str, Any]:
    """Run ``script`` (this file by default) as a child measurement; its last stdout line is a
    JSON result."""
    proc = subprocess.run(
        [sys.executable, script, "--child", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the parent ----------------------------------------------------------------------------
def sample(corpus: Path, n: int | None, out: Path | None) -> tuple[int, int]:
    """The first ``n`` distinct non-empty texts of a JSONL(.gz) corpus into ``out``.

    Returns (documents, words); with ``out=None`` it only counts them.
    """
    opener: Any = gzip.open if corpus.suffix == ".gz" else open
    docs = words = 0
    seen: set[str] = set()
    with (
        opener(corpus, "rt", encoding="utf-8") as src,
        open(out or os.devnull, "w", encoding="utf-8") as dst,
    ):
        for line in src:
            obj = json.loads(line)
            text = obj.get("text") or ""
            if not text.strip() or text in seen:
                continue
            seen.add(text)
            keep = {k: obj.get(k) for k in ("url", "title", "published", "publisher")}
            dst.write(json.dumps({**keep, "text": text}) + "\n")
            docs += 1
            words += len(text.split())
            if n and docs >= n:
                break
    return docs, words


def _mb(b: float) -> str:
    return f"{b / 2**20:,.0f}"


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=SHARED / "wh_briefings_security_subset.jsonl.gz")
    ap.add_argument("--n", type=int, default=2000, help="documents for (a), (b), (c)")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers for (b) and (d)")
    ap.add_argument(
        "--partition-size", type=int, default=50, help="articles per partition (both engines)"
    )
    ap.add_argument("--full", action="store_true", help="also (d): the whole --full-corpus")
    ap.add_argument("--full-corpus", type=Path, default=SHARED / "wh_briefings_all.jsonl.gz")
    ap.add_argument("--queries", type=int, default=200, help="queries per kind for (e)")
    ap.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = ap.parse_args()

    from rich.console import Console
    from rich.table import Table

    console = Console(width=150)
    tmpdir = tempfile.TemporaryDirectory(prefix="cg-scale-")
    work = args.keep or Path(tmpdir.name)
    work.mkdir(parents=True, exist_ok=True)
    path = work / "sample.jsonl"
    docs, words = sample(args.corpus, args.n, path)
    console.print(f"[bold]{docs}[/] documents, {words:,} words, from {args.corpus.name}")

    spacy_r = run_child("spacy", str(path))
    ps = str(args.partition_size)
    local_r = run_child("local", str(path), str(work / "local.duckdb"), ps)
    dask_db = work / "dask.duckdb"
    dask_r = run_child("dask", str(path), str(dask_db), str(args.workers), "0", ps)

    t = Table(title=f"(a) (b) (c): {docs} documents ({words:,} words) of {args.corpus.name}")
    for col in ("system", "s", "articles/s", "words/s", "x spaCy", "x local", "fuse s"):
        t.add_column(col, justify="right" if col != "system" else "left")
    t.add_column("peak RSS MB", justify="right")
    rows = [
        ("bare spaCy nlp.pipe (1 process)", spacy_r, _mb(spacy_r["rss"])),
        ("claimgraph local engine (1 process)", local_r, _mb(local_r["rss"])),
        (
            f"claimgraph dask engine ({args.workers} workers)",
            dask_r,
            f"client {_mb(dask_r['rss'])}; workers "
            + ", ".join(_mb(x) for x in dask_r["worker_rss"]),
        ),
    ]
    for name, r, rss in rows:
        t.add_row(
            name,
            f"{r['seconds']:.1f}",
            f"{docs / r['seconds']:.2f}",
            f"{words / r['seconds']:,.0f}",
            f"{spacy_r['seconds'] / r['seconds']:.2f}",
            f"{local_r['seconds'] / r['seconds']:.2f}",
            f"{r['fuse']:.1f}" if "fuse" in r else "",
            rss,
        )
    console.print(t)
    console.print(
        f"dask cluster start + model load: {dask_r['startup']:.1f} s (not in the timing); "
        f"stored: local {local_r['articles']}, dask {dask_r['articles']}; "
        f"errors: local {local_r['errors']}, dask {dask_r['errors']}"
    )
    worst = max(dask_r["worker_rss"] or [0])
    summary = Table(title="targets")
    for col in ("", "measured", "target"):
        summary.add_column(col)
    summary.add_row(
        "(a) local / spaCy throughput",
        f"{spacy_r['seconds'] / local_r['seconds']:.2f}",
        TARGETS["a"],
    )
    summary.add_row(
        "(b) dask / local throughput", f"{local_r['seconds'] / dask_r['seconds']:.2f}", TARGETS["b"]
    )
    summary.add_row("(c) worst worker peak RSS", f"{_mb(worst)} MB", TARGETS["c"])

    query_db = dask_db
    if args.full:
        fdocs, fwords = sample(args.full_corpus, None, None)  # distinct texts, counted only
        full_db = work / "full.duckdb"
        full_r = run_child(
            "dask", str(args.full_corpus), str(full_db), str(args.workers), "1", "200"
        )
        total = full_r["seconds"]
        ft = Table(
            title=f"(d) {args.full_corpus.name}: {fdocs:,} distinct texts ({fwords:,} words)"
        )
        for col in ("total s (with fusion)", "articles/s", "stored", "errors", "store MB"):
            ft.add_column(col, justify="right")
        ft.add_row(
            f"{total:,.0f}",
            f"{full_r['articles'] / total:.2f}",
            str(full_r["articles"]),
            str(full_r["errors"]),
            _mb(_size(full_db)),
        )
        console.print(ft)
        summary.add_row("(d) full corpus", f"{total / 60:.1f} min", TARGETS["d"])
        query_db = full_db

    q = run_child("queries", str(query_db), str(args.queries))
    qt = Table(title=f"(e) query latency on {query_db.name}")
    for col in ("query", "n", "p50 ms", "p95 ms"):
        qt.add_column(col)
    for name, r in q.items():
        if isinstance(r, dict):
            qt.add_row(name, str(r["n"]), f"{r['p50']:.1f}", f"{r['p95']:.1f}")
            summary.add_row(f"(e) {name} p95", f"{r['p95']:.1f} ms", TARGETS["e"])
    console.print(qt)
    console.print(summary)
    tmpdir.cleanup()


def child_main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "spacy":
        r = child_spacy(rest[0])
    elif mode == "local":
        r = child_local(rest[0], rest[1], int(rest[2]))
    elif mode == "dask":
        r = child_dask(rest[0], rest[1], int(rest[2]), rest[3] == "1", int(rest[4]))
    elif mode == "queries":
        r = child_queries(rest[0], int(rest[1]))
    else:
        raise SystemExit(f"unknown child {mode}")
    print(json.dumps(r))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
    else:
        main()
