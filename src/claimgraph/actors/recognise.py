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
  resolver joins surnames to full names, see :mod:`claimgraph.actors.resolve`); an airline
  name swallowing "Flight" ("Air France Flight 447") loses it.
- products (:func:`_products`): a maker and a model designation make one PRODUCT ("Boeing
  787 Dreamliners", "Airbus A380"); model designations ("A380", "F-16", "S-400") and
  lower-camel brands ("iPhone", "iOS") are products on their own, and a product name takes
  the designation after it ("iPhone 4"); a product-looking name (upper camel or digits)
  before a product head noun ("MacBook Air laptops") is a product; so is a hyphenated
  designation, or a name before a model designation, that modifies or is in apposition to a
  product noun ("Aist-M loitering drones", "the Aist-M, a loitering munition", "Ilyushin
  Il-76 freighters"). Product nouns and organisation descriptor nouns are data
  (``actors_roles.tsv``).
- descriptors (:func:`_descriptor_orgs`): a capitalised name after an organisation
  descriptor noun is an organisation ("German airline Lufthansa", "automaker Fiat", "its
  European division, Opel"), where spaCy has nothing or a person or place.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
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
#: A model designation after a maker's name: "Boeing 737s", "Airbus A400M", "iPhone 3GS".
_MODEL_TOKEN = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,2}-?\d{2,}[A-Za-z0-9-]*|\d{3}(?:-\d{2,}[A-Z]*)?s?|\d{1,2}[A-Z]{0,3})$"
)
#: A model designation that names a product on its own: "A380", "F-16", "S-400", "MiG-29"
#: (letters then three or more digits, or letters, a hyphen and two or more digits).
_STRONG_MODEL = re.compile(r"^(?!I-)[A-Z][A-Za-z]{0,2}(?:\d{3,}|-\d{2,})[A-Za-z0-9-]*$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
#: Lower-camel brand names: iPhone, iPad, iOS, iTunes.
_CAMEL_BRAND = re.compile(r"^[a-z][A-Z][A-Za-z]+$")
#: Upper-camel or digit-bearing product tokens (MacBook, PlayStation): used with product nouns.
_PRODUCTISH = re.compile(r"^(?:[A-Z][a-z]+[A-Z][A-Za-z]+|[a-z][A-Z]\w+|\w*\d\w*)$")
#: A weapon designation with a hyphen: "Aist-M", "Shahed-136", "Tor-M2" (tokens joined).
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{1,10}-(?:[A-Z]\d*|\d+[A-Z]*|[A-Z]\d+[A-Z]?)$")
#: Words of company names: a name with one is the company, never its product.
_COMPANY_WORDS = frozenset(
    "Inc. Inc Corp. Corp Corporation Co. Company Ltd Ltd. LLC plc PLC AG SA GmbH Group "  # noqa: SIM905
    "Holdings Motors Airlines Airways Industries Technologies Systems Aerospace".split()
)


def _looks_like_product(ent: Span) -> bool:
    """Product names spaCy tags as organisations: lower-camel brand names (iPhone, iTunes)
    and model numbers (A380, 777-200LR)."""
    return any(_PRODUCT_TOKEN.match(t.text) and not _YEAR.match(t.text) for t in ent) and not any(
        t.text in _COMPANY_WORDS for t in ent
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
        if ent.label_ == "ORG" and len(ent) > 1 and ent[-1].lower_ == "flight":
            # "Air France Flight 447": the airline, then a flight number
            ent = Span(doc, ent.start, ent.end - 1, label="ORG")
            text = ent.text.strip()
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
    ents = filter_spans(ents)
    fixed = _descriptor_orgs(doc, ents)
    if fixed:
        ents = filter_spans(
            [e for e in ents if not any(f.start < e.end and e.start < f.end for f in fixed)] + fixed
        )
    doc.ents = filter_spans(_products(doc, ents) + ents)
    return doc


def _title_token(tok, g) -> bool:  # noqa: ANN001 - spaCy Token, Gazetteer
    """A capitalised token that is part of a name (not a role word, not a sentence start)."""
    return (
        tok.text[:1].isupper()
        and tok.pos_ in ("PROPN", "NOUN", "X")
        and tok.lower_ not in g.roles
        and not tok.is_sent_start
    )


def _extend_product(doc: Doc, end: int, stop: set[int]) -> int:
    """Extend a product name rightwards over model designations and capitalised proper nouns
    ("iPhone" + "4", "Boeing 787" + "Dreamliners", "iTunes" + "Music Store")."""
    while end < len(doc) and end not in stop:
        t = doc[end]
        if (_MODEL_TOKEN.match(t.text) and not _YEAR.match(t.text)) or (
            t.text[:1].isupper() and t.pos_ == "PROPN" and not t.is_sent_start
        ):
            end += 1
            continue
        break
    return end


def _maker_prefix(ent: Span) -> bool:
    """The entity can start a product name as its maker ("Boeing" in "Boeing 737"): a
    gazetteer company, or an unknown organisation without a legal-form word ("Acme Corp")."""
    hit = load_gazetteer().lookup(ent.text)
    if hit is not None:
        return load_gazetteer().actors[hit.actor_id].type == "company"
    return ent.label_ == "ORG" and not any(t.text in _COMPANY_WORDS for t in ent)


def _products(doc: Doc, ents: list[Span]) -> list[Span]:
    """Product names spaCy misses or takes for organisations (see the module docstring)."""
    g = load_gazetteer()
    out: list[Span] = []
    by_start = {e.start: e for e in ents}
    in_ent = {i: e for e in ents for i in range(e.start, e.end)}
    other = {
        i
        for e in ents
        if e.label_ not in ("ORG", "PRODUCT", "CARDINAL")
        for i in range(e.start, e.end)
    }
    for e in ents:
        nxt = e.end
        if e.label_ == "PRODUCT":
            # "iPhone" + "4": the model designation is part of the product's name
            end = _extend_product(doc, e.end, other)
            out.append(Span(doc, e.start, end, label="PRODUCT"))
        elif (
            e.label_ in ("ORG", "PERSON")
            and nxt < len(doc)
            and (_MODEL_TOKEN.match(doc[nxt].text) or by_start.get(nxt, e).label_ == "PRODUCT")
            and not _YEAR.match(doc[nxt].text)
            and _maker_prefix(e)
        ):
            # maker + model: "Boeing 787 Dreamliners", "Airbus A380"
            out.append(Span(doc, e.start, _extend_product(doc, nxt + 1, other), label="PRODUCT"))
        elif e.label_ in ("ORG", "PERSON", "GPE") and g.lookup(e.text) is None:
            # "MacBook Air laptops", "Mac OS X operating system": a product-looking name
            # before a product noun
            end = e.end
            while end < len(doc) and _title_token(doc[end], g) and end not in other:
                end += 1
            head = doc[end] if end < len(doc) else None
            two = (
                f"{head.lower_} {doc[end + 1].lower_}"
                if head is not None and end + 1 < len(doc)
                else ""
            )
            if (
                head is not None
                and (head.lemma_.lower() in g.product_nouns or two == "operating system")
                and any(_PRODUCTISH.match(t.text) for t in doc[e.start : end])
                and not any(t.text in _COMPANY_WORDS for t in doc[e.start : end])
            ):
                out.append(Span(doc, e.start, end, label="PRODUCT"))
    for e in ents:
        # "Aist-M loitering drones", "the Aist-M, a loitering munition", "Ilyushin Il-76
        # freighters": a designation or a name before a model, whose noun is a product
        if e.label_ not in ("ORG", "PERSON", "GPE") or g.lookup(e.text) is not None:
            continue
        chain = _compound_chain(e)
        models = [t for t in chain if _MODEL_TOKEN.match(t.text) and not _YEAR.match(t.text)]
        name = "".join(t.text for t in e if t.lower_ not in ("the", "a", "an"))
        if not (_DESIGNATION.match(name) or models):
            continue
        if any(t.text in _COMPANY_WORDS for t in e):
            continue
        heads = [chain[-1]] if chain else []
        heads += [c for c in e.root.children if c.dep_ == "appos"]
        if any(h.lemma_.lower() in g.product_nouns for h in heads):
            end = max([e.end, *(t.i + 1 for t in models)])
            out.append(Span(doc, e.start, end, label="PRODUCT"))
    for tok in doc:
        if tok.i in in_ent and in_ent[tok.i].label_ not in ("CARDINAL", "ORG", "PERSON", "GPE"):
            continue
        if tok.i in in_ent and len(in_ent[tok.i]) > 1:
            continue
        if _STRONG_MODEL.match(tok.text) or (
            _CAMEL_BRAND.match(tok.text) and g.lookup(tok.text) is None and tok.pos_ != "VERB"
        ):
            # "A380", "F-16", "iPhone", "iOS 5" on their own
            out.append(Span(doc, tok.i, _extend_product(doc, tok.i + 1, other), label="PRODUCT"))
    return out


def _compound_chain(e: Span) -> list[Token]:
    """The words the entity modifies as a compound, up to the noun they name ("Ilyushin" in
    "Ilyushin Il-76 freighters": Il-76, freighters); empty if the entity is no modifier."""
    out: list[Token] = []
    t = e.root
    while t.dep_ == "compound" and t.head.i != t.i and t.head.i > t.i and len(out) < 4:
        t = t.head
        if t.i >= e.end:
            out.append(t)
    return out


def _descriptor_orgs(doc: Doc, ents: list[Span]) -> list[Span]:
    """Names after an organisation descriptor noun are organisations: "German airline
    Lufthansa", "automaker Fiat", "its European division, Opel" (spaCy misses them or calls
    them persons or places)."""
    g = load_gazetteer()
    out: list[Span] = []
    in_ent = {i: e for e in ents for i in range(e.start, e.end)}
    for tok in doc:
        if (
            not tok.text.islower()
            or tok.pos_ not in ("NOUN", "ADJ")
            or tok.lemma_.lower() not in g.org_nouns
        ):
            continue
        j = tok.i + 1
        comma = j < len(doc) and doc[j].text == ","
        j += comma
        end = j
        while end < len(doc) and (
            _title_token(doc[end], g) or (end > j and doc[end].text in ("&", "-"))
        ):
            end += 1
        if end == j or doc[end - 1].text in ("&", "-"):
            continue
        if comma and end < len(doc) and not doc[end].is_punct:
            continue  # "the company, Apple said": not an apposition
        span = Span(doc, j, end, label="ORG")
        ent = in_ent.get(j)
        if ent is not None and (
            (ent.start, ent.end) != (j, end)
            or ent.label_ in ("ORG", "PRODUCT")
            or g.lookup(ent.text) is not None
        ):
            continue  # spaCy's own organisation, a gazetteer name, or a different extent
        if any(i in in_ent and in_ent[i] is not ent for i in range(j, end)):
            continue
        out.append(span)
    return out


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
