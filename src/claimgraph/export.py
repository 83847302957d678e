"""export: tables of the store as Parquet, CSV or JSONL files.

Written through Arrow (Parquet, CSV) and the json module (JSONL), so that file paths
never enter SQL text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.store import Store

#: Table formats write one file per table; graph formats write one file of fused events.
TABLE_FORMATS = ("parquet", "csv", "jsonl")
GRAPH_FORMATS = ("graphml", "plover", "cameo")
FORMATS = TABLE_FORMATS + GRAPH_FORMATS
_INTERNAL = {"schema_migrations"}


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _select_list(store: Store, table: str, binary_as_text: bool) -> str:
    """Every column; binary columns (e.g. MinHash signatures) as base64 text for CSV/JSONL."""
    rows = store.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    )
    cols = []
    for r in rows:
        name = r["column_name"].replace('"', '""')
        if binary_as_text and r["data_type"] == "BLOB":
            cols.append(f'base64("{name}") AS "{name}"')
        else:
            cols.append(f'"{name}"')
    return ", ".join(cols) or "*"


def export(store: Store, format: str, out: Path, tables: Sequence[str] | None = None) -> list[Path]:
    """Write each table to ``out/<table>.<format>``; returns the written paths."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format in GRAPH_FORMATS:
        return [_export_graph(store, format, out)]
    available = [t for t in store.tables() if t not in _INTERNAL]
    chosen = list(tables) if tables else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ValueError(f"no such table: {', '.join(unknown)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in chosen:
        path = out / f"{table}.{format}"
        # table and column names come from the schema, never from input
        sql = (
            f"SELECT {_select_list(store, table, binary_as_text=format != 'parquet')} FROM {table}"
        )
        if format == "jsonl":
            cur = store.con.execute(sql)
            names = [d[0] for d in cur.description or []]
            with open(path, "w", encoding="utf-8") as fh:
                while rows := cur.fetchmany(1000):
                    for row in rows:
                        fh.write(
                            json.dumps(
                                dict(zip(names, row, strict=True)),
                                default=_json_default,
                                ensure_ascii=False,
                            )
                            + "\n"
                        )
        else:
            data = store.con.sql(sql).to_arrow_table()
            if format == "parquet":
                import pyarrow.parquet as pq

                pq.write_table(data, path)
            else:
                import pyarrow.csv as pcsv

                pcsv.write_csv(data, path)
        written.append(path)
    return written


def _export_graph(store: Store, format: str, out: Path) -> Path:
    """Fused events as GraphML (actors as nodes), PLOVER JSON or a CAMEO/GDELT-style TSV."""
    from claimgraph import fuse

    if "fused_events" not in store.tables():
        raise ValueError("no fused events in this store (run `claimgraph fuse` first)")
    out.mkdir(parents=True, exist_ok=True)
    if format == "graphml":
        return fuse.export_graphml(store, out / "claimgraph.graphml")
    if format == "plover":
        return fuse.export_plover(store, out / "events.plover.json")
    return fuse.export_cameo_tsv(store, out / "events.cameo.tsv")
