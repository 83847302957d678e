"""Events stage on sentences written for these tests (no gold or sample text)."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.annotate import annotate, load_nlp
from claimgraph.events import Event, plover_coding, run
from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events_of(text: str, nlp, kinds: tuple[str, ...] = ("body",)) -> list[Event]:
    paras = text.split("\n\n")
    segs, pos = [], 0
    for kind, p in zip(kinds * len(paras), paras, strict=False):
        segs.append(Segment(kind, pos, pos + len(p)))
        pos += len(p) + 2
    doc = CleanDoc(text, tuple(segs))
    rec = ArticleRecords(Article("t1", text, "text", "test"), doc)
    run(rec, annotate(doc, nlp))
    return rec.extra["events"]


def one(evs: list[Event], trigger: str) -> Event:
    hits = [e for e in evs if e.trigger.startswith(trigger)]
    assert hits, f"no event {trigger!r} in {[e.trigger for e in evs]}"
    return hits[0]


def test_delivery_with_items_and_recipient(nlp):
    evs = events_of("Belarus delivered tanks and artillery shells to the Syrian army in May.", nlp)
    ev = one(evs, "delivered")
    assert (ev.type, ev.cameo, ev.context) == ("AID", "072", "military")
    assert ev.actor_text == "Belarus"
    assert "Syrian army" in ev.recipient_text
    assert ev.items == "tanks; artillery shells"
    assert ev.status == "delivered"
    assert (ev.polarity, ev.certainty, ev.time) == ("POS", "CERTAIN", "NON_FUTURE")
    assert ev.id == "t1:e1" and ev.trigger == "delivered"


def test_passive_expected_delivery(nlp):
    evs = events_of("More drones were expected to be delivered by Tehran next month.", nlp)
    ev = one(evs, "delivered")
    assert ev.actor_text == "Tehran"  # the by-phrase is the agent
    assert ev.items == "drones"
    assert (ev.time, ev.certainty) == ("FUTURE", "PROBABLE")
    assert ev.status == "expected"
    assert plover_coding(ev)[0] == "AID"  # an expectation is not an announced intent


def test_negated_aid(nlp):
    ev = one(events_of("Beijing has not helped Moscow in the war.", nlp), "helped")
    assert ev.type == "AID"
    assert ev.polarity == "NEG"
    assert ev.recipient_text == "Moscow"
    assert plover_coding(ev)[0] == "REJECT"


def test_denial(nlp):
    evs = events_of("Caracas denies that it sold missiles to the rebels.", nlp)
    den = one(evs, "denies")
    assert (den.type, den.cameo, den.mode) == ("REJECT", "016", "deny")
    assert den.actor_text == "Caracas"
    sold = one(evs, "sold")
    assert sold.status == "denied"
    assert sold.polarity == "NEG"


def test_sanction_plan(nlp):
    evs = events_of("Canada plans to impose new sanctions on Iran next week.", nlp)
    ev = one(evs, "impose")
    assert ev.type == "SANCTION" and ev.cameo == "163"
    assert ev.trigger == "impose new sanctions"
    assert ev.actor_text == "Canada" and ev.recipient_text == "Iran"
    assert ev.time == "FUTURE"
    assert plover_coding(ev)[0] == "THREATEN"  # an announced future sanction
    assert not any(e.trigger == "sanctions" for e in evs)  # consumed by the phrase


def test_coordination_gives_one_event_per_recipient(nlp):
    evs = events_of("Syria tried to buy rockets from countries such as Iran and Belarus.", nlp)
    buys = [e for e in evs if e.trigger == "buy"]
    assert [e.recipient_text for e in buys] == ["Iran", "Belarus"]
    assert all(e.actor_text == "Syria" and e.type == "REQUEST" for e in buys)
    assert all(e.status == "attempted" for e in buys)
    assert len({e.id for e in buys}) == 2


def test_destination_vs_end_user(nlp):
    evs = events_of("Minsk shipped ammunition into Syria for use by Hezbollah.", nlp)
    ev = one(evs, "shipped")
    assert ev.recipient_text == "Hezbollah"
    assert ev.end_user_id == "Hezbollah"
    assert ev.destination_id == "Syria"
    assert ev.items == "ammunition"


def test_nominal_event_and_segments(nlp):
    text = "Minsk completed an arms delivery to Damascus.\n\nRead more: Iran sends drones to Sudan"
    evs = events_of(text, nlp, kinds=("body", "related"))
    ev = one(evs, "delivery")
    assert ev.actor_text == "Minsk" and ev.recipient_text == "Damascus"
    assert ev.items == "arms" and ev.segment == 0
    other = one(evs, "sends")
    assert other.segment == 1  # a related headline stays marked as such


def test_record_is_flat():
    for f in dataclasses.fields(Event):
        assert f.type in ("str", "int", "str | None"), f
