"""Data files of the events stage, loaded once per process.

- ``event_triggers.tsv``: trigger lemmas (verbs, nouns, adjectives, particle verbs and
  light-verb phrases) with PLOVER type and CAMEO code;
- ``plover_types.tsv``: CAMEO code -> PLOVER type, mode, context;
- ``aid_resources.tsv`` and ``aid_act_verbs.tsv``: what a transfer verb hands over as aid,
  and the verbs that make a bare aid noun an act;
- ``materiel.tsv``: military and aid items with a category;
- ``cameo_countries.tsv``: CAMEO codes, their ISO 3166 alpha-3 equivalent and names/demonyms
  (the fallback when no actor record covers a participant);
- ``event_word_classes.tsv``: small closed word classes the extraction rules test words against
  (actor nouns, hazards, verbs of containing, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimgraph.data import rows as _rows


@dataclass(frozen=True, slots=True)
class PloverType:
    cameo: str
    type: str
    mode: str | None
    context: str | None
    description: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger lexicon."""

    lemma: str
    pos: str  # V, N, A or * (any of them)
    with_: tuple[str, ...]  # lemmas that must occur near the trigger (empty: none)
    type: str
    cameo: str


@dataclass(frozen=True, slots=True)
class Item:
    lemmas: tuple[str, ...]
    name: str
    category: str


@cache
def word_classes() -> dict[str, frozenset[str]]:
    """Class name -> its words, from ``event_word_classes.tsv``."""
    out: dict[str, set[str]] = {}
    for word, cls in _rows("event_word_classes.tsv", skip_header=True):
        out.setdefault(cls, set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def plover_types() -> dict[str, PloverType]:
    """CAMEO code -> :class:`PloverType`."""
    out: dict[str, PloverType] = {}
    for r in _rows("plover_types.tsv"):
        r = r + [""] * (5 - len(r))
        out[r[0]] = PloverType(r[0], r[1], r[2] or None, r[3] or None, r[4])
    return out


@cache
def triggers() -> dict[str, tuple[Trigger, ...]]:
    """Trigger lemma -> its lexicon rows: rows that name words to find first ("call for" before
    a "call" with structural conditions only), then by the number of conditions (longest
    first), then in file order."""
    by: dict[str, list[Trigger]] = {}
    types = plover_types()
    for r in _rows("event_triggers.tsv"):
        lemma, pos, with_, typ, cameo = (x.strip() for x in r[:5])
        if cameo not in types:
            raise ValueError(f"event_triggers.tsv: CAMEO code {cameo} not in plover_types.tsv")
        w = () if with_ in ("", "-") else tuple(with_.split())
        by.setdefault(lemma.lower(), []).append(Trigger(lemma.lower(), pos, w, typ, cameo))
    def order(t: Trigger) -> tuple[int, int]:
        return (-sum(not w.startswith("@") for w in t.with_), -len(t.with_))

    return {k: tuple(sorted(v, key=order)) for k, v in by.items()}


@cache
def aid_resources() -> frozenset[str]:
    """Head-noun lemmas of what can be handed over as aid (``aid_resources.tsv``)."""
    return frozenset(r[0].strip().lower() for r in _rows("aid_resources.tsv"))


@cache
def aid_act_verbs() -> dict[str, str]:
    """Verb lemma -> role ("giver", "recipient": the noun is the verb's object and its subject
    gives or receives; "theme": the noun is its subject) of the verbs that make a bare aid
    noun an act of aid (``aid_act_verbs.tsv``)."""
    return {r[0].strip().lower(): r[1].strip() for r in _rows("aid_act_verbs.tsv")}


@cache
def materiel() -> dict[tuple[str, ...], Item]:
    """Lemma tuple (one or more words) -> :class:`Item`."""
    out: dict[tuple[str, ...], Item] = {}
    for r in _rows("materiel.tsv"):
        lemmas = tuple(r[0].lower().split())
        out[lemmas] = Item(lemmas, r[1], r[2])
    return out


@dataclass(frozen=True, slots=True)
class CountryTable:
    names: dict[str, str]  # lower-case name or demonym -> CAMEO code
    cameo_to_iso: dict[str, str]
    iso_to_cameo: dict[str, str]
    pattern: re.Pattern[str]


def _demonym_forms(name: str) -> set[str]:
    """Regular English demonym forms of a one-word or multi-word country name (Burundi ->
    Burundian, Kenya -> Kenyan, Sudan -> Sudanese, Iraq -> Iraqi, Kyrgyzstan -> Kyrgyz).

    Over-generation is harmless: a form that is not a word never occurs in text; irregular
    demonyms (Peruvian, Danish) are listed in ``cameo_countries.tsv``."""
    n = name.lower()
    forms = {n + "n", n + "an", n + "ian", n + "ese", n + "i", n + "lese", n + "nian"}
    if n[-1] in "aoey":
        stem = n[:-1]
        forms |= {stem + "an", stem + "ian", stem + "ese", stem + "i"}
        if n[-1] == "a":
            forms.add(n + "n")
    if n.endswith("on"):
        forms.add(n[:-2] + "ese")
    for suf in ("istan", "stan"):
        if n.endswith(suf) and len(n) - len(suf) >= 4:
            forms.add(n[: -len(suf)])
    return {f for f in forms if len(f) >= 5}


@cache
def countries() -> CountryTable:
    """Names -> CAMEO code, and the CAMEO <-> ISO alpha-3 mapping.

    Names come from ``cameo_countries.tsv`` first, then from the ISO 3166 names in
    :mod:`pycountry` and their regular demonyms (:func:`_demonym_forms`), each with an
    optional plural "s" ("Algerians"); a form two countries generate goes to the longer name
    (Nigerian -> Nigeria, not Niger)."""
    names: dict[str, str] = {}
    c2i: dict[str, str] = {}
    i2c: dict[str, str] = {}
    for r in _rows("cameo_countries.tsv"):
        code, iso = r[0].strip(), r[1].strip()
        if iso != "-":
            c2i[code] = iso
            i2c.setdefault(iso, code)
        for n in r[2].split("|") if len(r) > 2 else []:
            n = n.strip().lower()
            if n:
                names.setdefault(n, code)
    try:
        import pycountry

        generated: dict[str, tuple[int, str]] = {}
        for c in pycountry.countries:
            code = i2c.get(c.alpha_3, c.alpha_3)
            for nm in {getattr(c, "common_name", None), c.name}:
                if not nm or "," in nm or "(" in nm:
                    continue
                names.setdefault(nm.lower(), code)
                for f in _demonym_forms(nm):
                    if f not in generated or generated[f][0] < len(nm):
                        generated[f] = (len(nm), code)
        for f, (_, code) in generated.items():
            names.setdefault(f, code)
    except ImportError:  # pragma: no cover
        pass
    alts = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(a) for a in alts) + r")(?:s)?(?![\w])")
    return CountryTable(names, c2i, i2c, pattern)


def participant_code(actor: object | None, text: str | None) -> str | None:
    """The CAMEO-style country code of an event participant: ``IGO`` for international
    organisations, the actor record's country (ISO alpha-3, mapped to the CAMEO code where it
    differs), the country of a state actor, else the first country name or demonym in the
    participant's text (its phrase: "British Defence Secretary Tom King" -> GBR)."""
    table = countries()
    if actor is not None:
        if getattr(actor, "type", None) == "igo" or getattr(actor, "sector", None) == "IGO":
            return "IGO"
        iso = getattr(actor, "country", None)
        if not iso and getattr(actor, "type", None) == "state":
            iso = getattr(actor, "id", None)
        if iso:
            return table.iso_to_cameo.get(iso, iso)
        name = getattr(actor, "name", None)
        code = code_of_text(name) if name else None
        if code:
            return code
    return code_of_text(text) if text else None


#: a country word inside "pro-X"/"anti-X" or "X-backed" names a side the actor is for or
#: against, or its sponsor, not the actor's own country
_PRO_ANTI = re.compile(r"\b(?:pro|anti)-$")
_BACKED = re.compile(r"-(?:backed|supported|sponsored|funded|armed|allied|leaning|aligned)\b")


def code_of_text(text: str) -> str | None:
    """The CAMEO code of the first country/IGO name or demonym found in ``text`` (longest match
    at each position), else ``None``. Used only as a fallback when no actor record exists."""
    table = countries()
    low = text.lower()
    for m in table.pattern.finditer(low):
        if _PRO_ANTI.search(low, 0, m.start()) or _BACKED.match(low, m.end()):
            continue  # "pro-Iranian group", "Syrian-backed militia": a sponsor, not the actor
        return table.names[m.group(1)]
    try:  # ISO country names that the table does not list
        import pycountry

        for c in pycountry.countries:
            if re.search(r"\b" + re.escape(c.name.lower()) + r"\b", low):
                return table.iso_to_cameo.get(c.alpha_3, c.alpha_3)
    except ImportError:  # pragma: no cover
        pass
    return None
