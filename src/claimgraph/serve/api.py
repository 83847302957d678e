"""api: the FastAPI application, its JSON API under ``/api`` and its security.

:func:`create_app` builds the app over a DuckDB store file:

- **read-only and short-lived**: every request opens the store read-only and closes it when
  the response is built; the database instance itself is kept open only while requests keep
  coming (:class:`Keeper`, ``hold`` seconds), so an ``claimgraph ingest`` in another process
  can take the write lock once the app is idle. While another process holds that lock,
  DuckDB refuses readers; the API then answers ``503`` with a JSON message asking to retry
  (and ``Retry-After``).
- **access token**: with ``token`` set, every request (API, pages, static files, the OpenAPI
  schema) needs ``Authorization: Bearer T``, ``?token=T`` or the cookie that a valid
  ``?token=`` sets, so that links in the pages keep working.
- **no file system paths from requests**: static files come from package data through a fixed
  name -> file mapping (:data:`STATIC`); anything else is 404.
- pages are server-rendered (:mod:`.pages`) with Jinja2 autoescaping; all SQL is in
  :mod:`.queries`, parameterised.

The interactive docs (``/docs``) are off because FastAPI serves them from a CDN; the schema is
at ``/openapi.json``.
"""

from __future__ import annotations

import atexit
import os
import secrets
import threading
import time
import weakref
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from claimgraph.serve import queries
from claimgraph.store import Store, StoreError

BUSY = "the store is being written by another process; retry in a moment"
TOKEN_COOKIE = "claimgraph_token"
#: The only static files served: URL name -> media type (files in serve/static/).
STATIC: dict[str, str] = {
    "style.css": "text/css; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class StoreBusy(Exception):
    """The store file is locked by a writer in another process."""


class StoreMissing(Exception):
    """There is no store file (nothing ingested yet) or it cannot be opened."""


# ------------------------------------------------------------------ response models


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    detail: str


class Health(_Open):
    schema_version: int
    fused: bool
    counts: dict[str, int]
    search_backend: str
    stale: int = 0  # articles extracted by other rules than the server's


class EventOut(_Open):
    id: str
    type: str
    status: str | None = None
    actor_id: str | None = None
    recipient_id: str | None = None
    actor_name: str | None = None
    recipient_name: str | None = None
    n_sources: int | None = None
    n_mentions: int | None = None
    confidence: float | None = None
    first_report: date | None = None
    last_report: date | None = None
    items: str | None = None
    fused: bool


class Evidence(_Open):
    article_id: str
    start: int
    end: int
    published: date | None = None
    evidence: str | None = None
    context: str | None = None
    context_start: int | None = None
    context_end: int | None = None


class Claim(Evidence):
    stance: str
    source_key: str


class EventDetail(EventOut):
    n_reports: int
    n_claims: int
    reports: list[Evidence]
    claims: list[Claim]
    supporters: list[str]
    deniers: list[str]


class Node(_Open):
    id: str
    name: str
    degree: int


class Edge(_Open):
    id: str
    type: str
    status: str | None = None
    actor_id: str
    recipient_id: str
    n_sources: int | None = None


class Network(_Open):
    fused: bool
    truncated: bool
    nodes: list[Node]
    edges: list[Edge]


class ActorOut(_Open):
    id: str
    name: str
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    n_mentions: int


class ArticleOut(_Open):
    id: str
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    chars: int | None = None


class ActorDetail(ActorOut):
    articles: list[ArticleOut]
    events: list[EventOut]


class Report(_Open):
    article_id: str
    published: date | None = None
    stance: str | None = None
    source_key: str | None = None


class TimelineEvent(EventOut):
    reports: list[Report]


class Timeline(_Open):
    actor: str
    other: str | None = None
    events: list[TimelineEvent]


class Segment(_Open):
    idx: int
    kind: str
    start: int
    end: int


class ArticleDetail(_Open):
    id: str
    title: str | None = None
    text: str
    published: date | None = None
    publisher: str | None = None
    original_publisher: str | None = None
    url: str | None = None
    copy_of: str | None = None
    #: extracted by other rules than the server's (`claimgraph reprocess` updates it)
    stale: bool = False
    segments: list[Segment]
    mentions: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    events: list[dict[str, Any]]
    timexes: list[dict[str, Any]]
    quantities: list[dict[str, Any]]


class SearchEvent(_Open):
    article_id: str
    event_id: str
    type: str
    trigger: str
    event: str


class SearchOut(_Open):
    q: str
    backend: str
    actors: list[ActorOut]
    events: list[SearchEvent]
    articles: list[ArticleOut]


ERRORS: dict[int | str, dict[str, Any]] = {
    503: {"model": Error, "description": "the store is locked by a writer or missing"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": Error}}


# ------------------------------------------------------------------ the store per request


def _classify(exc: Exception) -> Exception:
    """StoreBusy for a lock conflict, StoreMissing for anything else."""
    if "lock" in str(exc).lower():
        return StoreBusy(str(exc))
    return StoreMissing(str(exc))


def open_store(path: str) -> Store:
    """Open the store read-only; :class:`StoreBusy` if a writer holds the lock."""
    try:
        return Store(path, read_only=True)
    except StoreError as exc:
        raise _classify(exc) from exc


class Keeper:
    """Keeps the database instance open while requests keep coming, and lets it go after
    ``hold`` seconds without one.

    Opening a DuckDB file costs tens of milliseconds, but while one connection to it is open
    in this process, further ``duckdb.connect`` calls reuse that instance for free. A reader
    that stays open would lock an ingest in another process out for good, so the keeper
    closes its connection as soon as the app has been idle for ``hold`` seconds (``hold=0``:
    a fresh connection per request). It also lets go when the file is replaced (inode or
    mtime changed).
    """

    def __init__(self, path: str, hold: float) -> None:
        self.path = path
        self.hold = hold
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stat: tuple[int, int] | None = None
        self._active = 0
        self._last = 0.0
        self._reaper: threading.Thread | None = None

    def _file(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns

    def acquire(self) -> Store:
        """A read-only store for one request (raises StoreBusy or StoreMissing)."""
        with self._lock:
            if self.hold > 0:
                stat = self._file()
                if self._con is not None and stat != self._stat:
                    self._drop()
                if self._con is None and stat is not None:
                    try:
                        self._con = duckdb.connect(self.path, read_only=True)
                    except duckdb.Error as exc:
                        raise _classify(exc) from exc
                    self._stat = stat
                    self._start_reaper()
            self._active += 1
        try:
            return open_store(self.path)
        except Exception:
            self._done()
            raise

    def release(self, store: Store) -> None:
        """Close the request's store; the instance stays open for ``hold`` seconds."""
        try:
            store.close()
        finally:
            self._done()

    def _done(self) -> None:
        with self._lock:
            self._active -= 1
            self._last = time.monotonic()
            if self.hold <= 0:
                self._drop()

    def _drop(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._stat = None

    def _start_reaper(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._reaper = threading.Thread(
                target=self._reap, name="claimgraph-keeper", daemon=True
            )
            self._reaper.start()

    def _reap(self) -> None:
        while True:
            time.sleep(max(self.hold / 4, 0.05))
            with self._lock:
                if self._con is None:
                    return
                if self._active == 0 and time.monotonic() - self._last >= self.hold:
                    self._drop()
                    return

    def close(self) -> None:
        """Let go of the instance now."""
        with self._lock:
            self._drop()


def get_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only store for the length of one request."""
    keeper: Keeper = request.app.state.keeper
    store = keeper.acquire()
    try:
        yield store
    finally:
        keeper.release(store)


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Text = Annotated[str | None, Query(max_length=200)]


def _not_found(exc: KeyError) -> HTTPException:
    return HTTPException(404, str(exc.args[0]) if exc.args else "not found")


# ------------------------------------------------------------------ the app


def _token_ok(request: Request, token: str) -> tuple[bool, bool]:
    """(authorised, came from the query string)."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer ") and secrets.compare_digest(
        auth[7:].strip().encode(), token.encode()
    ):
        return True, False
    q = request.query_params.get("token")
    if q is not None and secrets.compare_digest(q.encode(), token.encode()):
        return True, True
    c = request.cookies.get(TOKEN_COOKIE)
    if c is not None and secrets.compare_digest(c.encode(), token.encode()):
        return True, False
    return False, False


def create_app(
    db_path: str | Path, read_only: bool = True, token: str | None = None, hold: float = 2.0
) -> FastAPI:
    """The web app and JSON API over the store at ``db_path``.

    The store is only ever opened read-only (``read_only=False`` is refused: the web app
    never writes). With ``token``, every request must carry it (see the module docstring).
    ``hold``: seconds the database stays open after the last request (:class:`Keeper`).
    """
    if not read_only:
        raise ValueError("the web app opens the store read-only")
    app = FastAPI(
        title="claimgraph",
        version="0.1.0",
        description="Who did what to whom, and who says so: actors, events, claims and "
        "their evidence in a claimgraph store (read-only).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db_path = str(db_path)
    app.state.keeper = keeper = Keeper(str(db_path), hold)
    atexit.register(_close_at_exit, weakref.WeakMethod(keeper.close))
    app.state.token = token

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Check the access token (if any) and add security headers to every response."""
        set_cookie = False
        if token:
            ok, from_query = _token_ok(request, token)
            if not ok:
                resp: Response = JSONResponse(
                    {"detail": "missing or wrong access token"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                _secure(resp)
                return resp
            set_cookie = from_query
        resp = await call_next(request)
        if set_cookie and token:
            resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        _secure(resp)
        return resp

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> JSONResponse:
        return JSONResponse({"detail": BUSY}, status_code=503, headers={"Retry-After": "1"})

    @app.exception_handler(StoreMissing)
    async def missing(request: Request, exc: StoreMissing) -> JSONResponse:
        return JSONResponse({"detail": f"store unavailable: {exc}"}, status_code=503)

    _api_routes(app)

    from claimgraph.serve import pages

    app.include_router(pages.router)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """A static file of the package, by its name in :data:`STATIC` only."""
        media = STATIC.get(name)
        if media is None:
            raise HTTPException(404, "no such file")
        body = resources.files("claimgraph.serve").joinpath("static", name).read_bytes()
        return Response(body, media_type=media, headers={"Cache-Control": "max-age=300"})

    return app


def _close_at_exit(ref: weakref.WeakMethod) -> None:
    """Close a keeper still alive when the interpreter exits."""
    close = ref()
    if close is not None:
        close()


def _secure(resp: Response) -> None:
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "no-referrer")


def _api_routes(app: FastAPI) -> None:
    """Register the JSON API."""

    @app.get("/api/health", response_model=Health, responses=ERRORS, tags=["api"])
    def health(store: StoreDep) -> dict[str, Any]:
        """Schema version, table counts, whether the store is fused, the search backend."""
        return queries.summary(store)

    @app.get("/api/network", response_model=Network, responses=ERRORS, tags=["api"])
    def network(
        store: StoreDep,
        type: Text = None,
        status: Text = None,
        actor: Text = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: Limit = 150,
    ) -> dict[str, Any]:
        """Actors as nodes and events as directed edges (supplier -> recipient)."""
        return queries.network(
            store,
            limit=limit,
            type=type,
            status=status,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
        )

    @app.get("/api/events", response_model=list[EventOut], responses=ERRORS, tags=["api"])
    def events(
        store: StoreDep,
        type: Text = None,
        status: Text = None,
        actor: Text = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: Limit = 100,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> list[dict[str, Any]]:
        """Events (fused events, or mention groups on an unfused store), most sourced first."""
        return queries.events(
            store,
            type=type,
            status=status,
            actor=actor,
            date_from=date_from,
            date_to=date_to,
            limit=limit,
            offset=offset,
        )

    @app.get("/api/events/{id}", response_model=EventDetail, responses=NOT_FOUND, tags=["api"])
    def event(store: StoreDep, id: str) -> dict[str, Any]:
        """One event with its reports, supporting and denying claims and their evidence."""
        try:
            return queries.event(store, id)
        except KeyError as exc:
            raise _not_found(exc) from exc

    @app.get("/api/actors", response_model=list[ActorOut], responses=ERRORS, tags=["api"])
    def actors(store: StoreDep, q: Text = None, limit: Limit = 100) -> list[dict[str, Any]]:
        """Actors, most mentioned first; ``q`` filters on id or name."""
        return queries.actors(store, q, limit)

    @app.get("/api/actors/{id}", response_model=ActorDetail, responses=NOT_FOUND, tags=["api"])
    def actor(store: StoreDep, id: str) -> dict[str, Any]:
        """One actor, the articles that mention it and its events."""
        try:
            return queries.actor(store, id)
        except KeyError as exc:
            raise _not_found(exc) from exc

    @app.get("/api/timeline", response_model=Timeline, responses=ERRORS, tags=["api"])
    def timeline(
        store: StoreDep,
        actor: Annotated[str, Query(min_length=1, max_length=200)],
        other: Text = None,
    ) -> dict[str, Any]:
        """Events of an actor (or an actor pair) and their reports over time."""
        return queries.timeline(store, actor, other)

    @app.get("/api/articles", response_model=list[ArticleOut], responses=ERRORS, tags=["api"])
    def articles(store: StoreDep, q: Text = None, limit: Limit = 50) -> list[dict[str, Any]]:
        """Stored articles, newest first; ``q`` searches titles and texts."""
        return queries.articles(store, q, limit)

    @app.get("/api/articles/{id}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["api"])
    def article(store: StoreDep, id: str) -> dict[str, Any]:
        """One article: clean text, segments and every stage's records with offsets."""
        try:
            return queries.article(store, id)
        except KeyError as exc:
            raise _not_found(exc) from exc

    @app.get("/api/search", response_model=SearchOut, responses=ERRORS, tags=["api"])
    def search(
        store: StoreDep,
        q: Annotated[str, Query(min_length=1, max_length=200)],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> dict[str, Any]:
        """Actors, event mentions and articles (full text) matching ``q``."""
        return queries.search(store, q, limit)
