"""store: the embedded DuckDB database.

The schema is built by versioned migrations (``migrations/NNNN_name.sql``, applied in order
and recorded in ``schema_migrations``). Records are written in bulk through Arrow tables,
one transaction per batch: a crash loses at most the batch in flight and never leaves half
an article. Re-ingesting an article that is already stored (same id) changes nothing;
:meth:`Store.reprocess` re-extracts stored articles after the rules changed.

Every CLI command is a thin shell over a same-named method of :class:`Store`.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment, SourceError

ENV_DB = "CLAIMGRAPH_DB"
DEFAULT_DB = "claimgraph.duckdb"
#: Tables shared by all articles: rows are inserted once per key (ON CONFLICT DO NOTHING).
GLOBAL_TABLES = {"actors"}
#: Columns of a global table that a later article fills when the stored row left them empty
#: (an actor first seen without its country gets the one a later article gives).
FILLED_LATER = {"actors": ("country", "sector")}
#: Tables with an ``article_id`` that fusion (:mod:`claimgraph.fuse`) writes; every other
#: table with an ``article_id`` holds the per-article records of the pipeline.
FUSION_TABLES = frozenset(
    {
        "claims",
        "event_index",
        "event_members",
        "fused_articles",
        "minhash",
        "near_duplicates",
        "syndication",
    }
)
_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")


def default_path() -> Path:
    """The database file: ``$CLAIMGRAPH_DB`` if set, else ``claimgraph.duckdb`` here."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


class StoreError(RuntimeError):
    pass


@dataclass(slots=True)
class RunSummary:
    """What one ingest (or reprocess) run did."""

    run_id: int
    articles: int = 0  # newly stored (reprocess: re-extracted)
    duplicates: int = 0  # already stored (same id), left unchanged
    errors: list[SourceError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in folders of other formats
    non_english: int = 0  # stored without the English models (another language)
    fusion: Any = None  # the FusionSummary of the fusion step, if it ran

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every migration file, in version order."""
    out = []
    for f in resources.files("claimgraph.migrations").iterdir():
        m = re.match(r"^(\d{4})_(\w+)\.sql$", f.name)
        if m:
            out.append((int(m.group(1)), m.group(2), f.read_text("utf-8")))
    return sorted(out)


class Store:
    """A claimgraph database (an embedded DuckDB file).

    >>> store = Store(":memory:")
    >>> store.count("articles")
    0
    """

    def __init__(self, path: str | Path | None = None, read_only: bool = False) -> None:
        self.path = str(path if path is not None else default_path())
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `claimgraph ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        if not read_only:
            self.migrate()
        self._columns: dict[str, list[str]] = {}
        self._per_article: list[tuple[str, str]] | None = None
        self._fts: bool | None = None  # fts extension loaded on this connection (once)

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> list[int]:
        """Apply the migrations this database has not seen yet; return their versions."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    [version, name, datetime.now()],
                )
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def columns(self, table: str) -> list[str]:
        if table not in self._columns:
            rows = self.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._columns[table] = [r[0] for r in rows]
        return self._columns[table]

    def tables(self) -> list[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY table_name"
        ).fetchall()
        return [r[0] for r in rows]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One DuckDB transaction: committed when the block ends, rolled back when it raises
        (also on an interrupt), so a killed or failed step leaves the store as it was."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing --------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        row = self.con.execute(
            "INSERT INTO runs (id, started_at, command) VALUES (nextval('runs_seq'), ?, ?) "
            "RETURNING id",
            [datetime.now(), command],
        ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, summary: RunSummary) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, articles = ?, duplicates = ?, errors = ? WHERE id = ?",
            [
                datetime.now(),
                summary.articles,
                summary.duplicates,
                len(summary.errors),
                summary.run_id,
            ],
        )

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are already stored."""
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE list_contains(?, id)", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def insert(
        self,
        table: str,
        rows: Sequence[dict[str, Any]] | Sequence[tuple[Any, ...]],
        on_conflict: bool = False,
        replace: bool = False,
    ) -> None:
        """Insert ``rows`` in one statement, through an Arrow table (DuckDB's
        ``executemany`` costs about 0.3 ms per row). Rows are dicts (columns by name; keys
        the table lacks are ignored) or tuples (the table's columns in order). With
        ``on_conflict`` rows whose key is already stored are skipped; with ``replace`` they
        replace the stored row."""
        if not rows:
            return
        import pyarrow as pa

        if not _IDENT.match(table):
            raise StoreError(f"bad table name {table!r}")
        have = self.columns(table)
        if not have:
            raise StoreError(f"no table {table!r} in the schema (a migration is missing)")
        first = rows[0]
        if isinstance(first, tuple):
            cols = have[: len(first)]
            data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(cols)})
        else:
            cols = [c for c in first if c in have]
            data = pa.table({c: [r.get(c) for r in rows] for c in cols})  # type: ignore[union-attr]
        names = ", ".join(f'"{c}"' for c in cols)
        conflict = " ON CONFLICT DO NOTHING" if on_conflict and not replace else ""
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self.con.register("_cg_rows", data)
        try:
            self.con.execute(
                f"{verb} INTO {table} ({names}) SELECT {names} FROM _cg_rows{conflict}"
            )
            if on_conflict and not replace:
                fill_empty(self.con, table, "_cg_rows", cols)
        finally:
            self.con.unregister("_cg_rows")

    def add(self, records: Iterable[ArticleRecords], run_id: int | None = None) -> tuple[int, int]:
        """Store articles and all their records in one transaction.

        Returns ``(stored, duplicates)``; articles already in the store are left unchanged.
        """
        records = list(records)
        known = self.known_ids([r.id for r in records])
        fresh: list[ArticleRecords] = []
        seen: set[str] = set()
        for r in records:
            if r.id in known or r.id in seen:
                continue
            seen.add(r.id)
            fresh.append(r)
        tables = rows_by_table(fresh, run_id)
        with self.transaction():
            for table, rows in tables.items():
                self.insert(table, rows, on_conflict=table in GLOBAL_TABLES)
        return len(fresh), len(records) - len(fresh)

    def load_shards(self, folder: Path) -> tuple[int, int]:
        """Bulk-load Parquet shards written by the Dask engine; stored ids are skipped."""
        from claimgraph.engine import load_shards

        return load_shards(self, folder)

    def add_errors(self, errors: Iterable[SourceError], run_id: int | None = None) -> None:
        rows = [
            {"run_id": run_id, "source": e.source, "stage": e.stage, "reason": e.reason}
            for e in errors
        ]
        if rows:
            self.con.executemany(
                "INSERT INTO errors (run_id, source, stage, reason) VALUES (?, ?, ?, ?)",
                [list(r.values()) for r in rows],
            )

    # -- ingest ---------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        published: Any = None,
        publisher: str | None = None,
        url: str | None = None,
        meta: Path | None = None,
        batch_size: int = 32,
        n_process: int = 1,
        command: str = "ingest",
        progress: Callable[[int, int, int], None] | None = None,
        fuse: bool = True,
        stage: Callable[[str], None] | None = None,
        engine: str = "local",
        workers: int | None = None,
        scheduler: str | None = None,
        shards: Path | None = None,
        partition_size: int | None = None,
    ) -> RunSummary:
        """Read, process and store every article under ``paths``.

        ``progress(stored, duplicates, errors)`` is called after each batch. With ``fuse``
        (the default) fusion across articles is updated at the end of the run, and
        ``stage(name)`` is told when each of its steps starts.

        ``engine="dask"`` (or ``workers``/``scheduler``) runs the per-article pipeline on
        worker processes or a Dask cluster and bulk-loads their Parquet shards
        (:mod:`claimgraph.engine`); the stored result is the same.
        """
        if engine != "local" or workers or scheduler or shards:
            from claimgraph import engine as engines

            return engines.ingest(
                self,
                paths,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
                shards=shards,
                partition_size=partition_size or engines.PARTITION_SIZE,
                published=published,
                publisher=publisher,
                url=url,
                meta=meta,
                command=command,
                progress=progress,
                fuse=fuse,
                stage=stage,
            )
        from claimgraph import sources

        ov = sources.Overrides(
            published=sources.parse_date(published) if published else None,
            publisher=publisher,
            url=url,
        )
        side = sources.read_meta(meta) if meta else None
        return self.ingest_items(
            sources.read(paths, ov, side),
            batch_size=batch_size,
            n_process=n_process,
            command=command,
            progress=progress,
            fuse=fuse,
            stage=stage,
        )

    def ingest_items(
        self,
        items: Iterable[object],
        *,
        batch_size: int = 32,
        n_process: int = 1,
        command: str = "ingest",
        progress: Callable[[int, int, int], None] | None = None,
        fuse: bool = True,
        stage: Callable[[str], None] | None = None,
    ) -> RunSummary:
        """Process and store a stream of ``Article | SourceError | Skipped`` items (from
        :func:`claimgraph.sources.read` or :func:`claimgraph.fetch.fetch_urls`)."""
        from claimgraph import pipeline, sources

        summary = RunSummary(run_id=self.start_run(command))
        for batch in pipeline.iter_batches(items, batch_size):
            articles = []
            for it in batch:
                if isinstance(it, SourceError):
                    summary.errors.append(it)
                elif isinstance(it, sources.Skipped):
                    summary.skipped.append(it.source)
                else:
                    articles.append(it)
            fresh_ids = set(a.id for a in articles) - self.known_ids([a.id for a in articles])
            todo = [a for a in articles if a.id in fresh_ids]
            summary.duplicates += len(articles) - len(todo)
            result = pipeline.process_batch(todo, n_process=n_process)
            stored, dups = self.add(result.records, summary.run_id)
            summary.articles += stored
            summary.duplicates += dups
            summary.non_english += result.non_english
            summary.errors.extend(result.errors)
            self.add_errors([e for e in batch if isinstance(e, SourceError)], summary.run_id)
            self.add_errors(result.errors, summary.run_id)
            if progress:
                progress(summary.articles, summary.duplicates, len(summary.errors))
        if fuse and summary.articles:
            summary.fusion = self.fuse(stage)
        self.finish_run(summary)
        return summary

    # -- reprocess ------------------------------------------------------------------------
    def extracted_tables(self) -> list[str]:
        """The per-article tables the pipeline writes (not fusion's, not ``articles``)."""
        return [t for t, _ in self._article_tables() if t not in FUSION_TABLES]

    def stale_ids(self) -> list[str]:
        """Ids of the articles whose records were made by other extraction rules than the
        installed ones (:func:`claimgraph.pipeline.rules_fingerprint`), in ingest order."""
        from claimgraph.pipeline import rules_fingerprint

        rows = self.con.execute(
            "SELECT a.id FROM articles a LEFT JOIN article_rules r ON r.article_id = a.id "
            "WHERE r.rules IS DISTINCT FROM ? ORDER BY a.run_id, a.rowid",
            [rules_fingerprint()],
        ).fetchall()
        return [r[0] for r in rows]

    def stored_articles(self, ids: Sequence[str]) -> list[tuple[Article, CleanDoc]]:
        """Stored articles as the pipeline saw them after cleaning: their text, segments
        and metadata (the raw page is not kept, so ``Article.raw`` is the clean text)."""
        if not ids:
            return []
        arts = self.query(
            "SELECT * FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        )
        segs: dict[str, list[Segment]] = {}
        for r in self.query(
            'SELECT article_id, kind, start, "end" FROM segments '
            "WHERE article_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
            [list(ids)],
        ):
            segs.setdefault(r["article_id"], []).append(Segment(r["kind"], r["start"], r["end"]))
        by_id = {r["id"]: r for r in arts}
        out = []
        for id in ids:
            r = by_id.get(id)
            if r is None:
                raise StoreError(f"no article with id {id!r}")
            art = Article(
                id=r["id"],
                raw=r["text"],
                raw_kind=r["raw_kind"],
                source=r["source"],
                url=r["url"],
                title=r["title"],
                published=r["published"],
                publisher=r["publisher"],
                language=r["language"],
            )
            doc = CleanDoc(
                r["text"],
                tuple(segs.get(id, ())),
                original_publisher=r["original_publisher"],
            )
            out.append((art, doc))
        return out

    def replace_records(
        self, records: Sequence[ArticleRecords], refreshed: set[str] | None = None
    ) -> None:
        """Replace stored articles' per-article records by ``records`` in one transaction.

        The articles' rows stay; their records (with ``article_rules``, the rules that made
        them) are replaced, and they leave ``fused_articles``, so the next :meth:`fuse`
        clusters their new events again. A shared row (an actor) is replaced by the first
        article that names it since ``refreshed`` was empty (the ids are added to it), as
        ingest keeps the first article's: a whole store reprocessed in ingest order gets the
        rows a fresh ingest stores."""
        if not records:
            return
        refreshed = set() if refreshed is None else refreshed
        ids = [r.id for r in records]
        known = self.known_ids(ids)
        if missing := [i for i in ids if i not in known]:
            raise StoreError(f"no article with id {missing[0]!r}")
        tables = rows_by_table(records, None)
        del tables["articles"]
        where = " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
        with self.transaction():
            for table in self.extracted_tables():
                self.con.execute(f"DELETE FROM {table}{where}", [ids])
            if "fused_articles" in self.tables():
                self.con.execute(f"DELETE FROM fused_articles{where}", [ids])
            for table, rows in tables.items():
                if table not in GLOBAL_TABLES:
                    self.insert(table, rows)
                    continue
                # rows refreshed earlier in the run are stored already: only the others
                first = [r for r in rows if f"{table}:{r['id']}" not in refreshed]
                self.insert(table, first, replace=True)
                refreshed.update(f"{table}:{r['id']}" for r in first)

    def reprocess(
        self,
        ids: Sequence[str] | None = None,
        *,
        everything: bool = False,
        batch_size: int = 32,
        n_process: int = 1,
        command: str = "reprocess",
        progress: Callable[[int, int, int], None] | None = None,
        fuse: bool = True,
        stage: Callable[[str], None] | None = None,
        engine: str = "local",
        scheduler: str | None = None,
        workers: int | None = None,
    ) -> RunSummary:
        """Re-run annotation and extraction on stored articles and replace their records.

        By default the articles made by other rules than the installed ones
        (:meth:`stale_ids`); ``ids`` (or id prefixes) names articles, ``everything`` takes
        all. Cleaning is not redone: it starts from the stored text and segments. Each batch
        is one transaction, so a killed run keeps the batches it finished and the next run
        goes on with the rest. ``progress(tried, total, errors)`` is called after each batch;
        with ``fuse`` fusion is brought up to date at the end (also when an interrupted run
        left re-extracted articles unfused).

        ``engine="dask"`` re-extracts the batches on a Dask cluster (the scheduler at
        ``scheduler``, else a local cluster of ``workers`` processes), several batches at a
        time; they are still stored here, one transaction each, in order. A cluster whose
        workers run other rules than this process is refused (``StoreError``).
        """
        from claimgraph import pipeline
        from claimgraph.engine.driver import Done

        if ids:
            todo = list(dict.fromkeys(self.resolve_id(i) for i in ids))
        elif everything:
            rows = self.con.execute("SELECT id FROM articles ORDER BY run_id, rowid").fetchall()
            todo = [r[0] for r in rows]
        else:
            todo = self.stale_ids()
        run = functools.partial(
            self._reprocess, todo, batch_size, command, progress, fuse=fuse, stage=stage
        )
        if engine == "dask":
            from claimgraph.engine import dask as dask_engine

            with dask_engine.connect(scheduler, workers) as (client, _):
                return run(*dask_engine.reextractor(client))
        if engine != "local":
            from claimgraph.engine import ENGINES

            raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
        if scheduler or workers:
            raise ValueError("--scheduler and --workers need --engine dask")

        def here(batch: list[tuple[Article, CleanDoc]]) -> Done:
            return Done(pipeline.extract_cleaned(batch, n_process=n_process))

        return run(here, 1)

    def _reprocess(
        self,
        todo: list[str],
        batch_size: int,
        command: str,
        progress: Callable[[int, int, int], None] | None,
        submit: Callable[[list[tuple[Article, CleanDoc]]], Any],
        in_flight: int,
        *,
        fuse: bool,
        stage: Callable[[str], None] | None,
    ) -> RunSummary:
        """The loop of :meth:`reprocess`: ``submit(batch)`` returns a future of the batch's
        ``BatchResult``; up to ``in_flight`` batches are out, stored in order as they come."""
        summary = RunSummary(run_id=self.start_run(command))
        refreshed: set[str] = set()
        pending: deque[tuple[list[tuple[Article, CleanDoc]], Any]] = deque()
        tried = 0

        def collect() -> None:
            nonlocal tried
            batch, future = pending.popleft()
            try:
                result = future.result()
            except StoreError:
                raise
            except Exception as exc:  # a lost worker: the batch keeps its old records
                reason = f"batch failed: {type(exc).__name__}: {exc}"
                errors = [SourceError(a.source, reason, "engine") for a, _ in batch]
            else:
                # an article whose annotation failed keeps its old records (and stays stale)
                self.replace_records(result.records, refreshed)
                summary.articles += len(result.records)
                summary.non_english += result.non_english
                errors = result.errors
            summary.errors.extend(errors)
            self.add_errors(errors, summary.run_id)
            tried += len(batch)
            if progress:  # articles tried, re-extracted or not
                progress(tried, len(todo), len(summary.errors))

        if progress:
            progress(0, len(todo), 0)
        for k in range(0, len(todo), batch_size):
            batch = self.stored_articles(todo[k : k + batch_size])
            pending.append((batch, submit(batch)))
            if len(pending) >= in_flight:
                collect()
        while pending:
            collect()
        if fuse and (summary.articles or self._unfused()):
            summary.fusion = self.fuse(stage)
        self.finish_run(summary)
        return summary

    def _unfused(self) -> int:
        """Articles fusion has not seen (yet, or again after an interrupted reprocess)."""
        if "fused_articles" not in self.tables():
            return 0
        row = self.con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM fused_articles)"
        ).fetchone()
        return int(row[0]) if row else 0

    # -- reading --------------------------------------------------------------------------
    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run a parameterised query and return rows as dicts."""
        cur = self.con.execute(sql, list(params or []))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if not _IDENT.match(table) or table not in self.tables():
            raise StoreError(f"no table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def _filtered(
        self, head: str, where: list[str], params: list[Any], tail: str, limit: int | None
    ) -> list[dict[str, Any]]:
        """Run ``head WHERE <conditions joined by AND> tail LIMIT ?`` with its parameters."""
        sql = head + (" WHERE " + " AND ".join(where) if where else "") + tail
        if limit:
            return self.query(sql + " LIMIT ?", [*params, limit])
        return self.query(sql, params)

    def articles(
        self, limit: int | None = 50, publisher: str | None = None, search: str | None = None
    ) -> list[dict[str, Any]]:
        """Stored articles, newest publication first (id, title, published, publisher...)."""
        where, params = [], []
        if publisher:
            where.append("(publisher ILIKE ? OR original_publisher ILIKE ?)")
            params += [f"%{publisher}%", f"%{publisher}%"]
        if search:
            where.append("(title ILIKE ? OR text ILIKE ?)")
            params += [f"%{search}%", f"%{search}%"]
        return self._filtered(
            "SELECT id, title, published, publisher, original_publisher, source, "
            "length(text) AS chars FROM articles",
            where,
            params,
            " ORDER BY published DESC NULLS LAST, id",
            limit,
        )

    def resolve_id(self, prefix: str) -> str:
        rows = self.query("SELECT id FROM articles WHERE starts_with(id, ?) LIMIT 2", [prefix])
        if not rows:
            raise StoreError(f"no article with id {prefix!r}")
        if len(rows) > 1:
            raise StoreError(f"article id prefix {prefix!r} is ambiguous")
        return str(rows[0]["id"])

    def article(self, id: str) -> dict[str, Any]:
        """One article with its segments, sentences, entities and every stage's records;
        ``stale`` says whether other rules than the installed ones made them."""
        aid = self.resolve_id(id)
        art = self.query("SELECT * FROM articles WHERE id = ?", [aid])[0]
        for table, order in self._article_tables():
            art[table] = self.query(f"SELECT * FROM {table} WHERE article_id = ?{order}", [aid])
        art["stale"] = self.is_stale(aid)
        return art

    def is_stale(self, id: str) -> bool:
        """Other rules than the installed ones made the article's records (or nothing says
        which: a store from before rules were recorded)."""
        from claimgraph.pipeline import rules_fingerprint

        if "article_rules" not in self.tables():
            return True
        rows = self.query("SELECT rules FROM article_rules WHERE article_id = ?", [id])
        return [r["rules"] for r in rows] != [rules_fingerprint()]

    def _article_tables(self) -> list[tuple[str, str]]:
        """Per-article tables (those with an article_id column) and their row order."""
        if self._per_article is None:
            self._per_article = [
                (t, ' ORDER BY "idx"' if "idx" in self.columns(t) else "")
                for t in self.tables()
                if t != "articles" and "article_id" in self.columns(t)
            ]
        return self._per_article

    def errors(self, run_id: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
        if run_id is None:
            return self.query("SELECT * FROM errors ORDER BY id DESC LIMIT ?", [limit])
        return self.query(
            "SELECT * FROM errors WHERE run_id = ? ORDER BY id LIMIT ?", [run_id, limit]
        )

    # -- actors and events ----------------------------------------------------------------
    def find_actor_ids(self, name: str) -> list[str]:
        """Actor ids matching a name: the id itself, the canonical name, or any alias seen
        in the stored mentions (case-insensitive)."""
        rows = self.query(
            "SELECT id FROM actors WHERE lower(id) = lower(?) OR lower(name) = lower(?) "
            "UNION SELECT DISTINCT actor_id FROM mentions WHERE lower(text) = lower(?)",
            [name, name, name],
        )
        if not rows:
            rows = self.query("SELECT id FROM actors WHERE name ILIKE ?", [f"%{name}%"])
        return sorted(r["id"] for r in rows)

    def actors(
        self, type: str | None = None, country: str | None = None, limit: int | None = 100
    ) -> list[dict[str, Any]]:
        """Actors seen in stored articles, most mentioned first."""
        where, params = [], []
        if type:
            where.append("a.type = ?")
            params.append(type)
        if country:
            where.append("upper(a.country) = upper(?)")
            params.append(country)
        return self._filtered(
            "SELECT a.id, a.name, a.type, a.country, a.sector, count(m.actor_id) AS mentions, "
            "count(DISTINCT m.article_id) AS articles FROM actors a "
            "LEFT JOIN mentions m ON m.actor_id = a.id",
            where,
            params,
            " GROUP BY ALL ORDER BY mentions DESC, a.id",
            limit,
        )

    def actor(self, name: str) -> dict[str, Any]:
        """One actor: its record, the aliases seen, mention count and the articles."""
        ids = self.find_actor_ids(name)
        if not ids:
            raise StoreError(f"no actor matching {name!r}")
        if len(ids) > 1:
            exact = [i for i in ids if i.lower() == name.lower()]
            if len(exact) != 1:
                raise StoreError(f"{name!r} matches several actors: {', '.join(ids[:10])}")
            ids = exact
        aid = ids[0]
        rec = self.query("SELECT * FROM actors WHERE id = ?", [aid])[0]
        rec["aliases"] = self.query(
            "SELECT text, count(*) AS n FROM mentions WHERE actor_id = ? GROUP BY text "
            "ORDER BY n DESC, text",
            [aid],
        )
        rec["mentions"] = sum(a["n"] for a in rec["aliases"])
        rec["articles"] = self.query(
            "SELECT a.id, a.title, a.published, a.publisher, count(*) AS mentions "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? "
            "GROUP BY ALL ORDER BY a.published DESC NULLS LAST, a.id",
            [aid],
        )
        return rec

    def events(
        self,
        type: str | None = None,
        actor: str | None = None,
        recipient: str | None = None,
        since: Any = None,
        limit: int | None = 100,
        own_only: bool = True,
    ) -> list[dict[str, Any]]:
        """Event mentions with their article's date; filters by PLOVER type, actor and
        recipient (names, aliases or ids), and publication date. ``own_only`` leaves out
        events found in "Read also" headlines and teasers of other articles."""
        where, params = [], []
        if type:
            where.append("upper(e.type) = upper(?)")
            params.append(type)
        for col, name in (("actor_id", actor), ("recipient_id", recipient)):
            if name:
                ids = self.find_actor_ids(name) or [name]
                where.append(f"list_contains(?, e.{col})")
                params.append(ids)
        if since:
            from claimgraph.sources import parse_date

            where.append("a.published >= ?")
            params.append(parse_date(since))
        if own_only:
            where.append("s.kind IN ('headline', 'body')")
        return self._filtered(
            "SELECT e.id, a.published, e.type, e.cameo, e.actor_id, e.recipient_id, e.items, "
            "e.status, e.polarity, e.certainty, e.time, e.time_value, e.time_anchor, "
            "e.time_precision, e.trigger, "
            "e.attribution_id, s.kind AS segment_kind, a.publisher, "
            "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence "
            "FROM events e JOIN articles a ON a.id = e.article_id "
            "LEFT JOIN segments s ON s.article_id = e.article_id AND s.idx = e.segment",
            where,
            params,
            " ORDER BY a.published NULLS LAST, e.article_id, e.start",
            limit,
        )

    def quotes(
        self,
        speaker: str | None = None,
        stance: str | None = None,
        limit: int | None = 100,
        own_only: bool = True,
    ) -> list[dict[str, Any]]:
        """Attributions (who says what, with which stance) with their content text."""
        where, params = [], []
        if speaker:
            ids = self.find_actor_ids(speaker)
            where.append(
                "(list_contains(?, q.source_actor_id) OR q.source_text ILIKE ? "
                "OR list_contains(?, q.outlet_actor_id))"
            )
            params += [ids, f"%{speaker}%", ids]
        if stance:
            where.append("q.stance = ?")
            params.append(stance)
        if own_only:
            where.append("s.kind IN ('headline', 'body')")
        return self._filtered(
            "SELECT q.id, a.published, a.publisher, q.kind, q.stance, q.cue, q.source_text, "
            "q.source_actor_id, q.outlet_actor_id, q.parent_id, "
            "substr(a.text, q.content_start + 1, q.content_end - q.content_start) AS content "
            "FROM attributions q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN segments s ON s.article_id = q.article_id AND s.idx = q.segment",
            where,
            params,
            " ORDER BY a.published NULLS LAST, q.article_id, q.start",
            limit,
        )

    # -- fusion ---------------------------------------------------------------------------
    def fuse(self, stage: Callable[[str], None] | None = None) -> Any:
        """Fuse across articles: syndicated copies, events, claims (incremental); then
        refresh the full-text index (:meth:`index_text`). ``stage(name)`` is told when each
        step starts."""
        from claimgraph.fuse import fuse

        summary = fuse(self, stage)
        if stage:
            stage("full-text index")
        self.index_text()
        return summary

    def load_fts(self) -> bool:
        """Load DuckDB's ``fts`` extension from the ``duckdb-ext-fts`` package (never from
        the network), once per connection. False when it is not there."""
        if self._fts is None:
            self._fts = self._load_fts()
        return self._fts

    def _load_fts(self) -> bool:
        try:
            import duckdb_ext  # type: ignore[import-not-found]

            folder = Path(next(iter(duckdb_ext.__path__))) / "extensions"
            escaped = str(folder).replace("'", "''")  # SET takes no parameters
            self.con.execute(f"SET extension_directory = '{escaped}'")
        except (ImportError, StopIteration):
            pass
        try:
            self.con.execute("LOAD fts")
        except duckdb.Error:
            return False
        return True

    def index_text(self) -> bool:
        """(Re)build the BM25 index over article titles and texts (``fts_main_articles``),
        used by search. Returns False, leaving search on substring matching, when the fts
        extension is missing or the store is read-only."""
        if self.read_only or not self.load_fts():
            return False
        # one transaction: a run killed while indexing leaves the previous index whole
        with self.transaction():
            self.con.execute(
                "PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
                "stemmer = 'porter', stopwords = 'english', ignore = '(\\.|[^a-z0-9])+', "
                "overwrite = 1)"
            )
            # The extension stores postings in document order, so scoring a query scans all
            # of them; stored in term order, DuckDB's min/max row-group statistics skip the
            # row groups of other terms (all 14,396 briefings: 165 -> 50 ms for "North
            # Korea"). Same rows, same scores.
            self.con.execute(
                "CREATE TABLE fts_main_articles.terms_by_term AS "
                "SELECT * FROM fts_main_articles.terms ORDER BY termid, docid"
            )
            self.con.execute("DROP TABLE fts_main_articles.terms")
            self.con.execute("ALTER TABLE fts_main_articles.terms_by_term RENAME TO terms")
        return True

    def fused_event(self, id: str) -> dict[str, Any]:
        """One fused event with its reports, claims, supporters, deniers and evidence."""
        from claimgraph.fuse import fused_event

        try:
            return fused_event(self, id)
        except KeyError as exc:
            raise StoreError(str(exc.args[0])) from exc

    def claims(self, actor: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        """Fused events (with claim counts) filtered on an actor and a status."""
        from claimgraph.fuse import claims

        return claims(self, actor=actor, status=status)

    def export(self, format: str, out: Path, tables: Sequence[str] | None = None) -> list[Path]:
        """Write tables to ``out`` (a folder) as parquet, csv or jsonl; returns the files."""
        from claimgraph.export import export

        return export(self, format, out, tables)


def fill_empty(con: duckdb.DuckDBPyConnection, table: str, source: str, cols: list[str]) -> None:
    """Fill the :data:`FILLED_LATER` columns of ``table`` that stored rows left empty from the
    rows of ``source`` with the same ``id`` (the largest value where rows disagree)."""
    fill = [c for c in FILLED_LATER.get(table, ()) if c in cols]
    if not fill or "id" not in cols:
        return
    sets = ", ".join(f'"{c}" = COALESCE({table}."{c}", r."{c}")' for c in fill)
    aggs = ", ".join(f'max("{c}") AS "{c}"' for c in fill)
    empty = " OR ".join(f'{table}."{c}" IS NULL' for c in fill)
    con.execute(
        f"UPDATE {table} SET {sets} FROM (SELECT id, {aggs} FROM {source} GROUP BY id) AS r "
        f"WHERE {table}.id = r.id AND ({empty})"
    )


def _row(obj: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return dict(obj)
    raise StoreError(f"cannot store {type(obj).__name__}")


def rows_by_table(
    records: Iterable[ArticleRecords], run_id: int | None
) -> dict[str, list[dict[str, Any]]]:
    """Flatten article records into rows per table (what :meth:`Store.add` writes)."""
    from claimgraph.pipeline import rules_fingerprint

    rules = rules_fingerprint()
    tables: dict[str, list[dict[str, Any]]] = {"articles": []}
    seen_global: dict[str, set[Any]] = {}
    for r in records:
        a = r.article
        tables["articles"].append(
            {
                "id": a.id,
                "source": a.source,
                "url": a.url,
                "title": r.title,
                "published": a.published,
                "publisher": r.publisher,
                "original_publisher": r.doc.original_publisher,
                "language": a.language,
                "raw_kind": a.raw_kind,
                "text": r.text,
                "run_id": run_id,
            }
        )
        per_article: dict[str, list[Any]] = {
            "segments": list(r.doc.segments),
            "sentences": r.sentences,
            "entities": r.entities,
            "article_rules": [{"rules": rules}],
            **r.extra,
        }
        for table, items in per_article.items():
            rows = tables.setdefault(table, [])
            if table in GLOBAL_TABLES:
                keys = seen_global.setdefault(table, set())
                for it in items:
                    row = _row(it)
                    if row.get("id") not in keys:
                        keys.add(row.get("id"))
                        rows.append(row)
                continue
            for i, it in enumerate(items):
                rows.append({"article_id": a.id, "idx": i, **_row(it)})
    return tables
