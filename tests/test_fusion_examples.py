"""Fusion on the bundled example corpus: the story told by several outlets, a syndicated copy,
a denial by the accused state and a later confirmation."""

import shutil

import pytest

from claimgraph.sources import read_meta
from claimgraph.store import Store
from conftest import EXAMPLES


def _main_aid(store: Store) -> dict:
    """The Belarus -> Sudan (or its army) delivery with the most articles."""
    rows = store.query(
        "SELECT f.* FROM fused_events f LEFT JOIN actors r ON r.id = f.recipient_id "
        "WHERE f.type = 'AID' AND f.actor_id = 'BLR' AND (f.recipient_id = 'SDN' "
        "OR r.country = 'SDN') ORDER BY f.n_articles DESC, f.id LIMIT 1"
    )
    assert rows, "no Belarus -> Sudan AID event was fused"
    return rows[0]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fusion")
    early = tmp / "early"
    early.mkdir()
    for f in EXAMPLES.iterdir():
        if f.name not in ("04_syndicated_copy.txt", "06_confirmation.html"):
            shutil.copy(f, early / f.name)
    meta = read_meta(EXAMPLES / "published.tsv")
    store = Store(tmp / "f.duckdb")
    store.ingest([early], meta=EXAMPLES / "published.tsv")
    before = _main_aid(store)
    store.ingest([EXAMPLES / "04_syndicated_copy.txt"], meta=EXAMPLES / "published.tsv")
    after_copy = _main_aid(store)
    store.ingest([EXAMPLES / "06_confirmation.html"])
    after_confirmation = _main_aid(store)
    yield store, before, after_copy, after_confirmation, meta
    store.close()


def test_syndicated_copy_is_found_and_adds_no_source(stores):
    store, before, after_copy, _, _ = stores
    rows = store.query(
        "SELECT a.source, o.source AS original FROM syndication y "
        "JOIN articles a ON a.id = y.article_id JOIN articles o ON o.id = y.copy_of"
    )
    assert [(r["source"].rsplit("/", 1)[1], r["original"].rsplit("/", 1)[1]) for r in rows] == [
        ("04_syndicated_copy.txt", "01_banner_page.txt")
    ]
    assert after_copy["n_sources"] == before["n_sources"]


def test_denial_is_linked_and_event_contested(stores):
    store, before, *_ = stores
    assert before["status"] == "contested"
    assert before["n_deniers"] >= 1
    event = store.fused_event(_main_aid(store)["id"])  # ids follow the members: look it up again
    # Belarus denies it, itself or through its spokesman (a person actor of country BLR)
    ids = [a.removeprefix("actor:") for a in event["deniers"] if a.startswith("actor:")]
    countries = {
        r["country"] for r in store.query("SELECT id, country FROM actors") if r["id"] in ids
    }
    assert "BLR" in ids or "BLR" in countries, event["deniers"]
    denials = [c for c in event["claims"] if c["stance"] == "deny"]
    assert denials and all(c["evidence"] for c in denials)


def test_later_confirmation_joins_a_delivery_event(stores):
    """The confirmation's Belarus delivery mention joins a fused Belarus -> Sudan delivery
    that other outlets reported before, as a further supporting claim."""
    store, before, *_ = stores
    rows = store.query(
        "SELECT f.id, f.n_sources, f.n_articles, f.last_report FROM event_members m "
        "JOIN articles a ON a.id = m.article_id JOIN events e ON e.article_id = m.article_id "
        "AND e.id = m.event_id JOIN fused_events f ON f.id = m.fused_id "
        "LEFT JOIN actors r ON r.id = f.recipient_id "
        "WHERE a.source LIKE '%06_confirmation.html' AND f.type = 'AID' AND f.actor_id = 'BLR' "
        "AND (f.recipient_id = 'SDN' OR r.country = 'SDN')"
    )
    assert rows, "the confirmation's delivery did not join a Belarus -> Sudan event"
    best = max(rows, key=lambda r: r["n_articles"])
    assert best["n_articles"] >= 3 and best["n_sources"] >= 2
    assert str(best["last_report"]) > str(before["last_report"])
    claims = store.fused_event(best["id"])["claims"]
    confirming = [
        c for c in claims if c["stance"] != "deny" and str(c["published"]) == "2025-11-19"
    ]
    assert confirming


def test_a_non_answer_is_neither_support_nor_denial(stores, tmp_path):
    from fastapi.testclient import TestClient

    from claimgraph.fuse import fused_event
    from claimgraph.serve.api import create_app

    store = stores[0]
    # "Sudan's army declined to deny that it had bought weapons from Belarus"
    rows = store.query(
        "SELECT fused_id, source_key FROM claims WHERE stance = 'decline' ORDER BY ALL LIMIT 1"
    )
    assert rows, "the examples hold a non-answer"
    fid, key = rows[0]["fused_id"], rows[0]["source_key"]
    fe = fused_event(store, fid)
    others = [c for c in fe["claims"] if c["source_key"] == key and c["stance"] != "decline"]
    assert key not in fe["supporters"] or others
    assert key not in fe["deniers"] or others
    store.con.execute("CHECKPOINT")
    copy = tmp_path / "copy.duckdb"
    shutil.copy(store.path, copy)
    page = TestClient(create_app(copy)).get(f"/events/{fid}").text
    assert "Asked, or declined to answer" in page


def test_a_possessive_pronoun_names_the_owner_not_the_participant_text(stores):
    # "new US sanctions against three of its companies" (07_sanctions): the recipient is
    # Belarus, through "its", and its text names the companies, not the pronoun
    rows = stores[0].query(
        "SELECT recipient_id, recipient_text FROM events WHERE trigger = 'sanctions'"
        " AND recipient_text LIKE '%companies%'"
    )
    assert ("BLR", "its companies") in {(r["recipient_id"], r["recipient_text"]) for r in rows}
    bare = stores[0].query(
        "SELECT count(*) AS n FROM events WHERE lower(recipient_text) IN ('its', 'their')"
        " OR lower(actor_text) IN ('its', 'their')"
    )
    assert bare[0]["n"] == 0
