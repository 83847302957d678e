"""pages: the server-rendered web app (Jinja2 with autoescaping) over :mod:`.queries`.

Pages: network (``/network``), timeline (``/timeline``), one event (``/events/{id}``), one
article (``/articles/{id}``), one actor (``/actors/{id}``) and search (``/search``). Filter
forms are plain GET forms; the network and timeline are SVG drawn by :mod:`.svg`.

Article text is never put into a page unescaped: :func:`render_spans` cuts the text at every
span boundary, escapes each piece and wraps it in ``<span>``/``<mark>`` elements it builds
itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from claimgraph.fuse.claims import STANCE_WEIGHT
from claimgraph.serve import queries, svg
from claimgraph.serve.api import get_store
from claimgraph.store import Store

router = APIRouter(include_in_schema=False)

#: Segment kinds shown as the article; the others are folded away in <details>.
MAIN_KINDS = frozenset({"headline", "body"})


@dataclass(frozen=True, slots=True)
class Span:
    """A layer span to mark in a text: [start, end) in article offsets."""

    start: int
    end: int
    cls: str
    title: str = ""
    mark: bool = False  # the evidence span: rendered as <mark>


def render_spans(text: str, base: int, spans: Iterable[Span], mark_id: str = "m") -> Markup:
    """``text`` (which starts at article offset ``base``) as HTML: every piece escaped, the
    pieces covered by spans wrapped in ``<span class=...>`` (classes of all covering spans)
    and the evidence pieces in ``<mark>``; the first mark gets ``id=mark_id``."""
    end = base + len(text)
    spans = [s for s in spans if s.start < end and s.end > base and s.start < s.end]
    cuts = {base, end}
    for s in spans:
        cuts.add(max(s.start, base))
        cuts.add(min(s.end, end))
    bounds = sorted(cuts)
    out: list[str] = []
    first_mark = True
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = escape(text[a - base : b - base])
        cover = [s for s in spans if s.start <= a and s.end >= b]
        if not cover:
            out.append(str(piece))
            continue
        classes = sorted({s.cls for s in cover if not s.mark})
        titles = [s.title for s in cover if s.title]
        html = str(piece)
        if classes or titles:
            attrs = f' class="{escape(" ".join(classes))}"' if classes else ""
            if titles:
                attrs += f' title="{escape(" | ".join(dict.fromkeys(titles)))}"'
            html = f"<span{attrs}>{html}</span>"
        if any(s.mark for s in cover):
            ident = f' id="{escape(mark_id)}"' if first_mark and mark_id else ""
            first_mark = False
            html = f"<mark{ident}>{html}</mark>"
        out.append(html)
    return Markup("".join(out))


@cache
def env() -> Environment:
    """The Jinja2 environment (templates from package data, autoescape always on)."""
    e = Environment(
        loader=PackageLoader("claimgraph.serve", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.globals["qp"] = lambda s: quote(str(s), safe="")
    e.globals["STATUSES"] = queries.STATUSES
    return e


def render(name: str, **ctx: Any) -> HTMLResponse:
    """Render a template to an HTML response."""
    return HTMLResponse(env().get_template(name).render(**ctx))


def _date(v: str | None) -> date | None:
    """A date from a form field; empty or malformed -> None (the filter is ignored)."""
    if not v:
        return None
    try:
        return date.fromisoformat(v.strip())
    except ValueError:
        return None


def _clean(v: str | None) -> str | None:
    v = (v or "").strip()
    return v[:200] or None


# ------------------------------------------------------------------ pages


@router.get("/", response_class=HTMLResponse)
def index() -> RedirectResponse:
    return RedirectResponse("/network", status_code=307)


@router.get("/network", response_class=HTMLResponse)
def network_page(
    store: Store = Depends(get_store),
    type: str | None = None,
    status: str | None = None,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> HTMLResponse:
    """The actor network with its filter form."""
    filters = {
        "type": _clean(type),
        "status": _clean(status),
        "actor": _clean(actor),
        "date_from": _date(date_from),
        "date_to": _date(date_to),
    }
    data = queries.network(store, **filters)
    return render(
        "network.html",
        title="Network",
        filters=filters,
        types=queries.event_types(store),
        data=data,
        drawing=svg.network_svg(data),
        summary=queries.summary(store),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    store: Store = Depends(get_store), actor: str | None = None, other: str | None = None
) -> HTMLResponse:
    """Events and reports over time for an actor or an actor pair."""
    actor, other = _clean(actor), _clean(other)
    data = queries.timeline(store, actor, other) if actor else None
    return render(
        "timeline.html",
        title="Timeline",
        actor=actor,
        other=other,
        data=data,
        drawing=svg.timeline_svg(data) if data else None,
    )


def _evidence_html(item: Mapping[str, Any]) -> Markup:
    """The evidence paragraph of a claim or report, its span in <mark>."""
    return render_spans(
        item.get("context") or "",
        int(item.get("context_start") or 0),
        [Span(int(item["start"]), int(item["end"]), "evidence", mark=True)],
        mark_id="",
    )


@router.get("/events/{id}", response_class=HTMLResponse)
def event_page(id: str, store: Store = Depends(get_store)) -> HTMLResponse:
    """One event: status, confidence, supporters and deniers, evidence in context."""
    try:
        ev = queries.event(store, id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    for item in ev["claims"] + ev["reports"]:
        item["html"] = _evidence_html(item)
        item["link"] = (
            "/articles/"
            + quote(item["article_id"], safe="")
            + "?"
            + urlencode({"mark": f"{item['start']}-{item['end']}"})
            + "#m"
        )
    support = [c for c in ev["claims"] if c["stance"] in STANCE_WEIGHT]
    deny = [c for c in ev["claims"] if c["stance"] in queries.DENY_STANCES]
    # questions and non-answers ("declined to confirm"): shown, counted on neither side
    other = [c for c in ev["claims"] if c not in support and c not in deny]
    return render(
        "event.html",
        title=f"Event {ev['type']}",
        ev=ev,
        support=support,
        deny=deny,
        other=other,
    )


def _mark(v: str | None) -> tuple[int, int] | None:
    if not v or "-" not in v:
        return None
    a, _, b = v.partition("-")
    if a.isdigit() and b.isdigit() and int(a) < int(b):
        return int(a), int(b)
    return None


def _layer_spans(art: Mapping[str, Any], mark: tuple[int, int] | None) -> list[Span]:
    spans: list[Span] = []
    for table, (s_col, e_col, label) in queries.LAYERS.items():
        for r in art.get(table, []):
            s, e = r.get(s_col), r.get(e_col)
            if s is None or e is None:
                continue
            if table == "mentions":
                title = f"actor {r.get('actor_id')}"
            elif table == "attributions":
                title = f"quote ({r.get('stance')}) by {r.get('source_text') or '?'}"
            elif table == "events":
                title = f"event {r.get('type')} ({r.get('status') or r.get('polarity')})"
            elif table == "timexes":
                title = f"time {r.get('value')}"
            else:
                title = f"{r.get('value')} {r.get('unit')}"
            spans.append(Span(int(s), int(e), f"l-{label}", title))
    if mark:
        spans.append(Span(mark[0], mark[1], "evidence", mark=True))
    return spans


@router.get("/articles/{id}", response_class=HTMLResponse)
def article_page(
    id: str, store: Store = Depends(get_store), mark: str | None = None
) -> HTMLResponse:
    """One article's clean text with its layers marked; removed segments folded away."""
    try:
        art = queries.article(store, id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    m = _mark(mark)
    spans = _layer_spans(art, m)
    text = art["text"]
    segs = art["segments"] or [{"idx": 0, "kind": "body", "start": 0, "end": len(text)}]
    rendered = []
    for seg in segs:
        s, e = int(seg["start"]), int(seg["end"])
        rendered.append(
            {
                **seg,
                "main": seg["kind"] in MAIN_KINDS,
                "has_mark": bool(m and m[0] < e and m[1] > s),
                "html": render_spans(text[s:e], s, spans),
            }
        )
    counts = {t: len(art.get(t, [])) for t in queries.LAYERS}
    return render(
        "article.html",
        title=art.get("title") or art["id"],
        art=art,
        segments=rendered,
        counts=counts,
    )


@router.get("/actors/{id}", response_class=HTMLResponse)
def actor_page(id: str, store: Store = Depends(get_store)) -> HTMLResponse:
    """One actor: its articles and events."""
    try:
        a = queries.actor(store, id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from exc
    return render("actor.html", title=a["name"], actor=a)


@router.get("/search", response_class=HTMLResponse)
def search_page(store: Store = Depends(get_store), q: str | None = None) -> HTMLResponse:
    """Search over actors, events and full text."""
    q = _clean(q)
    res = queries.search(store, q) if q else None
    return render("search.html", title="Search", q=q or "", res=res)
