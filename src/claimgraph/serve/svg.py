"""svg: the network and the timeline drawn as server-side SVG, so no JavaScript library is
needed.

The network layout is computed with networkx (a spring layout with a fixed seed, so the same
graph is always drawn the same way); edges are SVG ``<a>`` links to the event page, their width
grows with the number of independent sources and their class carries the status (the colours
are in ``static/style.css``). Every text that goes into the SVG is escaped with markupsafe.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import networkx as nx
from markupsafe import Markup, escape

WIDTH, HEIGHT, MARGIN = 960, 640, 70
STATUS_CLASS = {
    "corroborated": "st-corroborated",
    "single-source": "st-single",
    "contested": "st-contested",
    "denied": "st-denied",
}
STANCE_CLASS = {"deny": "sn-deny", "confirm": "sn-confirm", "allege": "sn-allege"}


def layout(
    nodes: Sequence[str], edges: Sequence[tuple[str, str]]
) -> dict[str, tuple[float, float]]:
    """Deterministic positions in the drawing box for ``nodes`` (spring layout, seed 7)."""
    if not nodes:
        return {}
    g = nx.DiGraph()
    g.add_nodes_from(sorted(nodes))
    g.add_edges_from(edges)
    if len(nodes) <= 2:
        pos = nx.circular_layout(g)
    else:
        k = 1.8 / math.sqrt(len(nodes))
        pos = nx.spring_layout(g.to_undirected(), seed=7, k=k, iterations=80)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (WIDTH - 2 * MARGIN) / ((x1 - x0) or 1)
    sy = (HEIGHT - 2 * MARGIN) / ((y1 - y0) or 1)
    return {
        n: (
            MARGIN + (float(p[0]) - x0) * sx if x1 > x0 else WIDTH / 2,
            MARGIN + (float(p[1]) - y0) * sy if y1 > y0 else HEIGHT / 2,
        )
        for n, p in pos.items()
    }


def network_svg(data: Mapping[str, Any]) -> Markup:
    """The network (``queries.network`` output) as an inline SVG element."""
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = data["edges"]
    pos = layout(list(nodes), [(e["actor_id"], e["recipient_id"]) for e in edges])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-label="actor network">',
        "<defs>",
    ]
    for st, cls in STATUS_CLASS.items():
        out.append(
            f'<marker id="arrow-{escape(st)}" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="6" markerHeight="6" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" class="{cls}-fill"/></marker>'
        )
    out.append("</defs>")
    # parallel edges between the same pair are bent apart
    seen: dict[tuple[str, str], int] = {}
    labels: list[str] = []
    for e in edges:
        a, b = e["actor_id"], e["recipient_id"]
        key = (min(a, b), max(a, b))
        i = seen.get(key, 0)
        seen[key] = i + 1
        (x1, y1), (x2, y2) = pos[a], pos[b]
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1.0
        # stop short of the node circles
        r = 14
        x1s, y1s = x1 + dx / d * r, y1 + dy / d * r
        x2s, y2s = x2 - dx / d * r, y2 - dy / d * r
        sign = 1 if (a, b) == key else -1
        bend = sign * (18 + 22 * i)
        mx, my = (x1s + x2s) / 2 - dy / d * bend, (y1s + y2s) / 2 + dx / d * bend
        width = 1.5 + 1.5 * min(int(e.get("n_sources") or 1), 8)
        status = e.get("status") or "single-source"
        cls = STATUS_CLASS.get(status, "st-single")
        label = (
            f"{e['type']}: {nodes[a]['name']} → {nodes[b]['name']} · {status} · "
            f"{e.get('n_sources') or 0} independent source(s)"
            + (f" · {e['items']}" if e.get("items") else "")
        )
        href = "/events/" + quote(e["id"], safe="")
        out.append(
            f'<a href="{escape(href)}" class="edge" data-event="{escape(e["id"])}">'
            f"<title>{escape(label)}</title>"
            f'<path d="M{x1s:.1f},{y1s:.1f} Q{mx:.1f},{my:.1f} {x2s:.1f},{y2s:.1f}" '
            f'class="{cls}" stroke-width="{width:.1f}" fill="none" '
            f'marker-end="url(#arrow-{escape(status if status in STATUS_CLASS else "single-source")})"/>'
            "</a>"
        )
        # the label is a second link to the same event, drawn above the nodes
        labels.append(
            f'<a href="{escape(href)}" class="edge-link" data-event="{escape(e["id"])}">'
            f"<title>{escape(label)}</title>"
            f'<text x="{mx:.1f}" y="{my + 3:.1f}" class="edge-label">{escape(e["type"])}</text></a>'
        )
    for nid, n in nodes.items():
        x, y = pos[nid]
        href = "/actors/" + quote(nid, safe="")
        out.append(
            f'<a href="{escape(href)}" class="node"><title>{escape(n["name"])} ({escape(nid)})</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="12"/>'
            f'<text x="{x:.1f}" y="{y - 17:.1f}" text-anchor="middle">{escape(n["name"])}</text></a>'
        )
    out += reversed(labels)  # the most sourced edge label on top
    out.append("</svg>")
    return Markup("".join(out))


def _ticks(d0: date, d1: date) -> list[tuple[date, str]]:
    """Axis ticks between two dates: Mondays for spans up to four months, else months."""
    if (d1 - d0).days <= 120:
        step = 7 if (d1 - d0).days > 21 else 1
        d = d0 + timedelta(days=(7 - d0.weekday()) % 7) if step == 7 else d0
        out = []
        while d <= d1:
            out.append((d, f"{d:%m-%d}"))
            d += timedelta(days=step)
        return out
    ticks, d = [], date(d0.year, d0.month, 1)
    step = max(1, ((d1.year - d0.year) * 12 + d1.month - d0.month) // 10 + 1)
    while d <= d1:
        if d >= d0:
            ticks.append((d, f"{d:%Y-%m}"))
        m = d.month - 1 + step
        d = date(d.year + m // 12, m % 12 + 1, 1)
    return ticks


def timeline_svg(data: Mapping[str, Any]) -> Markup:
    """Events (rows) and their reports (dots, by publication date and stance) as SVG; a bar
    spans each event's first to last report."""
    evs = [e for e in data["events"] if any(r.get("published") for r in e["reports"])]
    dates = [r["published"] for e in evs for r in e["reports"] if r.get("published")]
    row_h, left, right, top = 26, 330, 30, 40
    height = top + row_h * max(len(evs), 1) + 30
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 {WIDTH} {height}" '
        'role="img" aria-label="timeline">'
    ]
    if not dates:
        out.append('<text x="20" y="30">no dated reports</text></svg>')
        return Markup("".join(out))
    d0, d1 = min(dates), max(dates)
    if d1 == d0:
        d0, d1 = d0 - timedelta(days=3), d1 + timedelta(days=3)
    span = (d1 - d0).days or 1

    def x(d: date) -> float:
        return left + (d - d0).days / span * (WIDTH - left - right)

    for t, tick_label in _ticks(d0, d1):
        out.append(
            f'<line x1="{x(t):.1f}" y1="{top - 10}" x2="{x(t):.1f}" y2="{height - 25}" class="tick"/>'
            f'<text x="{x(t):.1f}" y="{height - 10}" text-anchor="middle" class="tick-label">'
            f"{escape(tick_label)}</text>"
        )
    for i, e in enumerate(evs):
        y = top + i * row_h + row_h / 2
        label = f"{e['type']} {e.get('actor_name') or '?'} → {e.get('recipient_name') or '?'}"
        href = "/events/" + quote(e["id"], safe="")
        cls = STATUS_CLASS.get(e.get("status") or "", "st-single")
        ds = [r["published"] for r in e["reports"] if r.get("published")]
        out.append(
            f'<a href="{escape(href)}"><text x="6" y="{y + 4:.1f}" class="row-label">'
            f"{escape(label[:48])}</text>"
            f'<line x1="{x(min(ds)):.1f}" y1="{y:.1f}" x2="{x(max(ds)):.1f}" y2="{y:.1f}" '
            f'class="{cls} span"/></a>'
        )
        for r in e["reports"]:
            if not r.get("published"):
                continue
            scls = STANCE_CLASS.get(r.get("stance") or "", "sn-assert")
            tip = f"{r['published']} · {r.get('stance')} · {r.get('source_key')} · {r.get('title') or ''}"
            ahref = "/articles/" + quote(r["article_id"], safe="")
            out.append(
                f'<a href="{escape(ahref)}"><circle cx="{x(r["published"]):.1f}" cy="{y:.1f}" r="5" '
                f'class="{scls}"><title>{escape(tip)}</title></circle></a>'
            )
    out.append("</svg>")
    return Markup("".join(out))
