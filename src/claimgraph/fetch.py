"""fetch: download news pages over HTTP into :class:`Article` records, politely.

:func:`fetch_urls` takes a URL list file (one URL per line, ``#`` comments) or URLs and
yields an :class:`Article` per page, a :class:`SourceError` per URL that failed (with a
one-line reason) and :class:`Skipped` for repeated URLs. It is what ``claimgraph ingest
LIST.urls`` and the ``claimgraph fetch URLS.txt`` command feed to the store.

Politeness and robustness, all in :class:`FetchConfig`:

- a clear user agent, ``claimgraph/0.1 (+local)``;
- robots.txt is fetched once per host and obeyed (:mod:`urllib.robotparser`); a robots.txt
  that answers 401/403, 5xx or not at all disallows the host (the conservative reading);
  its ``Crawl-delay`` is honoured;
- a per-host rate limit (at least ``per_host_delay`` seconds between two requests);
- timeouts on every request and a total deadline per page (a server that drips bytes
  slowly cannot hold the run), a size cap on the body;
- retries with exponential backoff on network errors, 429 and 5xx answers (``Retry-After``
  honoured up to ``max_backoff``); other 4xx answers fail at once.

HTTP is done by httpx (well kept, pinned); the publication date comes from the page's
HTML metadata (htmldate), else the ``Last-Modified`` header.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from claimgraph.records import Article, SourceError
from claimgraph.sources import (
    MAX_BYTES,
    InputError,
    Skipped,
    decode_http,
    html_date,
    html_kind,
    http_date,
    make_article,
    with_language,
)

USER_AGENT = "claimgraph/0.1 (+local)"
#: The product token matched against robots.txt ``User-agent`` lines.
ROBOTS_AGENT = "claimgraph"


@dataclass(frozen=True, slots=True)
class FetchConfig:
    """How pages are fetched (seconds and bytes)."""

    timeout: float = 15.0  # connect / read / write timeout of one request
    deadline: float = 60.0  # total time for one page, body included
    retries: int = 2  # extra attempts after a network error, 429 or 5xx
    backoff: float = 1.0  # first wait before a retry; doubled each time
    max_backoff: float = 30.0
    per_host_delay: float = 1.0  # at least this long between two requests to one host
    max_bytes: int = MAX_BYTES
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    detect_language: bool = True


#: The configuration used when none is given (e.g. for ``.urls`` files met by ``ingest``).
DEFAULT_CONFIG = FetchConfig()


class FetchError(Exception):
    """A page that could not be fetched; the message is the one-line reason."""


@dataclass(slots=True)
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass(slots=True)
class Fetcher:
    """An HTTP client with per-host robots.txt rules and rate limits."""

    config: FetchConfig = field(default_factory=FetchConfig)
    client: httpx.Client | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _delay: dict[str, float] = field(default_factory=dict)
    _own_client: bool = False

    def __post_init__(self) -> None:
        if self.client is None:
            c = self.config
            self.client = httpx.Client(
                headers={"User-Agent": c.user_agent},
                timeout=httpx.Timeout(c.timeout),
                follow_redirects=True,
                max_redirects=5,
            )
            self._own_client = True

    def close(self) -> None:
        if self._own_client and self.client is not None:
            self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness -----------------------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        """Sleep until this host may be asked again."""
        delay = max(self.config.per_host_delay, self._delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def robots(self, url: str) -> RobotFileParser | None:
        """The robots.txt rules of the URL's host (fetched once); ``None``: all allowed."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host in self._robots:
            return self._robots[host]
        robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
        rp: RobotFileParser | None = RobotFileParser(robots_url)
        try:
            resp = self._get(robots_url, retries=0)
        except FetchError:
            rp.disallow_all = True  # type: ignore[union-attr]
        else:
            if resp.status in (401, 403) or resp.status >= 500:
                rp.disallow_all = True  # type: ignore[union-attr]
            elif resp.status >= 400:
                rp = None  # no robots.txt: everything is allowed
            else:
                text = resp.body[: 512 * 1024].decode("utf-8", errors="replace")
                rp.parse(text.splitlines())  # type: ignore[union-attr]
                delay = rp.crawl_delay(ROBOTS_AGENT)  # type: ignore[union-attr]
                if delay:
                    self._delay[host] = min(float(delay), 60.0)
        self._robots[host] = rp
        return rp

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets claimgraph fetch this URL."""
        if not self.config.respect_robots:
            return True
        rp = self.robots(url)
        return rp is None or rp.can_fetch(ROBOTS_AGENT, url)

    # -- requests -------------------------------------------------------------------------
    def _get(self, url: str, retries: int | None = None) -> _Response:
        """GET with rate limit, deadline, size cap and retries; raises :class:`FetchError`."""
        c = self.config
        retries = c.retries if retries is None else retries
        host = urlsplit(url).netloc.lower()
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                resp = self._get_once(url)
            except FetchError:
                if attempt >= retries:
                    raise
                wait = c.backoff * 2**attempt
            else:
                if not (resp.status == 429 or resp.status >= 500) or attempt >= retries:
                    return resp
                wait = _retry_after(resp.headers.get("Retry-After")) or c.backoff * 2**attempt
            attempt += 1
            self.sleep(min(wait, c.max_backoff))

    def _get_once(self, url: str) -> _Response:
        c = self.config
        assert self.client is not None
        t0 = self.clock()
        try:
            with self.client.stream("GET", url) as resp:
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > c.max_bytes:
                        raise FetchError(f"page too large (limit {c.max_bytes} bytes)")
                    if self.clock() - t0 > c.deadline:
                        raise FetchError(f"page took longer than {c.deadline:g} s")
                    chunks.append(chunk)
                return _Response(str(resp.url), resp.status_code, resp.headers, b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {c.timeout:g} s ({type(exc).__name__})") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError("too many redirects") from exc
        except httpx.HTTPError as exc:
            msg = " ".join(str(exc).split()) or type(exc).__name__
            raise FetchError(f"network error: {msg}") from exc

    def fetch(self, url: str) -> Article:
        """Fetch one page as an :class:`Article`; raises :class:`FetchError`."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL")
        if not self.allowed(url):
            raise FetchError("disallowed by robots.txt")
        resp = self._get(url)
        if resp.status != 200:
            raise FetchError(f"HTTP {resp.status}")
        ctype = resp.headers.get("Content-Type")
        kind = html_kind(ctype) or ("html" if not ctype else None)
        if kind is None:
            raise FetchError(f"not a web page (Content-Type {ctype})")
        try:
            text = decode_http(resp.body, ctype, url)
            published = (html_date(text, resp.url) if kind == "html" else None) or http_date(
                resp.headers.get("Last-Modified")
            )
            return make_article(text, url, kind, url=resp.url, published=published)
        except InputError as exc:
            raise FetchError(str(exc)) from exc


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def read_url_list(path_or_urls: str | Path | Iterable[str]) -> Iterator[str]:
    """URLs from a file (one per line; blank lines and ``#`` comments ignored) or a list."""
    if isinstance(path_or_urls, (str, Path)):
        with open(path_or_urls, encoding="utf-8", errors="replace") as fh:
            lines: Iterable[str] = list(fh)
    else:
        lines = path_or_urls
    for line in lines:
        url = line.strip()
        if url and not url.startswith("#"):
            yield url


def fetch_urls(
    path_or_urls: str | Path | Iterable[str],
    config: FetchConfig | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | SourceError | Skipped]:
    """Fetch every URL of a list file (or iterable): articles, errors, repeated URLs skipped.

    Errors name the URL and the reason and have stage ``"fetch"``; a URL list file that
    cannot be read is one error. ``config`` defaults to :data:`DEFAULT_CONFIG`.
    """
    config = config or DEFAULT_CONFIG
    try:
        urls = list(read_url_list(path_or_urls))
    except OSError as exc:
        yield SourceError(str(path_or_urls), f"cannot read URL list ({exc.strerror or exc})")
        return
    own = fetcher is None
    f = fetcher or Fetcher(config)
    seen: set[str] = set()
    try:
        for url in urls:
            if url in seen:
                yield Skipped(url, "repeated URL")
                continue
            seen.add(url)
            try:
                art = f.fetch(url)
            except FetchError as exc:
                yield SourceError(url, str(exc), "fetch")
                continue
            yield with_language(art) if f.config.detect_language else art
    finally:
        if own:
            f.close()
