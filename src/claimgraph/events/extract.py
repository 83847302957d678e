"""Event extraction: typed PLOVER events with participants, military-aid details and factuality.

Hand-written on purpose: no maintained library codes PLOVER events with participants from a
spaCy parse (PETRARCH2 needs Stanford CoreNLP trees and stale dictionaries; NGEC/POLECAT
models are not public). The knowledge is data (``data/event_triggers.tsv``,
``data/plover_types.tsv``, ``data/materiel.tsv``, ``data/aid_resources.tsv``,
``data/aid_act_verbs.tsv``); the code only
reads dependency patterns:

- triggers: a token whose lemma and part of speech match a lexicon row; rows with a ``with``
  condition ("impose ... sanction", "raise ... issue", "hand ... over", "hold ... talks") need
  those lemmas among the trigger's dependents or governors and win over plain rows; the words
  they use are consumed (no second event for "sanctions" in "impose sanctions"); the
  light transfer verbs (give, provide, send, deliver, ship; the noun provision) are AID only
  when they hand over aid, goods or money (``data/aid_resources.tsv``), materiel or a sum,
  "help" and "assist" only when their object names an actor and "help" governs no clause:
  "gave a speech", "provided an update", "help build roads", "help us" are no events; the
  aid nouns (aid, assistance, funding, supply, loan, grant, transfer, delivery, shipment,
  donation, asylum) are events only when they name an act: a giver, a recipient, an item
  or a sum, or a verb of ``data/aid_act_verbs.tsv`` ("pledged aid", "aid arrived");
  "supply chains", "student loans", "funding is needed" are no events, and "provided
  assistance" is one event, the verb's; the verbs meet, talk, discuss, call and visit are
  CONSULT only with someone to meet or talk with (an actor or place as object, "with"/"to"
  an actor, a subject of several parties): "meet the needs", "talked about the plan",
  "called it a mistake" are no events; "ask" is a REQUEST only when it asks for something
  or an act ("asked for help", "asked them to leave"; not "asked why"), buying and
  acquiring only of materiel (CAMEO 0232), a reminder only with someone reminded, the noun
  "demand" only for a claim made ("their demands", "the union's demand"), not the market's;
- actor: the subject, or the ``by``-agent of a passive ("expected to be delivered by
  Pyongyang"), or the subject of the governing verb for infinitives and coordinated verbs (a
  verb coordinated with a passive shares its subject, not its agent), or the antecedent of a
  relative pronoun; the subject of a stative participle ("X is committed to"); for nominal
  events the possessor, a "by"/"from" phrase, a nationality/country modifier, or the subject
  of the verb the noun (or the phrase it sits in: "a mediation effort", "a state of siege",
  "on alert") depends on ("North Korea has completed an initial arms delivery");
- recipient, destination and end user: dative and direct objects that are actors, and
  prepositions by event type ("to", "against", "on", "with", "at", "from" for requests);
  "into X" is the destination, "for use by X" the end user (who is then also the recipient:
  "delivered ... into Russia for use by Wagner" -> recipient Wagner, destination Russia); the
  accused of a complaint is its topic's actor ("complained to the UN over Israeli raids"); a
  protest's target is the addressee of the demand it makes ("rallied to demand reforms from
  X"); else the first actor phrase of the event's own clause;
- demands stated as obligations: "X said (told Z) that Y must / should do W" is a REQUEST by X
  on Z or Y (CAMEO 10), and W is its content, not an event;
- coordination: participants joined by "and"/"or" (also "countries such as Iran and North
  Korea") give one event per actor x recipient pair, each with its own id, so that every
  edge of the who-supplies-whom graph is a row; coordinated actors without a recipient or
  object act together ("X and Y held talks": no target);
- codes: :func:`event_codes` gives the CAMEO-style country codes of both participants, with
  the co-participant's or the sentence's country for an actor nothing else places;
- items: materiel lexicon matches in the theme (direct object, "of"/"with" phrase, compounds
  such as "arms delivery"); quantity: a number or quantity phrase on the item;
- status of aid: denied, attempted, ordered, expected, planned, in_progress or delivered,
  from the factuality and the governing verbs;
- factuality from :func:`claimgraph.events.factuality.factuality` with the stance of the
  innermost attribution whose content holds the trigger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from claimgraph.attribution import lifted_conj, load_cues, refuses_to_speak, wants_anonymity
from claimgraph.events.factuality import denial_withheld, factuality
from claimgraph.events.lexicon import (
    Trigger,
    aid_act_verbs,
    aid_resources,
    code_of_text,
    materiel,
    participant_code,
    plover_types,
    triggers,
    word_classes,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

    from claimgraph.annotate import Annotation
    from claimgraph.records import ArticleRecords

TABLE = "events"

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
#: the word classes of ``data/event_word_classes.tsv``
_WORDS = word_classes()
#: common nouns that denote actors (heads of "Iraqi officials", "rebels in X")
ACTOR_NOUNS = _WORDS["actor_noun"]
GENERIC_GROUP_NOUNS = _WORDS["generic_group"]
#: participles that state the subject's own disposition, not something done to it
STATIVE_PASSIVES = _WORDS["stative_passive"]
PRONOUNS_RELATIVE = {"which", "who", "that", "whom"}
#: entity labels whose words are never triggers ("Press TV", "the March 1st Movement", "by
#: early March")
NOT_TRIGGER_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LAW", "WORK_OF_ART", "DATE", "TIME"}
#: pronouns that stand for an actor named elsewhere ("Russia helped them")
THIRD_PERSON = {"him", "her", "them"}
#: participles and adjectives that name people after "the": "the accused", "the wounded"
_PERSON_PARTICIPLES = _WORDS["person_participle"]
#: first and second person pronouns as objects: "talk to me", "met with us"
_FIRST_SECOND = {"me", "us", "you"}
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
QUANTITY_NOUNS = {
    "amount",
    "number",
    "quantity",
    "ton",
    "tonne",
    "batch",
    "shipment",
    "lot",
    "load",
    "consignment",
    "dozen",
    "hundred",
    "thousand",
    "million",
    "billion",
    "stockpile",
    "kg",
    "kilogram",
    "round",
    "unit",
    "piece",
    "worth",
}
HOSTILE = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}

#: prepositions introducing the recipient, by event type
RECIPIENT_PREPS: dict[str, tuple[str, ...]] = {
    "AID": ("to", "for"),
    "REQUEST": ("from", "to", "of"),
    "ACCUSE": ("against", "to", "on", "at"),
    "REJECT": ("to", "from", "by"),
    "AGREE": ("with", "to"),
    "CONSULT": ("with", "at", "to", "between"),
    "SUPPORT": ("with", "to", "for"),
    "COOPERATE": ("with", "to"),
    "CONCEDE": ("to", "on", "for", "in"),
    "RETREAT": ("from", "to", "in"),
    "THREATEN": ("against", "to", "on", "with"),
    "PROTEST": ("against", "in", "outside"),
    "SANCTION": ("against", "on", "upon", "with", "from", "in", "to", "of"),
    "MOBILIZE": ("in", "against", "along", "to", "near"),
    "COERCE": ("against", "on", "in", "from", "of", "to"),
    "ASSAULT": ("against", "on", "in", "at"),
}
DESTINATION_PREPS = ("into", "in", "to")
INTENT_LEMMAS = {
    "plan",
    "intend",
    "go",
    "prepare",
    "ready",
    "willing",
    "prepared",
    "decide",
    "aim",
    "want",
    "hope",
    "seek",
}
EXPECT_LEMMAS = {"expect", "anticipate", "likely", "due", "set", "predict"}
ATTEMPT_LEMMAS = {"try", "attempt", "seek", "struggle"}
ORDER_LEMMAS = {"order", "buy", "purchase", "contract", "procure"}
PRODUCE_LEMMAS = {"make", "produce", "manufacture", "build"}
#: nouns that name the thing a denial or rejection is about, not a new event
DENIED_NOUN_TYPES = {"ACCUSE"}
#: event types between cooperating sides: an actor cannot aid the organisation it belongs to
INTERNAL_TYPES = {"AID", "SUPPORT", "COOPERATE"}


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention: a typed PLOVER event with participants, details and factuality."""

    id: str
    start: int  # trigger
    end: int
    trigger: str
    sentence_start: int
    sentence_end: int
    segment: int  # index into CleanDoc.segments
    type: str  # PLOVER type
    mode: str | None
    context: str | None
    cameo: str
    actor_id: str | None
    actor_text: str | None
    recipient_id: str | None
    recipient_text: str | None
    destination_id: str | None
    end_user_id: str | None
    items: str | None  # "; "-joined item names
    item_category: str | None  # "; "-joined categories
    quantity: str | None
    status: str | None  # for AID / military: delivered, in_progress, ordered, expected, ...
    polarity: str  # POS / NEG / UNDERSPECIFIED
    certainty: str  # CERTAIN / PROBABLE / POSSIBLE / UNDERSPECIFIED
    time: str  # NON_FUTURE / FUTURE / UNDERSPECIFIED
    time_value: str | None  # TIMEX3 value of the timex governing the event
    attribution_id: str | None
    #: When the event happened, from :func:`claimgraph.timex.anchor_for`: the sentence's own
    #: timex, else the publication date and the tense ("before", "after", "day", "around").
    time_anchor: str | None = None
    time_precision: str | None = None


# ---------------------------------------------------------------- trigger matching


#: entity types of places
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
#: dependents a noun may have: a word tagged as a verb with no others is a noun mis-tagged
_NOMINAL_DEPS = frozenset(("det", "amod", "compound", "punct", "cc", "conj", "poss", "nummod"))


def _pos_class(tok: Token) -> str | None:
    if tok.pos_ in ("VERB", "AUX") and _mistagged_noun(tok):
        return "N"  # "nothing is known about spin or charge"
    if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ in ("VBN", "VBG")):
        return "V"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "N"
    if tok.pos_ == "ADJ":
        return "A"
    return None


def _mistagged_noun(tok: Token) -> bool:
    """A bare base-form "verb" coordinated after a noun is that noun's fellow ("about spin
    or charge"): a verb there would have a subject, an object or a complement of its own."""
    return (
        tok.dep_ == "conj"
        and tok.tag_ in ("VB", "VBP")
        and tok.head.pos_ in ("NOUN", "PROPN")
        and tok.head.i < tok.i
        and all(c.dep_ in _NOMINAL_DEPS for c in tok.children)
    )


def _neighbourhood(tok: Token) -> list[Token]:
    """Dependents to depth 2 and governors to height 2 (where ``with`` lemmas are looked for)."""
    out: list[Token] = []
    for c in tok.children:
        out.append(c)
        out.extend(c.children)
    h = tok
    for _ in range(2):
        if h.head.i == h.i:
            break
        h = h.head
        out.append(h)
    return out


def _match(tok: Token, consumed: set[int]) -> tuple[Trigger, list[Token]] | None:
    if tok.i in consumed or tok.ent_type_ in NOT_TRIGGER_ENTS:
        return None  # names and dates: "Press TV", "by early March"
    cls = _pos_class(tok)
    if cls is None:
        return None
    rows = triggers().get(tok.lemma_.lower()) or triggers().get(tok.lower_)
    if not rows:
        return None
    if cls == "N" and tok.dep_ == "compound" and tok.head.lemma_.lower() not in _MEASURE_BUNDLES:
        # a noun that modifies another names a kind, not an event: "attack drones", "the
        # sanctions committee", "protest leaders" ("a sanctions package" is the measure)
        return None
    if (
        cls == "V"
        and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos")
        and any(c.dep_ == "det" for c in tok.children)
    ):
        return None  # a participle used as a noun: "the accused", "the wounded"
    if (
        cls == "V"
        and tok.dep_ == "amod"
        and tok.tag_ in ("VBN", "VBG")
        and tok.i < tok.head.i
        and tok.head.pos_ == "NOUN"
        and tok.head.lemma_.lower() not in ACTOR_NOUNS
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)  # a verb misparsed
        and not (tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].pos_ in ("VERB", "AUX"))
    ):  # a participle naming a kind or a state: "pledged delegates", "charged particles", "the
        # burning hotel" (a party it was done to keeps the event: "detained journalists",
        # "sanctioned companies"; a gerund right after its verb is one misparsed: "denied
        # supplying weapons")
        return None
    near = _neighbourhood(tok)
    for row in rows:
        if row.pos != "*" and row.pos != cls:
            continue
        if row.pos == "*" and cls == "A":
            continue
        if not row.with_:
            return row, []
        used: list[Token] = []
        for w in row.with_:
            if w.startswith("@"):
                if not _CONDITIONS[w](tok, cls, near):
                    break
                continue
            hit = next(
                (
                    t
                    for t in near
                    if w in (t.lemma_.lower(), t.lower_)
                    and t.i not in consumed
                    and not (t.tag_ == "TO" and t.dep_ == "aux" and t.head.i == tok.i)
                ),
                None,
            )  # the trigger's own infinitive "to" ("intended to appeal") is no "appeal to"
            if hit is None:
                break
            used.append(hit)
        else:
            return row, used
    return None


def _object_is_materiel(tok: Token) -> bool:
    """The object (or a noun's "of" object) names materiel ("making uniforms", "the purchase
    of jets")."""
    objs = [t for t in tok.children if t.dep_ in ("dobj", "nsubjpass")]
    objs += [x for c in _preps(tok, ("of",)) for x in c.children if x.dep_ == "pobj"]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        objs.append(tok.head)  # "artillery shells fired from across the border"
    return any(_names_materiel(t) for t in objs)


#: structural conditions of trigger rows (``@name`` in the ``with`` column of
#: ``event_triggers.tsv``): (token, its part-of-speech class, its neighbourhood) -> holds
_CONDITIONS: dict[str, Callable[[Token, str, list[Token]], bool]] = {
    # the object is military or aid materiel ("making uniforms")
    "@materiel": lambda tok, cls, near: _object_is_materiel(tok),
    # hands over aid, goods or money, not "the green light"
    "@resource": lambda tok, cls, near: _hands_over_resource(tok),
    # "aid to Kyiv", "Iran's supply", not "supply chains" (verbs pass)
    "@act": lambda tok, cls, near: cls != "N" or _names_aid_act(tok),
    # "helped Kyiv", not "help us", "help people"
    "@actor_object": lambda tok, cls, near: any(
        c.dep_ == "dobj" and _names_party(c) for c in tok.children
    ),
    # "met Putin", not "meet the challenges", "call it"
    # a predicate of the object names it ("calling them fabrications"), it meets no one
    "@party_object": lambda tok, cls, near: (
        not any(c.dep_ == "dobj" and (not _names_party(c) or _owned_thing(c)) for c in tok.children)
        and not any(c.dep_ == "oprd" for c in tok.children)
    ),
    # "met Putin", "talked with Kyiv", not "talked about it"
    "@interlocutor": lambda tok, cls, near: _has_interlocutor(tok),
    # "the protesters' demands", not "demand outstripping supply"
    "@claim": lambda tok, cls, near: _names_claim(tok),
    # "asked for help", "asked them to leave", not "asked why"
    "@asks_for": lambda tok, cls, near: _asks_for(tok),
    # "help Ukraine", not "help (us) build a better America"
    "@no_clause": lambda tok, cls, near: (
        not any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    ),
    # "declined the request", not "declined to comment" (CAMEO 011, no PLOVER event)
    "@not_speech": lambda tok, cls, near: not refuses_to_speak(tok),
    # made for someone: "uniforms for Russian soldiers"
    "@for": lambda tok, cls, near: any(t.dep_ == "prep" and t.lower_ == "for" for t in near),
    # "shelled the town", "drones struck a market": an act on something
    "@object": lambda tok, cls, near: any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children),
    # "declined the offer", "declined to attend", "he declined" (a request); not "sales
    # declined 40%", "the party has declined"
    "@refuses_something": lambda tok, cls, near: _refuses_something(tok),
    # "suspended aid to Kyiv", "Russia was suspended from the council"; not "the officers
    # were suspended from duty"
    "@not_from_post": lambda tok, cls, near: (
        not any(x.lemma_.lower() in _POSTS for p in _preps(tok, ("from",)) for x in p.children)
    ),
    # "approved the request", "the release was approved", "approved a law recognising the
    # opposition's victories"; not "approved the budget", "the strike was approved by Trump"
    "@grants": lambda tok, cls, near: _grants(tok),
    # "Russia supports the rebels", not "Red Hat supported architectures", "platforms built
    # to support the statues" (a thing held up or run)
    "@not_thing_supported": lambda tok, cls, near: (
        not any(
            c.lemma_.lower() in _SUPPORTED_THINGS
            for c in (tok.head, *tok.children)
            if c.dep_ == "dobj" or (c is tok.head and tok.dep_ == "amod")
        )
    ),
    # "Egypt bought fighter jets", not "citizens purchasing guns" (a shop sale)
    "@not_consumer": lambda tok, cls, near: (
        (subj := _subject(tok)[0]) is None or subj.lemma_.lower() not in _CONSUMERS
    ),
    # "evacuated the wounded", "civilians were evacuated", not "the airport and hotel were
    # evacuated" (a building cleared)
    "@evacuates_people": lambda tok, cls, near: not _patient_in(tok, _BUILDINGS),
    # "the two sides opposed the plan", not "the opposing party"
    # (a verb with a subject the parser hung on a noun is still a verb: "X requested monarch
    # butterflies be protected")
    "@not_adjectival": lambda tok, cls, near: (
        not (
            tok.dep_ == "amod"
            and tok.i < tok.head.i
            and not any(c.dep_ == "nsubj" for c in tok.children)
        )
    ),
    # "talked with Iran", not "they still talk to me" (an interviewee's own acquaintances)
    "@not_talk_to_me": lambda tok, cls, near: (
        not any(x.lower_ in _FIRST_SECOND for p in _preps(tok, ("to", "with")) for x in p.children)
    ),
    # "fought for the rebels", not "fight for a better America", "fighting against bigotry"
    "@fights_party": lambda tok, cls, near: _fights_party(tok),
    # "a Russian strike killed five", "Israel's strike", not "the strike ended on Monday"
    "@harms": lambda tok, cls, near: _harms(tok),
    # "burned tyres", "houses were burned", "cars burned by the mob", not "stars burn quickly"
    "@acts_on": lambda tok, cls, near: (
        tok.dep_ in ("amod", "acl")
        or any(c.dep_ in ("dobj", "nsubjpass", "agent") for c in tok.children)
    ),
    # "killed three soldiers", not "killed the bill", "killed the part of the project",
    # "killed three wolves"
    "@kills_living": lambda tok, cls, near: not _patient_in(tok, _NOT_KILLED),
    # "released the hostages", "freed 20 prisoners", not "released a statement"; a passive
    # subject counts ("the prisoners were released")
    "@actor_patient": lambda tok, cls, near: any(
        c.dep_ in ("dobj", "nsubjpass") and _party_head(c) for c in tok.children
    ),
    # "offered to host talks", "offered $1 billion in aid", "offered a ceasefire", not "offered
    # no evidence", "offered condolences"
    "@offers_act": lambda tok, cls, near: _offers_act(tok),
    # "hosted Putin", "will host talks", "offered to host a round of talks", not "a website
    # which hosts user content"
    "@hosts_meeting": lambda tok, cls, near: _hosts_meeting(tok),
    # "talks failed", "failed to agree", "failed to reach a deal", not "democracy is failing",
    # "failed negotiations", "the plane failed to stop", "failed to obtain permission" (it was
    # refused)
    "@failed_act": lambda tok, cls, near: (
        any(
            c.dep_ == "xcomp"
            and c.lemma_ not in _NOT_FAILED_ACTS
            and (c.lemma_.lower() in _FAILED_ACTS or _match(c, set()) is not None)
            for c in tok.children
        )
        or any(c.dep_ == "nsubj" and _match(c, set()) is not None for c in tok.children)
    ),
    # "sought help", "sought a ceasefire", "sought asylum", not "sought to determine whether",
    # "sought a third term" (running for office)
    "@seeks_thing": lambda tok, cls, near: _seeks_thing(tok),
    # "agreed to talks", "agreed with Russia on a truce", not "I agree with that"
    "@not_opinion": lambda tok, cls, near: not _agrees_with_view(tok),
    # "Iran threatened to close the strait", "he was threatened", not "her life is threatened by
    # the pregnancy", "sanctions threaten the economy"
    "@threatener": lambda tok, cls, near: _threatener(tok),
    # "Iran's threats", "the threat of sanctions", not "the threat of the building collapsing"
    "@threat_act": lambda tok, cls, near: _threat_act(tok),
    # "aid requests", "extradition requests", not "pull requests", "feature requests"
    "@not_kind_compound": lambda tok, cls, near: (
        # "pull requests": a bare verb before the noun names a kind too
        not any(c.dep_ in ("compound", "amod") and c.tag_ == "VB" for c in tok.children)
        and not any(
            c.dep_ == "compound"
            and c.pos_ == "NOUN"
            and not _party_word(c)
            and _match(c, set()) is None
            and not _is_resource(c)
            and not _is_materiel(c)
            for c in tok.children
        )
    ),
    # "released from prison", not "released from the hospital"
    "@not_discharge": lambda tok, cls, near: (
        not any(
            x.dep_ == "pobj" and x.lemma_.lower() in _CARE_PLACES
            for p in _preps(tok, ("from",))
            for x in p.children
        )
    ),
    # "deployed troops", "deployed air defences", not "deploy CentOS Stream"
    "@deploys_force": lambda tok, cls, near: all(
        c.lemma_.lower() in ACTOR_NOUNS or _is_materiel(c) or _names_materiel(c)
        for c in tok.children
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON"  # "if they are deployed"
    ),
    # "defended the government", not "to defend itself"
    "@not_reflexive": lambda tok, cls, near: (
        not any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in tok.children)
    ),
    # "Russia opposed the plan", not "as opposed to"
    "@not_contrast": lambda tok, cls, near: (
        not (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as" and tok.lower_ == "opposed")
    ),
    # "thousands demonstrated", not "it demonstrates that", "demonstrated the method"
    "@intransitive": lambda tok, cls, near: (
        not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children)
    ),
    # "blocked the bridge", "roads were blocked", not "blocked from taking office"
    "@blocks_passage": lambda tok, cls, near: _patient_in(tok, _PASSAGES),
    # "rebels captured the town", not "video captured two factions pushing"
    "@not_recording": lambda tok, cls, near: (
        (subj := _subject(tok)[0]) is None or subj.lemma_.lower() not in _RECORDINGS
    ),
    # a common noun subject names a party: "troops captured the town", not "giant planets
    # capture small moons"
    "@party_subject": lambda tok, cls, near: (
        (subj := _subject(tok)[0]) is None or subj.pos_ != "NOUN" or _party_word(subj)
    ),
    # "committed to sending troops", "I commit that I will", not "commit suicide"
    "@commits_to": lambda tok, cls, near: any(
        c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "to" and _commits_to(c))
        for c in tok.children
    ),
    # "insisted that Iran must stop", "insisted on talks", not "insisting she was never
    # pressured" (a statement)
    "@asks_act": lambda tok, cls, near: all(
        any(a.dep_ == "aux" and a.lower_ in ("should", "must", "shall") for a in c.children)
        or (c.tag_ == "VB" and not any(a.dep_ == "aux" for a in c.children))
        for c in tok.children
        if c.dep_ == "ccomp"
    ),
    # "offered a deal", "a strike on the depot", not "classes were on offer", "workers went on
    # strike" (a state the noun names after "on")
    "@not_on_state": lambda tok, cls, near: not (tok.dep_ == "pobj" and tok.head.lower_ == "on"),
    # "the arrest of the suspect", not "he suffered a cardiac arrest"
    "@not_medical": lambda tok, cls, near: (
        not any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in _MEDICAL for c in tok.children
        )
    ),
    # "charged twelve people with fraud", not "charge money for a copy", "charged a fee"
    "@not_price": lambda tok, cls, near: (
        not any(
            c.dep_ == "dobj" and (c.ent_type_ == "MONEY" or c.lemma_.lower() in _PRICES)
            for c in tok.children
        )
    ),
    # "a distribution called CAOS Linux", "the group, called X,": a name, no call
    "@not_naming": lambda tok, cls, near: (
        not (
            tok.tag_ == "VBN"
            and (tok.dep_ in ("acl", "relcl") or _shares_passive(tok))
            or any(c.dep_ == "auxpass" for c in tok.children)
        )
    ),
    # "cancelled the restrictions", "cancelled the strike", not "cancelled the debate"
    # "withdrew the bill", "the withdrawal of the lawsuit": a measure given up, not troops
    "@withdraws_measure": lambda tok, cls, near: _withdraws_measure(tok),
    "@eases": lambda tok, cls, near: _patient_in(tok, _EASED),
    # "suspended flights to China", not "the league suspended its season"
    "@not_own_activity": lambda tok, cls, near: not _patient_in(tok, _OWN_ACTIVITIES),
    # "talks with Iran", not "in his talk at the think tank", "during this talk", nor the verb
    # the parser takes for a noun at the root ("the research paper talks about systems")
    "@not_lecture": lambda tok, cls, near: (
        not (
            tok.tag_ == "NN"
            and any(c.dep_ in ("det", "poss") and c.lower_ in _ONE_SPEAKER for c in tok.children)
            and not _preps(tok, ("with", "between", "among"))
        )
        and not (tok.dep_ == "ROOT" and _preps(tok, ("about",)))
        # "organise talks, lectures and screenings": talks to an audience
        and not any(x.lemma_.lower() in _LECTURES for x in tok.conjuncts)
        # "far-right talk about Muslims" (one talk about a topic; "talks about a truce" are
        # negotiations)
        and not (
            tok.tag_ == "NN"
            and _preps(tok, ("about",))
            and not _preps(tok, ("with", "between", "among"))
        )
    ),
    # "a rally against the law", not "a campaign rally", "Trump held his first rally" (a
    # person's rally is a campaign's)
    "@not_campaign": lambda tok, cls, near: (
        not any(
            c.dep_ in ("compound", "amod")
            and c.lemma_.lower() in ("campaign", "election", "electoral")
            for c in tok.children
        )
        and not any(
            c.dep_ == "poss" and (c.ent_type_ == "PERSON" or c.lower_ in ("his", "her"))
            for c in tok.children
        )
    ),
    # "dismissed the claims", not "dismissed the minister", "was dismissed from the cabinet"
    # (firing someone is no rejection)
    "@not_party_patient": lambda tok, cls, near: (
        bool(_preps(tok, ("as",)))  # "dismissed them as lies": what they say is rejected
        or not any(
            c.dep_ in ("dobj", "nsubjpass") and (_party_head(c) or _person_pronoun(c))
            for c in tok.children
        )
    ),
    # "Russia supports the rebels", "an operation supported by Russia", not "these findings
    # support the hypothesis", "platforms built to support the statues"
    "@party": lambda tok, cls, near: any(
        _party_word(t) for t in (_subject(tok)[0], *(c for c in tok.children if c.dep_ == "dobj"))
    ),
    # "dock workers will strike", "the union struck for higher pay"
    "@workers": lambda tok, cls, near: _by_strikers(tok),
    # "the army killed 12", not "the fire killed 12", "killed in a collision"
    "@not_hazard": lambda tok, cls, near: not _hazard_cause(tok),
    # "the leaders met", not "the move was met with fury"
    "@active": lambda tok, cls, near: not any(c.dep_ == "auxpass" for c in tok.children),
    # "a request for aid", not "a request for comment"
    "@not_comment": lambda tok, cls, near: (
        not any(
            x.dep_ == "pobj" and x.lemma_.lower() in _PRESS_REQUESTS
            for p in _preps(tok, ("for",))
            for x in p.children
        )
    ),
    # "backed the rebels", not "backed reports of a pipeline" (agreeing with a claim is an
    # attribution, not support of an actor)
    # "backed the plan", not "backed away from his support", "backed down", "backed out"
    "@not_backing_off": lambda tok, cls, near: (
        not any(
            c.dep_ in ("prt", "advmod")
            and c.lower_ in ("away", "off", "down", "out")
            and c.i > tok.i
            for c in tok.children
        )
    ),
    "@not_claim": lambda tok, cls, near: (
        not any(c.dep_ == "dobj" and c.lemma_.lower() in claim_nouns() for c in tok.children)
    ),
    # "called for a ceasefire", not "called the election for Biden"
    "@no_object": lambda tok, cls, near: not any(c.dep_ == "dobj" for c in tok.children),
    # "called the premier", not "called Nevada for Biden" (declaring a result)
    "@no_for": lambda tok, cls, near: not _preps(tok, ("for",)),
    # "armed the rebels", "were armed with missiles", "were armed by Iran", not "had he not
    # been armed" (a state)
    "@not_armed_state": lambda tok, cls, near: (
        not (
            (any(c.dep_ == "auxpass" for c in tok.children) or tok.dep_ in ("acl", "advcl", "amod"))
            and not any(c.dep_ == "agent" for c in tok.children)
            and not any(
                (x := _pobj(p)) is not None and _is_materiel(x) for p in _preps(tok, ("with",))
            )
        )
    ),
    # "attacked them, saying they lie" (words), not "attacked the town"
    "@says": lambda tok, cls, near: any(
        c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in ("say", "call", "claim", "accuse")
        for c in tok.children
    ),
    # "carried out a strike on the depot" (the target hung on the verb), not "teachers held a
    # strike on Monday"
    "@strike_target": lambda tok, cls, near: _strike_target(tok),
    "@amid_violence": lambda tok, cls, near: _amid_violence(tok),
    # "gunmen attacked", not "a bat attacked the candidate", "the shark attack"
    "@not_by_animal": lambda tok, cls, near: not _by_animal(tok, cls),
    # "destroyed 40 homes", not "could destroy the growth", "destroyed his career"
    "@tangible_object": lambda tok, cls, near: not _patient_in(tok, _INTANGIBLE),
    # "called on Turkey to halt", not "called on Tuesday" (the day of a phone call)
    "@calls_on": lambda tok, cls, near: any(
        (p := _pobj(c)) is not None and _names_party(p) and p.ent_type_ not in ("DATE", "TIME")
        for c in _preps(tok, ("on", "upon"))
    ),
    # "attacked Trump for his remarks", "attacked him on paying fewer taxes", "on his record"
    # (a reason: words), not "attacked the base for hours", "on Monday"
    "@for_reason": lambda tok, cls, near: any(
        (p := _pobj(c)) is not None
        and p.ent_type_ not in ("DATE", "TIME")
        and (
            c.lower_ == "for"
            or p.dep_ == "pcomp"
            or any(x.dep_ == "poss" and x.pos_ == "PRON" for x in p.children)
        )
        for c in _preps(tok, ("for", "on"))
    ),
    # "struck the depot", not "strike a balance", "struck a chord", "struck a deal"
    "@not_strike_idiom": lambda tok, cls, near: (
        not any(
            c.dep_ in ("dobj", "nsubjpass")
            and (c.lemma_.lower() in _STRIKE_IDIOMS or c.lemma_.lower() in _DEAL_NOUNS)
            for c in tok.children
        )
    ),
    # "struck a deal" (not "struck a facility, according to officials")
    "@deal_object": lambda tok, cls, near: _patient_in(tok, _DEAL_NOUNS),
    # "warned of sanctions", not "a tropical storm warning", "a flood warning"
    "@not_hazard_warning": lambda tok, cls, near: not _hazard_warning(tok),
    # "seized the town", not "seize the opportunity"
    "@not_chance": lambda tok, cls, near: not _patient_in(tok, _CHANCES),
    # "condemned the attack", not "condemned many women to poverty", "condemned to death"
    # (dooming or sentencing someone is no accusation)
    "@not_doom": lambda tok, cls, near: (
        not any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "to") for c in tok.children)
    ),
}

#: what one fails to do without anyone's refusal of an act: "failed to be on the ballot",
#: "failed to obtain permission"
_NOT_FAILED_ACTS = _WORDS["not_failed_act"]

#: acts whose failure is a rejection though they trigger no event: "failed to reach a deal"
_FAILED_ACTS = _WORDS["failed_act"]

#: verbs that name or judge an event someone else does: "called the inquiry a witch hunt"
_JUDGE_VERBS = _WORDS["judge_verb"]

#: what one strikes without force: "strike a balance", "struck a chord"
_STRIKE_IDIOMS = _WORDS["strike_idiom"]

#: agreements one strikes: "struck a deal"
_DEAL_NOUNS = _WORDS["deal_noun"]

#: what one seizes without force: "seize the opportunity"
_CHANCES = _WORDS["chance"]

#: reflexive pronouns: "to defend itself" supports no one else
_REFLEXIVES = _WORDS["reflexive"]

#: what a candidate seeks: "sought a third term" is no request
_OFFICES = _WORDS["office"]

#: places one leaves as a patient: "released from the hospital"
_CARE_PLACES = _WORDS["care_place"]

#: ways and places a protest blocks: "blocked the bridge"
_PASSAGES = _WORDS["passage"]

#: recordings that "capture" a scene: "video captured the fight"
_RECORDINGS = _WORDS["recording"]

#: what makes an "arrest" a medical condition: "a cardiac arrest"
_MEDICAL = _WORDS["medical"]

#: what is charged as a price: "charge money", "charged a fee"
_PRICES = _WORDS["price"]


def _party_head(t: Token) -> bool:
    """The noun ``t`` itself names a party: a name, a noun of ``ACTOR_NOUNS`` or a pronoun
    that stands for one ("released the hostages", "freed 20 Ukrainians"; not "released our
    Arabic page", whose party word is only a modifier)."""
    return (
        t.ent_type_ in ACTOR_LABELS
        or t.lemma_.lower() in ACTOR_NOUNS
        or t.lower_ in THIRD_PERSON
        or (t.tag_ == "CD" and _pobj_party(t))
    )


def _pobj_party(t: Token) -> bool:
    """A number counting a party: "20 of the prisoners"."""
    inner = next((x for p in _preps(t, ("of",)) for x in p.children if x.dep_ == "pobj"), None)
    return inner is not None and _party_head(inner)


def _party_word(t: Token | None) -> bool:
    """``t`` names an actor or stands for one (a person pronoun)."""
    return t is not None and (_names_actor_noun(t) or _names_party(t) or _person_pronoun(t))


def _threatener(v: Token) -> bool:
    """No act, hazard or thing threatens: "sanctions threaten the economy", "her life is
    threatened by the pregnancy" are no threats; a party or anyone unnamed may be."""
    subj, agent = _subject(v)
    if subj is None:
        return True  # "he was threatened"
    if agent and not _party_word(subj):
        return False  # "threatened by the pregnancy"
    return not (
        subj.pos_ == "NOUN"
        and not _party_word(subj)
        and (subj.lemma_.lower() in _HAZARDS or _match(subj, set()) is not None)
    )


def _threat_act(n: Token) -> bool:
    """A threat noun names someone's threat or a threat of an act: a party as possessor or
    modifier, "by"/"from"/"against"/"to" a party, or "of" an event ("the threat of
    sanctions"); a threat "of" anything else is a hazard ("the threat of the building
    collapsing", "the threat of flooding")."""
    if n.dep_ in ("dobj", "attr") and n.head.lemma_.lower() in _POSE_VERBS:
        return False  # "misogyny poses a threat to others": an assessment, not a threat made
    of = [x for c in _preps(n, ("of",)) for x in c.children if x.dep_ in ("pobj", "pcomp")]
    if not of:
        return True
    if any(c.dep_ in ("poss", "compound", "amod") and _party_word(c) for c in n.children):
        return True
    if any(_party_word(_pobj(c)) for c in _preps(n, ("by", "from", "against", "to"))):
        return True
    return any(_match(x, set()) is not None for x in of)


#: measures and protests whose cancelling yields (CAMEO 08): "cancelled the restrictions"
_EASED = _WORDS["eased"]

#: what a body stops of its own: "suspended its season", "halted production", "trading was
#: halted" (no measure against anyone)
_OWN_ACTIVITIES = _WORDS["own_activity"]

#: determiners of one speaker's talk: "his talk", "a talk", "this talk"
_ONE_SPEAKER = _WORDS["one_speaker"]
_LECTURES = _WORDS["lecture"]
_SPECTACLES = _WORDS["spectacle"]
_LIFELESS = _WORDS["lifeless"]
_ANIMALS = _WORDS["animal"]
_VIOLENCE = _WORDS["violence"]
_INTANGIBLE = _WORDS["intangible"]
_WITHDRAWN = _WORDS["withdrawn"]
#: what is not killed when "killed", what yields when withdrawn
_NOT_KILLED = _LIFELESS | _ANIMALS
_GIVEN_UP = _WITHDRAWN | _EASED
_INSTITUTIONS = _WORDS["institution"]
#: verbs of posing a threat or a danger: "poses a threat", "represents a threat"
_POSE_VERBS = _WORDS["pose_verb"]
#: what is granted when approved: "approved the request", "approved his release"
_GRANTED = _WORDS["granted"]
#: verbs of a measure that grants: "a law recognising the opposition's victories"
_GRANTING_VERBS = _WORDS["granting_verb"]
#: things one supports without backing anyone: "supported architectures", "support the roof"
_SUPPORTED_THINGS = _WORDS["supported_thing"]
#: buyers in a shop: "citizens purchasing guns" ask no state for arms
_CONSUMERS = _WORDS["consumer"]
#: buildings one clears: "the airport was evacuated" evacuates no one in particular
_BUILDINGS = _WORDS["building"]
#: verbs of knowing and thinking: "people must know that ..." demands no act
_COGNITION_VERBS = _WORDS["cognition_verb"]
#: event nouns whose possessor undergoes them without an "of" object ("Basilashvili's arrest")
_PATIENT_NOMINALS = _WORDS["patient_nominal"]
#: nouns of kin and close relations: "his sister" is not he
_KIN = _WORDS["kin"]
#: verbs of order in time: "his announcement followed two weeks of protests"
_SEQUENCE_VERBS = _WORDS["sequence_verb"]
#: posts one is suspended from: "suspended from duty" is discipline, not a sanction
_POSTS = _WORDS["post"]
#: verbs of harm whose subject, a strike, is an attack: "a Russian strike killed five"
_HARM_VERBS = _WORDS["harm_verb"]


def _place_modifier(c: Token) -> bool:
    """A place name before a noun that is no country ("a Kabul car bombing", "the Paris
    attacks"): where it happened, not who did it; a country ("a Russian strike", "the US
    strike") or a possessive ("Moscow's attack") names the party."""
    if c.dep_ != "compound" or c.ent_type_ != "GPE":
        return False
    from claimgraph.actors.gazetteer import load_gazetteer

    ent = next((e for e in c.doc.ents if e.start <= c.i < e.end), None)
    alias = load_gazetteer().lookup(ent.text if ent is not None else c.text)
    return alias is None or alias.kind == "metonym"


def _grants(v: Token) -> bool:
    """What is approved yields to someone: a request, a demand, a release or an exemption, or
    a measure that grants another party something ("a law recognising the opposition's
    victories"); a budget, a plan or an attack approved yields nothing."""
    for c in v.children:
        if c.dep_ not in ("dobj", "nsubjpass"):
            continue
        if c.lemma_.lower() in _GRANTED:
            return True
        if any(
            x.dep_ in ("acl", "relcl") and x.lemma_.lower() in _GRANTING_VERBS for x in c.children
        ):
            return True
    return v.dep_ in ("acl", "relcl") and v.head.lemma_.lower() in _GRANTED


def _refuses_something(v: Token) -> bool:
    """ "decline" refuses: it takes an object, a passive subject or a clause, or a person
    declines ("asked him to delay, but he declined"); a number, a share or a party that
    declines shrinks."""
    if any(c.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp") for c in v.children):
        return True
    if any(c.dep_ == "npadvmod" or c.like_num for c in v.children):
        return False  # "has declined 40%"
    subj, _ = _subject(v)
    return subj is not None and (
        subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she", "i", "we", "they")
    )


def _fights_party(v: Token) -> bool:
    """Whom one fights "for" or "against", if named, is a party: "fought for the rebels",
    "fighting against Russia"; not "fight for an America that works", "fighting against
    bigotry" (a cause, not a battle), nor an outcome sought ("fought for workers to get
    leave"); with no one named, the fighters are not the speaker or the person spoken to
    ("let's keep fighting")."""
    objs = [_pobj(c) for c in _preps(v, ("for", "against"))]
    objs = [o for o in objs if o is not None]
    if any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        for c in v.children
    ):
        return False  # "fought for workers to get paid leave": an outcome sought
    if not objs:
        # "let's keep fighting", "how hard I had to fight": a speaker's own struggle, with
        # no one fought
        subj = _subject(v)[0]
        return not (
            subj is not None
            and subj.lower_ in _SPEAKER_PRONOUNS
            and not _preps(v, ("with",))
            and not any(c.dep_ in ("dobj", "nsubjpass") for c in v.children)
        )
    return any(_party_head(o) and not _cause_named(o) and not _for_to(o) for o in objs)


def _for_to(o: Token) -> bool:
    """``o`` is the subject of an outcome sought: "fought for the day to be a holiday",
    "fighting for women to have the vote" (an infinitive right after its phrase)."""
    end = o.right_edge.i
    doc = o.doc
    return (
        end + 2 < len(doc) and doc[end + 1].lower_ == "to" and doc[end + 2].pos_ in ("VERB", "AUX")
    )


#: the speaker and the person spoken to ("let's": us)
_SPEAKER_PRONOUNS = frozenset(("i", "me", "we", "us", "'s", "you"))


def _cause_named(o: Token) -> bool:
    """A place named as a cause: "an America that works for all", "a free Hong Kong"."""
    return o.ent_type_ == "GPE" and any(
        c.dep_ == "relcl" or (c.dep_ == "det" and c.lower_ in ("a", "an")) for c in o.children
    )


def _harms(n: Token) -> bool:
    """A strike that kills, wounds or destroys ("a Russian strike killed five") or a
    country's strike ("Israel's strike") is an attack."""
    if n.dep_ in ("nsubj", "nsubjpass") and n.head.lemma_.lower() in _HARM_VERBS:
        return n.dep_ == "nsubj"
    return any(c.dep_ == "poss" and c.ent_type_ == "GPE" for c in n.children)


#: what one agrees with as with a view: "I agree with that", "agreed with the assessment"
_VIEW_PRONOUNS = _WORDS["view_pronoun"]


def _agrees_with_view(v: Token) -> bool:
    """Agrees "with" a view or a person's view, and on nothing else: no clause, object or
    "on"/"to" phrase of what is agreed ("agreed with Russia on a truce" is an agreement)."""
    views = [
        p
        for c in _preps(v, ("with",))
        if (p := _pobj(c)) is not None
        and (p.lower_ in _VIEW_PRONOUNS or p.lemma_.lower() in claim_nouns())
    ]
    other = any(
        c.dep_ in ("xcomp", "ccomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("on", "to"))
        for c in v.children
    )
    if views and not other:
        return True
    # "Carroll agreed with La Riva, saying ...": a person agreed with, on nothing
    if not other and any(
        (p := _pobj(c)) is not None and (p.ent_type_ == "PERSON" or _person_pronoun(p))
        for c in _preps(v, ("with",))
    ):
        return True
    # "all agreed that vaccines have done more good than harm": a clause of how things are,
    # not of what will be done ("agreed that troops would withdraw", "that he resign")
    clauses = [c for c in v.children if c.dep_ == "ccomp" and c.i > v.i]
    return (
        bool(clauses)
        and not any(
            c.dep_ in ("xcomp", "dobj") or (c.dep_ == "prep" and c.lower_ in ("on", "to", "with"))
            for c in v.children
        )
        and not any(
            a.dep_ == "aux" and a.lower_ in _COMMITTING_MODALS for c in clauses for a in c.children
        )
        and not any(c.tag_ == "VB" for c in clauses)
    )


#: modals of a clause that commits to an act: "agreed that troops would withdraw"
_COMMITTING_MODALS = ("would", "will", "shall", "should", "must", "'ll", "'d", "wo", "to")


#: what reporters ask for: "a request for comment" is no political request
_PRESS_REQUESTS = _WORDS["press_request"]

#: nouns a trigger noun modifies that still name the event ("a sanctions package", "a new
#: round of sanctions" is the plain noun): other heads name a kind of thing, body or person
#: ("attack drones", "the sanctions committee", "embargo monitors")
_MEASURE_BUNDLES = _WORDS["measure_bundle"]


#: verbs whose subject undergoes the nominal event it governs: "Trump drew criticism", "she
#: received threats", "the plan faced opposition", "the president heard their demands" (the
#: subject is the recipient)
_UNDERGO_VERBS = _WORDS["undergo_verb"]

#: workers who strike (a protest): "the union will strike"; any other "strike" is an attack
_STRIKERS = _WORDS["striker"]

#: causes of death and injury that are no one's act ("the fire injured a man", "killed in a
#: collision"): a killing they cause is no assault
_HAZARDS = _WORDS["hazard"]
_MISHAP_VERBS = _WORDS["mishap_verb"]
#: general nouns that stand for an event named before ("that event", "the incident")
_EVENT_ANAPHORS = frozenset(("event", "incident", "tragedy"))


def _nominal_cause(n: Token) -> tuple[Token | None, bool]:
    """The subject of the verb whose object a nominal event is ("a gas leak led to an
    explosion", "the fire caused a blast")."""
    h = n.head if n.dep_ in ("dobj", "pobj") else None
    if h is not None and h.dep_ == "prep":
        h = h.head
    return _subject(h) if h is not None and h.pos_ == "VERB" else (None, False)


def _by_strikers(v: Token) -> bool:
    """The subject of ``v`` names workers or a union (:data:`_STRIKERS`)."""
    subj = _subject(v)[0]
    return subj is not None and subj.lemma_.lower() in _STRIKERS


def _strike_target(n: Token) -> bool:
    """The verb whose object the strike noun is aims it at something ("carried out a strike on
    the depot") and its subject is no striker ("workers staged a strike on the docks" is a
    protest; a strike "against" a government or a reform is one too)."""
    gov = n.head if n.dep_ == "dobj" and n.head.pos_ == "VERB" else None
    if gov is None or _by_strikers(gov):
        return False
    return any(
        (p := _pobj(c)) is not None and p.ent_type_ not in ("DATE", "TIME")
        for c in _preps(gov, ("on",))
    )


def _patient_in(t: Token, words: frozenset[str]) -> bool:
    """The object or passive subject of ``t`` is one of ``words`` (lemmas)."""
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in words for c in t.children)


def _withdraws_measure(t: Token) -> bool:
    """What is withdrawn (object, passive subject, "of" phrase) is a measure
    (:data:`_WITHDRAWN`, :data:`_EASED`)."""
    of = [x for c in _preps(t, ("of",)) if (x := _pobj(c)) is not None]
    return _patient_in(t, _GIVEN_UP) or any(x.lemma_.lower() in _GIVEN_UP for x in of)


def _by_animal(t: Token, cls: str) -> bool:
    """The attacker is an animal (:data:`_ANIMALS`): the verb's subject (or a passive's agent),
    the noun's modifier, possessor or "by" phrase."""
    if cls == "N":
        who = [c for c in t.children if c.dep_ in ("compound", "poss", "nmod")]
        who += [x for p in _preps(t, ("by", "from")) if (x := _pobj(p)) is not None]
    else:
        subj = _subject(t)[0]  # the agent of a passive too ("attacked by a bat")
        who = [subj] if subj is not None else []
    return any(w.lemma_.lower() in _ANIMALS for w in who)


def _amid_violence(n: Token) -> bool:
    """A bare "strike" among words of armed violence in its paragraph ("Militants attacked
    two bases ... This strike was meant to deter them"): a military strike, unless a word of
    labour goes with it ("on strike", "a general strike", "the strike by teachers")."""
    if any(c.dep_ in ("compound", "amod") for c in n.children):
        return False  # "a general strike", "teachers' strike": the word rows decide
    if n.i > 0 and n.doc[n.i - 1].lower_ == "on":
        return False  # "went on strike"
    if _by_strikers(n.head) or any(
        (p := _pobj(c)) is not None and p.lemma_.lower() in _STRIKERS for c in _preps(n, ("by",))
    ):
        return False
    return any(t.lemma_.lower() in _VIOLENCE for t in n.doc)


def _seeks_thing(v: Token) -> bool:
    """What is sought is a thing or help, not an office ("sought asylum", "sought help"; not
    "sought a third term", "is not seeking re-election", which the tokenizer splits)."""
    objs = [c for c in v.children if c.dep_ == "dobj"]
    if objs:
        words = v.doc[objs[0].i : objs[-1].i + 1].text.lower().replace(" ", "")
        return not (words in _OFFICES or any(c.lemma_.lower() in _OFFICES for c in objs))
    return bool(_preps(v, ("for",)))


def _commits_to(prep: Token) -> bool:
    """A "to" phrase of committing names an act or a party given to: "committed to sending
    troops", "to the ceasefire", "committed $1 billion to Ukraine"; not "fully committed to the
    campaign" (loyalty)."""
    obj = next((x for x in prep.children if x.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return False
    if obj.dep_ == "pcomp" or obj.pos_ == "VERB":
        return True
    has_object = any(c.dep_ == "dobj" for c in prep.head.children)
    return _match(obj, set()) is not None or (has_object and _party_word(obj))


def _hazard_warning(v: Token) -> bool:
    """A warning of a hazard, no one's threat: "a flood warning", "a tropical storm warning"
    (the parser may hang "warning" on the hazard as a clause)."""
    mods = [c for c in v.children if c.dep_ in ("compound", "amod", "nmod")]
    if v.dep_ in ("acl", "compound") and v.head.i < v.i:
        mods.append(v.head)
    mods += [x for p in _preps(v, ("of", "about")) if (x := _pobj(p)) is not None]  # "of floods"
    return any(m.lemma_.lower() in _HAZARDS for m in mods)


def _hazard_cause(v: Token) -> bool:
    """The subject or agent of ``v``, or an "in" phrase, names a hazard (:data:`_HAZARDS`)."""
    subj, _ = _subject(v) if _pos_class(v) != "N" else _nominal_cause(v)
    causes = [subj] if subj is not None else []
    if subj is not None and subj.lower_ == "it":
        causes += _it_antecedent(subj)  # "A fire destroyed 200 homes. It killed nine people."
    if (
        subj is not None
        and subj.lemma_.lower() in _EVENT_ANAPHORS
        and any(d.dep_ == "det" and d.lower_ in ("that", "this", "the") for d in subj.children)
    ):
        # "... after the January 7 quake. That event destroyed 300 homes, killed one": the
        # nouns of the sentence before
        prev = subj.doc[subj.sent.start - 1].sent if subj.sent.start else None
        causes += [t for t in prev or () if t.pos_ == "NOUN"]
    if v.dep_ == "acl" and any(c.dep_ == "dobj" for c in v.children):
        causes.append(v.head)  # "A fire destroyed 200 homes" parsed as a noun with a clause
    causes += [x for p in _preps(v, ("in", "by")) for x in p.children if x.dep_ == "pobj"]
    causes += [x for a in v.children if a.dep_ == "agent" for x in a.children]
    # a named storm: "Typhoon Phanfone", "Hurricane Ida"
    causes += [x for c in causes for x in c.children if x.dep_ == "compound"]
    return any(c.lemma_.lower() in _HAZARDS for c in causes) or _mishap_clause(v)


def _mishap_clause(v: Token) -> bool:
    """A "when"/"after"/"as" clause of ``v`` tells of a mishap: "ten people were injured when
    the bus overturned", "... after the plane skidded off the runway" (its verb is one of
    :data:`_MISHAP_VERBS`, or its subject a hazard: "when the storm hit")."""
    clauses = list(v.children)
    # "killed yesterday, when a bomber crashed": the clause hung on the time word
    times = [t for t in v.children if t.dep_ == "npadvmod"]
    times += [x for t in v.children if t.dep_ == "prep" for x in t.children if x.dep_ == "pobj"]
    clauses += [r for t in times for r in t.children]
    for c in clauses:
        if c.dep_ not in ("advcl", "relcl") or not any(
            m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "after", "as", "while")
            for m in c.children
        ):
            continue
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if c.lemma_.lower() in _MISHAP_VERBS or any(x.lemma_.lower() in _HAZARDS for x in subj):
            return True
    return False


def _it_antecedent(it: Token) -> list[Token]:
    """The subject noun "it" most likely stands for: the nearest noun subject before it, in
    its sentence or the one before, that names no people ("Officials said it killed nine":
    not the officials)."""
    sent = it.sent
    start = it.doc[sent.start - 1].sent.start if sent.start else sent.start
    for t in reversed(it.doc[start : it.i]):
        if (
            t.dep_ in ("nsubj", "nsubjpass")
            and t.pos_ == "NOUN"
            and t.lemma_.lower() not in ACTOR_NOUNS
        ):
            return [t]
    return []


def _hosts_meeting(v: Token) -> bool:
    """A host of a meeting or a guest: the object names a party ("hosted Putin") or a meeting
    ("host talks", "host a new round of talks"), not content ("hosts user content")."""
    for c in v.children:
        if c.dep_ != "dobj":
            continue
        inner = [x for p in _preps(c, ("of",)) for x in p.children if x.dep_ == "pobj"]
        if c.lemma_.lower() in _SPECTACLES or c.ent_type_ in ("EVENT", "WORK_OF_ART"):
            continue  # "hosted the World Cup", "hosted the Women's World Championship"
        if _names_party(c) or any(_match(x, set()) is not None for x in (c, *inner)):
            return True
    return False


def _offers_act(v: Token) -> bool:
    """An offer of an act, aid or an event ("offered to mediate", "offered aid", "offered a
    ceasefire"), not of words ("offered no evidence", "offered condolences")."""
    if any(c.dep_ == "xcomp" and _has_to(c) for c in v.children) or _hands_over_resource(v):
        return True
    return any(
        c.dep_ == "dobj" and _match(c, set()) is not None for c in v.children if c.pos_ == "NOUN"
    )


def _hands_over_resource(tok: Token) -> bool:
    """A transfer trigger's theme is aid, goods or money (``aid_resources.tsv``), an item of
    materiel, or a sum: its object ("provided $2 billion in aid", "give Kyiv tanks"), its
    passive subject ("weapons were sent", also raised: "drones were expected to be
    delivered"), "with" ("provide Ukraine with shells") or, for a noun, "of" ("the provision
    of drones"); coordinated themes count."""
    themes = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    h = tok
    while passive and not themes and h.dep_ in ("xcomp", "conj") and h.head.i != h.i:
        h = h.head  # "drones were expected to be delivered": the raised subject
        themes = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
    themes += [x for c in _preps(tok, ("with", "of")) for x in c.children if x.dep_ == "pobj"]
    if tok.dep_ == "relcl":  # "a vaccine that is being provided": the noun, not "that"
        themes = [tok.head if t.tag_ in ("WDT", "WP") else t for t in themes]
    if tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and not themes:
        themes.append(tok.head)  # a reduced relative: "subsidies provided by the agencies"
    themes += [x for t in themes for x in t.conjuncts]
    for t in themes:
        # "$2 billion in aid", "a package of assistance": also the noun after in/of
        inner = [x for c in _preps(t, ("in", "of")) for x in c.children if x.dep_ == "pobj"]
        if t.ent_type_ == "MONEY" or any(_is_resource(x) for x in (t, *inner)):
            return True
    return False


def _names_aid_act(tok: Token) -> bool:
    """A bare aid noun ("aid", "funding", "supply", "loan", "asylum") is an act of aid when it
    has a giver (a named possessor or modifier, "by"/"from" an actor: "U.S. assistance",
    "Iran's supply"), a recipient ("to"/"for" an actor), an item ("supply of shells", "arms
    supplies", "donations of air defense systems") or a sum ("$2 billion in funding"), or is
    the object or subject of a verb of ``aid_act_verbs.tsv`` ("approved funding", "aid
    arrived"). The noun of a compound is judged with the phrase it modifies ("an aid package
    to Ukraine"); a conjunct with the first conjunct; the prepositions and the sum may also
    sit on the verb whose object it is ("sent wire transfers to X", "rushed $350 million in
    aid to Kyiv"). A noun that modifies anything but a resource or a measure ("supply
    chains", "aid workers") is no act. Else it names a stock, a programme or a topic:
    "student loans", "asylum claims", "funding is needed". Its object noun does not repeat a
    transfer verb's event ("provided assistance": "provided" is the event)."""
    head = _aid_phrase(tok)
    if head is not _first_noun_conjunct(tok) and not (
        _is_resource(head) or head.lemma_.lower() in QUANTITY_NOUNS
    ):
        return False  # "supply chains", "aid workers", "delivery delays"; not "aid package"
    verb = None
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
        verb = head.head  # "sent wire transfers to X"
    elif head.dep_ == "pobj" and head.head.lower_ == "in" and head.head.head.pos_ == "VERB":
        verb = head.head.head  # "rushed $350 million in aid to Kyiv"
    if verb is not None and _is_aid_trigger(verb):
        return False  # "provided assistance to X": one event, the verb's
    for n in (tok, head) if verb is None else (tok, head, verb):
        for c in n.children:
            modifier = n is not verb and c.dep_ in ("poss", "compound", "amod", "nmod")
            if modifier and (
                c.ent_type_ in ACTOR_LABELS or (c.dep_ == "compound" and _is_materiel(c))
            ):
                return True  # a giver, "arms supplies"
            if c.ent_type_ == "MONEY" and c.dep_ in ("nummod", "compound", "quantmod", "amod"):
                return True  # "a $40 billion aid package"
            if n is verb and c.dep_ == "dobj" and c.ent_type_ == "MONEY":
                return True  # "rushed $350 million in aid"
            p = _pobj(c) if c.dep_ in ("prep", "dative") else None
            if p is None:
                continue
            if c.lower_ in ("to", "for", "by", "from") and _names_actor_noun(p, people=True):
                return True  # recipient or giver ("aid to the people of X")
            if n is not verb and c.lower_ == "of" and _names_resource(p):
                return True  # "the supply of drones"
    if head.dep_ == "pobj" and head.head.lower_ in ("in", "of"):
        over = head.head.head
        if over.ent_type_ == "MONEY" or over.lemma_.lower() in QUANTITY_NOUNS:
            # "$2 billion in funding", "a shipment of aid"; under a transfer verb ("provided
            # $2 billion in aid") the verb is the event
            return not (over.dep_ in ("dobj", "nsubjpass") and _is_aid_trigger(over.head))
    return _aid_act_verb(tok) is not None


def _is_aid_trigger(tok: Token) -> bool:
    m = _match(tok, set())
    return m is not None and m[0].type == "AID"


def _names_resource(p: Token) -> bool:
    """The phrase headed by ``p`` names aid, goods, money or materiel (also a coordinated or
    multiword item: "air defense systems, artillery")."""
    return (
        p.ent_type_ == "MONEY"
        or any(_is_resource(x) for x in (p, *p.conjuncts))
        or _names_materiel(p)
    )


def _names_materiel(t: Token) -> bool:
    """The noun phrase headed by ``t`` or one of its conjuncts names an item of the materiel
    lexicon, also with a multiword name ("air defense systems", "artillery and munitions");
    what follows the noun ("a coalition of ... tanks") does not count."""
    lex = materiel()
    for n in (t, *t.conjuncts):
        toks = t.doc[n.left_edge.i : n.i + 1]
        lems = [x.lemma_.lower() for x in toks]
        if any(pair in lex for pair in zip(lems, lems[1:], strict=False)):
            return True
        if any((x.lemma_.lower(),) in lex for x in toks if x.pos_ in ("NOUN", "PROPN")):
            return True  # "drones", "a weapon system"
    return False


def _aid_phrase(tok: Token) -> Token:
    """The head of the phrase an aid noun stands in: its first conjunct, or the noun that
    conjunct modifies ("aid" in "an aid package" -> "package")."""
    head = _first_noun_conjunct(tok)
    if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    return head


def _first_noun_conjunct(tok: Token) -> Token:
    """The first of the coordinated nouns ``tok`` belongs to ("food and medical supplies");
    a noun the parser hung on a verb as its conjunct stays itself."""
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _aid_act_verb(tok: Token) -> tuple[Token, str] | None:
    """The verb of ``aid_act_verbs.tsv`` that governs the aid noun ``tok`` (or the phrase it
    modifies) in its role, with the role: ("pledged", "giver") for "the EU pledged aid"."""
    head = _aid_phrase(tok)
    gov = head.head
    role = aid_act_verbs().get(gov.lemma_.lower()) if gov.pos_ == "VERB" else None
    if role in ("giver", "recipient") and head.dep_ in ("dobj", "nsubjpass"):
        return gov, role
    if role == "theme" and head.dep_ == "nsubj":
        return gov, role
    return None


def _preps(tok: Token, words: tuple[str, ...]) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "prep" and c.lower_ in words]


def _is_resource(tok: Token) -> bool:
    """Aid, goods or money (``aid_resources.tsv``) or an item of materiel."""
    return tok.lemma_.lower() in aid_resources() or _is_materiel(tok)


def _is_materiel(tok: Token) -> bool:
    """The noun (or its compound pre-modifier) names an item of the materiel lexicon."""
    lex = materiel()
    lem = tok.lemma_.lower()
    if (lem,) in lex:
        return True
    return any(
        c.dep_ in ("compound", "amod") and (c.lemma_.lower(), lem) in lex for c in tok.children
    )


def find_triggers(sent: Span) -> list[tuple[Token, Trigger, list[Token]]]:
    """Trigger tokens of a sentence with their lexicon row and the extra words they use."""
    found: list[tuple[Token, Trigger, list[Token]]] = []
    consumed: set[int] = set()
    # pass 1: multiword rows, pass 2: plain rows
    for multi in (True, False):
        for tok in sent:
            if any(tok.i == f[0].i for f in found):
                continue
            m = _match(tok, consumed)
            if m is None or bool(m[0].with_) != multi:
                continue
            found.append((tok, m[0], m[1]))
            consumed.update(t.i for t in m[1])
    # drop plain triggers consumed by a later multiword match
    found = [f for f in found if f[0].i not in consumed or f[1].with_]
    return sorted(found, key=lambda f: f[0].i)


# ---------------------------------------------------------------- participants


#: pronouns that stand for no actor
_NOT_PERSON_PRONOUNS = PRONOUNS_RELATIVE | {
    "it",
    "this",
    "what",
    "anything",
    "something",
    "everything",
    "nothing",
}


def _person_pronoun(tok: Token) -> bool:
    """A pronoun that can stand for an actor ("they", "we", "I"; not "it", "this", "which",
    "anything")."""
    return tok.pos_ == "PRON" and tok.lower_ not in _NOT_PERSON_PRONOUNS


def _side_modifier(t: Token) -> bool:
    """``t`` is the name in a side word: "anti-Brexit", "pro-Russian" (a stance, no actor)."""
    doc = t.doc

    def side_at(i: int) -> bool:  # "anti" "-" at i, i + 1
        return (
            i >= 0
            and i + 1 < len(doc)
            and doc[i].lower_ in ("anti", "pro")
            and (doc[i + 1].text == "-")
        )

    return t.lower_.startswith(("anti-", "pro-")) or any(side_at(t.i - k) for k in (0, 1, 2))


def _is_actorish(tok: Token, ctx: _Ctx) -> bool:
    if _person_pronoun(tok):
        return True
    if tok.lower_ in _PERSON_PARTICIPLES and any(c.lower_ == "the" for c in tok.children):
        return True  # "arrested the accused", "evacuated the wounded"
    if tok.ent_type_ in ACTOR_LABELS:
        return True
    if tok.lemma_.lower() in ACTOR_NOUNS:
        return True
    if tok.pos_ == "NOUN" and _match(tok, set()) is not None:
        return False  # an act, not a party: "respond to new US sanctions"
    s, e = tok.left_edge.i, tok.i + 1
    if ctx.mention_in(ctx.off + tok.doc[s].idx, ctx.off + tok.idx + len(tok)):
        return True
    return any(t.ent_type_ in ACTOR_LABELS for t in tok.doc[s:e])


def _owned_thing(tok: Token) -> bool:
    """A common noun owned by someone, not a party itself: "May's proposed deal" (not
    "Russia's Wagner mercenaries")."""
    return (
        tok.pos_ == "NOUN"
        and not tok.ent_type_
        and tok.lemma_.lower() not in ACTOR_NOUNS
        and any(c.dep_ == "poss" for c in tok.children)
    )


def _names_actor(tok: Token) -> bool:
    """The phrase left of and including ``tok`` holds a named actor ("Russia's Wagner
    mercenaries", "Kremlin")."""
    return any(t.ent_type_ in ACTOR_LABELS for t in tok.doc[tok.left_edge.i : tok.i + 1])


def _names_claim(n: Token) -> bool:
    """A noun of demand names a claim made, not the market's demand: it is plural or
    indefinite ("their demands", "a demand"), has a claimant (a possessor, "of"/"by"/"from"
    an actor, a named modifier: "the union's demand", "Iranian demands") or states what is
    demanded in a clause ("the demand that troops leave", "a demand to resign")."""
    if n.tag_ in ("NNS", "NNPS"):
        return True
    for c in n.children:
        if c.dep_ == "det" and c.lower_ in ("a", "an"):
            return True
        if c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ACTOR_LABELS):
            return True
        if c.dep_ in ("acl", "ccomp", "relcl") and (_has_to(c) or _has_that(c)):
            return True
        if c.dep_ == "prep" and c.lower_ in ("of", "by", "from"):
            p = _pobj(c)
            if p is not None and _names_actor_noun(p):
                return True
    return False


def _asks_for(v: Token) -> bool:
    """A verb of asking is a request when it asks for something ("asked for help") or for an
    act ("asked Congress to act", "asked that the talks resume"), not a question ("asked her
    questions", "asked why they left", "I was going to ask you")."""
    if _preps(v, ("for",)):
        return True
    if v.dep_ == "relcl" and v.head.lemma_.lower() == "question":
        return False  # "the question Minetest asked that ...": asked, not requested
    if _preps(v, ("about",)):
        return False  # "if anyone asked about me, ...": a question
    return any(
        c.dep_ in ("xcomp", "ccomp")
        and (_has_to(c) or (_has_that(c) and _mandative(c)))
        and not wants_anonymity(list(c.subtree))  # "who asked not to be named"
        for c in v.children
    )


def _has_that(c: Token) -> bool:
    """The clause ``c`` opens with "that"."""
    return any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children)


#: modals of a "that" clause that states, not asks: "ask me that I can't remember"
_STATING_MODALS = ("can", "ca", "could", "will", "wo", "'ll", "may", "might")


def _mandative(c: Token) -> bool:
    """A "that" clause asks for an act: a bare verb or "should"/"must" ("asked that the talks
    resume", "that he be released"), not a clause with a modal of ability or future ("when you
    ask me that I can't remember": the parser's "that" is the pronoun)."""
    return not any(a.dep_ == "aux" and a.lower_ in _STATING_MODALS for a in c.children)


def _has_interlocutor(v: Token) -> bool:
    """A verb of meeting or talking (or a noun such as "reminder") has someone to meet or
    talk with: an object that names an actor or a place ("met Putin", "visited Kyiv"),
    "with"/"to" an actor ("talked with the rebels"; also on the verb it is the purpose of,
    "spoke with X to discuss", or whose object it is, "issued a reminder to X"), or a subject
    of several parties ("the two leaders met", "Paris and Berlin discussed", "they talked").
    "make ends meet", "meet the needs", "talked about the plan", "visit the website", "you
    were discussing" are no consultation."""
    hosts = [v]
    if v.dep_ in ("xcomp", "advcl") and v.head.pos_ in ("VERB", "AUX"):
        hosts.append(v.head)
    if v.pos_ == "NOUN" and v.dep_ == "dobj":
        hosts.append(v.head)  # "issued a reminder to Iraq"
    for h in hosts:
        for c in h.children:
            if c.dep_ == "dobj" and h is v and _names_party(c):
                return True
            if c.dep_ in ("prep", "dative") and c.lower_ in ("with", "to"):
                p = _pobj(c)
                if p is not None and _names_actor_noun(p):
                    return True
    subj, _ = _subject(v)
    if subj is None:
        return False
    if subj.lower_ in ("they", "both") or any(
        c.dep_ == "conj" for c in subj.children if c.pos_ in ("PROPN", "NOUN", "PRON")
    ):
        return True
    return subj.tag_ in ("NNS", "NNPS") and _names_actor_noun(subj)


def _names_party(tok: Token) -> bool:
    """``tok`` names an actor or a place one can meet, call or visit (a proper noun counts:
    "called Chancellor Scholz" where the name was not recognised)."""
    return _names_actor_noun(tok) or tok.ent_type_ in _PLACE_LABELS or tok.pos_ == "PROPN"


def _names_actor_noun(tok: Token, people: bool = False) -> bool:
    """``tok`` names an actor without the article's context: a named actor, a noun of
    ``ACTOR_NOUNS`` ("the rebels", "companies") or a third-person pronoun ("them"). "people"
    counts when named ("the Ukrainian people") or with ``people``: aid goes to "the people of
    X", but "helping people" and "talking to people" name no party."""
    lem = tok.lemma_.lower()
    if lem == "people":
        return people or _names_actor(tok)
    return _names_actor(tok) or lem in ACTOR_NOUNS or tok.lower_ in THIRD_PERSON


def _phrase_bounds(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok``: left dependents, the head, compound and
    "of"/"in" modifiers on the right; relative clauses, appositions and other phrases cut."""
    start = tok.left_edge.i
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") or (
            c.dep_ == "prep" and c.lower_ in ("of", "in") and c.i == end
        ):
            end = c.right_edge.i + 1
        else:
            break
    # do not swallow a preceding coordinated phrase ("Iran and North Korea")
    for c in tok.lefts:
        if c.dep_ in ("cc", "conj", "punct"):
            start = max(start, c.right_edge.i + 1)
    return start, end


def _apposed_name(tok: Token) -> Token | None:
    """A role noun phrase naming its holder in an apposition ("Putin's oligarch and owner of
    Wagner, Yevgeny Prigozhin, spends"): the apposed person name, wherever the parser hung it
    inside the phrase."""
    if tok.ent_type_ or tok.pos_ != "NOUN":
        return None
    for t in tok.subtree:
        if t.ent_type_ != "PERSON" or t.i <= tok.i or t.ent_iob_ == "B" and t.dep_ == "compound":
            continue
        # the small parser hangs the name as an apposition or as a conjunct after a comma
        first = t.doc[t.left_edge.i]
        if t.dep_ == "appos" or (
            t.dep_ == "conj" and first.i > 0 and t.doc[first.i - 1].text == ","
        ):
            return t
    return None


def _coordinated_owners(t: Token) -> list[Token]:
    """The named parties a group noun stands for when it names several: "the delegations of
    Cyprus, Greece and Israel", "envoys from Chad and Niger" (one participant each, as CAMEO
    codes them); nothing for "officials of Chad" (one owner: the phrase resolves to it)."""
    if t.ent_type_ or t.pos_ != "NOUN" or t.lemma_.lower() not in ACTOR_NOUNS:
        return []
    for c in t.children:
        if c.dep_ != "prep" or c.lower_ not in ("of", "from") or c.i < t.i:
            continue
        p = next((x for x in c.children if x.dep_ == "pobj"), None)
        if p is None:
            continue
        names = [p, *(x for x in p.conjuncts if x.i > p.i)]
        if len(names) > 1 and all(x.ent_type_ in ACTOR_LABELS for x in names):
            return names
    return []


def _expand(tok: Token) -> list[Token]:
    """A participant and the participants coordinated with it; a generic group noun with
    "such as" / "including" / "like" examples is replaced by the examples, a group noun of
    several named owners by the owners (:func:`_coordinated_owners`); a role noun with an
    apposed name is that person (one participant, not one per coordinated role). A hyphen the
    parser split a name at is nobody ("against Chan-o-cha", "criticise ex-Muslims")."""
    named = _apposed_name(tok)
    if named is not None:
        return [named]
    out = [tok]
    out.extend(t for t in tok.conjuncts if t.i > tok.i and t.pos_ in ("PROPN", "NOUN", "PRON"))
    res: list[Token] = []
    for t in out:
        owners = _coordinated_owners(t)
        if owners:
            res.extend(owners)
            continue
        examples: list[Token] = []
        if t.lemma_.lower() in GENERIC_GROUP_NOUNS | {"other"}:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("as", "including", "like"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            examples.append(p)
                            examples.extend(x for x in p.conjuncts if x.i > p.i)
        res.extend(examples or [t])
    return [t for t in res if not t.is_punct][:4]


def _pobj(prep: Token) -> Token | None:
    """The object of a preposition; of a partitive, the noun it counts ("sanctions against
    three of its companies": the companies)."""
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            if c.tag_ == "CD" or c.lower_ in _PARTITIVES:
                inner = next((x for p in _preps(c, ("of",)) for x in p.children), None)
                if inner is not None and inner.dep_ == "pobj" and inner.pos_ in ("NOUN", "PROPN"):
                    return inner
            return c
    return None


#: quantifiers that count a group named after "of" ("some of the rebels")
_PARTITIVES = _WORDS["partitive"]


def _relative_antecedent(tok: Token) -> Token:
    """The noun a relative pronoun stands for ("companies, which Washington accuses of
    supplying ...": the companies); any other token is itself."""
    if tok.lower_ not in PRONOUNS_RELATIVE or tok.tag_ not in ("WDT", "WP"):
        return tok
    clause = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
    return clause.head if clause is not None else tok


def _subject(v: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """(subject token, is_agent_of_passive) of verb ``v``; follows control, coordination and
    relative clauses."""
    if depth > 4:
        return None, False
    passive = (
        any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children)
        or (
            v.dep_ == "acl"
            and v.tag_ == "VBN"
            and not any(c.dep_ in ("aux", "nsubj") for c in v.children)
        )
        or _shares_passive(v)
        or _reduced_passive_adverbial(v)
        or _small_clause_passive(v)
    )
    for c in v.children:
        if c.dep_ == "agent":
            p = _pobj(c)
            if p is not None and p.ent_type_ not in ("DATE", "TIME"):  # not "by early October"
                return p, True
    if not passive:
        # of two subjects the parser gave one verb, the nearer ("one man sprayed Khan with an
        # extinguisher, others struck him": others)
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        for c in sorted(subjects, key=lambda c: abs(v.i - c.i))[:1]:
            if c.lower_ in PRONOUNS_RELATIVE and v.dep_ == "relcl":
                if any(t.text == ":" for t in v.doc[v.head.i + 1 : c.i]):
                    return None, False  # "Explainer: who arms the warring sides?"
                return v.head, False
            if v.lemma_ == "be" and c.lower_ in ("all", "what") and c.i < v.i:
                # "all we need to do is ask her", "what they want is to leave": the doer is
                # the subject of the pseudo-cleft's clause
                inner = next((r for r in c.children if r.dep_ == "relcl"), None)
                if inner is not None:
                    return _subject(inner, depth + 1)
            if c.tag_ == "WP" and c.lower_ in ("who", "what", "whoever") and v.dep_ != "relcl":
                return None, False  # "nobody knows who attacked the convoy": no one named
            return c, False
    if passive and v.lemma_.lower() in STATIVE_PASSIVES:
        # "Vietnam is committed to opening", "he is prepared to lift": a state of the subject
        for c in v.children:
            if c.dep_ == "nsubjpass":
                return c, False
    if passive:
        # passive without agent: the actor is unknown (the subject is the patient)
        if v.dep_ in ("xcomp", "conj") and v.head.pos_ in ("VERB", "AUX", "ADJ"):
            h = v.head
            if any(c.dep_ == "agent" for c in h.children):
                return _subject(h, depth + 1)
        return None, False
    if v.dep_ in ("xcomp", "conj", "advcl", "acomp") and v.head.i != v.i:
        h = v.head
        if v.dep_ == "conj" and lifted_conj(v):
            # "X claimed that the cargo included drones and accused Belarus": X accuses
            while h.dep_ == "conj" and h.head.i < h.i:
                h = h.head
            return _subject(h.head, depth + 1)
        if v.dep_ == "conj" and not _coordinated(v):
            return None, False  # a clause the parser joined with no "and" or comma
        if v.dep_ == "advcl" and v.tag_ in ("VBD", "VBZ", "VBP"):
            return None, False  # a finite clause without its subject: the parser lost it
        if v.dep_ == "conj":
            # coordinated verbs share the grammatical subject, not a passive's agent ("the
            # minister was indicted by the court and will resign" -> the minister)
            shared = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
            if shared is not None:
                return shared, False
        if v.dep_ == "xcomp":
            # object control: "urged the EC to support" -> the object is the subject
            for c in h.children:
                if c.dep_ == "dobj" and h.lemma_.lower() in OBJECT_CONTROL_VERBS:
                    return c, False
            if _extraposed(h):
                return None, False  # "it is not possible to give them food": no one named
        if h.pos_ in ("VERB", "AUX", "ADJ") or h.dep_ == "ROOT":
            return _subject(h, depth + 1)
    if v.dep_ == "relcl":
        return v.head, False
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ == "VERB":
        # "accused North Korea of supplying": the object of the governing verb
        g = v.head.head
        for c in g.children:
            if c.dep_ == "dobj":
                return c, False
        return _subject(g, depth + 1)
    if v.dep_ == "acl" and v.head.i != v.i:
        # an active participle modifying a noun: "North Korea making uniforms" -> North Korea
        # ("a decree banning the niqab": a decree acts for someone not named here)
        if v.tag_ == "VBG":
            return (v.head, False) if _party_word(v.head) else (None, False)
        # a purpose infinitive on the object: "spends millions to fund X" -> the spender
        if _has_to(v) and v.head.dep_ == "dobj" and v.head.head.pos_ in ("VERB", "AUX"):
            return _subject(v.head.head, depth + 1)
        return None, False
    return None, False


#: verbs whose object does what their infinitive says: "urged the EC to support", "told me to
#: talk to the family", "allowed them to leave"
OBJECT_CONTROL_VERBS = _WORDS["object_control_verb"]


#: adjectives of an extraposed infinitive: "it is not possible to give" names no giver ("it is
#: ready to help" keeps its "it": an actor named before)
_EXTRAPOSING = _WORDS["extraposing"]


def _extraposed(h: Token) -> bool:
    """``h`` is a predicate whose subject is the dummy "it" of an extraposed infinitive ("it is
    not possible to give", "it was hard to reach")."""
    return any(c.dep_ == "nsubj" and c.lower_ == "it" for c in h.children) and any(
        t.lemma_.lower() in _EXTRAPOSING
        for t in (h, *(c for c in h.children if c.dep_ in ("acomp", "attr")))
    )


def _shares_passive(v: Token) -> bool:
    """``v`` is a bare participle coordinated with a passive verb, and passive with it ("was
    shot and killed": whoever was shot was killed)."""
    return (
        v.dep_ == "conj"
        and v.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children)
        and any(c.dep_ == "auxpass" for c in v.head.children)
    )


def _reduced_passive_adverbial(v: Token) -> bool:
    """``v`` is a bare participle clause on a verb ("When threatened, the slug secretes glue",
    "If attacked, we will respond", "Asked about the plan, she said"): the main clause's
    subject undergoes it."""
    return (
        v.dep_ == "advcl"
        and v.tag_ == "VBN"
        and v.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in v.children)
    )


def _small_clause_passive(v: Token) -> bool:
    """``v`` is a bare participle with its own subject in a clause of seeing or having ("the
    massacres saw thousands killed", "had his passport seized") or after "with" ("with 25
    others injured"): the subject undergoes it."""
    with_clause = v.dep_ in ("pcomp", "advcl") and (
        v.head.lower_ in ("with", "without")
        or any(c.dep_ == "mark" and c.lower_ in ("with", "without") for c in v.children)
    )
    return (
        (v.dep_ == "ccomp" or with_clause)
        and v.tag_ == "VBN"
        and any(c.dep_ == "nsubj" for c in v.children)
        and not any(c.dep_ in ("aux", "auxpass") for c in v.children)
    )


def _coordinated(v: Token) -> bool:
    """The conjunct ``v`` is joined to its head by a conjunction or a comma ("recalled its
    envoy and closed the border", "recalled, condemned and expelled"), not hung on it across
    another clause ("recalled its envoy after shells fired from Sudan struck a market")."""
    h = v.head
    return any(
        t.dep_ in ("cc", "punct", "preconj") and t.head.i in (h.i, v.i)
        for t in v.doc[min(h.i, v.i) + 1 : max(h.i, v.i) + 1]
    ) or any(c.dep_ == "cc" for c in v.children)


def _has_to(v: Token) -> bool:
    """``v`` is a to-infinitive."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def _patient(v: Token) -> Token | None:
    """The passive subject of ``v`` or of the verb it is raised from ("equipment was expected
    to be delivered"), or the head noun of a reduced relative ("weapons provided by X")."""
    for c in v.children:
        if c.dep_ == "nsubjpass":
            return c
    if v.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return v.head  # with a subject of its own it is a clause the parser hung on a noun
    if v.dep_ == "xcomp":
        for c in v.head.children:
            if c.dep_ in ("nsubjpass", "nsubj"):
                return c
    if _shares_passive(v):
        return _patient(v.head)
    if _reduced_passive_adverbial(v):
        return next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if _small_clause_passive(v):
        return next(c for c in v.children if c.dep_ == "nsubj")
    return None


def _actor_record(actors: dict[str, Any], actor_id: str | None) -> Any | None:
    """The actor with this id among the article's ``actors``, else from the gazetteer."""
    if not actor_id:
        return None
    a = actors.get(actor_id)
    if a is None:
        try:
            from claimgraph.actors import actor_by_id
        except ImportError:  # pragma: no cover - the actors stage is optional
            return None
        a = actor_by_id(actor_id)
    return a


class _Ctx:
    """Article-level context: offsets, earlier stages' records."""

    def __init__(self, rec: ArticleRecords | None, off: int = 0) -> None:
        self.rec = rec
        self.off = off
        extra = rec.extra if rec is not None else {}
        self.mentions: list[Any] = list(extra.get("mentions", []) or [])
        self.attributions: list[Any] = list(extra.get("attributions", []) or [])
        self.timexes: list[Any] = list(extra.get("timexes", []) or [])
        self.quantities: list[Any] = list(extra.get("quantities", []) or [])
        self.actors: dict[str, Any] = {
            getattr(a, "id", ""): a for a in extra.get("actors", []) or []
        }

    def actor(self, actor_id: str | None) -> Any | None:
        """The actor record of this article (or of the gazetteer) with this id."""
        return _actor_record(self.actors, actor_id)

    def mention_in(self, s: int, e: int) -> Any | None:
        best = None
        for m in self.mentions:
            ms, me = getattr(m, "start", -1), getattr(m, "end", -1)
            if ms < e and me > s and (best is None or ms < best.start):
                best = m
        return best


@dataclass(slots=True)
class _Part:
    """A resolved participant."""

    id: str | None
    text: str
    token: Token


def _resolve(tok: Token, ctx: _Ctx) -> _Part:
    """Actor id and text for the participant headed by ``tok``: the actors stage's mention if
    one covers the phrase, else the spaCy entity, else the noun phrase text."""
    doc = tok.doc
    s, e = _phrase_bounds(tok)
    cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
    head_s, head_e = tok.idx + ctx.off, tok.idx + len(tok) + ctx.off
    cand = [m for m in ctx.mentions if m.start < head_e and m.end > head_s]
    if not cand:
        # a person named on a common noun is not the participant: "a Trump supporter" is no
        # Trump ("Russian troops" are Russia's); nor is a place that owns no one in its phrase
        not_owners = _not_owner_offsets(tok, ctx.off)
        cand = [
            m
            for m in ctx.mentions
            if m.start < ce + ctx.off
            and m.end > cs + ctx.off
            and not _names_person_modifier(m, tok, ctx)
            and m.start not in not_owners
        ]
    if cand:
        m = max(cand, key=lambda m: (m.start <= head_s, m.start))  # nearest the head
        aid = getattr(m, "actor_id", None)
        a = ctx.actor(aid)
        if getattr(m, "kind", None) == "pronoun" and not (m.start <= head_s < m.end):
            # "three of its companies": the pronoun names the owner, the phrase the participant;
            # "his sister" is someone else
            return _Part(None if tok.lemma_.lower() in _KIN else aid, _phrase_text(tok), tok)
        if a is None or getattr(a, "country", None) or getattr(a, "type", None) == "igo":
            return _Part(aid, m.text if hasattr(m, "text") else doc[s:e].text, tok)
        # an actor without a country (a person, a new group): keep the words that place it
        # ("British Defence Secretary Tom King", "rebels in the Ivory Coast")
        return _Part(aid, _phrase_text(tok), tok)
    ents = [ent for ent in doc.ents if ent.start <= tok.i < ent.end and ent.label_ in ACTOR_LABELS]
    if not ents:
        ents = [
            ent
            for ent in doc.ents
            if ent.start >= s and ent.end <= e and ent.label_ in ACTOR_LABELS
        ]
    if ents and tok.ent_type_:
        return _Part(None, ents[0].text, tok)
    return _Part(None, _phrase_text(tok), tok)


def _not_owner_offsets(tok: Token, off: int) -> set[int]:
    """Start offsets of the words of places in the phrase of ``tok`` that own no one: a place
    named before it ("a Kabul car bombing": where it happened) and, in its "in"/"at" phrases,
    what is no country or city ("the accused in the neighbourhood of Strickland Street").
    A country or city there stays ("rebels in the Ivory Coast", "officials in Oslo" are of it:
    the CAMEO coders' convention)."""
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ == "compound" and c.i < tok.i:
            inner = [c] + [x for x in c.children if x.dep_ == "compound"]
            out.update(off + x.idx for x in inner if _place_modifier(x))
    for p in _preps(tok, ("in", "at")):
        out.update(off + x.idx for x in p.subtree if x.ent_type_ != "GPE")
    return out


def _names_person_modifier(m: Any, head: Token, ctx: _Ctx) -> bool:
    """Mention ``m`` is a person's name that modifies the common noun ``head`` as a compound
    ("a Trump supporter", "the Biden campaign")."""
    a = ctx.actor(getattr(m, "actor_id", None))
    if getattr(a, "type", None) != "person":
        return False
    words = [t for t in head.doc if m.start <= ctx.off + t.idx < m.end]
    return bool(words) and all(t.dep_ in ("compound", "flat") and t.head.i != t.i for t in words)


#: clause-like dependents cut from a participant's phrase
_CUT_DEPS = {"relcl", "ccomp", "advcl", "parataxis", "cc", "conj", "punct"}


def _phrase_text(tok: Token, limit: int = 16) -> str:
    """The participant's phrase for display and for locating it: the head with its modifiers,
    "of"/"in"/"from" phrases, participle modifiers and appositions (relative clauses,
    coordinated phrases, punctuation and articles cut), at most ``limit`` tokens."""
    keep: list[Token] = []

    def walk(t: Token) -> None:
        keep.append(t)
        for c in t.children:
            if c.dep_ in _CUT_DEPS or (c.dep_ == "det" and c.lower_ in ("the", "a", "an")):
                continue
            if c.dep_ == "prep" and any(x.ent_type_ in ("DATE", "TIME") for x in c.children):
                continue  # "an inmate on Friday": the date is the event's, not the inmate's
            walk(c)

    walk(tok)
    keep.sort(key=lambda t: t.i)
    keep = [t for t in keep if t.i >= tok.i - limit][:limit]
    out: list[str] = []
    for i, t in enumerate(keep):
        out.append(t.text)
        if i + 1 < len(keep):
            out.append(t.whitespace_ if keep[i + 1].i == t.i + 1 else " ")
    return "".join(out).strip()


def _nominal_governor_subject(n: Token) -> tuple[Token | None, bool]:
    """For a nominal event that is the object of a support verb ("completed a delivery",
    "engaged in talks"), that verb's subject; a governing verb that is itself an event
    ("denies the allegations") does not lend its subject."""
    if n.dep_ == "conj":
        return _nominal_governor_subject(n.head)
    n = _nominal_host(n)
    gov = None
    if n.dep_ in ("dobj", "attr") and n.head.pos_ in ("VERB", "AUX"):
        gov = n.head
    elif (
        n.dep_ == "pobj"
        and n.head.dep_ == "prep"
        and (
            n.head.lower_ in ("in", "into", "on")
            or (n.head.lower_ == "with" and n.head.head.lemma_.lower() in _RESPONSE_VERBS)
        )
        and n.head.head.pos_ == "VERB"
    ):
        gov = n.head.head  # "engaged in talks", "responded with strikes"
    if gov is None or _match(gov, set()) is not None:
        return None, False
    glem = gov.lemma_.lower()
    if n.dep_ == "attr" and glem == "be":
        return None, False  # "the move was an attack", "these have been a request": it is one
    if glem in _SEQUENCE_VERBS:
        return None, False  # "his announcement followed two weeks of protests"
    if glem in _DEFY_VERBS or glem in _CONTAIN_VERBS or glem in _CAUSE_VERBS:
        # "the shipments breached the embargo": nobody imposed it there; "the protesters'
        # demands include an investigation": the demands investigate nothing; "the shooting
        # sparked riots": the shooting riots not
        return None, False
    if n.lemma_.lower() in claim_nouns() and glem in say_verbs():
        return None, False  # "Minsk described the accusations as lies": Minsk accuses nobody
    if glem in _JUDGE_VERBS:
        return None, False  # "calling the investigation Soviet-style": no investigator
    return _subject(gov)


#: verbs of answering with an act: "the army responded with strikes" (the army strikes)
_RESPONSE_VERBS = _WORDS["response_verb"]

#: verbs of containing: their subject holds the event, it does not act in it
_CONTAIN_VERBS = _WORDS["contain_verb"]

#: verbs of causing: their subject is the cause, not the actor ("the shooting sparked riots")
_CAUSE_VERBS = _WORDS["cause_verb"]

#: verbs of acting against a measure: their subject is not the one who took it ("breached
#: the embargo", "defied the sanctions")
_DEFY_VERBS = _WORDS["defy_verb"]


@cache
def say_verbs() -> frozenset[str]:
    """Every verb of the attribution cue lexicon (``data/cues.tsv``): "described the
    accusations", "called the claims lies" speak about a claim, they do not make it."""
    return frozenset(c.cue for c in load_cues().values() if c.pos == "verb")


def _nominal_host(n: Token) -> Token:
    """The noun phrase a nominal trigger stands for in its clause: the head noun of a
    compound ("a mediation effort"), or the measure or kind noun of an "of" phrase ("10 days of
    war games", "a state of siege"), when that noun is a verb's object; else ``n`` itself."""
    if n.dep_ == "compound" and n.head.pos_ == "NOUN" and n.head.dep_ in ("dobj", "attr"):
        return n.head
    if (
        n.dep_ == "pobj"
        and n.head.lower_ == "of"
        and n.head.head.pos_ == "NOUN"
        and n.head.head.dep_ in ("dobj", "attr")
    ):
        return n.head.head
    return n


@dataclass(slots=True)
class _Roles:
    actors: list[Token]
    recipients: list[Token]
    destination: Token | None
    end_user: Token | None
    themes: list[Token]


def _roles(tok: Token, row: Trigger, used: list[Token], ctx: _Ctx) -> _Roles:
    typ = row.type
    actors: list[Token] = []
    recipients: list[Token] = []
    themes: list[Token] = []
    destination: Token | None = None
    end_user: Token | None = None
    rprep = RECIPIENT_PREPS.get(typ, ("to",))
    is_verb = _pos_class(tok) in ("V", "A")
    patient_is_recipient = False

    if is_verb:
        subj, _agent = _subject(tok)
        if subj is not None:
            actors.append(subj)
        pat = (
            _patient(tok)
            if any(c.dep_ in ("auxpass",) for c in tok.children)
            or tok.dep_ == "acl"
            or _shares_passive(tok)
            or _reduced_passive_adverbial(tok)
            or _small_clause_passive(tok)
            else None
        )
        if pat is not None:
            if typ == "AID" or not _is_actorish(pat, ctx):
                themes.append(pat)
            else:
                recipients.append(pat)
                patient_is_recipient = True  # "the PKK is banned in Turkey": not Turkey
    else:
        undergoes = tok.lemma_.lower() in _PATIENT_NOMINALS and not _preps(tok, ("of",))
        for c in tok.children:
            if c.dep_ == "poss" and undergoes and _is_actorish(c, ctx):
                recipients.append(c)  # "Basilashvili's arrest": he is arrested
            elif (
                c.dep_ == "poss"
                and c.ent_type_ not in ("DATE", "TIME")  # "last week's protests"
                or c.dep_ in ("compound", "amod", "nmod")
                and (c.ent_type_ in ("GPE", "NORP", "ORG"))
                and not _side_modifier(c)  # "an anti-Brexit march" is no Brexit's
                and not _place_modifier(c)  # "a Kabul car bombing" is no Kabul's
            ):
                actors.append(c)
            elif (
                c.dep_ == "prep"
                and c.lower_ in ("by", "from")
                and typ in ("AID", "ASSAULT", "SANCTION", "ACCUSE")
                or (c.dep_ == "prep" and c.lower_ in ("of", "by") and typ == "REQUEST")
            ):  # "aid from Berlin", "the demands of the protesters", "a purchase by Egypt"
                p = _pobj(c)
                if p is not None and _is_actorish(p, ctx):
                    actors.append(p)
            elif c.dep_ in ("compound", "nmod") and typ == "AID":
                themes.append(c)
                # "Belarusian drone deliveries": the giver modifies the item, not the noun
                actors.extend(
                    x
                    for x in c.children
                    if x.dep_ in ("amod", "compound") and x.ent_type_ in ("GPE", "NORP")
                )
        act = _aid_act_verb(tok) if typ == "AID" else None
        receives = act is not None and act[1] == "recipient"
        if act is not None and act[1] in ("giver", "recipient"):
            # "the EU pledged aid", "Kyiv received aid (from Berlin)": the verb's subject
            # gives or receives
            subj, _ = _subject(act[0])
            if receives:
                if subj is not None:
                    recipients.append(subj)
                actors.extend(
                    p
                    for c in _preps(act[0], ("from",))
                    if (p := _pobj(c)) is not None and _is_actorish(p, ctx)
                )
            elif subj is not None and not actors:
                actors.append(subj)
        if not actors and not receives:
            subj, _ = _nominal_governor_subject(tok)
            if subj is not None and _nominal_host(tok).head.lemma_.lower() in _UNDERGO_VERBS:
                recipients.append(subj)  # "Trump drew criticism", "she received threats"
            elif subj is not None:
                actors.append(subj)

    # objects and prepositional phrases of the trigger and of the words it uses
    hosts = [tok, *used]
    dobj_is_recipient = patient_is_recipient
    for h in hosts:
        for c in h.children:
            if c.dep_ in ("dative", "iobj"):
                p = _pobj(c) if c.pos_ == "ADP" else c
                if p is not None:
                    recipients.append(p)
            elif c.dep_ == "dobj" and h is tok and c not in used:
                c = _relative_antecedent(c)  # "companies, which X accuses": the companies
                author = _claim_author(c) if typ == "REJECT" else None
                if author is not None:  # "rejected claims made by the RSF": the RSF
                    recipients.append(author)
                    dobj_is_recipient = True
                    themes.append(c)
                elif _is_actorish(c, ctx) and typ != "AID":
                    recipients.append(c)
                    dobj_is_recipient = True
                elif (
                    typ == "AID"
                    and ("@actor_object" in row.with_ or "@party_object" in row.with_)
                    and _names_party(c)
                ):
                    recipients.append(c)  # "helped the rebels", "armed the rebels"
                    dobj_is_recipient = True
                elif (
                    typ == "AID"
                    and _is_actorish(c, ctx)
                    and (
                        any(x.dep_ == "prep" and x.lower_ == "with" for x in tok.children)
                        or (_names_actor(c) and not _is_resource(c))
                    )
                ):
                    recipients.append(c)  # "supplying Russia with shells"
                    dobj_is_recipient = True
                else:
                    themes.append(c)
            elif c.dep_ == "attr" and h is tok and typ == "AID":
                themes.append(c)
    prep_hosts = list(hosts) + [t for t in themes if t.head in hosts or t in hosts]
    topics: list[Token] = []
    if not is_verb and _nominal_host(tok).i != tok.i:
        prep_hosts.append(_nominal_host(tok))  # "a mediation effort between X and Y"
    if not is_verb and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ == "VERB":
        prep_hosts.append(tok.head)  # "imposed sanctions on X" parses either way
    elif (
        not is_verb
        and tok.dep_ == "pobj"
        and tok.head.lower_ in ("in", "into", "on")
        and tok.head.head.pos_ == "VERB"
        and _match(tok.head.head, set()) is None
    ):
        prep_hosts.append(tok.head.head)  # "troops remained on alert in X"
    for h in prep_hosts:
        for c in h.children:
            if c.dep_ not in ("prep", "agent", "dative"):
                continue
            p = _pobj(c)
            if p is None:
                continue
            low = c.lower_
            if low == "for" and p.lemma_.lower() == "use":
                for cc in p.children:
                    if cc.dep_ == "prep" and cc.lower_ == "by" and _pobj(cc) is not None:
                        end_user = _pobj(cc)
                continue
            if (
                typ == "AID" and low in ("with", "of") or typ == "REQUEST" and low == "of"
            ) and not _is_actorish(p, ctx):
                themes.append(p)  # "the supply of drones", "the purchase of jets"
                continue
            if typ == "AID" and low in DESTINATION_PREPS and low != "to":
                if p.ent_type_ in ("GPE", "LOC") or _is_actorish(p, ctx):
                    destination = p
                continue
            if typ == "ACCUSE" and low in ("over", "about"):
                # "complained to the UN over Israeli raids": the accused is the topic's actor
                if _is_actorish(p, ctx):
                    topics.append(p)
                else:
                    topics.extend(
                        x
                        for x in p.children
                        if x.dep_ in ("amod", "compound", "poss")
                        and x.ent_type_ in ("NORP", "GPE", "ORG")
                    )
                continue
            if typ in ("AID", "ACCUSE", "SANCTION") and low == "from" and not is_verb:
                continue  # handled as actor above
            if typ == "REQUEST" and low == "from" and p.lemma_.lower() in GENERIC_GROUP_NOUNS:
                recipients.append(p)
                continue
            if low in rprep and _is_actorish(p, ctx) and not dobj_is_recipient and p not in actors:
                recipients.append(p)
    if not recipients and not is_verb and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        # the parser hangs the noun's own phrase on the verb: "respond to new US sanctions
        # against three of its companies"
        nxt = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        if (
            nxt is not None
            and nxt.dep_ == "prep"
            and nxt.head.i == tok.head.head.i
            and nxt.lower_ in rprep
            and nxt.lower_ in ("against", "on", "upon")
            and _match(tok.head.head, set()) is None
        ):
            p = _pobj(nxt)
            if p is not None and _is_actorish(p, ctx) and p not in actors:
                recipients.append(p)
    if typ == "CONSULT" and not recipients and tok.dep_ in ("xcomp", "advcl"):
        # "spoke with Suga to discuss trade": who is talked with is on the governing verb
        recipients.extend(
            p
            for c in _preps(tok.head, ("with",))
            if (p := _pobj(c)) is not None and _is_actorish(p, ctx)
        )
    if topics and not dobj_is_recipient:
        recipients = topics[:1]  # the audience ("to the UN") is not the accused
    if not recipients and is_verb:
        recipients = _complement_recipients(tok, ctx, actors)
    if end_user is not None:
        if destination is None:
            # "delivered into Russia for use by Wagner": an earlier "to X" is the destination
            destination = recipients[0] if recipients else None
        recipients = [end_user]
    if typ == "AID" and destination is not None and not recipients:
        recipients = [destination]
    recipients = [_possessor_party(r) for r in recipients]
    return _Roles(actors, recipients, destination, end_user, themes)


def _possessor_party(t: Token) -> Token:
    """The party that owns a thing or an act named as a participant: "marched against Iran's
    nuclear programme" is against Iran, "condemned Russia's invasion" condemns Russia; a party
    noun stays itself ("Ukraine's army")."""
    if t.ent_type_ in ACTOR_LABELS or t.lemma_.lower() in ACTOR_NOUNS or t.pos_ != "NOUN":
        return t
    poss = next((c for c in t.children if c.dep_ == "poss"), None)
    if poss is not None and (poss.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
        return poss
    # "dismissed a Trump lawsuit": a named person or body on the thing owns it
    owner = next(
        (c for c in t.children if c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG")),
        None,
    )
    return owner if owner is not None and owner.i < t.i else t


_BROAD_PREPS = ("to", "with", "against", "on", "from", "at", "for")


def _complement_recipients(tok: Token, ctx: _Ctx, actors: list[Token]) -> list[Token]:
    """Recipient from an infinitival complement: "offered to hand over to Great Britain",
    "promised to continue military aid to Mozambique"."""
    out: list[Token] = []
    for x in tok.children:
        if x.dep_ != "xcomp":
            continue
        hosts = [x] + [c for c in x.children if c.dep_ == "dobj"]
        for h in hosts:
            for c in h.children:
                if c.dep_ in ("dative", "dobj") and h is x and _names_actor(c):
                    out.append(c)
                elif c.dep_ == "prep" and c.lower_ in _BROAD_PREPS:
                    p = _pobj(c)
                    if p is not None and _is_actorish(p, ctx) and p not in actors:
                        out.append(p)
        if out:
            break
    return out[:1] + [t for t in out[1:] if t in out[0].conjuncts]


# ---------------------------------------------------------------- details


def _items(themes: list[Token], tok: Token) -> tuple[list[str], list[str], Token | None]:
    """Item names, categories and the first item token, from the theme phrases."""
    lex = materiel()
    names: list[str] = []
    cats: list[str] = []
    first: Token | None = None
    seen: set[int] = set()
    for th in themes:
        toks = list(th.subtree) if th.i != tok.i else [th]
        toks = [t for t in toks if t.i not in seen]
        for t in toks:
            seen.add(t.i)
        for i, t in enumerate(toks):
            if t.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            lem = t.lemma_.lower()
            hit = None
            if i + 1 < len(toks):
                hit = lex.get((lem, toks[i + 1].lemma_.lower()))
                if hit is not None and toks[i + 1].pos_ in ("NOUN", "PROPN"):
                    t = toks[i + 1]
                else:
                    hit = None
            if hit is None and i > 0:
                hit = lex.get((toks[i - 1].lemma_.lower(), lem))
            if hit is None and t.pos_ in ("NOUN", "PROPN"):
                hit = lex.get((lem,))
            if hit is None:
                continue
            if hit.name not in names:
                names.append(hit.name)
                cats.append(hit.category)
                first = first or t
    # a specific item absorbs its generic head ("artillery shells", not also "shells")
    keep = [i for i, n in enumerate(names) if not any(m.endswith(" " + n) for m in names)]
    return [names[i] for i in keep], [cats[i] for i in keep], first


def _quantity(item_tok: Token | None, ctx: _Ctx) -> str | None:
    if item_tok is None:
        return None
    doc = item_tok.doc
    for q in ctx.quantities:
        qs, qe = getattr(q, "start", None), getattr(q, "end", None)
        if qs is None:
            continue
        ps = ctx.off + item_tok.left_edge.idx
        pe = ctx.off + item_tok.idx + len(item_tok)
        if qs < pe and qe > ps - 40 and ctx.rec is not None:
            return getattr(q, "text", None) or ctx.rec.text[qs:qe]
    for c in item_tok.children:
        if c.dep_ == "nummod":
            s, e = c.left_edge.i, c.right_edge.i + 1
            return doc[s:e].text
    h = item_tok.head
    if item_tok.dep_ == "pobj" and h.lower_ == "of" and h.head.lemma_.lower() in QUANTITY_NOUNS:
        q = h.head
        return doc[q.left_edge.i : q.i + 1].text
    return None


def _governors(tok: Token, n: int = 3) -> list[Token]:
    out = []
    cur = tok
    for _ in range(n):
        if cur.head.i == cur.i or cur.dep_ not in (
            "xcomp",
            "ccomp",
            "dobj",
            "pobj",
            "prep",
            "conj",
            "acomp",
            "advcl",
            "nsubjpass",
            "acl",
        ):
            break
        cur = cur.head
        out.append(cur)
    return out


def _status(
    tok: Token, typ: str, context: str | None, pol: str, time: str, stance: str | None
) -> str | None:
    if typ not in ("AID", "REQUEST") or context != "military":
        return None
    govs = _governors(tok)
    gov = [g.lemma_.lower() for g in govs]
    if stance == "deny" or any(g.lemma_.lower() == "deny" and not denial_withheld(g) for g in govs):
        return "denied"
    if pol == "NEG":
        return None
    if any(g in ATTEMPT_LEMMAS for g in gov):
        return "attempted"
    if tok.lemma_.lower() in ORDER_LEMMAS or any(g in ORDER_LEMMAS for g in gov):
        return "ordered"
    if time == "FUTURE":
        if any(g in EXPECT_LEMMAS for g in gov) or stance == "expect":
            return "expected"
        return "planned"
    if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children):
        return "in_progress"
    if any(g == "continue" for g in gov) or tok.lemma_.lower() in PRODUCE_LEMMAS:
        return "in_progress"  # production for a recipient is a supply under way
    if typ == "REQUEST":
        return None
    return "delivered"


def _timex_for(tok: Token, ctx: _Ctx) -> Any | None:
    """The timex whose syntactic head chain reaches the trigger (or the verb a nominal
    trigger depends on) without crossing another clause."""
    if not ctx.timexes:
        return None
    doc = tok.doc
    sent = tok.sent
    s0, s1 = ctx.off + sent.start_char, ctx.off + sent.end_char
    anchors = {tok.i}
    if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i:
        anchors.add(tok.head.i)
        if tok.head.dep_ == "prep":
            anchors.add(tok.head.head.i)
    for tx in ctx.timexes:
        if not (s0 <= tx.start < s1):
            continue
        span = doc.char_span(tx.start - ctx.off, tx.end - ctx.off, alignment_mode="expand")
        if span is None:
            continue
        cur = span.root
        for _ in range(6):
            if cur.i in anchors:
                return tx
            if cur.head.i == cur.i or (
                cur.pos_ in ("VERB", "AUX") and cur.i not in anchors and cur not in span
            ):
                break
            cur = cur.head
    return None


def _attribution_for(start: int, ctx: _Ctx, trigger_is_cue_ok: bool) -> tuple[Any, Any]:
    """(attribution to link, attribution whose stance applies): a deny/accuse cue that is the
    trigger itself is linked; otherwise the innermost attribution whose content holds it."""
    cue_hit = None
    inner = None
    for a in ctx.attributions:
        cs, ce = getattr(a, "cue_start", None), getattr(a, "cue_end", None)
        if trigger_is_cue_ok and cs is not None and cs <= start < ce:
            cue_hit = a
        s, e = getattr(a, "content_start", None), getattr(a, "content_end", None)
        if (
            s is not None
            and e is not None
            and s <= start < e
            and (inner is None or (e - s) < (inner.content_end - inner.content_start))
        ):
            inner = a
    return (cue_hit or inner), inner


# ---------------------------------------------------------------- main


def plover_coding(ev: Event) -> tuple[str, str]:
    """(PLOVER type, CAMEO code) as a PLOVER coder would export this mention: an act the actor
    announces for the future is coded as the intent (CAMEO 03 "express intent to cooperate" ->
    AGREE, 13 "threaten" -> THREATEN), and a negated cooperative act is a REJECT (CAMEO 12);
    expected or denied acts keep their type."""
    if ev.type in ("AGREE", "THREATEN"):
        return ev.type, ev.cameo
    if (
        ev.time == "FUTURE"
        and ev.status not in ("expected", "attempted")
        and (ev.certainty != "PROBABLE")
    ):
        if ev.polarity == "NEG" and ev.type in COOPERATIVE:
            return "REJECT", "120"
        if ev.type in COOPERATIVE:
            return "AGREE", "0332" if ev.context == "military" and ev.type == "AID" else "030"
        if ev.type in HOSTILE and ev.type not in ("REJECT", "ACCUSE", "PROTEST"):
            return "THREATEN", "1312" if ev.type == "SANCTION" else "130"
    if ev.polarity == "NEG" and ev.type in COOPERATIVE and ev.status != "denied":
        return "REJECT", "120"
    return ev.type, ev.cameo


def _dedupe(toks: list[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _is_denied_noun(tok: Token, row: Trigger) -> bool:
    """An accusation noun that a denial or rejection is about ("X denies the allegations",
    "rejected accusations that ..."): the thing denied, not a new accusation."""
    if row.type not in DENIED_NOUN_TYPES or _pos_class(tok) != "N":
        return False
    h = tok.head
    while tok.dep_ == "conj" and h.i != tok.i:
        tok, h = h, h.head
    if tok.dep_ not in ("dobj", "nsubjpass") or h.i == tok.i:
        return False
    m = _match(h, set())
    return m is not None and m[0].type == "REJECT"


_PERSONAL = {"he", "she", "it", "they", "we", "his", "her", "its", "their", "our"}


def _can_stand_for(noun: Token, pron: Token, person: bool = False) -> bool:
    """``noun`` may be what the personal pronoun ``pron`` refers to: not an act ("the arrest
    came after an allegation he assaulted X"), for "he"/"she" a person, a name or a role, and
    for "they" no one person. ``person``: the actors stage knows ``noun`` as a person (a
    name NER took for an organisation, "Rosselló announced he would resign")."""
    if noun.pos_ == "NOUN" and _match(noun, set()) is not None:
        return False
    if pron.lower_ in ("it", "its") and noun.tag_ in ("NNS", "NNPS"):
        return False  # "officials said it killed nine": "it" is no officials
    if pron.lower_ in ("they", "them", "their"):
        return not (person or noun.ent_type_ == "PERSON")  # "Honig said they are discussing"
    if pron.lower_ in ("he", "she", "him", "her", "his", "hers"):
        return (
            person
            or noun.ent_type_ == "PERSON"
            or (
                not noun.ent_type_
                and (noun.pos_ == "PROPN" or noun.lemma_.lower() in ACTOR_NOUNS)
                and noun.lemma_.lower() not in _INSTITUTIONS  # "the government ..., but she"
            )
        )
    return True


def _antecedent(tok: Token | None, ctx: _Ctx | None = None) -> Token | None:
    """A pronoun participant's antecedent in the same sentence: the subject of the verb that
    governs its clause ("the rebels said they will release", "Israel mounted its invasion");
    other tokens are returned unchanged (the actors stage's coreference covers the rest). A
    relative pronoun stands for the noun of its clause (:func:`_relative_antecedent`). A
    pronoun inside a quotation does not stand for the quote's speaker (who says "I")."""
    if tok is None:
        return tok
    if tok.lower_ not in _PERSONAL or tok.pos_ != "PRON":
        return _relative_antecedent(tok)
    cur = tok.head
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if (
                subj is not None
                and subj.i != tok.i
                and subj.pos_ != "PRON"
                and subj.i < tok.i
                and not any(t.is_quote for t in tok.doc[subj.i : tok.i])
                and _can_stand_for(subj, tok, _is_person(subj, ctx))
            ):
                return _apposed_name(subj) or subj
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return tok


def _is_person(tok: Token, ctx: _Ctx | None) -> bool:
    """The actors stage resolves ``tok`` to a person."""
    if ctx is None:
        return False
    actor = ctx.actor(_resolve(tok, ctx).id)
    return getattr(actor, "type", None) == "person"


#: verbs whose clause is the report of the event, not a participant of it
_REPORT_LEMMAS = {
    "say",
    "tell",
    "report",
    "add",
    "state",
    "announce",
    "according",
    "quote",
    "claim",  # "called for cooperation, claiming a right to Turkey": no target of the call
}


#: prepositions of a scope, a time or an exception, never of whom an act is aimed at ("assets
#: under US jurisdiction", "apart from the NGO", "during talks in Geneva")
_NOT_TARGET_PREPS = _WORDS["not_target_prep"]

#: subordinators of a clause about an event at another time than the trigger's
_OTHER_TIME_MARKS = {"after", "before", "since", "until", "once"}

#: event types held with a counterpart, whose place is not a party (a diplomatic tie "with
#: and an embassy in Tehran" is with Iran: SUPPORT is not one)
_INTERLOCUTOR_TYPES = frozenset(("CONSULT",))


def _fallback_recipients(
    tok: Token, actor: Token | None, ctx: _Ctx, typ: str | None = None
) -> list[Token]:
    """Actor phrases in the event's own clause when no grammatical recipient was found (PLOVER
    codes as target whoever or wherever the act is directed at: "evacuated the wounded from
    the town of X", "demanded that the United States ...", "tortured Liberian refugees"),
    first in the sentence order; the actor's phrase and reporting clauses are left out. A
    meeting is held with someone, not with the place it is held in ("met for a summit, that
    time in Athens")."""
    skip: set[int] = set()
    if actor is not None:
        skip.update(t.i for t in actor.subtree)
    roots = [tok]
    if (
        _pos_class(tok) == "N"
        and tok.dep_ in ("dobj", "attr")
        and tok.head.pos_ in ("VERB", "AUX")
        and _match(tok.head, set()) is None
    ):
        roots.append(tok.head)  # "launched a mediation effort between X and Y"
    for r in roots:
        for c in r.children:
            if c.dep_ in ("nsubj", "csubj") and r.i != tok.i:
                skip.update(t.i for t in c.subtree)
            if c.dep_ in ("parataxis", "ccomp", "advcl") and (
                c.lemma_.lower() in _REPORT_LEMMAS
                or c.dep_ == "parataxis"
                or (
                    c.dep_ == "advcl"
                    and any(x.dep_ == "mark" and x.lower_ in _OTHER_TIME_MARKS for x in c.children)
                )
            ):  # a clause of another time ("after a court cleared him in X") is another event
                skip.update(t.i for t in c.subtree)
            if c.dep_ == "ccomp" and r.i == tok.i:
                # "alleged Navalny was poisoned": who undergoes the reported act is not the
                # one accused or asked
                skip.update(t.i for x in c.children if x.dep_ == "nsubjpass" for t in x.subtree)
            if (
                c.dep_ == "prep"
                and c.lower_ == "as"
                and (p := _pobj(c)) is not None
                and (p.lemma_.lower() in ACTOR_NOUNS or p.lemma_.lower() in _OFFICES)
            ):  # a role: "resigned as the governor of X" is no act on the governor
                skip.update(t.i for t in c.subtree)
            if c.dep_ in ("prep", "advmod") and c.lower_ in _NOT_TARGET_PREPS:
                # "freeze assets under US jurisdiction", "apart from Ashodaya", "ahead of"
                skip.update(t.i for t in c.subtree)
            if (
                c.dep_ == "nsubj"
                and r.i == tok.i
                and not any(x.dep_ == "auxpass" for x in tok.children)
            ):
                skip.update(t.i for t in c.subtree)
        for t in r.subtree:
            # another event's clause ("denied accusations that X supplied Y") is not ours, nor
            # a phrase's clause with a subject of its own ("with Johnson succeeding her as
            # Prime Minister of Britain"; an adverbial clause may name the target: "threatened
            # a strike unless Israel rescinded")
            if (
                t.i != tok.i
                and t.pos_ in ("VERB", "AUX")
                and t.dep_ in ("ccomp", "acl", "relcl", "advcl", "xcomp", "conj", "pcomp")
                and t.i not in skip
                and not (t.dep_ == "xcomp" and t.head.i == tok.i)  # "refused to deploy ... in X"
                and (
                    _match(t, set())
                    # "she protested alone, but thousands of Swedes joined": another clause
                    or (t.dep_ == "conj" and any(c.dep_ == "nsubj" for c in t.children))
                    or (
                        t.dep_ in ("acl", "relcl", "pcomp")
                        and t.head.i != tok.i  # "demands that the government grant": its content
                        and any(
                            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in PRONOUNS_RELATIVE
                            for c in t.children
                        )  # "a conference that would damage the company" describes its noun
                    )
                )
            ):
                skip.update(x.i for x in t.subtree)
    out: list[Token] = []
    seen: set[int] = set()
    for r in roots:
        for t in r.subtree:
            if t.i in skip or t.i == tok.i or t.i in seen:
                continue
            if t.pos_ not in ("PROPN", "NOUN", "ADJ") or _side_modifier(t):
                continue  # "an anti-Brexit march", "a pro-Russian rally" name a side
            head = t
            while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                head = head.head
            if head.i in seen:
                continue
            if (
                typ in _INTERLOCUTOR_TYPES
                and head.ent_type_ in _PLACE_LABELS
                and head.dep_ == "pobj"
                and head.head.lower_ in ("in", "at")
            ):
                continue
            a0 = ctx.off + t.idx
            named = t.ent_type_ in ACTOR_LABELS or ctx.mention_in(a0, a0 + len(t))
            if named:
                seen.add(head.i)
                seen.add(t.i)
                # a place named on the trigger itself ("a Kabul car bombing") is that place
                out.append(t if t.dep_ in ("amod", "poss") or head.i == tok.i else head)
    return out


def _recipient_parts(
    tok: Token,
    a: Token | None,
    ap: _Part | None,
    recips: list[Token | None],
    roles: _Roles,
    ctx: _Ctx,
    mutual: bool = False,
    typ: str | None = None,
) -> list[_Part | None]:
    """Resolved recipients of one actor (of an event of type ``typ``): the grammatical ones,
    else (unless the event is ``mutual``: coordinated actors and no recipient, "X and Y held
    talks") the first actor phrase of the event's clause; a recipient that is the actor itself
    ("plans restrictions on its market") is dropped."""
    out: list[_Part | None] = []
    for r in recips:
        if r is None or (a is not None and r.i == a.i):
            continue
        rp = _resolve(r, ctx)
        if ap is not None and ap.id is not None and rp.id == ap.id:
            continue
        out.append(rp)
    if out:
        return out
    if roles.destination is None and roles.end_user is None and not mutual:
        cands: list[_Part] = []
        # a group named by its country's adjective ("Chadian rebels") is not that state:
        # an act on a place of the same country is a domestic event, not a reflexive one
        group = a is not None and a.pos_ == "NOUN" and not a.ent_type_
        for t in _fallback_recipients(tok, a, ctx, typ):
            rp = _resolve(t, ctx)
            same = rp.id == ap.id and rp.id is not None if ap is not None else False
            if ap is not None and ((same and not group) or rp.text == ap.text):
                continue
            cands.append(rp)
        # an actor placed in a country beats a name we cannot place ("in the port of Lindhaven
        # ... independence from Norway")
        placed = [c for c in cands if participant_code(ctx.actor(c.id), c.text) is not None]
        if placed or cands:
            return [(placed or cands)[0]]
    return [None]


def _demand_recipients(tok: Token, ctx: _Ctx) -> list[Token]:
    """The target of a protest is whom its demand is addressed to: the recipients of a REQUEST
    clause that states the protest's purpose ("staged demonstrations to demand reforms from
    the government", "rioted, demanding independence from X")."""
    hosts = [tok]
    if _pos_class(tok) == "N" and tok.head.i != tok.i:
        hosts.append(_nominal_host(tok).head)  # "began a hunger strike to demand ..."
    for h in hosts:
        for c in h.children:
            cands = [c] if c.dep_ in ("advcl", "xcomp", "acl", "conj") else []
            if c.dep_ == "prep":
                cands = [x for x in c.children if x.dep_ in ("pcomp", "pobj")]
            for x in cands:
                m = _match(x, set())
                if m is None or m[0].type != "REQUEST":
                    continue
                found = _roles(x, m[0], m[1], ctx).recipients or _fallback_recipients(x, None, ctx)
                if found:
                    return [r for t in found for r in _expand(t)]
    return []


def _is_internal(
    a: Token | None, ap: _Part | None, rp: _Part | None, ctx: _Ctx, tok: Token | None = None
) -> bool:
    """The actor's own phrase names the recipient ("the owner of Wagner, X, finances Wagner's
    operations"): the act stays inside one side. The event's own clause in that phrase
    (``tok``'s: "companies supplying drones to Russia") does not count."""
    if a is None or ap is None or rp is None or rp.id is None or rp.id == ap.id:
        return False
    h = a
    if a.dep_ == "appos":  # the name apposed to a role phrase: the role phrase counts too
        h = a.head
        while h.dep_ in ("pobj", "prep") and h.head.i != h.i:
            h = h.head
    # the phrase without its relative clause, where the event itself may be ("companies,
    # which X accuses of supplying the army")
    rel = [c for c in h.children if c.dep_ == "relcl"]
    toks = [t for t in h.subtree if not any(t.i >= c.left_edge.i for c in rel)]
    if tok is not None and tok.i in {t.i for t in toks}:
        own = {t.i for t in tok.subtree}
        toks = [t for t in toks if t.i not in own]
    if not toks:
        return False
    s0 = ctx.off + toks[0].idx
    e0 = ctx.off + toks[-1].idx + len(toks[-1])
    return any(
        m.start >= s0 and m.end <= e0 and getattr(m, "actor_id", None) == rp.id
        for m in ctx.mentions
    )


@cache
def claim_nouns() -> frozenset[str]:
    """Nouns of a claim one can reject ("claims", "allegations", "statements", "reports"):
    the cue nouns of the attribution lexicon (``data/cues.tsv``) that assert, allege, confirm
    or estimate."""
    stances = ("assert", "allege", "confirm", "estimate")
    return frozenset(c.cue for c in load_cues().values() if c.pos == "noun" and c.stance in stances)


def _claim_author(noun: Token) -> Token | None:
    """Who made the claim a noun names: "Washington's allegations", "claims made by the
    RSF", "the allegations by / from Kyiv" (a name compound, "US statements", is resolved with
    the whole phrase)."""
    if noun.lemma_.lower() not in claim_nouns():
        return None
    for c in noun.children:
        if c.dep_ == "poss":
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            return _pobj(c)
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            if agent is not None:
                return _pobj(agent)
    return None


@cache
def say_lemmas() -> frozenset[str]:
    """Verbs and nouns of saying under which "Y must / should do Z" is a demand on Y: the
    assert-stance verbs and nouns of the attribution cue lexicon (``data/cues.tsv``)."""
    cues = load_cues().values()
    return frozenset(c.cue for c in cues if c.stance == "assert" and c.pos in ("verb", "noun"))


OBLIGATION_MODALS = {"must", "should"}
#: lexicon row of a demand made by stating an obligation (CAMEO 10 "make demand")
_OBLIGATION = Trigger("must", "V", ("@obligation",), "REQUEST", "100")


def _obligations(sent: Span) -> list[tuple[Token, Token, Token]]:
    """(clause verb, modal, governing speech word) of each "X said that Y must do Z" in the
    sentence: stating what another party must or should do is a demand on that party (CAMEO
    10), whatever Z is; a clause whose subject is the speaker ("we must act") is not."""
    out = []
    for v in sent:
        if v.dep_ not in ("ccomp", "acl") or v.head.i == v.i:
            continue
        modal = next(
            (c for c in v.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS), None
        )
        if modal is None:
            continue
        if any(c.dep_ == "aux" and c.lemma_ == "have" and c.i > modal.i for c in v.children):
            continue  # "must have been symmetric", "should have known": a guess or a reproach
        h = v.head
        m = _match(h, set())
        if h.lemma_.lower() not in say_lemmas() and (m is None or m[0].type != "REQUEST"):
            continue
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lower_ in ("we", "i"):
            continue
        if v.lemma_.lower() in _COGNITION_VERBS:
            continue  # "people must know that bishops serve them": a view, not a demand
        out.append((v, modal, h))
    return out


def _obligation_chain(v: Token) -> set[int]:
    """The clause verb and the predicates it carries ("must be ready to mediate")."""
    out = {v.i}
    todo = [v]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ in ("xcomp", "acomp", "prt") and c.i not in out:
                out.add(c.i)
                todo.append(c)
    return out


def _obligation_roles(v: Token, h: Token, ctx: _Ctx) -> tuple[list[Token], list[Token]]:
    """(speakers, addressees) of a stated obligation: the speaker is the subject of the speech
    verb (or of the verb a speech noun depends on: "issued a reminder"); the addressee is whom
    the speech is addressed to ("told Iraq", "a reminder to Iraq"), else the clause's subject
    when it names an actor; no addressee, no demand."""
    if _pos_class(h) == "N":
        gov = _nominal_host(h).head
        subj = _subject(gov)[0] if gov.i != h.i and gov.pos_ in ("VERB", "AUX") else None
    else:
        subj, _ = _subject(h)
        gov = h
    addressees: list[Token] = []
    for host in (h, gov):
        for c in host.children:
            if c.dep_ in ("dative", "iobj", "dobj") or (c.dep_ == "prep" and c.lower_ == "to"):
                p = _pobj(c) if c.pos_ == "ADP" else c
                if p is not None and p.i != h.i and _is_actorish(p, ctx):
                    addressees.append(p)
        if addressees:
            break
    if not addressees:
        # the clause's subject, if it names an actor ("prices should fall" is no demand; "it
        # must" without an addressee is most often the speaker's own duty)
        cs = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if cs is not None and cs.pos_ != "PRON" and _is_actorish(cs, ctx):
            addressees.append(cs)
    return ([subj] if subj is not None else []), addressees


def extract_doc(
    doc: Doc,
    article_id: str,
    offset: int = 0,
    segment: int = 0,
    rec: ArticleRecords | None = None,
    first_n: int = 1,
) -> list[Event]:
    """Events of one parsed paragraph whose text starts at ``offset`` in the stored text."""
    ctx = _Ctx(rec, offset)
    types = plover_types()
    out: list[Event] = []
    n = first_n
    for sent in doc.sents:
        found = find_triggers(sent)
        obligations = [o for o in _obligations(sent) if _obligation_roles(o[0], o[2], ctx)[1]]
        if obligations:
            # the obligation's own verbs are the content of the demand, not events
            inside: set[int] = set()
            for v, _modal, _h in obligations:
                inside |= _obligation_chain(v)
            found = [f for f in found if f[0].i not in inside]
            speech = {f[0].i for f in found if f[1].type == "REQUEST"}
            found += [
                (v, _OBLIGATION, [modal])
                for v, modal, h in obligations
                if h.i not in speech  # "demanded that X must": the demand is already an event
            ]
            found.sort(key=lambda f: f[0].i)
        for tok, row, used in found:
            if _is_denied_noun(tok, row):
                continue
            roles = _roles(tok, row, used, ctx)
            if row is _OBLIGATION:
                h = next(h for v, _m, h in obligations if v.i == tok.i)
                speakers, addressees = _obligation_roles(tok, h, ctx)
                roles = _Roles(speakers, addressees, None, None, [])
            start = offset + min([tok.idx] + [u.idx for u in used if abs(u.i - tok.i) <= 4])
            last = max([tok] + [u for u in used if abs(u.i - tok.i) <= 4], key=lambda t: t.i)
            end = offset + last.idx + len(last)
            pt = types[row.cameo]
            cameo, mode, context = row.cameo, pt.mode, pt.context
            names, cats, item_tok = (
                _items(roles.themes + [tok], tok)
                if row.type in ("AID", "REQUEST")
                else ([], [], None)
            )
            if row.type == "AID" and names:
                if all(c in ("humanitarian",) for c in cats):
                    cameo, context = "073", "humanitarian"
                else:
                    cameo, context = "072", "military"
            elif row.type == "REQUEST" and names and cameo == "0232":
                context = "military" if any(c != "humanitarian" for c in cats) else "humanitarian"
            link, inner = _attribution_for(start, ctx, row.type in ("REJECT", "ACCUSE"))
            stance = getattr(inner, "stance", None)
            pol, cert, time = factuality(tok, stance)
            actors = [_antecedent(a, ctx) for t in roles.actors for a in _expand(t)]
            actors = _dedupe(actors) or [None]
            recips = [_antecedent(r, ctx) for t in roles.recipients for r in _expand(t)]
            recips = _dedupe(recips) or [None]
            if tok.lemma_.lower() == "violate" and row.type == "ACCUSE":
                # "X violates the resolutions" said by Y: Y accuses X
                recips = []
                for a in actors:
                    m = _match(a, set()) if a is not None else None
                    if m is not None:  # "the supply of weapons from the DPRK violates"
                        recips.extend(_roles(a, m[0], m[1], ctx).actors or [a])
                    else:
                        recips.append(a)
                main = tok.head if tok.dep_ == "advcl" else None
                subj = _subject(main)[0] if main is not None else None
                actors = [subj] if subj is not None else [None]
            if row.type == "PROTEST" and recips == [None]:
                recips = _demand_recipients(tok, ctx) or recips
            dest = _resolve(roles.destination, ctx) if roles.destination is not None else None
            enduser = _resolve(roles.end_user, ctx) if roles.end_user is not None else None
            tx = _timex_for(tok, ctx)
            status = _status(tok, row.type, context, pol, time, stance)
            quantity = _quantity(item_tok, ctx)
            # coordinated actors with no recipient act together or with each other: PLOVER
            # codes them all as sources and no target ("X and Y failed to reach agreement")
            # (an act on an object, "X and Y shelled positions of Z", is not mutual)
            mutual = (
                recips == [None]
                and len([a for a in actors if a is not None]) > 1
                and not any(c.dep_ == "dobj" and c not in used for c in tok.children)
            )
            for a in actors:
                ap = _resolve(a, ctx) if a is not None else None
                rparts = _recipient_parts(tok, a, ap, recips, roles, ctx, mutual, row.type)
                for rp in rparts:
                    if row.type in INTERNAL_TYPES and _is_internal(a, ap, rp, ctx, tok):
                        continue  # the owner of a group funding it is not aid between actors
                    out.append(
                        Event(
                            id=f"{article_id}:e{n}",
                            start=start,
                            end=end,
                            trigger=(
                                rec.text[start:end]
                                if rec is not None
                                else doc.text[start - offset : end - offset]
                            ),
                            sentence_start=offset + sent.start_char,
                            sentence_end=offset + sent.end_char,
                            segment=segment,
                            type=row.type,
                            mode=mode,
                            context=context,
                            cameo=cameo,
                            actor_id=ap.id if ap else None,
                            actor_text=ap.text if ap else None,
                            recipient_id=rp.id if rp else None,
                            recipient_text=rp.text if rp else None,
                            destination_id=(dest.id or dest.text) if dest else None,
                            end_user_id=(enduser.id or enduser.text) if enduser else None,
                            items="; ".join(names) or None,
                            item_category="; ".join(dict.fromkeys(cats)) or None,
                            quantity=quantity,
                            status=status,
                            polarity=pol,
                            certainty=cert,
                            time=time,
                            time_value=getattr(tx, "value", None) if tx is not None else None,
                            attribution_id=getattr(link, "id", None) if link is not None else None,
                        )
                    )
                    n += 1
    return out


def _anchored(ev: Event, para: Any, timexes: list[Any], dct: Any) -> Event:
    """The event with its time anchor: its sentence's timex, else the publication date and
    the tense of the trigger (see :func:`claimgraph.timex.anchor_for`)."""
    from claimgraph.timex import anchor_for, tense_of

    span = para.doc.char_span(ev.start - para.start, ev.end - para.start, alignment_mode="expand")
    tense = tense_of(span.root) if span is not None and len(span) else None
    value, precision = anchor_for((ev.sentence_start, ev.sentence_end), timexes, dct, tense)
    return replace(ev, time_anchor=value, time_precision=precision)


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Stage entry: append the article's events to ``rec.extra["events"]``."""
    events: list[Event] = rec.extra.setdefault(TABLE, [])
    n = len(events) + 1
    timexes = rec.extra.get("timexes", [])
    for para in ann.paragraphs:
        new = extract_doc(para.doc, rec.id, para.start, para.segment, rec, n)
        events.extend(_anchored(ev, para, timexes, rec.article.published) for ev in new)
        n += len(new)


# ---------------------------------------------------------------- participant codes

#: codes that name a kind of actor, not a country (not lent to a co-participant)
_NON_COUNTRY_CODES = {"IGO", "NGO", "IMG", "MNC"}


def _country_code(code: str | None) -> str | None:
    return code if code and code not in _NON_COUNTRY_CODES else None


def _context_country(ev: Event, rec: ArticleRecords, exclude: str | None = None) -> str | None:
    """The first country placed in the event's sentence (other than ``exclude``): the country
    of the first actor mention that has one, else the first country name or demonym in the
    sentence's text."""
    from claimgraph.events.lexicon import countries

    ctx = _Ctx(rec)
    s0, s1 = ev.sentence_start, ev.sentence_end
    for m in sorted(ctx.mentions, key=lambda m: m.start):
        if not (s0 <= m.start < s1):
            continue
        aid = getattr(m, "actor_id", None)
        code = _country_code(participant_code(ctx.actor(aid), None)) if aid else None
        if code and code != exclude:
            return code
    table = countries()
    for hit in table.pattern.finditer(rec.text[s0:s1].lower()):
        code = _country_code(table.names[hit.group(1)])
        if code and code != exclude:
            return code
    return None


_SIDE_WORD = re.compile(r"\b(?:pro|anti)-\w|\w-(?:backed|supported|sponsored|funded)\b", re.I)
_PLACE_SPLIT = re.compile(r"\b(?:in|of|throughout|across)\b", re.IGNORECASE)
_ETHNIC = re.compile(r"\bethnic\b", re.IGNORECASE)


def _people_in_place(text: str, code: str | None) -> tuple[bool, str | None]:
    """(the phrase names a people rather than a state, the country of the place it is in).

    "ethnic Hungarians", and a plural people noun placed by a phrase ("Hungarians of southern
    Slovakia", "Kurds in X"), denote a population of the place, not the state their name
    comes from: event coders give them the place's country."""
    parts = _PLACE_SPLIT.split(text, maxsplit=1)
    place = code_of_text(parts[1]) if len(parts) == 2 else None
    if _ETHNIC.search(parts[0]):
        return True, _country_code(place)
    words = parts[0].split()
    if (
        len(parts) == 2
        and words
        and words[-1].endswith("s")
        and words[-1][:1].isupper()
        and code_of_text(words[-1]) == code
        and place
        and place != code
    ):
        return True, _country_code(place)
    return False, None


def event_codes(ev: Event, rec: ArticleRecords | None = None) -> tuple[str | None, str | None]:
    """CAMEO-style codes (source, target) of an event's participants, as a CAMEO/PLOVER coder
    exports them.

    Each participant gets :func:`claimgraph.events.lexicon.participant_code` (its actor's
    country, IGO, or a country word in its phrase). A participant that exists but has no
    country (a person or group the gazetteer does not place: "President X", "the prisoners")
    is coded with the country of the other participant, else the first country placed in the
    sentence: news reports an unplaced actor mostly in its own country's events, which is also
    how event coders fill the country of domestic actors. Absent participants stay ``None``."""
    actors: dict[str, Any] = {}
    if rec is not None:
        actors = {getattr(a, "id", ""): a for a in rec.extra.get("actors", []) or []}

    def actor(aid: str | None) -> Any | None:
        return _actor_record(actors, aid)

    def code(aid: str | None, text: str | None) -> str | None:
        if not text:
            return None
        c = participant_code(actor(aid), text)
        if _SIDE_WORD.search(text):  # "pro-Iranian Hizbollah": the actor is not Iran's
            c = code_of_text(text)
        people, place = _people_in_place(text, c)
        if people:
            return place or (_context_country(ev, rec, exclude=c) if rec is not None else None)
        return c

    src = code(ev.actor_id, ev.actor_text)
    tgt = code(ev.recipient_id, ev.recipient_text)
    if (src is None and ev.actor_text) or (tgt is None and ev.recipient_text):
        fallback = None
        if rec is not None:
            fallback = _context_country(ev, rec)
        s0, t0 = src, tgt
        if src is None and ev.actor_text:
            src = _country_code(t0) or fallback
        if tgt is None and ev.recipient_text:
            tgt = _country_code(s0) or fallback
    return src, tgt
