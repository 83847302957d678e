"""Eval task "quantities": quantities in NewsQuant sentences (value, unit, change, concept).

For every sentence the system's quantities are matched one-to-one with the gold ones:
- value P/R/F1: equal values (relative tolerance 1e-6; a gold range "252-287" counts by its
  midpoint, a system range by its ``value``, which is the midpoint);
- value+unit P/R/F1: equal value and the same normalised unit (case-insensitive; a rate's unit
  is "<unit> per <per>", e.g. "dollar per barrel").
Baseline in the same run: quantulum3 (classifier off), its value and unit name as they are.

Two of NewsQuant's annotation conventions are representations, not readings, and are applied
to claimgraph's quantities before matching (:func:`newsquant_unit`): a fraction of a whole is
written "% <whole>" ("one out of three Germans" -> 0.333 "% German", "% -" with no whole), and
a price in pence written with the abbreviation "p" ("down 68p at 1112p") is in "point", as UK
market reports quote share prices; "pence" written out stays "penny".
"""

from __future__ import annotations

import json
import math
import re
import warnings
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, progress, task


def _gold_value(v: str) -> float | None:
    v = v.strip()
    try:
        return float(v)
    except ValueError:
        pass
    if "-" in v[1:]:
        a, _, b = v[1:].partition("-")
        try:
            return (float(v[0] + a) + float(b)) / 2
        except ValueError:
            return None
    return None


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _match(gold: list[tuple[float, str]], sys: list[tuple[float, str]], unit: bool) -> int:
    used: set[int] = set()
    tp = 0
    for gv, gu in gold:
        for i, (sv, su) in enumerate(sys):
            if i in used or not _eq(gv, sv):
                continue
            if unit and gu.lower().strip() != su.lower().strip():
                continue
            used.add(i)
            tp += 1
            break
    return tp


def newsquant_unit(q: Any) -> str:
    """The unit of a claimgraph :class:`~claimgraph.quantities.Quantity` in NewsQuant's
    notation: its ``full_unit``, with fractions as "% <whole>" and pence written "p" as
    "point"."""
    if q.kind == "fraction":
        return f"% {q.unit}"
    if q.unit == "penny" and re.search(r"\d\s?p$", q.text):
        return "point"
    return q.full_unit


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _metrics(tp_v: int, tp_u: int, n_sys: int, n_gold: int) -> dict[str, float]:
    vp, vr, vf = _prf(tp_v, n_sys, n_gold)
    up, ur, uf = _prf(tp_u, n_sys, n_gold)
    return {"value_p": vp, "value_r": vr, "value_f1": vf,
            "value_unit_p": up, "value_unit_r": ur, "value_unit_f1": uf}  # fmt: skip


def load_newsquant(path: Path) -> list[dict[str, Any]]:
    """The NewsQuant records: ``[{"text": ..., "quantities": [{"value", "normalized_unit"...}]}]``."""
    path = Path(path)
    if path.is_dir():
        path = path / "formatted_test_set_NewsQuant.json"
    return json.loads(path.read_text(encoding="utf-8"))


@task("quantities")
def evaluate_quantities(
    gold: Path, limit: int | None = None, errors: int = 0, **_: Any
) -> EvalReport:
    """Score claimgraph's quantities and quantulum3's on NewsQuant (file or its folder)."""
    from claimgraph.annotate import load_nlp
    from claimgraph.quantities import _parser, find_quantities

    data = load_newsquant(Path(gold))
    if limit:
        data = data[: int(limit)]
    nlp = load_nlp()
    q3 = _parser()
    counts = {"claimgraph": [0, 0, 0], "quantulum3": [0, 0, 0]}  # tp value, tp value+unit, sys
    n_gold = 0
    errs: list[Any] = []
    for rec in progress(data, "quantities"):
        text = rec["text"]
        g = [
            (v, q.get("normalized_unit", ""))
            for q in rec.get("quantities", [])
            if (v := _gold_value(str(q.get("value", "")))) is not None
        ]
        n_gold += len(g)
        ours = [(q.value, newsquant_unit(q)) for q in find_quantities(text, nlp(text))]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            base = [(float(q.value), q.unit.name) for q in q3.parse(text)]
        for name, sysq in (("claimgraph", ours), ("quantulum3", base)):
            c = counts[name]
            c[0] += _match(g, sysq, unit=False)
            c[1] += _match(g, sysq, unit=True)
            c[2] += len(sysq)
        if errors and (_match(g, ours, True) != len(g) or len(ours) != len(g)):
            errs.append((text, g, ours))
    info: dict[str, Any] = {
        "sentences": len(data),
        "gold_quantities": n_gold,
        "matching": "one-to-one per sentence, rel. tol 1e-6, ranges by midpoint",
    }
    if errors:
        info["errors"] = errs[: int(errors)]
    return EvalReport(
        task="quantities",
        gold=str(gold),
        systems={k: _metrics(v[0], v[1], v[2], n_gold) for k, v in counts.items()},
        info=info,
    )
