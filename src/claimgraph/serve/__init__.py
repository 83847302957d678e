"""serve: the local web app and JSON API over a claimgraph store (``claimgraph serve``).

:func:`serve` runs the app with uvicorn. It binds 127.0.0.1 by default; any other address
needs ``allow_remote=True`` and an access token (see :mod:`claimgraph.serve.api`).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(
    db_path: str | Path, read_only: bool = True, token: str | None = None, hold: float = 2.0
) -> FastAPI:
    """The FastAPI app (see :func:`claimgraph.serve.api.create_app`)."""
    from claimgraph.serve.api import create_app as _create

    return _create(db_path, read_only=read_only, token=token, hold=hold)


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: str | Path,
    host: str = "127.0.0.1",
    port: int = 8765,
    token: str | None = None,
    allow_remote: bool = False,
) -> None:
    """Serve the web app over the store ``db`` until interrupted.

    Raises ValueError for a non-loopback ``host`` without ``allow_remote`` and a token, and
    FileNotFoundError when ``db`` does not exist.
    """
    import uvicorn

    if not is_loopback(host):
        if not allow_remote:
            raise ValueError(
                f"refusing to bind {host}: pass --allow-remote (and --token) to serve beyond this machine"
            )
        if not token:
            raise ValueError(f"binding {host} needs an access token (--token)")
    if not Path(db).exists():
        raise FileNotFoundError(f"no database at {db} (run `claimgraph ingest` first)")
    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
