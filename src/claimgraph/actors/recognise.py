"""Recognition: spaCy NER plus an entity ruler fed by the gazetteer, and a small fixer.

:func:`add_actor_components` is appended to :data:`claimgraph.annotate.PIPELINE_HOOKS`
when :mod:`claimgraph.actors` is imported, so every process builds the same pipeline:

- ``entity_ruler`` (before ``ner``): phrase patterns for the gazetteer's aliases that are safe
  out of context (several words, or short all-caps forms such as DPRK, U.S., NATO). spaCy's
  NER keeps these spans, so "DPRK" is a GPE and "UN Security Council" one ORG.
- ``actor_fixes`` (after ``ner``): rules for spaCy's systematic errors on news, written by
  hand because they are small, local and specific to the model's behaviour:
  page furniture ("Next Post") dropped; lower-camel brand names and model numbers
  (iPhone, A380) tagged ORG become PRODUCT; a whole entity that is a gazetteer alias gets the
  gazetteer's label ("Wagner" PERSON -> ORG, "Russia" ORG -> GPE); a single-word alias that
  NER missed is added when it is not part of a longer proper name; a lone capitalised word
  tagged ORG/GPE after the speech verb it is the subject of ('..., said Kirby') or the surname
  of a person named earlier in the paragraph becomes a PERSON (across paragraphs, the
  resolver joins surnames to full names, see :mod:`claimgraph.actors.resolve`).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from claimgraph.actors.gazetteer import Alias, load_gazetteer, norm_key

RULER_NAME = "entity_ruler"
FIXER_NAME = "actor_fixes"

#: spaCy label for each actor type (adjectives are NORP).
TYPE_LABEL = {
    "state": "GPE",
    "location": "GPE",
    "person": "PERSON",
}
SPEECH_LEMMAS = frozenset(
    "say add tell note explain state claim insist deny confirm write warn announce "  # noqa: SIM905
    "argue report stress reply acknowledge".split()
)


def alias_label(alias: Alias) -> str:
    """The spaCy label an alias should carry."""
    if alias.kind == "adjective":
        return "NORP"
    actor = load_gazetteer().actors[alias.actor_id]
    return TYPE_LABEL.get(actor.type, "ORG")


def _safe_out_of_context(text: str) -> bool:
    """Several words, or a short form with capitals/dots (DPRK, U.S.): safe for the ruler."""
    if " " in text or "-" in text:
        return True
    return sum(ch.isupper() for ch in text) >= 2


def ruler_patterns() -> list[dict[str, str]]:
    """Entity-ruler phrase patterns (with the actor id) for the safe aliases."""
    g = load_gazetteer()
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for aliases in g.aliases.values():
        for a in aliases:
            if a.ambiguous or not _safe_out_of_context(a.text):
                continue
            key = (a.text, a.actor_id)
            if key in seen:
                continue
            seen.add(key)
            out.append({"label": alias_label(a), "pattern": a.text, "id": a.actor_id})
    return out


_PRODUCT_TOKEN = re.compile(r"^(?:[a-z]{1,2}[A-Z]\w*|[A-Z]{0,2}\d{3,}[\w-]*)$")


def _looks_like_product(ent: Span) -> bool:
    """Product names spaCy tags as organisations: lower-camel brand names (iPhone, iTunes)
    and model numbers (A380, 777-200LR)."""
    return any(_PRODUCT_TOKEN.match(t.text) for t in ent) and not any(
        t.text in ("Inc.", "Corp.", "Ltd", "LLC", "Group") for t in ent
    )


def _is_name_token(tok) -> bool:  # noqa: ANN001 - spaCy Token
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ", "X")


def _speech_subject(span: Span) -> bool:
    """A name after its speech verb ("..., said Kirby"): news inverts this for persons,
    rarely for organisations ("Apple said" stays an organisation)."""
    root = span.root
    return (
        root.dep_ in ("nsubj", "nsubjpass")
        and root.head.lemma_ in SPEECH_LEMMAS
        and root.head.i < root.i
    )


@Language.component(FIXER_NAME)
def actor_fixes(doc: Doc) -> Doc:
    """Fix spaCy's systematic entity errors on news (see the module docstring)."""
    g = load_gazetteer()
    ents: list[Span] = []
    persons_surnames: set[str] = set()
    for ent in doc.ents:
        text = ent.text.strip()
        if text.casefold() in g.not_entities or norm_key(text).casefold() in g.not_entities:
            continue
        hit = g.lookup(text)
        if hit is None and ent.label_ in ("ORG", "GPE", "PERSON") and _looks_like_product(ent):
            ent = Span(doc, ent.start, ent.end, label="PRODUCT")
        elif hit is not None and not (ent.label_ == "PERSON" and not hit.ambiguous and " " in text):
            label = alias_label(hit)
            if label != ent.label_:
                ent = Span(doc, ent.start, ent.end, label=label)
        elif (
            ent.label_ in ("ORG", "GPE", "NORP", "PRODUCT")
            and len(ent) == 1
            and ent.text.istitle()
            and (ent.text in persons_surnames or (_speech_subject(ent) and ent.label_ != "NORP"))
        ):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        if ent.label_ == "PERSON" and len(ent) > 1:
            persons_surnames.add(ent[-1].text)
        ents.append(ent)
    # single-word aliases NER missed, when not part of a longer proper name
    taken = {i for e in ents for i in range(e.start, e.end)}
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        hit = g.lookup(tok.text)
        if hit is None or " " in hit.text:
            continue
        prev_name = tok.i > 0 and _is_name_token(doc[tok.i - 1]) and tok.i - 1 != tok.sent.start
        next_name = tok.i + 1 < len(doc) and _is_name_token(doc[tok.i + 1])
        if prev_name or next_name:
            continue
        ents.append(Span(doc, tok.i, tok.i + 1, label=alias_label(hit)))
    doc.ents = filter_spans(ents)
    return doc


def add_actor_components(nlp: Language) -> None:
    """Pipeline hook: the gazetteer entity ruler before ``ner`` and the fixer after it."""
    if RULER_NAME not in nlp.pipe_names:
        where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
        ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"validate": False}, **where)
        ruler.add_patterns(ruler_patterns())  # type: ignore[attr-defined]
    if FIXER_NAME not in nlp.pipe_names:
        where = {"after": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe(FIXER_NAME, **where)


#: Components this package adds (disable them to get plain spaCy for baselines).
COMPONENTS = (RULER_NAME, FIXER_NAME)
