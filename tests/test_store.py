import json
import subprocess
import sys

import pytest

from claimgraph.store import Store, StoreError, migrations


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def write_page(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_migrations_are_versioned(store):
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    assert store.schema_version() == versions[-1]
    assert store.migrate() == []  # nothing left to apply


def test_ingest_is_idempotent(store, tmp_path, banner_page):
    p = write_page(tmp_path, "a.txt", banner_page)
    first = store.ingest([p], published="2024-03-04")
    assert (first.articles, first.duplicates, first.errors) == (1, 0, [])
    again = store.ingest([p, p])
    assert (again.articles, again.duplicates) == (0, 2)
    assert store.count("articles") == 1
    n_sent = store.count("sentences")
    assert n_sent > 3
    store.ingest([p])
    assert store.count("sentences") == n_sent


def test_article_records_and_offsets(store, tmp_path, banner_page):
    p = write_page(tmp_path, "a.txt", banner_page)
    store.ingest([p], published="2024-03-04", publisher="Coastline Daily")
    art = store.article(store.articles()[0]["id"][:6])
    assert str(art["published"]) == "2024-03-04"
    assert art["original_publisher"] == "The Island Courier"
    text = art["text"]
    kinds = [s["kind"] for s in art["segments"]]
    assert kinds[0] == "headline" and "teaser" in kinds
    for s in art["sentences"]:
        assert text[s["start"] : s["end"]].strip()
    persons = [e["text"] for e in art["entities"] if e["label"] == "PERSON"]
    assert "Maria Lund" in persons
    for e in art["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]


def test_errors_are_recorded_and_run_goes_on(store, tmp_path, banner_page):
    good = write_page(tmp_path, "good.txt", banner_page)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    summary = store.ingest([bad, good])
    assert summary.articles == 1 and len(summary.errors) == 1
    rows = store.errors(run_id=summary.run_id)
    assert rows[0]["source"].endswith("bad.txt") and "binary" in rows[0]["reason"]


def test_read_only_store_refuses_missing_file(tmp_path):
    with pytest.raises(StoreError):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_export_formats(store, tmp_path, banner_page):
    store.ingest([write_page(tmp_path, "a.txt", banner_page)])
    for fmt in ("parquet", "csv", "jsonl"):
        files = store.export(fmt, tmp_path / fmt, ["articles", "segments"])
        assert [f.name for f in files] == [f"articles.{fmt}", f"segments.{fmt}"]
    line = (tmp_path / "jsonl" / "articles.jsonl").read_text().splitlines()[0]
    assert json.loads(line)["original_publisher"] == "The Island Courier"
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "parquet" / "segments.parquet").num_rows == store.count(
        "segments"
    )
    with pytest.raises(ValueError):
        store.export("xml", tmp_path / "x")


def test_killed_batch_leaves_no_half_article(tmp_path, banner_page):
    """A process killed inside a batch transaction leaves nothing of that batch."""
    db = tmp_path / "k.duckdb"
    page = write_page(tmp_path, "a.txt", banner_page)
    code = f"""
import os, claimgraph.store as st
s = st.Store({str(db)!r})
orig = s.insert
def insert(table, rows, on_conflict=False):
    orig(table, rows, on_conflict)
    if table == "sentences":
        os._exit(9)   # die after some tables of the batch were written
s.insert = insert
s.ingest([{str(page)!r}])
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert proc.returncode == 9
    with Store(db) as s:
        assert s.count("articles") == 0 and s.count("segments") == 0
        assert s.ingest([page]).articles == 1
        assert s.count("articles") == 1


def test_failing_stage_is_recorded_and_leaves_no_half_records(tmp_path, banner_page, monkeypatch):
    from claimgraph import pipeline

    mods = dict(pipeline.stage_modules())

    def broken(rec, ann):
        rec.extra.setdefault("mentions", []).append("half-made")
        raise RuntimeError("boom")

    monkeypatch.setattr(mods["actors"], "run", broken)
    rec = pipeline.extract(banner_page)
    assert rec.extra.get("mentions", []) == []
    assert [(e.stage, e.reason) for e in rec.errors] == [("actors", "RuntimeError: boom")]
    with Store(tmp_path / "s.duckdb") as store:
        summary = store.ingest([write_page(tmp_path, "p.txt", banner_page)])
        assert summary.articles == 1
        assert [e["stage"] for e in store.errors(run_id=summary.run_id)] == ["actors"]


def test_stage_over_the_time_limit_is_stopped_and_recorded(tmp_path, banner_page, monkeypatch):
    import time

    from claimgraph import pipeline

    mods = dict(pipeline.stage_modules())

    def endless(rec, ann):
        rec.extra.setdefault("quantities", []).append("half-made")
        while True:  # a stage stuck in a Python loop
            time.sleep(0.01)

    monkeypatch.setattr(mods["quantities"], "run", endless)
    monkeypatch.setenv("CLAIMGRAPH_STAGE_TIME_LIMIT", "0.5")
    rec = pipeline.extract(banner_page)
    assert [e.stage for e in rec.errors] == ["quantities"]
    assert "time limit of 0.5 s" in rec.errors[0].reason
    assert rec.extra.get("quantities", []) == []  # nothing half-made is kept
    assert rec.extra["mentions"] and "events" in rec.extra  # the other stages ran
    with Store(tmp_path / "s.duckdb") as store:
        summary = store.ingest([write_page(tmp_path, "p.txt", banner_page)])
        assert summary.articles == 1
        assert [e["stage"] for e in store.errors(run_id=summary.run_id)] == ["quantities"]


def test_full_text_index_is_built_by_ingest_and_ranks_by_bm25(tmp_path):
    from claimgraph.serve import queries

    a = write_page(tmp_path, "a.txt", "Harbour cranes idle\n\nThe harbour cranes stood idle.\n")
    b = write_page(tmp_path, "b.txt", "Rail strike\n\nTrains stopped; one harbour crane moved.\n")
    db = tmp_path / "fts.duckdb"
    with Store(db) as s:
        s.ingest([a, b], published="2024-03-04", fuse=False)
        assert queries.search_backend(s) == "ilike"  # no index yet: fusion builds it
        assert s.index_text() is True
    with Store(db, read_only=True) as s:
        assert s.index_text() is False  # a reader never writes the index
        assert queries.search_backend(s) == "fts"
        hits = queries.text_search(s, "cranes")  # stemmed: "crane" matches too
        assert [h["title"] for h in hits] == ["Harbour cranes idle", "Rail strike"]
        assert queries.text_search(s, "submarine") == []
        assert "crane" in hits[0]["snippet"].lower()
        for q in ("cranes", "harbour crane", "rail strike", "the"):  # equal to the macro
            macro = s.query(
                "SELECT id, fts_main_articles.match_bm25(id, ?) AS score FROM articles "
                "WHERE score IS NOT NULL ORDER BY score DESC, id",
                [q],
            )
            assert [(h["id"], round(h["score"], 9)) for h in queries.text_search(s, q)] == [
                (r["id"], round(r["score"], 9)) for r in macro
            ]
        # postings are kept in term order (so a query reads only its terms' row groups)
        ids = [r["termid"] for r in s.query("SELECT termid FROM fts_main_articles.terms")]
        assert ids == sorted(ids) and len(ids) > 5


def test_a_later_article_fills_what_an_actor_row_left_empty(store):
    def actor(name, typ, country, sector):
        return {
            "id": "person:jo-ray",
            "name": name,
            "type": typ,
            "country": country,
            "sector": sector,
        }

    first = [actor("Jo Ray", "person", None, None)]
    store.insert("actors", first, on_conflict=True)
    later = [actor("Joanna Ray", "group", "USA", None), actor("Jo Ray", "person", None, "GOV")]
    store.insert("actors", later, on_conflict=True)
    row = store.query("SELECT name, type, country, sector FROM actors")
    # the first row's values stay; only its empty ones are filled
    assert row == [{"name": "Jo Ray", "type": "person", "country": "USA", "sector": "GOV"}]
    store.insert("actors", [{**first[0], "country": "GBR"}], on_conflict=True)
    assert store.query("SELECT country FROM actors") == [{"country": "USA"}]
