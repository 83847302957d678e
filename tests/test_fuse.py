"""Fusion across articles: syndication, event clustering, claims and status, exports.

All fixtures are hand-made rows and short texts written for these tests.
"""

from __future__ import annotations

import importlib
import itertools
import json
import random
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from claimgraph.fuse import (
    claims,
    export_cameo_tsv,
    export_graphml,
    export_plover,
    fuse,
    fused_event,
)
from claimgraph.fuse import events as ev
from claimgraph.fuse import syndication as synd
from claimgraph.store import Store

# the package's claims() function shadows its submodule's attribute name
cm = importlib.import_module("claimgraph.fuse.claims")

ACTORS = {
    "PRK": {"id": "PRK", "name": "North Korea", "type": "state", "country": "PRK", "sector": None},
    "RUS": {"id": "RUS", "name": "Russia", "type": "state", "country": "RUS", "sector": None},
    "USA": {
        "id": "USA",
        "name": "United States",
        "type": "state",
        "country": "USA",
        "sector": None,
    },
    "wagner-group": {
        "id": "wagner-group",
        "name": "Wagner Group",
        "type": "pmc",
        "country": "RUS",
        "sector": "PMC",
    },
    "prk-army": {
        "id": "prk-army",
        "name": "Korean People's Army",
        "type": "military",
        "country": "PRK",
        "sector": "MIL",
    },
    "usa-state-department": {
        "id": "usa-state-department",
        "name": "US State Department",
        "type": "agency",
        "country": "USA",
        "sector": "GOV",
    },
    "usa-pentagon": {
        "id": "usa-pentagon",
        "name": "Pentagon",
        "type": "agency",
        "country": "USA",
        "sector": "MIL",
    },
}

BODY = (
    "The harbour authority of Nordvik said on Monday that the ferry link to the island of "
    "Skarvøy would reopen next week after three months of repairs to the northern pier. "
    "Engineers replaced the damaged pylons and tested the new loading ramp over the weekend, "
    "according to a statement from the authority. The first crossing is planned for Thursday "
    "morning, and tickets can be bought at the harbour office or on board. Residents of the "
    "island had relied on a smaller boat that carried only forty passengers and no cars. "
    "The regional council paid for most of the work, which cost more than two million euros, "
    "and said it would review the timetable in the spring."
)
OTHER_BODY = (
    "The ferry link to the island of Skarvøy stays closed for another month, the regional "
    "council said on Friday, because engineers found cracks in the southern pier during an "
    "inspection. Islanders criticised the delay and asked for a second replacement boat. "
    "The council said a larger boat would be chartered from a neighbouring county and that "
    "the repairs would be paid from the emergency budget approved last year by the assembly."
)


def edit(text: str, rng: random.Random) -> str:
    """A light edit: drop one sentence's last word and swap a word elsewhere."""
    sents = text.split(". ")
    i = rng.randrange(len(sents))
    sents[i] = sents[i].replace("the", "a", 1)
    return ". ".join(sents)


# ------------------------------------------------------------------ syndication


def test_copy_with_other_banner_is_found_and_other_article_is_not() -> None:
    copy = (
        "Island Gazette Online\n\nRead also: Storm closes schools\n\n"
        + edit(BODY, random.Random(1))
        + "\n\nNext Post\n\nCouncil votes to widen the coast road"
    )
    index = synd.SyndicationIndex()
    sigs = {k: synd.signature(t) for k, t in (("a", BODY), ("b", copy), ("c", OTHER_BODY))}
    pairs = index.add((k, s) for k, s in sigs.items() if s is not None)
    assert [(p.a, p.b) for p in pairs] == [("a", "b")]
    assert pairs[0].similarity > 0.5


def test_body_text_uses_body_segments_only() -> None:
    text = "Banner Site\n\n" + BODY
    segs = [
        {"kind": "boilerplate", "start": 0, "end": 11},
        {"kind": "body", "start": 13, "end": len(text)},
    ]
    assert synd.body_text(text, segs) == BODY


def test_signature_round_trip_through_blob() -> None:
    m = synd.signature(BODY)
    assert m is not None
    back = synd.from_blob(synd.to_blob(m))
    assert back.jaccard(m) == 1.0


def test_original_named_by_read_the_original_else_earliest() -> None:
    meta = {
        "x": {
            "publisher": "Copy Site",
            "original_publisher": "The Island Courier",
            "published": date(2022, 1, 1),
        },
        "y": {
            "publisher": "The Island Courier",
            "original_publisher": None,
            "published": date(2022, 1, 5),
        },
        "z": {"publisher": "Third", "original_publisher": None, "published": date(2022, 1, 3)},
    }
    assert synd.original_of(["x", "y", "z"], meta) == "y"
    meta["x"]["original_publisher"] = None
    assert synd.original_of(["x", "y", "z"], meta) == "x"
    copy_of = synd.copies(meta, [synd.Pair("x", "y", 0.9), synd.Pair("y", "z", 0.8)], meta)
    assert copy_of == {"y": ("x", 0.9), "z": ("x", 0.8)}
    assert synd.source_key("z", meta, copy_of) == synd.source_key("x", meta, copy_of)


# ------------------------------------------------------------------ compatibility


def test_state_and_its_organs_are_compatible_but_two_organs_are_not() -> None:
    assert ev.actors_compatible("PRK", "prk-army", ACTORS)
    assert ev.actors_compatible("usa-state-department", "USA", ACTORS)
    assert not ev.actors_compatible("usa-state-department", "usa-pentagon", ACTORS)
    assert not ev.actors_compatible("PRK", "RUS", ACTORS)
    assert ev.actors_compatible(None, "RUS", ACTORS)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("2022-11", "2022-11-02", True),
        ("2022-11", "2022-12-02", False),
        ("XXXX-11-02", "2022-11-02", True),
        ("XXXX-11-02", "2022-11-03", False),
        ("FUTURE_REF", "2021-01-01", True),
        (None, "2022", True),
        ("2022-W44", "2022-11-02", True),
        ("2022-Q1", "2022-11-02", False),
        ("2021", "2022-11", False),
    ],
)
def test_time_overlap_is_precision_aware(a: str | None, b: str, ok: bool) -> None:
    assert ev.times_compatible(a, b) is ok


def m(aid: str, eid: str, **kw: object) -> ev.Mention:
    return ev.Mention(aid, eid, str(kw.pop("type", "AID")), **kw)  # type: ignore[arg-type]


MENTIONS = [
    m(
        "a1",
        "e1",
        mode="military",
        actor_id="PRK",
        recipient_id="wagner-group",
        items="rockets; missiles",
        time_value="2022-11",
    ),
    m(
        "a2",
        "e4",
        mode="military",
        actor_id="prk-army",
        recipient_id="wagner-group",
        items="missiles",
        time_value="2022-11-20",
    ),
    m(
        "a3",
        "e2",
        mode="military",
        actor_id="PRK",
        recipient_id="RUS",
        items="artillery shells",
        item_category="artillery ammunition",
        time_value="2022-11-02",
    ),
    m(
        "a4",
        "e1",
        mode="military",
        actor_id="usa-state-department",
        recipient_id="RUS",
        items="ammunition",
        item_category="ammunition",
    ),
    m(
        "a4",
        "e2",
        mode="military",
        actor_id="PRK",
        recipient_id="RUS",
        items="ammunition",
        item_category="ammunition",
    ),
    m("a5", "e1", mode="military", actor_id="USA", recipient_id="UKR", items="missiles"),
    m("a6", "e1", type="SANCTION", actor_id="USA", recipient_id="wagner-group"),
    m(
        "a1",
        "e9",
        mode="military",
        actor_id="PRK",
        recipient_id="wagner-group",
        time_value="2021-03",
    ),
]


def _partition(clusters: dict[str, list[ev.Mention]]) -> set[frozenset[str]]:
    return {frozenset(x.key for x in c) for c in clusters.values()}


def test_clustering_groups_compatible_mentions() -> None:
    parts = _partition(ev.cluster(MENTIONS, ACTORS))
    assert frozenset({"a1:e1", "a2:e4"}) in parts
    assert frozenset({"a3:e2", "a4:e2"}) in parts  # shells ~ ammunition, same supplier
    assert frozenset({"a5:e1"}) in parts  # other supplier, other recipient
    assert frozenset({"a1:e9"}) in parts  # 2021-03 is not 2022-11
    assert all(len({x.split(":")[0] for x in p}) == len(p) or "a4:e1" not in p for p in parts)


def test_clustering_does_not_depend_on_input_order() -> None:
    ref = ev.cluster(MENTIONS, ACTORS)
    rng = random.Random(7)
    for _ in range(20):
        perm = MENTIONS[:]
        rng.shuffle(perm)
        assert ev.cluster(perm, ACTORS) == ref


def test_incremental_update_equals_full_recompute() -> None:
    full = _partition(ev.cluster(MENTIONS, ACTORS))
    for k in range(1, len(MENTIONS)):
        old, new = MENTIONS[:k], MENTIONS[k:]
        old_blocks = ev.blocks(old, ACTORS)
        block_of = {x.key: ev.block_id(b) for b in old_blocks for x in b}
        hit = ev.affected_blocks(new, old, block_of, ACTORS)
        kept = [b for b in old_blocks if ev.block_id(b) not in hit]
        redo = [x for x in old if block_of[x.key] in hit] + new
        parts = {frozenset(x.key for x in c) for b in kept for c in ev.cluster_block(b, ACTORS)}
        parts |= _partition(ev.cluster(redo, ACTORS))
        assert parts == full


def test_complete_link_keeps_two_organs_apart_via_their_state() -> None:
    ms = [
        m("b1", "e1", type="ACCUSE", actor_id="usa-state-department", recipient_id="PRK"),
        m("b2", "e1", type="ACCUSE", actor_id="USA", recipient_id="PRK"),
        m("b3", "e1", type="ACCUSE", actor_id="usa-pentagon", recipient_id="PRK"),
    ]
    for perm in itertools.permutations(ms):
        parts = _partition(ev.cluster(list(perm), ACTORS))
        assert frozenset({"b1:e1", "b3:e1"}) not in parts
        assert not any({"b1:e1", "b3:e1"} <= p for p in parts)


# ------------------------------------------------------------------ status rules


def claim(stance: str, key: str, aid: str = "a1", cert: str = "CERTAIN") -> cm.Claim:
    return cm.Claim(
        "fe-x",
        aid,
        "e1",
        None,
        stance,
        cert,
        key,
        None,
        "outlet:" + aid,
        date(2022, 11, 2),
        0,
        10,
        "content",
        cm.weight(stance, cert),
    )


def test_denial_with_items_answers_supply_reports_of_its_weeks_only() -> None:
    near = m("b1", "e1", actor_id="PRK", recipient_id="RUS", items="drones")
    near = ev.Mention(**{**_fields(near), "published": date(2023, 3, 1)})
    old = ev.Mention(**{**_fields(near), "article_id": "b2", "published": date(2022, 3, 1)})
    dated = ev.Mention(**{**_fields(old), "article_id": "b3", "time_value": "2023-02"})
    fused = {"fe-near": [near], "fe-old": [old], "fe-dated": [dated]}
    supplies = cm.supplies_by_group(fused, ACTORS)
    denial = cm.Denial("d1", "PRK", 0, 10, "Pyongyang", None, "e1", items="drones")
    got = cm.denial_claims(denial, {}, {}, supplies, ACTORS, "outlet:x", date(2023, 3, 20))
    assert sorted(c.fused_id for c in got) == ["fe-dated", "fe-near"]
    assert {c.stance for c in got} == {"deny"}


def _fields(x: ev.Mention) -> dict[str, object]:
    return {f: getattr(x, f) for f in ev.Mention.__dataclass_fields__}


def test_status_rules() -> None:
    assert cm.status([claim("assert", "actor:USA")]).status == "single-source"
    two = [claim("assert", "actor:USA"), claim("confirm", "outlet:cnn", "a2")]
    assert cm.status(two).status == "corroborated"
    assert cm.status(two).n_sources == 2
    same_speaker = [claim("assert", "actor:USA"), claim("assert", "actor:USA", "a2")]
    assert cm.status(same_speaker).status == "single-source"
    assert cm.status([*two, claim("deny", "actor:PRK", "a3")]).status == "contested"
    assert cm.status([claim("deny", "actor:PRK")]).status == "denied"


def test_questions_and_non_answers_neither_support_nor_deny() -> None:
    one = [claim("assert", "actor:USA")]
    for stance in ("decline", "question"):
        got = cm.status([*one, claim(stance, "actor:PRK", "a2")])
        assert (got.status, got.n_sources) == ("single-source", 1)
    # a negated REJECT ("Pyongyang has not denied ...") is no denial; the plain one is
    deny = {"type": "REJECT", "mode": "deny", "actor_id": "PRK"}
    rejects = [
        {**deny, "id": "e1", "start": 0, "end": 9, "polarity": "NEG"},
        {**deny, "id": "e2", "start": 20, "end": 30, "polarity": "POS"},
    ]
    assert [d.event_id for d in cm.denials("a1", rejects, [])] == ["e2"]


def test_confidence_grows_with_sources_and_drops_with_denials() -> None:
    one = cm.status([claim("assert", "actor:USA")]).confidence
    two = cm.status([claim("assert", "actor:USA"), claim("assert", "outlet:cnn")]).confidence
    denied = cm.status(
        [claim("assert", "actor:USA"), claim("assert", "outlet:cnn"), claim("deny", "actor:PRK")]
    ).confidence
    assert 0 < one < two <= 1
    assert denied < two
    assert one == pytest.approx(0.7)
    assert two == pytest.approx(1 - 0.3 * 0.3)


def test_mention_claim_takes_stance_of_covering_attribution_and_negation() -> None:
    attrs = [
        {
            "id": "t1",
            "start": 0,
            "end": 80,
            "content_start": 20,
            "content_end": 80,
            "stance": "allege",
            "source_actor_id": None,
            "source_text": "CNN",
        },
    ]
    e = {
        "article_id": "a1",
        "id": "e1",
        "start": 30,
        "end": 38,
        "polarity": "POS",
        "certainty": "CERTAIN",
        "attribution_id": None,
    }
    c = cm.mention_claim("fe", e, attrs, "outlet:x", None)
    assert (c.stance, c.source_key, c.via) == ("allege", "speaker:cnn", "content")
    outside = cm.mention_claim("fe", {**e, "start": 90, "end": 95}, attrs, "outlet:x", None)
    assert (outside.stance, outside.source_key, outside.via) == ("assert", "outlet:x", "article")
    neg = cm.mention_claim("fe", {**e, "polarity": "NEG"}, attrs, "outlet:x", None)
    assert neg.stance == "deny"


# ------------------------------------------------------------------ the store


TEXT_A = (
    "North Korea sent rockets to Wagner, US says\n\n"
    "Kirby said North Korea delivered rockets and missiles to the Wagner Group last month. "
    "CNN reported that North Korea was secretly shipping artillery shells to Russia. "
    "North Korea denies the allegations."
)
TEXT_B = (
    "State Department: Pyongyang ships ammunition\n\n"
    "The State Department said North Korea was covertly transferring ammunition to Russia."
)


def _ensure_tables(store: Store) -> None:
    """Create the other stages' tables with the documented columns if not migrated yet."""
    have = set(store.tables())
    if "attributions" not in have:
        store.con.execute(
            "CREATE TABLE attributions (article_id VARCHAR, idx INTEGER, id VARCHAR, start INTEGER,"
            ' "end" INTEGER, cue_start INTEGER, cue_end INTEGER, cue VARCHAR,'
            " content_start INTEGER, content_end INTEGER, source_start INTEGER,"
            " source_end INTEGER, source_text VARCHAR, source_actor_id VARCHAR, kind VARCHAR,"
            " stance VARCHAR, parent_id VARCHAR, outlet_actor_id VARCHAR, segment INTEGER)"
        )
    store._columns.clear()


def _event(aid: str, eid: str, text: str, trigger: str, **kw: object) -> dict[str, object]:
    s = text.index(trigger)
    sent_s = text.rfind("\n", 0, s) + 1 if "." not in text[:s] else text.rfind(". ", 0, s) + 2
    sent_e = text.find(".", s) + 1
    row: dict[str, object] = {
        "article_id": aid,
        "id": eid,
        "start": s,
        "end": s + len(trigger),
        "trigger": trigger,
        "sentence_start": sent_s,
        "sentence_end": sent_e,
        "segment": 1,
        "type": "AID",
        "mode": "military",
        "context": None,
        "cameo": "072",
        "actor_id": None,
        "actor_text": None,
        "recipient_id": None,
        "recipient_text": None,
        "destination_id": None,
        "end_user_id": None,
        "items": None,
        "item_category": None,
        "quantity": None,
        "status": None,
        "polarity": "POS",
        "certainty": "CERTAIN",
        "time": "NON_FUTURE",
        "time_value": None,
        "attribution_id": None,
    }
    row.update(kw)
    return row


@pytest.fixture()
def store() -> Store:
    s = Store(":memory:")
    _ensure_tables(s)
    arts = [
        ("a1", TEXT_A, date(2022, 12, 22), "American Age", "The New Voice of Ukraine"),
        ("a2", TEXT_B, date(2022, 11, 2), "Daily Courier", None),
    ]
    for aid, text, pub, publisher, orig in arts:
        s.insert(
            "articles",
            [
                {
                    "id": aid,
                    "text": text,
                    "published": pub,
                    "publisher": publisher,
                    "original_publisher": orig,
                    "source": aid,
                }
            ],
        )
        head = text.index("\n\n")
        s.insert(
            "segments",
            [
                {"article_id": aid, "idx": 0, "kind": "headline", "start": 0, "end": head},
                {"article_id": aid, "idx": 1, "kind": "body", "start": head + 2, "end": len(text)},
            ],
        )
    s.insert("actors", list(ACTORS.values()))
    s.insert(
        "events",
        [
            _event(
                "a1",
                "e1",
                TEXT_A,
                "delivered",
                actor_id="PRK",
                recipient_id="wagner-group",
                items="infantry rockets; missiles",
                item_category="rockets; missiles",
                time_value="2022-11",
                attribution_id="t1",
            ),
            _event(
                "a1",
                "e2",
                TEXT_A,
                "shipping",
                actor_id="PRK",
                recipient_id="RUS",
                items="artillery shells",
                item_category="artillery ammunition",
                attribution_id="t2",
            ),
            _event(
                "a1",
                "e3",
                TEXT_A,
                "denies",
                type="REJECT",
                mode="deny",
                cameo="016",
                actor_id="PRK",
                actor_text="North Korea",
            ),
            _event(
                "a2",
                "e1",
                TEXT_B,
                "transferring",
                actor_id="PRK",
                recipient_id="RUS",
                items="ammunition",
                item_category="ammunition",
                attribution_id="t1",
            ),
        ],
    )
    ka, kc = TEXT_A.index("Kirby"), TEXT_A.index("CNN")
    sd = TEXT_B.index("The State")
    s.insert(
        "attributions",
        [
            {
                "article_id": "a1",
                "idx": 0,
                "id": "t1",
                "start": ka,
                "end": TEXT_A.index("month.") + 6,
                "content_start": ka + 11,
                "content_end": TEXT_A.index("month.") + 5,
                "source_text": "Kirby",
                "source_actor_id": "john-kirby",
                "kind": "indirect",
                "stance": "assert",
                "segment": 1,
            },
            {
                "article_id": "a1",
                "idx": 1,
                "id": "t2",
                "start": kc,
                "end": TEXT_A.index("Russia.") + 7,
                "content_start": kc + 18,
                "content_end": TEXT_A.index("Russia.") + 6,
                "source_text": "CNN",
                "source_actor_id": "cnn",
                "kind": "indirect",
                "stance": "allege",
                "segment": 1,
            },
            {
                "article_id": "a2",
                "idx": 0,
                "id": "t1",
                "start": sd,
                "end": len(TEXT_B),
                "content_start": sd + 30,
                "content_end": len(TEXT_B) - 1,
                "source_text": "The State Department",
                "source_actor_id": "usa-state-department",
                "kind": "indirect",
                "stance": "confirm",
                "segment": 1,
            },
        ],
    )
    return s


def test_fuse_store_end_to_end(store: Store) -> None:
    summary = fuse(store)
    assert summary.new_articles == 2
    fe = {r["items"]: r for r in store.query("SELECT * FROM fused_events")}
    shells = fe["ammunition; artillery shells"]
    assert shells["status"] == "contested"
    assert shells["n_sources"] == 2 and shells["n_deniers"] == 1
    assert shells["first_report"] == date(2022, 11, 2)
    assert shells["last_report"] == date(2022, 12, 22)
    assert fe["infantry rockets; missiles"]["status"] == "contested"  # NK is its supplier too
    detail = fused_event(store, shells["id"])
    assert [r["article_id"] for r in detail["reports"]] == ["a2", "a1"]
    assert "actor:PRK" in detail["deniers"]
    assert any("denies the allegations" in c["evidence"] for c in detail["claims"])
    assert {r["id"] for r in claims(store, actor="North Korea")} >= {shells["id"]}
    assert claims(store, status="corroborated") == []
    # a second run with nothing new changes nothing
    again = fuse(store)
    assert again.new_articles == 0 and again.signatures == 0
    assert store.query("SELECT count(*) AS n FROM fused_events")[0]["n"] == summary.fused_events


def test_store_fused_under_other_rules_is_reclustered_once(store: Store, monkeypatch) -> None:
    from claimgraph.fuse import current_id

    def shells_ids() -> list[str]:
        rows = store.query("SELECT id, items FROM fused_events ORDER BY id")
        return [r["id"] for r in rows if "artillery shells" in (r["items"] or "")]

    fuse(store)
    versions = store.query("SELECT version FROM fusion_rules")
    assert [r["version"] for r in versions] == [ev.RULES_VERSION]
    (joint,) = shells_ids()  # a1 and a2 (50 days apart) report one delivery
    # a store fused before the rules were versioned: re-clustered once, to the same events
    store.con.execute("DELETE FROM fusion_rules")
    again = fuse(store)
    assert again.rules_upgrade == f"1 -> {ev.RULES_VERSION}" and again.reclustered_blocks > 0
    assert shells_ids() == [joint]
    assert fuse(store).rules_upgrade is None  # and only once
    # new rules that split the two reports: the old id follows the event with most members
    members = "SELECT article_id, event_id, fused_id FROM event_members"
    was = [(r["article_id"], r["event_id"]) for r in store.query(members) if r["fused_id"] == joint]
    assert {a for a, _ in was} == {"a1", "a2"}
    monkeypatch.setattr(ev, "REPORT_WINDOW_DAYS", 10)
    monkeypatch.setattr(ev, "RULES_VERSION", ev.RULES_VERSION + 1)
    assert fuse(store).rules_upgrade == f"{ev.RULES_VERSION - 1} -> {ev.RULES_VERSION}"
    now = {(r["article_id"], r["event_id"]): r["fused_id"] for r in store.query(members)}
    split = {now[k] for k in was}
    assert len(split) == 2 and joint not in split
    assert current_id(store, joint) in split


def test_syndicated_copy_adds_no_source(store: Store) -> None:
    fuse(store)
    (old,) = [
        r["id"]
        for r in store.query("SELECT * FROM fused_events")
        if "artillery shells" in (r["items"] or "")
    ]
    text = "Mirror Site\n\n" + TEXT_A.split("\n\n", 1)[1]
    store.insert(
        "articles",
        [
            {
                "id": "a3",
                "text": text,
                "published": date(2022, 12, 23),
                "publisher": "Mirror Site",
                "original_publisher": None,
                "source": "a3",
            }
        ],
    )
    store.insert(
        "segments", [{"article_id": "a3", "idx": 0, "kind": "body", "start": 0, "end": len(text)}]
    )
    store.insert(
        "events",
        [
            _event(
                "a3",
                "e1",
                text,
                "shipping",
                actor_id="PRK",
                recipient_id="RUS",
                items="artillery shells",
                item_category="artillery ammunition",
                segment=0,
            )
        ],
    )
    summary = fuse(store)
    assert summary.new_articles == 1 and summary.signatures == 1
    assert store.query("SELECT copy_of FROM syndication WHERE article_id = 'a3'") == [
        {"copy_of": "a1"}
    ]
    shells = [
        r
        for r in store.query("SELECT * FROM fused_events")
        if "artillery shells" in (r["items"] or "")
    ]
    assert len(shells) == 1 and shells[0]["n_articles"] == 3
    # the copy's article-voice claim counts as its original's outlet, not a new source
    keys = {
        r["source_key"]
        for r in store.query(
            "SELECT source_key FROM claims WHERE fused_id = ? AND stance <> 'deny'",
            [shells[0]["id"]],
        )
    }
    assert len(keys) == shells[0]["n_sources"]
    # the event gained a report, so its id changed; the old id still leads to it
    from claimgraph.fuse import current_id, fused_event
    from claimgraph.serve import queries

    new = shells[0]["id"]
    assert old != new and current_id(store, old) == new
    assert fused_event(store, old)["id"] == new
    assert queries.event(store, old)["id"] == new


def test_moved_ids_follow_the_majority_of_members() -> None:
    from claimgraph.fuse import moved_ids

    was = {"a:1": "fe-x", "b:1": "fe-x", "c:1": "fe-x", "d:1": "fe-y", "e:1": "fe-k"}
    now = {"a:1": "fe-p", "b:1": "fe-p", "c:1": "fe-q", "d:1": "fe-q", "e:1": "fe-k"}
    assert moved_ids(was, now) == {"fe-x": "fe-p", "fe-y": "fe-q"}  # fe-k still exists


# ------------------------------------------------------------------ exports


def test_exports_parse(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fuse(store)
    g = export_graphml(store, tmp_path / "g.graphml")
    root = ET.parse(g).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    edges = root.findall(".//g:edge", ns)
    assert edges and {e.get("source") for e in edges} == {"PRK"}
    nx = pytest.importorskip("networkx")
    graph = nx.read_graphml(g)
    assert graph.number_of_edges() == len(edges)
    p = json.loads(export_plover(store, tmp_path / "p.json").read_text())
    assert {r["event_type"] for r in p} == {"AID", "REJECT"}
    assert all(r["claims"] for r in p)
    lines = export_cameo_tsv(store, tmp_path / "e.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    assert "NumSources" in header and "NumArticles" in header
    assert len(lines) == 1 + len(p)
