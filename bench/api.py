"""Latency of the web API (event, actor and search requests) over a real HTTP socket.

    # on an existing store (built by `claimgraph ingest` [+ fuse])
    .venv/bin/python bench/api.py --db big.duckdb
    # build a store from the first N documents of the corpus first (slow: the full pipeline)
    .venv/bin/python bench/api.py --build 300 --db /tmp/wh300.duckdb \
        --corpus ../shared/corpus/wh_briefings_all.jsonl.gz

The app (``claimgraph.serve.create_app``) runs in uvicorn on a free 127.0.0.1 port in this
process; one client sends requests one at a time (after a warm-up) and the script prints
p50, p95 and max latency per kind, with the store's size, and whether p95 < 100 ms. Event and
actor ids are sampled with a fixed seed; search terms are a fixed list of news words plus
sampled actor names. The search backend (fts or ilike) is printed too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn

from claimgraph.serve import create_app
from claimgraph.store import Store

TERMS = [
    "sanctions",
    "missiles",
    "ammunition",
    "Russia",
    "Ukraine",
    "North Korea",
    "Iran",
    "Wagner",
    "drone",
    "ceasefire",
    "export controls",
    "humanitarian aid",
]
TARGET_MS = 100.0


def build(corpus: Path, n: int, db: Path) -> None:
    """Ingest the first ``n`` documents of ``corpus`` into ``db`` and fuse."""
    from claimgraph.fuse import fuse

    opener = gzip.open if corpus.suffix == ".gz" else open
    with tempfile.TemporaryDirectory() as tmp:
        part = Path(tmp) / f"first{n}.jsonl"
        with (
            opener(corpus, "rt", encoding="utf-8") as src,
            open(part, "w", encoding="utf-8") as dst,
        ):
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
        t0 = time.perf_counter()
        with Store(db) as store:
            s = store.ingest([part])
            print(
                f"ingested {s.articles} articles ({len(s.errors)} errors) in {time.perf_counter() - t0:.0f} s"
            )
            t1 = time.perf_counter()
            f = fuse(store)
            print(
                f"fused: {f.fused_events} events, {f.claims} claims in {time.perf_counter() - t1:.0f} s"
            )


def build_text_only(corpus: Path, n: int, db: Path) -> None:
    """Store the first ``n`` documents as bare articles (no extraction): enough to time the
    full-text search over the whole corpus, which scans article texts."""
    from datetime import date

    opener = gzip.open if corpus.suffix == ".gz" else open
    rows = []
    with opener(corpus, "rt", encoding="utf-8") as src:
        for i, line in enumerate(src):
            if n and i >= n:
                break
            d = json.loads(line)
            pub = d.get("published")
            try:
                pub = date.fromisoformat(str(pub)[:10]) if pub else None
            except ValueError:
                pub = None
            rows.append(
                [
                    str(d.get("id") or i),
                    f"{corpus.name}:{i + 1}",
                    d.get("url"),
                    d.get("title"),
                    pub,
                    d.get("publisher"),
                    "en",
                    "text",
                    d.get("text") or "",
                ]
            )
    with Store(db) as store:
        store.con.executemany(
            "INSERT INTO articles (id, source, url, title, published, publisher, language, "
            "raw_kind, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            rows,
        )
        indexed = store.index_text()
    print(
        f"stored {len(rows)} bare articles (text only, no extraction); "
        f"full-text index: {'built' if indexed else 'not built (no fts extension)'}"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stats(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"n": len(ms), "p50": statistics.median(ms), "p95": p95, "max": ms[-1]}


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--db", type=Path, required=True, help="store to query (built first with --build)"
    )
    ap.add_argument(
        "--build", type=int, default=0, help="first build --db from the first N documents"
    )
    ap.add_argument(
        "--corpus", type=Path, default=Path("../shared/corpus/wh_briefings_all.jsonl.gz")
    )
    ap.add_argument(
        "--text-only",
        type=int,
        default=None,
        metavar="N",
        help="first build --db with the first N documents as bare articles (0: all); "
        "times search only",
    )
    ap.add_argument("--requests", type=int, default=100, help="requests per kind")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    if args.build:
        if args.db.exists():
            sys.exit(f"{args.db} exists; remove it or drop --build")
        build(args.corpus, args.build, args.db)
    elif args.text_only is not None:
        if args.db.exists():
            sys.exit(f"{args.db} exists; remove it or drop --text-only")
        build_text_only(args.corpus, args.text_only, args.db)

    with Store(args.db, read_only=True) as store:
        size = {
            t: store.count(t)
            for t in ("articles", "mentions", "events", "actors", "fused_events")
            if t in store.tables()
        }
        text_mb = store.query("SELECT sum(length(text)) / 1e6 AS mb FROM articles")[0]["mb"] or 0
        actor_ids = [r["id"] for r in store.query("SELECT id FROM actors ORDER BY id")]
        names = [r["name"] for r in store.query("SELECT name FROM actors ORDER BY id")]
        fused = bool(size.get("fused_events"))
        ev_ids = [
            r["id"]
            for r in store.query(
                "SELECT id FROM fused_events ORDER BY id" if fused else "SELECT 1 AS id WHERE false"
            )
        ]
    print(f"store {args.db}: {size}, {text_mb:.2f} MB of text")

    app = create_app(args.db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    rng = random.Random(args.seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        if not ev_ids:  # unfused store: the API's mention groups
            ev_ids = [e["id"] for e in client.get("/api/events", params={"limit": 1000}).json()]
        backend = client.get("/api/health").json()["search_backend"]
        kinds = {
            "event": [
                f"/api/events/{quote(rng.choice(ev_ids), safe='')}" for _ in range(args.requests)
            ]
            if ev_ids
            else [],
            "actor": [
                f"/api/actors/{quote(rng.choice(actor_ids), safe='')}" for _ in range(args.requests)
            ]
            if actor_ids
            else [],
            "search": [
                "/api/search?q=" + quote(rng.choice(TERMS + names[:: max(1, len(names) // 10)]))
                for _ in range(args.requests)
            ],
        }
        for urls in kinds.values():  # warm-up
            for u in urls[:5]:
                client.get(u)
        results = {}
        for kind, urls in kinds.items():
            ms = []
            for u in urls:
                t0 = time.perf_counter()
                r = client.get(u)
                ms.append((time.perf_counter() - t0) * 1000)
                if r.status_code != 200:
                    sys.exit(f"{u}: HTTP {r.status_code} {r.text[:200]}")
            if ms:
                results[kind] = _stats(ms)
    server.should_exit = True
    thread.join(5)
    app.state.keeper.close()
    kinds_run = ", ".join(results) or "none"
    print(f"timed: {kinds_run}")
    print(f"search backend: {backend}; sequential requests, one client, HTTP over 127.0.0.1")
    print(
        f"{'kind':8} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  p95 < {TARGET_MS:.0f} ms"
    )
    ok = True
    for kind, s in results.items():
        good = s["p95"] < TARGET_MS
        ok &= good
        print(
            f"{kind:8} {s['n']:>5} {s['p50']:>8.1f} {s['p95']:>8.1f} {s['max']:>8.1f}  {'yes' if good else 'NO'}"
        )
    print(
        json.dumps(
            {"store": size, "text_mb": round(text_mb, 1), "backend": backend, "latency_ms": results}
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
