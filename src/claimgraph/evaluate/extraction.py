"""Eval task ``extraction``: main text of news HTML pages against the article body.

Gold data: the scrapinghub article-extraction-benchmark layout, i.e. a folder holding
``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and ``html/<id>.html.gz``.

Metric (the benchmark's ``evaluate.py`` conventions, re-implemented here):

- tokens are the ``\\w+`` matches of the text (case kept); a page's text becomes the multiset
  (:class:`~collections.Counter`) of its 4-token shingles; a text with fewer than four tokens
  has one shorter shingle holding all of them, an empty text has none;
- per page, true positives / false positives / false negatives are the multiset overlap,
  prediction excess and gold excess, normalised by their sum so that every page weighs
  the same;
- per-page precision is 1 when there is neither fp nor fn, 0 when there is no tp and no fp,
  else tp / (tp + fp); recall likewise with fn. Precision is averaged over the pages whose
  prediction has shingles (tp + fp > 0), recall over the pages whose gold has shingles
  (tp + fn > 0); F1 is the harmonic mean of these two averages (not a mean of per-page F1s);
- accuracy is the share of pages whose token sequence equals the gold's exactly.

Systems, scored in the same run on the same pages:

- ``claimgraph``: the article body as the pipeline stores it, i.e.
  :func:`claimgraph.clean.html.html_to_text`, then :func:`claimgraph.clean.hygiene.hygiene`
  (title prepended), keeping the text of ``body`` segments joined by newlines. If hygiene
  cannot be imported, html_to_text's text is scored and ``info["claimgraph_body"]`` says so.
- ``trafilatura (default)``: ``trafilatura.extract(html)`` with its default settings.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from claimgraph.evaluate import EvalReport, progress, task

TpFpFn = tuple[float, float, float]

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: every ``\\w+`` run, case kept."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a shorter non-empty text gives one short shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_tp_fp_fn(true: str | None, pred: str | None, n: int = 4) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page: shingle overlap, prediction excess, gold excess."""
    gold = shingles(true, n)
    got = shingles(pred, n)
    tp = float(sum((gold & got).values()))
    fp = float(sum((got - gold).values()))
    fn = float(sum((gold - got).values()))
    total = tp + fp + fn
    if total > 0:
        return (tp / total, fp / total, fn / total)
    return (tp, fp, fn)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == 0 and fn == 0:
        return 1.0
    if tp == 0 and fn == 0:
        return 0.0
    return tp / (tp + fn)


def exact_match(true: str | None, pred: str | None) -> float:
    """1.0 when both texts have the same token sequence, else 0.0."""
    return float(tokenize(true) == tokenize(pred))


def aggregate(tp_fp_fns: Sequence[TpFpFn]) -> dict[str, float]:
    """Macro precision / recall over pages (benchmark conventions) and the F1 of the two."""
    precisions = [precision_score(*t) for t in tp_fp_fns if t[0] + t[1] > 0]
    recalls = [recall_score(*t) for t in tp_fp_fns if t[0] + t[2] > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def score(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, float]:
    """Score ``(gold, predicted)`` text pairs: precision, recall, f1, accuracy, pages."""
    pairs = list(pairs)
    metrics = aggregate([shingle_tp_fp_fn(t, p) for t, p in pairs])
    metrics["accuracy"] = statistics.fmean(exact_match(t, p) for t, p in pairs) if pairs else 0.0
    metrics["pages"] = float(len(pairs))
    return metrics


# --- gold data -------------------------------------------------------------------------


def load_gold(gold: Path) -> dict[str, dict[str, str]]:
    """``ground-truth.json`` of the benchmark (``gold`` may be the folder or the file)."""
    path = gold / "ground-truth.json" if gold.is_dir() else gold
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object {{id: {{articleBody, url}}}}")
    return data


def read_html(path: Path) -> str:
    """A gzipped (or plain) HTML file as text; undecodable bytes are replaced."""
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw.decode("utf-8", errors="replace")


def _html_path(root: Path, page_id: str) -> Path | None:
    for cand in (root / "html" / f"{page_id}.html.gz", root / "html" / f"{page_id}.html"):
        if cand.exists():
            return cand
    return None


# --- systems ---------------------------------------------------------------------------


def _hygiene_or_none() -> Callable[..., object] | None:
    try:
        from claimgraph.clean.hygiene import hygiene
    except Exception:  # not written yet, or broken: score html_to_text directly
        return None
    return hygiene


def claimgraph_texts(
    html: str, url: str | None = None, hygiene: Callable[..., Any] | None = None
) -> tuple[str, str | None]:
    """``(html_to_text's text, the article body after hygiene)``; empty when nothing is found.

    The body is ``None`` when ``hygiene`` is not given. Hygiene errors propagate.
    """
    from claimgraph.clean.html import HtmlError, html_to_text

    try:
        page = html_to_text(html, url=url)
    except HtmlError:
        return "", ("" if hygiene is not None else None)
    if hygiene is None:
        return page.text, None
    doc = hygiene(page.text, title=page.title, prepend_title=True)
    body = "\n".join(doc.text[s.start : s.end] for s in doc.segments if s.kind == "body")
    return page.text, body


def claimgraph_body(html: str, url: str | None = None) -> str:
    """The article body as the pipeline stores it (html_to_text -> hygiene -> body)."""
    hygiene = _hygiene_or_none()
    raw, body = claimgraph_texts(html, url, hygiene)
    return raw if body is None else body


def trafilatura_default(html: str) -> str:
    import trafilatura

    try:
        return trafilatura.extract(html) or ""
    except Exception:  # the baseline failing on a page counts as an empty prediction
        return ""


@task("extraction")
def evaluate_extraction(gold: Path, limit: int | None = None, **_: object) -> EvalReport:
    """Score claimgraph's article body and trafilatura's default on the benchmark pages."""

    root = gold if gold.is_dir() else gold.parent
    truth = load_gold(gold)
    ids = sorted(truth)
    if limit is not None:
        ids = ids[: max(0, limit)]

    hygiene = _hygiene_or_none()
    hygiene_error: str | None = None
    raw: list[tuple[str, str]] = []  # html_to_text's text
    ours: list[tuple[str, str]] = []  # the body after hygiene
    base: list[tuple[str, str]] = []
    missing: list[str] = []
    for page_id in progress(ids, "extraction"):
        path = _html_path(root, page_id)
        if path is None:
            missing.append(page_id)
            continue
        html = read_html(path)
        true = truth[page_id].get("articleBody") or ""
        url = truth[page_id].get("url")
        try:
            text, body = claimgraph_texts(html, url=url, hygiene=hygiene)
        except Exception as exc:  # hygiene broken: score html_to_text's text, and say so
            hygiene_error = f"{type(exc).__name__}: {exc}"[:200]
            hygiene = None
            text, body = claimgraph_texts(html, url=url)
        raw.append((true, text))
        ours.append((true, body if body is not None else text))
        base.append((true, trafilatura_default(html)))
    if hygiene is None:  # unavailable, or failed on some page: every page without it
        ours = raw

    info: dict[str, object] = {
        "pages_in_gold": len(truth),
        "pages_scored": len(ours),
        "pages_missing_html": len(missing),
        "metric": "4-token shingles, per-page normalised tp/fp/fn, macro P/R, F1 of averages",
        "claimgraph_body": (
            "html_to_text -> hygiene(prepend_title=True) -> body segments"
            if hygiene is not None
            else "html_to_text text (hygiene unavailable"
            + (f": {hygiene_error})" if hygiene_error else ")")
        ),
        "html_to_text_only": {
            k: v for k, v in score(raw).items() if k in ("precision", "recall", "f1")
        },
    }
    if missing:
        print(f"extraction: {len(missing)} page(s) without HTML skipped", file=sys.stderr)
    return EvalReport(
        task="extraction",
        gold=str(gold),
        systems={"claimgraph": score(ours), "trafilatura (default)": score(base)},
        info=info,
    )
