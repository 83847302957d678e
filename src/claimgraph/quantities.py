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
- written numbers ("three dozen" -> 36, "a million" -> 1e6).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
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
    kind: str  # count, money, percent, rate, measure
    bound: str = "="  # "=", ">", "<", "~"
    per: str | None = None  # "month" for "$100 million a month"
    low: float | None = None
    high: float | None = None
    concept: str | None = None  # the noun counted or measured ("mercenaries")

    @property
    def full_unit(self) -> str:
        """Unit with its rate denominator ("dollar per month")."""
        return f"{self.unit} per {self.per}" if self.per else self.unit


@cache
def _parser() -> Any:
    """quantulum3's parser with the classifier off (rule-based disambiguation only)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

    classifier.USE_CLF = False
    return parser


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


def _counted_noun(text: str, end: int, doc: Doc | None) -> tuple[str | None, str | None]:
    """``(unit, concept)`` of a count: the noun phrase right after the number, lemmatised."""
    rest = text[end:]
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
                modifier = t.tag_ in ("VBG", "VBN", "HYPH") or (t.text == "-" and toks)
                if (t.pos_ in ("ADJ", "NOUN", "PROPN") or modifier) and t.lower_ not in _STOP_NOUN:
                    toks.append(t)
                    if t.pos_ in ("NOUN", "PROPN") and (
                        t.i + 1 >= len(doc) or doc[t.i + 1].pos_ not in ("NOUN", "PROPN")
                    ):
                        break
                    continue
                break
            if toks and toks[-1].pos_ in ("NOUN", "PROPN"):
                words = [t.lemma_.lower() if t.pos_ != "PROPN" else t.text for t in toks]
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
_CUR_SYMBOL = {"$": "dollar", "€": "euro", "£": "pound sterling", "¥": "japanese yen"}
_CUR_PREFIX = {"a": "australian dollar", "au": "australian dollar", "c": "canadian dollar",
               "ca": "canadian dollar", "nz": "new zealand dollar", "hk": "hong kong dollar",
               "s": "singapore dollar", "us": "dollar"}  # fmt: skip
#: Money written with a currency sign: "$100 million a month", "US $58.24", "$1.762bn".
MONEY = re.compile(
    r"(?<![\w$])(?P<pre>US|AU|A|C|CA|NZ|HK|S)?\s?(?P<sym>[$€£¥])\s?"
    r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?:\s?(?P<scale>(?i:thousand|million|billion|trillion|"
    r"bn|mn|mln|tn|k|m|b))\b)?(?:\s+(?:a|an|per|each|every)\s+(?P<per>year|month|week|day|hour|"
    r"share|barrel|person|head|ton|tonne|night)\b)?",
)


def _money(text: str) -> list[Quantity]:
    """Money amounts with a currency sign, read by rule (quantulum3 misreads "$700000 award")."""
    out = []
    for m in MONEY.finditer(text):
        value = float(m["num"].replace(",", "")) * _SCALE.get((m["scale"] or "").lower(), 1.0)
        unit = _CUR_SYMBOL[m["sym"]]
        if m["sym"] == "$" and m["pre"]:
            unit = _CUR_PREFIX.get(m["pre"].lower(), unit)
        per = m["per"]
        s, e = m.start(), m.end()
        if m["pre"] and text[s].isspace():
            s += 1
        kind = "rate" if per else "money"
        out.append(
            Quantity(
                s,
                e,
                text[s:e],
                value,
                unit,
                kind,
                _bound(text[max(0, s - 30) : s]),
                per,
                None,
                None,
                None,
            )
        )
    return out


def _is_year_like(q: Any, text: str) -> bool:
    s, e = q.span
    return bool(re.fullmatch(r"(?:1[6-9]|20)\d\d", text[s:e].strip()))


def find_quantities(
    text: str, doc: Doc | None = None, timexes: list[Timex] | None = None
) -> list[Quantity]:
    """Every quantity in ``text`` (offsets into ``text``).

    ``doc`` (a spaCy Doc of exactly this text) gives better counted nouns; ``timexes`` are the
    text's temporal expressions (computed when not given) so that dates are not counted.
    """
    from claimgraph.timex import find_timexes

    if timexes is None:
        timexes = find_timexes(text, None, doc)
    dates = [(t.start, t.end) for t in timexes if t.type in ("DATE", "TIME")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = _parser().parse(text)
    out: list[Quantity] = _money(text)
    money_spans = [(m.start, m.end) for m in out]
    for q in parsed:
        s, e = q.span
        while s < e and text[s] in " ([":
            s += 1
        while e > s and text[e - 1] in " )]":
            e -= 1
        if e <= s:
            continue
        if any(ds <= s and e <= de for ds, de in dates) or (
            q.unit.name == "dimensionless" and _is_year_like(q, text)
        ):
            continue
        if re.fullmatch(r"\d{1,2}:\d\d", text[s:e]) or not _NUMBER_WORD.search(text[s:e]):
            continue
        if any(ms < e and s < me for ms, me in money_spans):
            continue
        value = abs(float(q.value))
        unit = q.unit.name
        entity = q.unit.entity.name if q.unit.entity else ""
        per: str | None = None
        if unit in ("per cent", "percent") or unit.startswith("percent"):
            unit = "percentage"
        if unit == "dozen":
            value *= 12
            unit = "dimensionless"
        low = high = None
        if q.uncertainty:
            low, high = value - q.uncertainty, value + q.uncertainty
        concept: str | None = None
        if " per " in unit:
            base, _, denom = unit.partition(" per ")
            if denom in (
                "year",
                "month",
                "week",
                "day",
                "hour",
                "minute",
                "second",
                "share",
                "barrel",
                "person",
                "capita",
            ) and _CURRENCY_WORDS.search(base):
                unit, per = base, denom
        if " to the " in unit or "unk" in unit.split():
            m = re.match(r"\d+(?:[.,]\d+)*", text[s:e])
            if not m:
                continue
            e = s + m.end()
            unit = "dimensionless"
        if unit == "year" and re.match(r"[\s-]*(?:years?[\s-]+)?old\b", text[e:]):
            unit = "year of age"
        if unit == "dimensionless":
            cunit, concept = _counted_noun(text, e, doc)
            if cunit is None and concept is None and re.search(r"[A-Z]\w*\s*$", text[:s]):
                continue  # a name with a number ("Big 12", "iPhone 11"): no quantity
            unit = cunit or "count"
            kind = "count"
        elif entity == "currency" or _CURRENCY_WORDS.fullmatch(unit.split()[-1]):
            kind = "money"
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
    return out


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Stage entry: append a :class:`Quantity` for every quantity of the annotated paragraphs
    to ``rec.extra["quantities"]`` (dates found by the time stage are not counted)."""
    from claimgraph.timex import Timex, find_timexes

    out = rec.extra.setdefault("quantities", [])
    known: list[Timex] | None = rec.extra.get("timexes")
    for para in ann.paragraphs:
        text = para.doc.text
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
