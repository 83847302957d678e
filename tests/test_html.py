"""html_to_text on small hand-written pages: main text kept, page furniture dropped, bad
input turned into HtmlError."""

from __future__ import annotations

import pytest

from claimgraph.clean.html import HtmlError, HtmlText, html_to_text

P1 = (
    "The port authority said on Monday that the ferry link to the island would reopen "
    "next week, after three weeks of repairs to the landing stage."
)
P2 = (
    "Engineers replaced the damaged pontoon and two of the steel ramps, the authority's "
    "spokeswoman Maria Lund told reporters at the harbour."
)
P3 = (
    "Local businesses, which lost most of their summer trade during the closure, welcomed "
    "the news but asked the council for compensation."
)

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Ferry link to reopen next week | Coast Daily</title>
<meta property="og:site_name" content="Coast Daily">
<meta property="article:published_time" content="2024-05-06T09:00:00Z">
</head><body>
<header><div class="logo">Coast Daily</div>
<nav class="main-menu"><ul>
<li><a href="/">Home</a></li><li><a href="/news">Regional news</a></li>
<li><a href="/sport">Sport and leisure</a></li><li><a href="/weather">Weather</a></li>
</ul></nav></header>
<main><article>
<h1>Ferry link to reopen next week</h1>
<p>{P1}</p>
<p>{P2}</p>
<p>{P3}</p>
</article>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Storm damage closes two schools on the coast</a></li>
<li><a href="/b">Fishing fleet returns after three days in port</a></li>
<li><a href="/c">New cycle path opens along the old railway line</a></li>
</ul></aside></main>
<footer><p>Copyright 2024 Coast Daily. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body></html>"""


@pytest.fixture(scope="module")
def page() -> HtmlText:
    return html_to_text(PAGE, url="https://coastdaily.example/ferry")


def test_main_text_is_kept_as_paragraphs(page: HtmlText):
    paras = page.text.split("\n\n")
    for p in (P1, P2, P3):
        assert p in paras
    assert paras.index(P1) < paras.index(P2) < paras.index(P3)


def test_menu_sidebar_and_footer_are_dropped(page: HtmlText):
    for junk in (
        "Regional news",
        "Sport and leisure",
        "Storm damage closes",
        "Privacy policy",
        "All rights reserved",
        "Most read",
    ):
        assert junk not in page.text


def test_metadata(page: HtmlText):
    assert page.title and "Ferry link to reopen next week" in page.title
    assert page.sitename == "Coast Daily"
    assert page.date == "2024-05-06"


def test_related_headlines_inside_the_article_are_dropped():
    related = "".join(
        f'<p><a href="/r{i}">{h}</a></p>'
        for i, h in enumerate(
            [
                "Council approves budget for the new harbour wall",
                "Ferry operator orders two electric boats",
                "Island school celebrates its hundredth year",
            ]
        )
    )
    html = (
        f"<html><body><article><p>{P1}</p><p>{P2}</p>{related}<p>{P3}</p></article></body></html>"
    )
    text = html_to_text(html).text
    assert P1 in text and P3 in text
    assert "electric boats" not in text


def test_hover_card_inside_a_paragraph_is_removed_but_the_name_kept():
    card = (
        '<span class="card"><img src="/lund.jpg" alt="">'
        '<a href="/people/lund">Maria Lund</a> <a href="/s/1">Ferry link to reopen</a> '
        '<a href="/s/2">Harbour fees to rise</a></span>'
    )
    para = (
        f'<p>The spokeswoman <span class="person"><a href="/people/lund">Maria Lund</a>{card}'
        "</span> said the first crossing would be on Thursday, weather permitting, and that "
        "tickets bought for cancelled crossings remain valid until the end of the year.</p>"
    )
    html = f"<html><body><article><p>{P1}</p>{para}<p>{P3}</p></article></body></html>"
    text = html_to_text(html).text
    assert "The spokeswoman Maria Lund said the first crossing would be on Thursday" in text
    assert "Harbour fees to rise" not in text


def test_fragment_without_html_element():
    text = html_to_text(f"<div><p>{P1}</p><p>{P2}</p></div>").text
    assert text == f"{P1}\n\n{P2}"


def test_deep_nesting_keeps_the_text():
    depth = 5000
    html = "<html><body>" + "<div>" * depth + f"<p>{P1}</p>" + "</div>" * depth + "</body></html>"
    assert P1 in html_to_text(html).text


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("", "empty HTML document"),
        ("   \n\t ", "empty HTML document"),
        ("<html><head><title>Only a title</title></head></html>", "no main text"),
        ("<html><body><script>var a = 1;</script><img src='x.png'></body></html>", "no main text"),
        ("<<<>>>&&&;;", "no main text"),
    ],
)
def test_pages_without_text_raise_html_error(html: str, message: str):
    with pytest.raises(HtmlError) as err:
        html_to_text(html)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_bytes_and_oversized_input_raise_html_error(monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(HtmlError, match="expected the HTML page as str"):
        html_to_text(b"<html></html>")  # type: ignore[arg-type]
    import claimgraph.clean.html as mod

    monkeypatch.setattr(mod, "MAX_HTML_CHARS", 1000)
    with pytest.raises(HtmlError, match="too large"):
        html_to_text("<html><body>" + "<p>word</p>" * 200 + "</body></html>")
