"""Property tests (hypothesis) on readers, cleaners and normalisers: no exception escapes
beyond each function's contract, offsets stay inside the text, cleaning is idempotent.

Long fuzz runs: bench/fuzz.py (see docs/robustness.md).
"""

from __future__ import annotations

import importlib.util
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.clean.hygiene import hygiene
from claimgraph.language import LANGUAGES, detect_language, visible_text
from claimgraph.records import Article, SourceError
from claimgraph.sources import (
    InputError,
    charset_of,
    decode,
    http_date,
    parse_date,
    read_feed_text,
    read_jsonl_lines,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

news_text = st.lists(
    st.one_of(
        st.sampled_from(
            list("abcdefghij KLMNOP.,;:!?\"'“”«»()<>/-—$€%&#\n\t\r\u00a0\ufeffÉé中\x00\u2028")
        ),
        st.sampled_from(
            ["Read also: ", "Next Post", "Read the original article on X", "said", "2022", "\n\n"]
        ),
    ),
    max_size=120,
).map("".join)
any_text = st.one_of(st.text(max_size=200), news_text)


@FAST
@given(st.binary(max_size=400))
def test_decode_gives_text_or_one_line_error(data):
    try:
        out = decode(data, "x")
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(out, str)


@FAST
@given(st.text(alphabet=st.sampled_from(list('{}[]":,0123 abtexlurhmnd\\\n')), max_size=200))
def test_encoded_text_roundtrip(text):
    if text.strip():
        assert decode(text.encode("utf-16"), "x") == text


@FAST
@given(st.lists(st.one_of(any_text, st.just('{"text": "A line."}')), max_size=8))
def test_jsonl_lines_never_raise_and_keep_good_lines(lines):
    good = '{"title": "kept", "text": "This line is fine."}'
    items = list(read_jsonl_lines([*lines, good], "x"))
    assert all(isinstance(i, (Article, SourceError)) for i in items)
    assert isinstance(items[-1], Article) and items[-1].title == "kept"


@settings(max_examples=20, deadline=None)  # dateparser is slow on junk
@given(any_text)
def test_parse_date_contract(s):
    try:
        d = parse_date(s)
    except InputError:
        return
    assert d is None or isinstance(d, date)


@FAST
@given(any_text)
def test_http_helpers_never_raise(s):
    http_date(s)
    charset_of(s)
    visible_text(s)


@settings(max_examples=30, deadline=None)
@given(any_text)
def test_feed_reader_never_raises(s):
    items = list(read_feed_text("<rss><channel><item><description>" + s, "x"))
    assert all(isinstance(i, (Article, SourceError)) for i in items)


@FAST
@given(any_text)
def test_detect_language_answers_a_known_code_or_none(s):
    lang = detect_language(s)
    assert lang is None or lang in LANGUAGES


@FAST
@given(news_text)
def test_hygiene_offsets_inside_and_idempotent(s):
    doc = hygiene(s)
    for seg in doc.segments:
        assert 0 <= seg.start <= seg.end <= len(doc.text)
    again = hygiene(doc.text)
    assert again.text == doc.text
    assert again.segments == doc.segments


timex_spec = importlib.util.find_spec("claimgraph.timex")
quant_spec = importlib.util.find_spec("claimgraph.quantities")
dated_text = st.one_of(
    news_text,
    st.lists(
        st.sampled_from(
            ["last month", "on Nov. 2", "2022", "in the coming weeks", "two years ago", "$100",
             "million", "a month", "50,000", "12/03/2021", "Q3", "%", " ", "the", "\n"]
        ),
        max_size=12,
    ).map(" ".join),
)  # fmt: skip


@pytest.mark.skipif(timex_spec is None, reason="claimgraph.timex not there yet")
@FAST
@given(dated_text)
def test_timex_offsets_inside(s):
    from claimgraph.timex import find_timexes

    for dct in (None, date(2022, 12, 22)):
        for t in find_timexes(s, dct):
            assert 0 <= t.start < t.end <= len(s)


@pytest.mark.skipif(quant_spec is None, reason="claimgraph.quantities not there yet")
@settings(max_examples=15, deadline=None)
@given(dated_text)
def test_quantities_offsets_inside(s):
    from claimgraph.quantities import find_quantities

    for q in find_quantities(s):
        assert 0 <= q.start < q.end <= len(s)
