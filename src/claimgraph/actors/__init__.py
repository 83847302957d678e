"""actors: every mention of a person, state, organisation or group -> a canonical actor.

Importing this package registers the gazetteer entity ruler and the NER fixer in
:data:`claimgraph.annotate.PIPELINE_HOOKS` (see :mod:`claimgraph.actors.recognise`), so import
it before :func:`claimgraph.annotate.load_nlp` builds the pipeline.

Stage contract: :func:`run` appends

- ``rec.extra["mentions"]``: :class:`ActorMention` records (per-article table ``mentions``);
- ``rec.extra["actors"]``: the :class:`Actor` of every actor mentioned (global table
  ``actors``, inserted with ``ON CONFLICT (id) DO NOTHING``; a later article fills the country
  and sector a stored row left empty).

Helpers for later stages: :func:`actor_at` (the mention at a character span) and
:func:`actor_by_id` (gazetteer look-up).
"""

from __future__ import annotations

from claimgraph.actors.gazetteer import Actor, actor_by_id, load_gazetteer
from claimgraph.actors.recognise import COMPONENTS, add_actor_components
from claimgraph.actors.resolve import ActorMention, actor_at, cameo_code, resolve
from claimgraph.annotate import PIPELINE_HOOKS, Annotation
from claimgraph.records import ArticleRecords

if add_actor_components not in PIPELINE_HOOKS:
    PIPELINE_HOOKS.append(add_actor_components)


def run(rec: ArticleRecords, ann: Annotation) -> None:
    """Find and resolve the actor mentions of one article; append mentions and actors."""
    mentions, actors = resolve(rec, ann)
    rec.extra.setdefault("mentions", []).extend(mentions)
    known = {a.id for a in rec.extra.get("actors", [])}
    rec.extra.setdefault("actors", []).extend(a for a in actors if a.id not in known)


__all__ = [
    "COMPONENTS",
    "Actor",
    "ActorMention",
    "actor_at",
    "actor_by_id",
    "add_actor_components",
    "cameo_code",
    "load_gazetteer",
    "resolve",
    "run",
]
