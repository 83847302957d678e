"""The article-extraction metric on hand-made pairs (values computed by hand), and the task
on a two-page gold folder written here."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from claimgraph.evaluate import run
from claimgraph.evaluate.extraction import (
    aggregate,
    exact_match,
    score,
    shingle_tp_fp_fn,
    shingles,
    tokenize,
)


def test_tokens_are_word_runs_with_case_kept():
    assert tokenize("U.S. troops, 50,000 of them!") == [
        "U",
        "S",
        "troops",
        "50",
        "000",
        "of",
        "them",
    ]
    assert tokenize("") == [] and tokenize(None) == []


def test_shingles_are_a_multiset_of_4_grams():
    sh = shingles("a b c d a b c d")
    # 8 tokens -> 5 shingles; (a b c d) twice
    assert sum(sh.values()) == 5
    assert sh[("a", "b", "c", "d")] == 2
    # fewer than four tokens: one shorter shingle; no tokens: none
    assert shingles("one two") == {("one", "two"): 1}
    assert shingles(" ... ") == {}


def test_tp_fp_fn_normalised_per_page():
    gold = "the cat sat on the mat"  # shingles: the-cat-sat-on, cat-sat-on-the, sat-on-the-mat
    pred = "the cat sat on the mat today"  # + on-the-mat-today
    tp, fp, fn = shingle_tp_fp_fn(gold, pred)
    assert (tp, fp, fn) == pytest.approx((3 / 4, 1 / 4, 0.0))
    # missing the last word: 2 shared shingles, 1 gold shingle missed
    tp, fp, fn = shingle_tp_fp_fn(gold, "the cat sat on the")
    assert (tp, fp, fn) == pytest.approx((2 / 3, 0.0, 1 / 3))


def test_macro_precision_recall_and_f1_of_the_averages():
    gold_a, pred_a = "the cat sat on the mat", "the cat sat on the mat today"  # P=3/4 R=1
    gold_b, pred_b = "one two three four five", "one two three four five"  # P=1 R=1
    gold_c, pred_c = "alpha beta gamma delta epsilon", "zeta eta theta iota"  # P=0 R=0
    m = score([(gold_a, pred_a), (gold_b, pred_b), (gold_c, pred_c)])
    p = (0.75 + 1 + 0) / 3
    r = (1 + 1 + 0) / 3
    assert m["precision"] == pytest.approx(p)
    assert m["recall"] == pytest.approx(r)
    assert m["f1"] == pytest.approx(2 * p * r / (p + r))  # not the mean of per-page F1s
    assert m["accuracy"] == pytest.approx(1 / 3)
    assert m["pages"] == 3


def test_empty_prediction_and_empty_gold_follow_the_benchmark():
    # empty prediction: no precision for that page, recall 0
    m = score([("one two three four", ""), ("one two three four", "one two three four")])
    assert m["precision"] == pytest.approx(1.0)  # only the second page has a prediction
    assert m["recall"] == pytest.approx(0.5)
    # empty gold and non-empty prediction: precision 0, no recall for that page
    m = score([("", "some extra words here"), ("a b c d e", "a b c d e")])
    assert m["precision"] == pytest.approx(0.5)
    assert m["recall"] == pytest.approx(1.0)
    # both empty: counted by neither average, but an exact match
    m = score([("", ""), ("a b c d e", "a b c d")])
    assert m["precision"] == pytest.approx(1.0)
    assert m["recall"] == pytest.approx(0.5)
    assert m["accuracy"] == pytest.approx(0.5)
    assert aggregate([]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_accuracy_compares_token_sequences():
    assert exact_match("Hello,  world!", "Hello world") == 1.0
    assert exact_match("Hello world", "hello world") == 0.0


PAGE = """<html><head><title>Dam repairs finished</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Dam repairs finished</h1>
<p>Engineers finished the repairs to the river dam on Friday, two weeks ahead of the plan
agreed with the regional council in the spring.</p>
<p>The work cost less than expected, the council said, and the road over the dam will open
to traffic again on Monday morning after a final inspection.</p>
<p>Residents had complained about the long detour through the hills since March.</p>
</article>
<footer>Copyright 2024 Valley News. All rights reserved.</footer>
</body></html>"""


def _write_gold(root: Path) -> None:
    body = (
        "Engineers finished the repairs to the river dam on Friday, two weeks ahead of the "
        "plan agreed with the regional council in the spring.\n\nThe work cost less than "
        "expected, the council said, and the road over the dam will open to traffic again on "
        "Monday morning after a final inspection.\n\nResidents had complained about the long "
        "detour through the hills since March."
    )
    gt = {
        "page1": {"articleBody": body, "url": "https://example.org/dam"},
        "page2": {"articleBody": "Nothing to find here at all.", "url": None},
    }
    (root / "html").mkdir()
    (root / "ground-truth.json").write_text(json.dumps(gt), encoding="utf-8")
    (root / "html" / "page1.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8")))
    (root / "html" / "page2.html.gz").write_bytes(gzip.compress(b"<html><body></body></html>"))


def test_task_scores_both_systems(tmp_path: Path):
    _write_gold(tmp_path)
    report = run("extraction", tmp_path)
    assert list(report.systems) == ["claimgraph", "trafilatura (default)"]
    assert report.info["pages_scored"] == 2 and report.info["pages_in_gold"] == 2
    ours = report.systems["claimgraph"]
    # page 1 is found in full, page 2 has no text: precision over page 1 only, recall halved
    assert ours["precision"] > 0.9
    assert ours["recall"] == pytest.approx(0.5, abs=0.05)
    limited = run("extraction", tmp_path, limit=1)
    assert limited.info["pages_scored"] == 1
    assert limited.systems["claimgraph"]["recall"] > 0.9
