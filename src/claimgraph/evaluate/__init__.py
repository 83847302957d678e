"""evaluate: scores against standard annotated corpora, each beside the tool a user would pick.

Every task is a function ``(gold: Path, **options) -> EvalReport`` registered with
:func:`task`. A report holds one row of metrics per system (claimgraph first, then the
baseline(s) computed in the same run on the same data), so that every accuracy claim is
a command anyone can rerun: ``claimgraph eval TASK --gold DIR``.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: task name -> module (imported lazily so that ``claimgraph --help`` stays fast)
TASK_MODULES: dict[str, str] = {
    "extraction": "claimgraph.evaluate.extraction",
    "ner": "claimgraph.evaluate.ner",
    "actors": "claimgraph.evaluate.actors",
    "attribution": "claimgraph.evaluate.attribution",
    "events": "claimgraph.evaluate.events",
    "factuality": "claimgraph.evaluate.factuality",
    "fusion": "claimgraph.evaluate.fusion",
    "syndication": "claimgraph.evaluate.syndication",
    "timex": "claimgraph.evaluate.timex",
    "quantities": "claimgraph.evaluate.quantities",
}

_REGISTRY: dict[str, Callable[..., EvalReport]] = {}


@dataclass(slots=True)
class EvalReport:
    """Metrics per system for one task, plus notes (data size, matching rules)."""

    task: str
    gold: str
    #: system name -> metric name -> value; claimgraph's row first, baselines after.
    systems: dict[str, dict[str, float]] = field(default_factory=dict)
    #: counts and settings worth printing (documents, mentions, thresholds...)
    info: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "gold": self.gold, "systems": self.systems, "info": self.info}


def task(name: str) -> Callable[[Callable[..., EvalReport]], Callable[..., EvalReport]]:
    """Register an evaluation task under ``name``."""

    def deco(fn: Callable[..., EvalReport]) -> Callable[..., EvalReport]:
        _REGISTRY[name] = fn
        return fn

    return deco


def tasks() -> list[str]:
    return sorted(TASK_MODULES)


def run(name: str, gold: Path, **options: Any) -> EvalReport:
    """Run evaluation task ``name`` on the gold data at ``gold``."""
    if name not in TASK_MODULES:
        raise KeyError(f"unknown eval task {name!r}; known: {', '.join(tasks())}")
    importlib.import_module(TASK_MODULES[name])
    if not gold.exists():
        raise FileNotFoundError(f"gold data not found: {gold}")
    fn = _REGISTRY[name]
    if "split" in options and "split" not in inspect.signature(fn).parameters:
        raise ValueError(f"eval task {name!r} has no --split")
    return fn(gold, **options)


def progress(items: Any, description: str, total: int | None = None) -> Any:
    """Iterate ``items`` with a progress bar on standard error (standard output stays free
    for the report, so ``--json`` output can be piped), removed when done."""
    from rich.console import Console
    from rich.progress import track

    return track(
        items, description=description, total=total, console=Console(stderr=True), transient=True
    )
