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
        # purpose clause: FUTURE, as certain as the action it is the purpose of
        ("The army sent troops to protect the border.", "protect", ("POS", "CERTAIN", "FUTURE")),
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
        # advice or duty: the text does not commit to the event
        (
            "The army should attack the town.",
            "attack",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
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


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        # ability: possible, not located in time
        ("The new drone can carry two missiles.", "carry", ("POS", "POSSIBLE", "UNDERSPECIFIED")),
        # a hypothetical "would" is probable and leaves polarity open; a reported one is a
        # plain future in the past
        ("Two plants would be closed.", "closed", ("UNDERSPECIFIED", "PROBABLE", "FUTURE")),
        (
            "The firm said that it would close two plants.",
            "close",
            ("POS", "CERTAIN", "FUTURE"),
        ),
        # permission: possible
        (
            "The company was allowed to bid for the contract.",
            "bid",
            ("POS", "POSSIBLE", "FUTURE"),
        ),
        # chosen for an act: not yet done, left open; choosing to act is acting
        (
            "The group was selected to buy the carmaker's unit.",
            "buy",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        (
            "The board chose Penske to buy the unit.",
            "buy",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        ("He chose to resign on Monday.", "resign", ("POS", "CERTAIN", "NON_FUTURE")),
        ("He has chosen to resign.", "resign", ("POS", "CERTAIN", "NON_FUTURE")),
        # fear and attempt: possible
        (
            "Investors voiced worries that the bank will collapse.",
            "collapse",
            ("POS", "POSSIBLE", "FUTURE"),
        ),
        ("Analysts fear that the bank will fail.", "fail", ("POS", "POSSIBLE", "FUTURE")),
        (
            "The envoys made an effort to end the strike.",
            "end",
            ("POS", "POSSIBLE", "FUTURE"),
        ),
        # deliberation: possible; a preference: open
        (
            "The board is considering selling the unit.",
            "selling",
            ("POS", "POSSIBLE", "FUTURE"),
        ),
        (
            "We would prefer that the court decide the case.",
            "decide",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        # embedded wh-question under a negated verb of saying
        (
            "The minister did not say where the troops will be deployed.",
            "deployed",
            ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE"),
        ),
        # a schedule stated in the past is not after the speech time, and whether it was kept
        # is left open (certainty UNDERSPECIFIED, polarity POS)
        (
            "The ship was due to arrive on Monday.",
            "arrive",
            ("POS", "UNDERSPECIFIED", "NON_FUTURE"),
        ),
        (
            "The talks were set to resume on Monday.",
            "resume",
            ("POS", "UNDERSPECIFIED", "NON_FUTURE"),
        ),
        # raising verb of report: a state at the time of the report
        ("The company is said to own three factories.", "own", ("POS", "CERTAIN", "NON_FUTURE")),
        # a claim is a speech act: certain according to its source
        (
            "The union claims that the firm broke the agreement.",
            "broke",
            ("POS", "CERTAIN", "NON_FUTURE"),
        ),
        # cancelled events
        ("The summit was postponed.", "summit", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("Critics attacked the cancelled summit.", "summit", ("NEG", "CERTAIN", "NON_FUTURE")),
        # a near miss did not happen
        ("The index nearly reached a record.", "reached", ("NEG", "CERTAIN", "NON_FUTURE")),
        # temporal clause of a future event
        (
            "The chief will resign when the sale is completed.",
            "completed",
            ("POS", "CERTAIN", "FUTURE"),
        ),
        # the event of a plan noun's compound is planned
        ("The firm unveiled a restructuring plan.", "restructuring", ("POS", "PROBABLE", "FUTURE")),
    ],
)
def test_more_rules(nlp, sentence, word, expected):
    assert fact(nlp, sentence, word) == expected


def test_result_of_a_change_is_not_a_purpose(nlp):
    # "to close at" after a change of value is its result, located like the change
    assert fact(nlp, "Shares fell 4% to close at 80 pence.", "close")[1:] == (
        "CERTAIN",
        "NON_FUTURE",
    )
    # a verb of refusal keeps its negation even if it also names a change
    assert fact(nlp, "Officials declined to comment.", "comment")[0] == "NEG"


def test_subject_keeps_its_own_factuality(nlp):
    # the modal and the negation of the verb do not reach its subject event
    s = "The new sanctions might not prevent a recession."
    assert fact(nlp, s, "sanctions") == ("POS", "CERTAIN", "NON_FUTURE")
    assert fact(nlp, s, "prevent")[:2] == ("NEG", "POSSIBLE")
    # but a predicate of probability over the subject does
    assert fact(nlp, "A recovery is likely.", "recovery")[1] == "PROBABLE"
    assert fact(nlp, "Bankruptcy became almost certain.", "Bankruptcy")[1] == "PROBABLE"


def test_coordination_negation_scope(nlp):
    # a contrasted conjunct and a conjunct with its own subject keep their own polarity
    assert fact(nlp, "He did not resign but apologised.", "apologised")[0] == "POS"
    assert fact(nlp, "The police did not arrest him, and he left the country.", "left")[0] == (
        "POS"
    )
    # a conjunct sharing the subject and the negation is negated
    assert fact(nlp, "The army did not attack or shell the town.", "shell")[0] == "NEG"


def test_nominal_of_a_future_nominal_is_future(nlp):
    s = "They agreed to support an extension of the search."
    assert fact(nlp, s, "search")[2] == "FUTURE"
    assert fact(nlp, "They completed an extension of the search.", "search")[2] == "NON_FUTURE"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        # the object event of "without" does not happen
        ("The convoy crossed the border without paying the toll.", "paying"),
        # a "from" complement of a verb of blocking does not happen
        ("The court stopped the firm from selling the unit.", "selling"),
        # a denied gerund, like a denied clause
        ("Iran denies supplying drones to Russia.", "supplying"),
        ("The minister denied that the army had shelled the town.", "shelled"),
    ],
)
def test_negative_contexts(nlp, sentence, word):
    assert fact(nlp, sentence, word)[0] == "NEG"


def test_per_class_f1_matches_macro():
    from claimgraph.evaluate.factuality import per_class_f1

    gold, pred = ["A", "A", "B", "C"], ["A", "B", "B", "A"]
    per = per_class_f1(gold, pred)
    assert per == {"A": 0.5, "B": pytest.approx(2 / 3, abs=1e-4), "C": 0.0}
    assert sum(per.values()) / 3 == pytest.approx(macro_f1(gold, pred), abs=1e-3)


def test_announced_measure_is_a_done_act(nlp):
    # a measure announced or imposed in the past is in force: NON_FUTURE, CERTAIN
    s = "Norway announced a suspension of ferry links with the island."
    assert fact(nlp, s, "suspension") == ("POS", "CERTAIN", "NON_FUTURE")
    assert fact(nlp, s, "links")[2] == "NON_FUTURE"
    assert fact(nlp, "The regulator imposed a ban on the drug.", "ban")[2] == "NON_FUTURE"
    # announced later, or an announced product, it is still to come
    assert fact(nlp, "The company will announce a ban on smoking.", "ban")[2] == "FUTURE"
    assert fact(nlp, "The carmaker announced a new electric model.", "model")[2] == "FUTURE"


def test_modal_perfect_is_past(nlp):
    # "could have" / "would have" speak of the past; "will have" stays future
    s = "The bank could have collapsed without the loan."
    assert fact(nlp, s, "collapsed")[1:] == ("POSSIBLE", "NON_FUTURE")
    assert fact(nlp, "The firm will have finished the work by May.", "finished")[2] == "FUTURE"


def test_possessed_nominal_is_not_future(nlp):
    # "has plans" is a present state ("has to" stays a future obligation)
    assert fact(nlp, "The firm has plans to expand abroad.", "plans")[2] == "NON_FUTURE"
    assert fact(nlp, "The firm has to expand abroad.", "expand")[2] == "FUTURE"
    # what the plan is about is still future
    assert fact(nlp, "The firm has plans for an expansion abroad.", "expansion")[2] == "FUTURE"


def test_factive_preposition_keeps_object_certain(nlp):
    # "after a loss" presupposes the loss, whatever the modality of the clause
    s = "The firm may close plants after a loss of two billion last year."
    assert fact(nlp, s, "loss")[1:] == ("CERTAIN", "NON_FUTURE")
    assert fact(nlp, "The firm may close plants before the election.", "election")[1] == (
        "POSSIBLE"
    )


def test_plan_stated_in_the_past_is_open_not_denied(nlp):
    # whether a past schedule was carried out is left open (certainty UNDERSPECIFIED), but
    # nothing denies or questions it (polarity POS) and it is not future
    s = "The ministers were to sign the treaty in May."
    assert fact(nlp, s, "sign") == ("POS", "UNDERSPECIFIED", "NON_FUTURE")
    s = "The airline was to take delivery of the jets in May."
    assert fact(nlp, s, "delivery") == ("POS", "UNDERSPECIFIED", "NON_FUTURE")
    # a plain past event is certain
    assert fact(nlp, "The airline took delivery of the jets in May.", "delivery")[1] == "CERTAIN"


def test_events_inside_a_conditional_antecedent_are_open(nlp):
    # an event below the head of an "unless"/"if" clause is as open as that head
    s = "The bank will lend no more unless the owners agree on cuts that would reduce costs."
    assert fact(nlp, s, "reduce")[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    s = "If the union accepts the offer that the firm made, the strike will end."
    # a past relative clause is presupposed, and the consequent is outside the antecedent
    assert fact(nlp, s, "made")[1] == "CERTAIN"
    assert fact(nlp, s, "end")[1] == "CERTAIN"


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The firm closed two plants in order to cut costs.", "cut"),
        ("To cut costs, the firm closed two plants.", "cut"),
        ("The court ruled so that the firm would stop selling the device.", "stop"),
    ],
)
def test_explicit_purpose_is_open(nlp, sentence, word):
    # an explicit purpose is aimed at, neither asserted nor denied
    assert fact(nlp, sentence, word) == ("UNDERSPECIFIED", "UNDERSPECIFIED", "FUTURE")


def test_plain_purpose_infinitive_keeps_the_action_certainty(nlp):
    s = "The firm closed two plants to cut costs."
    assert fact(nlp, s, "cut")[1:] == ("CERTAIN", "FUTURE")


def test_participle_of_a_report_noun_is_the_report_itself(nlp):
    # "reports stating ...": the stating is the report, certain; the content of a report is
    # PROBABLE
    s = "The deal collapsed because of reports stating that the firm had lied."
    assert fact(nlp, s, "stating")[1] == "CERTAIN"
    s = "The deal collapsed because of reports that the firm had lied."
    assert fact(nlp, s, "lied")[1] == "PROBABLE"


def test_complement_of_a_possibility_noun_is_possible(nlp):
    s = "The prospects for a return to growth appear good."
    assert fact(nlp, s, "return")[1:] == ("POSSIBLE", "FUTURE")
    s = "The threat of a strike worried the airline."
    assert fact(nlp, s, "strike")[1] == "POSSIBLE"


def test_compound_of_a_plan_noun_is_planned(nlp):
    # "a restructuring plan": planned, not done, as "has plans to restructure"
    s = "The carmaker presented a restructuring plan on Friday."
    assert fact(nlp, s, "restructuring")[1:] == ("PROBABLE", "FUTURE")


def test_object_of_an_application_is_requested_not_granted(nlp):
    s = "The airline filed for bankruptcy protection on Thursday."
    assert fact(nlp, s, "protection")[:2] == ("UNDERSPECIFIED", "UNDERSPECIFIED")
    assert fact(nlp, "She applied for asylum in France.", "asylum")[1] == "UNDERSPECIFIED"
    # the application itself happened
    assert fact(nlp, s, "filed") == ("POS", "CERTAIN", "NON_FUTURE")


def test_object_of_a_verb_of_decrease_or_removal_exists_now(nlp):
    # "will cut jobs": the jobs exist now; "will build a plant": the building is to come
    s = "The carmaker will cut 5,000 jobs next year."
    assert fact(nlp, s, "jobs") == ("POS", "CERTAIN", "NON_FUTURE")
    assert fact(nlp, s, "cut")[2] == "FUTURE"
    s = "The firm wants to reduce its losses in Asia."
    assert fact(nlp, s, "losses") == ("POS", "CERTAIN", "NON_FUTURE")
    s = "The firm will fund the construction of a plant."
    assert fact(nlp, s, "construction")[2] == "FUTURE"


def test_result_so_is_not_a_purpose(nlp):
    # a bare "so" marks a result clause: it happened
    s = "Prices rose sharply so investors sold their shares."
    assert fact(nlp, s, "sold") == ("POS", "CERTAIN", "NON_FUTURE")


def test_reported_would_when_the_clause_hangs_on_a_noun(nlp):
    # "announced in a memo that he would resign": the parser may make the reported clause a
    # relative clause of "memo"; its "would" is still a future in the past, not a hypothesis
    from spacy.tokens import Doc

    words = ["She", "announced", "in", "a", "memo", "that", "he", "would", "resign", "."]
    heads = [1, 1, 1, 4, 2, 8, 8, 8, 4, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "aux", "relcl", "punct"]
    tags = ["PRP", "VBD", "IN", "DT", "NN", "IN", "PRP", "MD", "VB", "."]
    pos = ["PRON", "VERB", "ADP", "DET", "NOUN", "SCONJ", "PRON", "AUX", "VERB", "PUNCT"]
    lemmas = ["she", "announce", "in", "a", "memo", "that", "he", "would", "resign", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)
    assert factuality(doc[8]) == ("POS", "CERTAIN", "FUTURE")
