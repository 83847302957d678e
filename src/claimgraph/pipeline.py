"""The per-article pipeline: clean -> annotate -> the extraction stages.

Each stage is a module with ``run(rec: ArticleRecords, ann: Annotation) -> None`` that adds
its records to ``rec.extra``. Stages run in :data:`STAGES` order; a stage that fails on an
article is recorded as an error for that article and the others go on.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from claimgraph.annotate import MODEL, Annotation, annotate_many, load_nlp
from claimgraph.clean import clean
from claimgraph.clean.html import HtmlError
from claimgraph.language import is_english
from claimgraph.records import Article, ArticleRecords, CleanDoc, SourceError
from claimgraph.sources import MAX_TEXT_CHARS, InputError, make_article

if TYPE_CHECKING:
    from spacy.language import Language

#: (stage name, module) in the order they run; each module has ``run(rec, ann)``.
STAGES: list[tuple[str, str]] = [
    ("actors", "claimgraph.actors"),
    ("timexes", "claimgraph.timex"),
    ("quantities", "claimgraph.quantities"),
    ("attributions", "claimgraph.attribution"),
    ("events", "claimgraph.events"),
]


#: Seconds one stage (cleaning, or one of :data:`STAGES`) may spend on one article before it
#: is stopped and recorded as an error of that stage; the article keeps the other stages'
#: records. ``CLAIMGRAPH_STAGE_TIME_LIMIT`` overrides it (0 turns the limit off).
STAGE_TIME_LIMIT = 60.0


class StageTimeout(TimeoutError):
    """A stage ran over :data:`STAGE_TIME_LIMIT` on one article."""


def time_limit_seconds() -> float:
    value = os.environ.get("CLAIMGRAPH_STAGE_TIME_LIMIT")
    return float(value) if value else STAGE_TIME_LIMIT


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Raise :class:`StageTimeout` in the block after ``seconds`` of wall time.

    Uses ``SIGALRM``, so it works in the main thread of a process (the local engine and its
    worker processes) on Unix, and is a no-op elsewhere (Dask worker threads, Windows).
    The signal is handled between Python bytecodes: Python loops are stopped, a single long
    call into C (a regular expression, a parser) is stopped when it returns.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise StageTimeout(f"{what} took longer than the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def stage_modules() -> tuple[tuple[str, ModuleType], ...]:
    """Import the stage modules once (importing registers their spaCy pipeline hooks)."""
    return tuple((name, importlib.import_module(mod)) for name, mod in STAGES)


#: Modules besides the stages whose code shapes the stored records of annotation and
#: extraction (the rules fingerprint covers them, the stage modules and ``data/``).
RULE_MODULES = ("claimgraph.annotate", "claimgraph.records", "claimgraph.language")
#: Distributions whose version shapes the parse every stage reads.
RULE_DISTRIBUTIONS = ("spacy", MODEL.replace("_", "-"))


def rule_files() -> list[Path]:
    """The source and data files the rules fingerprint covers: :data:`RULE_MODULES`, every
    stage module (a package with all its modules) and the package's ``data/`` folder."""
    root = Path(__file__).parent
    files: set[Path] = {p for p in (root / "data").iterdir() if p.is_file()}
    for name in (*RULE_MODULES, *(mod for _, mod in STAGES)):
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ImportError(f"no module {name}")
        origin = Path(spec.origin)
        files |= set(origin.parent.glob("*.py")) if origin.name == "__init__.py" else {origin}
    return sorted(files)


def fingerprint(files: Iterable[Path], versions: Iterable[str], root: Path) -> str:
    """A short hash of files' names (relative to ``root``) and bytes, and of versions."""
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for v in versions:
        h.update(v.encode() + b"\0")
    return h.hexdigest()[:16]


@cache
def rules_fingerprint() -> str:
    """Which rules made an article's records: a hash of :func:`rule_files` and of the
    versions of spaCy and its English model. Stored with every article
    (table ``article_rules``) so that :meth:`claimgraph.store.Store.reprocess` finds the articles
    extracted by older rules. Cleaning is not covered: reprocessing starts from the stored
    clean text."""
    versions = []
    for dist in RULE_DISTRIBUTIONS:
        try:
            versions.append(f"{dist}=={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist} missing")
    return fingerprint(rule_files(), versions, Path(__file__).parent)


def nlp() -> Language:
    """The shared spaCy pipeline, with every stage's hooks applied."""
    stage_modules()
    return load_nlp()


@dataclass(slots=True)
class BatchResult:
    records: list[ArticleRecords] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    #: Articles stored without the English models because their language is not English.
    non_english: int = 0


def run_stages(rec: ArticleRecords, ann: Annotation, errors: list[SourceError]) -> None:
    limit = time_limit_seconds()
    for name, module in stage_modules():
        before = {k: len(v) for k, v in rec.extra.items()}
        try:
            with time_limit(limit, f"stage {name}"):
                module.run(rec, ann)
        except Exception as exc:  # one stage failing on one article must not stop the run
            # drop whatever the failed stage added, so no half-made records are stored
            for k in list(rec.extra):
                if k in before:
                    del rec.extra[k][before[k] :]
                else:
                    del rec.extra[k]
            error = SourceError(rec.article.source, f"{type(exc).__name__}: {exc}", name)
            errors.append(error)
            rec.errors.append(error)


def process_batch(
    articles: Iterable[Article],
    language: Language | None = None,
    n_process: int = 1,
    on_done: Callable[[ArticleRecords], None] | None = None,
) -> BatchResult:
    """Run the whole per-article pipeline over a batch of articles."""
    out = BatchResult()
    cleaned: list[tuple[Article, CleanDoc]] = []
    for art in articles:
        try:
            with time_limit(time_limit_seconds(), "cleaning"):
                doc = clean(art)
            if len(doc.text) > MAX_TEXT_CHARS:  # e.g. a huge HTML page: refuse, never truncate
                raise ValueError(
                    f"text too large after cleaning: {len(doc.text)} characters "
                    f"(limit {MAX_TEXT_CHARS})"
                )
            if art.published is None and doc.published is not None:
                art = replace(art, published=doc.published)
            cleaned.append((art, doc))
        except (HtmlError, ValueError, StageTimeout) as exc:
            out.errors.append(SourceError(art.source, str(exc), "clean"))
    return extract_cleaned(cleaned, language, n_process, on_done, out)


def extract_cleaned(
    cleaned: Iterable[tuple[Article, CleanDoc]],
    language: Language | None = None,
    n_process: int = 1,
    on_done: Callable[[ArticleRecords], None] | None = None,
    out: BatchResult | None = None,
) -> BatchResult:
    """Annotate cleaned articles and run the extraction stages on them (the pipeline after
    cleaning; :meth:`claimgraph.store.Store.reprocess` starts here from stored text)."""
    out = out if out is not None else BatchResult()
    # Articles in another language are stored (text, segments) without the English models.
    english = []
    for art, doc in cleaned:
        if is_english(art.language):
            english.append((art, doc))
        else:
            out.records.append(ArticleRecords(article=art, doc=doc))
            out.non_english += 1
    if not english:
        return out
    language = language or nlp()
    docs = [d for _, d in english]
    try:
        anns: list[Annotation | None] = list(annotate_many(docs, language, n_process=n_process))
    except Exception:  # one article must not lose the batch: annotate one by one
        anns = []
        for art, doc in english:
            try:
                anns.append(next(annotate_many([doc], language)))
            except Exception as exc:
                anns.append(None)
                reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
                out.errors.append(SourceError(art.source, reason, "annotate"))
    for (art, doc), ann in zip(english, anns, strict=True):
        if ann is None:
            continue
        rec = ArticleRecords(article=art, doc=doc, sentences=ann.sentences, entities=ann.entities)
        run_stages(rec, ann, out.errors)
        out.records.append(rec)
        if on_done:
            on_done(rec)
    return out


def iter_batches(items: Iterable[object], size: int) -> Iterator[list[object]]:
    batch: list[object] = []
    for it in items:
        batch.append(it)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract(
    text_or_html: str,
    *,
    published: date | str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> ArticleRecords:
    """Run the pipeline on one page (plain text or HTML) and return its records.

    >>> recs = extract("Ministry says\\n\\nThe ministry said on Monday that it agreed.")
    >>> [s.kind for s in recs.doc.segments]
    ['headline', 'body']
    """
    from claimgraph.sources import parse_date

    pub = parse_date(published) if isinstance(published, str) else published
    try:
        art = make_article(
            text_or_html, "extract()", url=url, title=title, published=pub, publisher=publisher
        )
    except InputError as exc:
        raise ValueError(str(exc)) from exc
    result = process_batch([art])
    if not result.records:
        raise ValueError(result.errors[0].reason if result.errors else "nothing extracted")
    return result.records[0]
