"""The actor gazetteer: canonical actors and the names that point at them.

Countries come from ISO 3166 via :mod:`pycountry` at load time (name, official name, common
name, alpha-3 code as id). Everything else is data under ``claimgraph/data``:

- ``actors_countries.tsv``: per-country canonical-name overrides, short forms (US, DPRK),
  metonyms (Pyongyang, the Kremlin, the White House) and adjectives/demonyms (North Korean);
- ``actors_orgs.tsv``: organisations, agencies, armed groups, PMCs, media and a few persons;
- ``actors_markets.tsv``: stock market indices and exchanges (type ``market``);
- ``actors_roles.tsv``: role nouns (spokesman, minister), organisation descriptor nouns
  (airline, automaker), product head nouns (laptop, aircraft) and group head nouns (soldiers,
  officials) with the CAMEO-style sector they imply;
- ``actors_not_entities.tsv``: page furniture that spaCy likes to tag as entities.

Everything is loaded once per process (:func:`load_gazetteer` is cached).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from claimgraph.data import rows

#: Actor types (``Actor.type``).
ACTOR_TYPES = (
    "state",
    "igo",
    "armed_group",
    "pmc",
    "agency",
    "military",
    "media",
    "company",
    "person",
    "group",
    "location",
    "market",
    "unknown",
)
#: Words that may follow a market's name as part of it ("the FTSE 100 index").
INDEX_WORDS = ("index", "Index", "indices", "indexes")


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor; the ``actors`` table is global (one row per id)."""

    id: str  # ISO alpha-3 for states ("PRK"), slugs for others ("wagner-group", "person:x-y")
    name: str
    type: str  # one of ACTOR_TYPES
    country: str | None  # ISO 3166 alpha-3
    sector: str | None  # CAMEO-style sector: GOV, MIL, PMC, IGO, MED, BUS, REB, ...


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of an actor: the text, how it names the actor, the sector it implies."""

    actor_id: str
    text: str
    kind: str  # name, alias, metonym, adjective
    sector: str | None = None
    ambiguous: bool = False  # also a common word or surname: trust only as a whole entity


@dataclass(slots=True)
class Gazetteer:
    """Actors by id and their aliases by normalised text."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)
    folded: dict[str, list[Alias]] = field(default_factory=dict)
    roles: dict[str, str | None] = field(default_factory=dict)
    groups: dict[str, str | None] = field(default_factory=dict)
    org_nouns: dict[str, str | None] = field(default_factory=dict)  # "airline" -> "BUS"
    product_nouns: frozenset[str] = frozenset()  # "laptop", "aircraft"
    not_entities: frozenset[str] = frozenset()

    def add_alias(self, alias: Alias) -> None:
        key = norm_key(alias.text)
        if not key:
            return
        lst = self.aliases.setdefault(key, [])
        if all(a.actor_id != alias.actor_id for a in lst):
            lst.append(alias)
        # case-insensitive look-up only for aliases that are not short all-caps forms
        # ("US" must not match the pronoun "us")
        if not (alias.text.isupper() and len(alias.text) <= 5):
            flst = self.folded.setdefault(key.casefold(), [])
            if all(a.actor_id != alias.actor_id for a in flst):
                flst.append(alias)

    def lookup(self, text: str) -> Alias | None:
        """The alias ``text`` names (exact case first, then case-insensitive), if any."""
        key = norm_key(text)
        hits = self.aliases.get(key) or self.folded.get(key.casefold())
        return hits[0] if hits else None

    def actor(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)


_THE = re.compile(r"^(?:the|The|THE)\s+")
_POSS = re.compile(r"(?:'s|’s|'|’)$")
_WS = re.compile(r"\s+")


def norm_key(text: str) -> str:
    """Normalise a name for look-up: NFKC, straight apostrophes, no leading "the", no
    trailing possessive, folded white space."""
    t = unicodedata.normalize("NFKC", text).replace("’", "'").strip()
    t = _WS.sub(" ", t)
    t = _THE.sub("", t)
    t = _POSS.sub("", t).strip()
    return t


def slug(text: str) -> str:
    """A readable id part from a name: lower case, runs of non-word characters -> "-".

    Letters of any script are kept (Cyrillic, Hangul), so no name becomes empty.
    """
    t = unicodedata.normalize("NFKC", text).casefold().replace("'", "").replace("’", "")
    t = re.sub(r"[^\w]+", "-", t).strip("-_")
    return t or "x"


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file, without the comment header and the column-name row."""
    return rows(name, skip_header=True)


def _country_actors(g: Gazetteer) -> None:
    import pycountry

    overrides = {r[0]: r[2] for r in _rows("actors_countries.tsv") if r[1] == "name"}
    for c in pycountry.countries:
        a3 = c.alpha_3
        names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        names = [n for n in names if n and "," not in n]
        canonical = overrides.get(a3) or (names[0] if names else c.name)
        g.actors[a3] = Actor(a3, canonical, "state", a3, None)
        for n in {canonical, *names}:
            g.add_alias(Alias(a3, n, "name"))
    for a3, kind, text, *rest in _rows("actors_countries.tsv"):
        sector = (rest[0] if rest else "") or None
        if a3 not in g.actors:
            raise ValueError(f"actors_countries.tsv: unknown alpha-3 code {a3!r}")
        g.add_alias(Alias(a3, text, "name" if kind == "name" else kind, sector))


def _org_actors(g: Gazetteer, filename: str = "actors_orgs.tsv") -> None:
    """Actors of an organisation-style file (id, name, type, country, sector, aliases)."""
    for row in _rows(filename):
        aid, name, typ, country, sector, *rest = row + [""] * (6 - len(row))
        if typ not in ACTOR_TYPES:
            raise ValueError(f"{filename}: unknown type {typ!r} for {aid}")
        g.actors[aid] = Actor(aid, name, typ, country or None, sector or None)
        names = [(name, "name", False)]
        for al in (rest[0] if rest else "").split("|"):
            al = al.strip()
            if al:
                names.append((al.lstrip("~"), "alias", al.startswith("~")))
        for text, kind, amb in names:
            g.add_alias(Alias(aid, text, kind, ambiguous=amb))
            if typ == "market" and text.split()[-1].casefold() not in ("index", "indices"):
                # "the FTSE 100 index": the index word is part of the name
                for word in INDEX_WORDS:
                    g.add_alias(Alias(aid, f"{text} {word}", kind, ambiguous=False))


@cache
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process from pycountry and the data files."""
    g = Gazetteer()
    _country_actors(g)
    _org_actors(g)
    _org_actors(g, "actors_markets.tsv")
    products: set[str] = set()
    for word, kind, *rest in _rows("actors_roles.tsv"):
        sector = (rest[0] if rest else "") or None
        if kind == "product":
            products.add(word)
        else:
            {"role": g.roles, "org": g.org_nouns}.get(kind, g.groups)[word] = sector
    g.product_nouns = frozenset(products)
    g.not_entities = frozenset(r[0].casefold() for r in _rows("actors_not_entities.tsv") if r)
    return g


def actor_by_id(actor_id: str) -> Actor | None:
    """The gazetteer actor with this id (``"PRK"``, ``"wagner-group"``), if any."""
    return load_gazetteer().actors.get(actor_id)
