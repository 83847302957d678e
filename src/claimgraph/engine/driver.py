"""driver: stream inputs into partitions, keep a few in flight, load results in order.

Both engines share this loop; they differ only in how a partition is submitted (a function
call in this process, a process pool, or a Dask cluster). The loop:

1. streams ``sources.read`` (language detection is left to the workers), puts articles into
   partitions of ``partition_size``, records input errors and skipped files as it goes;
2. drops articles already stored (one ``known_ids`` query per partition) or already in
   flight, counting them as duplicates;
3. submits the partition; when ``max_in_flight`` partitions are out, waits for the oldest;
4. loads each partition's shard set in one transaction, in partition order (so the first
   copy of an article wins, as with :meth:`claimgraph.store.Store.ingest`), and writes its
   errors;
5. runs fusion across articles once at the end (``Store.fuse``), as ``Store.ingest`` does.

Only the partitions in flight are held in memory on the client, never the corpus. A partition
whose task fails (a worker killed, say) becomes one error row per article, stage ``engine``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from claimgraph.engine.shards import load_shard_set
from claimgraph.engine.worker import PartitionResult
from claimgraph.records import Article, SourceError
from claimgraph.store import RunSummary, Store

#: Articles per partition (one task, one shard set, one transaction).
PARTITION_SIZE = 200


class ResultFuture(Protocol):
    """Anything with ``result()``: a concurrent.futures or a Dask future."""

    def result(self) -> Any: ...


#: ``submit(articles, part) -> future of PartitionResult``
Submit = Callable[[list[Article], int], ResultFuture]


@dataclass(slots=True)
class _InFlight:
    part: int
    future: ResultFuture
    ids: set[str]
    sources: list[str] = field(default_factory=list)


class Done:
    """A future that already holds its result (for in-process execution)."""

    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value


def run_partitions(
    store: Store,
    paths: Iterable[str | Path],
    submit: Submit,
    *,
    published: Any = None,
    publisher: str | None = None,
    url: str | None = None,
    meta: Path | None = None,
    partition_size: int = PARTITION_SIZE,
    max_in_flight: int = 2,
    command: str = "ingest",
    progress: Callable[[int, int, int], None] | None = None,
    on_partition: Callable[[PartitionResult], None] | None = None,
    run_id: int | None = None,
    fuse: bool = True,
    stage: Callable[[str], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into ``store`` through ``submit``; returns the run's summary.

    ``run_id`` is a run started by the caller (else one is started here); workers that
    need it before submission get it through ``submit``'s closure. ``on_partition`` sees
    every partition's result (timings, peak RSS) after it is loaded. With ``fuse`` (the
    default, as for :meth:`Store.ingest`) fusion across articles runs once at the end.
    """
    from claimgraph import pipeline, sources

    ov = sources.Overrides(
        published=sources.parse_date(published) if published else None,
        publisher=publisher,
        url=url,
    )
    side = sources.read_meta(meta) if meta else None
    summary = RunSummary(run_id=run_id if run_id is not None else store.start_run(command))
    in_flight: deque[_InFlight] = deque()

    def collect(job: _InFlight) -> None:
        try:
            res: PartitionResult = job.future.result()
        except Exception as exc:  # a lost worker must not lose the other partitions
            reason = f"partition {job.part} failed: {type(exc).__name__}: {exc}"
            errs = [SourceError(s, reason, "engine") for s in job.sources]
            summary.errors.extend(errs)
            store.add_errors(errs, summary.run_id)
        else:
            stored, dups = load_shard_set(store, res.tables)
            summary.articles += stored
            summary.duplicates += dups
            summary.errors.extend(res.errors)
            store.add_errors(res.errors, summary.run_id)
            if on_partition:
                on_partition(res)
        if progress:
            progress(summary.articles, summary.duplicates, len(summary.errors))

    def busy(aid: str) -> bool:
        return any(aid in job.ids for job in in_flight)

    items = sources.read(paths, ov, side, detect_language=False)
    part = 0
    for batch in pipeline.iter_batches(items, partition_size):
        articles: list[Article] = []
        errors: list[SourceError] = []
        for it in batch:
            if isinstance(it, SourceError):
                errors.append(it)
            elif isinstance(it, sources.Skipped):
                summary.skipped.append(it.source)
            else:
                articles.append(it)  # type: ignore[arg-type]
        summary.errors.extend(errors)
        store.add_errors(errors, summary.run_id)
        known = store.known_ids([a.id for a in articles])
        todo: list[Article] = []
        ids: set[str] = set()
        for a in articles:
            if a.id in known or a.id in ids or busy(a.id):
                summary.duplicates += 1
                continue
            ids.add(a.id)
            todo.append(a)
        del articles, batch
        if todo:
            future = submit(todo, part)
            in_flight.append(_InFlight(part, future, ids, [a.source for a in todo]))
            part += 1
            del todo
        elif progress:
            progress(summary.articles, summary.duplicates, len(summary.errors))
        while len(in_flight) >= max(1, max_in_flight):
            collect(in_flight.popleft())
    while in_flight:
        collect(in_flight.popleft())
    if fuse and summary.articles:
        summary.fusion = store.fuse(stage)
    store.finish_run(summary)
    return summary
