"""local: the single-machine engine.

With one worker, partitions run in this process and their Arrow tables go straight into
DuckDB (no Parquet round trip). With several workers, a pool of spawned processes (each
loads the spaCy pipeline once, in its initializer) runs the partitions and hands back
Parquet bytes; this process streams the inputs, keeps ``2 x workers`` partitions in flight
and loads each result in one transaction. This avoids ``nlp.pipe(n_process=N)`` per batch,
which starts (and loads the model into) N new processes for every batch.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from claimgraph.engine.driver import PARTITION_SIZE, Done, ResultFuture, run_partitions
from claimgraph.engine.worker import PartitionResult, process_partition, warm
from claimgraph.records import Article
from claimgraph.store import RunSummary, Store


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    partition_size: int = PARTITION_SIZE,
    command: str = "ingest",
    progress: Callable[[int, int, int], None] | None = None,
    on_partition: Callable[[PartitionResult], None] | None = None,
    **read_options: Any,
) -> RunSummary:
    """Ingest ``paths`` on this machine with ``workers`` processes (default 1: in process).

    ``read_options`` are ``published``, ``publisher``, ``url``, ``meta`` and ``fuse`` as for
    :meth:`claimgraph.store.Store.ingest`.
    """
    n = max(1, workers or 1)
    run_id = store.start_run(command)
    if n == 1:
        warm()

        def submit_here(articles: list[Article], part: int) -> ResultFuture:
            return Done(process_partition(articles, run_id, part, output="arrow"))

        return run_partitions(
            store,
            paths,
            submit_here,
            partition_size=partition_size,
            max_in_flight=1,
            progress=progress,
            on_partition=on_partition,
            run_id=run_id,
            **read_options,
        )
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=warm) as pool:

        def submit_pool(articles: list[Article], part: int) -> ResultFuture:
            return pool.submit(process_partition, articles, run_id, part, "bytes")

        return run_partitions(
            store,
            paths,
            submit_pool,
            partition_size=partition_size,
            max_in_flight=2 * n,
            progress=progress,
            on_partition=on_partition,
            run_id=run_id,
            **read_options,
        )
