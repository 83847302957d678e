"""Loader for NewsReader MEANTIME XML (CAT format), shared by several eval tasks.

A document is a list of tokens (``<token t_id sentence number>``), ``<Markables>`` that
anchor to tokens (ENTITY_MENTION, EVENT_MENTION, TIMEX3, VALUE, SIGNAL; instances such as
ENTITY and EVENT have no anchors) and ``<Relations>`` with source and target markables
(REFERS_TO, HAS_PARTICIPANT, TLINK, SLINK, ...).

The text is rebuilt from the tokens with light detokenisation (no space before closing
punctuation, none after opening brackets and currency signs), one sentence per line, and
every token keeps its character offsets so that gold spans can be compared with ours.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "'",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "``", "US$", "£", "€"}


@dataclass(frozen=True, slots=True)
class Token:
    t_id: str
    sentence: int
    number: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Markable:
    m_id: str
    tag: str
    attrs: dict[str, str]
    t_ids: tuple[str, ...]  # empty for instances (ENTITY, EVENT) and for empty timexes


@dataclass(frozen=True, slots=True)
class Relation:
    tag: str
    r_id: str
    attrs: dict[str, str]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(slots=True)
class MeantimeDoc:
    doc_id: str
    name: str
    url: str
    path: str
    corpus: str  # the sub-corpus folder, e.g. corpus_airbus
    text: str
    tokens: list[Token]
    markables: list[Markable]
    relations: list[Relation]
    _tok: dict[str, Token] = field(default_factory=dict, repr=False)
    _mark: dict[str, Markable] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._tok = {t.t_id: t for t in self.tokens}
        self._mark = {m.m_id: m for m in self.markables}

    def token(self, t_id: str) -> Token:
        return self._tok[t_id]

    def markable(self, m_id: str) -> Markable | None:
        return self._mark.get(m_id)

    def of_tag(self, tag: str) -> list[Markable]:
        return [m for m in self.markables if m.tag == tag]

    def relations_of(self, tag: str) -> list[Relation]:
        return [r for r in self.relations if r.tag == tag]

    def span(self, m: Markable) -> tuple[int, int]:
        """Character span ``[start, end)`` covering the markable's first to last token."""
        toks = [self._tok[t] for t in m.t_ids if t in self._tok]
        if not toks:
            raise ValueError(f"markable {m.m_id} has no tokens")
        return min(t.start for t in toks), max(t.end for t in toks)

    def sentence_of(self, m: Markable) -> int | None:
        toks = [self._tok[t] for t in m.t_ids if t in self._tok]
        return toks[0].sentence if toks else None

    def sentence_span(self, sentence: int) -> tuple[int, int]:
        toks = [t for t in self.tokens if t.sentence == sentence]
        return toks[0].start, toks[-1].end

    def sentences(self) -> list[int]:
        return sorted({t.sentence for t in self.tokens})

    def creation_time(self) -> Markable | None:
        for m in self.of_tag("TIMEX3"):
            if m.attrs.get("functionInDocument") == "CREATION_TIME":
                return m
        return None

    @property
    def dct(self) -> str | None:
        """The document creation time's TIMEX3 value (e.g. ``2008-03-01``), if annotated."""
        m = self.creation_time()
        return m.attrs.get("value") if m else None

    def annotated_sentences(self, tag: str = "EVENT_MENTION") -> set[int]:
        """Sentences holding at least one markable of ``tag`` (MEANTIME annotates only the
        title and the first sentences of each article)."""
        out: set[int] = set()
        for m in self.of_tag(tag):
            s = self.sentence_of(m)
            if s is not None:
                out.add(s)
        return out


def _rebuild(tokens: list[tuple[str, int, int, str]]) -> tuple[str, list[Token]]:
    parts: list[str] = []
    out: list[Token] = []
    pos = 0
    prev_sent: int | None = None
    prev_text = ""
    for t_id, sent, num, text in tokens:
        if prev_sent is not None:
            if sent != prev_sent:
                sep = "\n"
            elif text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        out.append(Token(t_id, sent, num, text, pos, pos + len(text)))
        parts.append(text)
        pos += len(text)
        prev_sent, prev_text = sent, text
    return "".join(parts), out


def parse_file(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    raw = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), int(t.get("number", "0")), t.text or "")
        for t in root.iter("token")
    ]
    text, tokens = _rebuild(raw)
    markables: list[Markable] = []
    mk = root.find("Markables")
    if mk is not None:
        for el in mk:
            anchors = tuple(a.get("t_id", "") for a in el.findall("token_anchor"))
            markables.append(Markable(el.get("m_id", ""), el.tag, dict(el.attrib), anchors))
    relations: list[Relation] = []
    rel = root.find("Relations")
    if rel is not None:
        for el in rel:
            relations.append(
                Relation(
                    el.tag,
                    el.get("r_id", ""),
                    dict(el.attrib),
                    tuple(s.get("m_id", "") for s in el.findall("source")),
                    tuple(t.get("m_id", "") for t in el.findall("target")),
                )
            )
    return MeantimeDoc(
        doc_id=root.get("doc_id", path.stem),
        name=root.get("doc_name", path.stem),
        url=root.get("url", ""),
        path=str(path),
        corpus=path.parent.name,
        text=text,
        tokens=tokens,
        markables=markables,
        relations=relations,
    )


def load_meantime(path: Path) -> list[MeantimeDoc]:
    """Load one MEANTIME XML file or every ``*.xml`` below a folder, sorted by path.

    Given the corpus root (with ``intra-doc_annotation/`` inside), the intra-document
    annotation is read.
    """
    path = Path(path)
    if path.is_file():
        return [parse_file(path)]
    if (path / "intra-doc_annotation").is_dir():
        path = path / "intra-doc_annotation"
    files = sorted(p for p in path.rglob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no MEANTIME .xml files under {path}")
    return [parse_file(p) for p in files]
