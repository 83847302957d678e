"""The web app in a real headless browser (Debian's chromium driven by Playwright).

The server runs in its own process on a free 127.0.0.1 port over a store built from the
bundled example corpus (plus one page of our own with script payloads). The test opens the
network, clicks an edge, sees the evidence highlighted, follows it into the article, and
checks that no script payload ran and that nothing was fetched from another host.

Skipped only when /usr/bin/chromium is absent (``scripts/install-browser.sh`` installs it).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PAYLOAD_PAGE = """Border guards report drone flights <script>alert("title")</script>

Estonia said on Monday that Norway delivered surveillance drones to its border guard. <img src=x onerror=alert("img")>

<script>document.title = "pwned"</script> The drones will patrol the eastern border.
"""

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (run scripts/install-browser.sh)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from claimgraph.fuse import fuse
    from claimgraph.store import Store

    folder = tmp_path_factory.mktemp("web")
    extra = folder / "extra"
    extra.mkdir()
    (extra / "payload.txt").write_text(PAYLOAD_PAGE, encoding="utf-8")
    db = folder / "web.duckdb"
    with Store(db) as store:
        summary = store.ingest([EXAMPLES], meta=EXAMPLES / "published.tsv")
        assert summary.errors == []
        store.ingest([extra], published="2025-11-20", publisher="Test Wire")
        fuse(store)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from claimgraph.serve import serve; "
            "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]))",
            str(db),
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died")
            try:
                with urllib.request.urlopen(base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def test_network_edge_to_highlighted_evidence(server: str, browser: object, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/network")
    svg = page.locator("svg.network")
    assert svg.is_visible()
    edges = page.locator("svg.network a.edge-link")
    assert edges.count() >= 3
    # the label drawn last is on top of everything: a real click lands on it
    event_id = edges.last.get_attribute("data-event")
    edges.last.click()
    page.wait_for_url(f"**/events/{event_id}")
    marks = page.locator("ol.evidence mark")
    assert marks.count() >= 1
    assert marks.first.is_visible()
    assert marks.first.inner_text().strip()
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)
    assert (tmp_path / "event.png").stat().st_size > 10_000
    # the evidence link opens the article with the same span marked and scrolled to
    evidence = marks.first.inner_text().strip()
    page.locator("ol.evidence .meta a").first.click()
    page.wait_for_url("**/articles/**")
    mark = page.locator("mark#m")
    assert mark.is_visible()
    assert evidence.startswith(mark.inner_text().strip()[:20])
    page.screenshot(path=str(tmp_path / "article.png"))
    assert all(u.startswith(server) for u in requests), [
        u for u in requests if not u.startswith(server)
    ]
    assert dialogs == []
    page.close()


def test_payloads_do_not_run(server: str, browser: object, tmp_path: Path) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/search?q=surveillance+drones")
    link = page.locator("main ul li a", has_text="Border guards report")
    assert link.count() == 1
    assert 'alert("title")' in link.inner_text()  # shown as text
    link.click()
    page.wait_for_url("**/articles/**")
    body = page.locator("article.doc").inner_text()
    assert '<img src=x onerror=alert("img")>' in body
    assert page.title() != "pwned"
    page.goto(server + "/search?q=" + "%3Cscript%3Ealert(1)%3C/script%3E")
    page.wait_for_load_state()
    assert dialogs == []
    page.screenshot(path=str(tmp_path / "search.png"))
    page.close()


def test_filters_and_timeline(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/network")
    page.fill("input[name=actor]", "Belarus")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/network?**actor=Belarus**")
    assert page.locator("svg.network a.edge-link").count() >= 1
    page.goto(server + "/timeline?actor=Belarus")
    assert page.locator("svg.timeline circle").count() >= 3
    page.close()
