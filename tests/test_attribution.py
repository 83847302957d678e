"""Tests of the attribution stage on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph import attribution
from claimgraph.annotate import annotate, load_nlp
from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _run(nlp, text: str, publisher: str | None = None) -> tuple[str, list]:
    doc = CleanDoc(text, (Segment("body", 0, len(text)),), original_publisher="Origin Daily")
    rec = ArticleRecords(Article("t1", text, "text", "test", publisher=publisher), doc)
    attribution.run(rec, annotate(doc, nlp))
    return text, rec.extra["attributions"]


def _content(text: str, a) -> str:
    return text[a.content_start : a.content_end]


def _by_source(text: str, atts: list, source: str):
    found = [a for a in atts if a.source_text == source]
    assert found, f"no attribution with source {source!r}: {[a.source_text for a in atts]}"
    return found[0]


def test_cue_lexicon_loads_with_stances():
    cues = attribution.load_cues()
    assert len(cues) >= 150
    assert cues[("deny", "verb")].stance == "deny"
    assert cues[("according to", "prep")].stance == "assert"
    assert {c.stance for c in cues.values()} <= set(attribution.STANCES)


def test_direct_quote_said_after(nlp):
    text = "“The bridge will reopen in May,” said Marta Lind."
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "Marta Lind")
    assert a.kind == "direct"
    assert _content(text, a).startswith("“The bridge")
    assert a.cue == "said"
    assert a.id == "t1:a1"


def test_direct_quote_speaker_first_and_colon(nlp):
    text = 'The mayor said, "We have no money left."\n\nThe governor: "We will help the city."'
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "The mayor")
    assert "no money left" in _content(text, a)
    b = _by_source(text, atts, "The governor")
    assert b.kind == "direct" and "help the city" in _content(text, b)


def test_quote_continues_into_next_paragraph(nlp):
    text = (
        "“Our engineers found three cracks in the dam,” said Ana Ruiz.\n\n"
        "“Repairs will take at least two years.”"
    )
    text, atts = _run(nlp, text)
    second = [a for a in atts if "two years" in _content(text, a)]
    assert second and second[0].source_text == "Ana Ruiz"
    assert second[0].kind == "direct"


def test_open_quote_spans_paragraphs(nlp):
    text = (
        "Ruiz said: “The first phase is finished.\n\n“The second phase begins in March,” she added."
    )
    text, atts = _run(nlp, text)
    first = [a for a in atts if "first phase" in _content(text, a)]
    assert first and first[0].source_text == "Ruiz"


def test_speaker_named_in_next_sentence(nlp):
    text = "“We will not raise taxes this year.” Finance Minister Olav Berg said."
    text, atts = _run(nlp, text)
    a = [x for x in atts if "raise taxes" in _content(text, x)]
    assert a and a[0].source_text == "Finance Minister Olav Berg"


def test_unbalanced_quote_does_not_spoil_paragraph(nlp):
    text = "A “stray mark opens here. The council said that the budget was approved."
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "The council")
    assert _content(text, a) == "that the budget was approved"
    assert a.kind == "indirect"


def test_indirect_speech_and_stances(nlp):
    text = (
        "The ministry confirmed that two ships had docked. "
        "The company denied that it sold weapons. "
        "Officials accused Norland of smuggling fuel. "
        "Analysts estimate that the fleet costs $2 billion. "
        "The agency believes that prices will fall."
    )
    text, atts = _run(nlp, text)
    assert _by_source(text, atts, "The ministry").stance == "confirm"
    assert _by_source(text, atts, "The company").stance == "deny"
    acc = _by_source(text, atts, "Officials")
    assert acc.stance == "allege" and "smuggling fuel" in _content(text, acc)
    assert _by_source(text, atts, "Analysts").stance == "estimate"
    assert _by_source(text, atts, "The agency").stance == "believe"


def test_parenthetical_said_and_according_to(nlp):
    text = (
        "The port will close for repairs, the harbour master said. "
        "According to city estimates, 4,000 people live near the port."
    )
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "the harbour master")
    assert _content(text, a) == "The port will close for repairs"
    b = _by_source(text, atts, "city estimates")
    assert b.stance == "estimate" and b.cue == "According to"
    assert _content(text, b).startswith("4,000 people")


def test_nested_report_and_outlet_chain(nlp):
    text = "The Daily Courier reported that Norland accused its neighbour of closing the border."
    text, atts = _run(nlp, text, publisher="Example Site")
    outer = _by_source(text, atts, "The Daily Courier")
    inner = _by_source(text, atts, "Norland")
    assert inner.parent_id == outer.id
    assert inner.stance == "allege"
    assert outer.parent_id is None


def test_passive_expectation_has_no_source(nlp):
    text = "The new reactor is expected to open next year."
    text, atts = _run(nlp, text)
    assert len(atts) == 1
    assert atts[0].source_text is None and atts[0].stance == "expect"


def test_first_person_cue_gives_quote_stance(nlp):
    text = "“We can confirm that the shipment arrived,” said Kim Hale."
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "Kim Hale")
    assert a.stance == "confirm"
    assert len([x for x in atts if x.parent_id == a.id]) == 0


def test_transcript_turns_and_questions(nlp):
    text = (
        "MS. ALVAREZ: Good afternoon. We deny that the talks have failed.\n\n"
        "Q Will the talks resume next week?\n\n"
        "MS. ALVAREZ: They will resume on Monday.\n\n"
        "And the delegation is ready."
    )
    text, atts = _run(nlp, text)
    turns = [a for a in atts if a.kind == "transcript"]
    assert [a.source_text for a in turns] == ["MS. ALVAREZ", "Q", "MS. ALVAREZ", "MS. ALVAREZ"]
    assert turns[0].stance == "deny"
    assert turns[1].stance == "question"
    assert turns[2].stance == "assert"
    assert _content(text, turns[3]) == "And the delegation is ready."


def test_actor_resolution_prefers_longest_mention(nlp):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Mention:
        start: int
        end: int
        text: str
        actor_id: str
        kind: str = "name"
        role: str = ""
        sentence_start: int = 0

    @dataclass(frozen=True)
    class Actor:
        id: str
        name: str
        type: str
        country: str | None = None
        sector: str | None = None

    text = "The Harbor Gazette reported that the mayor resigned."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    rec = ArticleRecords(Article("t2", text, "text", "test"), doc)
    rec.extra["mentions"] = [Mention(4, 10, "Harbor", "x-harbor"), Mention(4, 18, "", "gazette")]
    rec.extra["actors"] = [Actor("gazette", "The Harbor Gazette", "media", sector="MED")]
    attribution.run(rec, annotate(doc, nlp))
    a = rec.extra["attributions"][0]
    assert a.source_actor_id == "gazette"
    assert a.outlet_actor_id == "gazette"


def test_publisher_chain():
    text = "Some text."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),), original_publisher="Origin Daily")
    rec = ArticleRecords(Article("t3", text, "text", "test", publisher="Mirror Site"), doc)
    assert attribution.publisher_chain(rec) == ["Mirror Site", "Origin Daily"]


def test_find_quotes_straight_and_curly():
    assert attribution.find_quotes('He said "go" now.') == [(8, 12, True)]
    assert attribution.find_quotes("“A,” he said. “B") == [(0, 4, True), (14, 16, False)]


def test_find_quotes_ascii_double_apostrophes():
    text = "''We will win,'' she said. ''Soon.''"
    assert attribution.find_quotes(text) == [(0, 16, True), (27, 36, True)]


def test_ascii_quote_marks_give_direct_quote(nlp):
    text = "''The plant will close in June,'' said Rosa Ortiz."
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "Rosa Ortiz")
    assert a.kind == "direct" and "plant will close" in _content(text, a)


def test_relative_pronoun_is_source_and_antecedent_gives_actor(nlp):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Mention:
        start: int
        end: int
        text: str
        actor_id: str

    text = "The talks were led by Mona Field, who said that a deal was close."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    rec = ArticleRecords(Article("t4", text, "text", "test"), doc)
    s = text.index("Mona Field")
    rec.extra["mentions"] = [Mention(s, s + len("Mona Field"), "Mona Field", "person:mona-field")]
    attribution.run(rec, annotate(doc, nlp))
    a = [x for x in rec.extra["attributions"] if x.cue == "said"][0]
    assert a.source_text == "who"
    assert a.source_actor_id == "person:mona-field"


def test_participle_in_prepositional_clause_inherits_subject(nlp):
    text = "The mayor opened the meeting by saying that taxes would rise."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "saying"]
    assert a and a[0].source_text == "The mayor"
    assert _content(text, a[0]) == "that taxes would rise"


def test_clausal_modifier_of_a_noun_is_the_source(nlp):
    text = "Reporters obtained a memo saying that the factory would close."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "saying"]
    assert a and a[0].source_text == "a memo"


def test_widened_lexicon_verbs_with_object_content(nlp):
    text = "The governor defended the new budget. Critics mocked the proposal."
    text, atts = _run(nlp, text)
    gov = _by_source(text, atts, "The governor")
    assert _content(text, gov) == "the new budget" and gov.stance == "assert"
    crit = _by_source(text, atts, "Critics")
    assert _content(text, crit) == "the proposal" and crit.stance == "allege"
    cues = attribution.load_cues()
    assert cues[("mock", "verb")].notes.startswith("polnear-train")


def test_cue_model_is_shipped_and_scores_probabilities(nlp):
    model = attribution.load_cue_model()
    assert model is not None
    assert 0 < model.threshold < 1 and 0 < model.floor < 1
    doc = nlp("The senator said that the vote was rigged.")
    said = doc[2]
    comp = attribution.complement(said)
    assert comp is not None and comp[1] == "ccomp"
    feats = attribution.cue_features(said, comp)
    assert "l=say" in feats and "c=ccomp" in feats
    p_said = model.prob(feats)
    eat = nlp("The senator ate the sandwich quickly.")[2]  # a content verb, not a cue
    assert eat.text == "ate"
    p_ate = model.prob(attribution.cue_features(eat, attribution.complement(eat)))
    assert p_said > model.floor > p_ate


def test_cue_model_prob_is_a_logistic_of_summed_weights():
    m = attribution.CueModel({"a": 2.0, "b": -1.0}, bias=-1.0, threshold=0.5, floor=0.2)
    assert m.prob(["a", "b"]) == pytest.approx(0.5)
    assert m.prob(["a"]) > 0.7 and m.prob(["b"]) < 0.2


def test_raising_verb_content_takes_the_subject_and_has_no_source(nlp):
    text = "The senator seemed to lose patience with the committee."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "seemed"]
    assert a and a[0].source_text is None
    assert _content(text, a[0]).startswith("The senator")
    assert a[0].stance == "believe"


def test_quote_around_said_of_keeps_its_speaker(nlp):
    text = "“It will not work,” Ana Berg said of the plan, “and everyone knows it.”"
    text, atts = _run(nlp, text)
    a = [x for x in atts if "will not work" in _content(text, x)]
    assert a and a[0].source_text == "Ana Berg"
    assert "everyone knows it" in _content(text, a[0])
