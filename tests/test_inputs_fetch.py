"""Fetching pages over HTTP, against a local server on 127.0.0.1 started by the tests."""

from __future__ import annotations

import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimgraph.fetch import USER_AGENT, FetchConfig, Fetcher, fetch_urls
from claimgraph.records import Article, SourceError
from claimgraph.sources import Skipped, read
from claimgraph.store import Store

PAGE = """<!doctype html><html><head><title>Bridge repairs finish early</title>
<meta name="date" content="2024-02-03"></head><body><article>
<h1>Bridge repairs finish early</h1>
<p>The city said on Friday that repairs to the old river bridge had finished two weeks
ahead of schedule and that the bridge would reopen to traffic on Monday.</p>
<p>Engineers replaced the steel cables and repainted the deck over the winter.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    """A tiny site: robots.txt, pages, a 404, a slow page, a flaky page, an image."""

    log: list[tuple[str, str, float]] = []
    flaky_calls = 0

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **hdr):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in hdr.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.log.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        if self.path == "/robots.txt":
            self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif self.path in ("/news/a.html", "/private/secret.html"):
            self.send(200, PAGE.encode())
        elif self.path == "/news/b.html":
            body = PAGE.replace("Bridge", "Tunnel").replace(
                '<meta name="date" content="2024-02-03">', ""
            )
            self.send(200, body.encode(), Last_Modified="Tue, 05 Mar 2024 10:00:00 GMT")
        elif self.path == "/slow.html":
            time.sleep(2.0)
            self.send(200, PAGE.encode())
        elif self.path == "/flaky.html":
            Handler.flaky_calls += 1
            if Handler.flaky_calls == 1:
                self.send(503, b"busy", Retry_After="0")
            else:
                self.send(200, PAGE.replace("Bridge", "Ferry").encode())
        elif self.path == "/logo.png":
            self.send(200, b"\x89PNG\r\n", "image/png")
        else:
            self.send(404, b"<p>not found</p>")


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CONFIG = FetchConfig(timeout=0.5, deadline=5, retries=1, backoff=0.01, per_host_delay=0.05)


def test_fetch_pages_errors_and_robots(site, tmp_path):
    Handler.log.clear()
    Handler.flaky_calls = 0
    urls = tmp_path / "list.urls"
    urls.write_text(
        "# a comment\n"
        f"{site}/news/a.html\n\n"
        f"{site}/news/b.html\n"
        f"{site}/private/secret.html\n"
        f"{site}/missing.html\n"
        f"{site}/slow.html\n"
        f"{site}/flaky.html\n"
        f"{site}/logo.png\n"
        f"{site}/news/a.html\n"
        "ftp://example.org/file\n"
    )
    items = list(fetch_urls(urls, CONFIG))
    arts = [i for i in items if isinstance(i, Article)]
    errs = {i.source.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, SourceError)}
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [a.url for a in arts] == [
        f"{site}/news/a.html",
        f"{site}/news/b.html",
        f"{site}/flaky.html",
    ]
    assert arts[0].published == date(2024, 2, 3)  # from the page's metadata (htmldate)
    assert arts[1].published == date(2024, 3, 5)  # from Last-Modified
    assert arts[0].raw_kind == "html" and arts[0].language == "en"
    assert "Ferry" in arts[2].raw  # the 503 was retried
    assert errs["secret.html"] == "disallowed by robots.txt"
    assert errs["missing.html"] == "HTTP 404"
    assert errs["slow.html"].startswith("timed out")
    assert "Content-Type image/png" in errs["logo.png"]
    assert errs["file"] == "not an http(s) URL"
    assert all("\n" not in r for r in errs.values())
    assert [s.reason for s in skipped] == ["repeated URL"]
    paths = [p for p, _, _ in Handler.log]
    assert paths.count("/robots.txt") == 1  # robots.txt fetched once per host
    assert "/private/secret.html" not in paths  # never requested
    assert paths.count("/slow.html") == 2  # one retry after the timeout
    assert {ua for _, ua, _ in Handler.log} == {USER_AGENT}


def test_per_host_rate_limit(site):
    """Requests to one host are spaced by per_host_delay: on a fake clock that only sleeping
    moves, every request after the host's first sleeps the whole delay (server-side wall-clock
    gaps were flaky on a loaded machine)."""
    Handler.log.clear()
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    cfg = FetchConfig(timeout=2, retries=0, per_host_delay=0.3)
    with Fetcher(cfg, sleep=sleep, clock=lambda: now[0]) as f:
        for _ in range(3):
            f.fetch(f"{site}/news/a.html")
    requests = len(Handler.log)  # robots.txt (if not cached yet) and the three pages
    assert [p for p, _, _ in Handler.log].count("/news/a.html") == 3
    assert len(waits) == requests - 1 >= 2
    assert all(abs(w - 0.3) < 1e-9 for w in waits)


def test_robots_unreachable_disallows(tmp_path):
    # nothing listens on this port: robots.txt cannot be fetched, so the host is off limits
    items = list(fetch_urls(["http://127.0.0.1:9/page.html"], CONFIG))
    assert isinstance(items[0], SourceError)
    assert items[0].reason == "disallowed by robots.txt" and items[0].stage == "fetch"


def test_url_list_through_read_and_store(site, tmp_path, monkeypatch):
    import claimgraph.fetch as fetch_mod

    monkeypatch.setattr(fetch_mod, "DEFAULT_CONFIG", CONFIG)
    (tmp_path / "l.urls").write_text(f"{site}/news/a.html\n{site}/missing.html\n")
    items = list(read([tmp_path / "l.urls"]))
    assert sum(isinstance(i, Article) for i in items) == 1
    with Store(tmp_path / "f.duckdb") as store:
        summary = store.ingest([tmp_path / "l.urls"])
        assert summary.articles == 1 and len(summary.errors) == 1
        row = store.query("SELECT url, published, language FROM articles")[0]
        assert row["url"] == f"{site}/news/a.html" and row["language"] == "en"
        assert store.errors(run_id=summary.run_id)[0]["reason"] == "HTTP 404"
