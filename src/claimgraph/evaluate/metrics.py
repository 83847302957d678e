"""Metrics shared by the evaluation tasks: greedy one-to-one matching and P/R/F1."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def greedy_pairs(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs from scored candidates.

    Candidates are ``(score, gold index, pred index)``; the best score is taken first (ties:
    earlier gold, then earlier prediction), and each index is used at most once.
    """
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def span_pairs(
    gold: Sequence[tuple[int, int, str]],
    pred: Sequence[tuple[int, int, str]],
    exact: bool,
    typed: bool = True,
) -> list[tuple[int, int]]:
    """One-to-one matching of typed character spans ``(start, end, type)``.

    ``exact``: same offsets. Otherwise any overlap, largest overlap first. With ``typed``
    only spans of the same type match.
    """
    by_type: dict[str | None, list[int]] = {}
    for pi, (_, _, pt) in enumerate(pred):
        by_type.setdefault(pt if typed else None, []).append(pi)
    cands: list[tuple[float, int, int]] = []
    for gi, (gs, ge, gt) in enumerate(gold):
        for pi in by_type.get(gt if typed else None, ()):
            ps, pe, _ = pred[pi]
            if exact:
                if gs == ps and ge == pe:
                    cands.append((ge - gs, gi, pi))
            else:
                ov = min(ge, pe) - max(gs, ps)
                if ov > 0:
                    cands.append((ov, gi, pi))
    return greedy_pairs(cands)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the two totals (0 when undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
