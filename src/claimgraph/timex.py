"""time: temporal expressions (TIMEX3) found in text and resolved against the publication date.

Every temporal expression becomes a :class:`Timex` with a TIMEX3 ``type`` (DATE, TIME, DURATION,
SET), a ``value`` (``2022-11``, ``2022-W51``, ``1997-Q4``, ``P3Y``, ``PT2H``, ``PRESENT_REF``,
``XXXX-11-02`` ...), an optional ``mod`` (START, MID, END, APPROX, MORE_THAN, LESS_THAN ...) and
``anchor="dct"`` when the value was computed from the document creation time (DCT).

Why hand-written rules: dateparser (used for the baseline) parses absolute dates well but has no
notion of TIMEX3 types, durations, sets, granularity ("last month" is a month, not a day),
modifiers or tense-directed resolution, and HeidelTime / SUTime are Java. This module follows
their design: the vocabulary is data (``data/timex_lexicon.tsv``), the patterns below are built
from it, and each pattern has one resolution function. With no DCT nothing is guessed: values
that need a year stay underspecified (``XXXX-11-02``).

Tense decides the direction of names without a year or a "last/next" ("on Monday" in a
future-tense clause is the next Monday, in a past-tense clause the previous one). The tense comes
from the spaCy parse when a Doc is given (:func:`tense_of`), else from cue words in the sentence.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from claimgraph.annotate import Annotation
    from claimgraph.records import ArticleRecords

Tense = str | None  # "past", "present", "future" or None


@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression with its TIMEX3 type and normalised value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    mod: str | None = None
    anchor: str | None = None  # "dct" when resolved relative to the publication date


# --------------------------------------------------------------------------- lexicon


@cache
def lexicon() -> dict[str, dict[str, str]]:
    """The temporal lexicon: category -> word -> value (loaded once from the TSV file)."""
    out: dict[str, dict[str, str]] = {}
    path = resources.files("claimgraph") / "data" / "timex_lexicon.tsv"
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or len(row) < 3:
                continue
            out.setdefault(row[0], {})[row[1].lower()] = row[2]
    return out


def _alt(words: list[str] | dict[str, str], abbrev_dot: bool = False) -> str:
    """A regex alternation of the words, longest first; abbreviations may end in a dot."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+")
        if abbrev_dot and len(w) <= 4 and w not in ("may", "june", "july"):
            p += r"\.?"
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


_NUM_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_NUM_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
#: A number written with digits (1,000 / 2.5 / 2 1/2) or words (twenty-four, a hundred, a few).
NUMBER = (
    r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|(?:a\s+|one\s+)?half(?:\s+an?)?|"
    rf"(?:(?:{_NUM_TENS})(?:[\s-](?:{_NUM_SMALL}))?|{_NUM_SMALL}|an?)"
    rf"(?:[\s-](?:hundred|thousand|dozen))?|a\s+few|a\s+couple\s+of|several|few|many|some|"
    r"couple\s+of|multiple|numerous|hundreds\s+of|dozens\s+of|thousands\s+of)"
)


def parse_number(s: str) -> float | None:
    """Value of a number written in digits or English words; None for vague amounts."""
    s = s.lower().strip().replace("-", " ")
    s = re.sub(r"\s+", " ", s)
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    m = re.fullmatch(r"(\d+) (\d)/(\d)", s)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"(?:a |one )?half(?: an?)?", s):
        return 0.5
    if s in ("a couple of", "couple of"):
        return 2.0
    nums = lexicon()["number"]
    total, cur, seen = 0.0, 0.0, False
    for w in s.split():
        if w in ("and", "of"):
            continue
        if w not in nums:
            return None
        v = float(nums[w])
        seen = True
        if v in (100.0, 1000.0, 12.0) and w in ("hundred", "thousand", "dozen"):
            cur = (cur or 1.0) * v
            if v == 1000.0:
                total, cur = total + cur, 0.0
        else:
            cur += v
    return total + cur if seen else None


# --------------------------------------------------------------------------- calendar helpers


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n).rstrip("0")


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


_UNIT_CODE = {k: v for k, v in lexicon()["unit"].items()}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _unit_of(word: str) -> str | None:
    """TIMEX3 unit code of a unit word ("years" -> "Y", "hours" -> "TH", "centuries" -> "CE")."""
    w = word.lower().rstrip(".")
    if w == "centuries":
        w = "century"
    elif w.endswith("s") and w[:-1] in _UNIT_CODE:
        w = w[:-1]
    return _UNIT_CODE.get(w)


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "Y") -> P3Y, (2, "TH") -> PT2H, (None, "Y") -> PXY."""
    if unit == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXDE"
    if unit == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXCE"
    if unit == "FN":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    if unit == "WE":
        return f"P{_fmt_num(n * 2)}D" if n is not None else "PXWE"
    if unit == "ML":
        return f"P{_fmt_num(n * 1000)}Y" if n is not None else "PXML"
    t = unit.startswith("T")
    u = unit[-1]
    if n is None:
        amount = "X"
    elif not float(n).is_integer():
        frac = n - int(n)
        sub = {"Y": (12, "M"), "D": (24, "H"), "TH": (60, "M"), "M": (30, "D"), "W": (7, "D")}
        if unit in sub and int(n):
            k, su = sub[unit]
            inner = f"{int(n)}{u}{_fmt_num(frac * k)}{su}"
            if unit == "D":
                return f"P{int(n)}DT{_fmt_num(frac * k)}H"
            return ("PT" if t else "P") + inner
        if unit in sub and not int(n):
            k, su = sub[unit]
            return ("PT" if t or unit == "D" else "P") + f"{_fmt_num(frac * k)}{su}"
        amount = _fmt_num(n)
    else:
        amount = _fmt_num(n)
    return ("PT" if t else "P") + f"{amount}{u}"


def _mod_of(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower()).strip(" -")
    if w in ("early", "earlier") or w.startswith(("the beginning", "the start", "the first half")):
        return "START"
    if w in ("late", "later") or w.startswith(("the end", "the close", "the last half")):
        return "END"
    if w in ("mid", "the middle of") or w.startswith("the middle"):
        return "MID"
    if w.startswith("the second half"):
        return "END"
    return None


def _approx_of(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if w in ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to"):
        return "APPROX"
    if w in ("more than", "over", "upwards of"):
        return "MORE_THAN"
    if w in ("less than", "under", "fewer than"):
        return "LESS_THAN"
    if w == "at least":
        return "EQUAL_OR_MORE"
    if w in ("at most", "up to", "no more than"):
        return "EQUAL_OR_LESS"
    return None


def _direction(rel: str | None, tense: Tense, default: str = "past") -> str:
    """ "past", "future" or "this" for a name without a year ("Monday", "November")."""
    r = re.sub(r"\s+", " ", (rel or "").lower()).replace("the ", "")
    if r in ("last", "past", "previous", "latest"):
        return "last"
    if r in ("next", "coming", "following"):
        return "next"
    if r in ("this", "current"):
        return "this"
    if tense == "future":
        return "future"
    if tense == "past":
        return "past"
    if tense == "present":
        return "present"
    return default


# --------------------------------------------------------------------------- resolution

Result = tuple[str, str, str | None, bool]  # type, value, mod, anchored on the DCT


#: Days after the DCT within which a month-day date in a past-tense clause is still taken as
#: upcoming: reported speech about a scheduled date ("said the vote is set for Nov. 10") is
#: past tense, and news rarely names a date almost a year back without its year.
PAST_TENSE_AHEAD_DAYS = int(lexicon()["setting"]["past_tense_ahead_days"])


def _res_month(dct: date | None, m: int, day: int | None, way: str) -> tuple[str, bool]:
    """The year of month ``m`` (and ``day``) relative to the DCT, in direction ``way``."""
    if dct is None:
        return (f"XXXX-{m:02d}-{day:02d}" if day else f"XXXX-{m:02d}"), False
    y = dct.year
    key, dkey = (m, day or 0), (dct.month, dct.day if day else 0)
    if way == "past" and day and _valid(y, m, day):
        # the latest occurrence not more than PAST_TENSE_AHEAD_DAYS after the DCT
        for cand in (y + 1, y, y - 1):
            if _valid(cand, m, day) and (date(cand, m, day) - dct).days <= PAST_TENSE_AHEAD_DAYS:
                y = cand
                break
    elif way in ("past", "last"):
        if key > dkey or (way == "last" and key == dkey):
            y -= 1
    elif way in ("future", "next"):
        if key < dkey or (way == "next" and key == dkey):
            y += 1
    elif way in ("nearest", "present"):
        # the occurrence closest to the DCT (within six months either way)
        diff = (m - dct.month) + ((day or 15) - (dct.day if day else 15)) / 31
        if diff > 6:
            y -= 1
        elif diff < -6:
            y += 1
    return (f"{y:04d}-{m:02d}-{day:02d}" if day else f"{y:04d}-{m:02d}"), True


def _res_weekday(dct: date | None, wd: int, way: str) -> tuple[str, bool]:
    if dct is None:
        return f"XXXX-WXX-{wd}", False
    cur = dct.isoweekday()
    if way == "this":
        d = dct + timedelta(days=wd - cur)
    elif cur == wd and way not in ("last", "next"):
        d = dct
    elif way in ("future", "next"):
        d = dct + timedelta(days=(wd - cur) % 7 or 7)
    else:
        d = dct - timedelta(days=(cur - wd) % 7 or 7)
    return d.isoformat(), True


def _res_quarter(dct: date | None, q: int, way: str) -> tuple[str, bool]:
    """The year of quarter ``q``: the DCT's year unless the direction rules it out.

    News names the quarter being reported or coming up: in the past tense a quarter later than
    the DCT's is last year's; in the future tense one that ended more than a quarter before the
    DCT is next year's ("the third quarter" said in November is this year's either way).
    """
    if dct is None:
        return f"XXXX-Q{q}", False
    y, cur = dct.year, _quarter(dct)
    if way == "last":
        if q >= cur:
            y -= 1
    elif way == "next":
        if q <= cur:
            y += 1
    elif way in ("past", "present", "nearest") or way is None:
        if q > cur:
            y -= 1
    elif way == "future" and q < cur - 1:
        y += 1
    return f"{y:04d}-Q{q}", True


def _res_season(dct: date | None, code: str, way: str) -> tuple[str, bool]:
    if dct is None:
        return f"XXXX-{code}", False
    y, sm, cm = dct.year, _SEASON_MONTH[code], dct.month
    if code == "WI" and cm <= 2:
        cm += 12
    if way in ("past", "last"):
        if sm > cm or (way == "last" and sm <= cm < sm + 3):
            y -= 1
    elif way in ("future", "next") and (sm + 2 < cm or (way == "next" and sm <= cm < sm + 3)):
        y += 1
    if code == "WI" and dct.month <= 2 and way not in ("last", "next"):
        y -= 1
    return f"{y:04d}-{code}", True


def _res_unit(dct: date | None, unit: str, k: int) -> tuple[str, bool]:
    """The calendar unit ``k`` steps from the DCT's ("last month" = month, -1)."""
    x = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX"}
    if dct is None:
        return x.get(unit, "XXXX"), False
    if unit == "Y":
        return f"{dct.year + k:04d}", True
    if unit == "M":
        y, m = _shift_month(dct.year, dct.month, k)
        return f"{y:04d}-{m:02d}", True
    if unit in ("W", "WE"):
        v = _week(dct + timedelta(weeks=k))
        return (v + "-WE" if unit == "WE" else v), True
    if unit == "D":
        return (dct + timedelta(days=k)).isoformat(), True
    if unit == "Q":
        i = dct.year * 4 + _quarter(dct) - 1 + k
        return f"{i // 4:04d}-Q{i % 4 + 1}", True
    if unit == "DE":
        return f"{(dct.year // 10 + k):03d}", True
    if unit == "CE":
        return f"{(dct.year // 100 + k):02d}", True
    return f"{dct.year + k:04d}", True


def _ago(dct: date | None, n: float | None, unit: str, sign: int) -> tuple[str, bool]:
    """The date ``n`` units before (sign -1) or after (+1) the DCT, at the unit's granularity."""
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), dct is not None
    if dct is None:
        return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX-XX-XX"), False
    k = int(round(n)) * sign
    if unit == "Y":
        return f"{dct.year + k:04d}", True
    if unit == "DE":
        return f"{dct.year + 10 * k:04d}", True
    if unit == "CE":
        return f"{(dct.year + 100 * k) // 100:02d}", True
    if unit == "M":
        y, m = _shift_month(dct.year, dct.month, k)
        return f"{y:04d}-{m:02d}", True
    if unit == "W":
        return _week(dct + timedelta(weeks=k)), True
    if unit == "Q":
        return _res_unit(dct, "Q", k)
    if unit == "D":
        return (dct + timedelta(days=k)).isoformat(), True
    return dct.isoformat(), True


# --------------------------------------------------------------------------- patterns

_LEX = lexicon()
MONTH = _alt(_LEX["month"], abbrev_dot=True)
WEEKDAY = _alt(_LEX["weekday"], abbrev_dot=True)
SEASON = _alt(_LEX["season"])
POD = _alt(_LEX["partofday"])
UNITW = (
    r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|"
    r"centur(?:y|ies)|quarters?|weekends?|fortnights?|millenni(?:um|a))"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
MODP = (
    r"(?:(?P<mod>early|earlier|late|later|mid|the\s+(?:beginning|start|end|middle|close)\s+of|"
    r"the\s+(?:first|second|last)\s+half\s+of)[\s-]+)"
)
APPROX = (
    r"(?:(?P<approx>about|around|approximately|roughly|some|nearly|almost|close\s+to|more\s+than|"
    r"over|upwards\s+of|less\s+than|under|fewer\s+than|at\s+least|at\s+most|up\s+to|"
    r"no\s+more\s+than)\s+)"
)
_B = r"(?<![\w$€£])"  # no word character or currency sign right before
_E = r"(?![\w])"


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None, Tense, str], Result | None]


_PATTERNS: list[Pattern] = []


def _pattern(name: str, regex: str) -> Callable[..., Any]:
    def deco(fn: Callable[..., Result | None]) -> Callable[..., Result | None]:
        _PATTERNS.append(Pattern(name, re.compile(_B + regex + _E, re.I), fn))
        return fn

    return deco


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _month_no(s: str) -> int:
    return int(_LEX["month"][s.lower().rstrip(".")])


def _day_no(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


@_pattern(
    "iso",
    r"(?P<y>1[6-9]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mi>[0-5]\d))?",
)
def _r_iso(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    if m["hh"]:
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mi']}", None, False
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", None, False


@_pattern("slash", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)")
def _r_slash(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}", None, False) if _valid(y, mo, d) else None


def _date_result(
    mon: str, day: str | None, year: str | None, dct: date | None, tense: Tense, ctx: str
) -> Result | None:
    mo = _month_no(mon)
    d = _day_no(day) if day else None
    if year:
        y = int(year)
        if d is not None:
            return ("DATE", f"{y:04d}-{mo:02d}-{d:02d}", None, False) if _valid(y, mo, d) else None
        return "DATE", f"{y:04d}-{mo:02d}", None, False
    if d is not None and not _valid(2000, mo, d):
        return None
    v, anchored = _res_month(dct, mo, d, _direction(None, tense, "nearest"))
    return "DATE", v, None, anchored


@_pattern(
    "mdy",
    rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<mon>{MONTH})\s+(?P<day>{DAY})(?!\d|:\d|\s*(?:%|percent))"
    rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})(?!\d))?",
)
def _r_mdy(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if _day_no(m["day"]) > 31 or _day_no(m["day"]) == 0:
        return None
    if m["mon"].lower() in ("may", "mar", "sun", "sat", "wed") and m["mon"][0].islower():
        return None
    return _date_result(m["mon"], m["day"], m["year"], dct, tense, ctx)


@_pattern(
    "dmy",
    rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})"
    rf"(?:,?\s+(?P<year>{YEAR})(?!\d))?",
)
def _r_dmy(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if not 1 <= _day_no(m["day"]) <= 31:
        return None
    if m["mon"][0].islower():
        return None
    return _date_result(m["mon"], m["day"], m["year"], dct, tense, ctx)


@_pattern("my", rf"{MODP}?(?P<mon>{MONTH})(?:,\s*|\s+)(?:of\s+)?(?P<year>{YEAR})(?!\d)")
def _r_my(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if m["mon"][0].islower() and len(m["mon"]) <= 3:
        return None
    return "DATE", f"{int(m['year']):04d}-{_month_no(m['mon']):02d}", _mod_of(m["mod"]), False


@_pattern("monthrel", rf"(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
def _r_monthrel(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if m["mon"][0].islower():
        return None
    y, a = _res_unit(dct, "Y", {"this": 0, "last": -1, "next": 1}[m["rel"].lower()])
    return "DATE", f"{y}-{_month_no(m['mon']):02d}", None, a


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
WORDYEAR = (
    rf"(?:(?P<cent>{_TEENS})\s+(?P<rest>(?:{_NUM_TENS})(?:[\s-](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine)|hundred)"
    r"|(?P<two>two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|"
    rf"{_TEENS}))?))"
)


@_pattern(
    "wordyear",
    rf"{MODP}?(?:(?P<mon>{MONTH})\s+|the\s+year\s+|(?P<season>{SEASON})\s+of\s+)?{WORDYEAR}",
)
def _r_wordyear(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if m["two"]:
        y = int(parse_number(re.sub(r"\band\b", " ", m["two"])) or 0)
    else:
        c = int(parse_number(m["cent"]) or 0)
        rest = m["rest"].lower()
        r = 0 if rest == "hundred" else int(parse_number(rest.replace("oh", "")) or 0)
        y = c * 100 + r
    if not 1000 <= y <= 2099:
        return None
    if m["mon"]:
        if m["mon"][0].islower():
            return None
        return "DATE", f"{y:04d}-{_month_no(m['mon']):02d}", None, False
    if m["season"]:
        return "DATE", f"{y:04d}-{_LEX['season'][m['season'].lower()]}", None, False
    return "DATE", f"{y:04d}", _mod_of(m["mod"]), False


@_pattern("seasonyear", rf"(?:the\s+)?(?P<season>{SEASON})\s+(?:of\s+)?(?P<year>{YEAR})(?!\d)")
def _r_seasonyear(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return "DATE", f"{m['year']}-{_LEX['season'][m['season'].lower()]}", None, False


@_pattern(
    "name",
    rf"{MODP}?(?:(?P<rel>last|next|this|coming|past|previous|the\s+following|the\s+next|"
    rf"the\s+previous|the\s+coming|the\s+past)\s+)?(?P<name>{MONTH}|{WEEKDAY}|{SEASON})"
    rf"(?:'s)?(?:\s+(?P<pod>{POD}))?",
)
def _r_name(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    name = m["name"].lower().rstrip(".")
    lex = _LEX
    mod = _mod_of(m["mod"])
    if name in lex["weekday"]:
        if len(name) <= 3 and not m["name"][0].isupper():
            return None
        if len(name) <= 3 and name in ("sun", "sat", "wed", "mon"):
            return None
        way = _direction(m["rel"], tense, "past")
        if not m["rel"] and _WEEKDAY_AHEAD.search(re.split(r"[.,;!?]\s", ctx)[-1]):
            way = "future"  # "could come as early as Tuesday", "planned a rally on Saturday"
        v, a = _res_weekday(dct, int(lex["weekday"][name]), way)
        if m["pod"] and not a:
            return "TIME", f"{v}T{lex['partofday'][m['pod'].lower()]}", mod, a
        return "DATE", v, mod, a
    if name in lex["season"]:
        if not (m["rel"] or m["mod"]):
            return None
        way = _direction(m["rel"], tense, "this")
        v, a = _res_season(dct, lex["season"][name], way)
        return "DATE", v, mod, a
    if not m["name"][0].isupper() and not m["rel"]:
        return None  # "may" the modal, "march" the verb
    if len(name) <= 4 and name not in ("june", "july") and not m["rel"]:
        return None  # bare "Jan" / "Aug." / "Sept" without a day: too ambiguous
    if m["pod"]:
        return None
    way = _direction(m["rel"], tense, "nearest")
    v, a = _res_month(dct, int(lex["month"][name]), None, way)
    return "DATE", v, mod, a


@_pattern(
    "deictic",
    rf"{MODP}?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|"
    rf"tomorrow|tonight)(?:'s)?(?:\s+(?P<pod>{POD}))?",
)
def _r_deictic(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    w = re.sub(r"\s+", " ", m["w"].lower())
    k = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(
        w, -2 if "before" in w else 2
    )
    v, a = _res_unit(dct, "D", k)
    if w == "tonight":
        return "TIME", f"{v}TNI", None, a
    if m["pod"]:
        return "TIME", f"{v}T{_LEX['partofday'][m['pod'].lower()]}", _mod_of(m["mod"]), a
    return "DATE", v, _mod_of(m["mod"]), a


@_pattern("pod", rf"(?P<rel>this|last|early\s+this|late\s+last|late\s+this)\s+(?P<pod>{POD})")
def _r_pod(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    rel = m["rel"].lower().split()[-1]
    v, a = _res_unit(dct, "D", -1 if rel == "last" else 0)
    return "TIME", f"{v}T{_LEX['partofday'][m['pod'].lower()]}", None, a


@_pattern(
    "relunit",
    rf"{MODP}?(?P<rel>last|next|this|coming|past|previous|current|latest|"
    r"the\s+(?:past|last|previous|next|coming|following|current|latest|same|present)|the"
    r"(?=\s+weekend))\s+"
    r"(?P<fiscal>fiscal\s+|calendar\s+)?(?P<u>year|month|week|weekend|quarter|decade|century)",
)
def _r_relunit(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower()).replace("the ", "")
    unit = _unit_of(m["u"]) or "Y"
    mod = _mod_of(m["mod"])
    if rel in ("same",):
        return None
    if rel == "past" and unit in ("DE", "CE") and m["rel"].lower().startswith("the"):
        return "DURATION", duration_value(1, unit), mod, False
    k = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if rel == "latest" and unit == "Q":
        k = -1
    v, a = _res_unit(dct, "WE" if unit == "WE" else unit, k)
    if unit == "WE" and dct is None:
        v = "XXXX-WXX-WE"
    return "DATE", v, mod, a


@_pattern(
    "endof",
    rf"{MODP}(?P<rel>last|next|this|the\s+current|the\s+previous)\s+(?P<u>year|month|week|quarter|decade|century)",
)
def _r_endof(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return _r_relunit(m, dct, tense, ctx)


@_pattern(
    "ago",
    rf"{APPROX}?(?P<num>{NUMBER})\s+(?P<u>{UNITW})\s+(?P<dir>ago|earlier|later|from\s+now|hence)"
    r"(?!\s+than)",
)
def _r_ago(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    unit = _unit_of(m["u"])
    if unit is None:
        return None
    n = parse_number(m["num"])
    sign = -1 if m["dir"].lower() in ("ago", "earlier") else 1
    if unit in ("TH", "TM", "TS"):
        return "DURATION", duration_value(n, unit), _approx_of(m["approx"]), False
    v, a = _ago(dct, n, unit, sign)
    mod = _approx_of(m["approx"])
    return "DATE", v, mod, a


@_pattern(
    "duration",
    rf"{APPROX}?(?:(?P<rel>the\s+(?:past|last|next|first|coming|previous|following|final|"
    rf"latest|remaining|full|entire|whole|better\s+part\s+of\s+the)|past|last|next|first|"
    rf"another|the|over\s+the\s+(?:past|last|next))\s+)?(?P<num>{NUMBER})\s+"
    rf"(?:(?:more|additional|full|straight|consecutive|long)\s+)?(?P<u>{UNITW})"
    r"(?!\s+(?:old|of\s+age|ago|earlier|later|from\s+now)\b|-old)",
)
def _r_duration(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    unit = _unit_of(m["u"])
    if unit is None or unit == "Q" and m["num"].lower() in ("a", "an"):
        return None
    if unit == "WE":
        return None
    numtxt = m["num"].lower()
    n = parse_number(numtxt)
    vague = r"(several|few|a few|many|some|couple|multiple|numerous|hundreds|dozens|thousands)"
    if n is None and not re.match(vague, numtxt):
        return None
    if numtxt in ("a", "an", "one") and re.search(
        r"(?:\d|times|per|million|billion|trillion|dollars?|cents?|euros?|pounds?|%|percent|once|"
        r"twice|thrice)\s*$",
        ctx,
        re.I,
    ):
        return "SET", duration_value(1, unit), None, False
    if numtxt in ("some",) and m["u"].lower().endswith("s") is False:
        return None
    if unit == "Q":
        return (
            "DURATION",
            f"P{_fmt_num(n)}Q" if n is not None else "PXQ",
            _approx_of(m["approx"]),
            False,
        )
    return "DURATION", duration_value(n, unit), _approx_of(m["approx"]), False


@_pattern(
    "adjdur",
    rf"(?P<num>\d+(?:\.\d+)?|(?:{_NUM_TENS})(?:-(?:{_NUM_SMALL}))?|{_NUM_SMALL}|half|multi)-"
    rf"(?P<u>year|month|week|day|hour|minute|second|decade|century)(?:-long)?(?!-old|-olds|\s+old|-\w)",
)
def _r_adjdur(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    unit = _unit_of(m["u"])
    if unit is None:
        return None
    n = None if m["num"].lower() == "multi" else parse_number(m["num"])
    return "DURATION", duration_value(n, unit), None, False


@_pattern(
    "vague",
    r"(?:(?P<prep>for|in|over|within|after|than|during)\s+)(?P<the>the\s+)?(?P<u>years|months|"
    r"weeks|decades|centuries)",
)
def _r_vague(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return "DURATION", duration_value(None, _unit_of(m["u"]) or "Y"), None, False


@_pattern("decadeslong", r"(?P<u>decades|years|months|centuries)-long")
def _r_declong(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return "DURATION", duration_value(None, _unit_of(m["u"]) or "Y"), None, False


@_pattern(
    "time",
    r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
    r"|(?P<h2>[01]?\d|2[0-3])[:.](?P<mi2>[0-5]\d)(?=\s*(?:\(|UTC|GMT|EST|EDT|CST|PST|CET|hours?\b|h\b))"
    r"|(?P<h3>[01]\d|2[0-3]):(?P<mi3>[0-5]\d)(?!\d)"
    r"|(?P<h4>[01]\d|2[0-3])(?P<mi4>[0-5]\d)\s*(?=UTC|GMT|hours|hrs|Z\b)"
    r"|(?P<noon>noon|midnight|midday))"
    r"(?:\s*(?:\(\s*)?(?P<tz>UTC|GMT|Z|EST|EDT|CST|CDT|PST|PDT|CET|BST|ET|hours|hrs)\b"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?(?:\s*\))?)?"
    rf"(?:\s+(?:on\s+)?(?P<day>today|yesterday|tomorrow|{WEEKDAY})(?![a-z]))?",
)
def _r_time(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if m["noon"]:
        hh, mi = (0, 0) if m["noon"].lower() == "midnight" else (12, 0)
    else:
        h = m["h"] or m["h2"] or m["h3"] or m["h4"]
        mm = m["mi"] or m["mi2"] or m["mi3"] or m["mi4"] or "00"
        hh, mi = int(h), int(mm)
        if m["ampm"]:
            if hh > 12:
                return None
            pm = m["ampm"].lower().startswith("p")
            hh = (hh % 12) + (12 if pm else 0)
    day = (m["day"] or "").lower().rstrip(".")
    if day in _LEX["weekday"]:
        d, a = _res_weekday(dct, int(_LEX["weekday"][day]), _direction(None, tense, "past"))
    elif day:
        d, a = _res_unit(dct, "D", {"today": 0, "yesterday": -1, "tomorrow": 1}[day])
    else:
        d, a = _res_unit(dct, "D", 0)
    tz = (m["tz"] or "").lower()
    z = "Z" if tz in _LEX["utc"] else ""
    return "TIME", f"{d}T{hh:02d}:{mi:02d}{z}", None, a


@_pattern(
    "year",
    rf"{MODP}?(?:(?P<pre>fiscal|calendar|FY|the\s+year|the\s+end\s+of)\s*)?(?P<year>{YEAR})"
    r"(?![\d%]|[.,]\d|\s*(?:percent|per\s+cent|-year|-)|'s)",
)
def _r_year(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if re.search(r"(?:\$|€|£|#|No\.|number|page|pp?\.|route|flight)\s*$", ctx, re.I):
        return None
    return "DATE", m["year"], _mod_of(m["mod"]), False


@_pattern(
    "decade",
    rf"(?:the\s+)?{MODP}?(?:(?P<c>1[6-9]|20)(?P<d>\d)0|'(?P<dd>\d)0|(?P<ddd>[2-9])0)'?s",
)
def _r_decade(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    if m["c"]:
        v = f"{m['c']}{m['d']}"
    else:
        d = m["dd"] or m["ddd"]
        # the latest such decade not after the DCT's ("the '80s" in 1989 is 198, in 2023 202)
        cent = dct.year // 100 if dct else 20
        v = f"{cent if int(d) <= (dct.year % 100) // 10 else cent - 1}{d}" if dct else f"19{d}"
    if re.search(
        r"(?:in\s+(?:his|her|their|my|your|its)|aged?|temperatures?\s+in)\s+(?:the\s+)?"
        r"(?:early\s+|late\s+|mid-?)?$",
        ctx,
        re.I,
    ):
        return None
    return "DATE", v, _mod_of(m["mod"]), False


@_pattern("century", r"(?:the\s+)?(?P<ord>\d{1,2})(?:st|nd|rd|th)\s+century")
def _r_century(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return "DATE", f"{int(m['ord']) - 1:02d}", None, False


@_pattern(
    "quarter",
    r"(?:(?P<rel>the|this|last|next|this\s+year's|last\s+year's|next\s+year's|"
    r"the\s+(?:latest|current|previous|last|past|year-ago|year-earlier|same|recent|most\s+recent))\s+)?"
    r"(?:(?P<fiscal>fiscal|calendar)\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
    r"[\s-](?:fiscal\s+)?)?(?P<q>quarter|half)(?:\s+(?:of\s+)?(?:(?P<year>"
    + YEAR
    + r")|(?:fiscal\s+)?(?P<year2>\d{4})|(?P<rely>this|last|next)\s+year))?",
)
def _r_quarter(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    ordw = (m["ord"] or "").lower()
    half = m["q"].lower() == "half"
    if not ordw and (not rel or rel == "the" and half):
        return None
    if half and not ordw:
        return None
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2}.get(
        ordw, {"3rd": 3, "4th": 4}.get(ordw, 0)
    )
    if half:
        n = 1 if n == 1 else 2
    year = m["year"] or m["year2"]
    rely = (m["rely"] or "").lower()
    if rel.startswith(("this year", "last year", "next year")):
        rely = rel.split()[0]
    unit = "H" if half else "Q"
    if year:
        return "DATE", f"{year}-{unit}{n}" if n else year, None, False
    if rely:
        v, a = _res_unit(dct, "Y", {"this": 0, "last": -1, "next": 1}[rely])
        return "DATE", f"{v}-{unit}{n}" if n else v, None, a
    if not n:
        k = (
            -1
            if rel
            in (
                "the latest",
                "the last",
                "the previous",
                "the past",
                "last",
                "the most recent",
                "the recent",
                "the",
            )
            else 0
        )
        if rel in ("the year-ago", "the year-earlier"):
            k = -5
        if rel == "next":
            k = 1
        v, a = _res_unit(dct, "Q", k)
        return "DATE", v, None, a
    if half:
        if dct is None:
            return "DATE", f"XXXX-H{n}", None, False
        y = dct.year - (1 if n == 2 and dct.month <= 6 and tense != "future" else 0)
        return "DATE", f"{y:04d}-H{n}", None, True
    if rel in ("the year-ago", "the year-earlier"):
        v, a = _res_quarter(dct, n, "past")
        return "DATE", (f"{int(v[:4]) - 1:04d}{v[4:]}" if a else v), None, a
    v, a = _res_quarter(dct, n, _direction(rel if rel != "the" else None, tense, "nearest"))
    return "DATE", v, None, a


@_pattern("qn", rf"(?P<q>Q[1-4])(?:\s+|/)?(?P<year>{YEAR})?")
def _r_qn(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    n = int(m["q"][1])
    if m["year"]:
        return "DATE", f"{m['year']}-Q{n}", None, False
    v, a = _res_quarter(dct, n, _direction(None, tense, "past"))
    return "DATE", v, None, a


@_pattern(
    "yearago",
    r"(?:the\s+)?(?:comparable\s+|same\s+)?(?:year[\s-](?:ago|earlier)(?:\s+(?:period|"
    r"(?:(?P<ord>first|second|third|fourth)[\s-])?quarter))?|(?:quarter|period)\s+(?:a\s+year\s+"
    r"(?:ago|earlier)|of\s+last\s+year)|same\s+(?:month|period)\s+(?:a\s+year\s+(?:ago|earlier)|"
    r"last\s+year))(?![\s-]+(?:nine|six|three|first|second|third|fourth)\b)",
)
def _r_yearago(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    """ "the year-ago quarter", "year-earlier": last year's reporting period (see
    :func:`_reporting_period`); from the DCT alone the previous year (or its quarter n)."""
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get((m["ord"] or "").lower())
    v, a = _res_unit(dct, "Y", -1)
    return "DATE", (f"{v}-Q{n}" if n else v), None, a


@_pattern(
    "yearq",
    rf"the\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth)[\s-])?(?:fiscal\s+)?"
    r"(?P<q>quarter|period)",
)
def _r_yearq(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    """ "the 1988 second quarter": that quarter; "the 1988 quarter" / "the 1989 period": the
    reporting period's quarter in that year (see :func:`_reporting_period`), else the year."""
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get((m["ord"] or "").lower())
    return "DATE", (f"{m['year']}-Q{n}" if n else m["year"]), None, False


@_pattern("periodref", r"the\s+(?:latest|current)\s+period")
def _r_periodref(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    """ "the latest period": the reporting period; from the DCT alone the last quarter."""
    v, a = _res_unit(dct, "Q", -1)
    return "DATE", v, None, a


@_pattern(
    "theyear",
    r"the\s+(?:(?:full|fiscal)\s+)?year(?![\w'’-]|\s+(?:ago|earlier|before|after|\d))"
    r"(?=(?P<ended>\s+end(?:ed|ing)\b)?)",
)
def _r_theyear(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    """ "the year" in business news: a year-long period when followed by "ended/ending <date>"
    ("in the year ended March 31": P1Y), else the DCT's year ("sales for the full year")."""
    if m["ended"]:
        return "DURATION", "P1Y", None, False
    v, a = _res_unit(dct, "Y", 0)
    return "DATE", v, None, a


@_pattern("ref", _alt(_LEX["ref"]))
def _r_ref(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    w = re.sub(r"\s+", " ", m.group(0).lower())
    if w == "future" and not re.search(r"(?:the|near|in)\s+$", ctx, re.I):
        return None
    return "DATE", _LEX["ref"][w], None, False


@_pattern("setword", _alt(_LEX["set"]))
def _r_set(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    return "SET", _LEX["set"][m.group(0).lower()], None, False


@_pattern(
    "every",
    rf"(?P<q>every|each|per)\s+(?:(?P<num>other|{NUMBER})\s+)?(?P<u>{UNITW}|{WEEKDAY}|{MONTH}|"
    rf"{POD})",
)
def _r_every(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    u = m["u"].lower().rstrip(".")
    if u.endswith("s") and u[:-1] in _LEX["weekday"]:
        u = u[:-1]
    if u in _LEX["weekday"]:
        if len(u) <= 3:
            return None
        return "SET", f"XXXX-WXX-{_LEX['weekday'][u]}", None, False
    if u in _LEX["month"]:
        if not m["u"][0].isupper():
            return None
        return "SET", f"XXXX-{int(_LEX['month'][u]):02d}", None, False
    if u in _LEX["partofday"]:
        return "SET", f"TXX{_LEX['partofday'][u]}", None, False
    unit = _unit_of(u)
    if unit is None:
        return None
    num = (m["num"] or "").lower()
    n = 2.0 if num == "other" else (parse_number(num) if num else 1.0)
    if unit == "Q":
        return "SET", "P3M", None, False
    return "SET", duration_value(n, unit), None, False


@_pattern("holiday", rf"(?P<h>{_alt(_LEX['holiday'])})(?:\s+(?P<year>{YEAR}))?")
def _r_holiday(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    md = _LEX["holiday"][re.sub(r"\s+", " ", m["h"].lower())]
    mo, d = (int(x) for x in md.split("-"))
    if m["year"]:
        return "DATE", f"{m['year']}-{md}", None, False
    v, a = _res_month(dct, mo, d, _direction(None, tense, "nearest"))
    return "DATE", v, None, a


def _floating_day(spec: str, year: int) -> date:
    """The date of a floating holiday in ``year`` from its lexicon spec ("11-4-4" = the fourth
    Thursday of November, "05-1--1" = the last Monday of May, "easter")."""
    if spec == "easter":  # anonymous Gregorian algorithm (Meeus/Jones/Butcher)
        a, b, c = year % 19, year // 100, year % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l_) // 451
        month = (h + l_ - 7 * m + 114) // 31
        return date(year, month, (h + l_ - 7 * m + 114) % 31 + 1)
    mo_s, wd_s, n_s = spec.split("-", 2)
    mo, wd, n = int(mo_s), int(wd_s), int(n_s)
    if n > 0:
        first = date(year, mo, 1)
        return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    nxt = date(year + (mo == 12), mo % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - wd) % 7)


@_pattern(
    "floating",
    rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>{_alt(_LEX['floating'])})(?:\s+(?P<year>{YEAR}))?",
)
def _r_floating(m: re.Match[str], dct: date | None, tense: Tense, ctx: str) -> Result | None:
    """Floating holidays ("Thanksgiving", "Labor Day", "Easter"): computed for the year given,
    else the occurrence nearest the DCT in the direction of the tense or "last"/"next"."""
    if not m["h"][0].isupper():
        return None
    spec = _LEX["floating"][re.sub(r"\s+", " ", m["h"].lower())]
    if m["year"]:
        return "DATE", _floating_day(spec, int(m["year"])).isoformat(), None, False
    if dct is None:
        return "DATE", "XXXX-XX-XX", None, False
    way = _direction(m["rel"], tense, "nearest")
    cands = [_floating_day(spec, y) for y in (dct.year - 1, dct.year, dct.year + 1)]
    if way in ("past", "last"):
        pool = [d for d in cands if d < dct or (way == "past" and d == dct)]
    elif way in ("future", "next"):
        pool = [d for d in cands if d > dct or (way == "future" and d == dct)]
    else:
        pool = cands
    best = min(pool, key=lambda d: abs((d - dct).days))
    return "DATE", best.isoformat(), None, True


#: Ages are not temporal expressions: "6-year-old", "56 years old", "at the age of 56", "aged 3".
AGE = re.compile(
    rf"{_B}(?:(?:{NUMBER})[\s-]+(?:years?|months?|weeks?|days?)[\s-]+old|"
    r"(?:{NUMBER})-(?:year|month|week|day)-olds?|aged?\s+(?:of\s+)?\d+|"
    r"(?:the\s+)?age\s+of\s+\w+)\b".replace("{NUMBER}", NUMBER),
    re.I,
)


# --------------------------------------------------------------------------- tense


_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planning\s+to|planned|expects?\s+to|"
    r"expected|intends?\s+to|scheduled|due\s+to|to\s+be\s+held|set\s+to|next|upcoming)\b",
    re.I,
)
#: Words before a weekday name in the same clause that put it ahead of the DCT even in a past
#: tense sentence (reported plans: "said he would travel Thursday", "as soon as Tuesday").
_WEEKDAY_AHEAD = re.compile(
    r"\b(?:as\s+(?:soon|early)\s+as|would|might|will|'ll|is\s+to|are\s+to|scheduled|"
    r"planned|planning|plans?\s+to|likely\s+to|expected\s+to|set\s+to|due\s+to)\b",
    re.I,
)
_PAST_CUE = re.compile(r"\b(?:was|were|had|did|said|told|\w{3,}ed)\b", re.I)
_PRESENT_CUE = re.compile(r"\b(?:is|are|am|has|have|says)\b", re.I)


def tense_from_text(sentence: str) -> Tense:
    """Rough tense of a sentence from cue words, for use without a parse."""
    if _FUTURE_CUE.search(sentence):
        return "future"
    if _PAST_CUE.search(sentence):
        return "past"
    if _PRESENT_CUE.search(sentence):
        return "present"
    return None


_FUTURE_GOVERNORS = {
    "plan", "expect", "intend", "want", "hope", "aim", "seek", "schedule", "set", "due", "go",
    "prepare", "propose", "agree", "promise", "vow", "threaten", "decide", "try", "need", "ready",
}  # fmt: skip


def tense_of(token: Token, _depth: int = 0) -> Tense:
    """Tense of the verb governing ``token`` in a spaCy parse (past, present, future or None).

    Walks up the heads to the first verb; "will"/"shall" auxiliaries give future, VBD or a
    perfect give past, VBZ/VBP present; an infinitive governed by plan/expect/... is future.
    """
    t = token
    for _ in range(12):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            break
        if t.head.i == t.i:
            break
        t = t.head
    if t.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lemma_.lower() for c in auxes}
    if lemmas & {"will", "shall", "'ll"} or any(c.lower_ in ("will", "'ll", "wo") for c in auxes):
        return "future"
    if "to" in {c.lower_ for c in auxes} or (t.tag_ == "VB" and not auxes):
        h = t.head
        if h.i != t.i and (h.lemma_.lower() in _FUTURE_GOVERNORS or h.lower_ == "going"):
            return "future"
        if h.i != t.i and h.pos_ in ("VERB", "AUX", "ADJ"):
            if h.pos_ == "ADJ":
                return "future"
            return tense_of(h, _depth + 1) if _depth < 3 else None
        return None
    tags = {c.tag_ for c in auxes} | {t.tag_}
    if "VBD" in tags:
        return "past"
    if t.tag_ == "VBN" and lemmas & {"have"}:
        return "past"
    if t.tag_ == "VBG" and lemmas & {"be"} and tags & {"VBZ", "VBP"}:
        return "future"
    if tags & {"VBZ", "VBP"}:
        return "present"
    if t.tag_ == "MD":
        return "future" if t.lower_ in ("will", "shall", "'ll") else "present"
    return None


# --------------------------------------------------------------------------- API


def _candidates(text: str) -> list[tuple[int, int, Pattern, re.Match[str]]]:
    out = []
    for p in _PATTERNS:
        for m in p.regex.finditer(text):
            if m.end() > m.start():
                out.append((m.start(), m.end(), p, m))
    return out


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    e_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return (s + 1 if s >= 0 else 0), (min(e_candidates) if e_candidates else len(text))


def find_timexes(
    text: str, dct: date | None = None, doc: Doc | None = None, tense: Tense = None
) -> list[Timex]:
    """All temporal expressions in ``text``, longest match first, resolved against ``dct``.

    ``doc`` is an optional spaCy Doc of exactly this text; it supplies the tense of the verb
    governing each expression (else cue words of the sentence are used). ``tense`` forces one
    tense for every expression ("" forces none).
    """
    ages = [(m.start(), m.end()) for m in AGE.finditer(text)]
    cands = _candidates(text)
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int]] = []
    found: list[tuple[Timex, str]] = []
    for s, e, p, m in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        if any(s < ae and as_ < e for as_, ae in ages):
            continue
        if p.name == "duration" and _ORDINAL_SECOND.match(text, s):
            continue
        t_ = (tense or None) if tense is not None else _tense_at(text, s, e, doc)
        res = p.resolve(m, dct, t_, text[max(0, s - 60) : s])
        if res is None:
            continue
        typ, value, mod, anchored = res
        found.append((Timex(s, e, text[s:e], typ, value, mod, "dct" if anchored else None), p.name))
        taken.append((s, e))
    found.sort(key=lambda f: f[0].start)
    return _reporting_period(found, dct)


#: Expressions whose value is the reporting period under discussion ("the quarter", "the latest
#: period") or that period a year earlier ("a year ago", "the year-earlier quarter").
_PERIOD_REF = re.compile(r"(?:the\s+)?(?:latest\s+|current\s+|same\s+)?(?:quarter|period)", re.I)
_YEAR_BACK = re.compile(
    r"(?:(?:an?|one)\s+year\s+(?:ago|earlier)|.*\byear[\s-](?:ago|earlier)\b.*|.*last\s+year)", re.I
)


def _reporting_period(found: list[tuple[Timex, str]], dct: date | None) -> list[Timex]:
    """Resolve references to the reporting period of business news (TimeML convention).

    Earnings reports compare "the quarter" (or "the latest period") with the same quarter "a year
    ago" / "a year earlier" / in "the year-ago period": those expressions take the value of the
    quarter last named before them (shifted back one year for the year-ago forms) instead of the
    plain year or quarter computed from the DCT. Without a quarter named earlier in the text the
    values stay as resolved.
    """
    out: list[Timex] = []
    period: str | None = None  # the last quarter named
    latest: str | None = None  # the last quarter or month named
    for t, name in found:
        v = t.value
        same = name == "yearago" and re.search(r"same\s+(?:month|period)", t.text, re.I)
        ref = (latest if same else period) if dct is not None else None
        if ref:
            back = name in ("ago", "yearago") and _YEAR_BACK.fullmatch(t.text)
            if back and (re.fullmatch(r"\d{4}", v) or name == "yearago"):
                q = re.search(r"-Q(\d)$", v)
                base = f"{ref[:4]}-Q{q.group(1)}" if q and name == "yearago" else ref
                v = f"{int(base[:4]) - 1:04d}{base[4:]}"
            elif name in ("quarter", "periodref") and _PERIOD_REF.fullmatch(t.text):
                v = ref
            elif name == "yearq" and re.fullmatch(r"\d{4}", v) and "-Q" in ref:
                v = f"{v}{ref[4:]}"
        if v != t.value:
            t = Timex(t.start, t.end, t.text, t.type, v, t.mod, t.anchor)
        elif (
            name in ("quarter", "qn")
            and re.fullmatch(r"\d{4}-Q\d", v)
            and not re.search(r"year[\s-](?:ago|earlier)|last\s+year", t.text, re.I)
        ):
            period = latest = v
        elif name in ("name", "my", "monthrel", "relunit") and re.fullmatch(r"\d{4}-\d\d", v):
            latest = v
        out.append(t)
    return out


#: "a second" used as an ordinal ("a second term", "a second consecutive day"), not 1 second.
_ORDINAL_SECOND = re.compile(
    r"an?\s+second\s+(?!(?:or|and|of|to|in|later|ago|before|after|earlier|when|that|the)\b)"
    r"[A-Za-z]",
    re.I,
)


def _tense_at(text: str, s: int, e: int, doc: Doc | None) -> Tense:
    if doc is not None:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            return tense_of(span.root)
    ss, se = _sentence_bounds(text, s, e)
    return tense_from_text(text[ss:se])


def normalise(
    expr: str, dct: date | None = None, tense: Tense = None
) -> tuple[str, str, str | None]:
    """TIMEX3 ``(type, value, mod)`` of one temporal expression, resolved against ``dct`` with
    ``tense`` (past, present, future or None) deciding the direction of year-less names.

    The longest expression found in ``expr`` is used; ValueError if there is none.
    """
    found = find_timexes(expr, dct, tense=tense or "")
    if not found:
        raise ValueError(f"not a temporal expression: {expr!r}")
    t = max(found, key=lambda t: t.end - t.start)
    return t.type, t.value, t.mod


_PRECISION = [
    (re.compile(r"^\d{4}-\d\d-\d\dT"), "time"),
    (re.compile(r"^\d{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"^\d{4}-W\d\d"), "week"),
    (re.compile(r"^\d{4}-\d\d$"), "month"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "half"),
    (re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
]


def precision_of(value: str) -> str | None:
    """Granularity of a TIMEX3 DATE/TIME value ("2022-11" -> "month"); None if not a date."""
    for rx, name in _PRECISION:
        if rx.match(value):
            return name
    return None


def anchor_for(
    sentence_span: tuple[int, int],
    timexes: list[Timex],
    dct: date | None,
    tense: Tense,
) -> tuple[str | None, str | None]:
    """The time of an event reported in the sentence ``[start, end)``: ``(value, precision)``.

    1. The sentence's own DATE/TIME timex with a calendar value (the first one), e.g.
       ``("2022-11", "month")`` for "Last month, North Korea delivered ...".
    2. Else its reference timex (PRESENT_REF, PAST_REF, FUTURE_REF) with precision "ref".
    3. Else the publication date with the tense deciding: past -> ``(dct, "before")``,
       present -> ``(dct, "day")``, future -> ``(dct, "after")``, unknown -> ``(dct, "around")``.
    4. With no publication date: ``("PAST_REF"|"PRESENT_REF"|"FUTURE_REF", "ref")`` from the
       tense, or ``(None, None)``.
    """
    s, e = sentence_span
    inside = [t for t in timexes if t.start >= s and t.end <= e and t.type in ("DATE", "TIME")]
    for t in inside:
        p = precision_of(t.value)
        if p is not None:
            return t.value, p
    for t in inside:
        if t.value.endswith("_REF"):
            return t.value, "ref"
    if dct is not None:
        how = {"past": "before", "present": "day", "future": "after"}.get(tense or "", "around")
        return dct.isoformat(), how
    ref = {"past": "PAST_REF", "present": "PRESENT_REF", "future": "FUTURE_REF"}.get(tense or "")
    return (ref, "ref") if ref else (None, None)


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Stage entry: append a :class:`Timex` for every temporal expression of the annotated
    paragraphs to ``rec.extra["timexes"]``, resolved against ``rec.article.published``."""
    dct = rec.article.published
    out = rec.extra.setdefault("timexes", [])
    for para in ann.paragraphs:
        text = para.text or para.doc.text
        for t in find_timexes(text, dct, doc=para.doc):
            s, e = para.start + t.start, para.start + t.end
            out.append(Timex(s, e, rec.text[s:e], t.type, t.value, t.mod, t.anchor))
