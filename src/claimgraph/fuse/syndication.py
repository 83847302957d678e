"""Syndication: near-duplicate (republished) articles found with MinHash LSH.

A republished copy carries the same body under another site's banner, with other "Read also"
headlines and teasers and light edits. The clean stage already sets those parts apart as
typed segments, so only the BODY segments are compared: their lower-cased word 5-shingles
are hashed into a MinHash signature (datasketch), and an LSH index (banded MinHash) returns
the candidate pairs, so articles are never compared all against all. Each candidate pair is
confirmed on the signatures' estimated Jaccard similarity.

Pairs form groups (union-find). The group's ORIGINAL is the member whose publisher is named
by another member's "Read the original article on X" line (``articles.original_publisher``),
else the earliest published (ties: the smallest id). The other members are copies of it; a
copy adds no independent source (:func:`source_key` gives every member the original's outlet).

Signatures are persisted (table ``minhash``) so a later run only shingles and hashes the new
articles: the index is rebuilt from the stored hash values and queried with the new ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

#: Signature length (permutations) and shingle size (words).
NUM_PERM = 128
SHINGLE = 5
#: LSH threshold for candidates and the estimated Jaccard a pair must reach to be a copy.
LSH_THRESHOLD = 0.5
MIN_SIMILARITY = 0.5
#: Bodies with fewer shingles than this are not compared (too short to call a copy).
MIN_SHINGLES = 8
#: datasketch hashing scheme (fixed, so stored signatures stay comparable across versions).
SCHEME = "affine32"

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Lower-cased word ``k``-shingles of ``text`` (punctuation and spacing ignored)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """MinHash signature of the text's shingles, or None when the text is too short."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=num_perm, scheme=SCHEME)
    m.update_batch(s.encode("utf-8") for s in sh)
    return m


def to_blob(m: MinHash) -> bytes:
    """The signature's hash values as bytes (what the ``minhash`` table stores)."""
    return np.asarray(m.hashvalues).tobytes()


def from_blob(blob: bytes, num_perm: int = NUM_PERM) -> MinHash:
    """Rebuild a signature from :func:`to_blob` bytes (the hash dtype follows its length)."""
    dtype = np.uint32 if len(blob) == 4 * num_perm else np.uint64
    values = np.frombuffer(blob, dtype=dtype).copy()
    return MinHash(num_perm=num_perm, hashvalues=values, scheme=SCHEME)


def body_text(text: str, segments: Iterable[Mapping[str, Any]]) -> str:
    """The article's body: its ``body`` segments joined (the whole text if it has none)."""
    parts = [text[s["start"] : s["end"]] for s in segments if s.get("kind") == "body"]
    return "\n\n".join(parts) if parts else text


@dataclass(slots=True)
class Pair:
    """Two near-duplicate articles (``a < b``) and their estimated Jaccard similarity."""

    a: str
    b: str
    similarity: float


class SyndicationIndex:
    """An LSH index of article signatures; :meth:`add` returns the new near-duplicate pairs."""

    def __init__(self, threshold: float = LSH_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.sigs: dict[str, MinHash] = {}

    def load(self, items: Iterable[tuple[str, MinHash]]) -> None:
        """Insert already-known signatures without querying (a previous run's articles)."""
        for key, m in items:
            if key not in self.sigs:
                self.sigs[key] = m
                self.lsh.insert(key, m)

    def add(
        self, items: Iterable[tuple[str, MinHash]], min_similarity: float = MIN_SIMILARITY
    ) -> list[Pair]:
        """Query then insert each new signature; return the pairs it forms (sorted)."""
        pairs: dict[tuple[str, str], float] = {}
        for key, m in sorted(items, key=lambda kv: kv[0]):
            if key in self.sigs:
                continue
            for other in self.lsh.query(m):
                sim = float(m.jaccard(self.sigs[other]))
                if sim >= min_similarity:
                    a, b = sorted((key, other))
                    pairs[(a, b)] = sim
            self.sigs[key] = m
            self.lsh.insert(key, m)
        return [Pair(a, b, s) for (a, b), s in sorted(pairs.items())]


def _norm_outlet(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (name or "").lower()).strip()


def groups(ids: Iterable[str], pairs: Iterable[Pair]) -> list[list[str]]:
    """Connected groups (size >= 2) of the near-duplicate graph, each sorted, sorted."""
    parent: dict[str, str] = {i: i for i in ids}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    out: dict[str, list[str]] = {}
    for i in list(parent):
        out.setdefault(find(i), []).append(i)
    return sorted(sorted(g) for g in out.values() if len(g) > 1)


def original_of(group: Sequence[str], meta: Mapping[str, Mapping[str, Any]]) -> str:
    """The original of a group of copies.

    ``meta[id]`` has ``publisher``, ``original_publisher`` and ``published``. The member whose
    publisher another member names as its original publisher wins; else the earliest
    published (unknown dates last); ties by id.
    """
    named = {_norm_outlet(meta[i].get("original_publisher")) for i in group} - {""}
    by_publisher = [i for i in group if _norm_outlet(meta[i].get("publisher")) in named]
    candidates = by_publisher or list(group)

    def key(i: str) -> tuple[int, date, str]:
        pub = meta[i].get("published")
        return (0, pub, i) if isinstance(pub, date) else (1, date.min, i)

    return min(candidates, key=key)


def copies(
    ids: Iterable[str], pairs: Iterable[Pair], meta: Mapping[str, Mapping[str, Any]]
) -> dict[str, tuple[str, float]]:
    """``copy id -> (original id, similarity to the original or best pair)`` for every copy."""
    pairs = list(pairs)
    sim: dict[tuple[str, str], float] = {(p.a, p.b): p.similarity for p in pairs}
    best: dict[str, float] = {}
    for p in pairs:
        best[p.a] = max(best.get(p.a, 0.0), p.similarity)
        best[p.b] = max(best.get(p.b, 0.0), p.similarity)
    out: dict[str, tuple[str, float]] = {}
    for g in groups(ids, pairs):
        root = original_of(g, meta)
        for i in g:
            if i != root:
                out[i] = (root, sim.get(tuple(sorted((i, root))), best.get(i, 0.0)))  # type: ignore[arg-type]
    return out


def source_key(
    article_id: str,
    meta: Mapping[str, Mapping[str, Any]],
    copy_of: Mapping[str, tuple[str, float]] | None = None,
) -> str:
    """The independent outlet behind an article: its original's (original) publisher.

    A syndicated copy counts as its original; an article that names its original publisher
    ("Read the original article on X") counts as X.
    """
    root = (copy_of or {}).get(article_id, (article_id, 0.0))[0]
    m = meta.get(root, {})
    name = m.get("original_publisher") or m.get("publisher")
    return "outlet:" + (_norm_outlet(name) or root)
