"""Tests of the cue-model training helpers on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph import train_attribution
from claimgraph.annotate import annotate, load_nlp
from claimgraph.evaluate.attribution import GoldDoc, Span3
from claimgraph.records import CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_examples_label_the_annotated_cue_verb(nlp):
    text = "The minister said that prices would fall. The farmers planted wheat."
    s = text.index("said")
    gold = GoldDoc("d", text, [Span3([(s + 5, text.index("."))], [(0, 12)], [(s, s + 4)])])
    ann = annotate(CleanDoc(text, (Segment("body", 0, len(text)),)), nlp)
    xs, ys, lex = train_attribution.examples([gold], [ann])
    by_lemma = {next(f for f in x if f.startswith("l=")): y for x, y in zip(xs, ys, strict=True)}
    assert by_lemma["l=say"] == 1
    assert by_lemma["l=plant"] == 0
    assert len(lex) == len(ys) and any(lex)


def test_best_threshold_separates_scores():
    cut, f1 = train_attribution._best_threshold([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])
    assert 0.2 < cut <= 0.8 and f1 == 1.0
