"""Tests of claimgraph.quantities on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.quantities import Quantity, find_quantities


@pytest.fixture(scope="module")
def nlp():
    from claimgraph.annotate import load_nlp

    return load_nlp()


def _one(qs: list[Quantity], text: str) -> Quantity:
    hits = [q for q in qs if q.text == text]
    assert len(hits) == 1, [q.text for q in qs]
    return hits[0]


def test_money_rate_with_lower_bound(nlp):
    text = "The owner spends more than $100 million a month on the militia."
    q = _one(find_quantities(text, nlp(text)), "$100 million a month")
    assert q.value == pytest.approx(1e8)
    assert (q.unit, q.per, q.kind, q.bound) == ("dollar", "month", "rate", ">")
    assert q.full_unit == "dollar per month"


def test_counts_with_what_they_count(nlp):
    text = (
        "Officials say 50,000 PMC mercenaries are deployed, 10,000 of which are contracted "
        "fighters."
    )
    qs = find_quantities(text, nlp(text))
    a = _one(qs, "50,000")
    assert (a.value, a.kind, a.concept) == (50000.0, "count", "mercenaries")
    assert a.unit.endswith("mercenary")
    b = _one(qs, "10,000")
    assert (b.value, b.concept) == (10000.0, "fighters")


def test_range_keeps_low_and_high(nlp):
    text = "The new battery adds between 30 and 40 miles of range."
    (q,) = find_quantities(text, nlp(text))
    assert (q.low, q.high, q.value, q.unit) == (30.0, 40.0, 35.0, "mile")


def test_written_numbers(nlp):
    text = "Three dozen soldiers and a million people were moved."
    qs = find_quantities(text, nlp(text))
    values = sorted(q.value for q in qs)
    assert values == [36.0, 1e6]


def test_percentage_and_approximation(nlp):
    text = "Exports fell about 12 percent in the period."
    (q,) = find_quantities(text, nlp(text))
    assert (q.value, q.unit, q.kind, q.bound) == (12.0, "percentage", "percent", "~")


def test_years_and_dates_are_not_quantities(nlp):
    text = "The treaty was signed in 2019 and revised on March 3, 2021."
    assert find_quantities(text, nlp(text)) == []


def test_without_a_parse_counts_still_get_a_noun():
    (q,) = find_quantities("The plant employs 1,200 workers.")
    assert (q.value, q.unit, q.concept) == (1200.0, "worker", "workers")
