"""Events stage on sentences written for these tests (no gold or sample text)."""

from __future__ import annotations

import dataclasses

import pytest

from claimgraph.annotate import annotate, load_nlp
from claimgraph.events import Event, plover_coding, run
from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events_of(text: str, nlp, kinds: tuple[str, ...] = ("body",)) -> list[Event]:
    paras = text.split("\n\n")
    segs, pos = [], 0
    for kind, p in zip(kinds * len(paras), paras, strict=False):
        segs.append(Segment(kind, pos, pos + len(p)))
        pos += len(p) + 2
    doc = CleanDoc(text, tuple(segs))
    rec = ArticleRecords(Article("t1", text, "text", "test"), doc)
    run(rec, annotate(doc, nlp))
    return rec.extra["events"]


def one(evs: list[Event], trigger: str) -> Event:
    hits = [e for e in evs if e.trigger.startswith(trigger)]
    assert hits, f"no event {trigger!r} in {[e.trigger for e in evs]}"
    return hits[0]


def assert_event(
    evs: list[Event], trigger: str, typ: str, actor: str | None, recipient: str | None
) -> None:
    """The event of ``trigger`` has type ``typ``; its actor and recipient texts contain the
    given names (None: not checked)."""
    ev = one(evs, trigger)
    assert ev.type == typ
    if actor is not None:
        assert ev.actor_text is not None and actor in ev.actor_text
    if recipient is not None:
        assert ev.recipient_text is not None and recipient in ev.recipient_text


def test_delivery_with_items_and_recipient(nlp):
    evs = events_of("Belarus delivered tanks and artillery shells to the Syrian army in May.", nlp)
    ev = one(evs, "delivered")
    assert (ev.type, ev.cameo, ev.context) == ("AID", "072", "military")
    assert ev.actor_text == "Belarus"
    assert "Syrian army" in ev.recipient_text
    assert ev.items == "tanks; artillery shells"
    assert ev.status == "delivered"
    assert (ev.polarity, ev.certainty, ev.time) == ("POS", "CERTAIN", "NON_FUTURE")
    assert ev.id == "t1:e1" and ev.trigger == "delivered"


def test_passive_expected_delivery(nlp):
    evs = events_of("More drones were expected to be delivered by Tehran next month.", nlp)
    ev = one(evs, "delivered")
    assert ev.actor_text == "Tehran"  # the by-phrase is the agent
    assert ev.items == "drones"
    assert (ev.time, ev.certainty) == ("FUTURE", "PROBABLE")
    assert ev.status == "expected"
    assert plover_coding(ev)[0] == "AID"  # an expectation is not an announced intent


def test_negated_aid(nlp):
    ev = one(events_of("Beijing has not helped Moscow in the war.", nlp), "helped")
    assert ev.type == "AID"
    assert ev.polarity == "NEG"
    assert ev.recipient_text == "Moscow"
    assert plover_coding(ev)[0] == "REJECT"


def test_denial(nlp):
    evs = events_of("Caracas denies that it sold missiles to the rebels.", nlp)
    den = one(evs, "denies")
    assert (den.type, den.cameo, den.mode) == ("REJECT", "016", "deny")
    assert den.actor_text == "Caracas"
    sold = one(evs, "sold")
    assert sold.status == "denied"
    assert sold.polarity == "NEG"


def test_sanction_plan(nlp):
    evs = events_of("Canada plans to impose new sanctions on Iran next week.", nlp)
    ev = one(evs, "impose")
    assert ev.type == "SANCTION" and ev.cameo == "163"
    assert ev.trigger == "impose new sanctions"
    assert ev.actor_text == "Canada" and ev.recipient_text == "Iran"
    assert ev.time == "FUTURE"
    assert plover_coding(ev)[0] == "THREATEN"  # an announced future sanction
    assert not any(e.trigger == "sanctions" for e in evs)  # consumed by the phrase


def test_coordination_gives_one_event_per_recipient(nlp):
    evs = events_of("Syria tried to buy rockets from countries such as Iran and Belarus.", nlp)
    buys = [e for e in evs if e.trigger == "buy"]
    assert [e.recipient_text for e in buys] == ["Iran", "Belarus"]
    assert all(e.actor_text == "Syria" and e.type == "REQUEST" for e in buys)
    assert all(e.status == "attempted" for e in buys)
    assert len({e.id for e in buys}) == 2


def test_destination_vs_end_user(nlp):
    evs = events_of("Minsk shipped ammunition into Syria for use by Hezbollah.", nlp)
    ev = one(evs, "shipped")
    assert ev.recipient_text == "Hezbollah"
    assert ev.end_user_id == "Hezbollah"
    assert ev.destination_id == "Syria"
    assert ev.items == "ammunition"


def test_nominal_event_and_segments(nlp):
    text = "Minsk completed an arms delivery to Damascus.\n\nRead more: Iran sends drones to Sudan"
    evs = events_of(text, nlp, kinds=("body", "related"))
    ev = one(evs, "delivery")
    assert ev.actor_text == "Minsk" and ev.recipient_text == "Damascus"
    assert ev.items == "arms" and ev.segment == 0
    other = one(evs, "sends")
    assert other.segment == 1  # a related headline stays marked as such


def test_record_is_flat():
    for f in dataclasses.fields(Event):
        assert f.type in ("str", "int", "str | None"), f


# ---------------------------------------------------------------- second round (own sentences)


def events_with_actors(text: str, nlp) -> list[Event]:
    """Like :func:`events_of`, with the actors stage run first (as in the pipeline)."""
    from claimgraph import actors

    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    rec = ArticleRecords(Article("t2", text, "text", "test"), doc)
    ann = annotate(doc, nlp)
    actors.run(rec, ann)
    run(rec, ann)
    return rec.extra["events"]


def test_noun_object_of_denial_is_not_an_accusation(nlp):
    evs = events_of("Belgrade denies the accusations. Minsk rejected allegations of fraud.", nlp)
    assert [e.type for e in evs] == ["REJECT", "REJECT"]
    assert not any(e.type == "ACCUSE" for e in evs)


def test_possessive_group_recipient_resolves_to_the_group(nlp):
    ev = one(
        events_with_actors("Iran supplies Lebanon's Hezbollah fighters, officials say.", nlp),
        "supplies",
    )
    assert ev.type == "AID"
    assert ev.recipient_id == "hezbollah"


def test_apposed_name_is_the_one_actor(nlp):
    evs = events_of(
        "The president and leader of Belarus, Alexander Lukashenko, supplied rifles to Serbian troops.",
        nlp,
    )
    armed = [e for e in evs if e.trigger == "supplied"]
    assert len(armed) == 1  # not one event per role noun
    assert "Lukashenko" in armed[0].actor_text


def test_owner_funding_own_group_is_not_aid(nlp):
    text = "The chief and founder of Hamas, Omar Nasser, spends millions to fund the operations of Hamas fighters."
    evs = events_with_actors(text, nlp)
    assert not any(e.type == "AID" for e in evs)


def test_aid_in_a_relative_clause_of_the_actor_is_not_internal(nlp):
    # the recipient is named in the relative clause that holds the event, not in the
    # supplier's own phrase
    text = "Minsk will answer sanctions on three of its firms, which Washington accuses of supplying drones to Sudan."
    ev = one(events_with_actors(text, nlp), "supplying")
    assert (ev.type, ev.recipient_id) == ("AID", "SDN")


@pytest.mark.parametrize(
    "text, recipient",
    [
        (
            "The ministry rejected claims made by the Northern Front, and said the cargo flights "
            "went to Port Sudan.",
            "Northern Front",
        ),
        ("The ministry rejected the allegations by Washington.", "Washington"),
        ("The ministry rejected Kyiv's allegations.", "Kyiv"),
    ],
)
def test_a_rejected_claim_points_at_its_author(nlp, text, recipient):
    assert_event(events_of(text, nlp), "rejected", "REJECT", "ministry", recipient)


def test_a_clause_hung_on_a_dateline_has_no_patient(nlp):
    # "MINSK — The ministry dismissed the claims": the parser may make "dismissed" a modifier
    # (acl) of the dateline; with a subject of its own, the verb is no reduced relative whose
    # noun is its patient ("weapons provided by X")
    from spacy.tokens import Doc

    from claimgraph.events.extract import _patient

    words = ["MINSK", "—", "The", "ministry", "dismissed", "the", "claims"]
    heads = [0, 0, 3, 4, 0, 6, 4]
    deps = ["ROOT", "punct", "det", "nsubj", "acl", "det", "dobj"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert _patient(doc[4]) is None
    deps[3] = "dep"  # a reduced relative without a subject: "weapons provided by X"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert _patient(doc[4]).text == "MINSK"


def test_calling_something_a_name_is_no_consultation(nlp):
    evs = events_of("The ministry rejected the claims, calling them fabrications.", nlp)
    assert not any(e.type == "CONSULT" for e in evs)
    assert_event(
        events_of("The president called Putin on Monday.", nlp),
        "called",
        "CONSULT",
        "president",
        "Putin",
    )


@pytest.mark.parametrize(
    "text, trigger, typ",
    [
        ("The report went to the UN sanctions committee.", "sanctions", None),
        ("The firms were added to the sanctions list.", "sanctions", None),
        ("The EU adopted a new sanctions package against Moscow.", "sanctions", "SANCTION"),
        ("An official, who asked not to be named, said the flights went on.", "asked", None),
        ("Kyiv asked Berlin to send tanks.", "asked", "REQUEST"),
        ("Washington has backed reports of an arms pipeline to Juba.", "backed", None),
        ("Washington backed the rebels.", "backed", "SUPPORT"),
    ],
)
def test_modifiers_anonymity_and_agreeing_with_claims_are_no_events(nlp, text, trigger, typ):
    evs = [e for e in events_of(text, nlp) if e.trigger.startswith(trigger)]
    assert [e.type for e in evs][:1] == ([typ] if typ else [])


@pytest.mark.parametrize(
    "text, trigger, typ",
    [
        ("Artillery shells struck a market in the town.", "struck", "ASSAULT"),
        ("Aid groups reported strikes on markets.", "strikes", "ASSAULT"),
        ("Dock workers will strike on Monday.", "strike", "PROTEST"),
        ("The rebels released 20 hostages.", "released", "RETREAT"),
        ("The group released photographs of the wreck.", "released", None),
        ("Kenya offered to host the talks.", "offered", "AGREE"),
        ("He offered no evidence for the claim.", "offered", None),
        ("Belarus sent attack drones to the army.", "attack", None),
        ("Chad recalled its ambassador from Khartoum.", "recalled", "SANCTION"),
        ("He recalled the meeting fondly.", "recalled", None),
        ("The ministry did not respond to a request for comment.", "request", None),
        ("Kyiv sent a request for air defence systems.", "request", "REQUEST"),
        ("Washington will bring the matter before the UN Security Council.", "bring", "CONSULT"),
        ("Kenya offered to host a new round of talks.", "host", "CONSULT"),
        ("Egypt hosted the Sudanese leader in Cairo.", "hosted", "CONSULT"),
        ("Any website which hosts user content must comply.", "hosts", None),
        ("The ceasefire talks failed on Sunday.", "failed", "REJECT"),
        ("The two sides failed to agree on a truce.", "failed", "REJECT"),
        ("Democracy is failing in many places.", "failing", None),
        ("The government sought help from its neighbours.", "sought", "REQUEST"),
        ("The court sought to determine whether the law applied.", "sought", None),
        ("Thousands joined a rally against the war.", "rally", "PROTEST"),
        ("The senator held a campaign rally in Ohio.", "rally", None),
        ("The firm sold drones to the army.", "sold", "AID"),
        ("You sell the same car to somebody else.", "sell", None),
        ("The army evacuated civilians from the town.", "evacuated", "AID"),
        ("The governor urged residents to evacuate.", "evacuate", None),
        ("The allies agreed to share intelligence.", "share", "COOPERATE"),
        ("The women came together to share their stories.", "share", None),
        ("The fire also seriously injured a man.", "injured", None),
        ("Two men were killed in a collision on the highway.", "killed", None),
        ("The army killed twelve rebels.", "killed", "ASSAULT"),
        ("The move was met with fury from local chiefs.", "met", None),
        ("The accused can still avoid the death penalty.", "accused", None),
        ("Russia returned 20 prisoners to Ukraine.", "returned", "RETREAT"),
        ("He later returned to the Republican Party.", "returned", None),
        ("An earthquake struck the island on Saturday.", "struck", None),
        ("Seventeen rockets struck near the base.", "struck", "ASSAULT"),
        ("These findings support the hypothesis that flight evolved early.", "support", None),
        ("Russia supports the rebels in the east.", "supports", "SUPPORT"),
        ("I support it.", "support", "SUPPORT"),
        ("The organisers said they were fighting corruption.", "fighting", None),
        ("The rebels fought government troops near the town.", "fought", "ASSAULT"),
        ("They equipped horses with striped cloths.", "equipped", None),
        ("Russia equipped the rebels with drones.", "equipped", "AID"),
        ("Yes, I completely agree with that.", "agree", None),
        ("Iran agreed with Russia on a ceasefire.", "agreed", "AGREE"),
        ("Washington sought no third term.", "sought", None),
        ("Kyiv sought asylum for the crew.", "sought", "REQUEST"),
        ("In his talk at the think tank, the minister praised the project.", "talk", None),
        ("He held a talk with Putin on Monday.", "held", "CONSULT"),
        ("The league suspended its season because of the virus.", "suspended", None),
        ("China suspended flights to the United States.", "suspended", "SANCTION"),
        ("The commission canceled the third debate.", "canceled", None),
        ("The court cancelled the restrictions on the press.", "cancelled", "CONCEDE"),
        ("A suspected gas leak led to an explosion in the building.", "explosion", None),
        ("An explosion killed five soldiers near the base.", "explosion", "ASSAULT"),
        ("The embassy advised citizens to leave in its security alert.", "alert", None),
        ("Troops remained on alert along the border.", "on alert", "MOBILIZE"),
        ("He could fund a wall on the border.", "fund", None),
        ("Iran funds the militia.", "funds", "AID"),
        ("The ruling severed the ability to interact.", "severed", None),
        ("Qatar severed ties with Egypt.", "severed", "SANCTION"),
        ("The state has 41 pledged delegates.", "pledged", None),
        ("Her life is threatened by the pregnancy.", "threatened", None),
        ("The storm threatens the coast.", "threatens", None),
        ("The journalist was threatened by the militia.", "threatened", "THREATEN"),
        ("He spoke of the threat of the building collapsing.", "threat", None),
        ("Russia warned of the threat of new sanctions.", "threat", "THREATEN"),
        ("Trump attacked the editor as a consistent opponent.", "attacked", "ACCUSE"),
        ("The army attacked the town at dawn.", "attacked", "ASSAULT"),
        ("I founded a distribution called Caos Linux.", "called", None),
        ("Both officers said they would appeal.", "appeal", None),
        ("The UN appealed for calm in the city.", "appealed", "REQUEST"),
        ("You may charge money for a copy.", "charge", None),
        ("Prosecutors charged twelve people with fraud.", "charged", "ACCUSE"),
        ("The rats were trained to press a lever.", "trained", None),
        ("Britain trained Ukrainian soldiers.", "trained", "AID"),
        ("The ministers refused to hand over the documents.", "hand over", None),
        ("He fails to even be on the ballot.", "fails", None),
        ("He suffered a cardiac arrest on Monday and died.", "arrest", None),
        ("Police announced the arrest of the suspect.", "arrest", "COERCE"),
        ("They were less likely to commit suicide.", "commit", None),
        ("The United States committed to send more troops.", "committed", "AGREE"),
        ("I commit that I will pick a woman as my running mate.", "commit", "AGREE"),
        ("He had the prosecutor fired.", "fired", None),
        ("Soldiers fired on protesters.", "fired", "ASSAULT"),
        ("Sharks live near kelp, as opposed to the clear study area.", "opposed", None),
        ("Russia opposed the plan.", "opposed", "REJECT"),
        ("It demonstrates that the statues are not ritual places.", "demonstrates", None),
        ("Thousands demonstrated against the war.", "demonstrated", "PROTEST"),
        ("She will not be blocked from taking the oath of office.", "blocked", None),
        ("Protesters blocked the bridge.", "blocked", "PROTEST"),
        ("Video captured two factions pushing and punching.", "captured", None),
        ("Rebels captured the town.", "captured", "ASSAULT"),
        ("Having thus armed himself, he joined the chase.", "armed", None),
        ("Users cannot deploy CentOS Stream in their office.", "deploy", None),
        ("Russia deployed troops to the border.", "deployed", "MOBILIZE"),
        ("It was entitled to buy arms to defend itself.", "defend", None),
        ("A fire destroyed at least 200 homes in a slum.", "destroyed", None),
        ("The army destroyed the bridge.", "destroyed", "COERCE"),
        (
            "Chad recalled its ambassador after artillery shells fired from across the border"
            " struck a market in the town of Tine.",
            "fired",
            "ASSAULT",
        ),
        ("The drones could breach the embargo if they are deployed there.", "deployed", "MOBILIZE"),
        ("So we just released our Arabic page a month ago.", "released", None),
        ("Russia freed 20 Ukrainians.", "freed", "RETREAT"),
        ("It's called the National Organization for Extraordinary Things.", "called", None),
        ("Trump called for a ban on the group.", "called", "REQUEST"),
        ("Pompeo spoke, defending the government's policy.", "defending", "SUPPORT"),
        ("The flight turned back after it failed to obtain permission.", "failed", None),
        ("Trump was released from the hospital on Monday.", "released", None),
        ("The rebels released 20 hostages from prison.", "released", "RETREAT"),
        ("A campaign to lift up working people began.", "lift", None),
        ("The EU lifted sanctions on Iran.", "lifted", "CONCEDE"),
        ("How does the team decide on the feature requests for the game?", "requests", None),
        ("Kyiv sent aid requests to Berlin.", "requests", "REQUEST"),
        ("The army fired rockets at the town.", "fired", "ASSAULT"),
        ("The research paper talks about systems with hydrogen gas.", "talks", None),
        ("Talks about the nuclear programme resumed in Vienna.", "Talks", "CONSULT"),
        ("Some of them are positively-charged particles.", "charged", None),
        ("Police freed the detained journalists.", "detained", "COERCE"),
        (  # the parser hangs the verb on the gerund as a modifier: still a verb
            "Trump endorsed blocking emergency relief as a means to prevent mail-in ballots.",
            "endorsed",
            "SUPPORT",
        ),
    ],
)
def test_the_sense_of_a_trigger_follows_its_arguments(nlp, text, trigger, typ):
    evs = [e for e in events_of(text, nlp) if e.trigger.startswith(trigger)]
    assert [e.type for e in evs][:1] == ([typ] if typ else [])


def test_an_accusation_joined_to_a_reported_clause_is_the_speakers(nlp):
    text = (
        "The commander claimed that the cargo included drones and accused Minsk of joining the war."
    )
    assert_event(events_of(text, nlp), "accused", "ACCUSE", "commander", "Minsk")


@pytest.mark.parametrize(
    "text, trigger, actor",
    [
        (
            "Lukin described the accusations as part of a campaign against Minsk.",
            "accusations",
            None,
        ),
        (
            "The council asked whether the cargo had breached the arms embargo on Darfur.",
            "embargo",
            None,
        ),
        ("Washington made new accusations against Minsk.", "accusations", "Washington"),
        ("The EU imposed an embargo on Belarus.", "embargo", "EU"),
    ],
)
def test_a_verb_about_a_claim_or_against_a_measure_lends_no_actor(nlp, text, trigger, actor):
    assert one(events_of(text, nlp), trigger).actor_text == actor


def test_a_partitive_participant_is_the_group_it_counts(nlp):
    text = "The EU imposed sanctions on some of the firms."
    assert_event(events_of(text, nlp), "imposed", "SANCTION", "EU", "firms")
    text = "Kyiv received aid from several of its allies."
    assert_event(events_of(text, nlp), "aid", "AID", "allies", "Kyiv")


def test_who_draws_criticism_is_its_target(nlp):
    ev = one(events_of("The senator drew criticism from the union.", nlp), "criticism")
    assert ev.type == "ACCUSE" and ev.recipient_text == "senator"
    ev = one(events_of("The army launched an attack on the town.", nlp), "attack")
    assert ev.actor_text == "army"


def test_a_date_after_by_is_no_agent(nlp):
    ev = one(
        events_of("About 30,000 shells had been delivered by early October.", nlp), "delivered"
    )
    assert ev.actor_text is None
    ev = one(events_of("The shells were delivered by Belarus.", nlp), "delivered")
    assert ev.actor_text == "Belarus"


def test_production_for_a_recipient_is_military_aid(nlp):
    ev = one(
        events_of("Minsk is producing helmets and uniforms for Serbian soldiers.", nlp), "producing"
    )
    assert (ev.type, ev.cameo, ev.context) == ("AID", "072", "military")
    assert "uniforms" in ev.items
    assert "Serbian" in ev.recipient_text
    assert ev.status == "in_progress"
    # making something that is not materiel is no event
    assert not events_of("Minsk is making cheese for Serbian shops.", nlp)


def test_pronoun_actor_takes_the_reporting_subject(nlp):
    ev = one(events_of("Caracas said it had sold rifles to the militia.", nlp), "sold")
    assert ev.actor_text == "Caracas"


@pytest.mark.parametrize(
    "text, trigger, typ, actor, recipient",
    [
        (
            "The firms, which the government blamed for selling rifles to the militia, closed.",
            "blamed",
            "ACCUSE",
            "government",
            "firms",
        ),
        (
            "The firms, which the government blamed for selling rifles to the militia, closed.",
            "selling",
            "AID",
            "firms",
            "militia",
        ),
        (
            "The rebels, whom the army attacked on Sunday, fled.",
            "attacked",
            "ASSAULT",
            "army",
            "rebels",
        ),
    ],
)
def test_relative_pronoun_participant_is_its_noun(nlp, text, trigger, typ, actor, recipient):
    evs = events_of(text, nlp)
    assert_event(evs, trigger, typ, actor, recipient)
    assert "which" not in (one(evs, trigger).actor_text or "")


def test_target_from_the_clause_when_no_recipient(nlp):
    from claimgraph.events.lexicon import participant_code

    text = "Turkish helicopters evacuated the wounded from the besieged Syrian town of Afrin."
    ev = one(events_with_actors(text, nlp), "evacuated")
    assert participant_code(None, ev.recipient_text) == "SYR"
    assert participant_code(None, ev.actor_text) == "TUR"


def test_participant_code():
    from claimgraph.actors import actor_by_id
    from claimgraph.events.lexicon import participant_code

    assert participant_code(actor_by_id("usa-state-department"), "State Department") == "USA"
    assert participant_code(actor_by_id("un"), "the UN") == "IGO"
    assert participant_code(actor_by_id("JPN"), "Japan") == "JAP"  # CAMEO differs from ISO
    assert participant_code(None, "Kenyan Foreign Minister Jane Doe") == "KEN"
    assert participant_code(None, "young Algerians") == "DZA"
    assert participant_code(None, "Nigerian officials") == "NGA"  # not Niger
    assert participant_code(None, "Jackie Chan") is None


# ---------------------------------------------------------------- third round (own sentences)


def records_with_actors(text: str, nlp) -> ArticleRecords:
    """The article's records after the actors and events stages (for :func:`event_codes`)."""
    from claimgraph import actors

    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    rec = ArticleRecords(Article("t3", text, "text", "test"), doc)
    ann = annotate(doc, nlp)
    actors.run(rec, ann)
    run(rec, ann)
    return rec


def codes_of(rec: ArticleRecords, trigger: str) -> tuple[str | None, str | None]:
    from claimgraph.events import event_codes

    return event_codes(one(rec.extra["events"], trigger), rec)


def test_unplaced_person_takes_the_co_participant_country(nlp):
    rec = records_with_actors("Opposition leader Tom Brandt banned Kenyan student unions.", nlp)
    assert codes_of(rec, "banned") == ("KEN", "KEN")


def test_unplaced_person_takes_the_sentence_country(nlp):
    text = "Opposition leader Tom Brandt demanded new elections, a Kenyan newspaper said."
    rec = records_with_actors(text, nlp)
    assert codes_of(rec, "demanded") == ("KEN", None)  # no target is invented


def test_event_codes_without_records_use_the_phrase_only(nlp):
    from claimgraph.events import event_codes

    ev = one(events_of("Opposition leader Tom Brandt banned Kenyan student unions.", nlp), "banned")
    assert event_codes(ev) == ("KEN", "KEN")  # the co-participant still lends its country
    ev = one(events_of("Tom Brandt demanded new elections.", nlp), "demanded")
    assert event_codes(ev) == (None, None)


def test_people_named_after_a_state_take_the_country_they_live_in(nlp):
    rec = records_with_actors("About 300 ethnic Hungarians in Romania demanded new schools.", nlp)
    assert codes_of(rec, "demanded")[0] == "ROU"
    rec = records_with_actors("Hungarians of northern Serbia demanded schools.", nlp)
    assert codes_of(rec, "demanded")[0] == "SRB"
    # nationals abroad keep their state
    rec = records_with_actors("British soldiers in Iraq attacked the militia.", nlp)
    assert codes_of(rec, "attacked")[0] == "GBR"


def test_sponsor_or_side_is_not_the_actors_country():
    from claimgraph.events.lexicon import code_of_text

    assert code_of_text("pro-Iranian Hezbollah fighters") == "LBN"
    assert code_of_text("the Syrian-backed militia") is None
    assert code_of_text("anti-American protesters in Pakistan") == "PAK"
    assert code_of_text("a London-based group") == "GBR"  # a base is a place, not a side


def test_coordinated_actors_without_object_have_no_target(nlp):
    evs = [e for e in events_of("Chile and Peru held talks in Lima on Monday.", nlp)]
    talks = [e for e in evs if e.trigger == "held talks"]
    assert {e.actor_text for e in talks} == {"Chile", "Peru"}
    assert all(e.recipient_text is None for e in talks)
    # an act on an object is not mutual: its target comes from the clause
    evs = events_of("Chilean and Peruvian tanks shelled positions of the Bolivian army.", nlp)
    assert any("Bolivian" in (e.recipient_text or "") for e in evs if e.trigger == "shelled")


def test_nominal_event_inside_the_object_of_a_support_verb(nlp):
    evs = events_of("Kenya launched a mediation effort between Sudan and Chad.", nlp)
    med = [e for e in evs if e.trigger == "mediation"]
    assert {e.actor_text for e in med} == {"Kenya"}
    assert {e.recipient_text for e in med} == {"Sudan", "Chad"}
    ev = one(events_of("Peru declared a state of siege in Lima.", nlp), "state of siege")
    assert ev.actor_text == "Peru"


def test_protest_target_is_the_addressee_of_its_demand(nlp):
    text = (
        "Thousands of students staged demonstrations to demand reforms from the Kenyan government."
    )
    ev = one(events_of(text, nlp), "demonstrations")
    assert ev.type == "PROTEST"
    assert "Kenyan" in ev.recipient_text


def test_stated_obligation_is_a_demand_on_the_addressee(nlp):
    text = "The Canadian foreign minister said Iran must release the detained journalists."
    evs = events_of(text, nlp)
    ev = one(evs, "must release")
    assert (ev.type, ev.cameo) == ("REQUEST", "100")
    assert "Canadian" in ev.actor_text and ev.recipient_text == "Iran"
    assert not any(e.trigger == "release" for e in evs)  # the content is not an event
    ev = one(
        events_of("Brazil sent a letter to Bolivia that it should withdraw its troops.", nlp),
        "should",
    )
    assert (ev.type, ev.actor_text, ev.recipient_text) == ("REQUEST", "Brazil", "Bolivia")
    # a demand word already is the event: no second one
    evs = events_of("Brazil issued a reminder to Bolivia that it must withdraw its troops.", nlp)
    assert [e.type for e in evs] == ["REQUEST"]
    # an obligation of no actor, or of the speaker, is no demand
    assert not events_of("The minister said prices should fall next year.", nlp)
    evs = events_of("Chile said it must defend itself.", nlp)
    assert not any(e.type == "REQUEST" for e in evs)
    ev = one(events_of("Chile told Peru that it must withdraw its troops.", nlp), "must")
    assert (ev.actor_text, ev.recipient_text) == ("Chile", "Peru")
    assert not any(
        e.type == "REQUEST" for e in events_of("We must act now, the Canadian minister said.", nlp)
    )


def test_stative_participle_subject_is_the_actor(nlp):
    ev = one(events_of("Chile is committed to opening its markets.", nlp), "committed")
    assert (ev.type, ev.actor_text, ev.recipient_text) == ("AGREE", "Chile", None)


def test_coordinated_verb_shares_the_subject_not_the_agent(nlp):
    evs = events_of("The Peruvian minister was indicted by a Lima court and will resign.", nlp)
    assert "court" in one(evs, "indicted").actor_text
    ev = one(evs, "resign")
    assert ev.type == "RETREAT" and "Peruvian" in ev.actor_text


def test_eval_choice_does_not_follow_the_gold_word_order(nlp):
    from claimgraph.evaluate.events import _best

    text = "Brazil urged Chile to support Peru."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    ann = annotate(doc, nlp)
    rec = ArticleRecords(Article("t4", text, "text", "test"), doc)
    run(rec, ann)
    evs = rec.extra["events"]
    assert {e.trigger for e in evs} >= {"urged", "support"}
    # both triggers align; our ranking (the main clause first) chooses, in either gold order
    assert _best(evs, "urged support", ann).trigger == "urged"
    assert _best(evs, "support urged", ann).trigger == "urged"
    assert _best(evs, "supported", ann).trigger == "urged"  # nothing aligns: all compete
    assert _best(evs, "support", ann).trigger == "support"  # alignment restricts the pool


def test_accused_is_the_topic_of_a_complaint_not_its_audience(nlp):
    ev = one(
        events_of("Chile complained to the UN on Monday over Peruvian air raids.", nlp),
        "complained",
    )
    assert ev.type == "ACCUSE" and "Peruvian" in ev.recipient_text
    # a topic without an actor leaves the addressee as the accused
    ev = one(
        events_of("Chile protested to Peru over the detention of its fishermen.", nlp), "protested"
    )
    assert ev.recipient_text == "Peru"


def test_domestic_act_of_a_group_on_its_own_country(nlp):
    text = "Afghan rebels blew up power lines leading into Kabul last month."
    ev = one(events_with_actors(text, nlp), "blew up")
    assert ev.type == "COERCE" and ev.recipient_text == "Kabul"
    # the state itself acting on its own capital is not a target
    ev = one(events_with_actors("Afghanistan blew up power lines leading into Kabul.", nlp), "blew")
    assert ev.recipient_text is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The United States provided $2 billion in aid to Ukraine last year.", "provided"),
        ("Washington will send tanks and artillery shells to Kyiv.", "send"),
        ("Canada provided the army with winter uniforms.", "provided"),
        ("This is a vaccine that is being provided to the states for free.", "provided"),
        ("The vaccines sent to the states last week arrived on Monday.", "sent"),
        ("Congress should give the tribes the resources they need.", "give"),
        ("Beijing has not helped Moscow in the war.", "helped"),
    ],
)
def test_transfer_verbs_handing_over_aid_are_aid(nlp, text, trigger):
    assert one(events_of(text, nlp), trigger).type == "AID"


@pytest.mark.parametrize(
    "text",
    [
        "The minister gave a speech and provided an update on the talks.",
        "She will deliver remarks in the Rose Garden and send a message to Congress.",
        "The regulator gave the green light to the merger.",
        "The new law will help build better roads.",
        "Any provision of this order that is held invalid shall be severed.",
    ],
)
def test_transfer_verbs_handing_over_no_aid_are_no_event(nlp, text):
    assert [e.trigger for e in events_of(text, nlp) if e.type == "AID"] == []


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        ("Germany's assistance to Ukraine grew last year.", "assistance", "Germany", "Ukraine"),
        ("The supply of drones to the rebels continued.", "supply", None, "rebels"),
        ("The EU pledged new aid at the conference.", "aid", "EU", None),
        ("Jordan received military assistance from France.", "assistance", "France", "Jordan"),
        ("The fund released $3 million in emergency funding.", "funding", None, None),
        ("A $40 million aid package for the government was approved.", "aid", None, None),
        ("The first shipment of tanks arrived at the port.", "shipment", None, None),
    ],
)
def test_aid_nouns_naming_an_act_are_aid(nlp, text, trigger, actor, recipient):
    assert_event(events_of(text, nlp), trigger, "AID", actor, recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Companies are building resilient supply chains for chips.",
        "Millions of borrowers are behind on their student loans.",
        "Asylum claims take years to process at the border.",
        "The mayor said more funding is needed for schools.",
        "Aid workers left the area after the storm.",
        "Delivery delays hit the retailer in December.",
    ],
)
def test_aid_nouns_naming_a_stock_or_topic_are_no_event(nlp, text):
    assert [e.trigger for e in events_of(text, nlp) if e.type == "AID"] == []


def test_aid_noun_object_of_a_transfer_verb_is_one_event(nlp):
    evs = [e for e in events_of("Japan provided humanitarian assistance to Turkey.", nlp)]
    assert [e.trigger for e in evs if e.type == "AID"] == ["provided"]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Iran helped the rebels with missiles.", "rebels"),
        ("The agency will assist local authorities in training nurses.", "local authorities"),
    ],
)
def test_help_and_assist_an_actor_are_aid_to_it(nlp, text, recipient):
    ev = [e for e in events_of(text, nlp) if e.type == "AID"][0]
    assert ev.recipient_text == recipient


@pytest.mark.parametrize(
    "text",
    [
        "A rival firm stepped in to help.",
        "Help us on the way.",
        "The new rule is essential to helping people who are struggling.",
        "The agency will assist with the paperwork.",
    ],
)
def test_help_without_an_actor_helped_is_no_event(nlp, text):
    assert [e.trigger for e in events_of(text, nlp) if e.type == "AID"] == []


@pytest.mark.parametrize(
    ("text", "trigger", "recipient"),
    [
        ("The chancellor met the Polish president in Warsaw.", "met", "Polish president"),
        ("The two foreign ministers met on Monday.", "met", None),
        ("The premier spoke with the Turkish leader to discuss grain.", "discuss", "leader"),
        ("Rebels and the army talked in Geneva.", "talked", None),
        ("The king called the Spanish prime minister on Tuesday.", "called", "prime minister"),
        ("The envoy visited Khartoum last week.", "visited", "Khartoum"),
    ],
)
def test_meeting_and_talking_with_someone_is_consult(nlp, text, trigger, recipient):
    assert_event(events_of(text, nlp), trigger, "CONSULT", None, recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The new masks meet those requirements.",
        "Our two peoples will meet the challenges of this age.",
        "Families struggle to make ends meet.",
        "He talked about roads and bridges at length.",
        "Critics called it a mistake.",
        "You can read more by visiting the website.",
        "Is that the plan you were discussing before?",
    ],
)
def test_meet_talk_call_visit_without_anyone_met_is_no_consult(nlp, text):
    assert [e.trigger for e in events_of(text, nlp) if e.type == "CONSULT"] == []


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        ("Kyiv asked Berlin for more tanks.", "asked", "Kyiv", "Berlin"),
        ("The senator asked the agency to release the files.", "asked", "senator", "agency"),
        ("The demands of the protesters were rejected.", "demands", "protesters", None),
        ("The union's demand for higher wages was ignored.", "demand", "union", None),
        ("Iran made a demand for compensation.", "demand", "Iran", None),
        ("Egypt bought fighter jets from France.", "bought", "Egypt", "France"),
        ("The purchase of drones by Iran alarmed the region.", "purchase", "Iran", None),
        ("The minister issued a stern reminder to the rebels.", "reminder", None, "rebels"),
    ],
)
def test_requests_and_purchases_of_materiel(nlp, text, trigger, actor, recipient):
    assert_event(events_of(text, nlp), trigger, "REQUEST", actor, recipient)


@pytest.mark.parametrize(
    "text",
    [
        "The reporter asked why the talks had failed.",
        "The lawyer asked her several questions.",
        "We will buy local products and hire local workers.",
        "The company obtained a licence last year.",
        "As a reminder, the office closes at noon.",
        "Demand for oil fell in May as stocks rose.",
        "We are seeing strong demand for the new phones.",
    ],
)
def test_questions_purchases_and_reminders_that_are_no_request(nlp, text):
    assert [e.trigger for e in events_of(text, nlp) if e.type == "REQUEST"] == []


def test_purchase_of_materiel_names_its_items(nlp):
    ev = one(events_of("The purchase of fighter jets was approved in May.", nlp), "purchase")
    assert ev.items is not None and ev.cameo == "0232"


def test_recognition_is_of_an_actor_not_of_a_fact(nlp):
    ev = one(events_of("Bhutan recognized Kosovo in 2012.", nlp), "recognized")
    assert (ev.type, ev.cameo, ev.recipient_text) == ("SUPPORT", "054", "Kosovo")
    text = "The leaders recognized the important benefits of trade."
    assert [e.trigger for e in events_of(text, nlp) if e.type == "SUPPORT"] == []


@pytest.mark.parametrize(
    ("text", "trigger", "items"),
    [
        ("Allies will make donations of air defense systems and artillery.", "donations", True),
        ("Washington rushed $350 million in aid to Kyiv.", "aid", False),
        ("The firm sent large wire transfers to the company.", "transfers", False),
    ],
)
def test_aid_noun_anchored_on_its_verb_or_multiword_items(nlp, text, trigger, items):
    ev = one(events_of(text, nlp), trigger)
    assert ev.type == "AID" and (ev.items is not None) == items


def test_sum_in_aid_under_a_transfer_verb_is_one_event(nlp):
    evs = events_of("The United States provided $2 billion in aid to Ukraine.", nlp)
    assert [e.trigger for e in evs if e.type == "AID"] == ["provided"]


def test_every_structural_condition_of_the_trigger_lexicon_is_known():
    from claimgraph.events.extract import _CONDITIONS
    from claimgraph.events.lexicon import triggers

    used = {w for rows in triggers().values() for r in rows for w in r.with_ if w[0] == "@"}
    assert used and used <= set(_CONDITIONS)


def test_a_month_name_is_no_trigger_and_an_owned_shipment_is_the_theme(nlp):
    text = "Germany will deliver the ministry's third shipment of equipment to Kyiv by March."
    evs = events_of(text, nlp)
    assert [e.type for e in evs] == ["AID"]
    assert evs[0].recipient_text == "Kyiv" and evs[0].items == "equipment"


@pytest.mark.parametrize(
    "text",
    [
        "Caracas has not denied that it sold missiles to the rebels.",
        "Caracas declined to deny that it sold missiles to the rebels.",
    ],
)
def test_a_withheld_denial_denies_nothing(nlp, text):
    sold = one(events_of(text, nlp), "sold")
    assert sold.status != "denied"
    assert (sold.polarity, sold.certainty) == ("UNDERSPECIFIED", "POSSIBLE")


def test_declining_to_comment_is_no_rejection(nlp):
    evs = events_of("A spokesman for Caracas declined to comment on the report.", nlp)
    assert [e.type for e in evs if e.type == "REJECT"] == []
    evs = events_of("Caracas declined the offer from the rebels.", nlp)
    assert_event(evs, "declined", "REJECT", "Caracas", None)


def test_giver_named_on_the_item_of_a_nominal_aid_event(nlp):
    # "Iranian" modifies the items, not "deliveries"; the experts only confirm them
    evs = events_of(
        "UN experts confirm Iranian drone and missile deliveries to Russia's army.", nlp
    )
    ev = one(evs, "deliveries")
    assert ev.type == "AID" and ev.actor_text == "Iranian"
    assert ev.recipient_text is not None and "Russia" in ev.recipient_text
    assert ev.items is not None and "drones" in ev.items


def test_a_guess_with_must_have_is_no_demand(nlp):
    text = "The data is telling us that the explosion must have been symmetric."
    assert [e.type for e in events_of(text, nlp) if e.type == "REQUEST"] == []
    text = "Lukin told Iran that it must stop enrichment."
    assert_event(events_of(text, nlp), "must", "REQUEST", "Lukin", "Iran")


@pytest.mark.parametrize(
    "text, trigger, actor, recipient",
    [
        # object control: who is told to talk talks
        ("They told me to come back and talk to the family.", "talk", "me", "family"),
        # the dummy "it" of an extraposed infinitive gives nothing
        ("It is not possible to give them medicines for a month.", "give", None, "them"),
        # a bare participle coordinated with a passive is passive: no one named kills
        ("A supporter of the mayor was shot and killed.", "killed", None, "supporter"),
        # a passive subject is the recipient; the place is not
        ("The PKK is banned in Turkey.", "banned", None, "PKK"),
        # a containing verb lends no subject to its nominal object
        ("Their demands include an investigation of the police.", "investigation", None, None),
        # who survives an attack is its target; who suppresses protests does not protest
        ("The governor survived the attack.", "attack", None, "governor"),
        ("The authorities chose to suppress the protests.", "protests", None, None),
        # "it" stands for no plural noun
        ("Officials said it killed nine people.", "killed", "it", "people"),
        # a cause is not the actor of what it sparks
        ("The shooting sparked riots in the city.", "riots", None, None),
        # "he" stands for no act: the arrest assaulted no one
        ("The arrest came after an allegation he assaulted a woman.", "assaulted", "he", "woman"),
        # who hears a demand is its addressee; "of" names the claimant
        ("The president heard the demands of the women.", "demands", "women", None),
    ],
)
def test_participants_through_control_passives_and_containing_verbs(
    nlp, text, trigger, actor, recipient
):
    evs = [e for e in events_of(text, nlp) if e.trigger.startswith(trigger)]
    assert evs
    for ev in evs:  # every event of the trigger: no second one for a wrong participant
        assert ev.actor_text == actor
        if recipient is None:
            assert ev.recipient_text is None
        else:
            assert ev.recipient_text is not None and recipient in ev.recipient_text


def test_no_target_in_a_scope_phrase_or_a_clause_of_its_own(nlp):
    from claimgraph.events.lexicon import participant_code

    text = "The measures freeze assets under US jurisdiction."
    ev = one(events_with_actors(text, nlp), "freeze")
    assert participant_code(None, ev.recipient_text) is None
    text = "Theresa May is to step down today, with Johnson succeeding her as Prime Minister of Britain."
    ev = one(events_with_actors(text, nlp), "step down")
    assert ev.recipient_text is None
    # a clause that is the content of a demand still names its target
    text = "The rebels insisted on their demands that Burundi's government grant more rights."
    ev = one(events_with_actors(text, nlp), "demands")
    assert participant_code(None, ev.recipient_text) == "BDI"


def test_a_date_is_cut_from_a_participant_phrase(nlp):
    ev = one(events_of("There was an assault on an inmate on Friday.", nlp), "assault")
    assert ev.recipient_text == "inmate"


def test_a_person_named_on_a_common_noun_is_not_the_participant(nlp):
    text = "Donald Trump spoke in Ohio. In Portland, a Trump supporter was shot and killed."
    ev = one(events_with_actors(text, nlp), "killed")
    assert ev.recipient_id != "person:donald-trump"
    assert ev.recipient_text is not None and "supporter" in ev.recipient_text
    ev = one(events_with_actors("Donald Trump attacked the senator.", nlp), "attacked")
    assert ev.actor_id == "person:donald-trump"


def test_a_measure_is_no_party_and_keeps_its_misattached_target(nlp):
    text = "Belarus vowed to respond to new US sanctions against three of its companies."
    evs = events_of(text, nlp)
    assert_event(evs, "sanctions", "SANCTION", "US", "companies")
    assert "sanctions" not in (one(evs, "vowed").recipient_text or "")


def test_a_question_after_a_colon_names_no_actor(nlp):
    ev = one(events_of("Explainer: who arms the warring sides in Sudan?", nlp), "arms")
    assert ev.actor_text is None
    ev = one(events_of("The firm, which arms the rebels, denied it.", nlp), "arms")
    assert ev.actor_text == "firm"


def test_who_is_armed_is_the_recipient(nlp):
    assert_event(events_of("Iran armed the rebels.", nlp), "armed", "AID", "Iran", "rebels")


def test_a_participle_with_its_own_subject_is_a_verb(nlp):
    # the parser hangs "endorsed" on "relief" as a modifier, but it has a subject of its own
    text = (
        "Democrats pushed for extra funding to avoid voter disenfranchisement.  Trump endorsed"
        " blocking emergency relief as a means to prevent a proliferation of mail-in ballots."
    )
    evs = events_of(text, nlp)
    assert [e.type for e in evs if e.trigger == "endorsed"] == ["SUPPORT"]


def test_an_owned_thing_as_target_is_its_owner(nlp):
    evs = events_of("The protesters marched against Iran's nuclear programme.", nlp)
    assert one(evs, "marched").recipient_text == "Iran"
    evs = events_of("Germany sent tanks to Ukraine's army.", nlp)
    assert "army" in one(evs, "sent").recipient_text


def test_who_responds_with_an_act_does_it(nlp):
    evs = events_of("Iran retaliated with missile attacks on US bases.", nlp)
    assert_event(evs, "attacks", "ASSAULT", "Iran", "US")


def test_a_clause_hung_on_a_verb_without_and_has_its_own_subject(nlp):
    text = (
        "Chad recalled its ambassador after artillery shells fired from across the border"
        " struck a market in the town of Tine, killing three people."
    )
    evs = events_of(text, nlp)
    assert one(evs, "struck").actor_text != "Chad"
    assert one(evs, "recalled").actor_text == "Chad"
    evs = events_of("Chad recalled its envoy and expelled the diplomats.", nlp)
    assert one(evs, "expelled").actor_text == "Chad"


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("They called on Turkey to halt the drilling.", "called", "REQUEST"),
        ("The senator attacked the governor for his remarks.", "attacked", "ACCUSE"),
        ("Rebels attacked the base for hours.", "attacked", "ASSAULT"),
        ("The two sides failed to reach a deal.", "failed", "REJECT"),
        ("The union asked that the talks resume.", "asked", "REQUEST"),
        ("Troops seized the airport.", "seized", "COERCE"),
        ("The ministry condemned the shelling.", "condemned", "ACCUSE"),
    ],
)
def test_senses_of_call_on_attack_for_fail_ask_seize_condemn(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("The aircraft failed to stop on the runway.", "REJECT"),
        ("The city can seize the opportunity to lead.", "COERCE"),
        ("The law has condemned many women to poverty.", "ACCUSE"),
        ("The county was placed under a tropical storm warning.", "THREATEN"),
        ("Forecasters issued a flood warning for the coast.", "THREATEN"),
        ("When you ask me that I can't remember.", "REQUEST"),
    ],
)
def test_failing_chances_dooming_weather_and_questions_are_no_event(nlp, text, typ):
    assert [e.trigger for e in events_of(text, nlp) if e.type == typ] == []


def test_the_nearer_of_two_subjects_and_a_pseudo_cleft_name_the_actor(nlp):
    text = "One man sprayed the attacker with an extinguisher, others struck him with fists."
    assert one(events_of(text, nlp), "struck").actor_text == "others"
    text = "All we need to do is ask her to come back."
    assert one(events_of(text, nlp), "ask").actor_text == "we"


def test_who_undergoes_an_alleged_act_is_not_the_accused(nlp):
    ev = one(events_of("Her lawyers alleged Anna Petrova was poisoned.", nlp), "alleged")
    assert ev.type == "ACCUSE" and ev.recipient_text is None


def test_a_bare_participle_clause_is_undergone_by_the_main_subject(nlp):
    ev = one(events_of("If attacked, the rebels will retaliate.", nlp), "attacked")
    assert ev.actor_text is None and ev.recipient_text == "rebels"


def test_a_pronoun_in_a_quote_is_not_its_speaker(nlp):
    text = 'The prosecutor Anna Berg said: "I am surprised they are discussing this openly."'
    assert one(events_of(text, nlp), "discussing").actor_text == "they"


def test_he_stands_for_a_name_the_actors_stage_knows_as_a_person(nlp):
    from spacy.tokens import Span

    from claimgraph.events.extract import _can_stand_for

    doc = nlp.make_doc("Ferrandiz announced he would resign.")
    doc.ents = [Span(doc, 0, 1, label="ORG")]
    name, he = doc[0], doc[2]
    assert not _can_stand_for(name, he)
    assert _can_stand_for(name, he, person=True)
    they = nlp.make_doc("they")[0]
    assert not _can_stand_for(name, they, person=True)


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("Typhoon Marlo made landfall on Tuesday, killing at least 20.", "ASSAULT"),
        ("The guests leapt from the burning hotel.", "COERCE"),
        ("The president dismissed the defence minister.", "REJECT"),
        ("She had been dismissed from the cabinet because of her health.", "REJECT"),
        ("The senator held his first indoor rally in three months.", "PROTEST"),
        ("The files would not transfer.", "AID"),
        ('Tom Hale called Prime Minister Anna Berg\'s proposed trade deal "lousy".', "CONSULT"),
    ],
)
def test_named_storms_burning_things_firing_campaign_rallies_and_owned_things(nlp, text, typ):
    assert [e.trigger for e in events_of(text, nlp) if e.type == typ] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Russia dismissed the claims.", "dismissed", "REJECT"),
        ("She dismissed them as lies.", "dismissed", "REJECT"),
        ("Thousands joined a rally against the new law.", "rally", "PROTEST"),
        ("The drones were transferred to Russia.", "transferred", "AID"),
    ],
)
def test_rejected_claims_protest_rallies_and_transfers_stay_events(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Protesters called for the governor's resignation.", "called", "REQUEST"),
        ("The council and the government called for an inquiry.", "called", "REQUEST"),
        ("The two sides agreed that troops would withdraw by March.", "agreed", "AGREE"),
    ],
)
def test_a_call_for_is_a_request_before_any_call_and_agreeing_to_act_is_agreement(
    nlp, text, trigger, typ
):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("The candidates all agreed that vaccines have done more good than harm.", "AGREE"),
        ("The victims had been used to satisfy the accused's desires.", "ACCUSE"),
    ],
)
def test_agreeing_with_how_things_are_and_the_accused_as_owner_are_no_event(nlp, text, typ):
    assert [e.trigger for e in events_of(text, nlp) if e.type == typ] == []


@pytest.mark.parametrize(
    ("text", "trigger", "actor", "recipient"),
    [
        ("The bill was dropped after last week's protests.", "protests", None, None),
        ("Ana Ruiz resigned as the governor of the province.", "resigned", "Ana Ruiz", None),
        ("A federal judge dismissed a Trump lawsuit.", "dismissed", "judge", "Trump"),
    ],
)
def test_no_date_side_word_or_role_as_participant_and_an_owner_named_on_a_thing(
    nlp, text, trigger, actor, recipient
):
    ev = one(events_of(text, nlp), trigger)
    assert (ev.actor_text is None) == (actor is None)
    assert actor is None or actor in ev.actor_text
    assert ev.recipient_text == recipient


def test_a_side_word_names_no_participant(nlp):
    for text, trigger in [
        ("Thousands joined an anti-Brexit march in London.", "march"),
        ("A pro-Russian rally took place in Riga.", "rally"),
    ]:
        ev = one(events_of(text, nlp), trigger)
        words = f"{ev.actor_text} {ev.recipient_text}"
        assert "Brexit" not in words and "Russia" not in words


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("He said he would have died had he not been armed that night.", "AID"),
        ("The agency called the election for the governor.", "REQUEST"),
        ("Fox News called Arizona for Biden.", "CONSULT"),
        ("I wanted to transfer my federation to Spain.", "AID"),
        ("Carroll agreed with Anna Berg, saying that jobs matter more.", "AGREE"),
    ],
)
def test_armed_states_election_calls_and_agreeing_with_a_person_are_no_event(nlp, text, typ):
    assert [e.trigger for e in events_of(text, nlp) if e.type == typ] == []


def test_an_act_in_the_actors_own_phrase_is_not_internal_and_an_instrument_acts_for_no_one(
    nlp,
):
    ev = one(events_of("Companies supplying drones to Russia were sanctioned.", nlp), "supplying")
    assert ev.type == "AID" and ev.recipient_text == "Russia"
    ev = one(events_of("The premier signed a decree banning the niqab.", nlp), "banning")
    assert ev.actor_text is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("And the program still freezes.", "freezes"),
        ("She insisted she was never pressured by any official.", "insisted"),
        ("The treasurer is committed to the campaign.", "committed"),
        ("An array of classes were on offer.", "offer"),
    ],
)
def test_freezing_programs_insisting_on_facts_loyalty_and_things_on_offer_are_no_event(
    nlp, text, trigger
):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("The EU froze the assets of the oligarch.", "froze", "SANCTION"),
        ("Iran insisted that the US must lift sanctions.", "insisted", "REQUEST"),
        ("Germany committed to sending tanks.", "committed", "AGREE"),
    ],
)
def test_freezing_assets_demanding_acts_and_commitments_stay_events(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


def test_who_names_or_judges_an_event_does_not_do_it(nlp):
    text = "The senator called the investigation into the mayor a witch hunt."
    assert one(events_of(text, nlp), "investigation").actor_text is None


def test_a_gerund_misparsed_as_a_modifier_after_its_verb_stays_an_event(nlp):
    evs = events_of("Belarus has denied supplying weapons to Sudan.", nlp)
    assert [e.type for e in evs if e.trigger == "supplying"] == ["AID"]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("He is not seeking re-election.", "seeking"),
        ("The weather service also warned of potential flash floods.", "warned"),
        ("People approached the attacker armed with a fire extinguisher.", "armed"),
        ("I have read a lot of far-right talk about migrants.", "talk"),
    ],
)
def test_offices_hazards_improvised_arms_and_talk_about_a_topic_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        (
            "The military strike follows rocket attacks on the embassy.",
            "military strike",
            "ASSAULT",
        ),
        ("Dock workers went on strike.", "strike", "PROTEST"),
        ("Each side will attack them, saying they are wrong.", "attack", "ACCUSE"),
        ("The rebels were armed with missiles.", "armed", "AID"),
        ("Iran warned of retaliation.", "warned", "THREATEN"),
    ],
)
def test_military_and_labour_strikes_verbal_attacks_and_arms(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Iran and the US struck a deal on Monday.", "struck", "AGREE"),
        ("Iran and the US reached a deal on Monday.", "reached", "AGREE"),
        ("Critics attacked the senator on his record.", "attacked", "ACCUSE"),
        ("The rebels attacked the base on Monday.", "attacked", "ASSAULT"),
        ("Militants blew up a bridge.", "blew", "COERCE"),
        ("The army equipped the rebels with drones.", "equipped", "AID"),
    ],
)
def test_deals_struck_attacks_on_a_record_and_acts_on_things(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The directive seeks to strike a balance between interests.", "strike"),
        ("My phone started to blow up.", "blow"),
        ("I am not equipped to solve that.", "equipped"),
    ],
)
def test_struck_balances_exploding_phones_and_being_equipped_to_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


def test_according_to_is_no_accord_struck(nlp):
    text = "The plane struck a deicing facility at the airport, according to officials."
    assert [e.type for e in events_of(text, nlp) if e.trigger.startswith("struck")] != ["AGREE"]


def test_who_is_seen_killed_undergoes_it_and_a_claim_names_no_target(nlp):
    ev = one(events_of("The massacres saw thousands of villagers killed.", nlp), "killed")
    assert ev.actor_text is None
    text = "Erdogan called for regional cooperation, claiming a right to Turkey to have a say."
    assert one(events_of(text, nlp), "called").recipient_text is None


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("Israel carried out a strike on the depot.", "ASSAULT"),
        ("Teachers carried out a strike on Monday.", "PROTEST"),
        ("Workers staged a strike on the docks.", "PROTEST"),
    ],
)
def test_a_strike_aimed_through_its_verb_is_an_attack_unless_strikers_strike(nlp, text, typ):
    assert one(events_of(text, nlp), "strike").type == typ


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Iran hosted the 2017 Women's World Championship.", "hosted"),
        ("Qatar hosted the tournament in 2022.", "hosted"),
        ("We will organise some talks, lectures and screenings.", "talks"),
        ("We killed the part of the project they care about.", "killed"),
        ("These stars burn very quickly and die young.", "burn"),
    ],
)
def test_hosted_games_lecture_talks_killed_projects_and_burning_stars_are_no_event(
    nlp, text, trigger
):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Turkey hosted Putin in Ankara.", "hosted", "CONSULT"),
        ("Iran and the US held talks in Oman.", "held talks", "CONSULT"),
        ("Rebels killed three soldiers.", "killed", "ASSAULT"),
        ("Protesters burned tyres.", "burned", "COERCE"),
        ("Cars burned by the mob lined the street.", "burned", "COERCE"),
    ],
)
def test_hosted_leaders_talks_held_killings_and_burning_stay_events(nlp, text, trigger, typ):
    assert_event(events_of(text, nlp), trigger, typ, None, None)


def test_an_interrogative_who_names_no_actor_and_people_are_recipients(nlp):
    ev = one(events_of("Nobody knows who attacked the convoy.", nlp), "attacked")
    assert ev.actor_text is None
    ev = one(events_of("The rebels, who attacked the convoy, fled.", nlp), "attacked")
    assert ev.actor_text == "rebels"
    ev = one(events_of("A gunman shot a guard.", nlp), "shot")
    assert (ev.actor_text, ev.recipient_text) == ("gunman", "guard")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("This is our moment to fight for an America that works for all.", "fight"),
        ("Every person should be fighting against bigotry.", "fighting"),
        ("Does this ideology pose a significant threat to others?", "threat"),
        ("So to avoid complications, we have halted everything.", "halted"),
    ],
)
def test_fighting_for_causes_posed_threats_and_halting_everything_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("A Russian strike killed five civilians.", "strike", "ASSAULT"),
        ("Israel's strike hit a school.", "strike", "ASSAULT"),
        ("The strike ended on Monday.", "strike", "PROTEST"),
        ("Kurdish militias fought against ISIS.", "fought", "ASSAULT"),
        ("Iran threatened the United States.", "threatened", "THREATEN"),
    ],
)
def test_harmful_strikes_fights_against_parties_and_threats_made(nlp, text, trigger, typ):
    assert one(events_of(text, nlp), trigger).type == typ


def test_a_place_named_on_an_attack_is_not_its_actor_and_with_clauses_undergo(nlp):
    ev = one(events_of("A Kabul car bombing killed five people.", nlp), "bombing")
    assert ev.actor_text is None
    ev = one(events_of("The plane crashed, with 40 people killed.", nlp), "killed")
    assert (ev.actor_text, ev.recipient_text) == (None, "40 people")
    text = "These certifications have been a consistent request."
    assert one(events_of(text, nlp), "request").actor_text is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The coach conceded that his side needed to work on some things.", "conceded"),
        ("What do you do to relax after a match?", "relax"),
        ("Since 1933, the party has declined.", "declined"),
        ("The penguin population has declined 40%.", "declined"),
        ("The bid was challenged by the opposing party.", "opposing"),
        ("But they still talk to me every week.", "talk"),
    ],
)
def test_admissions_rest_decrease_opposing_sides_and_talk_to_me_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Trump conceded the election.", "conceded", "CONCEDE"),
        ("China relaxed its restrictions.", "relaxed", "CONCEDE"),
        ("They asked the judge to delay his ruling, but he declined.", "declined", "REJECT"),
        ("Iran declined the offer.", "declined", "REJECT"),
        ("Greece opposed the plan.", "opposed", "REJECT"),
        ("Putin talked with Macron.", "talked", "CONSULT"),
    ],
)
def test_concessions_refusals_opposition_and_talks_stay_events(nlp, text, trigger, typ):
    assert one(events_of(text, nlp), trigger).type == typ


def test_the_accused_are_people_and_a_street_owns_no_one(nlp):
    text = "Police arrested the accused in the neighborhood of Strickland Street."
    ev = one(events_of(text, nlp), "arrested")
    assert ev.recipient_text.startswith("accused") and ev.recipient_id is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("See the [pull request] list on GitHub.", "request"),
        ("It is the question the team asked that the team has been answering.", "asked"),
        ("The officers, although initially suspended from duty, are back to work.", "suspended"),
        ("An earthquake with a magnitude of 6.3 struck the coast.", "struck"),
    ],
)
def test_pull_requests_questions_asked_suspensions_from_duty_and_quakes_are_no_event(
    nlp, text, trigger
):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


def test_what_follows_an_event_does_not_do_it_and_suspended_parties_stay_sanctioned(nlp):
    text = "His announcement followed two weeks of protests in the capital."
    assert one(events_of(text, nlp), "protests").actor_text is None
    ev = one(events_of("Russia was suspended from the Council of Europe.", nlp), "suspended")
    assert (ev.type, ev.recipient_text) == ("SANCTION", "Russia")


def test_it_standing_for_a_hazard_harms_no_one(nlp):
    text = "A fire destroyed 200 homes in a slum. Officials said it killed nine people."
    assert [e.trigger for e in events_of(text, nlp)] == []
    text = "The group claimed the attack on Monday. It killed nine soldiers."
    assert one(events_of(text, nlp), "killed").type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ('The archbishop said, "People must know that bishops serve them."', "must know"),
        ("If anyone came and asked about me, she would answer.", "asked"),
        ("The helmet is their number one requested hero helmet.", "requested"),
    ],
)
def test_views_stated_questions_about_and_requested_things_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


def test_a_possessor_undergoes_an_arrest_and_kin_and_other_clauses_are_not_parties(nlp):
    ev = one(events_of("The federation addressed Basilashvili's arrest.", nlp), "arrest")
    assert ev.actor_text is None and ev.recipient_text.startswith("Basilashvili")
    text = "She protested alone on the first day, but thousands of Swedes joined her."
    assert one(events_of(text, nlp), "protested").recipient_text is None
    text = "The party would not say whom they would support to run against Chan-o-cha."
    assert "-" not in [e.recipient_text for e in events_of(text, nlp)]
    text = "The groups requested monarch butterflies be given protection."
    assert one(events_of(text, nlp), "requested").type == "REQUEST"


def test_kin_of_a_named_person_are_not_that_person():
    from claimgraph import pipeline

    text = (
        "Jon Varga was arrested in Ohio on Monday.\n\n"
        "His sister made public requests for help with his bail."
    )
    rec = pipeline.extract(text)
    ev = one(rec.extra["events"], "requests")
    assert ev.actor_text == "His sister" and ev.actor_id is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("He worried about the number of citizens purchasing guns.", "purchasing"),
        ("The airport and a nearby hotel were both evacuated.", "evacuated"),
    ],
)
def test_shop_sales_and_cleared_buildings_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("Egypt purchased 24 fighter jets from France.", "purchased", "REQUEST"),
        ("Civilians were evacuated from the city.", "evacuated", "AID"),
    ],
)
def test_arms_purchases_and_evacuations_of_people_stay_events(nlp, text, trigger, typ):
    assert one(events_of(text, nlp), trigger).type == typ


@pytest.mark.parametrize(
    ("text", "concedes"),
    [
        ("For the budget to pass, it must also be approved by the Senate.", False),
        ("New apartments are being approved with little green space.", False),
        ("The court approved his release.", True),
        ("The assembly approved a bill granting amnesty to the rebels.", True),
    ],
)
def test_approving_concedes_only_what_is_granted(nlp, text, concedes):
    found = [e.type for e in events_of(text, nlp) if e.trigger.startswith("approved")]
    assert found == (["CONCEDE"] if concedes else [])


@pytest.mark.parametrize(
    ("text", "supports"),
    [
        ("I maintain builds that are not part of the Red Hat supported architectures.", False),
        ("The platforms were built to support the Easter Island statues.", False),
        ("Minetest runs on older hardware and supports more platforms.", False),
        ("Russia supports the rebels.", True),
    ],
)
def test_supporting_devices_and_structures_backs_no_one(nlp, text, supports):
    found = [e.type for e in events_of(text, nlp) if e.trigger.startswith("support")]
    assert found == (["SUPPORT"] if supports else [])


def test_a_past_form_after_a_perfect_shares_its_subject_not_the_speakers():
    from claimgraph import pipeline

    text = "The police chief said the gunmen had killed four guards and wounded two others."
    ev = one(pipeline.extract(text).extra["events"], "wounded")
    assert ev.actor_text == "gunmen"


def test_a_fronted_ahead_of_phrase_names_no_recipient():
    from claimgraph import pipeline

    text = (
        "Ahead of a rally featuring President Emmanuel Macron in Lyon, the union vowed to "
        "continue the strike."
    )
    ev = one(pipeline.extract(text).extra["events"], "vowed")
    assert ev.actor_text == "union" and ev.recipient_id is None


def test_a_meeting_is_with_its_parties_not_its_place():
    from claimgraph import pipeline

    text = (
        "The foreign ministers of Chad and Niger had met for their annual summit, this time "
        "in Bamako at the Palace of Congress, to sign a treaty."
    )
    met = [e for e in pipeline.extract(text).extra["events"] if e.trigger == "met"]
    assert sorted(e.actor_id for e in met) == ["NER", "TCD"]
    assert all(e.recipient_id is None for e in met)


def test_a_group_noun_of_several_named_owners_is_each_owner():
    from claimgraph import pipeline

    text = "The envoys of Chad, Niger and Mali met in Bamako. Officials of Chad met the rebels."
    evs = pipeline.extract(text).extra["events"]
    assert sorted(e.actor_id for e in evs if e.start < 40) == ["MLI", "NER", "TCD"]
    assert [e.actor_id for e in evs if e.start > 40] == ["TCD"]


@pytest.mark.parametrize(
    ("text", "trigger", "event"),
    [
        ('"Let\'s keep fighting," the senator wrote.', "fighting", False),
        ("She told us how hard I had to fight to be heard.", "fight", False),
        (
            "Nothing is known about spin or charge, but it is likely that the charge is small.",
            "charge",
            False,
        ),
        ("We will fight them on the beaches.", "fight", True),
        ("Rebels fought in the streets of the capital.", "fought", True),
        ("Police charged the driver with manslaughter.", "charged", True),
    ],
)
def test_a_speakers_struggle_and_a_mistagged_noun_are_no_event(text, trigger, event):
    from claimgraph import pipeline

    evs = pipeline.extract(text).extra["events"]
    assert any(e.trigger.startswith(trigger) for e in evs) is event


@pytest.mark.parametrize(
    ("text", "killing"),
    [
        (
            "Aftershocks hampered repair efforts two days after the January 7 quake. That "
            "event destroyed at least 300 homes, killed one and injured eight people.",
            False,
        ),
        ("The disaster killed 300 people.", False),
        ("Gunmen stormed the hotel on Friday. The incident killed nine people.", True),
    ],
)
def test_an_event_noun_standing_for_a_hazard_harms_no_one(text, killing):
    from claimgraph import pipeline

    evs = pipeline.extract(text).extra["events"]
    assert any(e.trigger == "killed" for e in evs) is killing


@pytest.mark.parametrize(
    ("text", "harm"),
    [
        ("Ten people were injured when the coach skidded off the wet road.", False),
        ("Two riders were injured after the tram derailed near the depot.", False),
        ("Four workers were injured when the storm hit the port.", False),
        ("Two soldiers were wounded when the convoy came under fire.", True),
    ],
)
def test_harm_in_a_mishap_clause_is_no_assault(nlp, text, harm):
    evs = [e for e in events_of(text, nlp) if e.type == "ASSAULT"]
    assert bool(evs) is harm


def test_only_a_party_captures(nlp):
    assert not [e for e in events_of("Giant planets can capture small moons.", nlp)]
    ev = one(events_of("Militants captured three aid workers.", nlp), "captured")
    assert (ev.type, ev.actor_text) == ("ASSAULT", "Militants")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("She spent years fighting for Senator Ana Ruiz to be seated.", "fighting"),
        ("The union fought for workers to get paid leave.", "fought"),
        ("The senator backed away from her earlier support for the bill.", "backed"),
        ("His cautious views have clashed with the positions of party leaders.", "clashed"),
        (
            "Three crew were killed yesterday, when their helicopter crashed into the hills.",
            "killed",
        ),
        ("Five people were killed on Sunday, when a small plane crashed near the lake.", "killed"),
        ("Her lawyer said she intended to appeal the conviction.", "to appeal"),
        ("A bat attacked the speaker during the event.", "attacked"),
        ("Two witnesses saw the shark attack.", "attack"),
    ],
)
def test_causes_retreats_views_crashes_legal_appeals_and_animals_are_no_event(nlp, text, trigger):
    assert [e.trigger for e in events_of(text, nlp) if e.trigger.startswith(trigger)] == []


@pytest.mark.parametrize(
    ("text", "trigger", "typ"),
    [
        ("The party backed the governor.", "backed", "SUPPORT"),
        ("Protesters clashed with police.", "clashed", "ASSAULT"),
        ("The mayor appealed to residents to stay indoors.", "appealed", "REQUEST"),
        ("The village was attacked by militants.", "attacked", "ASSAULT"),
    ],
)
def test_backing_clashing_appealing_and_attacking_parties_stay_events(nlp, text, trigger, typ):
    assert one(events_of(text, nlp), trigger).type == typ


def test_killing_animals_is_no_assault(nlp):
    assert not [e for e in events_of("Hunters killed three wolves last winter.", nlp)]
    ev = one(events_of("Gunmen killed three villagers.", nlp), "killed")
    assert ev.type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        (
            "The militia had ordered attacks on two army bases. This strike was meant to deter "
            "more of them.",
            "ASSAULT",
        ),
        ("Nurses have been on strike for a week. The strike has closed two wards.", "PROTEST"),
        ("The union called a strike after troops were sent to the port.", "PROTEST"),
    ],
)
def test_a_bare_strike_among_attacks_is_military(nlp, text, typ):
    evs = [e for e in events_of(text, nlp) if e.trigger == "strike"]
    assert evs and {e.type for e in evs} == {typ}


def test_destroying_something_intangible_is_no_coercion(nlp):
    assert not [e for e in events_of("The scandal destroyed his career.", nlp)]
    ev = one(events_of("Soldiers destroyed forty homes in the village.", nlp), "destroyed")
    assert ev.type == "COERCE"


@pytest.mark.parametrize(
    ("text", "typ"),
    [
        ("The government will withdraw the extradition bill.", "CONCEDE"),
        ("The withdrawal of the lawsuit was announced on Friday.", "CONCEDE"),
        ("The country will withdraw its troops from the border.", "RETREAT"),
    ],
)
def test_withdrawing_a_measure_is_a_concession_withdrawing_troops_a_retreat(nlp, text, typ):
    assert one(events_of(text, nlp), "withdraw").type == typ


def test_she_does_not_stand_for_an_institution(nlp):
    text = "The ministry asked Judge Ana Soto to delay her ruling until May, but she declined."
    ev = one(events_of(text, nlp), "declined")
    assert ev.type == "REJECT" and ev.actor_text != "ministry"


def test_a_title_case_headline_yields_its_event(nlp):
    text = (
        "Harbour Board Accuses Ferry Union Of Blocking Repairs\n\n"
        "The Harbour Board said on Monday that the ferry union had blocked repairs."
    )
    ev = one(events_of(text, nlp, ("headline", "body")), "Accuses")
    assert (ev.type, ev.actor_text, ev.recipient_text) == ("ACCUSE", "Harbour Board", "ferry union")
