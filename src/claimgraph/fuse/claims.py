"""Claims about fused events: who asserts and who denies each one, status and confidence.

Every mention of a fused event yields a CLAIM:

- by the attribution whose content holds the mention (its ``attribution_id``, else the
  innermost attribution whose content span covers the mention), with that stance; a mention
  outside any attribution is asserted by the article's outlet ("article voice");
- a negated mention (polarity NEG) turns a supporting stance into ``deny``.

A DENIAL also reaches events it does not contain: a REJECT event with mode ``deny``, or an
attribution with stance ``deny``, whose actor is compatible with the supplier (actor) of an
AID event or the accused (recipient) of an ACCUSE event in the same article yields a denying
claim on that event's fused event ("North Korea denies the allegations" -> the shells event).
When the article holds no such event, a REJECT with items links to fused AID events of the
same supplier with overlapping items and compatible time.

Sources are counted once: the source key of an attributed claim is the speaker (actor id,
else the normalised speaker text); of an article-voice claim, the outlet, where a syndicated
copy counts as its original (:func:`claimgraph.fuse.syndication.source_key`).

Status and confidence per fused event (formula in docs/fusion.md):
``contested`` (asserted and denied), ``denied`` (denied only), ``corroborated`` (at least two
independent asserting sources), ``single-source``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from claimgraph.fuse.events import (
    Mention,
    actor_group,
    actors_compatible,
    as_day,
    items_compatible,
    reports_close,
    times_compatible,
)

#: Stances that support an event, with the weight of one source holding it.
STANCE_WEIGHT: dict[str, float] = {
    "confirm": 0.8,
    "assert": 0.7,
    "allege": 0.5,
    "estimate": 0.5,
    "believe": 0.4,
    "expect": 0.35,
    "plan": 0.3,
}
#: Factor by the mention's certainty (MEANTIME scheme); unknown values count as 1.
CERTAINTY_FACTOR: dict[str, float] = {
    "CERTAIN": 1.0,
    "PROBABLE": 0.7,
    "POSSIBLE": 0.4,
    "UNDERSPECIFIED": 0.8,
}
#: Confidence is multiplied by (1 - DENIAL_PENALTY) for each independent denier.
DENIAL_PENALTY = 0.3
DENY = "deny"
#: Segment kinds whose statements are the article's own (others: other articles' text).
OWN_KINDS = {"headline", "body"}


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's stance on one fused event, with its evidence span."""

    fused_id: str
    article_id: str
    event_id: str | None
    attribution_id: str | None
    stance: str
    certainty: str | None
    source_key: str
    source_text: str | None
    outlet: str
    published: date | None
    start: int
    end: int
    via: str  # content (the mention itself), article (article voice), denial (linked deny)
    weight: float


@dataclass(slots=True)
class Status:
    """Status and counts of one fused event."""

    status: str
    confidence: float
    n_sources: int
    n_deniers: int
    n_articles: int
    n_outlets: int
    first_report: date | None
    last_report: date | None
    supporters: list[str] = field(default_factory=list)
    deniers: list[str] = field(default_factory=list)


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def speaker_key(attr: Mapping[str, Any]) -> str | None:
    """The speaker of an attribution as a source key (actor id, else its text), or None."""
    if attr.get("source_actor_id"):
        return "actor:" + str(attr["source_actor_id"])
    if attr.get("source_text"):
        return "speaker:" + _norm(attr["source_text"])
    return None


def covering_attribution(
    m: Mapping[str, Any], attrs: Sequence[Mapping[str, Any]]
) -> Mapping[str, Any] | None:
    """The attribution a mention belongs to: by ``attribution_id``, else the innermost
    attribution whose content span covers the mention."""
    aid = m.get("attribution_id")
    if aid:
        for a in attrs:
            if a.get("id") == aid:
                return a
    best = None
    for a in attrs:
        cs, ce = a.get("content_start"), a.get("content_end")
        if cs is None or ce is None or not (cs <= m["start"] and m["end"] <= ce):
            continue
        if best is None or ce - cs < best["content_end"] - best["content_start"]:
            best = a
    return best


def weight(stance: str, certainty: str | None) -> float:
    """Weight of one supporting claim: stance weight times certainty factor."""
    return STANCE_WEIGHT.get(stance, 0.0) * CERTAINTY_FACTOR.get(certainty or "", 1.0)


def mention_claim(
    fused_id: str,
    ev: Mapping[str, Any],
    attrs: Sequence[Mapping[str, Any]],
    outlet: str,
    published: date | None,
) -> Claim:
    """The claim a mention makes about its fused event (see the module docstring)."""
    attr = covering_attribution(ev, attrs)
    if attr is not None:
        stance = str(attr.get("stance") or "assert")
        key = speaker_key(attr) or outlet
        text = attr.get("source_text")
        via = "content"
        start, end = int(attr.get("start", ev["start"])), int(attr.get("end", ev["end"]))
    else:
        stance, key, text, via = "assert", outlet, None, "article"
        start, end = (
            int(ev.get("sentence_start", ev["start"])),
            int(ev.get("sentence_end", ev["end"])),
        )
    if str(ev.get("polarity") or "").upper() == "NEG" and stance in STANCE_WEIGHT:
        stance = DENY
    cert = ev.get("certainty")
    return Claim(
        fused_id=fused_id,
        article_id=str(ev["article_id"]),
        event_id=str(ev["id"]),
        attribution_id=attr.get("id") if attr is not None else None,
        stance=stance,
        certainty=cert,
        source_key=key,
        source_text=text,
        outlet=outlet,
        published=published,
        start=start,
        end=end,
        via=via,
        weight=weight(stance, cert),
    )


@dataclass(frozen=True, slots=True)
class Denial:
    """A denial found in an article: who denies, where, and which items/time if known."""

    article_id: str
    denier: str
    start: int
    end: int
    source_text: str | None
    attribution_id: str | None
    event_id: str | None
    items: str | None = None
    time_value: str | None = None
    own_content: tuple[int, int] | None = None  # the deny attribution's content span


def denials(
    article_id: str,
    events: Sequence[Mapping[str, Any]],
    attrs: Sequence[Mapping[str, Any]],
) -> list[Denial]:
    """REJECT/deny events and deny attributions of one article that name their denier."""
    out: list[Denial] = []
    for e in events:
        if (
            e.get("type") == "REJECT"
            and (e.get("mode") in (None, "", DENY))
            and e.get("actor_id")
            and str(e.get("polarity") or "").upper() != "NEG"  # "has not denied"
        ):
            out.append(
                Denial(
                    article_id,
                    str(e["actor_id"]),
                    int(e.get("sentence_start", e["start"])),
                    int(e.get("sentence_end", e["end"])),
                    e.get("actor_text"),
                    e.get("attribution_id"),
                    str(e["id"]),
                    e.get("items"),
                    e.get("time_value"),
                )
            )
    for a in attrs:
        if a.get("stance") == DENY and a.get("source_actor_id"):
            out.append(
                Denial(
                    article_id,
                    str(a["source_actor_id"]),
                    int(a["start"]),
                    int(a["end"]),
                    a.get("source_text"),
                    a.get("id"),
                    None,
                    own_content=(int(a["content_start"]), int(a["content_end"])),
                )
            )
    return out


def _strict(a: str, b: str, actors: Mapping[str, Mapping[str, Any]]) -> bool:
    """Compatible and both given (a denier must be named, not a wildcard)."""
    return bool(a and b) and actors_compatible(a, b, actors)


def supplies_by_group(
    fused_members: Mapping[str, Sequence[Mention]], actors: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[tuple[str, Mention]]]:
    """AID mentions with a supplier and items, by the supplier's country group
    (:func:`~claimgraph.fuse.events.actor_group`): what a denial with items is checked
    against, without scanning every fused event."""
    out: dict[str, list[tuple[str, Mention]]] = {}
    for fid, members in fused_members.items():
        for m in members:
            if m.type == "AID" and m.actor_id and m.items:
                out.setdefault(actor_group(m.actor_id, actors), []).append((fid, m))
    return out


def denial_claims(
    d: Denial,
    events_by_article: Mapping[str, Sequence[Mapping[str, Any]]],
    fused_of: Mapping[str, str],
    supplies: Mapping[str, Sequence[tuple[str, Mention]]],
    actors: Mapping[str, Mapping[str, Any]],
    outlet: str,
    published: date | None,
) -> list[Claim]:
    """Denying claims a denial makes on fused events (same article first, else by items).

    ``supplies`` is :func:`supplies_by_group` of the fused events."""
    targets: set[str] = set()
    for e in events_by_article.get(d.article_id, []):
        if str(e["id"]) == d.event_id:
            continue
        if d.own_content and d.own_content[0] <= e["start"] and e["end"] <= d.own_content[1]:
            continue  # inside the deny's own content: already a content claim
        who = e.get("actor_id") if e.get("type") == "AID" else e.get("recipient_id")
        if e.get("type") in ("AID", "ACCUSE") and _strict(str(who or ""), d.denier, actors):
            fid = fused_of.get(f"{d.article_id}:{e['id']}")
            if fid:
                targets.add(fid)
    if not targets and d.items:
        probe = Mention(
            d.article_id,
            "denial",
            "AID",
            items=d.items,
            time_value=d.time_value,
            published=as_day(published),
        )
        for fid, m in supplies.get(actor_group(d.denier, actors), []):
            if (
                fid not in targets
                and _strict(m.actor_id or "", d.denier, actors)
                and items_compatible(probe, m)
                and times_compatible(probe.time_value, m.time_value)
                and reports_close(probe, m)  # an undated denial answers the news of its weeks
            ):
                targets.add(fid)
    return [
        Claim(
            fused_id=fid,
            article_id=d.article_id,
            event_id=d.event_id,
            attribution_id=d.attribution_id,
            stance=DENY,
            certainty=None,
            source_key="actor:" + d.denier,
            source_text=d.source_text,
            outlet=outlet,
            published=published,
            start=d.start,
            end=d.end,
            via="denial",
            weight=0.0,
        )
        for fid in sorted(targets)
    ]


def status(claims: Iterable[Claim]) -> Status:
    """Status, independent source counts, report dates and confidence of one fused event."""
    claims = list(claims)
    support: dict[str, float] = {}
    deniers: set[str] = set()
    for c in claims:
        if c.stance == DENY:
            deniers.add(c.source_key)
        elif c.stance in STANCE_WEIGHT:
            support[c.source_key] = max(support.get(c.source_key, 0.0), c.weight)
    dates = [c.published for c in claims if c.published is not None]
    if support and deniers:
        st = "contested"
    elif deniers:
        st = "denied"
    elif len(support) >= 2:
        st = "corroborated"
    else:
        st = "single-source"
    p_false = 1.0
    for w in support.values():
        p_false *= 1.0 - w
    conf = (1.0 - p_false) * (1.0 - DENIAL_PENALTY) ** len(deniers)
    return Status(
        status=st,
        confidence=round(conf, 4),
        n_sources=len(support),
        n_deniers=len(deniers),
        n_articles=len({c.article_id for c in claims}),
        n_outlets=len({c.outlet for c in claims}),
        first_report=min(dates) if dates else None,
        last_report=max(dates) if dates else None,
        supporters=sorted(support),
        deniers=sorted(deniers),
    )
