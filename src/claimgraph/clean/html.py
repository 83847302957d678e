"""Main text of an HTML news page, with trafilatura plus a few structural safeguards.

:func:`html_to_text` returns the article's main text as paragraphs separated by a blank
line, and the page's title, site name and date from its metadata. It never crashes on bad
input: empty, unparsable or text-less pages (and pages whose extraction fails) raise
:class:`HtmlError` with a one-line reason.

How the text is found (every step is generic: no per-site or per-page rules):

1. The page is parsed once with lxml (a fragment without ``<html>`` is wrapped in a body;
   nesting deeper than :data:`MAX_DEPTH` is flattened, and a page nested beyond libxml2's
   depth limit is parsed again without its container tags, so that no text is cut off).
2. Inline widgets are removed from paragraphs: the innermost inline element inside a
   paragraph that holds an image and several links, and whose text is link text, is a
   hover card or sharing box that the page's CSS hides, not running text.
3. trafilatura extracts the main content twice, without reader comments, with tables: in
   precision mode (which trims the article's edges well: promotions, related headlines)
   and in its balanced mode (which keeps more inside the article: sub-headings, linked
   phrases). The two block sequences are aligned; precision mode sets the extent and
   balanced mode fills the gaps inside it (see :func:`_fill_gaps`).
4. Runs of two or more blocks that are each the whole text of a link on the page are
   dropped (related-article lists, "more stories" headlines).
5. Fallbacks if too little is found: balanced mode alone (which itself falls back to
   readability and jusText), then trafilatura's ``baseline`` (``<article>``, ``<p>`` and
   JSON-LD ``articleBody`` text).

Lines that name other articles ("Read also: ...") are left in the text on purpose:
:mod:`claimgraph.clean.hygiene` types them as segments instead of deleting them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Above this size the balanced second pass and htmldate's extensive search are skipped.
BIG_PAGE_CHARS = 3_000_000
#: Larger inputs are refused (with :class:`HtmlError`) rather than risking minutes of work.
MAX_HTML_CHARS = 50_000_000
#: Elements nested deeper than this are unwrapped into their ancestor at this depth.
MAX_DEPTH = 180
#: How many balanced blocks ahead a precision block is looked for when aligning the two.
ALIGN_WINDOW = 40
#: Below this many characters a precision-mode extraction is considered to have failed.
MIN_TEXT_CHARS = 250
#: A block is "link-only" when it is the text of one of the page's links, this short at most.
LINK_ITEM_MAX_WORDS = 20

_WS = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w")
_INLINE = {"span", "a", "em", "strong", "b", "i", "u", "small", "sup", "sub", "font", "mark"}


class HtmlError(ValueError):
    """The page holds no extractable text (or could not be processed at all)."""


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None = None
    sitename: str | None = None
    date: str | None = None  # ISO date from the page's metadata, if any


def html_to_text(html: str, url: str | None = None) -> HtmlText:
    """Extract the main text (paragraphs separated by blank lines) and metadata.

    Raises :class:`HtmlError` (one-line message) when the page is empty, cannot be parsed,
    is larger than :data:`MAX_HTML_CHARS`, or holds no main text.
    """
    if not isinstance(html, str):
        raise HtmlError(f"expected the HTML page as str, got {type(html).__name__}")
    if not html.strip():
        raise HtmlError("empty HTML document")
    if len(html) > MAX_HTML_CHARS:
        raise HtmlError(f"HTML page too large: {len(html)} characters (limit {MAX_HTML_CHARS})")
    try:
        tree = parse_html(html)
    except HtmlError:
        raise
    except Exception as exc:  # lxml/libxml2 errors, memory errors on absurd input
        raise HtmlError(f"HTML could not be parsed: {_one_line(exc)}") from exc
    try:
        return _extract(tree, url, len(html))
    except HtmlError:
        raise
    except RecursionError as exc:
        raise HtmlError("main-text extraction failed: HTML nested too deeply") from exc
    except Exception as exc:  # a bug or limit inside trafilatura/lxml must not crash a run
        raise HtmlError(f"main-text extraction failed: {_one_line(exc)}") from exc


# --- parsing -----------------------------------------------------------------------------


def parse_html(html: str) -> HtmlElement:
    """Parse HTML into an lxml tree (fragments wrapped in a body, deep nesting flattened)."""
    import lxml.html
    from lxml import etree

    text = _INVALID_XML_CHARS.sub("", html)
    # lxml refuses str input carrying an XML encoding declaration
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    if not _DOCUMENT_TAG.search(text, 0, 200_000):
        text = f"<html><body>{text}</body></html>"
    parser = lxml.html.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
        if _flatten_deep(tree) >= PARSER_DEPTH_LIMIT:
            # libxml2 drops whatever lies deeper than its limit: parse again without the
            # container and inline tags that such nesting is made of (text is kept)
            tree = lxml.html.document_fromstring(_CONTAINER_TAGS.sub(" ", text), parser=parser)
            _flatten_deep(tree)
    except etree.ParserError as exc:  # "Document is empty"
        raise HtmlError(f"HTML could not be parsed: {_one_line(exc)}") from exc
    if tree is None:
        raise HtmlError("HTML could not be parsed: no element tree")
    return tree


#: Depth at which libxml2 (``huge_tree``) stops nesting; deeper content would be lost.
PARSER_DEPTH_LIMIT = 2000
_CONTAINER_TAGS = re.compile(
    r"</?(?:div|span|font|section|article|main|aside|center|b|i|u|em|strong|small|big|sup|sub|"
    r"table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|blockquote|figure|label|form|nav|"
    r"header|footer)\b[^>]*>",
    re.IGNORECASE,
)


_DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _flatten_deep(tree: HtmlElement) -> int:
    """Unwrap every element nested deeper than :data:`MAX_DEPTH`; return the deepest level."""
    from lxml import etree

    deep: list[HtmlElement] = []
    deepest = 0
    stack: list[tuple[HtmlElement, int]] = [(tree, 0)]
    while stack:
        elem, depth = stack.pop()
        deepest = max(deepest, depth)
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            if depth + 1 > MAX_DEPTH:
                deep.append(child)
            stack.append((child, depth + 1))
    if deep:
        for elem in deep:
            elem.tag = "cgflattened"
            # strip_tags keeps text and tails; a space keeps words apart
            elem.tail = " " + (elem.tail or "")
        etree.strip_tags(tree, "cgflattened")
    return deepest


def _is_widget(elem: HtmlElement) -> bool:
    """An inline element holding an image and several links, with text made of links."""
    if not isinstance(elem.tag, str) or elem.tag not in _INLINE or elem.tag == "a":
        return False
    if next(elem.iter("img"), None) is None:
        return False
    links = list(elem.iter("a"))
    if len(links) < 2:
        return False
    text = len(_key(elem.text_content()))
    linked = sum(len(_key(a.text_content())) for a in links)
    return linked >= 0.8 * text


def _prepare(tree: HtmlElement) -> None:
    """Remove inline widgets from paragraphs (hover cards, inline share boxes).

    The innermost qualifying element is removed, so that a wrapper holding the linked name
    and its hidden card keeps the name.
    """
    candidates: dict[HtmlElement, None] = {}  # lxml keeps one proxy per node while referenced
    for img in tree.iter("img"):
        chain = []
        for anc in img.iterancestors():
            if anc.tag == "p":  # only images inside a paragraph matter
                candidates.update(dict.fromkeys(chain))
                break
            chain.append(anc)
    widgets = [e for e in candidates if _is_widget(e)]
    outer: set[HtmlElement] = set()
    for elem in widgets:
        outer.update(elem.iterancestors())
    doomed = [e for e in widgets if e not in outer]
    for elem in doomed:
        parent = elem.getparent()
        if parent is None:
            continue
        # keep the tail (the paragraph's text after the widget)
        tail = elem.tail
        prev = elem.getprevious()
        if tail:
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(elem)


# --- extraction --------------------------------------------------------------------------


def _extract(tree: HtmlElement, url: str | None, size: int) -> HtmlText:
    import trafilatura
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params

    big = size > BIG_PAGE_CHARS
    _prepare(tree)
    common = {
        "url": url,
        "include_comments": False,
        "include_tables": True,
        "include_links": False,  # True loses the text before a link in <div> paragraphs
        # htmldate's extensive search scans the whole page with regexes: slow on huge pages
        "date_extraction_params": set_date_params(extensive=not big),
    }
    anchors = _anchor_texts(tree)
    doc = trafilatura.bare_extraction(tree, favor_precision=True, with_metadata=True, **common)
    precise = _block_texts(doc.body) if doc is not None else []
    meta = doc
    if meta is None:
        meta = extract_metadata(deepcopy(tree), url, common["date_extraction_params"])
    blocks = precise
    if not big or _size(precise) < MIN_TEXT_CHARS:
        alt = trafilatura.bare_extraction(tree, with_metadata=False, **common)
        balanced = _block_texts(alt.body) if alt is not None else []
        if _size(precise) < MIN_TEXT_CHARS:
            # precision mode found (almost) nothing: balanced mode, with its own fallbacks
            if _size(balanced) > _size(precise):
                blocks = balanced
        else:
            blocks = _fill_gaps(precise, balanced, anchors)
    paragraphs = _drop_link_runs(blocks, anchors)
    if not paragraphs:
        paragraphs = _baseline(tree)
    text = "\n\n".join(paragraphs).strip()
    if not _WORD.search(text):
        raise HtmlError("no main text found in the HTML page")
    return HtmlText(
        text=text,
        title=_clean_meta(getattr(meta, "title", None)),
        sitename=_clean_meta(getattr(meta, "sitename", None)),
        date=_clean_meta(getattr(meta, "date", None)),
    )


def _fill_gaps(precise: list[str], balanced: list[str], anchors: frozenset[str]) -> list[str]:
    """Precision mode's extent, with the blocks balanced mode finds inside it.

    Precision mode trims the edges of the article well (promotions, related headlines,
    comments) but also drops some blocks and inline links inside it (sub-headings, linked
    phrases). Blocks of both runs are aligned in order: a precision block is replaced by the
    balanced block whose words contain its words in order (at least half of them), and
    balanced blocks lying between two aligned blocks are inserted unless they are link-only
    (precision mode rightly drops inline "read more" headlines) or already present. Nothing
    before the first or after the last aligned block is added.
    """
    btoks = [_key(b).split() for b in balanced]
    pairs: list[tuple[int, int]] = []
    j0 = 0
    for i, block in enumerate(precise):
        ptoks = _key(block).split()
        if not ptoks:
            continue
        # the previous balanced block may hold this block too (balanced merged two blocks)
        if pairs and pairs[-1][1] == j0 - 1 and _contains_in_order(btoks[j0 - 1], ptoks):
            pairs.append((i, j0 - 1))
            continue
        for j in range(j0, min(len(balanced), j0 + ALIGN_WINDOW)):
            if _contains_in_order(btoks[j], ptoks) and 2 * len(ptoks) >= len(btoks[j]):
                pairs.append((i, j))
                j0 = j + 1
                break
    if len(pairs) < max(1, len(precise) // 2):
        return precise
    out: list[str] = list(precise[: pairs[0][0]])
    seen = {_key(b) for b in precise}
    for n, (i, j) in enumerate(pairs):
        if n == 0 or pairs[n - 1][1] != j:
            out.append(balanced[j])
            seen.add(_key(balanced[j]))
        if n + 1 < len(pairs):
            i2, j2 = pairs[n + 1]
            out.extend(precise[i + 1 : i2])
            for block in balanced[j + 1 : j2]:
                key = _key(block)
                if key and key not in seen and not _linky(block, anchors):
                    out.append(block)
                    seen.add(key)
    out.extend(precise[pairs[-1][0] + 1 :])
    # a precision block whose words a neighbouring balanced block repeats is dropped
    keys = [_key(b) for b in out]
    return [
        b
        for k, b in enumerate(out)
        if not any(
            0 <= n < len(out) and keys[k] and keys[k] != keys[n] and keys[k] in keys[n]
            for n in (k - 1, k + 1)
        )
    ]


def _contains_in_order(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``shorter`` is a subsequence of ``longer``."""
    it = iter(longer)
    return all(tok in it for tok in shorter)


def _baseline(tree: HtmlElement) -> list[str]:
    from trafilatura import baseline

    _body, text, _length = baseline(deepcopy(tree))
    return [p for p in (_norm_line(x) for x in (text or "").split("\n")) if p]


def _size(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs)


def _clean_meta(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WS.sub(" ", value).strip()
    return value or None


# --- rendering trafilatura's XML body as paragraphs ------------------------------------

_CONTAINERS = {"body", "div", "list", "quote", "table", "doc", "main", "section"}
_SKIP = {"graphic", "done"}


def _anchor_texts(tree: HtmlElement) -> frozenset[str]:
    """Normalised texts of the page's links (to recognise link-only blocks)."""
    out = set()
    for a in tree.iter("a"):
        text = _key("".join(a.itertext()))
        if text:
            out.add(text)
    return frozenset(out)


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _block_texts(body: object) -> list[str]:
    return [t for t in _blocks(body) if t] if body is not None else []


def _drop_link_runs(texts: list[str], anchors: frozenset[str]) -> list[str]:
    """Drop runs of two or more consecutive link-only blocks.

    A block is link-only when its words are exactly those of one of the page's links and it
    is short (a headline or a menu entry). Such runs are trailing "more stories" headlines
    and related-article lists; a single link-only block is kept, as it may belong to the
    article (e.g. "Full results here").
    """
    blocks = [(text, _linky(text, anchors)) for text in texts]
    out: list[str] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j][1]:
            j += 1
        if j - i >= 2:  # a run of link-only blocks
            i = j
            continue
        if j == i:
            out.append(blocks[i][0])
            i += 1
        else:
            out.extend(b[0] for b in blocks[i:j])
            i = j
    return out


def _linky(text: str, anchors: frozenset[str]) -> bool:
    key = _key(text)
    return bool(key) and key in anchors and len(key.split()) <= LINK_ITEM_MAX_WORDS


def _blocks(elem) -> Iterator[str]:  # noqa: ANN001 - an lxml element
    """One text per block of trafilatura's XML body (list items and table rows apart)."""
    for child in elem:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _SKIP:
            pass
        elif tag == "list":
            yield from _blocks(child)
        elif tag == "row":
            cells = [_text(c) for c in child if isinstance(c.tag, str)]
            line = " | ".join(c for c in cells if c)
            if line:
                yield line
        elif tag in _CONTAINERS and _has_block_children(child):
            if child.text and child.text.strip():
                yield _norm_line(child.text)
            yield from _blocks(child)
        elif tag:
            yield _text(child)
        if child.tail and child.tail.strip() and elem.tag in _CONTAINERS:
            yield _norm_line(child.tail)


_BLOCKS = {"p", "head", "list", "item", "quote", "table", "row", "code", "div"}


def _has_block_children(elem) -> bool:  # noqa: ANN001
    return any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in elem)


def _text(elem) -> str:  # noqa: ANN001
    """Text of one block; ``<lb/>`` becomes a line break, other white space one space."""
    parts: list[str] = []

    def walk(e) -> None:  # noqa: ANN001
        if e.tag == "lb":
            parts.append("\n")
        elif e.text:
            parts.append(e.text)
        for c in e:
            if isinstance(c.tag, str):
                walk(c)
            if c.tail:
                parts.append(c.tail)

    walk(elem)
    lines = (_norm_line(x) for x in "".join(parts).split("\n"))
    return "\n".join(x for x in lines if x)


def _norm_line(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _one_line(exc: BaseException) -> str:
    msg = _WS.sub(" ", str(exc).replace("\n", " ")).strip()
    return f"{type(exc).__name__}: {msg}"[:300] if msg else type(exc).__name__
