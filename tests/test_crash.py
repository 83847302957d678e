"""Crash safety: ``claimgraph ingest`` killed with SIGKILL at random points, then rerun.

After each rerun every article of the corpus is stored exactly once and no per-article table
has rows of an article that is not stored. The full benchmark is bench/killtest.py.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _killtest():
    spec = importlib.util.spec_from_file_location("killtest", ROOT / "bench" / "killtest.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["killtest"] = mod  # dataclasses need their module registered
    spec.loader.exec_module(mod)
    return mod


def test_killed_ingest_rerun_stores_each_article_once(tmp_path):
    kt = _killtest()
    corpus = tmp_path / "corpus"
    kt.make_corpus(corpus, 12, seed=3, bad=2)
    expected = kt.expected_ids(corpus)
    assert len(expected) == 12
    db = tmp_path / "k.duckdb"
    rng = random.Random(7)
    # a kill early (while loading), one later (likely inside batches); each run resumes
    for delay in (rng.uniform(0.5, 3.0), rng.uniform(3.0, 9.0)):
        after_kill, final, _ = kt.run_trial(corpus, db, expected, delay, batch_size=2)
        assert after_kill.duplicated == after_kill.orphans == after_kill.unexpected == 0
        assert after_kill.stored <= len(expected)
        assert final.ok, final
        assert final.stored == len(expected)


def test_check_db_finds_orphans_and_losses(tmp_path):
    """The checker itself can fail: an orphan row and a missing article are counted."""
    kt = _killtest()
    from claimgraph.store import Store

    db = tmp_path / "o.duckdb"
    with Store(db) as s:
        s.con.execute("INSERT INTO segments VALUES ('nosuchid', 0, 'body', 0, 5)")
    c = kt.check_db(db, {"abc"})
    assert (c.orphans, c.lost, c.stored) == (1, 1, 0) and not c.ok


def test_killed_reprocess_rerun_gives_the_store_a_fresh_ingest_gives(tmp_path):
    """A reprocess killed after its first committed batch, then rerun: every table equals
    the store the corpus was ingested into, and no article is left stale."""
    import subprocess

    kt = _killtest()
    corpus = tmp_path / "corpus"
    kt.make_corpus(corpus, 8, seed=5, bad=0)
    expected = kt.expected_ids(corpus)
    reference = tmp_path / "ref.duckdb"
    subprocess.run(kt.ingest_cmd(corpus, reference, 2), capture_output=True, check=True)
    db = tmp_path / "k.duckdb"
    after_kill, final, _, changed, stale = kt.reprocess_trial(
        reference, db, expected, delay=0.3, batch_size=2, after=1
    )
    assert after_kill.duplicated == after_kill.orphans == 0
    assert final.ok and final.stored == len(expected)
    assert (changed, stale) == (0, 0)
    # the comparison itself can fail: one altered event is two changed rows
    import duckdb

    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET type = 'PROTEST' WHERE id = (SELECT min(id) FROM events)")
    con.close()
    assert kt.changed_rows(db, kt.table_rows(reference))[0] >= 2
