from claimgraph.clean import clean
from claimgraph.clean.hygiene import hygiene, patterns
from claimgraph.sources import make_article


def kinds(doc):
    return [(s.kind, doc.text[s.start : s.end].split("\n")[0]) for s in doc.segments]


def test_banner_page_segments(banner_page):
    doc = hygiene(banner_page)
    got = kinds(doc)
    assert got[0] == ("headline", "Harbour city says ferry link will reopen")
    assert got[1] == ("boilerplate", "Coastline Daily Online")
    assert got[2][0] == "related"
    assert [k for k, _ in got].count("related") == 2
    assert doc.title == "Harbour city says ferry link will reopen"
    assert doc.publisher == "Coastline Daily Online"
    assert doc.original_publisher == "The Island Courier"
    body = " ".join(doc.segment_text("body"))
    assert "ferry link to the island" in body and "more than $2 million" in body
    assert "Read also" not in body and "Council" not in body
    teaser = " ".join(doc.segment_text("teaser"))
    assert teaser.startswith("Council votes") and "widen the road" in teaser


def test_offsets_point_into_stored_text(banner_page):
    doc = hygiene(banner_page)
    for seg in doc.segments:
        assert 0 <= seg.start < seg.end <= len(doc.text)
        assert doc.text[seg.start : seg.end].strip() == doc.text[seg.start : seg.end]
    for _, s, e in doc.paragraphs():
        assert doc.text[s:e].strip() and "\n\n" not in doc.text[s:e]


def test_hygiene_is_idempotent(banner_page):
    once = hygiene(banner_page)
    twice = hygiene(once.text)
    assert once.text == twice.text and once.segments == twice.segments


def test_plain_paragraphs_stay_body():
    text = "The minister said the talks went well.\n\nBoth sides will meet again in May."
    doc = hygiene(text)
    assert [s.kind for s in doc.segments] == ["body"]


def test_dateline_and_byline():
    doc = hygiene(
        "Rains flood the valley\n\nMarch 3, 2024\n\nBy Ana Ruiz\n\nRivers rose overnight."
    )
    assert [s.kind for s in doc.segments] == ["headline", "byline", "byline", "body"]


def test_title_given_marks_headline():
    doc = hygiene("Valley floods\n\nRivers rose overnight.", title="Valley floods")
    assert doc.segments[0].kind == "headline"


def test_patterns_are_data():
    assert len(patterns()) >= 5


def test_html_page_is_cleaned():
    html = """<html><head><title>Port reopens after strike</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Port reopens after strike</h1>
    <p>The port of Valmere reopened on Friday after a two-week strike by dock workers ended.</p>
    <p>Union leaders said the new contract raises wages by four percent over two years.</p>
    <p>Shipping companies said it would take a week to clear the backlog of containers.</p>
    </article><footer>Copyright 2024 Valmere News</footer></body></html>"""
    doc = clean(make_article(html, "test.html", "html"))
    assert doc.segments[0].kind == "headline"
    body = " ".join(doc.segment_text("body"))
    assert "two-week strike" in body and "backlog" in body
    assert "Home" not in body
