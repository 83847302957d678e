"""Tests of claimgraph.timex on expressions written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.timex import Timex, anchor_for, find_timexes, normalise

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
