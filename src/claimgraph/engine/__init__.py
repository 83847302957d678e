"""engine: how ``claimgraph ingest`` runs the per-article pipeline at scale.

* ``local`` (:mod:`claimgraph.engine.local`): this machine, one process or a pool of
  ``workers`` processes;
* ``dask`` (:mod:`claimgraph.engine.dask`): a Dask cluster (a scheduler address) or a local
  cluster of ``workers`` processes, writing Parquet shards that are bulk-loaded into the
  store (:mod:`claimgraph.engine.shards`).

Both stream the inputs in partitions (:mod:`claimgraph.engine.driver`), load each partition
in one transaction, skip articles already stored, and store the same rows as
:meth:`claimgraph.store.Store.ingest`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from claimgraph.engine.driver import PARTITION_SIZE
from claimgraph.engine.shards import load_shards
from claimgraph.engine.worker import PartitionResult
from claimgraph.store import RunSummary, Store

ENGINES = ("local", "dask")

__all__ = ["ENGINES", "PARTITION_SIZE", "PartitionResult", "ingest", "load_shards"]


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    shards: str | Path | None = None,
    partition_size: int = PARTITION_SIZE,
    published: Any = None,
    publisher: str | None = None,
    url: str | None = None,
    meta: Path | None = None,
    command: str = "ingest",
    progress: Callable[[int, int, int], None] | None = None,
    on_partition: Callable[[PartitionResult], None] | None = None,
    fuse: bool = True,
    stage: Callable[[str], None] | None = None,
) -> RunSummary:
    """Ingest ``paths`` into ``store`` with the named engine; returns the run's summary.

    ``scheduler`` and ``shards`` apply to the Dask engine only; ``workers`` is the number of
    worker processes (local cluster or process pool). With ``fuse`` (the default) fusion
    across articles runs at the end, as in :meth:`Store.ingest`.
    """
    read = {"published": published, "publisher": publisher, "url": url, "meta": meta}
    common: dict[str, Any] = {
        "partition_size": partition_size,
        "command": command,
        "progress": progress,
        "on_partition": on_partition,
        "fuse": fuse,
        "stage": stage,
        **read,
    }
    if engine == "dask":
        from claimgraph.engine import dask as dask_engine

        return dask_engine.ingest(
            store, paths, scheduler=scheduler, workers=workers, shards=shards, **common
        )
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    if scheduler:
        raise ValueError("--scheduler needs --engine dask")
    from claimgraph.engine import local

    return local.ingest(store, paths, workers=workers, **common)
