"""The heap-based complete-link clustering gives exactly the reference agglomeration, and
fusion's bulk inserts store the same rows as row-by-row inserts."""

from __future__ import annotations

import random
from datetime import date, timedelta

from claimgraph.fuse.events import (
    REPORT_WINDOW_DAYS,
    Mention,
    _cluster_block_reference,
    blocks,
    cluster_block,
    compatible,
)
from claimgraph.store import Store

ACTORS = {
    "USA": {"type": "state", "country": "USA"},
    "USAGOV": {"type": "organisation", "country": "USA"},
    "USAMIL": {"type": "organisation", "country": "USA"},
    "RUS": {"type": "state", "country": "RUS"},
}


def _mentions(rng: random.Random, n: int) -> list[Mention]:
    def pick(options: list[str | None]) -> str | None:
        return rng.choice(options)

    # each article one publication day (or none), some within REPORT_WINDOW_DAYS, some not
    days = [None, *(date(2022, 1, 1) + timedelta(days=d) for d in (0, 40, 100, 300))]
    published = {f"a{k}": rng.choice(days) for k in range(4)}
    articles = [f"a{rng.randrange(4)}" for _ in range(n)]
    return [
        Mention(
            article_id=articles[i],
            published=published[articles[i]],
            event_id=str(i),
            type="ATTACK",
            mode=pick([None, "air", "ground"]),
            actor_id=pick([None, "USA", "USAGOV", "USAMIL", "RUS"]),
            recipient_id=pick([None, "USA", "RUS"]),
            items=pick([None, "tanks", "tanks; missiles", "missiles"]),
            time_value=pick([None, "2022-11", "2022-11-02", "2022-11-03", "2022", "PAST_REF"]),
        )
        for i in range(n)
    ]


def test_cluster_block_matches_reference_on_random_blocks() -> None:
    rng = random.Random(7)
    for n in (2, 3, 8, 25, 60):
        for _ in range(5):
            ms = sorted(_mentions(rng, n), key=lambda m: m.key)
            fast = cluster_block(ms, ACTORS)
            assert [[m.key for m in c] for c in fast] == [
                [m.key for m in c] for c in _cluster_block_reference(ms, ACTORS)
            ]


def test_cluster_block_keeps_incompatible_mentions_apart() -> None:
    a = Mention("a1", "1", "ATTACK", actor_id="USA", time_value="2022-11-02")
    b = Mention("a2", "1", "ATTACK", actor_id="USA", time_value="2022-11-02")
    c = Mention("a3", "1", "ATTACK", actor_id="RUS", time_value="2022-11-02")
    clusters = cluster_block([c, b, a], ACTORS)
    assert [[m.key for m in cl] for cl in clusters] == [["a1:1", "a2:1"], ["a3:1"]]


def test_insert_rows_stores_the_same_rows_as_executemany() -> None:
    store = Store(":memory:")
    con = store.con
    for t in ("t1", "t2"):
        con.execute(f"CREATE TABLE {t} (a VARCHAR, n INTEGER, x DOUBLE, d DATE, s VARCHAR)")
    rows = [("x", 1, 1, None, None), ("y", None, 0.5, None, "k"), ("z", 3, 2.25, None, None)]
    store.insert("t1", rows)
    con.executemany("INSERT INTO t2 VALUES (?, ?, ?, ?, ?)", rows)
    assert con.execute("SELECT * FROM t1").fetchall() == con.execute("SELECT * FROM t2").fetchall()


def _components_by_all_pairs(ms: list[Mention]) -> list[list[str]]:
    """Connected components of the compatibility graph, checking every pair (reference)."""
    ms = sorted(ms, key=lambda m: m.key)
    comp = list(range(len(ms)))
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            if compatible(ms[i], ms[j], ACTORS) and comp[i] != comp[j]:
                old, new = comp[j], comp[i]
                comp = [new if c == old else c for c in comp]
    out: dict[int, list[str]] = {}
    for c, m in zip(comp, ms, strict=True):
        out.setdefault(c, []).append(m.key)
    return sorted(out.values())


def test_blocks_equal_the_components_found_by_comparing_every_pair() -> None:
    rng = random.Random(11)
    for n in (5, 30, 120):
        for _ in range(4):
            ms = _mentions(rng, n)
            assert [[m.key for m in b] for b in blocks(ms, ACTORS)] == (
                _components_by_all_pairs(ms)
            )


def test_mentions_without_participants_fuse_only_inside_their_article() -> None:
    a = Mention("a1", "1", "AID", items="tanks")
    b = Mention("a2", "1", "AID", items="tanks")
    c = Mention("a1", "2", "AID", items="tanks", actor_id="USA")
    d = Mention("a2", "2", "AID", items="tanks", actor_id="USAGOV")
    assert not compatible(a, b, ACTORS)  # nothing says the two articles mean one delivery
    assert compatible(a, c, ACTORS)  # one article: the same delivery, once with its supplier
    assert compatible(c, d, ACTORS)  # the USA and one of its organs, both articles
    assert [[m.key for m in x] for x in blocks([a, b, c, d], ACTORS)] == [
        ["a1:1", "a1:2", "a2:1", "a2:2"]
    ]


def test_large_block_is_clustered_within_groups_of_equal_participants(monkeypatch) -> None:
    from claimgraph.fuse import events as ev

    monkeypatch.setattr(ev, "MAX_BLOCK", 4)
    ms = [
        Mention("a1", "1", "ATTACK", actor_id="USA", recipient_id="RUS", time_value="2022-11"),
        Mention("a2", "1", "ATTACK", actor_id="USA", recipient_id="RUS", time_value="2022-11-02"),
        Mention("a3", "1", "ATTACK", actor_id="USA", recipient_id="RUS", time_value="2021"),
        Mention("a4", "1", "ATTACK", actor_id="USAGOV", recipient_id="RUS"),
        Mention("a5", "1", "ATTACK", actor_id="USAMIL", recipient_id="RUS"),
        Mention("a6", "1", "ATTACK", recipient_id="RUS", items="tanks"),
    ]
    (block,) = blocks(ms, ACTORS)
    assert len(block) == 6 > ev.MAX_BLOCK
    clusters = cluster_block(list(reversed(block)), ACTORS)
    got = [[m.key for m in c] for c in clusters]
    # 2022-11 and 2022-11-02 differ in signature but are one event: complete link joins them
    assert ["a1:1", "a2:1"] in got and ["a3:1"] in got
    assert sorted(k for c in got for k in c) == sorted(m.key for m in ms)
    for c in clusters:
        assert all(compatible(x, y, ACTORS) for x in c for y in c if x is not y)
    assert [[m.key for m in c] for c in cluster_block(block, ACTORS)] == got


def _day(n: int) -> date:
    return date(2023, 1, 1) + timedelta(days=n)


def test_undated_mentions_of_articles_far_apart_in_time_are_not_one_event() -> None:
    def m(aid: str, day: int | None, time_value: str | None = None) -> Mention:
        published = None if day is None else _day(day)
        return Mention(
            aid, "1", "SUPPORT", actor_id="USA", time_value=time_value, published=published
        )

    pad = REPORT_WINDOW_DAYS
    assert compatible(m("a1", 0), m("a2", 2 * pad), ACTORS)
    assert not compatible(m("a1", 0), m("a2", 2 * pad + 1), ACTORS)
    assert compatible(m("a1", 0), m("a1", 400), ACTORS)  # one article: one day
    # vague references and durations are no dates: the publication day stands in
    assert not compatible(m("a1", 0, "PAST_REF"), m("a2", 400), ACTORS)
    assert not compatible(m("a1", 0, "P1Y"), m("a2", 400, "P1Y"), ACTORS)
    # a dated mention (2023-01-01 is day 0) is compared with the other's window
    assert compatible(m("a1", 400, "2023-01"), m("a2", pad), ACTORS)
    assert not compatible(m("a1", 400, "2023-01"), m("a2", 31 + pad + 1), ACTORS)
    assert compatible(m("a1", 0, "2023-01"), m("a2", 400, "2023"), ACTORS)
    assert compatible(m("a1", None), m("a2", 400), ACTORS)  # unknown day: no constraint


def test_large_group_of_equal_undated_mentions_is_cut_by_publication_period(monkeypatch) -> None:
    from claimgraph.fuse import events as ev

    monkeypatch.setattr(ev, "MAX_BLOCK", 5)
    # one undated statement repeated every 10 days for 400 days, plus two of unknown day
    ms = [
        Mention(f"a{i:03d}", "1", "SUPPORT", actor_id="USA", published=_day(10 * i))
        for i in range(41)
    ] + [Mention(f"b{i}", "1", "SUPPORT", actor_id="USA") for i in range(2)]
    (block,) = blocks(ms, ACTORS)  # chained through neighbouring months: one block
    clusters = cluster_block(block, ACTORS)
    assert sorted(m.key for c in clusters for m in c) == sorted(m.key for m in ms)
    assert len(clusters) > 1
    for c in clusters:
        assert all(compatible(x, y, ACTORS) for x in c for y in c if x is not y)
        days = [m.published for m in c if m.published]
        if days:
            assert (max(days) - min(days)).days <= 2 * REPORT_WINDOW_DAYS
    assert [[m.key for m in c] for c in cluster_block(list(reversed(block)), ACTORS)] == [
        [m.key for m in c] for c in clusters
    ]


def test_incremental_update_equals_full_recompute_on_random_dated_mentions() -> None:
    from claimgraph.fuse import events as ev

    def partition(clusters) -> set[frozenset[str]]:
        return {frozenset(x.key for x in c) for c in clusters}

    rng = random.Random(5)
    for _ in range(6):
        ms = _mentions(rng, 40)
        full = partition(ev.cluster(ms, ACTORS).values())
        for k in (5, 20, 35):
            old, new = ms[:k], ms[k:]
            old_blocks = blocks(old, ACTORS)
            block_of = {x.key: ev.block_id(b) for b in old_blocks for x in b}
            hit = ev.affected_blocks(new, old, block_of, ACTORS)
            kept = [b for b in old_blocks if ev.block_id(b) not in hit]
            redo = [x for x in old if block_of[x.key] in hit] + new
            parts = partition(c for b in kept for c in cluster_block(b, ACTORS))
            parts |= partition(ev.cluster(redo, ACTORS).values())
            assert parts == full
