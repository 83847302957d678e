"""Re-extracting stored articles after the rules changed (`claimgraph reprocess`).

A store made by older rules is simulated on the project's example corpus: its articles are
marked as extracted by other rules and some of their records are altered, as older rules
would have left them. Reprocessing must give back exactly what a fresh ingest stores.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph import pipeline
from claimgraph.cli import app
from claimgraph.engine.driver import Done
from claimgraph.store import FUSION_TABLES, Store, StoreError, rows_by_table
from conftest import EXAMPLES

runner = CliRunner()

#: fusion tables compared after reprocessing (their rows are derived from the records)
FUSED = ("fused_events", "event_members", "claims", "syndication")


@pytest.fixture(scope="module")
def fresh_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reprocess") / "fresh.duckdb"
    with Store(path) as s:
        summary = s.ingest([EXAMPLES], meta=EXAMPLES / "published.tsv")
        assert summary.articles >= 8 and not summary.errors
    return path


@pytest.fixture()
def db(fresh_db, tmp_path) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copy(fresh_db, path)
    return path


def snapshot(s: Store, tables) -> dict[str, list[tuple]]:
    """Every row of the tables, sorted, without time stamps."""
    out = {}
    for t in tables:
        cols = [c for c in s.columns(t) if c not in ("fused_at",)]
        names = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(map(tuple, s.con.execute(f"SELECT {names} FROM {t}").fetchall()), key=repr)
    return out


def age(s: Store, ids=None) -> None:
    """Make (some) stored articles look extracted by older rules."""
    if ids is None:
        s.con.execute("UPDATE article_rules SET rules = 'older'")
    else:  # no row, as in a store made before rules were recorded
        s.con.execute("DELETE FROM article_rules WHERE list_contains(?, article_id)", [ids])


def corrupt(s: Store) -> str:
    """Change one article's records as other rules might have made them; its id."""
    aid = s.query("SELECT article_id FROM events ORDER BY article_id, id LIMIT 1")[0]["article_id"]
    s.con.execute("UPDATE events SET type = 'PROTEST' WHERE article_id = ?", [aid])
    s.con.execute("DELETE FROM attributions WHERE article_id = ?", [aid])
    s.con.execute("UPDATE actors SET name = 'Old Name' WHERE id = 'BLR'")
    s.fuse()  # fusion now holds the altered events too
    return aid


def test_every_table_with_articles_is_records_or_fusion(db):
    with Store(db) as s:
        extracted = set(s.extracted_tables())
        per_article = {t for t, _ in s._article_tables()}
        assert extracted | (FUSION_TABLES & per_article) == per_article
        assert {"events", "attributions", "mentions", "sentences", "segments"} <= extracted
        assert not extracted & FUSION_TABLES
        # what the pipeline writes for an article goes to the records tables only
        recs = pipeline.extract_cleaned(s.stored_articles([s.articles()[0]["id"]])).records
        written = set(rows_by_table(recs, None)) - {"articles", "actors"}
        assert written and written <= extracted


def test_reprocess_gives_back_what_a_fresh_ingest_stores(db):
    with Store(db) as s:
        tables = [*s.extracted_tables(), "actors"]
        want = snapshot(s, tables)
        want_fused = snapshot(s, FUSED)
        n = s.count("articles")
        age(s)
        aid = corrupt(s)
        assert snapshot(s, ["events"]) != {"events": want["events"]}
        assert len(s.stale_ids()) == n
        summary = s.reprocess(batch_size=3)
        assert (summary.articles, summary.errors) == (n, [])
        assert summary.fusion is not None and summary.fusion.new_articles == n
        assert s.stale_ids() == []
        assert snapshot(s, tables) == want
        assert snapshot(s, FUSED) == want_fused
        # every fused member names a stored event
        orphans = s.query(
            "SELECT count(*) AS n FROM event_members m LEFT JOIN events e "
            "ON e.article_id = m.article_id AND e.id = m.event_id WHERE e.id IS NULL"
        )
        assert orphans[0]["n"] == 0
        assert s.article(aid)["attributions"]
        assert s.query("SELECT command FROM runs ORDER BY id DESC LIMIT 1")[0]["command"] == (
            "reprocess"
        )


def test_default_takes_only_articles_made_by_other_rules(db):
    with Store(db) as s:
        ids = [a["id"] for a in s.articles()]
        assert s.stale_ids() == []
        assert s.reprocess(fuse=False).articles == 0
        age(s, ids[:2])
        assert sorted(s.stale_ids()) == sorted(ids[:2])
        assert s.reprocess(fuse=False).articles == 2
        assert s.stale_ids() == []
        assert s.reprocess([ids[3][:10]], fuse=False).articles == 1  # an id prefix
        with pytest.raises(StoreError, match="no article"):
            s.reprocess(["nosuchid"])


def test_interrupted_reprocess_keeps_finished_batches_and_resumes(db, monkeypatch):
    with Store(db) as s:
        tables = s.extracted_tables()
        want = snapshot(s, tables)
        want_fused = snapshot(s, FUSED)
        n = s.count("articles")
        age(s)
        corrupt(s)
        real = pipeline.extract_cleaned
        calls = []

        def killed_in_second_batch(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(*args, **kwargs)

        monkeypatch.setattr(pipeline, "extract_cleaned", killed_in_second_batch)
        with pytest.raises(KeyboardInterrupt):
            s.reprocess(batch_size=2)
        assert len(s.stale_ids()) == n - 2  # the first batch is committed, the rest is not
        monkeypatch.setattr(pipeline, "extract_cleaned", real)
        assert s.reprocess().articles == n - 2
        assert s.stale_ids() == []
        assert snapshot(s, tables) == want  # nothing lost, nothing twice
        assert snapshot(s, FUSED) == want_fused
        # killed in --all: nothing is stale, but the finished batch still needs fusion
        monkeypatch.setattr(pipeline, "extract_cleaned", killed_in_second_batch)
        calls.clear()
        with pytest.raises(KeyboardInterrupt):
            s.reprocess(everything=True, batch_size=2)
        monkeypatch.setattr(pipeline, "extract_cleaned", real)
        again = s.reprocess()
        assert again.articles == 0 and again.fusion is not None
        assert again.fusion.new_articles == 2
        assert snapshot(s, FUSED) == want_fused


def test_an_article_that_fails_keeps_its_records_and_stays_stale(db, monkeypatch):
    with Store(db) as s:
        ids = [a["id"] for a in s.articles()]
        age(s, ids[:2])
        before = s.count("events")

        def annotate_fails(docs, *args, **kwargs):
            raise ValueError("parser broke")

        monkeypatch.setattr(pipeline, "annotate_many", annotate_fails)
        ticks = []
        summary = s.reprocess(fuse=False, progress=lambda *a: ticks.append(a))
        assert ticks[-1] == (2, 2, 2)  # both tried, both failed
        assert summary.articles == 0 and len(summary.errors) == 2
        assert {e.stage for e in summary.errors} == {"annotate"}
        assert s.count("events") == before and len(s.stale_ids()) == 2
        assert len(s.errors(summary.run_id)) == 2


def test_fingerprint_follows_rule_files_and_versions(tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.py"
    a.write_text("x\t1\n")
    b.write_text("RULE = 1\n")
    first = pipeline.fingerprint([a, b], ["spacy==3.8.0"], tmp_path)
    assert pipeline.fingerprint([b, a], ["spacy==3.8.0"], tmp_path) == first
    assert pipeline.fingerprint([a, b], ["spacy==3.8.1"], tmp_path) != first
    b.write_text("RULE = 2\n")
    assert pipeline.fingerprint([a, b], ["spacy==3.8.0"], tmp_path) != first
    names = {
        f.relative_to(Path(pipeline.__file__).parent).as_posix() for f in pipeline.rule_files()
    }
    assert {"events/extract.py", "data/event_triggers.tsv", "attribution.py", "annotate.py"} <= (
        names
    )
    assert not names & {"cli.py", "store.py", "serve/app.py", "fuse/events.py"}


def test_cli_reprocess_and_the_hint_after_ingest(db):
    with Store(db) as s:
        age(s, [s.articles()[0]["id"]])
    page = EXAMPLES / "05_denial.txt"
    res = runner.invoke(app, ["ingest", str(page), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "1 stored article was extracted by older rules" in res.output
    assert "`claimgraph reprocess` updates them" in res.output
    stale_id = Store(db, read_only=True).stale_ids()[0]
    res = runner.invoke(app, ["show", stale_id[:10], "--db", str(db)])
    assert "extracted by older rules" in res.output
    res = runner.invoke(app, ["reprocess", "--db", str(db), "--no-fuse"])
    assert res.exit_code == 0, res.output
    assert "reprocess: 1/1 done, 0 errors" in res.output
    assert "1 articles re-extracted, 0 errors" in res.output
    res = runner.invoke(app, ["show", stale_id[:10], "--db", str(db)])
    assert res.exit_code == 0 and "extracted by older rules" not in res.output
    res = runner.invoke(app, ["reprocess", "--db", str(db), "--all"])
    assert res.exit_code == 0, res.output
    assert "fusion: " in res.output and "articles re-extracted" in res.output
    res = runner.invoke(app, ["reprocess", "nosuchid", "--db", str(db)])
    assert res.exit_code == 2 and "no article with id 'nosuchid'" in res.output
    for args, msg in (
        (["--workers", "2"], "--scheduler and --workers need --engine dask"),
        (["--engine", "spark"], "unknown engine 'spark'"),
    ):
        res = runner.invoke(app, ["reprocess", "--db", str(db), "--all", *args])
        assert res.exit_code == 2 and msg in res.output, res.output


@pytest.fixture(scope="module")
def cluster():
    from claimgraph.engine import dask as dask_engine

    with dask_engine.local_cluster(2) as c:
        yield c


def test_dask_reprocess_gives_back_what_a_fresh_ingest_stores(db, cluster):
    with Store(db) as s:
        tables = [*s.extracted_tables(), "actors"]
        want, want_fused = snapshot(s, tables), snapshot(s, FUSED)
        n = s.count("articles")
        age(s)
        corrupt(s)
        ticks: list[tuple[int, int, int]] = []
        summary = s.reprocess(
            batch_size=2,
            engine="dask",
            scheduler=cluster.scheduler_address,
            progress=lambda *a: ticks.append(a),
        )
        assert (summary.articles, summary.errors) == (n, [])
        assert s.stale_ids() == []
        assert snapshot(s, tables) == want  # batches stored in order: the first actor row wins
        assert snapshot(s, FUSED) == want_fused
        assert [t[0] for t in ticks] == sorted({0, *range(2, n, 2), n})


def test_dask_workers_running_other_rules_are_refused(db, cluster, monkeypatch):
    with Store(db) as s:
        before = snapshot(s, s.extracted_tables())
        # this process now runs "other rules" than the workers, which were started apart
        monkeypatch.setattr(pipeline, "rules_fingerprint", lambda: "rules-of-this-process")
        with pytest.raises(StoreError, match="other extraction rules"):
            s.reprocess(everything=True, engine="dask", scheduler=cluster.scheduler_address)
        assert snapshot(s, s.extracted_tables()) == before


def test_a_lost_batch_keeps_its_records_and_the_run_goes_on(db):
    class Lost:
        def result(self):
            raise OSError("worker lost")

    with Store(db) as s:
        before = snapshot(s, s.extracted_tables())
        ids = [a["id"] for a in s.articles()]
        age(s)
        real = pipeline.extract_cleaned
        batches = []

        def submit(batch):  # the second batch's worker dies
            batches.append(batch)
            return Lost() if len(batches) == 2 else Done(real(batch))

        summary = s._reprocess(ids, 2, "reprocess", None, submit, 3, fuse=False, stage=None)
        lost = {a.id for a, _ in batches[1]}
        assert summary.articles == len(ids) - 2
        assert len(summary.errors) == 2 and all(e.stage == "engine" for e in summary.errors)
        assert "worker lost" in summary.errors[0].reason
        assert set(s.stale_ids()) == lost
        after = snapshot(s, s.extracted_tables())
        # the lost batch keeps its old records (and its older rules), the others are redone
        assert {t: r for t, r in after.items() if t != "article_rules"} == {
            t: r for t, r in before.items() if t != "article_rules"
        }
