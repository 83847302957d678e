"""Tests of the actors stage: gazetteer, recognition, resolution, coreference, helpers."""

from __future__ import annotations

import pytest

import claimgraph.actors as actors
from claimgraph.actors import actor_at, actor_by_id, load_gazetteer
from claimgraph.actors.gazetteer import slug
from claimgraph.annotate import annotate, load_nlp
from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment, text_id


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run_text(nlp, text: str) -> ArticleRecords:
    """Run the actors stage on ``text`` given as one body segment per blank-line paragraph."""
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    rec = ArticleRecords(Article(text_id(text), text, "text", "test"), doc)
    actors.run(rec, annotate(doc, nlp))
    return rec


def mention(rec: ArticleRecords, text: str, nth: int = 0):
    found = [m for m in rec.extra["mentions"] if m.text == text]
    assert len(found) > nth, f"no mention {text!r} in {[m.text for m in rec.extra['mentions']]}"
    return found[nth]


# --- gazetteer -------------------------------------------------------------------------


def test_country_by_alpha3_and_alias():
    g = load_gazetteer()
    prk = actor_by_id("PRK")
    assert prk is not None and prk.name == "North Korea" and prk.type == "state"
    assert g.lookup("DPRK").actor_id == "PRK"
    assert g.lookup("Democratic People's Republic of Korea").actor_id == "PRK"
    assert g.lookup("Kazakhstan").actor_id == "KAZ"  # straight from pycountry
    # English short names pycountry lacks, and the UK's nations coded as the UK (CAMEO)
    assert [g.lookup(n).actor_id for n in ("Ivory Coast", "East Timor", "Scotland")] == [
        "CIV",
        "TLS",
        "GBR",
    ]


def test_metonyms_and_adjectives():
    g = load_gazetteer()
    kremlin = g.lookup("the Kremlin")
    assert kremlin.actor_id == "RUS" and kremlin.kind == "metonym" and kremlin.sector == "GOV"
    assert g.lookup("Pyongyang").actor_id == "PRK"
    assert g.lookup("North Korean").kind == "adjective"
    assert g.lookup("Pentagon").actor_id == "usa-dod"
    assert actor_by_id("usa-dod").sector == "MIL"


def test_short_caps_forms_are_case_sensitive():
    g = load_gazetteer()
    assert g.lookup("US").actor_id == "USA"
    assert g.lookup("us") is None


def test_orgs_have_types_and_sectors():
    w = actor_by_id("wagner-group")
    assert (w.type, w.country, w.sector) == ("pmc", "RUS", "PMC")
    assert actor_by_id("un-security-council").type == "igo"
    assert actor_by_id("reuters").sector == "MED"
    assert actor_by_id("no-such-actor") is None


def test_slug_keeps_other_scripts():
    assert slug("Wagner Group") == "wagner-group"
    assert slug("Евгений Пригожин") == "евгений-пригожин"


# --- recognition and resolution -------------------------------------------------------


def test_pipeline_has_actor_components(nlp):
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner") < names.index("actor_fixes")


def test_metonym_and_short_form_are_one_actor(nlp):
    rec = run_text(nlp, "Pyongyang denied it. The DPRK has never sold arms to the Kremlin.")
    assert mention(rec, "Pyongyang").actor_id == "PRK"
    dprk = mention(rec, "DPRK")
    assert dprk.actor_id == "PRK" and dprk.kind == "alias"
    kremlin = mention(rec, "Kremlin")
    assert kremlin.actor_id == "RUS" and kremlin.kind == "metonym" and kremlin.sector == "GOV"
    ids = {a.id for a in rec.extra["actors"]}
    assert {"PRK", "RUS"} <= ids


def test_spokesman_premodifier_then_surname(nlp):
    text = (
        "The Pentagon spokesman Mark Tolliver said the shipment had arrived. "
        "Tolliver added that more would follow. The spokesman declined to give numbers."
    )
    rec = run_text(nlp, text)
    full = mention(rec, "Mark Tolliver")
    assert full.role == "spokesman" and full.actor_id == "person:mark-tolliver"
    assert mention(rec, "Pentagon").actor_id == "usa-dod"
    sur = mention(rec, "Tolliver", 0)
    assert sur.actor_id == full.actor_id and sur.kind == "surname"
    nominal = mention(rec, "The spokesman")
    assert nominal.actor_id == full.actor_id and nominal.kind == "nominal"
    person = next(a for a in rec.extra["actors"] if a.id == full.actor_id)
    assert person.country == "USA" and person.sector == "MIL"


def test_apposition_gives_role_and_affiliation(nlp):
    text = "The owner of Wagner, Anton Belyakov, said the fighters were paid."
    rec = run_text(nlp, text)
    m = mention(rec, "Anton Belyakov")
    assert m.role == "owner"
    person = next(a for a in rec.extra["actors"] if a.id == m.actor_id)
    assert person.country == "RUS"


def test_adjective_with_group_noun_gives_sector(nlp):
    rec = run_text(nlp, "Russian soldiers crossed the river while North Korean officials watched.")
    ru = mention(rec, "Russian")
    assert ru.actor_id == "RUS" and ru.kind == "adjective" and ru.sector == "MIL"
    nk = mention(rec, "North Korean")
    assert nk.actor_id == "PRK" and nk.sector == "GOV"


def test_unknown_name_becomes_new_actor(nlp):
    rec = run_text(nlp, "Zorvath Dynamics Inc. said it would open a plant in Ohio next year.")
    m = mention(rec, "Zorvath Dynamics Inc.")
    assert m.actor_id == "zorvath-dynamics"
    actor = next(a for a in rec.extra["actors"] if a.id == "zorvath-dynamics")
    # canonical name without the legal suffix; the mention keeps the full text
    assert actor.name == "Zorvath Dynamics" and actor.type == "company"
    it = [x for x in rec.extra["mentions"] if x.kind == "pronoun" and x.text == "it"]
    assert it and it[0].actor_id == "zorvath-dynamics"


def test_other_scripts_do_not_crash(nlp):
    rec = run_text(nlp, "Евгений Пригожин и 김정은 встретились в Москве. Putin said nothing.")
    assert all(m.actor_id for m in rec.extra["mentions"])
    assert mention(rec, "Putin").actor_id == "person:vladimir-putin"


def test_page_furniture_is_not_an_actor(nlp):
    rec = run_text(nlp, "Next Post\n\nIran denied the report.")
    assert [m.text for m in rec.extra["mentions"]] == ["Iran"]
    # a genre label before a headline is no person
    rec = run_text(nlp, "Read also: Explainer: who arms the warring sides in Sudan?")
    assert "Explainer" not in [m.text for m in rec.extra["mentions"]]


def test_pronoun_only_when_unambiguous(nlp):
    rec = run_text(nlp, "Maria Lindqvist met Tomas Berg in Oslo. He said the talks went well.")
    assert not [m for m in rec.extra["mentions"] if m.text == "He"]
    rec = run_text(nlp, "Maria Lindqvist visited Oslo. She said the talks went well.")
    she = mention(rec, "She")
    assert she.actor_id == mention(rec, "Maria Lindqvist").actor_id


def test_actor_at_prefers_longest(nlp):
    rec = run_text(nlp, "The U.S. State Department confirmed the transfers.")
    start = rec.text.index("State")
    m = actor_at(rec, start, start + 5)
    assert m is not None and m.actor_id == "usa-state-department"
    assert actor_at(rec, rec.text.index("transfers"), len(rec.text)) is None


def test_missing_tables_and_empty_text(nlp):
    rec = run_text(nlp, "Nothing to see here.")
    assert rec.extra["mentions"] == [] and rec.extra["actors"] == []


# --- second round: markets, products, descriptors, governments, places -----------------


def entities(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_market_indices_are_actors_of_type_market(nlp):
    rec = run_text(nlp, "The FTSE 100 index fell 2% while the Nasdaq Composite rose slightly.")
    ftse = mention(rec, "FTSE 100 index")
    assert ftse.actor_id == "ftse-100"
    assert mention(rec, "Nasdaq Composite").actor_id == "nasdaq-composite"
    types = {a.id: a.type for a in rec.extra["actors"]}
    assert types["ftse-100"] == types["nasdaq-composite"] == "market"


def test_ambiguous_market_short_form_only_as_whole_entity():
    g = load_gazetteer()
    assert g.lookup("Dow Jones").actor_id == "dow-jones-industrial-average"
    assert not any(p["pattern"] == "Dow" for p in actors.recognise.ruler_patterns())


def test_maker_and_model_number_make_one_product(nlp):
    text = "Boeing said Qantas ordered twelve Boeing 787 Dreamliners and two Airbus A350 jets."
    ents = entities(nlp, text)
    assert ("Boeing 787 Dreamliners", "PRODUCT") in ents
    assert ("Airbus A350", "PRODUCT") in ents
    rec = run_text(nlp, text)
    boeing = [m for m in rec.extra["mentions"] if m.actor_id == "boeing"]
    assert [m.start for m in boeing] == [0]  # the maker inside the product is no mention
    assert not [m for m in rec.extra["mentions"] if m.actor_id == "airbus"]


def test_model_designations_and_camel_brands_are_products(nlp):
    ents = entities(nlp, "Officials compared the F-16 with the S-400 while holding an iPhone 14.")
    assert {("F-16", "PRODUCT"), ("S-400", "PRODUCT"), ("iPhone 14", "PRODUCT")} <= set(ents)
    ents = entities(nlp, "The firm shipped its new MacBook Pro laptops to schools.")
    assert ("MacBook Pro", "PRODUCT") in ents
    # a year after a company name is no model number
    assert all(lab != "PRODUCT" for _, lab in entities(nlp, "Acme Corp 2019 results were weak."))


def test_a_designation_or_a_model_before_a_weapon_noun_is_a_product(nlp):
    text = "The Ilyushin Il-76 freighters carried 40 Kestrel-M loitering drones to Kosti."
    rec = run_text(nlp, text)
    names = [m.text for m in rec.extra["mentions"]]
    assert not [n for n in names if "Ilyushin" in n or "Kestrel" in n], names
    ents = dict(
        entities(nlp, "Experts matched the airframe to the Kestrel-M, a loitering munition.")
    )
    assert [lab for t, lab in ents.items() if "Kestrel" in t] == ["PRODUCT"]
    # a hyphenated company name before its description stays an organisation
    text = "The sale went through Tekhsnab-Export, the state arms trading company."
    assert dict(entities(nlp, text)).get("Tekhsnab-Export") == "ORG"


def test_descriptor_noun_makes_an_organisation(nlp):
    ents = dict(entities(nlp, "German airline Condor signed a deal with Dutch carrier Transavia."))
    assert ents.get("Condor") == "ORG" and ents.get("Transavia") == "ORG"
    ents = dict(entities(nlp, "The group will cut jobs at its Belgian division, Veltora."))
    assert ents.get("Veltora") == "ORG"


def test_flight_number_is_not_part_of_the_airline(nlp):
    rec = run_text(nlp, "Searchers found debris from Air Tanzania Flight 412 on Monday.")
    assert mention(rec, "Air Tanzania").actor_id == "air-tanzania"
    assert not [m for m in rec.extra["mentions"] if "Flight" in m.text]


def test_government_of_a_country_is_the_state(nlp):
    rec = run_text(nlp, "The Canadian Government said the loans were final.")
    m = next(m for m in rec.extra["mentions"] if "Government" in m.text)
    assert m.actor_id == "CAN" and m.sector == "GOV"


def test_capital_after_locative_preposition_is_a_place(nlp):
    rec = run_text(nlp, "The talks were held in London. London said it would respond.")
    first, second = [m for m in rec.extra["mentions"] if m.text == "London"]
    assert first.actor_id == "london" and second.actor_id == "GBR"
    rec = run_text(nlp, "Pyongyang is secretly transferring ammunition to Moscow.")
    assert mention(rec, "Moscow").actor_id == "RUS"  # a recipient, not a place


def test_meantime_extent_keeps_titles_not_roles(nlp):
    from claimgraph.evaluate.actors import np_extent

    text = "Acme CEO Laura Pinto met President Omar Haddad and the Acme Group."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    ann = annotate(doc, nlp)

    def ext(name: str, typ: str) -> str:
        s = text.index(name)
        a, b = np_extent(ann, s, s + len(name), typ)
        return text[a:b]

    assert ext("Laura Pinto", "PER") == "Laura Pinto"
    assert ext("Omar Haddad", "PER") == "President Omar Haddad"
    assert ext("Acme Group", "ORG") == "the Acme Group"


def test_new_organisation_takes_the_country_its_name_starts_with(nlp):
    rec = run_text(nlp, "The Sudanese Armed Forces received the shipment on Monday.")
    found = {a.name: a.country for a in rec.extra["actors"]}
    assert found.get("Sudanese Armed Forces") == "SDN"
    rec = run_text(nlp, "The Valmora Shipping Company said the crates were empty.")
    assert all(a.country is None for a in rec.extra["actors"] if "Valmora" in a.name)


def test_a_name_in_a_script_the_model_cannot_read_is_no_actor(nlp):
    # the English model tags words of other scripts at random ("Путин" as an organisation)
    rec = run_text(nlp, 'The minister said "Путин прав" after the meeting with Lavrov.')
    names = [a.name for a in rec.extra["actors"]]
    assert names and all(any("a" <= ch.lower() <= "z" for ch in n) for n in names), names


def test_a_two_word_surname_and_a_role_word_taken_into_a_name(nlp):
    rec = run_text(
        nlp, "Rebel spokesman Idris Kamal Eldin spoke. Kamal Eldin said the cargo held shells."
    )
    assert mention(rec, "Kamal Eldin").actor_id == mention(rec, "Idris Kamal Eldin").actor_id
    rec = run_text(nlp, "The ministry denied it. Spokesperson Marian Whitcombe said on Thursday.")
    assert mention(rec, "Marian Whitcombe").actor_id == "person:marian-whitcombe"


def test_the_articles_publisher_named_in_its_text_is_an_outlet(nlp):
    text = "The jets landed four times, according to flight data reviewed by Mark Kestrel."
    doc = CleanDoc(text, (Segment("body", 0, len(text)),))
    art = Article(text_id(text), text, "text", "test", publisher="Mark Kestrel")
    rec = ArticleRecords(art, doc)
    actors.run(rec, annotate(doc, nlp))
    m = mention(rec, "Mark Kestrel")
    outlet = next(a for a in rec.extra["actors"] if a.id == m.actor_id)
    assert (outlet.type, outlet.sector) == ("media", "MED")
    # without the publisher, the same words are whatever NER says, never an outlet
    rec = run_text(nlp, text)
    assert all(a.type != "media" for a in rec.extra["actors"])
    # a masthead word makes a publication of a name NER takes for a person's
    rec = run_text(nlp, "The jets landed, according to flight data reviewed by Kestrel Monitor.")
    m = mention(rec, "Kestrel Monitor")
    assert next(a for a in rec.extra["actors"] if a.id == m.actor_id).type == "media"


def test_a_short_form_defined_in_brackets_is_found_again(nlp):
    rec = run_text(
        nlp,
        "The Rapid Support Forces (RSF) said it shot down a drone. The army used drones to"
        " strike RSF positions in Darfur.",
    )
    full = mention(rec, "Rapid Support Forces").actor_id
    assert full is not None
    later = [m for m in rec.extra["mentions"] if m.text == "RSF" and m.start > 60]
    assert len(later) == 1 and later[0].actor_id == full


def test_a_place_named_with_its_region_is_no_surname(nlp):
    text = (
        "Protesters toppled a statue of George Washington. "
        "During a riot in Washington, D.C. near the White House, rioters set fire to a church."
    )
    rec = run_text(nlp, text)
    place = mention(rec, "Washington", 0)
    assert place.actor_id != mention(rec, "George Washington").actor_id
