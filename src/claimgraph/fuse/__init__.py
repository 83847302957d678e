"""fuse: across articles, after ingest.

:func:`fuse` (re)computes, over the whole store and incrementally:

1. syndication (:mod:`.syndication`): MinHash signatures of the body text of articles not
   seen before, LSH queries with those only, near-duplicate pairs, and the copy -> original
   map (table ``syndication``);
2. event fusion (:mod:`.events`): event mentions of new articles join the stored blocks
   they are compatible with; only those blocks are re-clustered (tables ``event_members``);
3. claims (:mod:`.claims`): every fused event's supporting and denying claims, status,
   independent sources, first and last report and confidence (tables ``claims`` and
   ``fused_events``; rebuilt from the members each run, a linear pass).

The Python API used by the CLI: :func:`fused_event`, :func:`claims`, and the exports
:func:`export_graphml`, :func:`export_plover`, :func:`export_cameo_tsv`.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from claimgraph.fuse import claims as claims_mod
from claimgraph.fuse import events as events_mod
from claimgraph.fuse import syndication as synd
from claimgraph.fuse.events import Mention

if TYPE_CHECKING:
    from claimgraph.store import Store

__all__ = [
    "FusionSummary",
    "claims",
    "export_cameo_tsv",
    "export_graphml",
    "export_plover",
    "fuse",
    "fused_event",
]


@dataclass(slots=True)
class FusionSummary:
    """What one fusion run did."""

    new_articles: int = 0
    signatures: int = 0  # signatures computed in this run (new articles only)
    near_duplicate_pairs: int = 0  # new pairs found in this run
    copies: int = 0  # syndicated copies in the store
    new_mentions: int = 0
    reclustered_blocks: int = 0
    # "1 -> 2" when the store had been fused under other rules and was re-clustered in full
    rules_upgrade: str | None = None
    fused_events: int = 0
    claims: int = 0
    status: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ------------------------------------------------------------------ helpers

#: Columns of the claims table, in order (= the Claim dataclass fields).
CLAIM_FIELDS = [f.name for f in fields(claims_mod.Claim)]


def _has(store: Store, table: str) -> bool:
    return table in store.tables()


def _meta(store: Store) -> dict[str, dict[str, Any]]:
    rows = store.query("SELECT id, published, publisher, original_publisher FROM articles")
    return {r["id"]: r for r in rows}


def _actors(store: Store) -> dict[str, dict[str, Any]]:
    if not _has(store, "actors"):
        return {}
    return {r["id"]: r for r in store.query("SELECT * FROM actors")}


def _own_events(store: Store, where: str = "", params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Event rows of the articles' own segments (headline, body), not teasers/related."""
    if not _has(store, "events"):
        return []
    rows = store.query(
        "SELECT e.*, s.kind AS segment_kind, a.published AS published FROM events e "
        "LEFT JOIN segments s ON s.article_id = e.article_id AND s.idx = e.segment "
        "LEFT JOIN articles a ON a.id = e.article_id" + (f" WHERE {where}" if where else ""),
        list(params),
    )
    return [r for r in rows if r.get("segment_kind") in (None, *claims_mod.OWN_KINDS)]


def _attributions(store: Store) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not _has(store, "attributions"):
        return out
    kinds = {
        (r["article_id"], r["idx"]): r["kind"]
        for r in store.query("SELECT article_id, idx, kind FROM segments")
    }
    for r in store.query("SELECT * FROM attributions"):
        kind = kinds.get((r["article_id"], r.get("segment")))
        if kind in (None, *claims_mod.OWN_KINDS):
            out[r["article_id"]].append(r)
    return out


# ------------------------------------------------------------------ stages


def _syndication(store: Store, summary: FusionSummary) -> dict[str, tuple[str, float]]:
    """Hash new articles, query the LSH index with them, rebuild the copy map."""
    con = store.con
    new_ids = [
        r["id"]
        for r in store.query(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM minhash) ORDER BY id"
        )
    ]
    index = synd.SyndicationIndex()
    index.load(
        (r["article_id"], synd.from_blob(bytes(r["hashvalues"]), r["num_perm"]))
        for r in store.query(
            "SELECT article_id, num_perm, hashvalues FROM minhash WHERE hashvalues IS NOT NULL"
        )
    )
    fresh: list[tuple[str, Any]] = []
    rows: list[tuple[str, int, bytes | None]] = []
    for k in range(0, len(new_ids), 500):  # texts and segments of 500 articles per query
        chunk = new_ids[k : k + 500]
        texts = store.query(
            "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [chunk]
        )
        segs: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in store.query(
            'SELECT article_id, kind, start, "end" FROM segments '
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
            [chunk],
        ):
            segs[r["article_id"]].append(r)
        for r in sorted(texts, key=lambda r: r["id"]):
            aid = r["id"]
            sig = synd.signature(synd.body_text(r["text"], segs[aid]))
            rows.append((aid, synd.NUM_PERM, synd.to_blob(sig) if sig is not None else None))
            if sig is not None:
                fresh.append((aid, sig))
    pairs = index.add(fresh)
    store.insert("minhash", rows)
    store.insert("near_duplicates", [(p.a, p.b, p.similarity) for p in pairs], on_conflict=True)
    summary.signatures = len(fresh)
    summary.near_duplicate_pairs = len(pairs)
    all_pairs = [
        synd.Pair(r["article_id"], r["other_id"], r["similarity"])
        for r in store.query("SELECT * FROM near_duplicates")
    ]
    meta = _meta(store)
    copy_of = synd.copies(meta, all_pairs, meta)
    con.execute("DELETE FROM syndication")
    store.insert("syndication", [(c, o, s) for c, (o, s) in sorted(copy_of.items())])
    summary.copies = len(copy_of)
    return copy_of


def _cluster(store: Store, summary: FusionSummary) -> None:
    """Put the event mentions of not-yet-fused articles into fused events (incrementally)."""
    con = store.con
    if not _has(store, "events"):  # no events stage yet: leave every article for a later run
        return
    new_articles = [
        r["id"]
        for r in store.query(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM fused_articles)"
        )
    ]
    summary.new_articles = len(new_articles)
    rules = _rules_version(store)
    stale = rules is not None and rules != events_mod.RULES_VERSION
    if not new_articles and not stale:
        return
    actors = _actors(store)
    new = [
        Mention.from_row(r)
        for r in _own_events(store, "e.article_id IN (SELECT unnest(?::VARCHAR[]))", [new_articles])
    ]
    summary.new_mentions = len(new)
    members = store.query("SELECT article_id, event_id, block, fused_id FROM event_members")
    # Members of articles that are new again (re-extracted by Store.reprocess) name events
    # that were replaced: their blocks are redone and they are not kept as old mentions.
    again = set(new_articles)
    redone = {r["block"] for r in members if r["article_id"] in again}
    old_block = {
        f"{r['article_id']}:{r['event_id']}": r["block"]
        for r in members
        if r["article_id"] not in again
    }
    old = [
        Mention.from_row(r)
        for r in _own_events(
            store, "(e.article_id, e.id) IN (SELECT (article_id, event_id) FROM event_members)"
        )
        if f"{r['article_id']}:{r['id']}" in old_block
    ]
    if stale:  # clustered under other rules: every stored block is redone
        hit = {r["block"] for r in members}
        summary.rules_upgrade = f"{rules} -> {events_mod.RULES_VERSION}"
    else:
        hit = events_mod.affected_blocks(new, old, old_block, actors) | redone
    redo = [m for m in old if old_block[m.key] in hit] + new
    rows = []
    for block in events_mod.blocks(redo, actors):
        bid = events_mod.block_id(block)
        for c in events_mod.cluster_block(block, actors):
            fid = events_mod.fused_id(m.key for m in c)
            rows += [(fid, m.article_id, m.event_id, bid, m.start, m.end) for m in c]
    was = {
        f"{r['article_id']}:{r['event_id']}": r["fused_id"] for r in members if r["block"] in hit
    }
    aliases = moved_ids(was, {f"{r[1]}:{r[2]}": r[0] for r in rows})
    with store.transaction():
        if hit:
            con.execute(
                "DELETE FROM event_members WHERE block IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(hit)],
            )
        if aliases and _has(store, "fused_aliases"):
            _record_aliases(store, aliases)
        if rows:
            store.insert("event_members", rows)
        store.insert(
            "fused_articles", [(a, datetime.now()) for a in new_articles], on_conflict=True
        )
        if rules != events_mod.RULES_VERSION and _has(store, "fusion_rules"):
            con.execute("DELETE FROM fusion_rules")
            store.insert("fusion_rules", [(events_mod.RULES_VERSION, datetime.now())])
    summary.reclustered_blocks = len(hit)


def _rules_version(store: Store) -> int | None:
    """The fusion rules the stored fused events were made with (table ``fusion_rules``):
    None when nothing says (a new store, or a store without the table), 1 for a store
    fused before the table existed."""
    if not _has(store, "fusion_rules"):
        return None
    rows = store.query("SELECT max(version) AS v FROM fusion_rules")
    if rows and rows[0]["v"] is not None:
        return int(rows[0]["v"])
    members = store.query("SELECT count(*) AS n FROM (SELECT 1 FROM event_members LIMIT 1)")
    return 1 if members[0]["n"] else None


def moved_ids(was: Mapping[str, str], now: Mapping[str, str]) -> dict[str, str]:
    """``{old fused id: new fused id}`` for fused events that no longer exist: each goes to
    the current event holding most of its members (ties: the smallest id). ``was`` and
    ``now`` map member keys to fused ids before and after re-clustering."""
    current = set(now.values())
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for key, old in was.items():
        if old not in current and key in now:
            votes[old][now[key]] += 1
    return {
        old: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for old, c in sorted(votes.items())
    }


def _record_aliases(store: Store, aliases: Mapping[str, str]) -> None:
    """Store ``aliases`` and point earlier aliases of the moved ids at the new ones (inside
    the caller's transaction); an id that exists again stops being an alias."""
    con = store.con
    olds, news = zip(*sorted(aliases.items()), strict=True)
    con.execute(
        "UPDATE fused_aliases SET new_id = m.new FROM (SELECT unnest(?::VARCHAR[]) AS old, "
        "unnest(?::VARCHAR[]) AS new) m WHERE fused_aliases.new_id = m.old",
        [list(olds), list(news)],
    )
    con.execute(
        "DELETE FROM fused_aliases WHERE old_id IN (SELECT unnest(?::VARCHAR[]))",
        [sorted(set(aliases) | set(aliases.values()))],
    )
    now = datetime.now()
    store.insert("fused_aliases", [(o, n, now) for o, n in sorted(aliases.items())])


def current_id(store: Store, id: str) -> str:
    """The id a fused event has now: ``id`` itself, or where its alias points."""
    if not _has(store, "fused_aliases"):
        return id
    rows = store.query("SELECT new_id FROM fused_aliases WHERE old_id = ?", [id])
    return str(rows[0]["new_id"]) if rows else id


def _most_specific(
    values: Sequence[str | None], actors: Mapping[str, Mapping[str, Any]]
) -> str | None:
    """The most frequent non-state value if any (an organ is more specific than its state)."""
    vals = [v for v in values if v]
    if not vals:
        return None
    counts = Counter(vals)
    return min(counts, key=lambda v: (actors.get(v, {}).get("type") == "state", -counts[v], v))


def _precise_time(values: Sequence[str | None]) -> str | None:
    vals = [v for v in values if v and v not in events_mod.VAGUE_TIMES]
    if not vals:
        vals = [v for v in values if v]
    return max(vals, key=lambda v: (len(v), v)) if vals else None


def _claims(store: Store, copy_of: Mapping[str, tuple[str, float]], summary: FusionSummary) -> None:
    """Rebuild claims and fused_events rows from event_members (linear in the rows)."""
    con = store.con
    meta = _meta(store)
    actors = _actors(store)
    members = store.query("SELECT * FROM event_members ORDER BY fused_id, article_id, event_id")
    events = _own_events(store)
    ev_by_key = {f"{e['article_id']}:{e['id']}": e for e in events}
    ev_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        ev_by_article[e["article_id"]].append(e)
    attrs = _attributions(store)
    fused_of = {f"{m['article_id']}:{m['event_id']}": m["fused_id"] for m in members}
    by_fused: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in members:
        by_fused[m["fused_id"]].append(m)
    fused_mentions = {
        fid: [
            Mention.from_row(ev_by_key[f"{m['article_id']}:{m['event_id']}"])
            for m in ms
            if f"{m['article_id']}:{m['event_id']}" in ev_by_key
        ]
        for fid, ms in by_fused.items()
    }

    def outlet(aid: str) -> str:
        return synd.source_key(aid, meta, copy_of)

    out: dict[str, list[claims_mod.Claim]] = defaultdict(list)
    for fid, ms in by_fused.items():
        for m in ms:
            ev = ev_by_key.get(f"{m['article_id']}:{m['event_id']}")
            if ev is None:
                continue
            aid = m["article_id"]
            out[fid].append(
                claims_mod.mention_claim(
                    fid, ev, attrs.get(aid, []), outlet(aid), meta.get(aid, {}).get("published")
                )
            )
    supplies = claims_mod.supplies_by_group(fused_mentions, actors)
    denied: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for fid, cs in out.items():
        for c in cs:
            if c.stance == claims_mod.DENY:
                denied[c.article_id].add((fid, c.source_key))
    for aid in sorted(set(ev_by_article) | set(attrs)):
        # one denying claim per (fused event, denier) in an article
        seen = denied[aid]
        for d in claims_mod.denials(aid, ev_by_article.get(aid, []), attrs.get(aid, [])):
            for c in claims_mod.denial_claims(
                d,
                ev_by_article,
                fused_of,
                supplies,
                actors,
                outlet(aid),
                meta.get(aid, {}).get("published"),
            ):
                if (c.fused_id, c.source_key) in seen:
                    continue
                seen.add((c.fused_id, c.source_key))
                out[c.fused_id].append(c)
    claim_rows, fused_rows = [], []
    for fid in sorted(by_fused):
        cs = out.get(fid, [])
        st = claims_mod.status(cs)
        ms = by_fused[fid]
        evs = [
            ev_by_key[k]
            for k in (f"{m['article_id']}:{m['event_id']}" for m in ms)
            if k in ev_by_key
        ]
        if not evs:
            continue
        items: list[str] = []
        for e in evs:
            items += [i.strip() for i in (e.get("items") or "").split(";") if i.strip()]
        arts = {m["article_id"] for m in ms}
        dates = [meta[a]["published"] for a in arts if a in meta and meta[a]["published"]]
        dates += [d for d in (st.first_report, st.last_report) if d]
        fused_rows.append(
            (
                fid,
                ms[0]["block"],
                evs[0]["type"],
                Counter(e.get("mode") for e in evs if e.get("mode")).most_common(1)[0][0]
                if any(e.get("mode") for e in evs)
                else None,
                Counter(e.get("cameo") for e in evs if e.get("cameo")).most_common(1)[0][0]
                if any(e.get("cameo") for e in evs)
                else None,
                _most_specific([e.get("actor_id") for e in evs], actors),
                _most_specific([e.get("recipient_id") for e in evs], actors),
                "; ".join(dict.fromkeys(sorted(items))) or None,
                _precise_time([e.get("time_value") for e in evs]),
                st.status,
                st.confidence,
                st.n_sources,
                st.n_deniers,
                len(ms),
                len(arts),
                len({outlet(a) for a in arts}),
                min(dates) if dates else None,
                max(dates) if dates else None,
            )
        )
        claim_rows += [tuple(getattr(c, f) for f in CLAIM_FIELDS) for c in cs]
    with store.transaction():
        con.execute("DELETE FROM claims")
        con.execute("DELETE FROM fused_events")
        store.insert("fused_events", fused_rows)
        store.insert("claims", claim_rows)
    summary.fused_events = len(fused_rows)
    summary.claims = len(claim_rows)
    summary.status = dict(sorted(Counter(r[9] for r in fused_rows).items()))


def fuse(store: Store, stage: Callable[[str], None] | None = None) -> FusionSummary:
    """(Re)compute syndication, fused events and claims over the store, incrementally.

    ``stage(name)`` is told when each step starts (for progress display)."""
    say = stage or (lambda _name: None)
    summary = FusionSummary()
    say("fusion: syndicated copies")
    copy_of = _syndication(store, summary)
    say("fusion: clustering events")
    _cluster(store, summary)
    say("fusion: claims and status")
    _claims(store, copy_of, summary)
    say("fusion: look-up tables")
    _serve_index(store)
    return summary


#: separates an actor's id and name in ``actor_index.key`` (no query text contains it)
KEY_SEP = "\x1f"


def _serve_index(store: Store) -> None:
    """Rewrite the web app's look-up tables ``actor_index``, ``event_actors`` and
    ``event_index`` (migration 0009) from actors, mentions, events and fused events, in one
    transaction."""
    have = set(store.tables())
    need = {"actor_index", "event_actors", "event_index", "actors", "fused_events", "event_members"}
    if not need <= have:
        return
    counts = (
        "(SELECT actor_id, count(*) AS n FROM mentions GROUP BY actor_id)"
        if "mentions" in have
        else "(SELECT NULL::VARCHAR AS actor_id, 0 AS n WHERE false)"
    )
    con = store.con
    with store.transaction():
        con.execute("DELETE FROM actor_index")
        con.execute(
            "INSERT INTO actor_index SELECT a.id, lower(a.id || ? || coalesce(a.name, '')), "
            f"coalesce(c.n, 0) FROM actors a LEFT JOIN {counts} c ON c.actor_id = a.id "
            "ORDER BY a.id",
            [KEY_SEP],
        )
        con.execute("DELETE FROM event_actors")
        con.execute(
            "INSERT INTO event_actors SELECT DISTINCT x.actor_id, x.fused_id FROM ("
            "SELECT f.actor_id, f.id AS fused_id FROM fused_events f UNION ALL "
            "SELECT f.recipient_id, f.id FROM fused_events f UNION ALL "
            "SELECT a.country, f.id FROM fused_events f JOIN actors a ON a.id = f.actor_id "
            "UNION ALL SELECT a.country, f.id FROM fused_events f "
            "JOIN actors a ON a.id = f.recipient_id) x WHERE x.actor_id IS NOT NULL "
            "ORDER BY x.actor_id, x.fused_id"
        )
        con.execute("DELETE FROM event_index")
        if "events" in have:
            con.execute(
                "INSERT INTO event_index SELECT lower(coalesce(e.trigger, '') || ? || "
                "coalesce(e.items, '')), lower(e.type), e.article_id, e.id, e.type, e.trigger, "
                'e.actor_id, e.recipient_id, e.items, e.start, e."end", a.title, a.published, '
                "m.fused_id FROM events e JOIN articles a ON a.id = e.article_id "
                "LEFT JOIN event_members m ON m.article_id = e.article_id AND m.event_id = e.id "
                "ORDER BY a.published DESC NULLS LAST, e.article_id, e.start",
                [KEY_SEP],
            )


# ------------------------------------------------------------------ query API


def _span(text: str, start: int, end: int) -> str:
    return text[start:end] if 0 <= start < end <= len(text) else ""


def fused_event(store: Store, id: str) -> dict[str, Any]:
    """One fused event: its slots, status, reports in time order, supporters, deniers and
    evidence sentences (slices of the articles' stored text)."""
    rows = store.query("SELECT * FROM fused_events WHERE starts_with(id, ?)", [id])
    if not rows:  # an earlier id of an event that has gained reports since
        rows = store.query("SELECT * FROM fused_events WHERE id = ?", [current_id(store, id)])
    if len(rows) != 1:
        raise KeyError(f"no fused event {id!r}" if not rows else f"ambiguous id {id!r}")
    fe = rows[0]
    reports = store.query(
        'SELECT m.article_id, m.event_id, m.start, m."end", a.published, a.publisher, '
        "a.title, a.url, e.trigger, e.sentence_start, e.sentence_end, a.text, "
        "s.copy_of FROM event_members m JOIN articles a ON a.id = m.article_id "
        "LEFT JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id "
        "LEFT JOIN syndication s ON s.article_id = m.article_id "
        "WHERE m.fused_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.start",
        [fe["id"]],
    )
    for r in reports:
        text = r.pop("text")
        r["evidence"] = _span(
            text, r.get("sentence_start") or r["start"], r.get("sentence_end") or r["end"]
        )
    cl = store.query(
        "SELECT c.*, a.text FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE c.fused_id = ? ORDER BY c.published NULLS LAST, c.article_id, c.start",
        [fe["id"]],
    )
    for c in cl:
        c["evidence"] = _span(c.pop("text"), c["start"], c["end"])
    fe["reports"] = reports
    fe["claims"] = cl
    # a question or a non-answer ("declined to confirm") neither supports nor denies
    fe["supporters"] = sorted(
        {c["source_key"] for c in cl if c["stance"] in claims_mod.STANCE_WEIGHT}
    )
    fe["deniers"] = sorted({c["source_key"] for c in cl if c["stance"] == claims_mod.DENY})
    return fe


def claims(
    store: Store, actor: str | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Fused events with their claim counts, filtered on an actor (id or name, as supplier
    or recipient, a state matching its organs) and on status; most confident first."""
    where, params = [], []
    if status:
        where.append("f.status = ?")
        params.append(status)
    if actor:
        ids = store.find_actor_ids(actor) if _has(store, "actors") else []
        ids = ids or [actor]
        where.append(
            "(list_contains(?, f.actor_id) OR list_contains(?, f.recipient_id) "
            "OR list_contains(?, ac.country) OR list_contains(?, rc.country))"
        )
        params += [ids, ids, ids, ids]
    join = (
        " LEFT JOIN actors ac ON ac.id = f.actor_id LEFT JOIN actors rc ON rc.id = f.recipient_id"
        if _has(store, "actors")
        else " LEFT JOIN (SELECT NULL AS id, NULL AS country) ac ON false"
        " LEFT JOIN (SELECT NULL AS id, NULL AS country) rc ON false"
    )
    sql = (
        "SELECT f.* FROM fused_events f"
        + join
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY f.confidence DESC, f.n_sources DESC, f.id"
    )
    return store.query(sql, params)


# ------------------------------------------------------------------ exports


def _actor_names(store: Store) -> dict[str, dict[str, Any]]:
    return _actors(store)


def export_graphml(store: Store, path: str | Path) -> Path:
    """Actors as nodes, fused events as directed edges (attributes: type, status, sources...)."""
    path = Path(path)
    actors = _actor_names(store)
    fes = store.query("SELECT * FROM fused_events ORDER BY id")
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    node_keys = [
        ("name", "string"),
        ("type", "string"),
        ("country", "string"),
        ("sector", "string"),
    ]
    edge_keys = [
        ("fused_id", "string"),
        ("event_type", "string"),
        ("mode", "string"),
        ("cameo", "string"),
        ("status", "string"),
        ("confidence", "double"),
        ("n_sources", "int"),
        ("n_deniers", "int"),
        ("n_articles", "int"),
        ("items", "string"),
        ("time_value", "string"),
        ("first_report", "string"),
        ("last_report", "string"),
    ]
    for name, typ in node_keys:
        ET.SubElement(
            root,
            f"{{{ns}}}key",
            id=f"n_{name}",
            attrib={"for": "node", "attr.name": name, "attr.type": typ},
        )
    for name, typ in edge_keys:
        ET.SubElement(
            root,
            f"{{{ns}}}key",
            id=f"e_{name}",
            attrib={"for": "edge", "attr.name": name, "attr.type": typ},
        )
    graph = ET.SubElement(root, f"{{{ns}}}graph", id="claimgraph", edgedefault="directed")
    used = sorted({a for f in fes for a in (f["actor_id"], f["recipient_id"]) if a})
    for a in used:
        node = ET.SubElement(graph, f"{{{ns}}}node", id=a)
        info = actors.get(a, {"name": a})
        for name, _ in node_keys:
            if info.get(name) is not None:
                ET.SubElement(node, f"{{{ns}}}data", key=f"n_{name}").text = str(info[name])
    for f in fes:
        if not (f["actor_id"] and f["recipient_id"]):
            continue
        edge = ET.SubElement(
            graph, f"{{{ns}}}edge", id=f["id"], source=f["actor_id"], target=f["recipient_id"]
        )
        vals = {**f, "fused_id": f["id"], "event_type": f["type"]}
        for name, _ in edge_keys:
            if vals.get(name) is not None:
                ET.SubElement(edge, f"{{{ns}}}data", key=f"e_{name}").text = str(vals[name])
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def _iso(v: Any) -> Any:
    return v.isoformat() if isinstance(v, date) else v


def export_plover(store: Store, path: str | Path) -> Path:
    """PLOVER-style JSON records, one per fused event (a JSON list)."""
    path = Path(path)
    actors = _actor_names(store)
    out = []
    for f in store.query("SELECT * FROM fused_events ORDER BY first_report NULLS LAST, id"):
        cl = store.query(
            "SELECT c.article_id, c.stance, c.source_key, c.source_text, c.published, c.start, "
            'c."end", a.url, a.text FROM claims c JOIN articles a ON a.id = c.article_id '
            "WHERE c.fused_id = ? ORDER BY c.published NULLS LAST, c.article_id, c.start",
            [f["id"]],
        )
        a, r = actors.get(f["actor_id"] or "", {}), actors.get(f["recipient_id"] or "", {})
        out.append(
            {
                "id": f["id"],
                "event_date": f["time_value"] or _iso(f["first_report"]),
                "event_type": f["type"],
                "event_mode": f["mode"] or "",
                "cameo": f["cameo"],
                "actor": a.get("name") or f["actor_id"],
                "actor_id": f["actor_id"],
                "actor_country": a.get("country"),
                "actor_sector": a.get("sector"),
                "recipient": r.get("name") or f["recipient_id"],
                "recipient_id": f["recipient_id"],
                "recipient_country": r.get("country"),
                "recipient_sector": r.get("sector"),
                "items": f["items"],
                "status": f["status"],
                "confidence": f["confidence"],
                "num_sources": f["n_sources"],
                "num_deniers": f["n_deniers"],
                "num_articles": f["n_articles"],
                "first_report": _iso(f["first_report"]),
                "last_report": _iso(f["last_report"]),
                "claims": [
                    {
                        "article_id": c["article_id"],
                        "url": c["url"],
                        "stance": c["stance"],
                        "source": c["source_text"] or c["source_key"],
                        "published": _iso(c["published"]),
                        "text": _span(c["text"], c["start"], c["end"]),
                    }
                    for c in cl
                ],
            }
        )
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


#: GDELT 1.0-like columns written by :func:`export_cameo_tsv`.
CAMEO_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "PloverType",
    "Status",
    "Confidence",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "NumDeniers",
    "FirstReport",
    "LastReport",
    "SOURCEURL",
]


def export_cameo_tsv(store: Store, path: str | Path) -> Path:
    """One row per fused event, GDELT-like columns with NumSources and NumArticles."""
    path = Path(path)
    actors = _actor_names(store)
    rows = store.query(
        "SELECT f.*, (SELECT a.url FROM event_members m JOIN articles a ON a.id = m.article_id "
        "WHERE m.fused_id = f.id ORDER BY a.published NULLS LAST, a.id LIMIT 1) AS url "
        "FROM fused_events f ORDER BY f.first_report NULLS LAST, f.id"
    )
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(CAMEO_COLUMNS)
        for f in rows:
            a, r = actors.get(f["actor_id"] or "", {}), actors.get(f["recipient_id"] or "", {})
            day = f["first_report"]
            code = f["cameo"] or ""
            w.writerow(
                [
                    f["id"],
                    day.strftime("%Y%m%d") if day else "",
                    _code(f["actor_id"], a),
                    a.get("name", f["actor_id"] or ""),
                    a.get("country") or "",
                    _code(f["recipient_id"], r),
                    r.get("name", f["recipient_id"] or ""),
                    r.get("country") or "",
                    code,
                    code[:2],
                    f["type"],
                    f["status"],
                    f"{f['confidence']:.4f}",
                    f["n_mentions"],
                    f["n_sources"],
                    f["n_articles"],
                    f["n_deniers"],
                    _iso(f["first_report"]) or "",
                    _iso(f["last_report"]) or "",
                    f["url"] or "",
                ]
            )
    return path


def _code(actor_id: str | None, info: Mapping[str, Any]) -> str:
    """CAMEO-style actor code: country + sector (``USAGOV``), else the id."""
    if not actor_id:
        return ""
    country, sector = info.get("country") or "", info.get("sector") or ""
    return (country + sector) or actor_id
