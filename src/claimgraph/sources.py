"""sources: read inputs into :class:`Article` records.

Inputs are files (``.txt``, ``.html``/``.htm``, ``.jsonl``, each optionally ``.gz``),
folders (recursively, in sorted order), and ``-`` for standard input. Every input that
cannot be read yields a :class:`SourceError` naming it and the reason; reading goes on.

Readers are generators, so a corpus is streamed, never held in memory as a whole.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from claimgraph.records import Article, RawKind, SourceError, text_id

#: Largest input read, in bytes (a page larger than this is recorded as an error).
MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

Item = Article | SourceError


@dataclass(frozen=True, slots=True)
class Overrides:
    """Metadata given on the command line for single files (``--published`` ...)."""

    published: date | None = None
    publisher: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file inside a folder that is not an article format (README, images ...)."""

    source: str
    reason: str


class InputError(ValueError):
    """An input that cannot be turned into text; the message is the one-line reason."""


def parse_date(value: Any) -> date | None:
    """A publication date from ISO strings, datetimes or common written forms."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(f"publication date is not a string: {value!r}")
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(s, settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise InputError(f"unreadable publication date {s!r}")
    return parsed.date()


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else a detected
    legacy encoding; binary data raises :class:`InputError`."""
    if not data.strip():
        raise InputError("empty input")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"broken {enc} text ({exc.reason})") from exc
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 100:
        raise InputError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is None:
        raise InputError("binary data or an unknown text encoding")
    if best.encoding.startswith(("utf_16", "utf_32")):  # without a BOM: a wrong guess
        return data.decode("cp1252", errors="replace")
    return data.decode(best.encoding, errors="replace")


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES and path.suffix != ".gz":
        raise InputError(f"file too large ({size} bytes; limit {MAX_BYTES})")
    if path.suffix == ".gz":
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"broken gzip file ({exc})") from exc
        if len(data) > MAX_BYTES:
            raise InputError(f"file too large when unpacked (limit {MAX_BYTES} bytes)")
        return data
    return path.read_bytes()


def _kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in TEXT_SUFFIXES:
        return "text"
    if last in HTML_SUFFIXES:
        return "html"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    return None


def _sniff(text: str) -> RawKind:
    head = text.lstrip()[:1024].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<p>" in head or "<div" in head
    ):
        return "html"
    return "text"


def make_article(
    raw: str,
    source: str,
    raw_kind: RawKind | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    publisher: str | None = None,
    language: str | None = None,
) -> Article:
    """Build an :class:`Article`; the id is the hash of the normalised raw text."""
    if not raw or not raw.strip():
        raise InputError("empty input")
    kind = raw_kind or _sniff(raw)
    return Article(
        id=text_id(raw),
        raw=raw,
        raw_kind=kind,
        source=source,
        url=url,
        title=title,
        published=published,
        publisher=publisher,
        language=language,
    )


def _apply(article: Article, ov: Overrides) -> Article:
    changes = {
        k: v
        for k, v in (
            ("published", ov.published),
            ("publisher", ov.publisher),
            ("url", ov.url),
            ("title", ov.title),
        )
        if v is not None
    }
    return replace(article, **changes) if changes else article


def read_jsonl_lines(lines: Iterable[str], source: str) -> Iterator[Item]:
    """One article per JSON line (url, title, published, publisher, text or html).

    A malformed line yields an error for that line only.
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise InputError("JSON line is not an object")
            raw, kind = obj.get("text"), "text"
            if not (isinstance(raw, str) and raw.strip()):
                raw, kind = obj.get("html"), "html"
            if not (isinstance(raw, str) and raw.strip()):
                raise InputError("JSON line has no 'text' or 'html' field with content")

            def opt(key: str, obj: dict[str, Any] = obj) -> str | None:
                v = obj.get(key)
                return str(v) if v not in (None, "") else None

            yield make_article(
                raw,
                where,
                kind,  # type: ignore[arg-type]
                url=opt("url"),
                title=opt("title"),
                published=parse_date(obj.get("published") or obj.get("date")),
                publisher=opt("publisher") or opt("source"),
                language=opt("language"),
            )
        except json.JSONDecodeError as exc:
            yield SourceError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield SourceError(where, str(exc))


def read_file(path: Path, overrides: Overrides = Overrides()) -> Iterator[Item]:
    """Read one file into articles (several for JSONL) or errors."""
    source = str(path)
    kind = _kind_of(path)
    try:
        if kind == "jsonl":
            opener = gzip.open if path.suffix == ".gz" else open
            try:
                with opener(path, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
                    for item in read_jsonl_lines(fh, source):
                        yield _apply(item, overrides) if isinstance(item, Article) else item
            except (OSError, EOFError, zlib.error) as exc:
                yield SourceError(source, f"broken file ({exc})")
            return
        text = decode(_read_bytes(path), source)
        raw_kind: RawKind = (
            "html" if kind == "html" else ("text" if kind == "text" else _sniff(text))
        )
        yield _apply(make_article(text, source, raw_kind), overrides)
    except InputError as exc:
        yield SourceError(source, str(exc))
    except OSError as exc:
        yield SourceError(source, f"cannot read file ({exc.strerror or exc})")


def read_stdin(overrides: Overrides = Overrides()) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    try:
        text = decode(data, "stdin")
    except InputError as exc:
        yield SourceError("stdin", str(exc))
        return
    if text.lstrip().startswith("{"):
        yield from read_jsonl_lines(io.StringIO(text), "stdin")
        return
    try:
        yield _apply(make_article(text, "stdin"), overrides)
    except InputError as exc:
        yield SourceError("stdin", str(exc))


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | Skipped | SourceError | str]:
    """Expand folders recursively (sorted); yield ``"-"`` for stdin."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if f.name.startswith("."):
                    continue
                if _kind_of(f) is None:
                    yield Skipped(str(f), "not an article format")
                else:
                    yield f
        elif path.is_file():
            yield path
        else:
            yield SourceError(str(path), "no such file or folder")


def read(
    paths: Iterable[str | Path],
    overrides: Overrides = Overrides(),
    meta: dict[str, Overrides] | None = None,
) -> Iterator[Item | Skipped]:
    """Stream every article (or error) from the given paths.

    ``meta`` maps a file name (or path) to its metadata, e.g. from :func:`read_meta`.
    """
    for p in iter_paths(paths):
        if isinstance(p, (SourceError, Skipped)):
            yield p
        elif p == "-":
            yield from read_stdin(overrides)
        else:
            assert isinstance(p, Path)
            ov = overrides
            if meta:
                ov = meta.get(str(p)) or meta.get(p.name) or overrides
            yield from read_file(p, ov)


def read_meta(path: Path) -> dict[str, Overrides]:
    """Side-car metadata: a TSV with columns file, published, publisher, url ('#' comments)."""
    out: dict[str, Overrides] = {}
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
        for row in rows:
            name = (row.get("file") or "").strip()
            if not name:
                continue
            out[name] = Overrides(
                published=parse_date(row.get("published") or None),
                publisher=(row.get("publisher") or "").strip() or None,
                url=(row.get("url") or "").strip() or None,
            )
    return out
