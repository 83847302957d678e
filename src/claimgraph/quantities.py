"""quantities: counts, money, percentages, rates and measures with normalised value and unit.

Numbers and units are read by quantulum3 (pinned, its optional classifier switched off so the
result is deterministic and needs no scikit-learn pickle); unit names are quantulum3's
normalised names, which are also the names the NewsQuant corpus uses ("dollar", "percentage",
"mile per hour", "australian dollar"). This module adds what news analysis needs on top:

- dates and years are not quantities (spans inside a DATE/TIME timex are dropped);
- counts get their unit from the counted noun, lemmatised ("50,000 PMC mercenaries" ->
  unit "pmc mercenary", concept "mercenaries"; "10,000 of which are fighters" -> "fighters");
- bounds from the words before the number ("more than" -> ">", "up to" -> "<", "about" -> "~");
- rates split into unit and ``per`` ("$100 million a month" -> 1e8 dollar per month);
- ranges keep ``low`` and ``high`` (``value`` is the midpoint);
- written numbers ("three dozen" -> 36, "a million" -> 1e6);
- money by rule from currency signs and codes, including the newswire encodings "PS" (GBP)
  and "Y=" (JPY), "USD10m", "$US", negative amounts, rates "an ounce" / "per share", and ranges
  of two amounts ("$3 billion to $5 billion" -> one quantity, low/high, midpoint);
- vague amounts ("dozens of", "tens of millions of") with NewsQuant's conventional values;
- quantulum3 readings fixed: unit names mapped to NewsQuant's ("degree celsius" -> "celsius"),
  stray words read as unit symbols ("2018 at" is not ampere-turns), "5pc" as percent, clock
  times, years and names with numbers ("iPhone 11", "S&P 500") dropped, "minus 5" negative,
  ages after a name ("Smith, 66,") as "year of age";
- a number with no unit and no counted noun gets unit "-" and kind "number" (NewsQuant's "-");
- "one" as a count ("one solution", "one of the best speakers"), fractions of a whole
  ("two-thirds of", "one out of three", "1/16 of a pint"; kind "fraction"), numbers with a
  scale suffix and no currency ("4.3M sales", "2.8bn km"), percentage ranges ("from 4.8 to 4.7
  percent"), hyphenated rates ("52,000 barrel-a-day") and rates of counts ("3,000 tests per
  day"), hyphen compounds ("four-cylinder", "five- and six-cylinder"), abbreviations after a
  number ("0.5 WAR", "300 PS");
- not quantities: street addresses ("22 Baker Street"), clock times read as units ("10.45pm"),
  names with a number after a hyphen ("COVID-19"); participles are left out of a count's unit
  ("517 rushing yards" -> yard).
- ranges: a scale written once ("1 to 2 thousand", "$3 to $5 billion", but not "from $200 to
  $4 million"), "three or four years", "from 208 pounds to 193" (the bare end takes the unit);
  not after "by" ("rose by $4bn to $9bn" is a change and a level); "a year earlier" is a time
  reference, not a rate;
- "one of the proudest moments in his life": the set is named by the whole phrase ("proud
  moment life"); joined adjectives and names ("digital and physical sales") stay in the unit;
  "280 million of the 1.5 billion shekels" takes the unit of the whole;
- "pounds" as money or weight by the words around it; compound units ("pound-feet", "lb-ft",
  "kilowatt-hours"); prime marks (25.5″ inches); durations that modify a noun ("a five-year
  plan") and model numbers ("787 Dreamliner") are not quantities.
The unit tables (renames, currency signs, rate denominators, vague amounts, fractions, address
words, abbreviations, compound units, money words) are data: ``data/quantity_units.tsv``.

Time is bounded (linear in the text): runs of 40+ digits and separators are blanked before
reading (quantulum3's number patterns backtrack on them in cubic time), quantulum3 reads
sentences in pieces of at most 600 characters, its unit disambiguation is memoised, overlap
checks use sorted spans and every look-around is a bounded window.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimgraph.annotate import Annotation
    from claimgraph.records import ArticleRecords
    from claimgraph.timex import Timex


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity mention with its normalised value."""

    start: int
    end: int
    text: str
    value: float
    unit: str  # quantulum3 / NewsQuant unit name, or the lemmatised counted noun for counts
    kind: str  # count, money, percent, rate, measure, fraction, number (no unit, nothing counted)
    bound: str = "="  # "=", ">", "<", "~"
    per: str | None = None  # "month" for "$100 million a month"
    low: float | None = None
    high: float | None = None
    concept: str | None = None  # the noun counted or measured ("mercenaries")

    @property
    def full_unit(self) -> str:
        """Unit with its rate denominator ("dollar per month")."""
        return f"{self.unit} per {self.per}" if self.per else self.unit


#: How far after (or before) a number the rules look for its unit, counted noun or rate: a
#: bounded window, so that the work per quantity does not grow with the length of the text.
_WINDOW = 300


@cache
def _parser() -> Any:
    """quantulum3's parser with the classifier off (rule-based disambiguation only).

    quantulum3's rule-based disambiguation of an ambiguous unit ("d", "pound") scans the whole
    text once per word of its training set, for every quantity: a text with many ambiguous
    units took seconds. Its answer depends only on the candidates and the text, so it is
    memoised here (same results, each text scanned once per set of candidates).

    quantulum3 also builds its patterns from sets of operator strings ("*", "**", "x", ...),
    whose order follows Python's per-process string hash seed: the same text could read
    "60 percent**" in one process and "60 percent" in another. Those patterns are built
    here from sorted operators (longest first, then alphabetical), and the candidates of a
    disambiguation are sorted, so every process reads a text the same way."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, no_classifier, parser
        from quantulum3 import regex as qregex

    classifier.USE_CLF = False
    if not getattr(qregex.operators, "_claimgraph_sorted", False):
        _sort_operators(qregex)
    original = no_classifier.disambiguate_no_classifier
    if not getattr(original, "_claimgraph_memo", False):
        memo: dict[tuple[Any, ...], Any] = {}

        def disambiguate(entities: Any, text: str, lang: str = "en_US") -> Any:
            # the first of tied candidates wins: in a fixed order, not the set's
            entities = sorted(entities, key=repr)
            key = (tuple(id(e) for e in entities), text, lang)
            if key not in memo:
                if len(memo) > 4096:
                    memo.clear()
                # the candidates are kept with the answer, so that their ids stay theirs
                memo[key] = (entities, original(entities, text, lang))
            return memo[key][1]

        disambiguate._claimgraph_memo = True  # type: ignore[attr-defined]
        no_classifier.disambiguate_no_classifier = disambiguate
    return parser


def _sort_operators(qregex: Any) -> None:
    """Make quantulum3's operator patterns independent of set order (see :func:`_parser`)."""
    operators, multiplication = qregex.operators, qregex.multiplication_operators

    def ordered(ops: Any) -> list[str]:
        return sorted(ops, key=lambda o: (-len(o), o))

    def sorted_operators(lang: str = "en_US") -> list[str]:
        return ordered(operators(lang))

    def multiplication_regex(lang: str = "en_US") -> str:
        return "|".join(re.escape(o) for o in ordered(multiplication(lang)))

    sorted_operators._claimgraph_sorted = True  # type: ignore[attr-defined]
    qregex.operators = sorted_operators
    qregex.multiplication_operators_regex = multiplication_regex


_BOUNDS = [
    (re.compile(r"(?:more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding|"
                r"greater\s+than|no\s+less\s+than|as\s+many\s+as|as\s+much\s+as)\s*$", re.I), ">"),
    (re.compile(r"(?:less\s+than|fewer\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|"
                r"a\s+maximum\s+of)\s*$", re.I), "<"),
    (re.compile(r"(?:about|around|approximately|roughly|some|nearly|almost|an\s+estimated|"
                r"estimated|close\s+to|circa|approx\.?|~|just\s+over|just\s+under|more\s+or\s+less)"
                r"\s*$", re.I), "~"),
]  # fmt: skip

_CURRENCY_WORDS = re.compile(
    r"(dollar|euro|pound|yen|yuan|rupee|ruble|rouble|franc|peso|won|"
    r"shekel|ringgit|cent|sen|lira|krona|krone|real|rand|dinar|riyal)",
    re.I,
)
_PER_WORDS = {"a", "an", "per", "each", "every"}
_STOP_NOUN = {"of", "which", "whom", "them", "in", "to", "and", "or", "the", "a", "an", "from",
              "for", "at", "on", "by", "with", "than", "as", "is", "are", "was", "were"}  # fmt: skip


def _bound(before: str) -> str:
    for rx, b in _BOUNDS:
        if rx.search(before):
            return b
    return "="


def _naive_lemma(word: str) -> str:
    w = word.lower()
    for suf, rep in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x")):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            return w[: -len(suf)] + rep
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _joins_alike(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` is an adjective or a name joined by "and"/"or" to another of its kind
    ("digital and physical", "Kia and Hyundai"): both describe the same counted things."""
    return (
        i >= 0
        and i + 2 < len(doc)
        and doc[i].pos_ in ("ADJ", "PROPN")
        and doc[i + 1].pos_ == "CCONJ"
        and doc[i + 2].pos_ == doc[i].pos_
    )


def _counted_noun(text: str, end: int, doc: Doc | None) -> tuple[str | None, str | None]:
    """``(unit, concept)`` of a count: the noun phrase right after the number, lemmatised."""
    rest = text[end : end + _WINDOW]
    if text[end - 1 : end] == "-":  # "five- and six-cylinder": the noun of the last compound
        hy = re.match(r"\s+(?:and|or|to)\s+\S+?-([A-Za-z]+)\b", rest)
        if hy:
            return _naive_lemma(hy.group(1)), hy.group(1)
    hy = re.match(r"-(?:,\s*\S+?-)*(?:,?\s+(?:and|or|to)\s+\S+?-)?([A-Za-z]+)\b", rest)
    if hy:  # "four-cylinder engine", "5- and 6-cylinder": the compound's noun is the unit
        word = hy.group(1)
        lemma = _naive_lemma(word)
        if doc is not None:
            tok = doc.char_span(end + hy.start(1), end + hy.end(1), alignment_mode="expand")
            if tok is not None and len(tok) == 1:
                lemma = tok[0].lemma_.lower()
        return lemma, word
    m = re.match(
        r"\s*(?:of\s+(?:which|whom|them)\s+(?:are|were|is|was)\s+)(?:\w+\s+)?([A-Za-z]+)", rest
    )
    if m:
        return None, m.group(1)
    if doc is not None:
        span = doc.char_span(end, min(len(text), end + 80), alignment_mode="expand")
        if span is not None:
            toks = []
            for t in span:
                if t.is_space:
                    continue
                if _joins_alike(doc, t.i - 1) and toks:
                    continue  # "digital and physical sales", "Kia and Hyundai vehicles"
                modifier = t.tag_ in ("VBG", "VBN", "HYPH") or (t.text == "-" and toks)
                if (t.pos_ in ("ADJ", "NOUN", "PROPN") or modifier) and t.lower_ not in _STOP_NOUN:
                    toks.append(t)
                    if (
                        t.pos_ in ("NOUN", "PROPN")
                        and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ not in ("NOUN", "PROPN"))
                        and not _joins_alike(doc, t.i)
                    ):
                        break
                    continue
                break
            if toks and toks[-1].pos_ in ("NOUN", "PROPN"):
                # participles describe the things counted, they are not the unit
                # ("517 rushing yards" -> yard, "300 recorded songs" -> song)
                kept = [t for t in toks if t.tag_ not in ("VBG", "VBN")] or toks[-1:]
                words = [
                    (t.text[:-1] if t.tag_ == "NNPS" and t.text.endswith("s") else t.text)
                    if t.pos_ == "PROPN"
                    else t.lemma_.lower()
                    for t in kept
                ]  # "1,307,000 Americans" -> American
                unit = " ".join(w for w in words if w).replace(" - ", "-")
                return unit, toks[-1].text
            return None, None
    m = re.match(r"\s*((?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)\b", rest)
    if not m:
        return None, None
    words = m.group(1).split()
    if not words or words[0].lower() in _STOP_NOUN:
        return None, None
    words = [w for w in words if w.lower() not in _STOP_NOUN][:2] or words[:1]
    head = words[-1]
    return " ".join([w.lower() for w in words[:-1]] + [_naive_lemma(head)]), head


_NUMBER_WORD = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion|dozen|dozens|hundreds|thousands|millions|"
    r"billions)\b",
    re.I,
)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
          "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip


@cache
def units() -> dict[str, dict[str, str]]:
    """The unit tables of ``data/quantity_units.tsv``: kind -> key -> value (loaded once)."""
    out: dict[str, dict[str, str]] = {}
    path = resources.files("claimgraph") / "data" / "quantity_units.tsv"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            kind, key, *value = line.rstrip("\n").split("\t")
            out.setdefault(kind, {})[key] = value[0] if value else ""
    return out


def _alt(words: list[str] | dict[str, str]) -> str:
    """A regex alternation of the words, longest first (a space may be absent: "US$", "US $")."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s?") for w in sorted(words, key=len, reverse=True)
    )


_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
#: After "a year", "a month": the phrase is a time reference, not a rate ("$6.8 billion a year
#: earlier", "a week ago")
_NOT_RATE = r"(?!\s+(?:earlier|later|ago|before|after|previously)\b)"
#: "rose by $4 billion to $9 billion": a change and the level reached, not a range
_BY_BEFORE = re.compile(r"\bby\s*$", re.I)
_SCALE_RX = r"(?i:thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b)"
#: Money written with a currency sign or code: "$100 million a month", "US $58.24", "PS2.7m".
MONEY = re.compile(
    rf"(?<![\w$])(?P<sym>{_alt(units()['currency'])})(?<=\D)\s?(?P<neg>-)?(?P<num>{_NUM})"
    rf"(?:\s?(?P<scale>{_SCALE_RX})\b)?"
    rf"(?:\s*(?:a|an|per|each|every)\s+(?P<per>(?i:{_alt(units()['per'])}))\b{_NOT_RATE})?",
)
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–|and)\s*$")
_RANGE_OPEN = re.compile(r"(?:from|between|range\s+of|ranging\s+from)\s+$", re.I)


def _money(text: str) -> list[Quantity]:
    """Money amounts with a currency sign or code, read by rule (quantulum3 misreads "$700000
    award" and does not know the PS / Y= encodings of £ and ¥); ranges of two amounts
    ("$3 billion to $5 billion", "between $62 and $68") become one quantity with low and high."""
    found: list[tuple[Quantity, bool]] = []
    for m in MONEY.finditer(text):
        sym = re.sub(r"\s+", " ", m["sym"])
        if sym in ("PS", "RM", "Rs") and not text[m.end("sym") : m.end("sym") + 1].isdigit():
            continue
        scale = _SCALE.get((m["scale"] or "").lower(), 1.0)
        value = float(m["num"].replace(",", "")) * scale * (-1 if m["neg"] else 1)
        unit = units()["currency"].get(sym) or units()["currency"].get(sym.replace(" ", ""), "")
        per = units()["per"].get(re.sub(r"\s+", " ", m["per"].lower())) if m["per"] else None
        s, e = m.start(), m.end()
        q = Quantity(s, e, text[s:e], value, unit, "rate" if per else "money",
                     _bound(text[max(0, s - 30) : s]), per)  # fmt: skip
        found.append((q, bool(m["scale"])))
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        q, scaled = found[i]
        if i + 1 < len(found):
            q2, scaled2 = found[i + 1]
            gap = text[q.end : q2.start]
            if (
                q2.unit == q.unit
                and _RANGE_JOIN.fullmatch(gap)
                and (_RANGE_OPEN.search(text[max(0, q.start - 20) : q.start]) or "and" not in gap)
                and not _BY_BEFORE.search(text[max(0, q.start - 6) : q.start])
            ):
                lo = q.value
                # "$3 to $5 billion": the scale is shared, unless the low end would then pass
                # the high one ("from $200 to $4 million")
                if (
                    not scaled
                    and scaled2
                    and abs(lo) < 1000
                    and q.value * _scale_of(q2.text) <= q2.value
                ):
                    lo = q.value * _scale_of(q2.text)
                hi = q2.value
                per = q2.per or q.per
                out.append(
                    Quantity(
                        q.start,
                        q2.end,
                        text[q.start : q2.end],
                        (lo + hi) / 2,
                        q.unit,
                        "rate" if per else "money",
                        q.bound,
                        per,
                        lo,
                        hi,
                    )  # fmt: skip
                )
                i += 2
                continue
        out.append(q)
        i += 1
    return out


def _scale_of(money_text: str) -> float:
    m = re.search(rf"\d\s?({_SCALE_RX})\b", money_text)
    return _SCALE.get(m.group(1).lower(), 1.0) if m else 1.0


#: Vague amounts: "dozens of people", "tens of millions of dollars".
VAGUE = re.compile(
    r"(?<![\w-])(?P<w>(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions))"
    r"(?:\s+of)?(?![\w-])",
    re.I,
)


def _vague(text: str, doc: Doc | None) -> list[Quantity]:
    """Vague amounts with the value NewsQuant gives them (the middle of the order of magnitude)."""
    out = []
    for m in VAGUE.finditer(text):
        w = re.sub(r"\s+", " ", m["w"].lower())
        if w not in units()["vague"]:  # a combination the table lacks: no value to give
            continue
        value = float(units()["vague"][w])
        unit, concept = _counted_noun(text, m.end(), doc)
        kind = "count"
        if unit and _CURRENCY_WORDS.fullmatch(unit.split()[-1]):
            unit, kind = _CURRENCY_WORDS.fullmatch(unit.split()[-1]).group(0).lower(), "money"
        s, e = m.start(), m.end("w")
        out.append(Quantity(s, e, text[s:e], value, unit or "-", kind if unit else "number",
                            "~", None, None, None, concept))  # fmt: skip
    return out


def _np_unit(tokens: list[Any]) -> tuple[str | None, str | None]:
    """``(unit, concept)`` of a noun phrase's tokens: the lemmas of its adjectives and nouns
    (degree adverbs and determiners left out), the head noun as concept."""
    words = [t for t in tokens if t.pos_ in ("ADJ", "NOUN", "PROPN")]
    if not words or words[-1].pos_ not in ("NOUN", "PROPN"):
        return None, None
    return (
        " ".join(t.text if t.pos_ == "PROPN" else t.lemma_.lower() for t in words),
        words[-1].text,
    )


def _post_words(head: Any) -> str:
    """The content words after a noun in its phrase, as they extend a unit (" life" for
    "moments in his life"): lemmas of nouns, adjectives and verbs of the head's prepositional
    and clausal modifiers, up to the first punctuation or conjunction; names as written."""
    words = []
    for t in head.subtree:
        if t.i <= head.i:
            continue
        if t.is_punct or t.pos_ in ("CCONJ", "SCONJ"):
            break
        if t.pos_ == "PROPN":
            words.append(t.text)
        elif t.pos_ in ("NOUN", "ADJ", "VERB"):
            words.append(t.lemma_.lower())
    return "".join(" " + w for w in words)


def _ones(text: str, doc: Doc | None) -> list[Quantity]:
    """Counts of one written as a word: "one solution" (1 solution), "one of the best speakers"
    (1 good speaker), "one that was ..." (1, nothing counted). Not "each one", "the same one",
    "BBC One", "one 52,000-barrel refinery" (a number follows), "one-time" (a compound)."""
    out: list[Quantity] = []
    if doc is None:
        for m in re.finditer(r"(?<![\w-])one(?=\s+of\s+(?:the|his|her|its|their)\s)", text, re.I):
            nxt = re.match(r"\s+of\s+\w+", text[m.end() :])
            assert nxt is not None
            unit, concept = _counted_noun(text, m.end() + nxt.end(), None)
            out.append(Quantity(m.start(), m.end(), m.group(), 1.0, unit or "-",
                                "count" if unit else "number", "=", None, None, None, concept))  # fmt: skip
        return out
    skip = units()["one_skip"]
    for t in doc:
        if t.lower_ != "one" or t.pos_ not in ("NUM", "PRON"):
            continue
        prev = doc[t.i - 1] if t.i else None
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if prev is not None and (prev.lower_ in skip or prev.pos_ == "PROPN" or prev.text == "-"):
            continue
        if nxt is None or nxt.like_num or nxt.text == "-" or nxt.lower_ in ("out", "another"):
            continue
        unit = concept = None
        if t.dep_ == "nummod" and t.head.i > t.i and t.head.pos_ == "NOUN":
            unit, concept = t.head.lemma_.lower(), t.head.text
        elif nxt.lower_ == "of":
            pobj = [c for c in nxt.children if c.dep_ == "pobj"]
            if not pobj or pobj[0].pos_ not in ("NOUN", "PROPN"):
                continue
            unit, concept = _np_unit([c for c in pobj[0].subtree if c.i <= pobj[0].i])
            if unit:  # the set is described by the whole phrase: "one of the largest dinosaurs
                # to ever live" -> "large dinosaur live", "in his life" -> "... life"
                unit += _post_words(pobj[0])
        elif nxt.lower_ not in ("that", "who", "which"):
            continue
        out.append(Quantity(t.idx, t.idx + len(t), t.text, 1.0, unit or "-",
                            "count" if unit else "number", "=", None, None, None, concept))  # fmt: skip
    return out


_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def _fractions(text: str, doc: Doc | None) -> list[Quantity]:
    """Fractions of a whole: "two-thirds of the sales" (0.667), "a quarter of voters" (0.25),
    "one out of three Germans" (0.333). The unit is the whole the fraction is taken of."""
    out: list[Quantity] = []
    den_words = units()["fraction"]
    rx = re.compile(
        rf"(?<![\w-])(?P<num>{'|'.join(_WORD_NUM)}|\d+)[\s-]+(?P<den>{_alt(den_words)})"
        rf"(?P<of>\s+of)\b|(?<![\w-])(?P<a>{'|'.join(_WORD_NUM)}|\d+)\s+out\s+of\s+"
        rf"(?P<b>{'|'.join(_WORD_NUM)}|\d+)\b",
        re.I,
    )
    for m in rx.finditer(text):
        if m["den"]:
            if m["den"].lower().startswith(("half", "halv")):
                continue  # "half of which", "this half": NewsQuant does not count halves
            num, den = m["num"].lower(), float(den_words[m["den"].lower()])
            e, after = m.end("den"), m.end()
        else:
            num, den = m["a"].lower(), float(_WORD_NUM.get(m["b"].lower()) or m["b"])
            e = after = m.end()
        n = float(_WORD_NUM.get(num) or num)
        if not den:
            continue
        det = re.match(
            r"\s+(?:the|a|an|his|her|its|their|our|all)\b", text[after : after + _WINDOW], re.I
        )
        unit, concept = _counted_noun(text, after + (det.end() if det else 0), doc)
        out.append(Quantity(m.start(), e, text[m.start() : e], n / den, unit or "-",
                            "fraction", "=", None, None, None, concept))  # fmt: skip
    return out


_PCT = r"(?:%|\s?per\s?cent\b|\s?percent\b)"
_PCT_RANGE = re.compile(
    rf"(?<![\w.,$€£¥])(?P<a>{_NUM}){_PCT}?\s*(?:to|-|–)\s*(?P<b>{_NUM}){_PCT}", re.I
)


def _percent_ranges(text: str) -> list[Quantity]:
    """Percentage ranges ("from 4.8 to 4.7 percent", "15 per cent to 20 per cent", "5-7%"):
    one quantity with ``low``, ``high`` and the midpoint (quantulum3 drops falling ranges)."""
    out = []
    for m in _PCT_RANGE.finditer(text):
        a, b = float(m["a"].replace(",", "")), float(m["b"].replace(",", ""))
        out.append(Quantity(m.start(), m.end(), m[0], (a + b) / 2, "percentage", "percent",
                            _bound(text[max(0, m.start() - 30) : m.start()]), None, a, b))  # fmt: skip
    return out


def _known_unit(word: str) -> str | None:
    """quantulum3's unit name for a word it knows as a whole unit ("km" -> "kilometre"), else
    None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = _parser().parse("1 " + word)
    if len(parsed) == 1 and parsed[0].unit.name != "dimensionless" and parsed[0].span[1] > 1:
        name = parsed[0].unit.name
        return units()["rename"].get(name.lower(), name)
    return None


def _unit_word(word: str) -> str:
    """The unit name of a word ("barrel" -> "barrel", "km" -> "kilometre"): quantulum3's name
    when it knows the word as a unit, else the word's naive lemma."""
    return _known_unit(word) or _naive_lemma(word)


def _compound_units(text: str) -> list[Quantity]:
    """Amounts in a compound unit quantulum3 reads by its first part only: "275 pound-feet of
    torque" (pound-foot, not pounds sterling), "332 lb-ft", "40 kilowatt-hours"."""
    rx = re.compile(
        rf"(?<![\w.,$€£¥])(?P<num>{_NUM})[\s-]?(?P<unit>(?i:{_alt(units()['compound'])}))\b"
    )
    out = []
    for m in rx.finditer(text):
        unit = units()["compound"].get(re.sub(r"\s+", " ", m["unit"].lower()), "")
        value = float(m["num"].replace(",", ""))
        out.append(Quantity(m.start(), m.end(), m[0], value, unit, "measure",
                            _bound(text[max(0, m.start() - 30) : m.start()])))  # fmt: skip
    return out


def _hyphen_rates(text: str) -> list[Quantity]:
    """Rates written as one hyphenated modifier: "a 52,000 barrel-a-day refinery" (52000
    barrel per day), "a 10-mile-a-day walk"."""
    rx = re.compile(
        rf"(?<![\w.,$€£¥])(?P<num>{_NUM})[\s-](?P<unit>[A-Za-z]+)-(?:a|an|per)-"
        rf"(?P<per>(?i:{_alt(units()['per'])}))\b"
    )
    out = []
    for m in rx.finditer(text):
        value = float(m["num"].replace(",", ""))
        per = units()["per"].get(m["per"].lower())
        out.append(Quantity(m.start(), m.end(), m[0], value, _unit_word(m["unit"]), "rate",
                            _bound(text[max(0, m.start() - 30) : m.start()]), per))  # fmt: skip
    return out


_SCALED = re.compile(rf"(?<![\w.,$€£¥])(?P<num>{_NUM})(?P<scale>bn|mn|mln|tn|M)\b")


def _scaled(text: str, doc: Doc | None) -> list[Quantity]:
    """Numbers with a scale suffix and no currency sign ("4.3M sales", "2.8bn km"), which
    quantulum3 reads as units (metre, bit-newton); the unit is read from the word after."""
    out: list[Quantity] = []
    for m in _SCALED.finditer(text):
        value = float(m["num"].replace(",", "")) * _SCALE[m["scale"].lower()]
        e = m.end()
        unit: str | None = None
        concept = None
        w = re.match(r"\s*([^\W\d]+)", text[e : e + _WINDOW])
        if w:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = _parser().parse("1 " + w.group(1))
            if parsed and parsed[0].unit.name not in ("dimensionless",):
                unit = units()["rename"].get(parsed[0].unit.name.lower(), parsed[0].unit.name)
                e += w.end()
        kind = "measure" if unit else "count"
        if unit is None:
            unit, concept = _counted_noun(text, e, doc)
            kind = "count" if unit else "number"
        out.append(Quantity(m.start(), e, text[m.start() : e], value, unit or "-", kind,
                            _bound(text[max(0, m.start() - 30) : m.start()]), None, None, None,
                            concept))  # fmt: skip
    return out


def _is_year_like(q: Any, text: str) -> bool:
    s, e = q.span
    return bool(re.fullmatch(r"(?:1[6-9]|20)\d\d", text[s:e].strip()))


_YEAR = re.compile(r"(?:19|20)\d\d")
_NUM_HEAD = re.compile(r"[-+]?\d+(?:[.,]\d+)*")


#: A range whose scale word is written once, after the high end: "1 to 2 thousand"
_SHARED_SCALE = re.compile(
    rf"{_NUM}\s*(?:to|-|–)\s*{_NUM}\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn)\b",
    re.I,
)
_POUND_WORD = re.compile(r"\bpounds?\s*$", re.I)


def _pound_unit(text: str, s: int, e: int) -> str:
    """Whether "<number> pounds" (the word, not "£") is money or weight: money with a scale
    word ("300 million pounds"), "sterling" after it or a money word near before it ("paid",
    "worth"), else weight ("he lost 20 pounds", "a 300-pound bear")."""
    if re.search(r"\b(?:thousand|million|billion|trillion|bn|m)\b", text[s:e], re.I):
        return "pound sterling"
    if re.match(r"\s+sterling\b", text[e : e + 12], re.I):
        return "pound sterling"
    before = re.findall(r"[a-z]+", text[max(0, s - 60) : s].lower())
    if any(w in units()["money_context"] for w in before):
        return "pound sterling"
    return "pound-mass"


_TIME_UNITS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century"}
_HYPHEN_DURATION = re.compile(
    r"[\w.,]+-(?:year|month|week|day|hour|minute|second|decade|century)", re.I
)
_MODIFIED_AFTER = re.compile(r"\s+[$€£A-Za-z]")
#: prime marks after a number: inches and feet ("25.5″", "6′")
_PRIMES = {"\u2033": "inch", "\u2032": "foot"}


def _rate_after(text: str, e: int) -> tuple[str | None, int]:
    """``(per, new_end)`` when a rate phrase follows a quantity ("... per share", "an ounce")."""
    m = re.match(
        rf"\s*(?:a|an|per|each|every)\s+((?i:{_alt(units()['per'])}))\b{_NOT_RATE}",
        text[e : e + _WINDOW],
    )
    if not m:
        return None, e
    return units()["per"].get(re.sub(r"\s+", " ", m.group(1).lower())), e + m.end()


#: A digit or a number word: text without any holds no quantity, so the (slow) parser is
#: skipped for it. Covers cardinals, ordinal fractions and the vague plurals of the data file.
_NUMBER_HINT = re.compile(
    r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    r"tenths?|score|couple)\b",
    re.IGNORECASE,
)


#: Sentence-sized chunks: up to a full stop, question or exclamation mark followed by white
#: space and a capital or quote (decimal points and "U.S." inside a sentence stay inside).
_CHUNK = re.compile(r"[\s\S]+?(?:[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z])|$)")


#: A run of 40 or more characters of digits and number separators ("1111...", "123 456 789
#: ..."): no news quantity is that long, and quantulum3's number patterns backtrack on such runs
#: in time cubic in their length (300 digits take minutes), so they are blanked before reading.
_NUMBER_RUN = re.compile(r"\d(?:[\d,.]|[ \u00a0](?=\d)){39,}")
#: Longest piece of text given to quantulum3 in one call; longer sentences are cut at a clause
#: boundary or a space between words (never inside a number), so no call sees more than this.
_PIECE = 600
_CUT = re.compile(r"[,;:)]\s+(?=\D)|(?<=[^\W\d])\s+(?=[^\W\d])")


def _mask_number_runs(text: str) -> str:
    """``text`` with over-long runs of digits blanked (same length, offsets stay valid)."""
    if not _NUMBER_RUN.search(text):
        return text
    return _NUMBER_RUN.sub(lambda m: " " * len(m[0]), text)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as ``(start, end)`` pieces of at most :data:`_PIECE` characters, cut
    after the last clause mark or space between two words of each window (a hard cut when a
    window has neither)."""
    out = []
    while end - start > _PIECE:
        cut = None
        for m in _CUT.finditer(text, start + _PIECE // 2, start + _PIECE):
            cut = m.end()
        if cut is None or cut <= start:
            cut = start + _PIECE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


class _Spans:
    """Character spans, queried for overlap in logarithmic time (sorted starts, merged)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for s, e in sorted(spans or []):
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        """Add the span ``[s, e)`` (merged with the spans it overlaps)."""
        i = bisect_left(self.starts, s)
        if i and self.ends[i - 1] >= s:  # touches the span before: merge into it
            i -= 1
            s = self.starts[i]
        j = i
        while j < len(self.starts) and self.starts[j] <= e:
            e = max(e, self.ends[j])
            j += 1
        e = max(e, self.ends[i]) if j > i else e
        self.starts[i:j] = [s]
        self.ends[i:j] = [e]

    def overlaps(self, s: int, e: int) -> bool:
        """Whether ``[s, e)`` shares a character with one of the spans."""
        i = bisect_left(self.starts, e) - 1
        return i >= 0 and self.ends[i] > s


def find_quantities(
    text: str, doc: Doc | None = None, timexes: list[Timex] | None = None
) -> list[Quantity]:
    """Every quantity in ``text`` (offsets into ``text``).

    ``doc`` (a spaCy Doc of exactly this text) gives better counted nouns; ``timexes`` are the
    text's temporal expressions (computed when not given) so that dates are not counted.
    Numbers with no unit and no counted noun get unit "-" and kind "number" (NewsQuant's
    convention); vague amounts ("dozens of people") get NewsQuant's conventional values.
    """
    from claimgraph.timex import find_timexes

    if not _NUMBER_HINT.search(text):  # no digit, no number word: nothing to read (fast path)
        return []
    text = _mask_number_runs(text)
    if timexes is None:
        timexes = find_timexes(text, None, doc)
    dates = _Spans([(t.start, t.end) for t in timexes if t.type in ("DATE", "TIME")])
    # "5pc" is "5%" in British news; same length so that offsets stay valid
    parse_text = re.sub(r"(?<=\d)pc\b", "% ", text).replace("\u2044", "/")
    parse_text = parse_text.replace("\u03bc", "\u00b5")  # Greek mu written for the micro sign
    # "minus-130 degrees": quantulum3 reads "-130 degrees" (same length, offsets stay valid)
    parse_text = re.sub(
        r"(?i)\bminus[\s-](?=\d)", lambda m: " " * (len(m[0]) - 1) + "-", parse_text
    )
    # "sub-7 nanometer", "her now-18 month-old": the hyphen joins a word, it is not a minus
    parse_text = re.sub(r"(?<=[a-z][a-z])-(?=\d)", " ", parse_text)
    # quantulum3 is slow in proportion to its input: give it only the sentences that hold a
    # digit or a number word, and shift what it finds back to offsets in ``text``
    parsed: list[tuple[int, Any]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for chunk in _CHUNK.finditer(parse_text):
            if not _NUMBER_HINT.search(chunk.group()):
                continue
            for ps, pe in _pieces(parse_text, chunk.start(), chunk.end()):
                parsed += [(ps, q) for q in _parser().parse(parse_text[ps:pe])]
    out: list[Quantity] = _money(text)
    taken = _Spans([(m.start, m.end) for m in out])
    for extra in (
        _vague(text, doc),
        _scaled(text, doc),
        _hyphen_rates(text),
        _compound_units(text),
        _percent_ranges(text),
        _fractions(text, doc),
        _ones(text, doc),
    ):
        for v in extra:
            if not taken.overlaps(v.start, v.end):
                out.append(v)
                taken.add(v.start, v.end)
    rename, stray = units()["rename"], units()["stray"]
    for off, q in parsed:
        s, e = q.span
        s, e = s + off, e + off
        while s < e and text[s] in " ([":
            s += 1
        while e > s and text[e - 1] in " )]":
            e -= 1
        if e <= s:
            continue
        num = _NUM_HEAD.match(text, s)
        unit = q.unit.name
        if num and text[num.end() : e].strip().lower() in stray:
            e, unit = num.end(), "dimensionless"  # "2018 at", "10 a": a word, not a unit symbol
        elif (last := re.search(r"\s(\w+)$", text[num.end() if num else s : e])) and last.group(
            1
        ).lower() in stray:  # "19 cents at": read "19 cents" alone, the word "at" is not a unit
            e = (num.end() if num else s) + last.start()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                again = _parser().parse(text[s:e])
            if again:
                q, unit = again[0], again[0].unit.name
        unit = _PRIMES.get(text[num.end() if num else s : e].strip(), unit)  # 25.5″ (inches)
        if re.search(r"\d\s?[ap]\.?m\.?$", text[s:e], re.I):
            continue  # a clock time read as picometres ("10.45pm")
        if dates.overlaps(s, e):
            continue
        is_money = bool(q.unit.entity) and q.unit.entity.name == "currency"
        if num and _YEAR.fullmatch(num.group()) and unit != "percentage" and not is_money:
            continue  # a year ("in 2018", "2022's")
        if re.fullmatch(r"\d{1,2}:\d\d", text[s:e]) or not _NUMBER_WORD.search(text[s:e]):
            continue
        if re.match(r"\s*(?:[ap]\.?m\b|:\d)", text[e : e + 9], re.I) or re.search(
            r"\d:$", text[max(0, s - 2) : s]
        ):
            continue  # a clock time
        if taken.overlaps(s, e):
            continue
        value = abs(float(q.value))
        if re.search(r"[A-Z][A-Za-z]*\s?-$", text[max(0, s - 12) : s + (text[s] == "-")]):
            continue  # a name with a number ("COVID-19", "F-35"), not a negative number
        if re.search(r"(?:minus[\s-]?|(?<!\w)-)$", text[max(0, s - 6) : s], re.I) and value:
            value = -value
        entity = q.unit.entity.name if q.unit.entity else ""
        per: str | None = None
        if unit in ("per cent", "percent") or unit.startswith("percent"):
            unit = "percentage"
        unit = rename.get(unit.lower(), rename.get(unit, unit))
        if unit == "dozen":
            value *= 12
            unit = "dimensionless"
        low = high = None
        if q.uncertainty:
            low, high = value - q.uncertainty, value + q.uncertainty
            shared = _SHARED_SCALE.match(text, s, e)
            if shared and low * _SCALE[shared["scale"].lower()] <= high:  # "1 to 2 thousand"
                low *= _SCALE[shared["scale"].lower()]
                value = (low + high) / 2
        if unit in ("pound sterling", "pound-mass") and _POUND_WORD.search(text, s, e):
            unit = _pound_unit(text, s, e)
            entity = "currency" if unit == "pound sterling" else "mass"
        concept: str | None = None
        if " per " in unit:
            base, _, denom = unit.partition(" per ")
            if denom in units()["per"].values() and _CURRENCY_WORDS.search(base):
                unit, per = base, denom
        if " to the " in unit or "unk" in unit.split():
            m = re.match(r"\d+(?:[.,]\d+)*", text[s:e])
            if not m:
                continue
            e = s + m.end()
            unit = "dimensionless"
        if unit in ("year", "month") and re.match(
            r"[\s-]*(?:(?:years?|months?)[\s-]+)?old\b", text[e : e + _WINDOW]
        ):
            unit = f"{unit} of age"
        if (
            unit in _TIME_UNITS
            and _HYPHEN_DURATION.fullmatch(text, s, e)
            and _MODIFIED_AFTER.match(text, e, e + 3)
        ):
            continue  # "a five-year plan", "a two-month contract": an attribute of the noun
        if unit == "dimensionless":
            before = text[max(0, s - 40) : s]
            if (
                num
                and num.group().isdigit()
                and re.search(r"(?:[A-Z]\w*|&\s?\w+)\s$", before)
                and (not re.search(r"(?:^|[.!?]\s+)[A-Z]\w*\s$", before))
            ):
                continue  # a name with a number ("iPhone 11", "S&P 500", "Game 7")
            if (
                re.search(r"[A-Z][a-z]+,\s$", before)
                and re.match(r"\s*,", text[e : e + _WINDOW])
                and value < 120
            ):
                out.append(Quantity(s, e, text[s:e], value, "year of age", "measure", "=",
                                    None, None, None, "age"))  # fmt: skip
                continue  # "Maddon, 66, said": an age
            after = text[e : e + _WINDOW]
            if re.match(r"\s+of\s", after) and re.fullmatch(r"\d+[/\u2044]\d+", text[s:e]):
                det = re.match(r"\s+of\s+(?:(?:the|a|an)\s+)?", after)
                assert det is not None
                after_of = e + det.end()
                cunit, concept = _counted_noun(text, after_of, doc)
                if cunit:
                    cunit = _naive_lemma(cunit.split()[-1])  # "1/16 of a US pint" -> pint
            else:
                cunit, concept = _counted_noun(text, e, doc)
            if (
                cunit
                and concept
                and concept[:1].isupper()
                and any(w.lower() in units()["address"] for w in cunit.split())
            ):
                continue  # a street address or postal code ("22 Baker Street")
            if cunit:
                abbrev = units()["abbrev"].get(concept or "")  # "0.5 WAR", "300 PS"
                if " " in cunit and (known := _known_unit(cunit.split()[0])):
                    cunit = known  # "5.2 litre V10 engine": a unit followed by what it measures
                cunit = abbrev or rename.get(cunit.lower(), cunit)
                if " " in cunit and cunit.split()[-1] in _TIME_UNITS:
                    cunit = cunit.split()[-1]  # "50 previous years": the unit is the year
                if (
                    num
                    and num.group().isdigit()
                    and len(num.group()) > 1
                    and concept
                    and not concept.endswith("s")
                    and all(w[:1].isupper() and not w.isupper() for w in cunit.split())
                ):
                    continue  # a model number ("787 Dreamliner", "iPhone 11 Pro Max")
            if (
                cunit is None
                and concept is None
                and re.search(r"[A-Z]\w*\s*$", text[max(0, s - _WINDOW) : s])
            ):
                continue  # a name with a number ("Big 12", "iPhone 11"): no quantity
            unit = cunit or "-"
            kind = "count" if cunit or concept else "number"
            if cunit and concept:  # "3,000 tests per day": a rate of counts
                at = text.find(concept, e, e + 80)
                after_noun = at + len(concept)
                if at >= 0 and not re.match(r"\s+\w+\s+\w+\s+(?:ago|earlier|later)\b",
                                            text[after_noun : after_noun + _WINDOW]):  # fmt: skip
                    per, _ = _rate_after(text, after_noun)
        elif entity == "currency" or _CURRENCY_WORDS.fullmatch((unit.split() or [""])[-1]):
            kind = "money"
            if per is None:
                per, e = _rate_after(text, e)
        elif unit == "percentage":
            kind = "percent"
        else:
            kind = "measure"
        if per is not None:
            kind = "rate"
        bound = _bound(text[max(0, s - 30) : s])
        if text[s:e].lower().startswith(("about", "around", "approximately", "nearly")):
            bound = "~"
        out.append(Quantity(s, e, text[s:e], value, unit, kind, bound, per, low, high, concept))
    out.sort(key=lambda q: q.start)
    return _merge_ranges(text, _partitives(text, out))


_PARTITIVE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|a|an)?\s*")


def _partitives(text: str, qs: list[Quantity]) -> list[Quantity]:
    """A bare amount that is a part of the amount after it takes its unit: "raised 280 million
    of the 1.5 billion shekels" (280 million shekels), "3 of the 12 seats" (3 seats)."""
    out = list(qs)
    for i in range(len(out) - 1):
        q, q2 = out[i], out[i + 1]
        if (
            q.kind == "number"
            and q2.unit != "-"
            and q2.kind != "fraction"
            and _PARTITIVE.fullmatch(text, q.end, q2.start)
        ):
            out[i] = Quantity(q.start, q.end, q.text, q.value, q2.unit, q2.kind, q.bound, q2.per,
                              q.low, q.high, q2.concept)  # fmt: skip
    return out


_RANGE_TO = re.compile(r"\s*(?:to|-|–)\s*")
_RANGE_OR = re.compile(r"\s+or\s+")
#: "from 21 mpg combined to 23": "from" a measured amount to a bare number (a word between)
_FROM_TO = re.compile(r"\s+(?:[\w-]+\s+){0,2}to\s+")
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+)?$", re.I)
_SCALE_AFTER = re.compile(rf"\s?{_SCALE_RX}\b")


def _range(text: str, q: Quantity, q2: Quantity, unit_of: Quantity, low: float) -> Quantity:
    """One range quantity from ``q`` to ``q2``, with the unit of ``unit_of``."""
    u = unit_of
    return Quantity(q.start, q2.end, text[q.start : q2.end], (low + q2.value) / 2, u.unit,
                    u.kind, q.bound, u.per, low, q2.value, u.concept)  # fmt: skip


def _merge_ranges(text: str, qs: list[Quantity]) -> list[Quantity]:
    """Two quantities joined by "to" become one range when they have the same unit or the first
    is a bare number ("from 4.8 to 4.7 percent", "15 per cent to 20 per cent", "1 to 2 thousand
    people", "three or four years"), or when a measured amount goes "from" it "to" a bare number
    ("from 208 pounds to 193"): ``low``, ``high`` and the midpoint as ``value``. Not after "by"
    ("rose by 2 to 5 percent" is a change and a level)."""
    out: list[Quantity] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        if i + 1 < len(qs) and not _BY_BEFORE.search(text[max(0, q.start - 6) : q.start]):
            q2 = qs[i + 1]
            gap = text[q.end : q2.start]
            bare = q.unit == "-" and q.kind == "number"
            same = q.full_unit == q2.full_unit or bare
            joined = _RANGE_TO.fullmatch(gap) or (
                _RANGE_OR.fullmatch(gap) and q.value < q2.value
                and q.value.is_integer() and q2.value.is_integer()
            )  # fmt: skip
            if (
                same
                and joined
                and q.kind not in ("money", "fraction")
                and q2.kind not in ("money", "fraction", "number")
                and q.low is None
                and q2.low is None
            ):
                low = q.value
                num2 = _NUM_HEAD.match(text, q2.start)
                scale = num2 and _SCALE_AFTER.match(text, num2.end())
                if bare and scale and num2 and q.value.is_integer():
                    factor = _SCALE.get(scale.group().strip().lower(), 1.0)
                    if q.value * factor <= q2.value:  # "1 to 2 thousand": the scale is shared
                        low = q.value * factor
                out.append(_range(text, q, q2, q2, low))
                i += 2
                continue
            if (
                q2.kind == "number"
                and q.kind not in ("number", "fraction", "money")
                and q2.low is None
                and _FROM_TO.fullmatch(gap)
                and _FROM_BEFORE.search(text[max(0, q.start - 16) : q.start])
            ):
                if q.low is None:  # "from 208 pounds to 193": one range in pounds
                    out.append(_range(text, q, q2, q, q.value))
                    i += 2
                    continue
                # "from about 14-18 mpg to 24": the bare end takes the unit of the range
                out.append(q)
                out.append(Quantity(q2.start, q2.end, q2.text, q2.value, q.unit, q.kind,
                                    q2.bound, q.per, None, None, q.concept))  # fmt: skip
                i += 2
                continue
        out.append(q)
        i += 1
    return out


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Stage entry: append a :class:`Quantity` for every quantity of the annotated paragraphs
    to ``rec.extra["quantities"]`` (dates found by the time stage are not counted)."""
    from claimgraph.timex import Timex, find_timexes

    out = rec.extra.setdefault("quantities", [])
    known: list[Timex] | None = rec.extra.get("timexes")
    for para in ann.paragraphs:
        text = para.text or para.doc.text  # Paragraph.text: no rebuild from tokens
        n = len(text)
        if known is not None:
            tx = [
                Timex(t.start - para.start, t.end - para.start, t.text, t.type, t.value)
                for t in known
                if para.start <= t.start and t.end <= para.start + n
            ]
        else:
            tx = find_timexes(text, None, para.doc)
        for q in find_quantities(text, para.doc, tx):
            s, e = para.start + q.start, para.start + q.end
            out.append(
                Quantity(
                    s,
                    e,
                    rec.text[s:e],
                    q.value,
                    q.unit,
                    q.kind,
                    q.bound,
                    q.per,
                    q.low,
                    q.high,
                    q.concept,
                )
            )
