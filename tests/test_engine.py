"""The engines: Parquet shard sets and their bulk load, the partition driver, and the local
and Dask engines storing exactly what ``Store.ingest`` stores on the example corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from claimgraph import engine
from claimgraph.engine import driver, shards
from claimgraph.engine.worker import PartitionResult
from claimgraph.store import Store
from conftest import EXAMPLES

META = EXAMPLES / "published.tsv"
#: columns that differ between two runs by design (run ids, clocks, error row ids)
VOLATILE = {
    "run_id",
    "ingested_at",
    "created_at",
    "applied_at",
    "started_at",
    "finished_at",
    "fused_at",
}


def _article(aid: str, text: str, published: date | None = None) -> dict:
    return {
        "id": aid,
        "source": f"{aid}.txt",
        "url": None,
        "title": "A title",
        "published": published,
        "publisher": None,
        "original_publisher": None,
        "language": "en",
        "raw_kind": "text",
        "text": text,
        "run_id": 7,
    }


def _shard_set(ids: list[str]) -> dict[str, pa.Table]:
    arts = [_article(a, f"Text of {a}.") for a in ids]
    segs = [
        {"article_id": a, "idx": 0, "kind": "body", "start": 0, "end": len(f"Text of {a}.")}
        for a in ids
    ]
    actors = [{"id": "ABC", "name": "Abcland", "type": "state", "country": "ABC", "sector": None}]
    return shards.tables_to_arrow({"articles": arts, "segments": segs, "actors": actors})


def dump(store: Store) -> dict[str, list[str]]:
    """Every table's rows (sorted, without volatile columns), for comparing two stores."""
    out = {}
    for table in store.tables():
        if table in ("runs", "schema_migrations"):
            continue
        cols = [c for c in store.columns(table) if c not in VOLATILE]
        if table == "errors":
            cols = [c for c in cols if c != "id"]
        names = ", ".join(f'"{c}"' for c in cols)
        out[table] = sorted(
            repr(r) for r in store.con.execute(f"SELECT {names} FROM {table}").fetchall()
        )
    return out


# -- shards ----------------------------------------------------------------------------------
def test_to_arrow_types_and_all_null_columns():
    t = shards.to_arrow(
        [
            {"a": 1, "b": None, "d": date(2024, 5, 1)},
            {"a": 2, "b": None, "d": None, "late": "x"},
        ]
    )
    assert t.column_names == ["a", "b", "d", "late"]
    assert pa.types.is_integer(t.schema.field("a").type)
    assert pa.types.is_string(t.schema.field("b").type)  # not Arrow's null type
    assert pa.types.is_date(t.schema.field("d").type)
    assert t.column("late").to_pylist() == [None, "x"]


@pytest.mark.parametrize("form", ["arrow", "bytes", "files"])
def test_load_shard_set_is_idempotent(tmp_path, form):
    tables = _shard_set(["a1", "a2"])
    if form == "bytes":
        tables = {t: shards.parquet_bytes(tab) for t, tab in tables.items()}
    elif form == "files":
        tables = shards.write_shard_set(tables, tmp_path / "part-000000")
    with Store(":memory:") as store:
        assert shards.load_shard_set(store, tables) == (2, 0)
        assert shards.load_shard_set(store, tables) == (0, 2)
        assert store.count("articles") == 2
        assert store.count("segments") == 2
        assert store.count("actors") == 1
        row = store.query("SELECT published, run_id FROM articles WHERE id = 'a1'")[0]
        assert row == {"published": None, "run_id": 7}


def test_load_shard_set_fills_what_a_stored_actor_left_empty():
    with Store(":memory:") as store:
        shards.load_shard_set(store, _shard_set(["a1"]))
        later = _shard_set(["a2"])
        later["actors"] = shards.to_arrow(
            [{"id": "ABC", "name": "Other", "type": "state", "country": "ABC", "sector": "GOV"}]
        )
        shards.load_shard_set(store, later)
        assert store.query("SELECT name, sector FROM actors") == [
            {"name": "Abcland", "sector": "GOV"}
        ]


def test_load_shard_set_skips_stored_articles_and_their_rows(tmp_path):
    with Store(":memory:") as store:
        shards.load_shard_set(store, _shard_set(["a1"]))
        stored, dups = shards.load_shard_set(store, _shard_set(["a1", "a2", "a3"]))
        assert (stored, dups) == (2, 1)
        assert store.count("segments") == 3  # a1's segment was not inserted twice


def test_load_shards_folder_in_partition_order(tmp_path):
    shards.write_shard_set(_shard_set(["a1", "a2"]), shards.part_dir(tmp_path, 1))
    shards.write_shard_set(_shard_set(["a2", "a3"]), shards.part_dir(tmp_path, 0))
    names = [Path(s["articles"]).parent.name for s in shards.shard_sets(tmp_path)]
    assert names == ["part-000000", "part-000001"]
    with Store(":memory:") as store:
        assert shards.load_shards(store, tmp_path) == (3, 1)
        assert shards.load_shards(store, tmp_path) == (0, 4)


# -- driver ----------------------------------------------------------------------------------
class _Boom:
    def result(self):
        raise RuntimeError("worker lost")


def test_failed_partition_becomes_errors_not_a_crash(tmp_path):
    seen: list[int] = []

    def submit(articles, part):
        seen.append(len(articles))
        return _Boom()

    with Store(tmp_path / "f.duckdb") as store:
        summary = driver.run_partitions(store, [EXAMPLES], submit, meta=META, partition_size=4)
        assert summary.articles == 0
        assert len(summary.errors) == sum(seen) >= 9
        assert {e.stage for e in summary.errors} == {"engine"}
        assert store.count("errors") == len(summary.errors)
        assert all(n <= 4 for n in seen) and len(seen) >= 3  # partitions, not the corpus


def test_unknown_engine_is_refused(tmp_path):
    with Store(":memory:") as store, pytest.raises(ValueError, match="unknown engine"):
        engine.ingest(store, [EXAMPLES], engine="spark")


# -- engines against Store.ingest --------------------------------------------------------------
@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, list[str]]:
    with Store(tmp_path_factory.mktemp("ref") / "ref.duckdb") as store:
        summary = store.ingest([EXAMPLES], meta=META)
        assert summary.articles >= 9 and not summary.errors
        return dump(store)


@pytest.mark.parametrize("workers", [1, 2])
def test_local_engine_stores_what_store_ingest_stores(tmp_path, reference, workers):
    with Store(tmp_path / "local.duckdb") as store:
        summary = engine.ingest(store, [EXAMPLES], meta=META, partition_size=4, workers=workers)
        assert summary.errors == []
        assert dump(store) == reference


def test_dask_engine_stores_what_store_ingest_stores(tmp_path, reference):
    parts: list[PartitionResult] = []
    with Store(tmp_path / "dask.duckdb") as store:
        summary = engine.ingest(
            store,
            [EXAMPLES],
            meta=META,
            engine="dask",
            workers=2,
            partition_size=3,
            on_partition=parts.append,
        )
        assert summary.errors == []
        assert summary.articles == len(reference["articles"])
        assert dump(store) == reference
        assert reference["events"] and reference["mentions"]  # the stages ran on the workers
        assert len(parts) >= 3 and len({p.pid for p in parts}) >= 1
        assert all(p.peak_rss > 0 for p in parts)


def test_dask_engine_with_a_scheduler_address_and_kept_shards(tmp_path, reference):
    from distributed import Client

    from claimgraph.engine import dask as dask_engine

    kept = tmp_path / "shards"
    with dask_engine.local_cluster(1) as cluster:
        # a scheduler address: the workers send Parquet bytes back, written and loaded here
        with Store(tmp_path / "a.duckdb") as store:
            first = dask_engine.ingest(
                store, [EXAMPLES], meta=META, scheduler=cluster.scheduler_address
            )
            assert first.errors == [] and first.articles == len(reference["articles"])
            assert dump(store) == reference
        # a shared shards folder: the workers write the files, which are kept
        with Client(cluster) as client, Store(tmp_path / "b.duckdb") as store:
            dask_engine.ingest(
                store, [EXAMPLES], meta=META, client=client, shards=kept, partition_size=4
            )
            again = dask_engine.ingest(store, [EXAMPLES], meta=META, client=client)
            assert (again.articles, again.duplicates) == (0, first.articles)
            built = dump(store)
    runs = list(kept.iterdir())
    assert len(runs) == 1 and len(list(runs[0].glob("part-*/articles.parquet"))) >= 3
    # the kept shards rebuild the same per-article tables in another store, once
    with Store(tmp_path / "from_shards.duckdb") as store:
        assert shards.load_shards(store, runs[0]) == (first.articles, 0)
        assert shards.load_shards(store, runs[0]) == (0, first.articles)
        got = dump(store)
    for table in ("articles", "segments", "sentences", "entities", "mentions", "events"):
        assert got[table] == built[table], table
