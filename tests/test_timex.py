"""Tests of claimgraph.timex on expressions written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.timex import Timex, anchor_for, find_timexes, normalise, tense_of

DCT = date(2022, 12, 22)  # a Thursday


@pytest.fixture(scope="module")
def nlp():
    from claimgraph.annotate import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("expr", "with_dct", "without_dct"),
    [
        ("now", ("DATE", "PRESENT_REF", None), ("DATE", "PRESENT_REF", None)),
        ("last month", ("DATE", "2022-11", None), ("DATE", "XXXX-XX", None)),
        ("this week", ("DATE", "2022-W51", None), ("DATE", "XXXX-WXX", None)),
        ("the fourth quarter", ("DATE", "2022-Q4", None), ("DATE", "XXXX-Q4", None)),
        ("mid-2011", ("DATE", "2011", "MID"), ("DATE", "2011", "MID")),
        ("16:08 UTC", ("TIME", "2022-12-22T16:08Z", None), ("TIME", "XXXX-XX-XXT16:08Z", None)),
        ("in the coming weeks", ("DATE", "FUTURE_REF", None), ("DATE", "FUTURE_REF", None)),
        ("toward the end of last year", ("DATE", "2021", "END"), ("DATE", "XXXX", "END")),
        ("33 years", ("DURATION", "P33Y", None), ("DURATION", "P33Y", None)),
        ("three-day", ("DURATION", "P3D", None), ("DURATION", "P3D", None)),
        ("every Monday", ("SET", "XXXX-WXX-1", None), ("SET", "XXXX-WXX-1", None)),
        ("On Nov. 2", ("DATE", "2022-11-02", None), ("DATE", "XXXX-11-02", None)),
        ("yesterday", ("DATE", "2022-12-21", None), ("DATE", "XXXX-XX-XX", None)),
        ("two years ago", ("DATE", "2020", None), ("DATE", "XXXX", None)),
        ("Sept. 30, 1998", ("DATE", "1998-09-30", None), ("DATE", "1998-09-30", None)),
        ("the 1990s", ("DATE", "199", None), ("DATE", "199", None)),
        ("daily", ("SET", "P1D", None), ("SET", "P1D", None)),
    ],
)
def test_expressions_with_and_without_dct(expr, with_dct, without_dct):
    assert normalise(expr, DCT) == with_dct
    assert normalise(expr, None) == without_dct


def test_a_quarter_reported_in_the_past_tense_is_over():
    assert normalise("the fourth quarter", date(2023, 1, 10), "past")[1] == "2022-Q4"
    assert normalise("the third quarter", date(2023, 1, 10), "future")[1] == "2023-Q3"


def test_anchor_says_whether_the_dct_was_used():
    (t,) = find_timexes("Prices rose last month.", DCT)
    assert (t.text, t.anchor) == ("last month", "dct")
    (t,) = find_timexes("Prices rose in 2019.", DCT)
    assert (t.value, t.anchor) == ("2019", None)


def test_offsets_point_at_the_expression():
    text = "The ministry said on Nov. 2 that talks would resume in the coming weeks."
    found = find_timexes(text, DCT)
    assert [text[t.start : t.end] for t in found] == ["Nov. 2", "the coming weeks"]
    assert all(t.text == text[t.start : t.end] for t in found)


def test_tense_decides_the_direction_of_a_weekday(nlp):
    past = "The minister met the envoy on Monday."
    future = "The minister will meet the envoy on Monday."
    (p,) = find_timexes(past, DCT, nlp(past))
    (f,) = find_timexes(future, DCT, nlp(future))
    assert p.value == "2022-12-19"
    assert f.value == "2022-12-26"
    # the same without a parse: cue words of the sentence decide
    assert find_timexes(future, DCT)[0].value == "2022-12-26"


def test_tense_decides_the_year_of_a_month_day():
    assert normalise("March 3", DCT, "past")[1] == "2022-03-03"
    assert normalise("March 3", DCT, "future")[1] == "2023-03-03"


@pytest.mark.parametrize(
    "text",
    [
        "A 6-year-old boy was rescued.",
        "She retired at the age of 56.",
        "He is 56 years old.",
        "The company published its quarterly report.",
    ],
)
def test_ages_and_adjectives_are_not_timexes(text):
    assert find_timexes(text, DCT) == []


def test_money_rate_period_is_a_set_and_a_year_is_a_date():
    found = find_timexes("It costs $100 million a month since 2019.", DCT)
    assert [(t.text, t.type, t.value) for t in found] == [
        ("a month", "SET", "P1M"),
        ("2019", "DATE", "2019"),
    ]


def test_normalise_rejects_non_temporal_text():
    with pytest.raises(ValueError):
        normalise("the ministry of defence", DCT)


def test_anchor_for_prefers_the_sentence_timex_then_tense():
    text = "Last month, rockets were delivered. More will follow."
    tx = find_timexes(text, DCT)
    assert anchor_for((0, 35), tx, DCT, "past") == ("2022-11", "month")
    assert anchor_for((36, len(text)), tx, DCT, "future") == ("2022-12-22", "after")
    assert anchor_for((36, len(text)), tx, None, "future") == ("FUTURE_REF", "ref")
    assert anchor_for((36, len(text)), [], None, None) == (None, None)


def test_run_appends_timexes_with_article_offsets(nlp):
    from claimgraph.annotate import annotate
    from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment

    text = "Headline\n\nLast month, the army received rockets. Talks resume on Nov. 2."
    doc = CleanDoc(text=text, segments=(Segment("headline", 0, 8), Segment("body", 10, len(text))))
    art = Article(id="x", raw=text, raw_kind="text", source="test", published=DCT)
    rec = ArticleRecords(article=art, doc=doc)
    from claimgraph import timex

    timex.run(rec, annotate(doc, nlp))
    got = rec.extra["timexes"]
    assert all(isinstance(t, Timex) for t in got)
    assert [(text[t.start : t.end], t.value) for t in got] == [
        ("Last month", "2022-11"),
        ("Nov. 2", "2022-11-02"),
    ]


# --------------------------------------------------------------------------- second round rules

EARNINGS_DCT = date(1989, 11, 2)


def test_year_ago_means_the_reporting_quarter_a_year_earlier():
    text = (
        "Acme earned $5 million in the third quarter, up from $4 million a year earlier. "
        "Sales in the year-ago quarter were flat. Margins widened during the quarter."
    )
    got = {t.text: t.value for t in find_timexes(text, EARNINGS_DCT, tense="past")}
    assert got["the third quarter"] == "1989-Q3"
    assert got["a year earlier"] == "1988-Q3"
    assert got["the year-ago quarter"] == "1988-Q3"
    assert got["the quarter"] == "1989-Q3"
    # with no quarter named, "a year ago" stays the previous year
    (t,) = find_timexes("He joined the firm a year ago.", EARNINGS_DCT)
    assert t.value == "1988"


def test_same_month_a_year_ago_refers_to_the_month_named_before():
    text = "Car sales fell 30% in January compared with the same month a year ago."
    got = {t.text: t.value for t in find_timexes(text, date(2009, 2, 3), tense="past")}
    assert got["the same month a year ago"] == "2008-01"


def test_year_with_quarter_ordinal():
    assert normalise("the 1988 second quarter", EARNINGS_DCT)[1] == "1988-Q2"


def test_past_tense_date_shortly_after_the_dct_stays_upcoming():
    # reported speech about a scheduled date: "said the vote was set for Nov. 10"
    assert normalise("Nov. 10", date(1989, 10, 27), "past")[1] == "1989-11-10"
    assert normalise("Jan. 14", date(2000, 1, 5), "past")[1] == "2000-01-14"
    # far ahead of the DCT a past-tense date is last year's
    assert normalise("March 3", DCT, "past")[1] == "2022-03-03"
    assert normalise("Dec. 30", date(2023, 1, 2), "past")[1] == "2022-12-30"


def test_quarter_named_in_the_future_tense_is_this_years_when_just_over():
    assert normalise("the third quarter", EARNINGS_DCT, "future")[1] == "1989-Q3"
    assert normalise("the fourth quarter", EARNINGS_DCT, "past")[1] == "1989-Q4"
    assert normalise("the first quarter", date(2023, 11, 20), "future")[1] == "2024-Q1"


@pytest.mark.parametrize(
    ("expr", "dct", "tense", "value"),
    [
        ("Thanksgiving", DCT, "past", "2022-11-24"),
        ("Thanksgiving", date(2022, 11, 1), "future", "2022-11-24"),
        ("Labor Day 2023", None, None, "2023-09-04"),
        ("Memorial Day 2022", None, None, "2022-05-30"),
        ("Easter 2024", None, None, "2024-03-31"),
    ],
)
def test_floating_holidays(expr, dct, tense, value):
    assert normalise(expr, dct, tense) == ("DATE", value, None)


def test_a_second_as_an_ordinal_is_not_a_duration():
    found = find_timexes("Shares fell for a second consecutive day.", DCT)
    assert all(t.value != "PT1S" for t in found)
    assert normalise("a second", DCT)[1] == "PT1S"


def test_current_is_the_present():
    (t,) = find_timexes("The current crisis worries investors.", DCT)
    assert (t.text, t.value) == ("current", "PRESENT_REF")


def test_meantime_loader_reads_the_dateline_when_no_creation_time():
    from claimgraph.evaluate.timex import _dateline

    assert _dateline("Plane lands safely\nSeptember 01, 2007\nA plane landed.") == date(2007, 9, 1)
    assert _dateline("Plane lands safely\nA plane landed today.") is None


# --------------------------------------------------------------------------- third round rules


def test_weekday_after_a_plan_or_modal_is_ahead_even_in_past_tense(nlp):
    text = "The minister said the delegation could arrive as early as Monday."
    (t,) = find_timexes(text, DCT, nlp(text))
    assert t.value == "2022-12-26"
    text = "The minister said the delegation arrived on Monday."
    (t,) = find_timexes(text, DCT, nlp(text))
    assert t.value == "2022-12-19"


def test_weekday_with_a_full_date_and_colon_takes_the_date():
    (t,) = find_timexes("The paper wrote on Tuesday, Dec. 20: the plan failed.", DCT)
    assert (t.text, t.value) == ("Tuesday, Dec. 20", "2022-12-20")


def test_weekday_with_part_of_day_is_the_day():
    (t,) = find_timexes("The talks ended on Tuesday night.", DCT)
    assert (t.type, t.value) == ("DATE", "2022-12-20")


def test_the_year_is_the_dct_year_or_a_fiscal_period():
    ts = find_timexes("Sales for the full year rose; in the year ended June 30 they fell.", DCT)
    assert [(t.text, t.type, t.value) for t in ts] == [
        ("the full year", "DATE", "2022"),
        ("the year", "DURATION", "P1Y"),
        ("June 30", "DATE", "2022-06-30"),
    ]
    (t,) = find_timexes("It aims to double exports by the year two thousand and ten.", DCT)
    assert t.value == "2010"


def test_apostrophe_decade_is_the_latest_one_not_after_the_dct():
    (t,) = find_timexes("Prices doubled in the '80s.", date(1989, 5, 1))
    assert t.value == "198"
    (t,) = find_timexes("Prices doubled in the '90s.", DCT)
    assert t.value == "199"


def test_a_bare_verb_at_the_root_is_not_governed_by_itself(nlp):
    # spaCy makes a new Token object on each access, so the root is found by index, not by
    # identity; an imperative is then no infinitive of a verb of planning
    doc = nlp("Try the new bakery.")
    assert tense_of(next(t for t in doc if t.dep_ == "ROOT")) is None
    doc = nlp("They plan to open a bakery.")
    assert tense_of(next(t for t in doc if t.lower_ == "open")) == "future"
