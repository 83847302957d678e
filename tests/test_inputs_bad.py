"""Hostile inputs through the whole ``Store.ingest``: a clear one-line error or a clean result.

The corpus is generated here in ``tmp_path``. Every failing input must leave an errors-table
row with a one-line reason; nothing may crash or hang, and memory stays bounded (the CLI run
is measured in a subprocess).
"""

from __future__ import annotations

import gzip
import io
import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.store import Store

GOOD = "The council said on Monday that the coast road would be widened next year."
ARTICLE = f"Road plan approved\n\n{GOOD} Work starts in May.\n"
#: The pipeline guards the text fed to spaCy (over-long paragraphs and "words").


def write_corpus(d: Path) -> dict[str, str]:
    """Write the hostile corpus; returns {file name: expected outcome} ("ok", "error", ...)."""
    d.mkdir(parents=True, exist_ok=True)
    want: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str) -> None:
        p = d / name
        if isinstance(data, str):
            p.write_text(data, encoding="utf-8")
        else:
            p.write_bytes(data)
        want[name] = outcome

    put("empty.txt", b"", "error")
    put("blank.txt", b" \n\t \r\n  ", "error")
    put("binary.txt", bytes(range(256)) * 64, "error")
    put("bad_utf8.txt", ARTICLE.encode() + b"\xff\xfe\xc3\x28 more text \xa0\xe2\x82", "ok")
    put("latin1.txt", ("Café owners said the tax was unfair. " + ARTICLE).encode("latin-1"), "ok")
    put("utf16.txt", ("Zoë reported the result. " + ARTICLE).encode("utf-16"), "ok")
    big_para = "<p>" + GOOD * 20 + "</p>\n"
    put(
        "huge.html",
        "<html><body>" + big_para * (50 * 1024 * 1024 // len(big_para)) + "</body></html>",
        "error",
    )
    put(
        "nested.html",
        "<html><body>"
        + "<div>" * 100_000
        + f"<p>{GOOD} {GOOD}</p>" * 5
        + "</div>" * 100_000
        + "</body></html>",
        "ok",
    )
    put("trunc.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:40], "error")
    put("nobody.html", "<html><head><title>Only a title</title></head></html>", "error")
    put(
        "head_only.html",
        "<html><head><title>T</title><meta charset=utf-8></head><p>" + GOOD + "</p>",
        "ok",
    )
    lines = [
        json.dumps({"title": "one", "text": ARTICLE}),
        '{"title": "broken", "text": "unterminated',
        "[1, 2, 3]",
        json.dumps({"title": "two", "text": ARTICLE.replace("May", "June")}),
        "\x00\x01garbage",
        json.dumps({"title": "bad date", "text": ARTICLE, "published": "the 45th of Smarch"}),
    ]
    put("feed.jsonl", "\n".join(lines) + "\n", "jsonl")
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for url, ctype, body in [
        ("http://x.example/a.css", "text/css", b"body { color: red }"),
        ("http://x.example/p", "text/html", f"<html><body><p>{GOOD}</p></body></html>".encode()),
        ("http://x.example/i.jpg", "image/jpeg", b"\xff\xd8\xff"),
    ]:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        )
    put("crawl.warc.gz", buf.getvalue(), "warc")
    return want


def one_line(reason: str) -> bool:
    return bool(reason) and "\n" not in reason and len(reason) < 500


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    return d, write_corpus(d)


def test_hostile_corpus_through_ingest(corpus, tmp_path):
    d, want = corpus
    with Store(tmp_path / "h.duckdb") as store:
        summary = store.ingest([d], batch_size=4)
        errs = {e.source.removeprefix(str(d) + "/"): e for e in summary.errors}
        for name, outcome in want.items():
            if outcome == "error":
                assert name in errs, f"{name} should have failed"
                assert one_line(errs[name].reason), errs[name]
            elif outcome == "ok":
                assert name not in errs, f"{name} failed: {errs.get(name)}"
        assert errs["huge.html"].reason.startswith("html too large")
        assert "binary" in errs["binary.txt"].reason
        assert "gzip" in errs["trunc.txt.gz"].reason
        # JSONL: each bad line is its own error, no good line is lost
        assert sorted(k for k in errs if k.startswith("feed.jsonl")) == [
            "feed.jsonl:2",
            "feed.jsonl:3",
            "feed.jsonl:5",
            "feed.jsonl:6",
        ]
        titles = {r["title"] for r in store.query("SELECT title FROM articles")}
        assert {"one", "two"} <= titles
        # WARC: the HTML response is an article, the CSS and JPEG records are skipped
        assert sum(s.startswith(str(d / "crawl.warc.gz")) for s in summary.skipped) == 2
        urls = {r["url"] for r in store.query("SELECT url FROM articles")}
        assert "http://x.example/p" in urls
        texts = " ".join(r["text"] for r in store.query("SELECT text FROM articles"))
        assert "Café" in texts and "Zoë" in texts  # legacy and UTF-16 text decoded
        assert (
            "widened"
            in store.query("SELECT text FROM articles WHERE source LIKE '%nested.html'")[0]["text"]
        )
        # every error is in the errors table
        rows = store.errors(run_id=summary.run_id, limit=1000)
        assert len(rows) == len(summary.errors)
        assert all(one_line(r["reason"]) for r in rows)
        ok = sum(v == "ok" for v in want.values())
        assert summary.articles == ok + 2 + 1  # + two JSONL lines + one WARC page


def test_cli_on_hostile_corpus_bounded_memory(corpus, tmp_path):
    d, _ = corpus
    cmd = [
        sys.executable,
        "-m",
        "claimgraph.cli",
        "ingest",
        str(d),
        "--db",
        str(tmp_path / "c.duckdb"),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]  # some inputs failed: exit code 1
    assert "Traceback" not in proc.stderr
    assert "errors" in proc.stderr.splitlines()[-1] or "errors" in proc.stderr
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 2000, f"peak memory {peak_mb:.0f} MB"


def test_one_megabyte_sentence_is_a_clear_error(tmp_path):
    """Text beyond spaCy's max_length is refused up front with one error row."""
    text = "One long sentence\n\n" + " ".join(
        ["the council said the road would be widened"] * 25_000
    )
    (tmp_path / "mb.txt").write_text(text[:1_000_500] + ".", encoding="utf-8")
    with Store(tmp_path / "mb.duckdb") as store:
        summary = store.ingest([tmp_path / "mb.txt"])
        assert summary.articles == 0
        assert [e.reason for e in summary.errors] == [
            "text too large: 1000501 characters (limit 1000000)"
        ]
        assert store.errors(run_id=summary.run_id)[0]["stage"] == "sources"


HOSTILE_TEXT = {
    "quotes.txt": "Quote storm\n\nHe said " + '"' * 10_000 + " and then he left the room.\n",
    "sentence.txt": "One long sentence\n\n"
    + " ".join(["the council said that the road would be widened"] * 450)
    + ".\n",
}


def test_text_that_chokes_the_parser(tmp_path):
    """10,000 quote marks in a row (quadratic in spaCy's tokenizer) and a 22,000-character
    sentence (longer than one parser piece) are stored with their sentences; no crash."""
    for name, text in HOSTILE_TEXT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(tmp_path / "p.duckdb") as store:
        summary = store.ingest([tmp_path], batch_size=8)
        assert summary.errors == []
        assert summary.articles == len(HOSTILE_TEXT) + 1
        for name in HOSTILE_TEXT:
            n = store.query(
                "SELECT count(*) AS n FROM sentences s JOIN articles a ON a.id = s.article_id "
                "WHERE a.source LIKE ?",
                [f"%{name}"],
            )[0]["n"]
            assert n >= 2, name  # the headline and at least one body sentence
        for e in store.query(
            "SELECT e.text, e.start, e.end, a.text AS body FROM entities e "
            "JOIN articles a ON a.id = e.article_id"
        ):
            assert e["body"][e["start"] : e["end"]] == e["text"]
