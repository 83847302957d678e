"""Cross-article event fusion: event mentions -> fused events.

Two mentions may be the same real-world event when they are COMPATIBLE on every slot:

- type equal (PLOVER) and mode equal or missing on one side;
- actor and recipient compatible: equal canonical ids, or one is a state and the other an
  actor of that country (Pyongyang = North Korea = its army), or missing on one side;
- time compatible: the TIMEX3 values' intervals overlap at the precision of the coarser one
  (2022-11 overlaps 2022-11-02, XXXX-11-02 overlaps 2022-11-02); FUTURE_REF, PAST_REF,
  PRESENT_REF and missing values are compatible with anything;
- items overlapping (by item name or item category), or missing on one side;
- across articles, a mention without a date of its own (no time, a vague reference, a
  duration) is read as news of its publication day, give or take :data:`REPORT_WINDOW_DAYS`:
  that window must overlap the other mention's date or window, so "the United States
  provided aid" in briefings a year apart is not one delivery;
- across articles, a specified participant in common: actor given on both sides, or recipient
  given on both sides. Nothing else identifies a mention with neither ("aid was delivered")
  as the same event as another article's, and without this rule every such mention would
  chain all events of its type into one block.

Compatibility is not transitive (an organ of the USA and an organ of the USA are both
compatible with "USA" but not with each other), so clustering is a deterministic
complete-link agglomeration inside each connected component ("block") of the compatibility
graph: the most similar pair of clusters whose members are all pairwise compatible merges
first, ties broken by the sorted member keys. Nothing depends on input order (mentions are
sorted by key first) and fused ids are hashes of the sorted member keys.

Blocks are found without comparing all pairs: a compatible pair shares its article, or its
actors' (or recipients') country group (:func:`actor_group`), so only mentions that share one
of those keys are compared; mentions with the same slots and a participant are merged first.

Incremental use: a new mention joins the blocks of the stored mentions it is compatible with;
only those blocks are re-clustered (:func:`affected_blocks`). Hand-written because the
slot-compatibility constraints (cannot-link) are domain rules no clustering library offers.
"""

from __future__ import annotations

import calendar
import hashlib
import heapq
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

#: TIMEX3 values that say nothing checkable about when.
VAGUE_TIMES = {"FUTURE_REF", "PAST_REF", "PRESENT_REF", ""}
#: Version of the rules below; stored by fusion (table ``fusion_rules``), and a store fused
#: under another version is re-clustered in full by the next run. 2: the publication-day
#: window (:data:`REPORT_WINDOW_DAYS`).
RULES_VERSION = 2
#: Blocks larger than this are clustered by groups of equal participants, and groups larger
#: than this by exact slot signature (bounded cost; :func:`_cluster_large_block`).
MAX_BLOCK = 400
#: A mention without a date of its own is read as an event of its publication day, give or take
#: this many days (:func:`reports_close`), so two such mentions can be one event when their
#: articles are at most twice this apart: one story is re-reported over weeks, while generic
#: statements ("the United States supports Ukraine") recur for years.
REPORT_WINDOW_DAYS = 30


@dataclass(frozen=True, slots=True)
class Mention:
    """One event mention as fusion sees it (a row of the ``events`` table)."""

    article_id: str
    event_id: str
    type: str
    mode: str | None = None
    actor_id: str | None = None
    recipient_id: str | None = None
    items: str | None = None
    item_category: str | None = None
    time_value: str | None = None
    start: int = 0
    end: int = 0
    published: date | None = None  # the article's publication day

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.event_id}"

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Mention:
        return cls(
            article_id=str(row["article_id"]),
            event_id=str(row.get("id") if row.get("id") is not None else row.get("idx")),
            type=str(row.get("type") or ""),
            mode=row.get("mode") or None,
            actor_id=row.get("actor_id") or None,
            recipient_id=row.get("recipient_id") or None,
            items=row.get("items") or None,
            item_category=row.get("item_category") or None,
            time_value=row.get("time_value") or None,
            start=int(row.get("start") or 0),
            end=int(row.get("end") or 0),
            published=as_day(row.get("published")),
        )


def as_day(value: Any) -> date | None:
    """A publication date or timestamp as a day (None when missing)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


# ------------------------------------------------------------------ slot compatibility


def actors_compatible(
    a: str | None, b: str | None, actors: Mapping[str, Mapping[str, Any]]
) -> bool:
    """Equal ids, one missing, or one a state and the other an actor of that country."""
    if not a or not b or a == b:
        return True
    ra, rb = actors.get(a, {}), actors.get(b, {})
    if ra.get("type") == "state" and rb.get("country") == (ra.get("country") or a):
        return True
    return rb.get("type") == "state" and ra.get("country") == (rb.get("country") or b)


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


@lru_cache(maxsize=4096)
def time_interval(value: str | None) -> tuple[date, date] | None:
    """The ``[first, last]`` days a fully specified TIMEX3 date value covers, else None."""
    if not value:
        return None
    v = value.strip().upper()
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, _last_day(y, mo))
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", v):
        y, w = int(m[1]), min(int(m[2]), 52)
        first = date.fromisocalendar(y, max(w, 1), 1)
        return first, date.fromisocalendar(y, max(w, 1), 7)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), date(y, 3 * q, _last_day(y, 3 * q))
    if m := re.fullmatch(r"(\d{4})-H([12])", v):
        y, h = int(m[1]), int(m[2])
        return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
        y = int(m[1])
        return {
            "SP": (date(y, 3, 1), date(y, 5, 31)),
            "SU": (date(y, 6, 1), date(y, 8, 31)),
            "FA": (date(y, 9, 1), date(y, 11, 30)),
            "AU": (date(y, 9, 1), date(y, 11, 30)),
            "WI": (date(y, 12, 1), date(y + 1, 2, 28)),
        }[m[2]]
    if m := re.fullmatch(r"(\d{4})", v):
        y = int(m[1])
        return date(y, 1, 1), date(y, 12, 31)
    if m := re.fullmatch(r"(\d{3})X", v):
        d = int(m[1]) * 10
        return date(d, 1, 1), date(d + 9, 12, 31)
    return None


def _parts(value: str) -> list[str]:
    """Date components of an underspecified value: ``XXXX-11-02`` -> [XXXX, 11, 02]."""
    return value.split("T")[0].split("-")[:3]


def times_compatible(a: str | None, b: str | None) -> bool:
    """Precision-aware overlap of two TIMEX3 values (vague or missing: compatible)."""
    a, b = (a or "").strip().upper(), (b or "").strip().upper()
    if a in VAGUE_TIMES or b in VAGUE_TIMES or a == b:
        return True
    ia, ib = time_interval(a), time_interval(b)
    if ia and ib:
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    # underspecified (XXXX-11-02) or unknown forms: compare the components both give
    for x, y in zip(_parts(a), _parts(b), strict=False):
        if "X" in x or "X" in y or not x.isdigit() or not y.isdigit():
            continue
        if x != y:
            return False
    return True


def _set(value: str | None) -> set[str]:
    return {p.strip().lower() for p in (value or "").split(";") if p.strip()}


def _heads(value: str | None) -> set[str]:
    """Head words of categories: "artillery ammunition" -> "ammunition"."""
    return {p.split()[-1] for p in _set(value)}


def items_compatible(a: Mention, b: Mention) -> bool:
    """Shared item or item category (by head word), or one side without items."""
    ia, ib = _set(a.items), _set(b.items)
    if not ia or not ib or ia & ib:
        return True
    return bool(_heads(a.item_category) & _heads(b.item_category))


def shares_participant(a: Mention, b: Mention) -> bool:
    """Same article, or actor given on both sides, or recipient given on both sides."""
    return (
        a.article_id == b.article_id
        or bool(a.actor_id and b.actor_id)
        or bool(a.recipient_id and b.recipient_id)
    )


def _dated(value: str | None) -> bool:
    """Whether a TIMEX3 value names checkable days (not a duration, reference or "XXXX-11")."""
    return time_interval(value) is not None


def _when(m: Mention) -> tuple[date, date] | None:
    """The days ``m`` can have happened on, as far as another article's mention is concerned:
    its own time when dated, else its article's publication day +- REPORT_WINDOW_DAYS."""
    own = time_interval(m.time_value)
    if own is not None:
        return own
    if m.published is None:
        return None
    pad = timedelta(days=REPORT_WINDOW_DAYS)
    return m.published - pad, m.published + pad


def reports_close(a: Mention, b: Mention) -> bool:
    """Same article, or an unknown time on either side, or overlapping times, where a mention
    without a date of its own is news of its publication day (:func:`_when`)."""
    if a.article_id == b.article_id:
        return True
    wa, wb = _when(a), _when(b)
    return wa is None or wb is None or (wa[0] <= wb[1] and wb[0] <= wa[1])


def compatible(a: Mention, b: Mention, actors: Mapping[str, Mapping[str, Any]]) -> bool:
    """Can ``a`` and ``b`` be mentions of the same event? (see the module docstring)"""
    if a.type != b.type:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not shares_participant(a, b) or not reports_close(a, b):
        return False
    return (
        actors_compatible(a.actor_id, b.actor_id, actors)
        and actors_compatible(a.recipient_id, b.recipient_id, actors)
        and times_compatible(a.time_value, b.time_value)
        and items_compatible(a, b)
    )


def similarity(a: Mention, b: Mention) -> float:
    """How much two compatible mentions agree on specified slots (orders the merges)."""
    s = 0.0
    for x, y in ((a.actor_id, b.actor_id), (a.recipient_id, b.recipient_id), (a.mode, b.mode)):
        if x and y and x == y:
            s += 1.0
    if a.time_value and a.time_value == b.time_value and a.time_value not in VAGUE_TIMES:
        s += 1.0
    s += len(_set(a.items) & _set(b.items)) * 0.5
    if a.article_id == b.article_id:
        s += 0.25
    return s


# ------------------------------------------------------------------ clustering


def fused_id(member_keys: Iterable[str]) -> str:
    """Canonical id of a fused event: a hash of its sorted member keys."""
    h = hashlib.sha1("\n".join(sorted(member_keys)).encode("utf-8")).hexdigest()
    return "fe-" + h[:12]


def actor_group(actor_id: str, actors: Mapping[str, Mapping[str, Any]]) -> str:
    """The country an actor belongs to, else its own id: two compatible actors share it."""
    return str(actors.get(actor_id, {}).get("country") or actor_id)


def _signature(m: Mention) -> tuple[Any, ...]:
    """Mentions with equal signatures (and a participant) are compatible with each other and
    with exactly the same other mentions."""
    return (
        m.type,
        m.mode,
        m.actor_id,
        m.recipient_id,
        m.items,
        m.item_category,
        m.time_value,
        None if _dated(m.time_value) else m.published,
    )


def _bucket_keys(m: Mention, actors: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, ...]]:
    """Keys every mention compatible with ``m`` shares with it (at least one of them)."""
    keys = [("article", m.type, m.article_id)]
    if m.actor_id:
        keys.append(("actor", m.type, actor_group(m.actor_id, actors)))
    if m.recipient_id:
        keys.append(("recipient", m.type, actor_group(m.recipient_id, actors)))
    return keys


def blocks(
    mentions: Sequence[Mention], actors: Mapping[str, Mapping[str, Any]]
) -> list[list[Mention]]:
    """Connected components of the compatibility graph, each sorted by key, sorted.

    Only mentions sharing a bucket key (:func:`_bucket_keys`) are compared, and among those
    with a participant only one per slot signature (the others are merged with it at once:
    equal slots with a participant are always compatible).
    """
    ms = sorted(mentions, key=lambda m: m.key)
    parent = list(range(len(ms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[Any, ...], int] = {}
    buckets: dict[tuple[str, ...], list[int]] = {}
    for i, m in enumerate(ms):
        keys = _bucket_keys(m, actors)
        if len(keys) > 1:  # has a participant: one representative per signature
            sig = _signature(m)
            if sig in first:
                parent[find(i)] = find(first[sig])
                buckets.setdefault(keys[0], []).append(i)
                continue
            first[sig] = i
        for k in keys:
            buckets.setdefault(k, []).append(i)
    for idx in buckets.values():
        for x, i in enumerate(idx):
            mi = ms[i]
            for j in idx[x + 1 :]:
                if find(i) != find(j) and compatible(mi, ms[j], actors):
                    parent[find(j)] = find(i)
    out: dict[int, list[Mention]] = {}
    for i, m in enumerate(ms):
        out.setdefault(find(i), []).append(m)
    return sorted(out.values(), key=lambda b: b[0].key)


def cluster_block(
    block: Sequence[Mention], actors: Mapping[str, Mapping[str, Any]]
) -> list[list[Mention]]:
    """Complete-link agglomeration of one block (deterministic; see the module docstring)."""
    ms = sorted(block, key=lambda m: m.key)
    n = len(ms)
    if n == 1:
        return [list(ms)]
    if n > MAX_BLOCK:
        return _cluster_large_block(ms, actors)
    keys = [m.key for m in ms]
    if len(set(keys)) < n:  # duplicate keys: the tie-break needs positions, use the reference
        return _cluster_block_reference(ms, actors)
    # Clusters are named by their first (smallest) member index, which is also the order of
    # their first keys. For every pair of clusters whose members are all pairwise
    # compatible, ``link`` holds the sum of member similarities; merging x and y into x
    # keeps a pair (x, z) only if both (x, z) and (y, z) were kept, with the sums added.
    # Similarities are multiples of 0.25, so the sums are exact and the scores equal those
    # of :func:`_cluster_block_reference`; the heap pops the same (-score, kx, ky) minimum.
    link: dict[tuple[int, int], float] = {}
    for i in range(n):
        for j in range(i + 1, n):
            if compatible(ms[i], ms[j], actors):
                link[i, j] = similarity(ms[i], ms[j])
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    version = [0] * n
    heap = [(-s, i, j, 0, 0) for (i, j), s in link.items()]
    heapq.heapify(heap)
    while heap:
        _, x, y, vx, vy = heapq.heappop(heap)
        if x not in members or y not in members or version[x] != vx or version[y] != vy:
            continue  # stale: one side has merged since this entry was pushed
        del link[x, y]
        members[x] = sorted(members[x] + members.pop(y))
        version[x] += 1
        for z in list(members):
            if z == x:
                continue
            kxz = (x, z) if x < z else (z, x)
            kyz = (y, z) if y < z else (z, y)
            sxz, syz = link.pop(kxz, None), link.pop(kyz, None)
            if sxz is None or syz is None:
                continue  # some member pair is incompatible: never again mergeable
            total = sxz + syz
            link[kxz] = total
            score = total / (len(members[x]) * len(members[z]))
            heapq.heappush(heap, (-score, kxz[0], kxz[1], version[kxz[0]], version[kxz[1]]))
    return [[ms[i] for i in members[c]] for c in sorted(members)]


def _cluster_large_block(
    ms: Sequence[Mention], actors: Mapping[str, Mapping[str, Any]]
) -> list[list[Mention]]:
    """Bounded clustering of a block of more than :data:`MAX_BLOCK` mentions (``ms`` sorted
    by key): complete link inside each group of mentions with the same actor, recipient and
    mode (and article, for mentions with neither participant); a group of more than
    :data:`MAX_BLOCK` is first cut into periods of publication (:func:`_report_periods`), and
    a period still that large is split by identical slot signatures. Clusters never cross
    groups, so a state and its organs stay apart here; every cluster is still pairwise
    compatible."""
    groups: dict[tuple[Any, ...], list[Mention]] = {}
    for m in ms:
        k: tuple[Any, ...] = (m.actor_id, m.recipient_id, m.mode)
        if not (m.actor_id or m.recipient_id):  # no participant: only its own article
            k = (*k, m.article_id)
        groups.setdefault(k, []).append(m)
    out: list[list[Mention]] = []
    for group in groups.values():
        for part in _report_periods(group) if len(group) > MAX_BLOCK else [group]:
            if len(part) <= MAX_BLOCK:
                out += cluster_block(part, actors)
                continue
            sig: dict[tuple[Any, ...], list[Mention]] = {}
            for m in part:
                sig.setdefault(_signature(m), []).append(m)
            out += sig.values()
    return sorted(out, key=lambda c: c[0].key)


def _report_periods(group: Sequence[Mention]) -> list[list[Mention]]:
    """``group`` cut into runs of publication days at most 2 x :data:`REPORT_WINDOW_DAYS`
    from the run's first day (in day order; mentions of unknown day form one run), so any two
    undated mentions of a run are close enough in time (:func:`reports_close`)."""
    dated = sorted((m for m in group if m.published), key=lambda m: (m.published, m.key))
    runs: list[list[Mention]] = []
    start: date | None = None
    for m in dated:
        assert m.published is not None
        if start is None or (m.published - start).days > 2 * REPORT_WINDOW_DAYS:
            runs.append([])
            start = m.published
        runs[-1].append(m)
    undated = [m for m in group if not m.published]
    return [sorted(r, key=lambda m: m.key) for r in runs] + ([undated] if undated else [])


def _cluster_block_reference(
    ms: Sequence[Mention], actors: Mapping[str, Mapping[str, Any]]
) -> list[list[Mention]]:
    """The plain quadratic-per-merge agglomeration (``ms`` sorted by key); the reference
    :func:`cluster_block` must agree with, used as is when two mentions share a key."""
    n = len(ms)
    comp = [[compatible(a, b, actors) for b in ms] for a in ms]
    sim = [[similarity(a, b) for b in ms] for a in ms]
    clusters: list[list[int]] = [[i] for i in range(n)]
    while True:
        best: tuple[float, str, str, int, int] | None = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                cx, cy = clusters[x], clusters[y]
                if not all(comp[i][j] for i in cx for j in cy):
                    continue
                score = sum(sim[i][j] for i in cx for j in cy) / (len(cx) * len(cy))
                kx, ky = ms[cx[0]].key, ms[cy[0]].key
                cand = (-score, kx, ky, x, y)
                if best is None or cand < best:
                    best = cand
        if best is None:
            break
        _, _, _, x, y = best
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]
        clusters.sort(key=lambda c: ms[c[0]].key)
    return [[ms[i] for i in c] for c in clusters]


def cluster(
    mentions: Sequence[Mention], actors: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[Mention]]:
    """Fuse mentions into events: ``fused id -> members`` (independent of input order)."""
    out: dict[str, list[Mention]] = {}
    for b in blocks(mentions, actors):
        for c in cluster_block(b, actors):
            out[fused_id(m.key for m in c)] = c
    return dict(sorted(out.items()))


def affected_blocks(
    new: Sequence[Mention],
    old: Sequence[Mention],
    old_block: Mapping[str, str],
    actors: Mapping[str, Mapping[str, Any]],
) -> set[str]:
    """Ids of stored blocks that new mentions connect to (those must be re-clustered).

    ``old_block`` maps a stored mention key to its block id.
    """
    index: dict[tuple[str, ...], list[Mention]] = {}
    for m in old:
        if m.key in old_block:
            for k in _bucket_keys(m, actors):
                index.setdefault(k, []).append(m)
    hit: set[str] = set()
    for n in new:
        for k in _bucket_keys(n, actors):
            for o in index.get(k, []):
                b = old_block[o.key]
                if b not in hit and compatible(n, o, actors):
                    hit.add(b)
    return hit


def block_id(members: Iterable[Mention]) -> str:
    """Canonical id of a block (hash of its sorted member keys)."""
    return "fb-" + fused_id(m.key for m in members)[3:]
