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


# --------------------------------------------------------------------------- second round rules


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("The bonus was worth up to PS2.7m last year.", "PS2.7m", 2.7e6, "pound sterling"),
        ("The shares closed at Y=5,182 in Tokyo.", "Y=5,182", 5182.0, "japanese yen"),
        ("The stock rose to RM2.70 on Friday.", "RM2.70", 2.7, "malaysian ringgit"),
        ("The yacht was listed at USD10m.", "USD10m", 1e7, "dollar"),
        ("The deficit widened to $-4.5bn.", "$-4.5bn", -4.5e9, "dollar"),
        ("Gold traded at $1,900.5 an ounce.", "$1,900.5 an ounce", 1900.5, "dollar per ounce"),
    ],
)
def test_money_signs_codes_and_rates(nlp, text, span, value, unit):
    q = _one(find_quantities(text, nlp(text)), span)
    assert q.value == pytest.approx(value)
    assert q.full_unit == unit


def test_money_range_becomes_one_quantity_with_low_and_high(nlp):
    text = "Analysts expect a fine of $2 billion to $6 billion for the breach."
    q = _one(find_quantities(text, nlp(text)), "$2 billion to $6 billion")
    assert (q.low, q.high, q.value) == (2e9, 6e9, 4e9)
    text = "The shares are priced between $20 and $24 per share."
    q = _one(find_quantities(text, nlp(text)), "$20 and $24 per share")
    assert (q.value, q.full_unit) == (22.0, "dollar per share")


def test_pc_is_percent_and_vague_amounts(nlp):
    text = "Rates rose to 4.25pc as dozens of firms cut jobs."
    qs = find_quantities(text, nlp(text))
    assert [(q.value, q.unit) for q in qs] == [(4.25, "percentage"), (66.0, "firm")]
    text = "It will cost tens of millions of dollars."
    (q,) = find_quantities(text, nlp(text))
    assert (q.value, q.unit, q.bound) == (5.5e7, "dollar", "~")


def test_bare_numbers_names_years_and_ages(nlp):
    text = "The index closed at 3.65, and Hopkins, 58, sold 12 tractors in 2019 at a loss."
    qs = find_quantities(text, nlp(text))
    got = [(q.text, q.value, q.unit) for q in qs]
    assert ("3.65", 3.65, "-") in got
    assert ("58", 58.0, "year of age") in got
    assert ("12", 12.0, "tractor") in got
    assert all(q.value != 2019 for q in qs)
    text = "The new iPhone 15 Pro ships with a faster chip."
    assert find_quantities(text, nlp(text)) == []


def test_negative_measure(nlp):
    text = "Temperatures fell to minus 40 degrees Fahrenheit overnight."
    (q,) = find_quantities(text, nlp(text))
    assert (q.value, q.unit) == (-40.0, "fahrenheit")
