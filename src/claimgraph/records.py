"""Plain typed records that flow one way through the pipeline.

sources -> ``Article`` (or ``SourceError``)
clean    -> ``CleanDoc`` (stored text + typed ``Segment``s)
annotate -> ``Sentence`` and ``Entity`` records with offsets into the stored text
later stages add their own records (defined in their modules) to ``ArticleRecords``.

Every record that comes from text carries evidence: the article id and character offsets
``[start, end)`` into ``CleanDoc.text``, the text stored in the database.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

RawKind = Literal["text", "html"]

SegmentKind = Literal[
    "headline",  # the article's own headline
    "byline",  # author / dateline lines
    "body",  # the article's paragraphs
    "related",  # "Read also:" / "Read more:" / "Related:" headlines of other articles
    "teaser",  # "Next Post" / "Previous Post" teasers of a different article
    "boilerplate",  # site banners, "Read the original article on X", navigation words
]

#: Segments that belong to the article itself (its claims are the article's claims).
OWN_SEGMENTS: frozenset[str] = frozenset({"headline", "body"})
#: Segments that are run through the NLP stages (other articles' text is kept apart).
ANNOTATED_SEGMENTS: frozenset[str] = frozenset({"headline", "body", "related", "teaser"})

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Normalise text for hashing: Unicode NFKC, folded white space, no outer space."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def text_id(text: str) -> str:
    """Stable article id: the first 16 hex digits of SHA-256 over the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document as read by :mod:`claimgraph.sources`, before cleaning."""

    id: str
    raw: str  # the page as read: plain text or HTML
    raw_kind: RawKind
    source: str  # where it came from: a path, "path:line", "stdin", a URL
    url: str | None = None
    title: str | None = None
    published: date | None = None
    publisher: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class SourceError:
    """An input that could not be read or processed; stored in the ``errors`` table."""

    source: str
    reason: str
    stage: str = "sources"


@dataclass(frozen=True, slots=True)
class Segment:
    """A typed span of the stored text (offsets into ``CleanDoc.text``)."""

    kind: SegmentKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CleanDoc:
    """The stored text of one article and how it divides into typed segments."""

    text: str
    segments: tuple[Segment, ...]
    title: str | None = None
    original_publisher: str | None = None
    publisher: str | None = None  # e.g. a site banner or HTML site name, if found
    published: date | None = None  # from the page's own metadata (HTML), if found

    def paragraphs(self, kinds: frozenset[str] = ANNOTATED_SEGMENTS) -> list[tuple[int, int, int]]:
        """``(segment_index, start, end)`` for each non-empty paragraph of the given kinds.

        A paragraph is a run of text between blank lines (or line breaks for one-line
        segments such as headlines), stripped of outer white space.
        """
        out: list[tuple[int, int, int]] = []
        for i, seg in enumerate(self.segments):
            if seg.kind not in kinds:
                continue
            for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", self.text[seg.start : seg.end]):
                s, e = seg.start + m.start(), seg.start + m.end()
                while s < e and self.text[s].isspace():
                    s += 1
                while e > s and self.text[e - 1].isspace():
                    e -= 1
                if e > s:
                    out.append((i, s, e))
        return out

    def segment_text(self, kind: str) -> list[str]:
        return [self.text[s.start : s.end] for s in self.segments if s.kind == kind]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    segment: int  # index into CleanDoc.segments


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str  # spaCy label (PERSON, ORG, GPE, ...)
    text: str


@dataclass(slots=True)
class ArticleRecords:
    """Everything the per-article pipeline produced for one article."""

    article: Article
    doc: CleanDoc
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    #: Records of later stages keyed by table name (each a list of dataclass instances).
    extra: dict[str, list[Any]] = field(default_factory=dict)
    #: Stage failures on this article (also written to the ``errors`` table).
    errors: list[SourceError] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def publisher(self) -> str | None:
        return self.article.publisher or self.doc.publisher

    @property
    def title(self) -> str | None:
        return self.article.title or self.doc.title
