"""shards: one partition's rows as Arrow tables / Parquet files, and their bulk load.

A *shard set* is what one partition of articles produces: one table of rows per store table
(the rows of :func:`claimgraph.store.rows_by_table`). Workers turn it into Arrow tables and
write them as Parquet, one file per table, in a folder ``part-NNNNNN/<table>.parquet``.

:func:`load_shard_set` writes one shard set into a :class:`~claimgraph.store.Store` in one
transaction with ``INSERT ... SELECT`` (from ``read_parquet`` for files, from the registered
Arrow table otherwise), skipping articles whose id is already stored, so loading the same
shards twice changes nothing. Rows of global tables (``actors``) are inserted with
``ON CONFLICT DO NOTHING``, as :meth:`Store.add` does.

This is hand-written glue (some 100 lines) over pyarrow and DuckDB, which do the real work:
no library maps our per-article record tables onto an existing DuckDB schema with
idempotent, article-level deduplication.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from claimgraph.store import GLOBAL_TABLES, StoreError, fill_empty

if TYPE_CHECKING:
    from claimgraph.store import Store

#: A table of one shard set: a Parquet file, Parquet bytes or an Arrow table.
TableSource = str | Path | bytes | pa.Table

_IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
_PART = re.compile(r"^part-(\d+)$")


def to_arrow(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows (dicts) as an Arrow table, columns in first-seen key order.

    A column that is ``None`` in every row gets the string type (not Arrow's null type), so
    that its Parquet file reads back as VARCHAR NULLs, which cast to any column type.
    """
    cols: dict[str, None] = {}
    for r in rows:
        for k in r:
            cols.setdefault(k, None)
    arrays = {}
    for c in cols:
        arr = pa.array([r.get(c) for r in rows])
        if pa.types.is_null(arr.type):
            arr = pa.array([None] * len(rows), pa.string())
        arrays[c] = arr
    return pa.table(arrays)


def tables_to_arrow(tables: Mapping[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    """Every non-empty table of rows as an Arrow table."""
    return {t: to_arrow(rows) for t, rows in tables.items() if rows}


def parquet_bytes(table: pa.Table) -> bytes:
    """An Arrow table as the bytes of a Parquet file (zstd)."""
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    return buf.getvalue()


def part_dir(root: str | Path, part: int) -> Path:
    """The folder of partition ``part`` under ``root`` (``part-000042``)."""
    return Path(root) / f"part-{part:06d}"


def write_shard_set(tables: Mapping[str, TableSource], folder: str | Path) -> dict[str, str]:
    """Write one shard set as ``folder/<table>.parquet``; returns table -> file path.

    The files are written under a temporary name and renamed, so a file that exists is
    complete.
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, str] = {}
    for name, src in tables.items():
        if not _IDENT.match(name):
            raise StoreError(f"bad table name {name!r}")
        path = out / f"{name}.parquet"
        tmp = out / f".{name}.parquet.tmp"
        if isinstance(src, pa.Table):
            pq.write_table(src, tmp, compression="zstd")
        elif isinstance(src, bytes):
            tmp.write_bytes(src)
        else:
            paths[name] = str(src)
            continue
        tmp.replace(path)
        paths[name] = str(path)
    return paths


def read_shard_set(folder: str | Path) -> dict[str, str]:
    """The shard set in ``folder``: table name -> Parquet file."""
    return {
        p.stem: str(p)
        for p in sorted(Path(folder).glob("*.parquet"))
        if _IDENT.match(p.stem) and not p.name.startswith(".")
    }


def shard_sets(root: str | Path) -> Iterator[dict[str, str]]:
    """Every shard set under ``root`` (``part-*`` folders, in partition order).

    ``root`` may also be a single shard set folder (Parquet files directly inside).
    """
    root = Path(root)
    if not root.is_dir():
        raise StoreError(f"no shard folder {root}")
    parts = sorted(
        (int(m.group(1)), p) for p in root.iterdir() if p.is_dir() and (m := _PART.match(p.name))
    )
    if not parts:
        direct = read_shard_set(root)
        if direct:
            yield direct
        return
    for _, p in parts:
        found = read_shard_set(p)
        if found:
            yield found


def _columns_of(store: Store, table: str) -> list[str]:
    cols = store.columns(table)
    if not cols:
        raise StoreError(f"no table {table!r} in the schema (a migration is missing)")
    return cols


def load_shard_set(store: Store, tables: Mapping[str, TableSource]) -> tuple[int, int]:
    """Insert one shard set in one transaction; returns ``(stored, duplicates)``.

    Articles whose id is already in the store (and all their rows in the other tables) are
    skipped; only the columns the store's tables have are written, as :meth:`Store.add` does.
    """
    if "articles" not in tables:
        return 0, 0
    con = store.con
    registered: list[str] = []
    sources: dict[str, str] = {}
    try:
        for i, (name, src) in enumerate(tables.items()):
            if not _IDENT.match(name):
                raise StoreError(f"bad table name {name!r}")
            if isinstance(src, bytes):
                src = pq.read_table(io.BytesIO(src))
            if isinstance(src, pa.Table):
                alias = f"_cg_shard_{i}"
                con.register(alias, src)
                registered.append(alias)
                sources[name] = alias
            else:
                sources[name] = "read_parquet(" + _sql_str(str(src)) + ")"
        with store.transaction():
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _cg_new_ids AS "
                f"SELECT DISTINCT id FROM {sources['articles']} "
                "WHERE id NOT IN (SELECT id FROM articles)"
            )
            row = con.execute(
                f"SELECT (SELECT count(*) FROM _cg_new_ids), count(*) FROM {sources['articles']}"
            ).fetchone()
            stored, total = (int(row[0]), int(row[1])) if row else (0, 0)
            for name in ("articles", *[t for t in sources if t != "articles"]):
                _insert_from(store, name, sources[name])
            con.execute("DROP TABLE IF EXISTS _cg_new_ids")
    finally:
        for alias in registered:
            con.unregister(alias)
    return stored, total - stored


def _insert_from(store: Store, table: str, source: str) -> None:
    """``INSERT INTO table SELECT ...`` the shared columns of ``source``, new articles only."""
    have = _columns_of(store, table)
    rel_cols = [d[0] for d in store.con.execute(f"SELECT * FROM {source} LIMIT 0").description]
    cols = [c for c in rel_cols if c in have]
    names = ", ".join(f'"{c}"' for c in cols)
    if table in GLOBAL_TABLES:
        where, conflict = "", " ON CONFLICT DO NOTHING"
    elif table == "articles":
        where, conflict = " WHERE id IN (SELECT id FROM _cg_new_ids)", ""
    elif "article_id" in cols:
        where, conflict = " WHERE article_id IN (SELECT id FROM _cg_new_ids)", ""
    else:
        raise StoreError(f"table {table!r} has neither article_id nor a global key")
    store.con.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {source}{where}{conflict}"
    )
    if table in GLOBAL_TABLES:
        fill_empty(store.con, table, source, cols)


def load_shards(store: Store, root: str | Path) -> tuple[int, int]:
    """Bulk-load every shard set under ``root`` (one transaction each, in partition order).

    Returns ``(stored, duplicates)`` summed over the shard sets; loading twice is a no-op.
    """
    stored = dups = 0
    for tables in shard_sets(root):
        s, d = load_shard_set(store, tables)
        stored += s
        dups += d
    return stored, dups


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"
