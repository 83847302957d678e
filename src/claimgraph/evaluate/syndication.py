"""Eval task "syndication": are republished copies found, and only they?

Gold is built from a corpus file (JSONL or JSONL.gz with id, title, published, publisher,
text) with a seeded RNG: ``limit`` originals are drawn; about half of them get one to three
COPIES as a republishing site would make them: another site banner, "Read also:" headlines
of other articles, a "Read the original article on X" line (half of the copies), a "Next
Post" teaser of a different article, 5% of the body sentences edited (a word dropped,
replaced or two words swapped, or the sentence cut), another publisher, a later date. The
other originals (often on the same topics) are the distinct articles.

Every page goes through the clean stage (as ingest does), then through
:mod:`claimgraph.fuse.syndication`. Scores are pairwise over "same group" pairs (precision,
recall, F1) plus the share of gold groups whose predicted original is the true one.
Baselines in the same run: the store's exact-duplicate test (hash of the normalised text),
and MinHash LSH with the same settings on the whole page text (no page hygiene).
"""

from __future__ import annotations

import gzip
import itertools
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, task
from claimgraph.fuse import syndication as synd
from claimgraph.records import text_id

BANNERS = [
    "World Affairs Daily",
    "The Global Monitor Online",
    "Policy Wire News",
    "Capital Report",
    "Eastern Europe Today",
    "Security Brief Official",
]
FILLER = ["also", "now", "then", "indeed", "reportedly", "again"]


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL(.gz) corpus file (id, title, published, publisher, text)."""
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            line = line.strip()
            if line:
                out.append(json.loads(line))
    return out


def _date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def edit_sentences(text: str, rng: random.Random, share: float = 0.05) -> str:
    """Edit ``share`` of the sentences of each paragraph: drop, replace or swap words, or cut."""
    paras = text.split("\n\n")
    out = []
    for p in paras:
        sents = _SENT.split(p)
        for i, s in enumerate(sents):
            if rng.random() >= share:
                continue
            words = s.split()
            op = rng.randrange(4)
            if op == 0 and len(words) > 3:
                del words[rng.randrange(len(words))]
            elif op == 1 and words:
                words[rng.randrange(len(words))] = rng.choice(FILLER)
            elif op == 2 and len(words) > 2:
                j = rng.randrange(len(words) - 1)
                words[j], words[j + 1] = words[j + 1], words[j]
            else:
                words = []
            sents[i] = " ".join(words)
        out.append(" ".join(s for s in sents if s))
    return "\n\n".join(p for p in out if p)


def _first_para(text: str) -> str:
    for p in text.split("\n\n"):
        if len(p.split()) > 12:
            return p
    return text[:400]


def make_copy(
    orig: dict[str, Any], others: list[dict[str, Any]], rng: random.Random, n: int
) -> dict[str, Any]:
    """A republished copy of ``orig`` (see the module docstring)."""
    banner = rng.choice(BANNERS)
    related = [
        f"Read also: {o.get('title') or _first_para(o['text'])[:80]}" for o in rng.sample(others, 2)
    ]
    teaser_src = rng.choice(others)
    body = edit_sentences(orig["text"], rng)
    paras = body.split("\n\n")
    cut = rng.randrange(1, max(2, min(4, len(paras))))
    parts = [orig.get("title") or "", banner, *paras[:cut], related[0], *paras[cut:], related[1]]
    named = rng.random() < 0.5
    if named:
        parts.append(f"Read the original article on {orig.get('publisher') or 'the source'}")
    parts += ["Next Post", teaser_src.get("title") or "", _first_para(teaser_src["text"])]
    pub = _date(orig.get("published"))
    return {
        "id": f"{orig['id']}#copy{n}",
        "title": orig.get("title"),
        "published": pub + timedelta(days=rng.randrange(0, 4)) if pub else None,
        "publisher": f"{banner} ({n})",
        "original_publisher": orig.get("publisher") if named else None,
        "text": "\n\n".join(p for p in parts if p),
        "copy_of": orig["id"],
    }


def build(records: list[dict[str, Any]], limit: int, seed: int) -> list[dict[str, Any]]:
    """Originals (``limit`` drawn) and their copies, shuffled; copies carry ``copy_of``."""
    rng = random.Random(seed)
    pool = [r for r in records if len((r.get("text") or "").split()) >= 60]
    chosen = rng.sample(pool, min(limit, len(pool)))
    docs: list[dict[str, Any]] = []
    for i, r in enumerate(chosen):
        orig = {
            "id": r["id"],
            "title": r.get("title"),
            "published": _date(r.get("published")),
            "publisher": r.get("publisher"),
            "original_publisher": None,
            "text": ((r.get("title") or "") + "\n\n" + r["text"]).strip(),
            "copy_of": None,
        }
        docs.append(orig)
        if rng.random() < 0.5:
            others = chosen[:i] + chosen[i + 1 :]
            for n in range(rng.randint(1, 3)):
                docs.append(make_copy({**r, "published": r.get("published")}, others, rng, n))
    rng.shuffle(docs)
    return docs


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for g in groups for p in itertools.combinations(g, 2)}  # type: ignore[misc]


def _score(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> dict[str, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "pairs_found": float(len(pred))}


def _minhash_groups(texts: dict[str, str]) -> tuple[list[list[str]], list[synd.Pair]]:
    index = synd.SyndicationIndex()
    sigs = [(k, synd.signature(t)) for k, t in texts.items()]
    pairs = index.add((k, s) for k, s in sigs if s is not None)
    return synd.groups(texts, pairs), pairs


@task("syndication")
def evaluate(gold: Path, limit: int = 500, seed: int = 13, **_: Any) -> EvalReport:
    """Score copy detection on copies built from the corpus file ``gold``."""
    from claimgraph.clean import clean
    from claimgraph.sources import make_article

    path = Path(gold)
    if path.is_dir():
        raise ValueError("syndication needs a corpus file (.jsonl or .jsonl.gz) as --gold")
    docs = build(read_corpus(path), limit, seed)
    gold_groups: dict[str, list[str]] = {}
    for d in docs:
        gold_groups.setdefault(d["copy_of"] or d["id"], []).append(d["id"])
    gold_pairs = _pairs([g for g in gold_groups.values() if len(g) > 1])
    meta: dict[str, dict[str, Any]] = {}
    bodies: dict[str, str] = {}
    for d in docs:
        art = make_article(d["text"], d["id"], "text", title=None, published=d["published"])
        doc = clean(art)
        segs = [{"kind": s.kind, "start": s.start, "end": s.end} for s in doc.segments]
        bodies[d["id"]] = synd.body_text(doc.text, segs)
        meta[d["id"]] = {
            "published": d["published"],
            "publisher": d["publisher"],
            "original_publisher": doc.original_publisher or d["original_publisher"],
        }
    groups, pairs = _minhash_groups(bodies)
    copy_of = synd.copies(bodies, pairs, meta)
    ours = _score(_pairs(groups), gold_pairs)
    multi = [g for g in gold_groups.values() if len(g) > 1]
    right = 0
    for g in multi:
        orig = next(i for i in g if "#copy" not in i)
        if all(copy_of.get(i, (i,))[0] == orig for i in g if i != orig) and orig not in copy_of:
            right += 1
    ours["original_right"] = right / len(multi) if multi else 1.0
    exact: dict[str, list[str]] = {}
    for d in docs:
        exact.setdefault(text_id(d["text"]), []).append(d["id"])
    base_exact = _score(_pairs([g for g in exact.values() if len(g) > 1]), gold_pairs)
    full_groups, _ = _minhash_groups({d["id"]: d["text"] for d in docs})
    base_full = _score(_pairs(full_groups), gold_pairs)
    return EvalReport(
        task="syndication",
        gold=str(gold),
        systems={
            "claimgraph (body MinHash LSH)": ours,
            "baseline: exact text hash": base_exact,
            "baseline: MinHash LSH on whole page": base_full,
        },
        info={
            "originals": sum(1 for d in docs if d["copy_of"] is None),
            "copies": sum(1 for d in docs if d["copy_of"]),
            "gold pairs": len(gold_pairs),
            "settings": f"{synd.SHINGLE}-word shingles, {synd.NUM_PERM} permutations, "
            f"LSH threshold {synd.LSH_THRESHOLD}, min similarity {synd.MIN_SIMILARITY}",
            "seed": seed,
        },
    )
