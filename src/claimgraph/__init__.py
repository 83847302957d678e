"""claimgraph: a sourced, time-aware graph of who did what to whom, and who says so.

The Python API::

    import claimgraph
    recs = claimgraph.extract(page_text, published="2022-12-22")   # one article's records
    with claimgraph.Store("news.duckdb") as store:                  # the embedded database
        store.ingest(["examples/"])
        store.articles()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Store", "extract", "__version__"]

if TYPE_CHECKING:
    from claimgraph.pipeline import extract
    from claimgraph.store import Store


def __getattr__(name: str) -> Any:  # lazy, so that `claimgraph --help` stays fast
    if name == "extract":
        from claimgraph.pipeline import extract

        return extract
    if name == "Store":
        from claimgraph.store import Store

        return Store
    raise AttributeError(name)
