"""The JSON API and the server-rendered pages (claimgraph.serve), through FastAPI's TestClient.

The store is built once per module through the real pipeline (ingest + fuse) from a few
short articles written for this test, two of which carry HTML/JS payloads in their text.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from claimgraph.serve import create_app, is_loopback, serve
from claimgraph.serve.api import BUSY
from claimgraph.serve.pages import Span, render_spans
from claimgraph.serve.queries import group_id, parse_group_id
from claimgraph.store import Store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

ARTICLES = {
    "a1.txt": """Norway sends artillery shells to Estonia, officials say

Coastline Post

Read also: Fishing quotas cut for the third year

Norway delivered 5,000 artillery shells to Estonia last month, the Norwegian defence ministry said on Monday.

“The shells arrived in Tallinn on Feb. 20,” said ministry spokesman Lars Berg.

Read also: Ferry prices rise again
""",
    "a2.txt": """Estonia confirms delivery of Norwegian shells

Estonia's defence forces confirmed on Tuesday that Norway delivered artillery shells to Estonia in February.

Norway shipped the shells by sea, an Estonian official said.
""",
    "a3.txt": f"""Norway rejects report on rockets {SCRIPT}

Norway did not send rockets to Estonia, the foreign ministry said on Wednesday. {IMG}

Officials in Oslo rejected the report as false and said 100% of the claims were invented.
""",
    "a4.html": """<!doctype html><html><head><title>Drones for Estonia &lt;script&gt;alert(2)&lt;/script&gt;</title>
<meta property="article:published_time" content="2025-03-07"></head>
<body><article><h1>Drones for Estonia &lt;script&gt;alert(2)&lt;/script&gt;</h1>
<p>Norway delivered reconnaissance drones to Estonia on Friday, the Estonian army said &lt;img src=x onerror=alert(1)&gt; in a statement.</p>
<p>The army said the drones would be used for border patrols along the eastern frontier.</p>
</article></body></html>
""",
}
META = """# side-car for the test articles (written for this test)
file\tpublished\tpublisher\turl
a1.txt\t2025-03-03\tHarbour Gazette\thttps://harbour.example/a1
a2.txt\t2025-03-05\tBaltic Ledger\thttps://ledger.example/a2
a3.txt\t2025-03-06\tNorthern Wire\thttps://wire.example/a3
"""


def build_store(folder: Path) -> Path:
    """Write the test articles, ingest them and fuse; return the DuckDB file."""
    from claimgraph.fuse import fuse

    src = folder / "articles"
    src.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    (folder / "meta.tsv").write_text(META, encoding="utf-8")
    db = folder / "test.duckdb"
    with Store(db) as store:
        summary = store.ingest([src], meta=folder / "meta.tsv")
        assert summary.articles == len(ARTICLES), summary.errors
        fuse(store)
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


@pytest.fixture(scope="module")
def unfused_db(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the store whose fusion tables are empty (as before `claimgraph fuse`)."""
    copy = tmp_path_factory.mktemp("unfused") / "copy.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    for t in ("claims", "event_members", "fused_events"):
        con.execute(f"DELETE FROM {t}")
    con.close()
    return copy


def _article_id(client: TestClient, title_part: str) -> str:
    for a in client.get("/api/articles").json():
        if title_part in (a["title"] or ""):
            return a["id"]
    raise AssertionError(f"no article titled with {title_part!r}")


# ------------------------------------------------------------------ the API


def test_health_counts_and_fusion(client: TestClient) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["counts"]["articles"] == len(ARTICLES)
    assert body["fused"] is True
    assert body["search_backend"] == "fts"  # duckdb-ext-fts is a dependency; ingest indexes


def test_network_has_supplier_to_recipient_edge(client: TestClient) -> None:
    net = client.get("/api/network").json()
    assert net["fused"] is True
    pairs = {(e["actor_id"], e["recipient_id"], e["type"]) for e in net["edges"]}
    assert ("NOR", "EST", "AID") in pairs, pairs
    node_ids = {n["id"] for n in net["nodes"]}
    assert {"NOR", "EST"} <= node_ids
    aid = next(e for e in net["edges"] if (e["actor_id"], e["type"]) == ("NOR", "AID"))
    assert aid["n_sources"] >= 2  # three outlets report it


def test_network_filters(client: TestClient) -> None:
    assert client.get("/api/network", params={"type": "AID"}).json()["edges"]
    none = client.get("/api/network", params={"type": "NO-SUCH-TYPE"}).json()
    assert none["edges"] == [] and none["nodes"] == []
    later = client.get("/api/network", params={"date_from": "2030-01-01"}).json()
    assert later["edges"] == []
    by_actor = client.get("/api/network", params={"actor": "Estonia"}).json()
    assert all("EST" in (e["actor_id"], e["recipient_id"]) for e in by_actor["edges"])
    assert client.get("/api/network", params={"date_from": "not-a-date"}).status_code == 422


def test_event_detail_evidence_is_the_article_text(client: TestClient, db: Path) -> None:
    edge = next(
        e
        for e in client.get("/api/network").json()["edges"]
        if (e["actor_id"], e["recipient_id"], e["type"]) == ("NOR", "EST", "AID")
    )
    ev = client.get(f"/api/events/{edge['id']}").json()
    assert ev["status"] in ("corroborated", "contested", "single-source", "denied")
    assert ev["supporters"] and ev["claims"] and ev["reports"]
    with Store(db, read_only=True) as store:
        texts = {r["id"]: r["text"] for r in store.query("SELECT id, text FROM articles")}
    for c in ev["claims"]:
        assert c["evidence"] == texts[c["article_id"]][c["start"] : c["end"]]
        assert c["evidence"] in c["context"]
    # the page: each evidence span is inside a <mark>, linked to its article
    page = client.get(f"/events/{edge['id']}")
    assert page.status_code == 200
    assert page.text.count("<mark") >= len(ev["claims"])
    assert f"/articles/{ev['claims'][0]['article_id']}?mark=" in page.text


def test_unknown_ids_are_404(client: TestClient) -> None:
    for url in (
        "/api/events/fe-000000000000",
        "/api/events/g-bm90LWpzb24",
        "/api/events/g-!!!",
        "/api/articles/nope",
        "/api/actors/NO-SUCH-ACTOR",
        "/events/fe-000000000000",
        "/articles/nope",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "detail" in r.json()


def test_actor_and_timeline(client: TestClient) -> None:
    a = client.get("/api/actors/NOR").json()
    assert a["name"] == "Norway" and a["n_mentions"] >= 4
    assert any(e["type"] == "AID" for e in a["events"])
    tl = client.get("/api/timeline", params={"actor": "Norway", "other": "Estonia"}).json()
    assert tl["events"]
    dates = {r["published"] for e in tl["events"] for r in e["reports"]}
    assert {"2025-03-03", "2025-03-05"} <= dates
    page = client.get("/timeline", params={"actor": "Norway", "other": "Estonia"})
    assert page.status_code == 200 and "<svg" in page.text


def test_search_full_text_and_wildcards_escaped(client: TestClient) -> None:
    res = client.get("/api/search", params={"q": "reconnaissance drones"}).json()
    assert [a["title"] for a in res["articles"]] == ["Drones for Estonia <script>alert(2)</script>"]
    assert "reconnaissance drones" in res["articles"][0]["snippet"]
    assert any(
        a["id"] == "NOR" for a in client.get("/api/search", params={"q": "norw"}).json()["actors"]
    )
    delivered = client.get("/api/search", params={"q": "delivered"}).json()["events"]
    assert len(delivered) >= 3  # one per article that says "delivered"
    assert {e["trigger"].lower() for e in delivered} == {"delivered"}
    assert all(e["event"].startswith(("fe-", "g-")) for e in delivered)
    # "%" and "_" are literal characters, not wildcards
    pct = client.get("/api/search", params={"q": "100%"}).json()["articles"]
    assert len(pct) == 1
    assert client.get("/api/search", params={"q": "_"}).json()["articles"] == []
    assert client.get("/api/search").status_code == 422


# ------------------------------------------------------------------ pages and escaping


def test_article_page_escapes_payloads(client: TestClient) -> None:
    for title in ("Norway rejects report", "Drones for Estonia"):
        aid = _article_id(client, title)
        raw = client.get(f"/api/articles/{aid}").json()["text"]
        assert "<script>alert(" in raw or IMG in raw  # the payload reached the store
        page = client.get(f"/articles/{aid}").text
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;alert(" in page or "&lt;img src=x onerror=alert(1)&gt;" in page


def test_search_and_event_pages_escape_payloads(client: TestClient) -> None:
    page = client.get("/search", params={"q": "alert"}).text
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    page = client.get("/search", params={"q": SCRIPT}).text
    assert "<script>alert" not in page
    for e in client.get("/api/events", params={"limit": 1000}).json():
        text = client.get(f"/events/{e['id']}").text
        assert "<script>alert" not in text and "<img src=x" not in text


def test_article_page_folds_removed_segments_and_marks(client: TestClient) -> None:
    aid = _article_id(client, "Norway sends artillery shells")
    art = client.get(f"/api/articles/{aid}").json()
    kinds = {s["kind"] for s in art["segments"]}
    assert "related" in kinds
    ev = next(e for e in art["events"] if e["trigger"] == "delivered")
    page = client.get(f"/articles/{aid}", params={"mark": f"{ev['start']}-{ev['end']}"}).text
    assert '<details class="segment removed" data-kind="related"' in page
    # folded, still viewable: the segment's whole text is inside its <details>
    related = next(x for x in art["segments"] if x["kind"] == "related")
    block = page.split('data-kind="related"', 1)[1].split("</details>", 1)[0]
    shown = html.unescape(re.sub(r"<[^>]+>", "", block.split("</summary>", 1)[1]))
    assert art["text"][related["start"] : related["end"]].strip() in shown
    assert '<mark id="m">' in page
    assert 'class="l-actor"' in page and "l-event" in page


def test_article_says_when_older_rules_made_it(db: Path, tmp_path: Path) -> None:
    client = TestClient(create_app(db))
    aid = _article_id(client, "Norway sends artillery shells")
    assert client.get(f"/api/articles/{aid}").json()["stale"] is False
    assert "Extracted by older rules" not in client.get(f"/articles/{aid}").text
    assert client.get("/api/health").json()["stale"] == 0
    assert "extracted by older rules" not in client.get("/network").text
    copy = tmp_path / "old.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(copy))
    con.execute("UPDATE article_rules SET rules = 'older' WHERE article_id = ?", [aid])
    con.close()
    old = TestClient(create_app(copy))
    assert old.get(f"/api/articles/{aid}").json()["stale"] is True
    assert "Extracted by older rules" in old.get(f"/articles/{aid}").text
    # the store-wide count, on the home page and in the health check
    assert old.get("/api/health").json()["stale"] == 1
    assert "1 of " in old.get("/network").text
    assert "articles were extracted by older rules" in old.get("/network").text


def test_security_headers(client: TestClient) -> None:
    r = client.get("/network")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "cdn" not in r.text.lower() and "https://" not in r.text.split("<main>")[0]


def test_static_files_fixed_mapping(client: TestClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    for url in (
        "/static/..%2F..%2F..%2Fetc%2Fpasswd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/../../etc/passwd",
        "/static/__init__.py",
        "/static/templates/base.html",
        "/static//etc/passwd",
    ):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "root:" not in r.text


def test_raw_traversal_path_over_http(db: Path) -> None:
    """A literal ../ path (no client-side normalisation) sent over a real socket."""
    import socket
    import threading

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="error")
    )
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        with socket.create_connection(("127.0.0.1", port)) as c:
            c.sendall(
                b"GET /static/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            )
            data = b""
            while chunk := c.recv(65536):
                data += chunk
        assert data.split(b"\r\n", 1)[0].split()[1] == b"404"
        assert b"root:" not in data
    finally:
        server.should_exit = True
        t.join(5)


# ------------------------------------------------------------------ unfused store


def test_unfused_store_groups_mentions(unfused_db: Path) -> None:
    c = TestClient(create_app(unfused_db))
    assert c.get("/api/health").json()["fused"] is False
    net = c.get("/api/network").json()
    assert net["fused"] is False and net["edges"]
    edge = next(e for e in net["edges"] if (e["actor_id"], e["type"]) == ("NOR", "AID"))
    assert edge["id"].startswith("g-")
    ev = c.get(f"/api/events/{edge['id']}").json()
    assert ev["reports"] and all(r["article_id"] for r in ev["reports"])
    page = c.get(f"/events/{edge['id']}")
    assert page.status_code == 200 and "<mark" in page.text
    assert "not fused" in c.get("/network").text


def test_group_ids_round_trip() -> None:
    for key in (("AID", "NOR", "EST"), ("ACCUSE", None, "x-y.z"), ("SANCTION", "a", None)):
        assert parse_group_id(group_id(*key)) == key
    assert parse_group_id("fe-123") is None
    assert parse_group_id("g-e30") is None  # "{}": not a key


# ------------------------------------------------------------------ access token


def test_token_required_everywhere(db: Path) -> None:
    c = TestClient(create_app(db, token="s3cret"))
    for url in ("/api/health", "/network", "/static/style.css", "/openapi.json"):
        r = c.get(url)
        assert r.status_code == 401, url
        assert r.json()["detail"] == "missing or wrong access token"
    assert c.get("/api/health", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/health", params={"token": "s3cre"}).status_code == 401
    assert c.get("/api/health", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/network", params={"token": "s3cret"})
    assert r.status_code == 200
    # the page's own links carry no token: a cookie keeps the session
    assert c.get("/api/health").status_code == 200


def test_serve_refuses_remote_binding_without_flag_and_token(db: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
    with pytest.raises(ValueError, match="allow-remote"):
        serve(db, host="0.0.0.0")
    with pytest.raises(ValueError, match="token"):
        serve(db, host="0.0.0.0", allow_remote=True)
    with pytest.raises(FileNotFoundError):
        serve(db.parent / "missing.duckdb")


# ------------------------------------------------------------------ concurrent writer


HOLD_WRITER = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "sys.stdin.read()\n"
    "con.close()\n"
)


@pytest.fixture()
def own_db(db: Path, tmp_path: Path) -> Path:
    """A private copy of the store that no connection of this process has opened (POSIX
    drops a process's file locks when any of its descriptors of the file is closed, so
    lock tests must not share the file with the module's other clients)."""
    copy = tmp_path / "own.duckdb"
    shutil.copy(db, copy)
    return copy


def test_503_while_another_process_writes(own_db: Path) -> None:
    db = own_db
    c = TestClient(create_app(db, hold=0))
    assert c.get("/api/health").status_code == 200
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        for url in ("/api/events", "/network"):
            r = c.get(url)
            assert r.status_code == 503, url
            assert r.json()["detail"] == BUSY
            assert r.headers["retry-after"] == "1"
    finally:
        assert writer.stdin is not None
        writer.stdin.close()
        writer.wait(10)
    assert c.get("/api/events").status_code == 200


TRY_WRITER = (
    "import sys, duckdb\n"
    "print('ready', flush=True)\n"
    "for line in sys.stdin:\n"
    "    try:\n"
    "        duckdb.connect(sys.argv[1]).close()\n"
    "        print('ok', flush=True)\n"
    "    except duckdb.IOException:\n"
    "        print('locked', flush=True)\n"
)


def test_keeper_lets_a_writer_in_once_idle(own_db: Path) -> None:
    app = create_app(own_db, hold=2.0)
    c = TestClient(app)
    writer = subprocess.Popen(
        [sys.executable, "-c", TRY_WRITER, str(own_db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None

    def try_write() -> str:
        writer.stdin.write("go\n")
        writer.stdin.flush()
        return writer.stdout.readline().strip()

    try:
        assert writer.stdout.readline().strip() == "ready"
        assert c.get("/api/health").status_code == 200
        assert try_write() == "locked"  # the instance is kept right after a request
        for _ in range(100):
            time.sleep(0.1)
            if try_write() == "ok":
                break
        else:
            raise AssertionError("the keeper never let go of the store")
    finally:
        writer.stdin.close()
        writer.wait(10)
    assert c.get("/api/health").status_code == 200
    app.state.keeper.close()


# ------------------------------------------------------------------ rendering


def test_render_spans_escapes_and_nests() -> None:
    text = "a <b> & c"
    html = render_spans(
        text,
        10,
        [Span(12, 15, "l-actor", 'x"y'), Span(14, 19, "evidence", mark=True)],
    )
    assert str(html) == (
        'a <span class="l-actor" title="x&#34;y">&lt;b</span>'
        '<mark id="m"><span class="l-actor" title="x&#34;y">&gt;</span></mark>'
        "<mark> &amp; c</mark>"
    )
    # spans outside the text are ignored, offsets are article offsets
    assert str(render_spans("xyz", 100, [Span(0, 5, "l-event")])) == "xyz"


def test_lookup_tables_answer_as_the_live_queries(db: Path) -> None:
    """actor_index, event_actors and event_index (written by fusion) give the same events,
    actors and search results as the queries over the per-article tables."""
    from claimgraph.serve import queries
    from claimgraph.store import Store

    with Store(db, read_only=True) as idx, Store(db, read_only=True) as live:
        live._serve_indexed = False  # type: ignore[attr-defined]
        assert queries.indexed(idx) and idx.count("event_index") == idx.count("events")
        ids = [r["id"] for r in idx.query("SELECT id FROM actors ORDER BY id")]
        assert len(ids) > 5
        with_events = hits = 0
        for a in [*ids, "Russia", "nobody at all"]:
            got = [e["id"] for e in queries.events(idx, actor=a, limit=500)]
            assert got == [e["id"] for e in queries.events(live, actor=a, limit=500)], a
            with_events += bool(got)
        for q in ("drones", "deliver", "AID", "accuse", "Russia", "minister", "x%y", "a_b", "\x1f"):
            found = queries.search(idx, q)
            assert found == queries.search(live, q), q
            assert queries.actors(idx, q) == queries.actors(live, q), q
            hits += bool(found["events"])
        assert with_events >= 3 and hits >= 2  # the comparison is not between empty lists


def test_lookup_tables_are_not_used_once_an_unfused_article_is_stored(own_db: Path) -> None:
    from claimgraph.serve import queries

    with Store(own_db, read_only=True) as s:
        assert queries.indexed(s)
    con = duckdb.connect(str(own_db))  # as an ingest run with --no-fuse would leave it
    con.execute("INSERT INTO articles (id, source, text) VALUES ('zz-new', 'new.txt', 'New.')")
    con.close()
    with Store(own_db, read_only=True) as s:
        assert not queries.indexed(s)
