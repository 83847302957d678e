"""More input formats: WARC(.gz), RSS/Atom feeds, language detection (fixtures written here)."""

from __future__ import annotations

import gzip
import io
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.language import detect_article_language, detect_language, is_english
from claimgraph.records import Article, SourceError
from claimgraph.sources import Skipped, charset_of, http_date, read

PAGE = """<!doctype html><html lang="en"><head><title>Port reopens after storm</title>
<meta property="article:published_time" content="2023-06-14T08:00:00Z"></head>
<body><article><h1>Port reopens after storm</h1>
<p>The harbour authority said on Tuesday that the northern port had reopened to ships after
three days of repairs to the breakwater.</p>
<p>Officials expected traffic to return to normal levels by the end of the week.</p>
</article></body></html>"""

FRENCH = """<html><body><p>Le conseil municipal a voté mardi soir un nouveau plan pour les
transports publics de la ville, qui entrera en vigueur au printemps prochain.</p></body></html>"""


def split(items):
    items = list(items)
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, SourceError)],
        [i for i in items if isinstance(i, Skipped)],
    )


def write_warc(path: Path, gz: bool, records: list[tuple]) -> None:
    """records: (kind, url, content_type, status, body, extra_http_headers)."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for kind, url, ctype, status, body, extra in records:
        if kind == "request":
            http = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            w.write_record(
                w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
            )
            continue
        http = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    path.write_bytes(buf.getvalue())


def warc_records():
    return [
        ("request", "http://example.org/a", None, None, None, None),
        (
            "response",
            "http://example.org/a",
            "text/html; charset=utf-8",
            "200 OK",
            PAGE.encode(),
            [],
        ),
        ("response", "http://example.org/logo.png", "image/png", "200 OK", b"\x89PNG....", []),
        ("response", "http://example.org/gone", "text/html", "404 Not Found", b"<p>gone</p>", []),
        (
            "response",
            "http://example.org/b",
            "text/html; charset=iso-8859-1",
            "200 OK",
            "<html><body><p>Zoë said the café would stay open all winter long.</p></body></html>".encode(
                "latin-1"
            ),
            [("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")],
        ),
    ]


def test_warc_and_warc_gz(tmp_path):
    for gz in (False, True):
        p = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
        write_warc(p, gz, warc_records())
        arts, errs, skipped = split(read([p]))
        assert not errs
        assert [a.url for a in arts] == ["http://example.org/a", "http://example.org/b"]
        assert all(a.raw_kind == "html" for a in arts)
        # date from the page's metadata, else from the HTTP Last-Modified header
        assert arts[0].published == date(2023, 6, 14)
        assert arts[1].published == date(2015, 10, 21)
        assert "Zoë" in arts[1].raw and "café" in arts[1].raw  # charset from HTTP header
        assert arts[0].language == "en"
        # request, image and 404 records are skipped and counted, not errors
        reasons = sorted(s.reason for s in skipped)
        assert len(skipped) == 3
        assert any("image/png" in r for r in reasons) and any("404" in r for r in reasons)


def test_truncated_warc_keeps_records_before_the_break(tmp_path):
    p = tmp_path / "cut.warc.gz"
    write_warc(p, True, warc_records() * 3)
    data = p.read_bytes()
    p.write_bytes(data[: int(len(data) * 0.7)])
    arts, errs, _ = split(read([p]))
    assert len(arts) >= 2
    assert len(errs) == 1 and "\n" not in errs[0].reason


def test_not_a_warc(tmp_path):
    p = tmp_path / "junk.warc"
    p.write_bytes(b"this is not a web archive\n" * 10)
    arts, errs, _ = split(read([p]))
    assert not arts and len(errs) == 1 and "WARC" in errs[0].reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Coast News</title><language>en-us</language>
<item><title>Ferry link to reopen</title><link>http://coast.example/ferry</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The harbour authority said on Monday that the ferry link to the island
would reopen next week after repairs.&lt;/p&gt;</description></item>
<item><title>Empty entry</title><link>http://coast.example/empty</link></item>
<item><title>Conseil</title><link>http://coast.example/fr</link>
<description>Le conseil municipal a voté mardi soir un nouveau plan pour les transports
publics de la ville.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Times</title>
<entry><title>Dam inspection finds cracks</title><link href="http://valley.example/dam"/>
<updated>2023-11-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;Engineers said on Thursday that an inspection of the river
dam had found small cracks that would be repaired before winter.&lt;/p&gt;</content>
<summary>Short summary.</summary></entry>
</feed>"""


def test_rss_and_atom(tmp_path):
    (tmp_path / "coast.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "valley.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url/></urlset>')
    arts, errs, skipped = split(read([tmp_path]))
    by_title = {a.title: a for a in arts}
    assert set(by_title) == {"Ferry link to reopen", "Conseil", "Dam inspection finds cracks"}
    ferry = by_title["Ferry link to reopen"]
    assert ferry.url == "http://coast.example/ferry" and ferry.published == date(2024, 3, 4)
    assert ferry.publisher == "Coast News" and "ferry link" in ferry.raw
    assert ferry.language == "en"
    assert by_title["Conseil"].language == "fr"  # detected, not the feed's en-us
    dam = by_title["Dam inspection finds cracks"]
    assert "small cracks" in dam.raw and dam.published == date(2023, 11, 2)  # content wins
    assert [e.reason for e in errs] == ["feed entry has no content or summary"]
    assert errs[0].source.endswith("coast.rss#2")
    assert [s.source.endswith("sitemap.xml") for s in skipped] == [True]


def test_broken_feed(tmp_path):
    (tmp_path / "bad.rss").write_text("<rss><channel><title>x</title>", encoding="utf-8")
    arts, errs, _ = split(read([tmp_path / "bad.rss"]))
    assert not arts and len(errs) == 1 and "feed" in errs[0].reason


def test_jsonl_gz_truncated_keeps_earlier_lines(tmp_path):
    lines = "".join(
        f'{{"title": "T{i}", "text": "Article number {i} text."}}\n' for i in range(200)
    )
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    arts, errs, _ = split(read([tmp_path / "cut.jsonl.gz"]))
    assert len(arts) > 10 and [a.title for a in arts[:2]] == ["T0", "T1"]
    assert len(errs) == 1 and "broken file" in errs[0].reason


def test_detect_language():
    assert detect_language("The ministry said on Monday that it would sign the agreement.") == "en"
    assert (
        detect_language(
            "Das Ministerium teilte am Montag mit, dass es das Abkommen unterzeichnen werde."
        )
        == "de"
    )
    assert detect_language("Министерство заявило в понедельник, что подпишет соглашение.") == "ru"
    assert detect_language("") is None
    assert detect_language("12 345 678 !!! ???") is None
    assert detect_language("\ud800 broken surrogate text that is long enough to look at") in (
        None,
        "en",
    )
    assert detect_article_language(FRENCH, "html") == "fr"
    assert is_english("en") and is_english(None) and not is_english("fr")


def test_language_flag_and_given_language_kept(tmp_path):
    (tmp_path / "fr.html").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "given.jsonl").write_text(
        '{"text": "Some English words here.", "language": "xx"}\n'
    )
    arts, _, _ = split(read([tmp_path]))
    assert [a.language for a in arts] == ["fr", "xx"]
    arts, _, _ = split(read([tmp_path / "fr.html"], detect_language=False))
    assert arts[0].language is None


def test_http_helpers():
    assert http_date("Wed, 21 Oct 2015 07:28:00 GMT") == date(2015, 10, 21)
    assert http_date("2020-01-02T03:04:05Z") == date(2020, 1, 2)
    assert http_date("garbage") is None and http_date(None) is None
    assert charset_of("text/html; charset=ISO-8859-1") == "iso8859-1"
    assert charset_of("text/html; charset=nonsense") is None
