"""Factuality rules on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph.annotate import load_nlp
from claimgraph.evaluate.factuality import fixed_score, macro_f1
from claimgraph.events.factuality import factuality


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def fact(nlp, sentence: str, word: str, stance: str | None = None):
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    return factuality(tok, stance)


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The army attacked the town.", "attacked", ("POS", "CERTAIN", "NON_FUTURE")),
        ("The army did not attack the town.", "attack", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("The army will attack the town.", "attack", ("POS", "CERTAIN", "FUTURE")),
        ("The army may attack the town.", "attack", ("POS", "POSSIBLE", "FUTURE")),
        ("The army reportedly attacked the town.", "attacked", ("POS", "PROBABLE", "NON_FUTURE")),
        ("The army failed to capture the town.", "capture", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("The shells were expected to arrive soon.", "arrive", ("POS", "PROBABLE", "FUTURE")),
        ("The ministry plans to buy jets.", "buy", ("POS", "CERTAIN", "FUTURE")),
        ("The firm provided no weapons to them.", "provided", ("NEG", "CERTAIN", "NON_FUTURE")),
    ],
)
def test_rules(nlp, sentence, word, expected):
    assert fact(nlp, sentence, word) == expected


def test_attribution_stance_caps_certainty(nlp):
    s = "The rebels received rockets."
    assert fact(nlp, s, "received")[1] == "CERTAIN"
    assert fact(nlp, s, "received", "allege")[1] == "PROBABLE"
    assert fact(nlp, s, "received", "deny")[0] == "NEG"


def test_nominal_inherits_governor(nlp):
    assert fact(nlp, "Lima announced plans for a delivery of jets.", "delivery")[2] == "FUTURE"
    assert fact(nlp, "Lima completed the delivery of jets.", "delivery")[2] == "NON_FUTURE"


def test_metrics_helpers():
    assert macro_f1(["A", "A", "B"], ["A", "A", "B"]) == 1.0
    assert macro_f1(["A", "B"], ["A", "A"]) == pytest.approx((2 / 3 + 0) / 2)
    assert fixed_score("POS", "CERTAIN", "NON_FUTURE") == 3.0
    assert fixed_score("NEG", "CERTAIN", "NON_FUTURE") == -3.0
    assert fixed_score("UNDERSPECIFIED", "CERTAIN", "FUTURE") == 0.0


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # questions assert nothing
        (
            "Will the army attack the town?",
            "attack",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        # embedded question
        (
            "Reporters asked whether the army attacked the town.",
            "attacked",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "NON_FUTURE"),
        ),
        # antecedent of a conditional
        (
            "If the talks fail, the union will strike.",
            "fail",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        # purpose clause
        (
            "The army sent troops to protect the border.",
            "protect",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        # a wish
        ("The ministry wants to buy jets.", "buy", ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE")),
        # predicates of probability over a clause
        (
            "It is possible that the army attacked the town.",
            "attacked",
            ("POS", "POSSIBLE", "NON_FUTURE"),
        ),
        (
            "It is likely that the army attacked the town.",
            "attacked",
            ("POS", "PROBABLE", "NON_FUTURE"),
        ),
        ("The army might attack the town.", "attack", ("POS", "POSSIBLE", "FUTURE")),
        ("The army should attack the town.", "attack", ("POS", "PROBABLE", "FUTURE")),
    ],
)
def test_open_and_hedged_values(nlp, sentence, word, expected):
    assert fact(nlp, sentence, word) == expected


def test_generic_statement(nlp):
    pol, _cert, time = fact(nlp, "The rebels usually attack at night.", "attack")
    assert (pol, time) == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    # the same clause without the adverb of habit is a plain fact
    assert fact(nlp, "The rebels attacked at night.", "attacked")[0] == "POS"


def test_cues_are_data():
    from claimgraph.events.factuality import cues

    c = cues()
    assert {"may", "might", "could"} <= c["possible_modal"]
    assert "whether" in c["question_mark"]
    assert "usually" in c["generic_adverb"]
