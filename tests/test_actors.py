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
    assert actor.name == "Zorvath Dynamics Inc." and actor.type == "company"
    it = [x for x in rec.extra["mentions"] if x.kind == "pronoun" and x.text == "it"]
    assert it and it[0].actor_id == "zorvath-dynamics"


def test_other_scripts_do_not_crash(nlp):
    rec = run_text(nlp, "Евгений Пригожин и 김정은 встретились в Москве. Putin said nothing.")
    assert all(m.actor_id for m in rec.extra["mentions"])
    assert mention(rec, "Putin").actor_id == "person:vladimir-putin"


def test_page_furniture_is_not_an_actor(nlp):
    rec = run_text(nlp, "Next Post\n\nIran denied the report.")
    assert [m.text for m in rec.extra["mentions"]] == ["Iran"]


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
