"""clean: the stored text of an article and its typed segments.

HTML goes through :mod:`claimgraph.clean.html` (trafilatura) to main text; any text then
goes through :mod:`claimgraph.clean.hygiene`, which marks site banners, related headlines,
"Read the original article on X" lines and "Next Post" teasers as typed segments instead of
throwing them away.
"""

from __future__ import annotations

import contextlib
from datetime import date

from claimgraph.clean.html import html_to_text
from claimgraph.clean.hygiene import hygiene
from claimgraph.records import Article, CleanDoc


def clean(article: Article) -> CleanDoc:
    """Turn an :class:`Article` into its stored text and segments."""
    if article.raw_kind == "html":
        page = html_to_text(article.raw, url=article.url)
        title = article.title or page.title
        doc = hygiene(page.text, title=title, prepend_title=True)
        if not doc.publisher and page.sitename:
            doc = _with(doc, publisher=page.sitename)
        if page.date:
            with contextlib.suppress(ValueError):
                doc = _with(doc, published=date.fromisoformat(page.date[:10]))
        return doc
    return hygiene(article.raw, title=article.title)


def _with(doc: CleanDoc, **changes: object) -> CleanDoc:
    from dataclasses import replace

    return replace(doc, **changes)


__all__ = ["clean", "hygiene", "html_to_text"]
