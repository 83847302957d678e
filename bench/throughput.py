"""Throughput and memory of the full ingest against bare spaCy, on the same texts, in one run.

    .venv/bin/python bench/throughput.py --corpus ../shared/corpus/wh_briefings_security_subset.jsonl.gz --n 300

Each measurement runs in a fresh subprocess so that its peak RSS (ru_maxrss) is its own:
  * bare spaCy: ``nlp.pipe`` over the article texts (what a user would write by hand);
  * claimgraph: ``Store.ingest`` of the same articles into a new DuckDB file (read, clean,
    annotate per paragraph, every registered stage, store).
Prints articles/s, words/s, peak RSS and the ratio claimgraph / spaCy.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
mode, path, n_process = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
t0 = time.perf_counter()
if mode == "spacy":
    from claimgraph.annotate import load_nlp
    nlp = load_nlp()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass
else:
    import tempfile, os
    from claimgraph.store import Store
    from claimgraph import pipeline
    pipeline.nlp()  # load the model before timing, as for spaCy
    t0 = time.perf_counter()
    db = os.path.join(tempfile.mkdtemp(), "bench.duckdb")
    with Store(db) as store:
        s = store.ingest([path], n_process=n_process)
        assert s.articles == len(texts), (s.articles, len(texts), s.errors[:3])
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": elapsed, "rss": rss}))
"""


def sample(corpus: Path, n: int, out: Path) -> tuple[int, int]:
    opener = gzip.open if corpus.suffix == ".gz" else open
    docs = words = 0
    seen: set[str] = set()
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            obj = json.loads(line)
            text = obj.get("text") or ""
            if not text.strip() or text in seen:
                continue
            seen.add(text)
            dst.write(json.dumps({"text": text, "title": obj.get("title"),
                                  "published": obj.get("published"),
                                  "publisher": obj.get("publisher")}) + "\n")
            docs += 1
            words += len(text.split())
            if docs >= n:
                break
    return docs, words


def measure(mode: str, path: Path, n_process: int) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path), str(n_process)],
        capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if proc.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, required=True, help="JSONL(.gz) with a text field")
    ap.add_argument("--n", type=int, default=300, help="number of documents")
    ap.add_argument("--n-process", type=int, default=1, help="spaCy processes for both runs")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.jsonl"
        docs, words = sample(args.corpus, args.n, path)
        spacy_r = measure("spacy", path, args.n_process)
        cg_r = measure("claimgraph", path, args.n_process)
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"throughput on {docs} documents ({words:,} words) of {args.corpus.name}")
    for col in ("system", "seconds", "articles/s", "words/s", "peak RSS (MB)"):
        t.add_column(col)
    for name, r in (("bare spaCy nlp.pipe", spacy_r), ("claimgraph ingest", cg_r)):
        t.add_row(name, f"{r['seconds']:.1f}", f"{docs / r['seconds']:.2f}",
                  f"{words / r['seconds']:,.0f}", f"{r['rss'] / 2**20:.0f}")
    Console().print(t)
    print(f"ratio claimgraph / spaCy throughput: {spacy_r['seconds'] / cg_r['seconds']:.2f}")


if __name__ == "__main__":
    main()
