"""queries: every SQL statement the web app and the JSON API run, parameterised only.

Each function takes an open (read-only) :class:`~claimgraph.store.Store` and returns plain
dicts and lists that the API serialises and the pages render. Tables written by stages that
are not in the store yet (attributions, timexes, fusion tables...) are skipped: the function
answers with what is there.

Events: when the fusion tables hold rows, an "event" is a fused event (``fe-...`` ids, from
``claimgraph fuse``); otherwise event mentions are grouped by (type, actor, recipient) into
*mention groups* whose ids (``g-...``) encode that key, so the network, timeline and event
pages work on a store that has never been fused.

Text search: :func:`text_search` uses DuckDB's ``fts`` extension (``match_bm25``) when it loads
and the store has an index ``fts_main_articles``; otherwise a case-insensitive substring match
(``ILIKE``) over titles and texts.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.store import Store

#: Event statuses, in the order the legend shows them (colours are in the stylesheet).
STATUSES = ("corroborated", "single-source", "contested", "denied")
#: Stances that count against an event (a claim with one of these is a denial).
DENY_STANCES = frozenset({"deny"})
#: Characters of context shown on each side of an evidence span outside its paragraph.
CONTEXT = 400


# ------------------------------------------------------------------ helpers


def tables(store: Store) -> set[str]:
    """The tables present in this store (looked up once per open store)."""
    have = getattr(store, "_serve_tables", None)
    if have is None:
        rows = store.query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'")
        have = {r["table_name"] for r in rows}
        store._serve_tables = have  # type: ignore[attr-defined]
    return have


def _like(q: str) -> str:
    """``%q%`` for ``ILIKE ... ESCAPE '\\'``, with the user's own wildcards escaped."""
    esc = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{esc}%"


def fused(store: Store, have: set[str] | None = None) -> bool:
    """True when the store holds fused events (``claimgraph fuse`` has run)."""
    known = getattr(store, "_serve_fused", None)
    if known is not None:
        return bool(known)
    have = have if have is not None else tables(store)
    res = "fused_events" in have and bool(store.query("SELECT 1 AS x FROM fused_events LIMIT 1"))
    store._serve_fused = res  # type: ignore[attr-defined]
    return res


def indexed(store: Store, have: set[str] | None = None) -> bool:
    """True when the look-up tables fusion writes (``actor_index``, ``event_actors``,
    ``event_index``) cover the store: every article has been fused and every actor is in
    ``actor_index``. An ingest run with ``--no-fuse`` since the last fusion leaves them
    stale, and the live queries are used instead."""
    known = getattr(store, "_serve_indexed", None)
    if known is not None:
        return bool(known)
    have = have if have is not None else tables(store)
    need = {"actor_index", "event_actors", "event_index", "actors", "fused_articles"}
    res = need <= have and fused(store, have)
    if res:
        n = store.query(
            "SELECT (SELECT count(*) FROM actor_index) AS i, (SELECT count(*) FROM actors) AS a, "
            "(SELECT count(*) FROM fused_articles) AS f, (SELECT count(*) FROM articles) AS n"
        )[0]
        res = n["i"] == n["a"] and n["f"] == n["n"]
    store._serve_indexed = res  # type: ignore[attr-defined]
    return res


def group_id(type_: str, actor: str | None, recipient: str | None) -> str:
    """The id of the mention group (type, actor, recipient): ``g-`` + base64url of the key."""
    raw = json.dumps([type_, actor, recipient], separators=(",", ":")).encode()
    return "g-" + base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_group_id(gid: str) -> tuple[str, str | None, str | None] | None:
    """The (type, actor, recipient) key of a ``g-`` id, or None if it is not one."""
    if not gid.startswith("g-"):
        return None
    body = gid[2:]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        key = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if (
        isinstance(key, list)
        and len(key) == 3
        and isinstance(key[0], str)
        and all(k is None or isinstance(k, str) for k in key[1:])
    ):
        return key[0], key[1], key[2]
    return None


def actor_names(
    store: Store, have: set[str] | None = None, ids: Sequence[str | None] | None = None
) -> dict[str, dict[str, Any]]:
    """``{actor id: actor row}`` for the actors ``ids`` (all actors if None)."""
    have = have if have is not None else tables(store)
    if "actors" not in have:
        return {}
    if ids is None:
        return {r["id"]: r for r in store.query("SELECT * FROM actors")}
    wanted = sorted({i for i in ids if i})
    rows = store.query("SELECT * FROM actors WHERE list_contains(?, id)", [wanted])
    return {r["id"]: r for r in rows}


def resolve_actors(
    store: Store, q: str, have: set[str] | None = None, organs: bool = True
) -> list[str]:
    """Actor ids matching ``q``: the actor whose id is ``q``, else those whose id or name is
    ``q`` in any case, else those whose name contains ``q``; with ``organs`` a state also
    brings its organs (actors of that country)."""
    have = have if have is not None else tables(store)
    if "actors" not in have:
        return [q]
    exact = store.query("SELECT id FROM actors WHERE id = ?", [q]) or store.query(
        "SELECT id FROM actors WHERE lower(id) = lower(?) OR lower(name) = lower(?)", [q, q]
    )
    ids = [r["id"] for r in exact] or [
        r["id"]
        for r in store.query(
            "SELECT id FROM actors WHERE name ILIKE ? ESCAPE '\\' ORDER BY id LIMIT 50",
            [_like(q)],
        )
    ]
    if not ids:
        return [q]
    if not organs:
        return ids
    rows = store.query("SELECT id FROM actors WHERE list_contains(?, country) ORDER BY id", [ids])
    return list(dict.fromkeys(ids + [r["id"] for r in rows]))


def summary(store: Store) -> dict[str, Any]:
    """Counts of the main tables, the schema version, whether the store is fused, and how
    many articles older rules made."""
    have = tables(store)
    counts = {}
    for t in ("articles", "actors", "mentions", "events", "attributions", "fused_events"):
        if t in have:
            counts[t] = int(store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"])
    return {
        "schema_version": store.schema_version(),
        "fused": fused(store, have),
        "counts": counts,
        "search_backend": search_backend(store),
        # articles extracted by other rules than the server's (`claimgraph reprocess`)
        "stale": len(store.stale_ids()) if "article_rules" in have else 0,
    }


# ------------------------------------------------------------------ events (network, lists)

_GROUPS_SQL = """
WITH g AS (
    SELECT e.type, e.actor_id, e.recipient_id,
           count(*) AS n_mentions,
           count(DISTINCT e.article_id) AS n_articles,
           count(DISTINCT coalesce(a.original_publisher, a.publisher, a.id)) AS n_sources,
           count(*) FILTER (WHERE e.polarity = 'NEG') AS n_neg,
           min(a.published) AS first_report,
           max(a.published) AS last_report,
           string_agg(DISTINCT e.items, '; ') AS items,
           min(e.cameo) AS cameo
    FROM events e JOIN articles a ON a.id = e.article_id
    GROUP BY e.type, e.actor_id, e.recipient_id
)
SELECT *,
       CASE WHEN n_neg = n_mentions THEN 'denied'
            WHEN n_neg > 0 THEN 'contested'
            WHEN n_sources >= 2 THEN 'corroborated'
            ELSE 'single-source' END AS status
FROM g
"""


def events(
    store: Store,
    *,
    type: str | None = None,
    status: str | None = None,
    actor: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    edges_only: bool = False,
    limit: int = 200,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events (fused events, or mention groups on an unfused store), filtered, most sourced
    first. ``edges_only`` keeps those with both a supplier and a recipient (the network)."""
    have = tables(store)
    if "events" not in have and "fused_events" not in have:
        return []
    where: list[str] = []
    params: list[Any] = []
    if type:
        where.append("upper(f.type) = upper(?)")
        params.append(type)
    if status:
        where.append("f.status = ?")
        params.append(status)
    if date_from:
        where.append("f.last_report >= ?")
        params.append(date_from)
    if date_to:
        where.append("f.first_report <= ?")
        params.append(date_to)
    if edges_only:
        where.append(
            "f.actor_id IS NOT NULL AND f.recipient_id IS NOT NULL AND f.actor_id <> f.recipient_id"
        )
    is_fused = fused(store, have)
    if actor and is_fused and indexed(store, have):
        # the events of the actors named, of their organs and of their countries' organs,
        # from the look-up table fusion writes (see migration 0009)
        ids = resolve_actors(store, actor, have, organs=False)
        where.append(
            "f.id IN (SELECT fused_id FROM event_actors "
            "WHERE actor_id IN (SELECT unnest(?::VARCHAR[])))"
        )
        params.append(ids)
    elif actor:
        ids = resolve_actors(store, actor, have)
        cond = "list_contains(?, f.actor_id) OR list_contains(?, f.recipient_id)"
        params += [ids, ids]
        if "actors" in have:
            cond += " OR list_contains(?, ac.country) OR list_contains(?, rc.country)"
            params += [ids, ids]
        where.append(f"({cond})")
    source = "fused_events" if is_fused else f"({_GROUPS_SQL})"
    join = (
        " LEFT JOIN actors ac ON ac.id = f.actor_id LEFT JOIN actors rc ON rc.id = f.recipient_id"
        if "actors" in have
        else ""
    )
    names = ", ac.name AS actor_name, rc.name AS recipient_name" if "actors" in have else ""
    order = (
        "f.n_sources DESC, f.confidence DESC, f.id"
        if is_fused
        else "f.n_sources DESC, f.n_mentions DESC, f.type, f.actor_id, f.recipient_id"
    )
    sql = (
        f"SELECT f.*{names} FROM {source} f{join}"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    rows = store.query(sql, [*params, limit, offset])
    for r in rows:
        if not is_fused:
            r["id"] = group_id(r["type"], r["actor_id"], r["recipient_id"])
            r["confidence"] = None
            r.pop("n_neg", None)
        r.setdefault("actor_name", r.get("actor_id"))
        r.setdefault("recipient_name", r.get("recipient_id"))
        r["fused"] = is_fused
    return rows


def event_types(store: Store) -> list[str]:
    """The event types present (for the filter form)."""
    have = tables(store)
    t = "fused_events" if fused(store, have) else "events" if "events" in have else None
    if t is None:
        return []
    return [r["type"] for r in store.query(f"SELECT DISTINCT type FROM {t} ORDER BY type")]


def network(store: Store, limit: int = 150, **filters: Any) -> dict[str, Any]:
    """Actors as nodes and events as directed edges (supplier -> recipient), at most
    ``limit`` edges, the most independently sourced first."""
    edges = events(store, edges_only=True, limit=limit + 1, **filters)
    truncated = len(edges) > limit
    edges = edges[:limit]
    names = actor_names(
        store, None, [e[side] for e in edges for side in ("actor_id", "recipient_id")]
    )
    nodes: dict[str, dict[str, Any]] = {}
    for e in edges:
        for side in ("actor_id", "recipient_id"):
            aid = e[side]
            row = names.get(aid, {})
            n = nodes.setdefault(
                aid,
                {
                    "id": aid,
                    "name": row.get("name") or aid,
                    "type": row.get("type"),
                    "country": row.get("country"),
                    "degree": 0,
                },
            )
            n["degree"] += 1
    keep = (
        "id",
        "type",
        "status",
        "actor_id",
        "recipient_id",
        "actor_name",
        "recipient_name",
        "n_sources",
        "n_mentions",
        "confidence",
        "first_report",
        "last_report",
        "items",
    )
    return {
        "fused": bool(edges[0]["fused"]) if edges else fused(store),
        "truncated": truncated,
        "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
        "edges": [{k: e.get(k) for k in keep} for e in edges],
    }


# ------------------------------------------------------------------ one event


#: At most this many claims and reports are returned with an event (the most recent last).
MAX_EVIDENCE = 300


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (newline delimited) around ``[start, end)`` of ``text``, at most
    :data:`CONTEXT` characters either side."""
    a = text.rfind("\n", 0, start)
    a = 0 if a < 0 else a + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    return max(a, start - CONTEXT), min(b, end + CONTEXT)


def window(start: str, end: str) -> str:
    """SQL columns for the text window around the evidence span ``[start, end)`` (SQL
    expressions over a row joined to its article ``a``): the span and :data:`CONTEXT`
    characters either side, and the window's offset."""
    w0 = f"greatest({start} - {CONTEXT}, 0)"
    return (
        f"{w0} AS window_start, substr(a.text, {w0} + 1, {end} - {w0} + {CONTEXT}) AS window_text"
    )


def _with_context(items: list[dict[str, Any]]) -> None:
    """Turn each item's ``window_start``/``window_text`` (selected with :func:`window`) into
    ``context_start``/``context_end``/``context`` (the evidence's paragraph) and
    ``evidence`` (the span's text)."""
    for i in items:
        w0 = int(i.pop("window_start", 0) or 0)
        wt = i.pop("window_text", "") or ""
        i.pop("text_len", None)
        s, e = int(i["start"]), int(i["end"])
        if not (w0 <= s < e <= w0 + len(wt)):
            i["context_start"], i["context_end"], i["context"], i["evidence"] = s, s, "", ""
            continue
        a, b = _paragraph(wt, s - w0, e - w0)
        i["context_start"], i["context_end"], i["context"] = w0 + a, w0 + b, wt[a:b]
        i["evidence"] = wt[s - w0 : e - w0]


def _fused_event(store: Store, id: str, have: set[str]) -> dict[str, Any]:
    rows = store.query("SELECT * FROM fused_events WHERE id = ?", [id])
    if not rows and "fused_aliases" in have:  # an earlier id: the event has grown since
        from claimgraph.fuse import current_id

        id = current_id(store, id)
        rows = store.query("SELECT * FROM fused_events WHERE id = ?", [id])
    if not rows:
        raise KeyError(f"no event {id!r}")
    fe = rows[0]
    synd = "syndication" in have
    evs = "events" in have
    # a report's evidence is its mention's sentence (the mention itself without events)
    s_start = "coalesce(e.sentence_start, m.start)" if evs else "m.start"
    s_end = 'coalesce(e.sentence_end, m."end")' if evs else 'm."end"'
    fe["reports"] = store.query(
        f'SELECT m.article_id, m.event_id, {s_start} AS start, {s_end} AS "end", '
        'm.start AS mention_start, m."end" AS mention_end, a.published, a.publisher, '
        f"a.original_publisher, a.title, a.url, {window(s_start, s_end)}"
        + (", e.trigger, e.polarity, e.status AS mention_status" if evs else "")
        + (", s.copy_of" if synd else "")
        + " FROM event_members m JOIN articles a ON a.id = m.article_id"
        + (
            " LEFT JOIN events e ON e.article_id = m.article_id AND e.id = m.event_id"
            if evs
            else ""
        )
        + (" LEFT JOIN syndication s ON s.article_id = m.article_id" if synd else "")
        + " WHERE m.fused_id = ? ORDER BY a.published NULLS LAST, m.article_id, m.start LIMIT ?",
        [id, MAX_EVIDENCE],
    )
    fe["n_reports"] = store.query(
        "SELECT count(*) AS n FROM event_members WHERE fused_id = ?", [id]
    )[0]["n"]
    if "claims" in have:
        fe["claims"] = store.query(
            f"SELECT c.*, a.title, a.publisher, a.url, {window('c.start', 'c.end')} "
            "FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.fused_id = ? "
            "ORDER BY c.published NULLS LAST, c.article_id, c.start LIMIT ?",
            [id, MAX_EVIDENCE],
        )
        sources = store.query(
            "SELECT list_contains(?, stance) AS deny, source_key, count(*) AS n FROM claims "
            "WHERE fused_id = ? GROUP BY ALL ORDER BY source_key",
            [sorted(DENY_STANCES), id],
        )
    else:
        fe["claims"], sources = [], []
    fe["n_claims"] = sum(r["n"] for r in sources)
    fe["supporters"] = [r["source_key"] for r in sources if not r["deny"]]
    fe["deniers"] = [r["source_key"] for r in sources if r["deny"]]
    return fe


def _group_event(
    store: Store, key: tuple[str, str | None, str | None], have: set[str]
) -> dict[str, Any]:
    type_, actor, recipient = key
    if "events" not in have:
        raise KeyError("no events in this store")
    grp = store.query(
        f"SELECT * FROM ({_GROUPS_SQL}) g WHERE type = ? "
        "AND actor_id IS NOT DISTINCT FROM ? AND recipient_id IS NOT DISTINCT FROM ?",
        [type_, actor, recipient],
    )
    if not grp:
        raise KeyError(f"no event group {key!r}")
    ev = grp[0]
    ev.pop("n_neg", None)
    ev["id"] = group_id(type_, actor, recipient)
    ev["confidence"] = None
    reports = store.query(
        'SELECT e.article_id, e.id AS event_id, e.sentence_start AS start, e.sentence_end AS "end", '
        'e.start AS mention_start, e."end" AS mention_end, a.published, a.publisher, '
        "a.original_publisher, a.title, a.url, e.trigger, e.polarity, "
        f"e.status AS mention_status, {window('e.sentence_start', 'e.sentence_end')} "
        "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.type = ? "
        "AND e.actor_id IS NOT DISTINCT FROM ? AND e.recipient_id IS NOT DISTINCT FROM ? "
        "ORDER BY a.published NULLS LAST, e.article_id, e.start LIMIT ?",
        [type_, actor, recipient, MAX_EVIDENCE],
    )
    claims = []
    for r in reports:  # on an unfused store each mention stands for its outlet's claim
        claims.append(
            {
                "fused_id": ev["id"],
                "article_id": r["article_id"],
                "event_id": r["event_id"],
                "stance": "deny" if r.get("polarity") == "NEG" else "assert",
                "source_key": "outlet:" + (r["original_publisher"] or r["publisher"] or "?"),
                "source_text": None,
                "outlet": r["publisher"],
                "published": r["published"],
                "start": r["start"],
                "end": r["end"],
                "via": "article",
                "title": r["title"],
                "publisher": r["publisher"],
                "url": r["url"],
                "window_start": r["window_start"],
                "window_text": r["window_text"],
            }
        )
    ev["reports"] = reports
    ev["claims"] = claims
    ev["n_reports"] = ev["n_claims"] = ev["n_mentions"]
    ev["supporters"] = sorted({c["source_key"] for c in claims if c["stance"] != "deny"})
    ev["deniers"] = sorted({c["source_key"] for c in claims if c["stance"] == "deny"})
    return ev


def event(store: Store, id: str) -> dict[str, Any]:
    """One event with its reports (mentions, in time order) and claims, the source keys of
    its ``supporters`` and ``deniers``; each claim and report carries its evidence span and
    the paragraph around it. At most :data:`MAX_EVIDENCE` claims and reports are listed
    (``n_claims`` and ``n_reports`` count them all). Raises KeyError if there is no such
    event."""
    have = tables(store)
    key = parse_group_id(id)
    if key is not None:
        ev = _group_event(store, key, have)
    elif "fused_events" in have:
        ev = _fused_event(store, id, have)
    else:
        raise KeyError(f"no event {id!r}")
    _with_context(ev["reports"] + ev["claims"])
    names = actor_names(store, have, [ev.get("actor_id"), ev.get("recipient_id")])
    ev["actor_name"] = names.get(ev.get("actor_id"), {}).get("name", ev.get("actor_id"))
    ev["recipient_name"] = names.get(ev.get("recipient_id"), {}).get("name", ev.get("recipient_id"))
    ev["fused"] = key is None
    return ev


# ------------------------------------------------------------------ actors


def actors(store: Store, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors (optionally whose id or name contains ``q``), most mentioned first."""
    have = tables(store)
    if "actors" not in have:
        return []
    if indexed(store, have):  # counts kept by fusion in actor_index
        from claimgraph.fuse import KEY_SEP

        if q and KEY_SEP in q:
            return []
        cond = " WHERE contains(i.key, lower(?))" if q else ""
        return store.query(
            "SELECT a.*, i.n_mentions FROM actor_index i JOIN actors a ON a.id = i.actor_id"
            f"{cond} ORDER BY i.n_mentions DESC, a.id LIMIT ?",
            [q, limit] if cond else [limit],
        )
    where, params = "", []
    if q:
        where = " WHERE a.id ILIKE ? ESCAPE '\\' OR a.name ILIKE ? ESCAPE '\\'"
        params = [_like(q), _like(q)]
    mentions = (
        "(SELECT count(*) FROM mentions m WHERE m.actor_id = a.id)" if "mentions" in have else "0"
    )
    return store.query(
        f"SELECT a.*, {mentions} AS n_mentions FROM actors a{where} "
        "ORDER BY n_mentions DESC, a.id LIMIT ?",
        [*params, limit],
    )


def actor(store: Store, id: str) -> dict[str, Any]:
    """One actor with its mention count, the articles that mention it and its events.
    Raises KeyError if there is no such actor."""
    have = tables(store)
    if "actors" not in have:
        raise KeyError(f"no actor {id!r}")
    rows = store.query("SELECT * FROM actors WHERE id = ?", [id])
    if not rows:
        raise KeyError(f"no actor {id!r}")
    a = rows[0]
    a["articles"] = (
        store.query(
            "SELECT a.id, a.title, a.published, a.publisher, count(*) AS n_mentions "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? "
            "GROUP BY a.id, a.title, a.published, a.publisher "
            "ORDER BY a.published DESC NULLS LAST, a.id LIMIT 100",
            [id],
        )
        if "mentions" in have
        else []
    )
    a["n_mentions"] = sum(r["n_mentions"] for r in a["articles"])
    ids = [id]
    a["events"] = events(store, actor=id, limit=100) if ids else []
    return a


# ------------------------------------------------------------------ timeline


def timeline(store: Store, actor: str, other: str | None = None) -> dict[str, Any]:
    """Events involving ``actor`` (and ``other``, if given, on the other side) with their
    reports over time: ``{"events": [{..., "reports": [{published, stance, ...}]}]}``."""
    evs = events(store, actor=actor, limit=60)
    if other:
        oids = set(resolve_actors(store, other))
        names = actor_names(store)
        evs = [
            e
            for e in evs
            if {e.get("actor_id"), e.get("recipient_id")} & oids
            or {
                names.get(e.get("actor_id") or "", {}).get("country"),
                names.get(e.get("recipient_id") or "", {}).get("country"),
            }
            & oids
        ]
    if not evs:
        return {"actor": actor, "other": other, "events": []}
    ids = [e["id"] for e in evs]
    by_id: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if evs[0]["fused"]:
        if "claims" in tables(store):
            for r in store.query(
                "SELECT c.fused_id AS id, c.article_id, c.published, c.stance, c.source_key, "
                "a.title FROM claims c JOIN articles a ON a.id = c.article_id "
                "WHERE list_contains(?, c.fused_id) ORDER BY c.published NULLS LAST",
                [ids],
            ):
                by_id[r.pop("id")].append(r)
    else:
        for e in evs:
            by_id[e["id"]] = store.query(
                "SELECT e.article_id, a.published, "
                "CASE WHEN e.polarity = 'NEG' THEN 'deny' ELSE 'assert' END AS stance, "
                "'outlet:' || coalesce(a.original_publisher, a.publisher, '?') AS source_key, "
                "a.title FROM events e JOIN articles a ON a.id = e.article_id WHERE e.type = ? "
                "AND e.actor_id IS NOT DISTINCT FROM ? AND e.recipient_id IS NOT DISTINCT FROM ? "
                "ORDER BY a.published NULLS LAST",
                [e["type"], e["actor_id"], e["recipient_id"]],
            )
    for e in evs:
        e["reports"] = by_id.get(e["id"], [])
    return {"actor": actor, "other": other, "events": evs}


# ------------------------------------------------------------------ articles


def articles(store: Store, q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Stored articles, newest first, optionally whose title or text matches ``q``."""
    if q:
        return text_search(store, q, limit)
    return store.query(
        "SELECT id, title, published, publisher, original_publisher, url, length(text) AS chars "
        "FROM articles ORDER BY published DESC NULLS LAST, id LIMIT ?",
        [limit],
    )


#: Per-article layers shown on the article page: table -> (start column, end column, label).
LAYERS: dict[str, tuple[str, str, str]] = {
    "mentions": ("start", "end", "actor"),
    "attributions": ("content_start", "content_end", "quote"),
    "events": ("start", "end", "event"),
    "timexes": ("start", "end", "timex"),
    "quantities": ("start", "end", "quantity"),
}


def article(store: Store, id: str) -> dict[str, Any]:
    """One article: its fields, segments and the records of each stage present (mentions,
    attributions, events, timexes, quantities, and syndication). Raises KeyError."""
    have = tables(store)
    rows = store.query("SELECT * FROM articles WHERE id = ?", [id])
    if not rows:
        raise KeyError(f"no article {id!r}")
    art = rows[0]
    art["segments"] = store.query(
        'SELECT idx, kind, start, "end" FROM segments WHERE article_id = ? ORDER BY idx', [id]
    )
    for table in LAYERS:
        if table in have:
            art[table] = store.query(
                f"SELECT * EXCLUDE (article_id) FROM {table} WHERE article_id = ? ORDER BY start",
                [id],
            )
        else:
            art[table] = []
    if "event_members" in have:
        member = {
            r["event_id"]: r["fused_id"]
            for r in store.query(
                "SELECT event_id, fused_id FROM event_members WHERE article_id = ?", [id]
            )
        }
        for e in art["events"]:
            e["fused_id"] = member.get(e["id"])
    for e in art["events"]:
        e.setdefault("fused_id", None)
        e["group_id"] = group_id(e["type"], e.get("actor_id"), e.get("recipient_id"))
    art["copy_of"] = None
    if "syndication" in have:
        s = store.query("SELECT copy_of FROM syndication WHERE article_id = ?", [id])
        art["copy_of"] = s[0]["copy_of"] if s else None
    art["stale"] = store.is_stale(id)
    return art


# ------------------------------------------------------------------ search


def search_backend(store: Store) -> str:
    """``fts`` when the store has an index ``fts_main_articles`` (made by
    ``PRAGMA create_fts_index('articles', 'id', 'title', 'text')``) and the fts extension
    loads, else ``ilike``."""
    known = getattr(store, "_serve_backend", None)
    if known is not None:  # looked up once per open store, like tables()
        return str(known)
    idx = store.query(
        "SELECT 1 AS x FROM information_schema.schemata WHERE schema_name = 'fts_main_articles'"
    )
    backend = "fts" if idx and store.load_fts() else "ilike"
    store._serve_backend = backend  # type: ignore[attr-defined]
    return backend


#: The ``limit`` best articles for a query by BM25 over the fts extension's own index tables
#: (``fts_main_articles``): the formula and defaults (k1 1.2, b 0.75, any term) of its
#: ``match_bm25`` macro, written as one ranking query instead of a score per article, which
#: is about twice as fast on the 14,396 briefings; equal scores are tested against the macro.
#: Parameters: the query string, the limit.
BM25_TOP = """
WITH tokens AS (SELECT DISTINCT stem(unnest(fts_main_articles.tokenize(?)), 'porter') AS t),
qt AS (SELECT d.termid, d.df FROM fts_main_articles.dict d JOIN tokens ON d.term = tokens.t),
tf AS (SELECT t.docid, t.termid, count(*) AS tf FROM fts_main_articles.terms t
       WHERE t.termid IN (SELECT termid FROM qt) GROUP BY t.docid, t.termid),
st AS (SELECT num_docs, avgdl FROM fts_main_articles.stats),
sc AS (SELECT tf.docid, sum(log(((st.num_docs - qt.df) + 0.5) / (qt.df + 0.5) + 1)
        * (tf.tf * 2.2) / (tf.tf + 1.2 * (0.25 + 0.75 * docs.len / st.avgdl))) AS score
       FROM tf JOIN qt USING (termid) JOIN fts_main_articles.docs docs USING (docid), st
       GROUP BY tf.docid)
SELECT docs.name AS id, sc.score FROM sc JOIN fts_main_articles.docs docs USING (docid)
ORDER BY sc.score DESC, docs.name LIMIT ?
"""


def text_search(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Articles whose title or text matches ``q``, with a snippet around the first hit.

    With fts: the ``limit`` best by BM25. Without: the first ``limit`` matches in storage
    order (no ORDER BY, so the scan stops as soon as it has them: a substring match has to
    read every text otherwise), then shown newest first.
    """
    cols = (
        "a.id, a.title, a.published, a.publisher, a.original_publisher, a.url, "
        "length(a.text) AS chars, "
        "substr(a.text, greatest(instr(lower(a.text), lower(?)) - 80, 1), 200) AS snippet"
    )
    if search_backend(store) == "fts":
        return store.query(
            f"WITH top AS ({BM25_TOP}) SELECT {cols}, top.score FROM top "
            "JOIN articles a ON a.id = top.id ORDER BY top.score DESC, a.id",
            [q, limit, q],
        )
    rows = store.query(
        f"SELECT {cols}, NULL AS score FROM articles a "
        "WHERE a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\' LIMIT ?",
        [q, _like(q), _like(q), limit],
    )
    rows.sort(
        key=lambda r: (
            r["published"] is None,
            -(r["published"] or date.min).toordinal(),
            r["id"],
        )
    )
    return rows


def search(store: Store, q: str, limit: int = 20) -> dict[str, Any]:
    """Actors (by id or name), event mentions (by trigger or items) and articles (full
    text) matching ``q``."""
    have = tables(store)
    found_events: list[dict[str, Any]] = []
    if "events" in have and indexed(store, have):
        from claimgraph.fuse import KEY_SEP

        if KEY_SEP not in q:  # newest matches from fusion's event_index, then their rows
            found_events = store.query(
                "SELECT article_id, event_id, type, trigger, actor_id, recipient_id, items, "
                'start, "end", title, published, fused_id FROM event_index '
                "WHERE contains(key, lower(?)) OR type_key = lower(?) "
                "ORDER BY published DESC NULLS LAST, article_id, start LIMIT ?",
                [q, q, limit],
            )
    elif "events" in have:
        member = "event_members" in have and fused(store, have)
        found_events = store.query(
            "SELECT e.article_id, e.id AS event_id, e.type, e.trigger, e.actor_id, "
            'e.recipient_id, e.items, e.start, e."end", a.title, a.published'
            + (", m.fused_id" if member else ", NULL AS fused_id")
            + " FROM events e JOIN articles a ON a.id = e.article_id"
            + (
                " LEFT JOIN event_members m ON m.article_id = e.article_id AND m.event_id = e.id"
                if member
                else ""
            )
            + " WHERE e.trigger ILIKE ? ESCAPE '\\' OR e.items ILIKE ? ESCAPE '\\' "
            "OR e.type ILIKE ? ESCAPE '\\' "
            "ORDER BY a.published DESC NULLS LAST, e.article_id, e.start LIMIT ?",
            [
                _like(q),
                _like(q),
                q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),
                limit,
            ],
        )
    for e in found_events:
        e["event"] = e["fused_id"] or group_id(e["type"], e["actor_id"], e["recipient_id"])
    return {
        "q": q,
        "backend": search_backend(store),
        "actors": actors(store, q, limit),
        "events": found_events,
        "articles": text_search(store, q, limit),
    }
