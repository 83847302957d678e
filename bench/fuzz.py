"""Fuzz harness: feed N generated inputs to the readers, cleaners and normalisers.

Every target is a function that must either return (and satisfy its property) or raise the
one exception type its contract allows (e.g. :class:`claimgraph.sources.InputError`); any
other exception, or a broken property (an offset outside the text, hygiene not idempotent),
is counted as a failure and reported with a reproducer (the input's repr, cut).

Inputs are random bytes, random Unicode, and mutations of news-like seeds (quotes, dates,
numbers, HTML tags, JSON lines, feed XML), generated from ``--seed`` so a run can be
repeated. Targets of stages that are not there yet (timex, quantities) are skipped.

Usage (documented in docs/robustness.md)::

    .venv/bin/python bench/fuzz.py --n 1000000 --seed 1          # one long run
    .venv/bin/python bench/fuzz.py --n 20000 --target hygiene     # one target
    .venv/bin/python bench/fuzz.py --n 1000000 --workers 2 --report 50000  # both cores

It prints progress every ``--report`` inputs, then per target: inputs run, failures,
distinct failure kinds with one reproducer each, and the slowest input's time.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SEEDS = [
    "North Korea delivered rockets to Russia last month, a U.S. spokesman said on Nov. 2.",
    '"We expect the first crossing on Thursday," said Maria Lund.\n\nRead also: Storm news',
    "The council approved more than $100 million a month for 50,000 workers in 2022.",
    "Read the original article on The Island Courier\n\nNext Post\n\nCouncil votes",
    '<html><head><title>T</title></head><body><p>He said "yes" &amp; left.</p></body></html>',
    '{"title": "T", "text": "Some text.", "published": "2024-05-01"}',
    '<?xml version="1.0"?><rss><channel><item><title>A</title><description>B</description>'
    "</item></channel></rss>",
    "On 12/03/2021, 3 p.m., the week before last, in the coming weeks, two years ago, Q3 1999",
    "Prices rose 4.5% to €3.2bn; 1,200 km; twenty-five soldiers; half a million dollars.",
]
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?\"'“”‘’«»()[]{}<>/\\"
    "-–—_$€£%&#@*+=\n\t\r\u00a0\u200b\ufeffÉéüßЖж中文ا\U0001f600\x00\x0b\x1c\u2028"
)


def gen_text(rng: random.Random) -> str:
    """A random text: pure noise, or a seed mutated by cuts, repeats and insertions."""
    mode = rng.random()
    if mode < 0.15:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 200)))
    if mode < 0.25:
        return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 60)))
    s = rng.choice(SEEDS)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        i = rng.randint(0, len(s))
        if op < 0.3:
            s = s[:i] + "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))) + s[i:]
        elif op < 0.5:
            j = rng.randint(i, min(len(s), i + 40))
            s = s[:i] + s[j:]
        elif op < 0.65:
            s = s + rng.choice(["\n\n", " ", "\n"]) + rng.choice(SEEDS)
        elif op < 0.75:
            j = rng.randint(i, min(len(s), i + 10))
            s = s[:i] + s[i:j] * rng.randint(2, 50) + s[j:]
        elif op < 0.85:
            s = s.swapcase() if rng.random() < 0.5 else s.upper()
        else:
            s = s[:i] + rng.choice(['"' * 30, "\n" * 5, "<div>" * 20, "2022", "$", "%"]) + s[i:]
    return s


def gen_bytes(rng: random.Random) -> bytes:
    """Random bytes, or a text encoded in a random (sometimes wrong) encoding, sometimes cut."""
    if rng.random() < 0.3:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 300)))
    enc = rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig"])
    data = gen_text(rng).encode(enc, errors="replace")
    if rng.random() < 0.3 and data:
        data = data[: rng.randint(0, len(data))]
    return data


# -- targets: each takes the rng, builds its input, checks its property --------------------


class PropertyFailed(AssertionError):
    pass


def check(cond: bool, msg: str) -> None:
    if not cond:
        raise PropertyFailed(msg)


def t_decode(x: bytes) -> None:
    from claimgraph.sources import InputError, decode

    try:
        out = decode(x, "fuzz")
    except InputError as exc:
        check("\n" not in str(exc), "multi-line error")
        return
    check(isinstance(out, str), "decode did not return str")


def t_jsonl(x: str) -> None:
    from claimgraph.records import Article, SourceError
    from claimgraph.sources import read_jsonl_lines

    lines = x.split("\n")
    items = list(read_jsonl_lines(lines, "fuzz"))
    check(all(isinstance(i, (Article, SourceError)) for i in items), "bad item type")
    check(len(items) <= len(lines), "more items than lines")


def t_parse_date(x: str) -> None:
    from claimgraph.sources import InputError, parse_date

    # The whole input (often over the length limit) and a date-sized cut of it, which
    # reaches dateparser.
    for value in (x, x[:40]):
        try:
            d = parse_date(value)
        except InputError as exc:
            check("\n" not in str(exc), f"multi-line error: {exc}")
            continue
        check(d is None or isinstance(d, date), "parse_date returned a non-date")


def t_http(x: str) -> None:
    from claimgraph.sources import charset_of, html_kind, http_date, is_feed

    http_date(x)
    charset_of(x)
    html_kind(x)
    is_feed(x)


def t_feed(x: str) -> None:
    from claimgraph.records import Article, SourceError
    from claimgraph.sources import read_feed_text

    items = list(read_feed_text(x, "fuzz"))
    check(all(isinstance(i, (Article, SourceError)) for i in items), "bad item type")


def t_language(x: str) -> None:
    from claimgraph.language import LANGUAGES, detect_article_language, detect_language

    lang = detect_language(x)
    check(lang is None or lang in LANGUAGES, f"unknown language {lang!r}")
    detect_article_language(x, "html")


def t_hygiene(x: str) -> None:
    from claimgraph.clean.hygiene import hygiene

    doc = hygiene(x)
    n = len(doc.text)
    for s in doc.segments:
        check(0 <= s.start <= s.end <= n, f"segment {s} outside text of {n} chars")
    again = hygiene(doc.text)
    check(again.text == doc.text, "hygiene(doc.text) changed the text")
    check(again.segments == doc.segments, "hygiene(doc.text) changed the segments")


def t_timex(x: str) -> None:
    timex = importlib.import_module("claimgraph.timex")
    for dct in (None, date(2022, 12, 22)):
        for t in timex.find_timexes(x, dct):
            check(0 <= t.start < t.end <= len(x), f"timex {t} outside the text")
    with contextlib.suppress(ValueError):
        timex.normalise(x[:200], date(2022, 12, 22))


def t_quantities(x: str) -> None:
    quantities = importlib.import_module("claimgraph.quantities")
    for q in quantities.find_quantities(x):
        check(0 <= q.start < q.end <= len(x), f"quantity {q} outside the text")


#: name -> (input generator, target, module that must exist)
TARGETS: dict[str, tuple[Callable[[random.Random], Any], Callable[[Any], None], str]] = {
    "decode": (gen_bytes, t_decode, "claimgraph.sources"),
    "jsonl": (gen_text, t_jsonl, "claimgraph.sources"),
    "parse_date": (gen_text, t_parse_date, "claimgraph.sources"),
    "http": (gen_text, t_http, "claimgraph.sources"),
    "feed": (gen_text, t_feed, "claimgraph.sources"),
    "language": (gen_text, t_language, "claimgraph.language"),
    "hygiene": (gen_text, t_hygiene, "claimgraph.clean.hygiene"),
    "timex": (gen_text, t_timex, "claimgraph.timex"),
    "quantities": (gen_text, t_quantities, "claimgraph.quantities"),
}


def available(names: list[str] | None = None) -> dict[str, tuple]:
    """The targets whose module can be imported."""
    out = {}
    for name, spec in TARGETS.items():
        if names and name not in names:
            continue
        try:
            importlib.import_module(spec[2])
        except ImportError:
            continue
        out[name] = spec
    return out


@dataclass
class Tally:
    """What a run (or one worker's share of it) saw, per target."""

    runs: Counter[str] = field(default_factory=Counter)
    fails: Counter[str] = field(default_factory=Counter)
    kinds: dict[tuple[str, str], str] = field(default_factory=dict)
    slowest: dict[str, tuple[float, str]] = field(default_factory=dict)
    seconds: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Tally) -> None:
        self.runs.update(other.runs)
        self.fails.update(other.fails)
        self.seconds.update(other.seconds)
        for key, example in other.kinds.items():
            self.kinds.setdefault(key, example)
        for name, slow in other.slowest.items():
            if slow[0] > self.slowest.get(name, (0.0, ""))[0]:
                self.slowest[name] = slow


def run_share(n: int, seed: int, names: list[str] | None, report: int, label: str = "") -> Tally:
    """Run ``n`` inputs from the generator seeded with ``seed``, round-robin over targets."""
    targets = available(names)
    rng = random.Random(seed)
    tally = Tally()
    for gen, target, _ in targets.values():  # warm up: imports and model loads are not timed
        with contextlib.suppress(Exception):
            target(gen(random.Random(-1)))
    t_start = time.monotonic()
    keys = list(targets)
    for i in range(n):
        name = keys[i % len(keys)]
        gen, target, _ = targets[name]
        x = gen(rng)
        t0 = time.monotonic()
        try:
            target(x)
        except Exception as exc:
            tally.fails[name] += 1
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            kind = f"{type(exc).__name__} at {tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}: {exc}"
            tally.kinds.setdefault((name, kind[:300]), f"(seed {seed}) {repr(x)[:300]}")
        dt = time.monotonic() - t0
        tally.runs[name] += 1
        tally.seconds[name] += dt
        if dt > tally.slowest.get(name, (0.0, ""))[0]:
            tally.slowest[name] = (dt, repr(x)[:120])
        if report and (i + 1) % report == 0:
            elapsed = time.monotonic() - t_start
            print(
                f"{label}{i + 1} inputs, {sum(tally.fails.values())} failures, {elapsed:.0f} s",
                flush=True,
            )
    return tally


def _share(args: tuple[int, int, list[str] | None, int, str]) -> Tally:
    return run_share(*args)


def run(
    n: int, seed: int, names: list[str] | None = None, report: int = 10000, workers: int = 1
) -> int:
    """Run ``n`` inputs spread over the targets; print a summary; return the failure count.

    With ``workers`` > 1 the inputs are split over that many processes; worker ``k`` draws
    its inputs from seed ``seed * 1000 + k``, so a run is repeatable for a given worker count.
    """
    t_start = time.monotonic()
    if workers <= 1:
        tally = run_share(n, seed, names, report)
    else:
        shares = [
            (n // workers + (k < n % workers), seed * 1000 + k, names, report, f"[worker {k}] ")
            for k in range(workers)
        ]
        tally = Tally()
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for part in pool.imap_unordered(_share, shares):
                tally.merge(part)
    total = sum(tally.fails.values())
    elapsed = time.monotonic() - t_start
    print(
        f"\nfuzz: {sum(tally.runs.values())} inputs, seed {seed}, {workers} worker(s), "
        f"{elapsed:.0f} s, {total} failures"
    )
    for name in available(names):
        slow = tally.slowest.get(name, (0.0, ""))[0]
        print(
            f"  {name:11s} {tally.runs[name]:8d} inputs {tally.fails[name]:6d} failures"
            f"  {tally.seconds[name]:8.1f} s in all  slowest {slow:.3f} s"
        )
    for name, (slow, example) in sorted(tally.slowest.items(), key=lambda kv: -kv[1][0])[:3]:
        print(f"slowest {name} input ({slow:.3f} s): {example}")
    for (name, kind), example in tally.kinds.items():
        print(f"FAIL {name}: {kind}\n     input: {example}")
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="claimgraph fuzz harness")
    ap.add_argument("--n", type=int, default=100_000, help="number of inputs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", action="append", help="only these targets (repeatable)")
    ap.add_argument("--report", type=int, default=10_000, help="progress line every N inputs")
    ap.add_argument("--workers", type=int, default=1, help="processes (one per core)")
    a = ap.parse_args(argv)
    return 1 if run(a.n, a.seed, a.target, a.report, a.workers) else 0


if __name__ == "__main__":
    sys.exit(main())
