"""Tests of the attribution stage on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph import attribution
from claimgraph.annotate import annotate, load_nlp
from claimgraph.evaluate.attribution import _content_frags, _quoted_frags
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


def test_quote_over_several_paragraphs_is_one_attribution(nlp):
    text = (
        "“We will win,” Smith said.\n\n“The party is united. We have the votes.\n\n"
        "“Our opponents know it.”\n\nThe vote is on Monday."
    )
    text, atts = _run(nlp, text)
    (cont,) = [a for a in atts if "united" in _content(text, a)]
    assert cont.source_text == "Smith" and cont.kind == "direct"
    assert _content(text, cont).endswith("know it.”")
    assert not [a for a in atts if _content(text, a) == "“Our opponents know it.”"]
    # without a speaker too, and the eval scores the quoted parts of each paragraph
    text = 'Editorial.\n\n"The plan is late.\n\n"The costs have doubled."\n\nEnd.'
    text, atts = _run(nlp, text)
    (one,) = [a for a in atts if "late" in _content(text, a)]
    assert "costs have doubled" in _content(text, one)
    frags = [text[s:e] for s, e in _quoted_frags(text, one)]
    assert frags == ['"The plan is late.', '"The costs have doubled."']


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


def test_according_to_after_a_speech_verb_reports_the_whole_quote(nlp):
    text = (
        "“Norland denies the claims. We have sent no weapons to anyone,” ministry spokesman"
        " Piet Varga said, according to the Daily Courier."
    )
    text, atts = _run(nlp, text)
    outer = _by_source(text, atts, "the Daily Courier")
    quote = _by_source(text, atts, "ministry spokesman Piet Varga")
    assert quote.parent_id == outer.id  # both sentences of the quote, through the outlet
    assert _content(text, outer).startswith("“Norland denies")


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


def test_quoted_transcript_turns_under_a_headline(nlp):
    # a transcript quoted whole (each turn opens with a quote mark) under a headline report
    text = (
        "Lee: Talks Will Resume on Monday in Geneva\n\n"
        '"HOST: Will the talks resume next week?\n\n'
        '"LEE: They will resume on Monday.\n\n'
        '"HOST: Thank you, minister.'
    )
    text, atts = _run(nlp, text)
    turns = [a for a in atts if a.kind == "transcript"]
    assert [a.source_text for a in turns] == ["HOST", "LEE", "HOST"]
    assert _content(text, turns[1]) == "They will resume on Monday."
    head = [a for a in atts if a.kind != "transcript" and a.source_text == "Lee"]
    assert head and _content(text, head[0]) == "Talks Will Resume on Monday in Geneva"


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


def test_find_quotes_closing_mark_typed_as_opener():
    # a closing curly mark at a word start opens a quote when none is open
    text = "”Fear. I am afraid,” said Ana. The poll is ” flat”."
    assert attribution.find_quotes(text) == [(0, 20, True)]
    assert attribution.find_quotes("He said ”go” twice.") == [(8, 12, True)]


def test_vox_pop_with_closing_mark_as_opener(nlp):
    text = "”Nobody listens to us here. We are tired.” ― Maria Lopez"
    text, atts = _run(nlp, text)
    assert len(atts) == 1
    a = atts[0]
    assert text[a.content_start : a.content_end].startswith("”Nobody")
    assert a.source_text == "Maria Lopez"
    assert text[a.cue_start : a.cue_end] == "―"


def test_signed_quote_lines_in_one_paragraph(nlp):
    text = "“We want jobs, not slogans.”\xa0― Ana Ruiz\xa0\n“Nobody listens to us at all.”― Li Wei"
    text, atts = _run(nlp, text)
    assert sorted(a.source_text for a in atts if a.kind == "direct") == ["Ana Ruiz", "Li Wei"]


@pytest.mark.parametrize(
    ("signature", "source"),
    [("— Oscar P. Quintero.", "Oscar P. Quintero"), ("-- Ana", "Ana"), ("― Ruiz, 34", None)],
)
def test_signed_quote_source(nlp, signature, source):
    text = "Voters spoke after the debate.\n\n“We want jobs, not slogans from anyone.” " + signature
    text, atts = _run(nlp, text)
    direct = [a for a in atts if a.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].source_text == source


def test_a_signed_title_is_nobodys_words(nlp):
    text = "The band played its best songs.\n\n“Hotel California” — The Eagles"
    text, atts = _run(nlp, text)
    assert "The Eagles" not in [a.source_text for a in atts]


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


def _by_cue(text: str, atts: list, cue: str):
    found = [a for a in atts if a.cue == cue]
    assert found, f"no attribution with cue {cue!r}: {[a.cue for a in atts]}"
    return found[0]


def test_prepositional_content_starts_after_the_preposition(nlp):
    text, atts = _run(nlp, "The senator talked about the new budget on Monday.")
    a = _by_cue(text, atts, "talked about")
    assert _content(text, a).startswith("the new budget")


@pytest.mark.parametrize(
    ("text", "first", "content", "second", "second_content", "stance"),
    [
        (  # a cue verb with a clause of its own, joined to the reported clause
            "The judge said that she did not want to think about the vote and predicted "
            "that the mayor will win.",
            "said",
            "that she did not want to think about the vote",
            "predicted",
            "that the mayor will win",
            "expect",
        ),
        (  # down a chain of conjuncts, agreeing in tense with the report, not with the clause
            "The mayor says she would close the bridge and reopen the ferry and tells the "
            "council that the budget is safe.",
            "says",
            "she would close the bridge and reopen the ferry",
            "tells",
            "that the budget is safe",
            "assert",
        ),
    ],
)
def test_second_report_joined_to_the_reported_clause_is_the_speakers(
    nlp, text, first, content, second, second_content, stance
):
    text, atts = _run(nlp, text)
    a, b = _by_cue(text, atts, first), _by_cue(text, atts, second)
    assert _content(text, a) == content
    assert _content(text, b) == second_content
    assert b.source_text == a.source_text and b.parent_id is None
    assert b.stance == stance


def test_conjunct_in_the_tense_of_the_reported_clause_stays_in_it(nlp):
    text, atts = _run(nlp, "The mayor said she closed the bridge and thanked the workers.")
    said = _by_cue(text, atts, "said")
    assert _content(text, said) == "she closed the bridge and thanked the workers"


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (  # the reported clause parsed as a relative clause of the noun before it
            "The minister said on Friday during a press conference that he may resign in May.",
            "said",
            "The minister",
            "that he may resign in May",
        ),
        (  # the report parsed as a first subject of "said", the speaker as a second
            "The port reopened on Monday, officials said.",
            "said",
            "officials",
            "The port reopened on Monday",
        ),
        (  # the question of "ask" parsed as an adverbial clause, the addressee as its object
            "The host shook hands and asked guests if they wanted coffee.",
            "asked",
            "The host",
            "if they wanted coffee",
        ),
        (  # a speaker tag joined to the reported clause by a comma, parsed as a conjunct
            "Despite heavy losses in the spring, the mayor remains determined to finish the "
            "bridge, her deputy, Ian Cole, told the Coast Gazette.",
            "told",
            "her deputy, Ian Cole",
            "Despite heavy losses in the spring, the mayor remains determined to finish the bridge",
        ),
    ],
)
def test_content_the_parser_attached_elsewhere(nlp, text, cue, source, content):
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, cue)
    assert (a.source_text, _content(text, a)) == (source, content)


def test_two_clauses_hung_on_one_verb_keep_the_first(nlp):
    # the parser made both clauses complements of "said"; the one right after it was lost
    text = (
        "Around that time, 40 percent said they would vote for the former governor, "
        "however this time that number has fallen to 30 percent."
    )
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "said")
    assert a.source_text == "40 percent"
    assert _content(text, a).startswith("they would vote for the former governor")


def test_a_second_report_hung_on_the_verb_is_its_own(nlp):
    text = "Most voters said the mayor is honest, and a third said the same of her rival."
    text, atts = _run(nlp, text)
    first = _by_source(text, atts, "Most voters")
    assert _content(text, first) == "the mayor is honest"
    second = _by_source(text, atts, "a third")
    assert second.parent_id is None and _content(text, second) == "the same of her rival"


def test_called_object_a_judgement(nlp):
    text, atts = _run(nlp, "He says he respects the governor and calls her a very smart woman.")
    calls = _by_cue(text, atts, "calls")
    assert calls.source_text == "He"
    assert _content(text, calls) == "her a very smart woman"
    says = _by_cue(text, atts, "says")
    assert _content(text, says) == "he respects the governor"


def test_colon_at_the_end_of_a_paragraph_introduces_the_next_quote(nlp):
    text = "Lee continued:\n\n“You look at the questions and you see the bias.”"
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, "Lee")
    assert a.kind == "direct" and a.cue == "continued:"
    assert _content(text, a).startswith("“You look")


def test_possessed_cue_noun_without_that_clause(nlp):
    text, atts = _run(nlp, "Her criticism of the tax plan angered the mayor.")
    a = _by_cue(text, atts, "criticism")
    assert a.source_text == "Her" and _content(text, a) == "the tax plan"
    assert a.stance == "allege"
    # a cue noun that is the object of a verb: the verb's subject speaks
    text, atts = _run(nlp, "The senator renewed his attacks on the governor.")
    tops = [a for a in atts if a.parent_id is None]
    assert len(tops) == 1 and tops[0].source_text == "The senator"
    assert _content(text, tops[0]) == "the governor"


def test_quote_after_speaker_sentence_continues_the_quote(nlp):
    text = "''The tax is too high,'' said Col. Mark Lee, a spokesman in Boston. ''We will fight.''"
    text, atts = _run(nlp, text)
    tops = [a for a in atts if a.parent_id is None]
    assert len(tops) == 1 and _content(text, tops[0]).endswith("''We will fight.''")


def test_quote_continuation_ignores_speakers_inside_the_first_quote(nlp):
    text = (
        "“Obviously, we were distressed when we learned about it,” she said. “Now that we "
        "have an inquiry, we should move on.”"
    )
    text, atts = _run(nlp, text)
    assert not [a for a in atts if a.source_text == "we" and a.parent_id is None]
    a = _by_source(text, atts, "she")
    assert _content(text, a).endswith("move on.”")


def test_purpose_infinitive_cue_takes_the_main_subject(nlp):
    text, atts = _run(
        nlp, "The governor met reporters on Monday to say that the budget is balanced."
    )
    a = _by_cue(text, atts, "to say")
    assert a.source_text == "The governor"


def test_trailing_relative_clause_is_the_writers_background(nlp):
    text = (
        "The campaign said it would seek a recount in Ohio, where the senator trailed by 30 votes."
    )
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "said")
    assert _content(text, a) == "it would seek a recount in Ohio"


def test_called_with_the_object_inside_the_predicate(nlp):
    # the parser hangs "Trump" inside the predicate "a pathological liar" (no direct object)
    text, atts = _run(nlp, "Cruz called Trump a pathological liar.")
    a = _by_cue(text, atts, "called")
    assert _content(text, a) == "Trump a pathological liar" and a.source_text == "Cruz"


@pytest.mark.parametrize(
    "tail",
    [
        ", although he again refused to release his tax returns",
        " — despite a court order to pay the fine",
    ],
)
def test_trailing_concessive_aside_is_the_writers_background(nlp, tail):
    text = "The mayor claimed that paying no city taxes was legal" + tail + "."
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "claimed")
    assert _content(text, a) == "that paying no city taxes was legal"


@pytest.mark.parametrize(
    "text, cue, content, stance",
    [
        (
            "Many farmers are skeptical of the trade deal.",
            "are skeptical of",
            "the trade deal",
            "believe",
        ),
        (
            "The minister was confident that the talks would resume.",
            "was confident",
            "that the talks would resume",
            "believe",
        ),
        (
            "Analysts remain hopeful about a ceasefire.",
            "remain hopeful about",
            "a ceasefire",
            "expect",
        ),
        (
            "The senator has been critical of the plan.",
            "has been critical of",
            "the plan",
            "allege",
        ),
    ],
)
def test_an_attitude_adjective_is_held_by_the_subject(nlp, text, cue, content, stance):
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, cue)
    assert (_content(text, a), a.stance) == (content, stance)
    assert a.source_text and a.source_text.split()[-1] in text.split()[:3]


def test_an_adjective_is_no_attitude_without_a_subject_or_after_make(nlp):
    text, atts = _run(nlp, "They made sure that the shipment arrived. It was a confident team.")
    assert not any(a.cue and ("sure" in a.cue or "confident" in a.cue) for a in atts)


@pytest.mark.parametrize(
    "text",
    [
        "The border guards denied him entry.",
        "The plane turned back after it was refused landing rights.",
        "The army said it had the right to buy arms from any partner to defend itself.",
        "He said the ship had sunk, a claim that could not be verified.",
    ],
)
def test_a_refused_grant_or_a_pronoun_alone_is_not_reported_content(nlp, text):
    text, atts = _run(nlp, text)
    assert all(_content(text, a) not in ("entry", "landing rights", "itself", "that") for a in atts)
    assert not any(a.stance == "deny" for a in atts)


def test_source_does_not_run_on_to_the_second_verb(nlp):
    # the parser makes "repeated" a modifier of the name and hangs the "and" on it
    text = (
        "Oleg Marchenko, the Ukrainian defence ministry spokesman, repeated on Monday that Kyiv "
        "“has not sold a single missile” to Niger and said its trade with Niamey was "
        "limited to grain and fertiliser."
    )
    text, atts = _run(nlp, text)
    for cue in ("repeated", "said"):
        a = _by_cue(text, atts, cue)
        assert a.source_text == "Oleg Marchenko, the Ukrainian defence ministry spokesman"


def test_a_second_accusation_after_a_reported_clause_is_the_speakers(nlp):
    # "accused" is parsed as a conjunct of "included"; the cargo accuses nobody
    text = (
        "The commander claimed that the cargo included attack drones and accused the "
        "neighbouring state of joining the war."
    )
    text, atts = _run(nlp, text)
    claimed, accused = _by_cue(text, atts, "claimed"), _by_cue(text, atts, "accused")
    assert _content(text, claimed) == "that the cargo included attack drones"
    assert text[accused.source_start : accused.source_end] == "The commander"
    assert accused.parent_id is None


@pytest.mark.parametrize(
    "text, content",
    [
        (
            "The mayor said he backed the governor, for whom he had raised money in May.",
            "he backed the governor",
        ),
        (
            "The union said the firm hired workers on short visas, which are issued by the state.",
            "the firm hired workers on short visas",
        ),
    ],
)
def test_any_trailing_relative_clause_is_left_out(nlp, text, content):
    text, atts = _run(nlp, text)
    assert _content(text, _by_cue(text, atts, "said")) == content


@pytest.mark.parametrize(
    "text, cue, content",
    [
        (  # "shrink" and "create" are parsed as conjuncts of "wants"
            "She wants to cut the budget of the Defence Department, shrink the Home Office "
            "and create a new reform program.",
            "wants",
            "to cut the budget of the Defence Department, shrink the Home Office and create "
            "a new reform program",
        ),
        (  # "hand over" hangs on "planned" as a bare dependent
            "The council planned to rebuild the stadium by the river, then hand over the site "
            "as a city park.",
            "planned",
            "to rebuild the stadium by the river, then hand over the site as a city park",
        ),
        (  # agrees with the cue: the speaker's next act
            "The spokesman said the talks would fail and left the room.",
            "said",
            "the talks would fail",
        ),
        (  # an auxiliary and a negation of its own: another act
            "Several ministers declined to comment, didn't answer calls or sent short statements.",
            "declined",
            "to comment",
        ),
    ],
)
def test_conjuncts_hung_on_the_cue_verb_join_the_content(nlp, text, cue, content):
    text, atts = _run(nlp, text)
    assert _content(text, _by_cue(text, atts, cue)) == content


def test_read_also_links_and_related_segments_are_not_attributions(nlp):
    text = (
        "Read also: Ministers say the ferry tax will double\n\n"
        "The harbour master said the port was closed."
    )
    text, atts = _run(nlp, text)
    assert [a.source_text for a in atts] == ["The harbour master"]
    # the same headline kept by the cleaner as a "related" segment
    head = "Ministers say the ferry tax will double"
    text = head + "\n\nThe harbour master said the port was closed."
    segs = (Segment("related", 0, len(head)), Segment("body", len(head) + 2, len(text)))
    doc = CleanDoc(text, segs)
    rec = ArticleRecords(Article("t2", text, "text", "test"), doc)
    attribution.run(rec, annotate(doc, nlp))
    assert [a.source_text for a in rec.extra["attributions"]] == ["The harbour master"]


def test_call_for_and_call_on_take_the_person_and_the_action(nlp):
    text, atts = _run(nlp, "The report calls for the companies to roll back the new fees.")
    a = _by_cue(text, atts, "calls for")
    assert _content(text, a) == "the companies to roll back the new fees"
    assert a.stance == "plan" and a.source_text == "The report"
    text, atts = _run(nlp, "The mayor called on the council to approve the budget.")
    a = _by_cue(text, atts, "called on")
    assert _content(text, a) == "the council to approve the budget"


def test_attitude_verbs_take_their_object_as_content(nlp):
    text, atts = _run(nlp, "The union supported the new mayor in the election.")
    a = _by_cue(text, atts, "supported")
    assert a.source_text == "The union" and a.stance == "believe"
    assert _content(text, a).startswith("the new mayor")


@pytest.mark.parametrize(
    ("text", "cue", "content", "stance"),
    [
        (  # memory verbs report what is remembered
            "The former mayor recalled the winter the river froze.",
            "recalled",
            "the winter the river froze",
            "assert",
        ),
        (
            "Ms. Okafor remembered her first day at the plant.",
            "remembered",
            "her first day at the plant",
            "assert",
        ),
        (
            "The senator quoted a line from the charter.",
            "quoted",
            "a line from the charter",
            "assert",
        ),
        (
            "The minister accepted blame for the delays.",
            "accepted",
            "blame for the delays",
            "confirm",
        ),
        ("The council plans a vote on the levy.", "plans", "a vote on the levy", "plan"),
        (
            "The central bank signalled a pause in rate rises.",
            "signalled",
            "a pause in rate rises",
            "assert",
        ),
        ("The union declined the offer.", "declined", "the offer", "deny"),
        (  # naming verbs report the label they give
            "The union characterized the offer as an insult.",
            "characterized",
            "the offer as an insult",
            "assert",
        ),
        ("Neighbours labeled the fence an eyesore.", "labeled", "the fence an eyesore", "assert"),
        ("Analysts regard the merger as risky.", "regard", "the merger as risky", "believe"),
    ],
)
def test_reporting_and_naming_verbs_take_their_object_as_content(nlp, text, cue, content, stance):
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, cue)
    assert _content(text, a) == content and a.stance == stance


def test_going_to_is_a_plan_only_for_a_named_state_or_organisation(nlp):
    text, atts = _run(nlp, "Washington is going to introduce new sanctions.")
    assert [a.stance for a in atts if a.source_text == "Washington"] == ["plan"]
    text, atts = _run(nlp, "The workers are going to buy more goods.")
    assert not [a for a in atts if a.parent_id is None]
    # a prediction about a person, also inside someone's words, is no one's plan
    text, atts = _run(nlp, 'The mayor said, "Ana Ruiz is going to win the county."')
    assert [a.source_text for a in atts] == ["The mayor"]


def test_show_takes_the_object_and_its_predicate(nlp):
    text, atts = _run(nlp, "One poll shows the governor 16 points ahead of the mayor.")
    a = _by_cue(text, atts, "shows")
    assert a.source_text == "One poll"
    assert _content(text, a) == "the governor 16 points ahead of the mayor"


def test_experiencer_passive_subject_holds_the_belief(nlp):
    text, atts = _run(nlp, "Mr. Lee is convinced that the company will recover.")
    a = _by_cue(text, atts, "is convinced")
    assert a.source_text == "Mr. Lee" and a.stance == "believe"
    text, atts = _run(nlp, "It was reported that the bridge collapsed.")
    assert all(a.source_text is None for a in atts)


def test_inner_cue_of_a_raising_verb_reports(nlp):
    text, atts = _run(nlp, "She appeared to imply that the mayor could lose the vote.")
    tops = [a for a in atts if a.parent_id is None]
    assert len(tops) == 1 and tops[0].source_text == "She"
    assert _content(text, tops[0]) == "that the mayor could lose the vote"


def test_cue_under_an_adjective_takes_the_clause_subject(nlp):
    text, atts = _run(nlp, "Most of her speech was devoted to criticizing the governor's record.")
    a = _by_cue(text, atts, "criticizing")
    assert a.source_text == "Most of her speech"


def test_time_or_place_after_a_verb_is_not_content(nlp):
    text, atts = _run(nlp, "Lee spoke for an hour on Monday.")
    assert not atts


def test_manner_of_speaking_verb_after_a_quote(nlp):
    text = "“This is a great day for the town!” beamed John Hart of Dayton."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "beamed"]
    assert a and a[0].kind == "direct"
    assert a[0].source_text.startswith("John Hart")
    assert "great day" in _content(text, a[0])


def test_long_speaker_tag_after_a_quote_gets_the_speaker(nlp):
    text = (
        "“We will win this state,” Lena Park, the party's candidate for governor and a former "
        "state senator from the north, said on Monday."
    )
    text, atts = _run(nlp, text)
    a = [x for x in atts if "win this state" in _content(text, x)]
    assert a and a[0].source_text and a[0].source_text.startswith("Lena Park")


def test_it_is_a_source_of_a_lexicon_cue_but_not_of_seem(nlp):
    text = "The agency released a report on Monday. It said the economy would slow next year."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "said"]
    assert a and a[0].source_text == "It"
    text, atts = _run(nlp, "It seems that the plan failed.")
    assert all(x.source_text is None for x in atts)


def test_name_parsed_as_compound_before_the_verb_is_the_source(nlp):
    text = "“It was a good week for the harbour,” Marsh notes."
    text, atts = _run(nlp, text)
    a = [x for x in atts if "good week" in _content(text, x)]
    assert a and a[0].source_text == "Marsh"


def test_speaker_tag_before_a_quote_the_parser_did_not_join(nlp):
    text = (
        "At one point, a man asked for a photo and Baker said, “as long as we are not "
        "breaking any rules.”"
    )
    text, atts = _run(nlp, text)
    a = [x for x in atts if "breaking any rules" in _content(text, x)]
    assert a and a[0].cue == "said" and a[0].kind == "direct"
    assert a[0].source_text and "Baker" in a[0].source_text


def test_seem_with_an_adjective_predicate_is_a_sourceless_judgement(nlp):
    text = "The new council seems ready to approve the budget."
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "seems"]
    assert a and a[0].source_text is None and a[0].stance == "believe"
    assert _content(text, a[0]).startswith("The new council")
    assert "ready to approve" in _content(text, a[0])


def test_dateline_is_not_part_of_the_source(nlp):
    for text, src in (
        (
            "LONDON (Reuters) – The finance minister said on Monday that taxes would rise.",
            "The finance minister",
        ),
        (
            "Paris (AFP) – Opposition leader Anne Roy has taken a swipe at the government, saying "
            "that its budget does more harm than good.",
            "Opposition leader Anne Roy",
        ),
    ):
        text, atts = _run(nlp, text)
        assert [a.source_text for a in atts if a.cue in ("said", "saying")] == [src]


def test_second_that_clause_of_the_same_verb_is_content(nlp):
    text = (
        "The governor said the state needs to fix its roads and hire more teachers, but that "
        "he would not raise taxes."
    )
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue == "said"]
    assert a and _content(text, a[0]).endswith("he would not raise taxes")
    assert _content(text, a[0]).startswith("the state needs")


@pytest.mark.parametrize(
    ("text", "source", "content", "mark", "others"),
    [
        (  # an embedded post: text up to its byline; the quote inside nests under it
            "The port reopened on Monday.\n\n"
            "Ships are leaving again. “Finally,” one captain wrote. "
            "— Port of Varna (@varna_port) March 3, 2024\n\n"
            "Prices rose - a lot - in May.",  # a dash is no byline
            "Port of Varna (@varna_port)",
            "Ships are leaving again. “Finally,” one captain wrote.",
            "—",
            {"one captain"},
        ),
        (  # a headline "Speaker: claim"; page labels are not speakers
            "Minister Okafor: Port deal will create thousands of jobs\n\n"
            "Photo: Harbour cranes at dawn in the old port\n\n"
            "Updated: the story was changed at noon today\n\n"
            "The port authority published its annual report on Tuesday.",
            "Minister Okafor",
            "Port deal will create thousands of jobs",
            ":",
            set(),
        ),
    ],
)
def test_report_marked_by_a_line_convention(nlp, text, source, content, mark, others):
    text, atts = _run(nlp, text)
    a = _by_source(text, atts, source)
    assert _content(text, a) == content
    assert a.cue == mark and a.stance == "assert" and a.parent_id is None
    assert {x.source_text for x in atts} == {source} | others
    assert all(x.parent_id == a.id for x in atts if x.source_text == "one captain")


def test_quoted_titles_are_nobodys_words(nlp):
    text = (
        "The studio bought “The Long Harbour Road” last year. “Tales From the Old Pier,” a "
        "series that first aired in 1989, returns in May.\n\n"
        "“We will not close the harbour,” the mayor said."
    )
    text, atts = _run(nlp, text)
    assert [a.source_text for a in atts] == ["the mayor"]
    assert attribution._is_title("“Tales From the Old Pier,”")
    assert not attribution._is_title("“We will not close the harbour,”")
    assert not attribution._is_title("“Stop. Think Again”")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The host asked Lee about the plan he had made.", "the plan he had made"),
        ("“But why?” the reporter asked him.", "“But why?”"),
    ],
)
def test_the_person_asked_is_not_the_question(nlp, text, content):
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "asked")
    assert _content(text, a) == content


@pytest.mark.parametrize(
    ("source", "actor"),
    [
        # a description after the comma: the head names the speaker
        ("The River Front, the militia that has fought the National Army since May", "front"),
        ("Col. Ana Ruiz, a spokeswoman for the National Army", "ruiz"),
        # a name after the comma: the longest mention, as without a comma
        ("Northland's deputy envoy, Catherine Ashdown", "ashdown"),
        ("Army spokeswoman Col. Ana Ruiz", "ruiz"),
    ],
)
def test_source_actor_is_the_head_not_its_description(source, actor):
    from types import SimpleNamespace

    names = {
        "The River Front": "front",
        "National Army": "army",
        "Col. Ana Ruiz": "ruiz",
        "Northland": "northland",
        "Catherine Ashdown": "ashdown",
    }
    mentions = [
        SimpleNamespace(start=i, end=i + len(n), actor_id=a, kind="name")
        for n, a in names.items()
        if (i := source.find(n)) >= 0
    ]
    assert attribution._resolve_actor((0, len(source)), mentions, source)[0] == actor


@pytest.mark.parametrize(
    ("text", "cue", "stance"),
    [
        ("A spokesman for the port declined to comment.", "declined", "decline"),
        ("The ministry has not commented on the report.", "has not commented on", "decline"),
        ("Caracas has not denied that it sold missiles.", "has not denied", "decline"),
        ("Caracas declined to deny that it sold missiles.", "to deny", "decline"),
        ("Caracas denied that it sold missiles.", "denied", "deny"),
        ("The ministry refused to pay the fine.", "refused", "deny"),
        ("The minister does not think the deal will hold.", "does not think", "believe"),
        ("He offered no evidence for the claim.", "offered", "decline"),
        ("The court ruled that the sale was legal.", "ruled", "assert"),
        ("The minister ruled out a deal with the rebels.", "ruled out", "deny"),
        ("She said Washington had offered not a single piece of proof.", "had offered", "decline"),
    ],
)
def test_a_non_answer_has_stance_decline(nlp, text, cue, stance):
    text, atts = _run(nlp, text)
    assert _by_cue(text, atts, cue).stance == stance


def test_a_wish_to_stay_unnamed_is_not_a_report(nlp):
    text = (
        "A port official, who asked not to be named, said the ships had left. Another official "
        "spoke on condition of anonymity. A diplomat who declined to be identified said the "
        "talks had failed."
    )
    text, atts = _run(nlp, text)
    assert [(a.cue, _content(text, a)) for a in atts] == [
        ("said", "the ships had left"),
        ("said", "the talks had failed"),
    ]


def test_a_that_clause_parsed_as_adverbial_is_content_and_a_second_cue_is_the_speakers(nlp):
    # "that" hangs as an adverb of an adverbial clause after the time phrase; "urged" is
    # parsed as a conjunct inside it
    text = (
        "The senator tweeted in the early morning hours that the report was “false” and "
        "“a hoax” and urged voters to “ignore” the story."
    )
    text, atts = _run(nlp, text)
    tweeted, urged = _by_cue(text, atts, "tweeted"), _by_cue(text, atts, "urged")
    assert _content(text, tweeted) == "that the report was “false” and “a hoax”"
    assert urged.source_text == "The senator" and urged.parent_id is None


def test_a_lead_in_verb_before_a_colon_in_the_quotes_sentence_names_the_speaker(nlp):
    # the parser makes the quote's verb the sentence root; the speaker is the lead-in's subject
    text = "Senator Ana Ruiz glared at him: “The scientific panel is almost unanimous against you.”"
    text, atts = _run(nlp, text)
    (a,) = atts
    assert a.source_text == "Senator Ana Ruiz" and text[a.cue_start : a.cue_end] == "glared at him:"


@pytest.mark.parametrize(
    "text",
    [
        "The minister issued the following statement:\n\n“We will not negotiate with the rebels.”",
        "Several council members said they are concerned about that.",
    ],
)
def test_content_that_only_points_elsewhere_is_no_report(nlp, text):
    text, atts = _run(nlp, text)
    contents = [_content(text, a) for a in atts]
    assert not [c for c in contents if c in ("that", "the following statement")]


def test_a_cue_in_a_clause_of_time_is_no_parenthetical_report(nlp):
    # "wrote" hangs as an adverbial clause on the fronted "Back": a circumstance, not a
    # report of the rest of the sentence
    text = "Back when she wrote her memoir, the mayor said that she considered debt a last resort."
    text, atts = _run(nlp, text)
    assert [a.cue for a in atts if a.parent_id is None] == ["said"]
    assert _content(text, _by_cue(text, atts, "said")) == "that she considered debt a last resort"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # a phrase the parser hangs on the cue verb right after its object is reported matter
        pytest.param(
            "Critics likened the senator to a used car salesman.",
            "likened",
            "the senator to a used car salesman",
            id="object-then-to",
        ),
        pytest.param(
            "The governor defended the budget against attacks from the opposition.",
            "defended",
            "the budget against attacks from the opposition",
            id="object-then-against",
        ),
        pytest.param(
            "The mayor resisted calls from party leaders to step down.",
            "resisted",
            "calls from party leaders to step down",
            id="object-then-infinitive",
        ),
        pytest.param(  # a judgement after the verb, not the clause before it
            'She had mocked his budget for weeks - he called her "weak".',
            "called",
            'her "weak"',
            id="called-her-weak",
        ),
        pytest.param(  # a prepositional complement with its judgement
            "The senator referred to the protesters as “thugs” in a speech.",
            "referred to",
            "the protesters as “thugs”",
            id="referred-to-as",
        ),
        # a noun phrase after a dash that closes the content is the writer's comment
        pytest.param(
            "The minister dismissed the report as a “work of fiction” — a phrase he has used "
            "before.",
            "dismissed",
            "the report as a “work of fiction”",
            id="dash-comment",
        ),
        pytest.param(
            'The mayor likened the plan to "throwing money away" - a charge that stung the '
            "council.",
            "likened",
            'the plan to "throwing money away"',
            id="hyphen-comment",
        ),
        # a trailing appositive or relative clause is the writer's background
        pytest.param(
            "She vowed to repeal the water tax, a levy that farmers have long opposed.",
            "vowed",
            "to repeal the water tax",
            id="appositive-after-infinitive",
        ),
        pytest.param(
            "The governor praised Maria Lopez, a surgeon who has never held office.",
            "praised",
            "Maria Lopez",
            id="appositive-after-object",
        ),
        pytest.param(
            "He promised to visit Ohio, where he trailed narrowly in the polls.",
            "promised",
            "to visit Ohio",
            id="relative-after-infinitive",
        ),
    ],
)
def test_where_the_content_of_a_report_ends(nlp, text, cue, content):
    text, atts = _run(nlp, text)
    assert _content(text, _by_cue(text, atts, cue)) == content


def test_circumstances_after_a_reported_object_stay_out(nlp):
    text = "The senator criticized the plan on Monday."
    text, atts = _run(nlp, text)
    assert _content(text, _by_cue(text, atts, "criticized")) == "the plan"


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        (  # the parser gives only the second part to "told"
            "“Now that the deal is signed,” she told the reporter, “it was exhausting to "
            "negotiate with them.”",
            "she",
            "told",
        ),
        (  # a full stop inside the tag ("Mr.", "D.C.,") does not end the sentence
            '"What we owe the farmers is a fair price," Mr. Adams said in Washington, D.C., '
            '"and to say that the market is changing."',
            "Mr. Adams",
            "said",
        ),
    ],
)
def test_a_quoted_sentence_split_by_its_tag_is_one_attribution(nlp, text, source, cue):
    text, atts = _run(nlp, text)
    (top,) = [a for a in atts if a.parent_id is None]
    assert (top.kind, top.source_text, top.cue) == ("direct", source, cue)
    assert len(_quoted_frags(text, top)) == 2
    # a report inside the resumed part is nested in the quote
    assert all(a.parent_id == top.id for a in atts if a is not top)


def test_a_report_in_the_tag_between_two_quote_parts_is_not_nested_in_the_quote(nlp):
    text = (
        "“Each time you repeat it,” Lee said, referring to the rumour, “you give the critics "
        "another weapon.”"
    )
    text, atts = _run(nlp, text)
    referring = _by_cue(text, atts, "referring to")
    assert referring.parent_id is None and _content(text, referring) == "the rumour"


@pytest.mark.parametrize(
    "text",
    [
        "“We cannot fix what we do not understand,” the mayor said, explaining why the audit "
        "matters. “The numbers have to come first.”",
        "“We cannot fix what we do not understand,” said Mayor Lee, speaking of the audit. "
        "“The numbers have to come first.”",
    ],
)
def test_a_quote_resumed_after_a_tag_with_a_report_of_its_own_continues_the_quote(nlp, text):
    # "explaining why ..." / "speaking of ..." is the speaker's report inside the tag; the
    # next quote goes on with the first one, not with that report
    text, atts = _run(nlp, text)
    said = _by_cue(text, atts, "said")
    assert [text[s:e] for s, e in _quoted_frags(text, said)][-1] == (
        "“The numbers have to come first.”"
    )
    assert len([a for a in atts if a.kind == "direct"]) == 1


def test_another_speakers_report_conjoined_to_a_reported_clause_is_cut_from_it(nlp):
    # "warned" is parsed as a conjunct of "was": aid agencies report on their own
    text = (
        "Officials said that the inquiry was not complete, and aid agencies warned that the "
        "region was running out of food."
    )
    text, atts = _run(nlp, text)
    said, warned = _by_cue(text, atts, "said"), _by_cue(text, atts, "warned")
    assert _content(text, said) == "that the inquiry was not complete"
    assert warned.parent_id is None and warned.source_text == "aid agencies"


def test_a_conjoined_report_of_a_pronoun_goes_on_with_the_first_report(nlp):
    text = "The coach said the team was tired and he feels they can still win the cup."
    text, atts = _run(nlp, text)
    said = _by_cue(text, atts, "said")
    assert _content(text, said) == "the team was tired and he feels they can still win the cup"


def test_a_quote_paragraph_with_no_tag_goes_on_with_the_speaker_quoted_just_before(nlp):
    text = (
        "“We will rebuild the bridge,” the mayor said.\n\n"
        "“It will take two years, and the council has approved the money.”\n\n"
        "The council meets again in May."
    )
    text, atts = _run(nlp, text)
    (quote,) = [a for a in atts if a.kind == "direct"]
    assert quote.source_text == "the mayor" and len(_quoted_frags(text, quote)) == 2


def test_according_to_after_coordinated_clauses_reports_them_all(nlp):
    # the phrase hangs on the last conjunct
    text = "The mayor approved the budget, and the council cut the tax rate, according to local reports."
    text, atts = _run(nlp, text)
    (a,) = atts
    assert _content(text, a) == "The mayor approved the budget, and the council cut the tax rate"


def test_a_sentence_opening_in_a_poll_reports_the_rest_of_the_sentence(nlp):
    text = (
        "In the latest survey, the mayor gained two points while her rival lost three. "
        "In a statement, the ministry said the talks had failed."
    )
    text, atts = _run(nlp, text)
    survey = _by_source(text, atts, "the latest survey")
    assert (survey.cue, survey.stance) == ("In", "estimate")
    assert _content(text, survey) == "the mayor gained two points while her rival lost three"
    # a sentence with a reporting verb of its own is that verb's report
    assert [a.cue for a in atts if a.source_text == "the ministry"] == ["said"]
    assert len(atts) == 2
    # unless those who speak are the poll's respondents: what they said is its finding
    text = "In the harbour poll, 58 percent of residents said the ferry was too slow."
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "In")
    assert (a.source_text, a.parent_id) == ("the harbour poll", None)
    assert _content(text, a) == "58 percent of residents said the ferry was too slow"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked whether the bridge was safe, 58 percent of residents said yes.", "yes"),
        ("Asked whether he would run again, the governor said no.", "no"),
        ("In March, 31 percent said the same.", "the same"),
        ("Asked if he would sign, the mayor said yes, yes, yes.", "yes, yes, yes"),
    ],
)
def test_a_short_answer_is_what_is_said(nlp, text, content):
    text, atts = _run(nlp, text)
    assert _content(text, _by_cue(text, atts, "said")) == content


def test_asked_about_without_an_object_is_a_question_about_the_matter(nlp):
    text = "Asked about the budget gap, the minister shrugged."
    text, atts = _run(nlp, text)
    (a,) = atts
    assert (a.cue, a.stance, _content(text, a)) == ("Asked", "question", "the budget gap")


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        (
            "The old ferry is widely seen as a relic of the port's busier days.",
            "is widely seen as",
            None,
            ["The old ferry", "a relic of the port's busier days"],
        ),
        (
            "The new librarian was regarded as a reformer by most of the staff.",
            "was regarded as",
            "most of the staff",
            ["The new librarian", "a reformer"],
        ),
        (
            "Most of the late entries were deemed invalid.",
            "were deemed",
            None,
            ["Most of the late entries", "invalid"],
        ),
        (
            "It was seen as a snub to the harbour board.",
            "was seen as",
            None,
            ["It", "a snub to the harbour board"],
        ),
    ],
)
def test_a_passive_judgement_reports_its_subject_and_predicate(nlp, text, cue, source, content):
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, cue)
    assert a.source_text == source
    assert [text[s:e].strip() for s, e in _content_frags(a)] == content


def test_a_noun_with_a_that_clause_reports_the_clause(nlp):
    text, atts = _run(nlp, "Rumours that the ferry line would close spread through the harbour.")
    a = _by_cue(text, atts, "Rumours")
    assert (a.source_text, _content(text, a)) == (None, "that the ferry line would close")
    # a relative clause is no content, and a cue verb's object keeps the verb's report
    text, atts = _run(nlp, "The bridge that the county built is closed.")
    assert atts == []
    # a fact or a sign is the writer's own, nobody's report
    for text in (
        "The fact that the ferry was late annoyed the mayor.",
        "It is a sign that the harbour fees are too high.",
    ):
        assert _run(nlp, text)[1] == []
    text, atts = _run(nlp, "The harbour master dismissed the notion that the pier was unsafe.")
    (a,) = atts
    assert (a.cue, a.stance) == ("dismissed", "deny")


def test_a_quoted_judgement_after_the_object_of_call_is_content(nlp):
    text = "The coach called the umpire's decision “a total joke,” and walked off."
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "called")
    assert _content(text, a) == "the umpire's decision “a total joke,”"
    # an addressee is no part of what is said
    text, atts = _run(nlp, "The coach told the players “keep your heads up,” and walked off.")
    assert "the players" not in _content(text, _by_cue(text, atts, "told"))


def test_a_hedge_of_the_writer_is_no_report_but_a_relayed_report_is(nlp):
    # "apparently" marks the writer's own inference (factuality reads it as a hedge); nobody
    # is reported, unlike "reportedly"
    text, atts = _run(nlp, "The ferry apparently left the harbour early.")
    assert atts == []
    text, atts = _run(nlp, "The ferry reportedly left the harbour early.")
    (a,) = atts
    assert (a.cue, a.source_text) == ("reportedly", None)


def test_a_tagless_quote_right_after_a_report_goes_on_with_it(nlp):
    text = "The ferry may stop in May, the harbour master said. “We cannot pay the crew.”"
    text, atts = _run(nlp, text)
    (a,) = atts
    assert (a.kind, a.source_text) == ("mixed", "the harbour master")
    assert text[a.content_start : a.content_end].endswith("“We cannot pay the crew.”")
    # a quote with a tag of its own is its own attribution
    text = "The harbour master said the ferry may stop. “We cannot pay,” his deputy added."
    text, atts = _run(nlp, text)
    assert [a.kind for a in atts] == ["indirect", "direct"]


def test_a_title_case_headline_is_read_in_sentence_case(nlp):
    text = (
        "Union Leader Slams Ferry Board Over Fare Rise.\n\n"
        "The Ferry Board met on Monday in Harbourton, and Ana Lee, the union leader, spoke."
    )
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "Slams")
    assert (a.source_text, a.stance) == ("Union Leader", "allege")
    assert _content(text, a) == "Ferry Board Over Fare Rise"


@pytest.mark.parametrize("verb", ["chided", "faulted", "rebuked"])
def test_a_verb_of_criticism_accuses_its_object(nlp, verb):
    text, atts = _run(nlp, f"The harbour master {verb} the ferry board for the late sailings.")
    a = _by_cue(text, atts, verb)
    assert (a.stance, _content(text, a)) == ("allege", "the ferry board for the late sailings")


def test_than_expected_compares_and_reports_nobody(nlp):
    text = "The ferry debt will be paid this year, sooner than expected, the harbour board said."
    text, atts = _run(nlp, text)
    assert [a.cue for a in atts] == ["said"]
    text, atts = _run(nlp, "The pier was unsafe, as noted by the inspector.")
    assert [a.cue for a in atts] == ["noted"]


def test_what_a_colon_spells_out_after_a_reported_clause_is_reported_too(nlp):
    text = (
        "The harbour master notes that two things changed at once: fuel got dearer, "
        "and the crews are fewer than before."
    )
    text, atts = _run(nlp, text)
    a = _by_cue(text, atts, "notes")
    assert _content(text, a).endswith("the crews are fewer than before")


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [  # the parser reads the closing verb as a noun or hangs the source on it as a compound
        (
            "But the tanker had not sailed since May, shipping data show.",
            "shipping data",
            "the tanker had not sailed since May",
        ),
        (
            "The ferry was leased for $2 million in 2015, port records show.",
            "port records",
            "The ferry was leased for $2 million in 2015",
        ),
    ],
)
def test_records_show_at_the_end_of_a_sentence(nlp, text, source, content):
    text, atts = _run(nlp, text)
    a = [x for x in atts if x.cue.startswith("show")]
    assert a and a[0].source_text == source and _content(text, a[0]) == content


def test_a_closing_plural_noun_is_not_a_report(nlp):
    text, atts = _run(
        nlp, "He was a fan of the late-night talk shows, the writer's favourite shows."
    )
    assert not [a for a in atts if a.cue.startswith("show")]


def test_a_sourceless_cue_with_the_same_content_nests_in_the_report(nlp):
    text, atts = _run(nlp, "Officials said the council members appear ready to pass the budget.")
    said = _by_cue(text, atts, "said")
    appear = _by_cue(text, atts, "appear")
    assert _content(text, appear) == _content(text, said)  # the very same words
    assert said.parent_id is None and appear.parent_id == said.id


def test_to_after_a_noun_of_speech_is_the_addressee_not_the_content(nlp):
    text, atts = _run(nlp, "The minister's statements to the committee were false.")
    assert not [a for a in atts if _content(text, a) == "the committee"]
    text, atts = _run(nlp, "His opposition to the war was well known.")
    assert _content(text, _by_cue(text, atts, "opposition")) == "the war"
