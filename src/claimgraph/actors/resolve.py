"""Resolution: entity mentions -> canonical actors, roles, and in-document coreference.

Hand-written rules, because no maintained library covers this combination offline with the
small spaCy model (coreferee and spacy-experimental's coref need other spaCy versions or
transformer weights): the gazetteer gives canonical actors; names the gazetteer does not know
become new actors (never dropped); persons get roles and affiliations from pre-modifiers
("Pentagon spokesman Pat Ryder") and appositions ("X's oligarch and owner of Wagner, Y");
surnames, short company names and acronyms join the full name in the same article;
"the spokesman", "the group", "the company" and he/she/it join the one earlier actor that fits,
and only when exactly one fits; adjectives and short forms before group nouns ("Russian
soldiers", "U.S. officials") give the country plus the sector the noun implies; "the
Canadian government" is the state with sector GOV; a capital after a locative preposition ("in
central London") is the place, not the state's government ("to Moscow" stays the state); a
new company's canonical name drops the legal form ("General Motors Corporation" -> "General
Motors"); names inside non-actor entities ("Boeing" in the product "Boeing 787") are not
mentions.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.actors.gazetteer import Actor, Alias, Gazetteer, load_gazetteer, norm_key, slug
from claimgraph.annotate import Annotation
from claimgraph.records import ArticleRecords

#: spaCy labels that name actors.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Mention kinds.
KINDS = ("name", "alias", "metonym", "adjective", "surname", "nominal", "pronoun")

_CORP_SUFFIX = re.compile(
    r"\s*,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|LLC|L\.L\.C\.|Ltd\.?|"
    r"Limited|plc|PLC|AG|SA|S\.A\.|NV|N\.V\.|GmbH|Group|Holdings?)$"
)
#: Legal-form suffixes left out of a new company's canonical name ("Company" stays: "Ford Motor
#: Company" is the name).
_LEGAL_SUFFIX = re.compile(
    r"\s*,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|plc|PLC|"
    r"AG|SA|S\.A\.|SpA|S\.p\.A\.|NV|N\.V\.|GmbH)$"
)
_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. dr dr. sir lord lady prof prof. president gen. gen general "  # noqa: SIM905
    "minister senator sen. rep. gov. governor judge justice".split()
)
#: last words of a publication's name that NER takes for a person's ("Horn Monitor")
_MASTHEAD_WORDS = frozenset(
    ["Times", "Journal", "Herald", "Tribune", "Gazette", "Telegraph", "Monitor", "Digest"]
    + ["Courier", "Ledger", "Dispatch", "Chronicle", "Observer", "Review", "Wire", "Magazine"]
    + ["Bulletin", "Weekly", "News"]
)
#: words of a media organisation's name: the mastheads and a few that are also surnames
_MEDIA_WORDS = _MASTHEAD_WORDS | {"Post", "TV", "Radio", "Press", "Broadcasting"}
_TYPE_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:Army|Navy|Air Force|Armed Forces|Forces|Marines|Guard)\b"), "military"),
    (
        re.compile(
            r"\b(?:Ministry|Department|Agency|Commission|Office|Bureau|Administration|"
            r"Council|Authority|Parliament|Senate|Congress|Court|Police)\b"
        ),
        "agency",
    ),
    (re.compile(r"\b(?:" + "|".join(sorted(_MEDIA_WORDS)) + r")\b"), "media"),
    (
        re.compile(
            r"\b(?:Inc\.?|Corp\.?|Corporation|Co\.?|Company|LLC|Ltd\.?|plc|PLC|AG|SA|"
            r"GmbH|Airlines?|Airways|Motors|Bank|Holdings?|Industries|Technologies)$"
        ),
        "company",
    ),
)
_TYPE_SECTOR = {"military": "MIL", "agency": "GOV", "media": "MED", "company": "BUS"}
#: nouns of "the group", "the company"... -> actor types they may refer to
_NOMINAL_TYPES: dict[str, frozenset[str]] = {
    "group": frozenset({"armed_group", "pmc", "group"}),
    "militia": frozenset({"armed_group", "pmc"}),
    "company": frozenset({"company", "group", "unknown"}),
    "firm": frozenset({"company", "group", "unknown"}),
    "carrier": frozenset({"company", "group", "unknown"}),
    "manufacturer": frozenset({"company", "group", "unknown"}),
    "country": frozenset({"state"}),
    "nation": frozenset({"state"}),
    "organisation": frozenset({"igo", "group"}),
    "organization": frozenset({"igo", "group"}),
    "alliance": frozenset({"igo"}),
    "bloc": frozenset({"igo"}),
    "ministry": frozenset({"agency", "military"}),
    "department": frozenset({"agency", "military"}),
    "agency": frozenset({"agency", "media"}),
}
_GOVERNMENT = re.compile(r"^(.+?)\s+(?:[Gg]overnment|[Aa]dministration)$")
#: Prepositions that make a capital a place ("in London"), not its government ("to Moscow"
#: and "from Moscow" stay the state: arms go to and come from governments).
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "across", "throughout", "within"})
_QUOTES = frozenset({"``", "''", '"', "“", "”", "‘", "’", "'"})
_VOTING = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_IT_PRONOUNS = frozenset({"it", "its", "itself"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One mention of an actor in the stored text (per-article table ``mentions``)."""

    start: int
    end: int
    text: str
    actor_id: str
    kind: str  # one of KINDS
    role: str | None  # "spokesman", "owner"; for group nouns the noun ("officials")
    sentence_start: int  # offset of the sentence that holds the mention
    sector: str | None = None  # CAMEO-style sector this mention implies (GOV, MIL, ...)


@dataclass(slots=True)
class _M:
    """A mention being resolved (mutable working record)."""

    start: int
    end: int
    text: str
    label: str
    span: Span  # the name span in its paragraph Doc
    para: int
    actor_id: str | None = None
    kind: str = "name"
    role: str | None = None
    sector: str | None = None
    alias: Alias | None = None


@dataclass(slots=True)
class _State:
    """Actors made or used while resolving one article."""

    g: Gazetteer
    actors: dict[str, Actor] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person id -> role words
    outlets: frozenset[str] = frozenset()  # the article's publishers, casefolded keys

    def use(self, actor: Actor) -> str:
        self.actors.setdefault(actor.id, actor)
        return actor.id

    def set(self, actor: Actor) -> None:
        self.actors[actor.id] = actor

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id) or self.g.actors.get(actor_id)


def _place_with_region(span: Span, label: str) -> bool:
    """A place named with its region ("Washington, D.C.", "Paris, Texas") is no person's
    surname, whoever else in the article bears the name."""
    doc, e = span.doc, span.end
    return (
        label == "GPE"
        and e + 1 < len(doc)
        and doc[e].text == ","
        and (doc[e + 1].ent_type_ in ("GPE", "LOC") or doc[e + 1].text in ("D.C.", "DC"))
    )


def _trim(span: Span) -> Span:
    """Drop a leading determiner or quote and a trailing possessive or quote from a span."""
    s, e = span.start, span.end
    while s < e - 1 and (
        span.doc[s].lower_ in ("the", "a", "an")
        or span.doc[s].is_punct
        or span.doc[s].text in _QUOTES
    ):
        s += 1
    while e > s + 1 and (
        span.doc[e - 1].text in ("'s", "’s", "'", "’")
        or span.doc[e - 1].text in _QUOTES
        or (span.doc[e - 1].is_punct and span.doc[e - 1].text not in (".", ")"))
    ):
        e -= 1
    return span.doc[s:e]


def _strip_role(span: Span, g: Gazetteer) -> Span:
    """A person's name without the capitalised role word NER took into it ("Spokesperson
    Marian Whitcombe said" at the start of a sentence)."""
    s = span.start
    while s < span.end - 1 and span.doc[s].lower_ in g.roles and span.doc[s].lower_ not in _TITLES:
        s += 1
    return span.doc[s : span.end]


def _locative(span: Span) -> bool:
    """The name is the object of a locative preposition ("in London", "in central London")."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _person_key(text: str) -> list[str]:
    toks = [t for t in norm_key(text).split() if t.casefold() not in _TITLES]
    return toks or norm_key(text).split()


def _org_key(text: str) -> str:
    return _CORP_SUFFIX.sub("", norm_key(text)).casefold()


def _country_prefix(name: str, g: Gazetteer) -> str | None:
    """The state a new organisation's name starts with: "Sudanese Armed Forces" -> SDN,
    "Belarus's foreign ministry" -> BLR (a country name or demonym of the gazetteer)."""
    words = name.split()
    for n in (3, 2, 1):
        if len(words) <= n:
            continue
        head = _POSSESSIVE_END.sub("", " ".join(words[:n]))
        hit = g.lookup(head)
        if hit is not None:
            actor = g.actor(hit.actor_id)
            if actor is not None and actor.type == "state":
                return actor.id
    return None


_POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)$")


def _new_type(label: str, name: str) -> str:
    if label == "PERSON":
        return "person"
    if label in ("GPE", "LOC", "FAC"):
        return "location"
    if label == "NORP":
        return "group"
    for rx, typ in _TYPE_HINTS:
        if rx.search(name):
            return typ
    return "group"


def _collect(ann: Annotation, g: Gazetteer) -> list[_M]:
    out: list[_M] = []
    for pi, para in enumerate(ann.paragraphs):
        for ent in para.doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            sp = _trim(ent)
            if ent.label_ == "PERSON":
                sp = _strip_role(sp, g)
            text = sp.text
            if not text.strip() or text.casefold() in g.not_entities:
                continue
            if not any(
                ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in text
            ):
                continue  # no letters, or a script the English model cannot name ("ما این است")
            out.append(
                _M(para.start + sp.start_char, para.start + sp.end_char, text, ent.label_, sp, pi)
            )
    out.sort(key=lambda m: m.start)
    _vote_labels(out)
    # a short form defined in brackets is found where it is used again; where it is defined,
    # the name before it is the mention
    return out + _propagate(out + _acronyms(out, ann), ann, g)


_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)")


def _acronyms(ms: list[_M], ann: Annotation) -> list[_M]:
    """Short forms an article defines in brackets after a name, as mentions at the brackets:
    "the Rapid Support Forces (RSF)" makes "RSF" a name of the article, so that
    :func:`_propagate` finds its later occurrences (joined to the full name by
    :func:`_short_form`)."""
    taken = {(m.start, m.end) for m in ms}
    out: list[_M] = []
    for m in ms:
        if m.label == "PERSON":
            continue
        para = ann.paragraphs[m.para]
        text = para.text or para.doc.text
        hit = _ACRONYM.match(text, m.end - para.start)
        if hit is None:
            continue
        acr = hit.group(1)
        if sum(ch.isupper() for ch in acr) < 2 or not _short_form(
            acr.casefold(), acr.replace("&", ""), _org_key(m.text)
        ):
            continue
        s, e = para.start + hit.start(1), para.start + hit.end(1)
        sp = para.doc.char_span(hit.start(1), hit.end(1))
        if sp is None or (s, e) in taken:
            continue
        out.append(_M(s, e, acr, m.label, sp, m.para))
    return out


def _vote_labels(ms: list[_M]) -> None:
    """One sense per discourse: every mention of the same text gets the text's majority label
    (so "Apple" is an organisation throughout, even where spaCy once says PERSON)."""
    votes: dict[str, dict[str, int]] = {}
    for m in ms:
        if m.label in _VOTING:
            d = votes.setdefault(norm_key(m.text), {})
            d[m.label] = d.get(m.label, 0) + 1
    for m in ms:
        d = votes.get(norm_key(m.text))
        if m.label in _VOTING and d and len(d) > 1:
            best = max(d.items(), key=lambda kv: (kv[1], kv[0] != "PERSON"))[0]
            m.label = best


def _propagate(ms: list[_M], ann: Annotation, g: Gazetteer) -> list[_M]:
    """Occurrences spaCy missed of names found elsewhere in the article (and of the surnames
    of persons named in full), as mentions with the same label."""
    known: dict[str, str] = {}
    for m in ms:
        key = norm_key(m.text)
        if m.label == "NORP" or len(key) < 3 or not key[:1].isupper():
            continue
        known.setdefault(key, m.label)
        if m.label == "PERSON" and len(m.span) > 1:
            known.setdefault(m.span[-1].text, "PERSON")
    if not known:
        return []
    rx = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken = [(m.start, m.end) for m in ms]
    # names inside other entities ("Boeing" in the product "Boeing 787") are not mentions
    taken += [
        (p.start + e.start_char, p.start + e.end_char)
        for p in ann.paragraphs
        for e in p.doc.ents
        if e.label_ not in ACTOR_LABELS
    ]
    out: list[_M] = []
    for pi, para in enumerate(ann.paragraphs):
        for hit in rx.finditer(para.text or para.doc.text):
            s, e = para.start + hit.start(), para.start + hit.end()
            if any(a < e and s < b for a, b in taken):
                continue
            sp = para.doc.char_span(hit.start(), hit.end())
            if sp is None or (
                sp.start > 0
                and sp.doc[sp.start - 1].text[:1].isupper()
                and sp.start - 1 != sp.sent.start
            ):
                continue
            if sp.end < len(sp.doc) and sp.doc[sp.end].pos_ == "PROPN":
                continue
            out.append(_M(s, e, sp.text, known[hit.group(1)], sp, pi))
            taken.append((s, e))
    return out


def _resolve_names(ms: list[_M], st: _State) -> None:
    g = st.g
    # 1. gazetteer aliases
    for m in ms:
        hit = g.lookup(m.text)
        gov = _GOVERNMENT.match(norm_key(m.text))
        if hit is None and gov:
            # "the Canadian Government", "US government": the state, GOV sector
            h2 = g.lookup(gov.group(1))
            if h2 is not None and g.actors[h2.actor_id].type == "state":
                m.actor_id, m.kind, m.sector, m.label = (
                    st.use(g.actors[h2.actor_id]),
                    "alias",
                    "GOV",
                    "GPE",
                )
                continue
        if hit is not None and hit.kind == "metonym" and _locative(m.span):
            # "in central London", "a summit in Moscow": the city, not its government
            continue
        if hit is None or (
            m.label == "PERSON" and g.actors[hit.actor_id].type != "person" and hit.ambiguous
        ):
            continue
        actor = g.actors[hit.actor_id]
        if actor.type == "person" and len(m.span) == 1:
            m.alias = hit  # a bare surname: a full name in this article wins (below)
            continue
        m.actor_id = st.use(actor)
        m.alias = hit
        m.kind = hit.kind if hit.kind != "name" else "name"
        if actor.type == "person" and len(m.span) == 1:
            m.kind = "surname"
        m.sector = hit.sector or actor.sector
        if hit.kind == "adjective":
            m.label = "NORP"
    # 2. persons: full names first, then surnames
    full: list[_M] = [
        m for m in ms if m.actor_id is None and m.label == "PERSON" and len(_person_key(m.text)) > 1
    ]
    surname_of: dict[str, str] = {}
    for m in ms:
        a = st.get(m.actor_id) if m.actor_id else None
        if a is not None and a.type == "person":
            surname_of.setdefault(a.name.split()[-1], a.id)
    for m in full:
        key = _person_key(m.text)
        known = next(
            (
                pid
                for pid, a in st.actors.items()
                if a.type == "person" and _person_key(a.name) == key
            ),
            None,
        )
        if known is None:
            # "Pat Ryder" then "Patrick Ryder": same surname and initial -> one person
            known = next(
                (
                    pid
                    for pid, a in st.actors.items()
                    if a.type == "person"
                    and _person_key(a.name)[-1] == key[-1]
                    and _person_key(a.name)[0][:1] == key[0][:1]
                ),
                None,
            )
        if known is None and len(key) > 1:
            # "Idris Kamal Eldin" then "Kamal Eldin": a surname of two words
            known = next(
                (
                    pid
                    for pid, a in st.actors.items()
                    if a.type == "person"
                    and len(_person_key(a.name)) > len(key)
                    and _person_key(a.name)[-len(key) :] == key
                ),
                None,
            )
        if known is None:
            known = st.use(
                Actor("person:" + slug(" ".join(key)), " ".join(key), "person", None, None)
            )
        m.actor_id, m.kind = known, "name"
        surname_of.setdefault(key[-1], known)
    for m in ms:
        if m.actor_id is not None or len(m.span) != 1:
            continue
        key = norm_key(m.text)
        if (
            key in surname_of
            and m.label in ("PERSON", "ORG", "GPE", "NORP")
            and not _place_with_region(m.span, m.label)
        ):
            m.actor_id, m.kind, m.label = surname_of[key], "surname", "PERSON"
        elif m.alias is not None:
            actor = g.actors[m.alias.actor_id]
            m.actor_id, m.kind, m.label = st.use(actor), "surname", "PERSON"
            m.sector = actor.sector
        elif m.label == "PERSON":
            m.actor_id = st.use(Actor("person:" + slug(key), key, "person", None, None))
            surname_of.setdefault(key, m.actor_id)
    # 3. other unknown names: one actor per org key, acronyms and short forms joined
    groups: dict[str, list[_M]] = {}
    for m in ms:
        if m.actor_id is None:
            groups.setdefault(_org_key(m.text) if m.label != "PERSON" else m.text, []).append(m)
    keys = sorted(groups, key=lambda k: -len(k))
    merged: dict[str, str] = {}
    for k in keys:
        lab = groups[k][0].label
        target = next(
            (
                k2
                for k2 in keys
                if len(k2) > len(k)
                and k2 not in merged
                and groups[k2][0].label == lab
                and _short_form(k, groups[k][0].text, k2)
            ),
            None,
        )
        if target is not None:
            merged[k] = target
    for k in keys:
        root = k
        while root in merged:
            root = merged[root]
        if root != k:
            groups[root].extend(groups[k])
    for k in keys:
        if k in merged:
            continue
        members = groups[k]
        best = max(members, key=lambda m: (len(m.span), -m.start))
        label = best.label
        full = norm_key(best.text)
        typ = "media" if full.casefold() in st.outlets else _new_type(label, full)
        # canonical name without the legal suffix ("General Motors Corporation" -> "General
        # Motors"), as encyclopaedias and most news name companies
        name = (_LEGAL_SUFFIX.sub("", full) if label not in ("PERSON", "NORP") else full) or full
        aid = slug(name)
        existing = st.get(aid)
        if existing is None or existing.type == "person":
            country = _country_prefix(name, st.g) if typ not in ("person", "location") else None
            existing = Actor(aid, name, typ, country, _TYPE_SECTOR.get(typ))
            st.set(existing)
        for m in members:
            m.actor_id = existing.id
            m.kind = "name" if m is best or norm_key(m.text) in (name, full) else "alias"
            if m.label == "NORP":
                m.kind = "adjective"


def _short_form(key: str, text: str, longer: str) -> bool:
    """``key`` (from ``text``) is an acronym or a leading part of the ``longer`` key."""
    words = [w for w in re.split(r"[\s\-]+", longer) if w]
    if text.isupper() and len(text) >= 2:
        initials = "".join(w[0] for w in words if w not in ("of", "and", "the", "for", "&"))
        if initials.casefold() == key.replace(".", ""):
            return True
    return longer.startswith(key + " ") and len(key) >= 3


def _window_mentions(tok: Token, ms_by_para: dict[int, list[_M]], pi: int) -> list[_M]:
    return ms_by_para.get(pi, [])


def _left_window(span: Span) -> list[Token]:
    """Pre-modifier tokens of a name: "(the) Pentagon spokesman" in "the Pentagon spokesman X"."""
    out: list[Token] = []
    i = span.start - 1
    doc = span.doc
    while i >= 0 and len(out) < 6:
        t = doc[i]
        if t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text in ("'s", "’s", "-"):
            out.append(t)
            i -= 1
            continue
        break
    return list(reversed(out))


def _role_of(tokens: list[Token], g: Gazetteer) -> str | None:
    for i, t in enumerate(tokens):
        two = f"{tokens[i - 1].lower_} {t.lemma_.lower()}" if i else ""
        if two in g.roles:
            return two
    for t in reversed(tokens):
        if t.lemma_.lower() in g.roles:
            return t.lemma_.lower()
        if t.lower_ in g.roles:
            return t.lower_
    return None


def _roles_and_affiliations(ms: list[_M], st: _State) -> None:
    g = st.g
    by_para: dict[int, list[_M]] = {}
    for m in ms:
        by_para.setdefault(m.para, []).append(m)

    def mention_in(pi: int, lo: int, hi: int, skip: _M) -> _M | None:
        """The first non-person mention among token indices [lo, hi) of paragraph pi."""
        for o in by_para.get(pi, []):
            if o is not skip and lo <= o.span.start and o.span.end <= hi:
                a = st.get(o.actor_id or "")
                if a is not None and a.type != "person":
                    return o
        return None

    for m in ms:
        if m.label != "PERSON" or m.actor_id is None:
            continue
        role: str | None = None
        aff: _M | None = None
        left = _left_window(m.span)
        if left:
            role = _role_of(left, g)
            aff = mention_in(m.para, left[0].i, m.span.start, m)
        root = m.span.root
        tops: list[Token] = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and root.head.i < m.span.start:
            top = root.head
            # "owner of Wagner, Yevgeny Prigozhin": climb from "Wagner" to the role noun
            while top.dep_ in ("pobj", "prep", "poss", "compound") and top.head.i < top.i:
                top = top.head
            tops.append(top)
        for top in tops:
            sub = list(top.subtree)
            a2 = mention_in(m.para, sub[0].i, sub[-1].i + 1, m) if sub else None
            nouns = [top, *top.conjuncts]
            cand = sorted(
                (n for n in nouns if n.lemma_.lower() in g.roles or n.lower_ in g.roles),
                key=lambda n: n.i,
            )
            if cand:
                near = [n for n in cand if a2 is None or n.i < a2.span.start] or cand
                role = role or near[-1].lemma_.lower()
            aff = aff or a2
        if role:
            m.role = role
            st.roles.setdefault(m.actor_id, set()).add(role)
        person = st.get(m.actor_id)
        if aff is not None and person is not None and person.id not in g.actors:
            org = st.get(aff.actor_id or "")
            if org is not None and person.country is None:
                country = org.country or (org.id if org.type == "state" else None)
                sector = aff.sector or org.sector or g.roles.get(role or "")
                st.set(Actor(person.id, person.name, "person", country, sector))
            m.sector = aff.sector or (org.sector if org else None)
        elif role and person is not None:
            m.sector = g.roles.get(role) or m.sector


def _group_sectors(ms: list[_M], st: _State) -> None:
    """ "Russian soldiers", "U.S. officials": the sector implied by the head noun."""
    g = st.g
    for m in ms:
        a = st.get(m.actor_id or "")
        if a is None or a.type not in ("state", "location") and m.kind != "adjective":
            continue
        head = m.span.root.head
        if m.span.root.dep_ in ("amod", "compound", "nmod", "poss") and head.i >= m.span.end:
            lemma = head.lemma_.lower()
            if lemma in g.groups:
                m.sector = g.groups[lemma]
                m.role = head.lower_


def _coreference(ms: list[_M], ann: Annotation, st: _State) -> list[_M]:
    """Nominal ("the spokesman", "the group") and pronoun mentions of earlier actors."""
    g = st.g
    named = sorted(ms, key=lambda m: m.start)
    starts = [m.start for m in named]
    taken: set[int] = set()
    for m in ms:
        taken.update(range(m.start, m.end))
    out: list[_M] = []
    sents = [s.start for s in ann.sentences]
    for pi, para in enumerate(ann.paragraphs):
        doc: Doc = para.doc
        for tok in doc:
            off = para.start + tok.idx
            if off in taken:
                continue
            low = tok.lower_
            pos = tok.pos_
            actor_id: str | None = None
            kind = "pronoun"
            role = None
            span: Span | None = None
            if low in _PERSON_PRONOUNS and pos == "PRON":
                before = named[: bisect.bisect_left(starts, off)]
                si = bisect.bisect_right(sents, off) - 1
                lo = sents[si - 1] if si >= 1 else 0
                window = {m.actor_id for m in before if m.start >= lo and _is_person(m, st)}
                if not window:
                    window = {m.actor_id for m in before if _is_person(m, st)}
                if len(window) == 1:
                    actor_id = window.pop()
            elif low in _IT_PRONOUNS and pos == "PRON":
                before = named[: bisect.bisect_left(starts, off)]
                si = bisect.bisect_right(sents, off) - 1
                cur = sents[si] if si >= 0 else 0
                prev = sents[si - 1] if si >= 1 else 0
                for lo in (cur, prev):
                    window = {m.actor_id for m in before if m.start >= lo and _is_org_like(m, st)}
                    if window:
                        if len(window) == 1:
                            actor_id = window.pop()
                        break
            elif (
                pos == "NOUN"
                and tok.tag_ == "NN"
                and tok.dep_ != "compound"
                and tok.i > 0
                and doc[tok.i - 1].lower_ == "the"
            ):
                lemma = tok.lemma_.lower()
                if lemma in g.roles and not _precedes_name(tok, ms, para.start):
                    cands = {pid for pid, rs in st.roles.items() if lemma in rs}
                    if len(cands) == 1:
                        actor_id, kind, role = cands.pop(), "nominal", lemma
                elif lemma in _NOMINAL_TYPES:
                    types = _NOMINAL_TYPES[lemma]
                    for m in reversed(named[: bisect.bisect_left(starts, off)]):
                        a = st.get(m.actor_id or "")
                        if a is not None and a.type in types and m.kind != "adjective":
                            actor_id, kind = a.id, "nominal"
                            break
                if actor_id is not None:
                    span = doc[tok.i - 1 : tok.i + 1]
            if actor_id is None:
                continue
            if span is None:
                span = doc[tok.i : tok.i + 1]
            if actor_id is None:
                continue
            out.append(
                _M(
                    para.start + span.start_char,
                    para.start + span.end_char,
                    span.text,
                    "PRON",
                    span,
                    pi,
                    actor_id,
                    kind,
                    role,
                )
            )
    return out


def _is_person(m: _M, st: _State) -> bool:
    a = st.get(m.actor_id or "")
    return a is not None and a.type == "person"


def _is_org_like(m: _M, st: _State) -> bool:
    a = st.get(m.actor_id or "")
    return (
        a is not None
        and a.type not in ("person", "location")
        and m.kind not in ("adjective",)
        and m.span.root.dep_ != "compound"
    )


def _precedes_name(tok: Token, ms: list[_M], para_start: int) -> bool:
    """A role noun used as a pre-modifier or with an apposed name ("the spokesman Pat Ryder")."""
    nxt = para_start + tok.idx + len(tok.text) + 1
    if any(m.start in (nxt, nxt + 1) and m.label == "PERSON" for m in ms):
        return True
    return any(c.dep_ == "appos" for c in tok.children)


def resolve(rec: ArticleRecords, ann: Annotation) -> tuple[list[ActorMention], list[Actor]]:
    """Mentions and actors of one article (see the module docstring)."""
    pubs = (rec.publisher, rec.doc.original_publisher)
    st = _State(load_gazetteer(), outlets=frozenset(norm_key(p).casefold() for p in pubs if p))
    ms = sorted(_collect(ann, st.g), key=lambda m: m.start)
    for m in ms:
        if st.g.lookup(m.text) is not None:
            continue
        if norm_key(m.text).casefold() in st.outlets or (
            m.label == "PERSON" and len(m.span) > 1 and m.span[-1].text in _MASTHEAD_WORDS
        ):
            m.label = "ORG"  # "data reviewed by Horn Monitor": a publication, not a person
    _resolve_names(ms, st)
    _roles_and_affiliations(ms, st)
    _group_sectors(ms, st)
    ms = ms + _coreference(ms, ann, st)
    ms.sort(key=lambda m: (m.start, -m.end))
    sents = [s.start for s in ann.sentences]
    out: list[ActorMention] = []
    used: dict[str, Actor] = {}
    for m in ms:
        if m.actor_id is None:
            continue
        si = bisect.bisect_right(sents, m.start) - 1
        sent_start = sents[si] if si >= 0 else 0
        a = st.get(m.actor_id)
        sector = m.sector or (a.sector if a is not None and a.type != "state" else None)
        out.append(
            ActorMention(
                m.start,
                m.end,
                rec.text[m.start : m.end],
                m.actor_id,
                m.kind,
                m.role,
                sent_start,
                sector,
            )
        )
        if a is not None:
            used[a.id] = a
    return out, list(used.values())


def actor_at(rec: ArticleRecords, start: int, end: int) -> ActorMention | None:
    """The actor mention overlapping ``[start, end)`` (the longest if several), if any."""
    best: ActorMention | None = None
    for m in rec.extra.get("mentions", []):
        if (
            m.start < end
            and m.end > start
            and (best is None or m.end - m.start > best.end - best.start)
        ):
            best = m
    return best


def cameo_code(m: ActorMention, actor: Actor | None) -> str:
    """A CAMEO-style actor code: country alpha-3 plus sector ("USAGOV", "RUSMIL", "IGO")."""
    if actor is None:
        return ""
    country = actor.country or (actor.id if actor.type == "state" else "")
    sector = m.sector or actor.sector or ""
    return f"{country}{sector}"
