"""worker: what every engine runs on one partition of articles, in whatever process it is in.

:func:`process_partition` detects each article's language, runs the whole per-article
pipeline (:func:`claimgraph.pipeline.process_batch`), flattens the records into rows per
table (:func:`claimgraph.store.rows_by_table`) and returns them as Arrow tables, as Parquet
bytes, or written as a Parquet shard set into a folder. The spaCy pipeline is loaded once
per process (:func:`claimgraph.pipeline.nlp` is cached); :func:`warm` loads it ahead.
:func:`reextract` runs the pipeline after cleaning on stored articles (``claimgraph
reprocess --engine dask``).

The module imports neither Dask nor a store, so a process pool and a Dask worker can both
run it.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pyarrow as pa

from claimgraph.records import Article, ArticleRecords, CleanDoc, SourceError

if TYPE_CHECKING:
    from claimgraph.pipeline import BatchResult

#: How a partition's tables come back: Arrow tables, Parquet bytes, or Parquet file paths.
Output = Literal["arrow", "bytes", "files"]


@dataclass(slots=True)
class PartitionResult:
    """What one partition produced, with the worker's own measurements."""

    part: int
    #: table name -> Arrow table, Parquet bytes or Parquet file path (see :data:`Output`)
    tables: dict[str, pa.Table | bytes | str] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)
    articles: int = 0  # articles given
    records: int = 0  # articles that came out of the pipeline
    words: int = 0  # whitespace-separated words of the stored texts
    seconds: float = 0.0  # wall time inside the worker
    pid: int = 0
    peak_rss: int = 0  # the worker process's peak resident set size so far, in bytes


def warm() -> None:
    """Load the spaCy pipeline with every stage's hooks (once per process)."""
    from claimgraph import pipeline

    pipeline.nlp()


def peak_rss() -> int:
    """This process's peak resident set size in bytes (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def process_partition(
    articles: Sequence[Article],
    run_id: int | None,
    part: int,
    output: Output = "arrow",
    folder: str | None = None,
    detect_language: bool = True,
    batch_size: int = 32,
) -> PartitionResult:
    """Run the pipeline on one partition and return its rows per table.

    ``detect_language`` applies :func:`claimgraph.sources.with_language` here, on the worker,
    so that the reading process only streams raw pages. Duplicate ids within the partition
    keep their first article, as :meth:`claimgraph.store.Store.add` does. With
    ``output="files"`` the shard set is written under ``folder`` (``part-NNNNNN/``).

    The pipeline runs over ``batch_size`` articles at a time: the spaCy Docs of a batch are
    alive until its stages have run, so this bounds a worker's memory whatever the
    partition size (the records kept for the partition are small).
    """
    from claimgraph import pipeline, sources
    from claimgraph.engine import shards
    from claimgraph.store import rows_by_table

    t0 = time.perf_counter()
    if detect_language:
        articles = [sources.with_language(a) for a in articles]
    fresh: list[ArticleRecords] = []
    errors: list[SourceError] = []
    seen: set[str] = set()
    for batch in pipeline.iter_batches(articles, max(1, batch_size)):
        result = pipeline.process_batch(batch)  # type: ignore[arg-type]
        errors.extend(result.errors)
        for rec in result.records:
            if rec.id not in seen:
                seen.add(rec.id)
                fresh.append(rec)
    arrow = shards.tables_to_arrow(rows_by_table(fresh, run_id))
    out: dict[str, pa.Table | bytes | str]
    if output == "arrow":
        out = dict(arrow)
    elif output == "bytes":
        out = {t: shards.parquet_bytes(tab) for t, tab in arrow.items()}
    else:
        if folder is None:
            raise ValueError("output='files' needs a folder")
        out = dict(shards.write_shard_set(arrow, shards.part_dir(folder, part)))
    return PartitionResult(
        part=part,
        tables=out,
        errors=errors,
        articles=len(articles),
        records=len(fresh),
        words=sum(len(r.text.split()) for r in fresh),
        seconds=time.perf_counter() - t0,
        pid=os.getpid(),
        peak_rss=peak_rss(),
    )


def reextract(
    batch: Sequence[tuple[Article, CleanDoc]],
) -> tuple[BatchResult, str]:
    """Annotation and extraction again on stored articles (``claimgraph reprocess`` on a
    cluster), with the fingerprint of the rules this process runs, so that the caller can
    refuse records made by other code than its own."""
    from claimgraph import pipeline

    return pipeline.extract_cleaned(batch), pipeline.rules_fingerprint()
