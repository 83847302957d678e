"""dask: the distributed engine (Dask ``distributed``).

``claimgraph ingest --engine dask [--scheduler tcp://HOST:8786] [--workers N]``:

* without a scheduler address a :class:`distributed.LocalCluster` is started here
  (``processes=True``, one thread per worker, ``N`` workers, default 2, no dashboard);
* a :class:`LoadPipeline` worker plugin loads the spaCy pipeline (with every stage's hooks)
  once in each worker process, including workers that join later;
* this process streams the inputs into partitions of :data:`PARTITION_SIZE` articles and
  keeps ``2 x (worker threads)`` of them in flight; each task runs the whole per-article
  pipeline on a worker (:func:`claimgraph.engine.worker.process_partition`) and produces one
  Parquet file per table;
* each partition's shard set is bulk-loaded into the store in one transaction, in partition
  order, skipping articles already stored (so the run is idempotent).

Where the shards go: on a local cluster the workers write them into a temporary folder
here (removed after the load). On a remote cluster the workers send the Parquet bytes back
and this process writes them, unless ``shards`` names a folder that every worker can write
(a shared file system), which the workers then write directly. A ``shards`` folder given by
the user is kept, and can be loaded again with :func:`claimgraph.engine.shards.load_shards`.

``claimgraph reprocess --engine dask``: :func:`connect` and :func:`reextractor` give
:meth:`claimgraph.store.Store.reprocess` a way to re-extract batches of stored articles on
the workers (records come back to this process, which stores them batch by batch, in order).
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from claimgraph.engine.driver import PARTITION_SIZE, ResultFuture, run_partitions
from claimgraph.engine.shards import part_dir, write_shard_set
from claimgraph.engine.worker import PartitionResult, process_partition, reextract
from claimgraph.pipeline import BatchResult
from claimgraph.records import Article, CleanDoc
from claimgraph.store import RunSummary, Store, StoreError

#: a stored article as the pipeline saw it after cleaning
Stored = tuple[Article, CleanDoc]

#: Workers of a local cluster when ``--workers`` is not given.
DEFAULT_WORKERS = 2


class LoadPipeline(WorkerPlugin):
    """Load claimgraph's spaCy pipeline once per worker process, when the worker starts."""

    name = "claimgraph-load-pipeline"

    def setup(self, worker: Any) -> None:
        from claimgraph.engine.worker import warm

        warm()


def local_cluster(workers: int | None = None) -> LocalCluster:
    """A local cluster of ``workers`` single-threaded worker processes, without dashboard."""
    return LocalCluster(
        n_workers=workers or DEFAULT_WORKERS,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    shards: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    command: str = "ingest",
    progress: Callable[[int, int, int], None] | None = None,
    on_partition: Callable[[PartitionResult], None] | None = None,
    client: Client | None = None,
    **read_options: Any,
) -> RunSummary:
    """Ingest ``paths`` into ``store`` on a Dask cluster; returns the run's summary.

    ``scheduler`` is the address of a running scheduler (``tcp://HOST:8786``); without it a
    local cluster of ``workers`` processes is started and stopped here. ``client`` reuses a
    connected client instead (its cluster is left running). ``read_options`` are
    ``published``, ``publisher``, ``url``, ``meta`` and ``fuse`` as for
    :meth:`claimgraph.store.Store.ingest`. An unreachable scheduler raises ``ValueError``.
    """
    tmp: tempfile.TemporaryDirectory[str] | None = None
    with connect(scheduler, workers, client) as (client, local):
        try:
            if shards is not None:
                root, output = Path(shards), "files"
                root.mkdir(parents=True, exist_ok=True)
            else:
                tmp = tempfile.TemporaryDirectory(prefix="claimgraph-shards-")
                root = Path(tmp.name)
                # workers of a cluster started here share this machine's file system
                output = "files" if local else "bytes"
            threads = sum(client.nthreads().values()) or 1
            run_id = store.start_run(command)
            run_root = root / f"run-{run_id}"

            def submit(articles: list[Article], part: int) -> ResultFuture:
                fut = client.submit(
                    process_partition,
                    articles,
                    run_id,
                    part,
                    output,
                    str(run_root),
                    key=f"claimgraph-run{run_id}-part{part}-{uuid.uuid4().hex[:12]}",
                    pure=False,
                    retries=1,
                )
                return _Shards(fut, run_root) if output == "bytes" else fut

            return run_partitions(
                store,
                paths,
                submit,
                partition_size=partition_size,
                max_in_flight=2 * threads,
                progress=progress,
                on_partition=on_partition,
                run_id=run_id,
                **read_options,
            )
        finally:
            if tmp is not None:
                tmp.cleanup()


@contextmanager
def connect(
    scheduler: str | None = None, workers: int | None = None, client: Client | None = None
) -> Iterator[tuple[Client, bool]]:
    """A client with claimgraph's pipeline loaded on its workers: of the scheduler at
    ``scheduler``, the given ``client`` (left open), or a local cluster of ``workers``
    processes started and stopped here. Yields ``(client, local)``; ``local`` says that the
    workers are a cluster started here, on this machine's file system. An unreachable
    scheduler raises ``ValueError``."""
    cluster: LocalCluster | None = None
    own_client = client is None
    if client is None:
        if scheduler:
            try:
                client = Client(scheduler, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise ValueError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
    try:
        client.register_plugin(LoadPipeline())
        yield client, cluster is not None
    finally:
        if own_client:
            client.close()
        if cluster is not None:
            cluster.close()


def reextractor(client: Client) -> tuple[Callable[[list[Stored]], ResultFuture], int]:
    """How :meth:`claimgraph.store.Store.reprocess` runs on ``client``'s workers: a function
    that submits one batch of stored articles (:func:`claimgraph.engine.worker.reextract`),
    and how many batches to keep in flight (two per worker thread). The future's result is
    the batch's :class:`claimgraph.pipeline.BatchResult`; it raises
    :class:`claimgraph.store.StoreError` when a worker runs other extraction rules than this
    process (another claimgraph version, other lexicons or models), whose records would be
    stored as made by this process's rules."""
    from claimgraph.pipeline import rules_fingerprint

    rules = rules_fingerprint()

    def submit(batch: list[Stored]) -> ResultFuture:
        fut = client.submit(
            reextract,
            batch,
            key=f"claimgraph-reextract-{uuid.uuid4().hex[:12]}",
            pure=False,
            retries=1,
        )
        return _SameRules(fut, rules)

    return submit, 2 * (sum(client.nthreads().values()) or 1)


class _SameRules:
    """A Dask future of re-extracted records, refused if the worker ran other rules."""

    __slots__ = ("future", "rules")

    def __init__(self, future: Any, rules: str) -> None:
        self.future = future
        self.rules = rules

    def result(self) -> BatchResult:
        res, rules = self.future.result()
        if rules != self.rules:
            raise StoreError(
                f"a Dask worker runs other extraction rules ({rules}) than this process "
                f"({self.rules}): install the same claimgraph, data and models on the workers"
            )
        return res


class _Shards:
    """A Dask future of Parquet bytes whose result is written here as a shard set."""

    __slots__ = ("future", "root")

    def __init__(self, future: Any, root: Path) -> None:
        self.future = future
        self.root = root

    def result(self) -> PartitionResult:
        res: PartitionResult = self.future.result()
        res.tables = dict(write_shard_set(res.tables, part_dir(self.root, res.part)))  # type: ignore[arg-type]
        return res
