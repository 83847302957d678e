"""Events take their time from their own timex, else from the publication date and tense."""

from datetime import date

import pytest

from claimgraph import extract

PAGE = """Ruritania arms Freedonia

Last month, Ruritania delivered rockets to Freedonia, the ministry said.

Ruritania sent artillery shells to Freedonia, officials said.

Ruritania will deliver more drones to Freedonia, the minister said."""


@pytest.fixture(scope="module")
def events():
    rec = extract(PAGE, published=date(2024, 3, 15))
    return {
        rec.text[e.sentence_start : e.sentence_end].split(",")[0]: e
        for e in rec.extra["events"]
        if e.type == "AID"
    }


def test_own_timex_gives_the_anchor(events):
    ev = events["Last month"]
    assert (ev.time_anchor, ev.time_precision) == ("2024-02", "month")


def test_past_tense_without_timex_is_before_publication(events):
    ev = next(e for k, e in events.items() if k.startswith("Ruritania sent"))
    assert (ev.time_anchor, ev.time_precision) == ("2024-03-15", "before")


def test_future_tense_is_after_publication(events):
    ev = next(e for k, e in events.items() if k.startswith("Ruritania will"))
    assert (ev.time_anchor, ev.time_precision) == ("2024-03-15", "after")


def test_no_publication_date_stays_relative():
    rec = extract(PAGE)
    sent = next(e for e in rec.extra["events"] if e.trigger.startswith("sent"))
    assert (sent.time_anchor, sent.time_precision) == ("PAST_REF", "ref")
    last = next(e for e in rec.extra["events"] if e.trigger.startswith("delivered"))
    # "Last month" cannot be placed without a date: the anchor says only "in the past"
    assert (last.time_anchor, last.time_precision) == ("PAST_REF", "ref")
    assert not any(t.value[:1].isdigit() for t in rec.extra["timexes"])
