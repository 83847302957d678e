"""sources: read inputs into :class:`Article` records.

Inputs are files (``.txt``, ``.html``/``.htm``, ``.jsonl``, each optionally ``.gz``),
web archives (``.warc``, ``.warc.gz``: HTML response records become articles), RSS/Atom
feeds (``.rss``, ``.atom``, or ``.xml`` files that are feeds: one article per entry), URL
lists (``.urls``: one URL per line, fetched over HTTP by :mod:`claimgraph.fetch`), folders
(recursively, in sorted order), and ``-`` for standard input. Every input that cannot be
read yields a :class:`SourceError` naming it and the reason; reading goes on. Records of a
web archive that are not HTML pages (requests, images, redirects ...) are :class:`Skipped`
and counted, not errors.

Each article gets its language (:func:`claimgraph.language.detect_language`) unless the
input names it; the pipeline runs the English models on English (or unknown) text only.

Limits keep memory and time bounded on hostile input: files above :data:`MAX_BYTES`, HTML
pages above :data:`MAX_HTML_CHARS` and plain texts above :data:`MAX_TEXT_CHARS` characters
are refused with a one-line reason.

Readers are generators, so a corpus is streamed, never held in memory as a whole.

WARC parsing uses warcio and feeds use feedparser (both well kept, pinned); dates in HTML
metadata come from htmldate.
"""

from __future__ import annotations

import codecs
import csv
import functools
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
#: Largest HTML page accepted, in characters (far above any real news page).
MAX_HTML_CHARS = 16_000_000
#: Largest plain text accepted, in characters: spaCy's own ``max_length`` (some 150,000
#: words, ten times the longest news features); longer texts are refused, not truncated.
MAX_TEXT_CHARS = 1_000_000
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
URLS_SUFFIXES = {".urls"}
KNOWN_SUFFIXES = (
    TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES | URLS_SUFFIXES
)

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
    if len(s) > MAX_DATE_CHARS:
        raise InputError(
            f"unreadable publication date: {len(s)} characters (limit {MAX_DATE_CHARS})"
        )
    parsed = _date_parser().get_date_data(s).date_obj
    if parsed is None:
        raise InputError(f"unreadable publication date {s!r}")
    return parsed.date()


#: A written publication date ("Saturday, 28 November 2026 10:00:00 GMT+01:00") is short;
#: longer metadata is not a date, and refusing it bounds dateparser's time.
MAX_DATE_CHARS = 100
#: Languages whose written dates are read. dateparser tries every language it knows unless
#: told otherwise, which costs ~70 ms on a junk string; these twelve cost ~4 ms.
DATE_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "ar", "zh", "ja")


@functools.cache
def _date_parser() -> Any:
    import dateparser

    return dateparser.DateDataParser(
        languages=list(DATE_LANGUAGES),
        settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"},
    )


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
    if last in WARC_SUFFIXES:
        return "warc"
    if last in FEED_SUFFIXES:
        return "feed"
    if last in URLS_SUFFIXES:
        return "urls"
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
    """Build an :class:`Article`; the id is the hash of the normalised raw text.

    Raises :class:`InputError` for empty input and for pages above the size limits.
    """
    if not raw or not raw.strip():
        raise InputError("empty input")
    kind = raw_kind or _sniff(raw)
    limit = MAX_HTML_CHARS if kind == "html" else MAX_TEXT_CHARS
    if len(raw) > limit:
        raise InputError(f"{kind} too large: {len(raw)} characters (limit {limit})")
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


def _bounded_lines(fh: Any, limit: int = MAX_BYTES) -> Iterator[str | None]:
    """Lines of a text stream, each read with at most ``limit`` characters in memory.

    A longer line yields ``None`` (once) and is skipped up to its end.
    """
    while True:
        line = fh.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith("\n"):
            while (rest := fh.readline(limit)) and not rest.endswith("\n"):
                pass
            yield None
            continue
        yield line


def read_jsonl_file(path: Path, overrides: Overrides = Overrides()) -> Iterator[Item]:
    """A JSONL file (optionally gzipped): one article per line; bad lines are errors."""
    source = str(path)
    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:  # type: ignore[operator]
            for n, line in enumerate(_bounded_lines(fh), 1):  # noqa: B007 (n used below)
                if line is None:
                    yield SourceError(f"{source}:{n}", f"JSON line too long (limit {MAX_BYTES})")
                    continue
                for item in read_jsonl_lines([line], source):
                    if isinstance(item, SourceError):
                        yield SourceError(f"{source}:{n}", item.reason, item.stage)
                    else:
                        yield _apply(replace(item, source=f"{source}:{n}"), overrides)
    except (OSError, EOFError, zlib.error) as exc:
        where = f"{source}:{n + 1}" if n else source
        yield SourceError(where, f"broken file after line {n} ({_one_line(exc)})")


def _one_line(exc: BaseException) -> str:
    """An exception as one line of text."""
    return " ".join(str(exc).split()) or type(exc).__name__


def charset_of(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of an HTTP Content-Type header, if valid."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            name = value.strip().strip("\"'").lower()
            try:
                return codecs.lookup(name).name
            except LookupError:
                return None
    return None


def decode_http(data: bytes, content_type: str | None, source: str) -> str:
    """Body bytes to text, trusting the HTTP charset when it decodes cleanly."""
    cs = charset_of(content_type)
    if cs and data.strip():
        try:
            return data.decode(cs)
        except (UnicodeDecodeError, LookupError):
            pass
    return decode(data, source)


def html_kind(content_type: str | None) -> RawKind | None:
    """``"html"`` or ``"text"`` for page content types, ``None`` for anything else."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct == "text/plain":
        return "text"
    return None


def html_date(html: str, url: str | None = None) -> date | None:
    """Publication date from an HTML page's metadata (htmldate, no guessing from text)."""
    if len(html) > MAX_HTML_CHARS:
        return None
    try:
        import htmldate

        found = htmldate.find_date(
            html, extensive_search=False, original_date=True, url=url, outputformat="%Y-%m-%d"
        )
    except Exception:  # htmldate is lenient, but a hostile page must never stop a run
        return None
    if not found:
        return None
    try:
        return date.fromisoformat(found)
    except ValueError:
        return None


def http_date(value: str | None) -> date | None:
    """A date from an HTTP or WARC date header (RFC 1123 or ISO 8601), else ``None``."""
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _check_gzip(path: Path) -> None:
    """Read a gzip file to its end; raises ``EOFError``/``zlib.error``/``OSError`` if broken."""
    with gzip.open(path, "rb") as g:
        while g.read(1 << 20):
            pass


def read_warc(path: Path, overrides: Overrides = Overrides()) -> Iterator[Item | Skipped]:
    """A WARC or WARC.gz file: each HTML (or plain text) response becomes an article.

    The article's url is the record's target URI; its publication date comes from the
    page's HTML metadata (htmldate), else the HTTP ``Last-Modified`` or ``Date`` header,
    else the WARC-Date. Other records (requests, metadata, images, redirects, errors)
    are :class:`Skipped`; a truncated archive keeps every record read before the break.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    n = 0
    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
            fh.seek(0)
            if head == b"\x1f\x8b":
                with gzip.open(fh) as g:
                    head = g.read(5)
                fh.seek(0)
            else:
                head = fh.read(5)
                fh.seek(0)
            if head != b"WARC/":
                yield SourceError(
                    source, "not a WARC file (it does not start with a WARC/1.x record)"
                )
                return
            for n, rec in enumerate(ArchiveIterator(fh), 1):  # noqa: B007 (n used below)
                where = f"{source}#{n}"
                if not (rec.rec_headers.protocol or "").startswith("WARC/"):
                    yield SourceError(where, "broken WARC record; the rest of the file is lost")
                    return
                rtype = rec.rec_type
                if rtype not in ("response", "resource"):
                    yield Skipped(where, f"WARC {rtype} record")
                    continue
                headers = rec.http_headers
                status = headers.get_statuscode() if headers is not None else "200"
                ctype = (
                    headers.get_header("Content-Type")
                    if headers is not None
                    else rec.rec_headers.get_header("Content-Type")
                )
                kind = html_kind(ctype)
                if kind is None:
                    yield Skipped(where, f"WARC {rtype} record of type {ctype or 'unknown'}")
                    continue
                if status != "200":
                    yield Skipped(where, f"WARC {rtype} record with HTTP status {status}")
                    continue
                data = rec.content_stream().read(MAX_BYTES + 1)
                if len(data) > MAX_BYTES:
                    yield SourceError(where, f"WARC record too large (limit {MAX_BYTES} bytes)")
                    continue
                url = rec.rec_headers.get_header("WARC-Target-URI")
                try:
                    text = decode_http(data, ctype, where)
                    published = (html_date(text, url) if kind == "html" else None) or (
                        http_date(headers.get_header("Last-Modified") if headers else None)
                        or http_date(headers.get_header("Date") if headers else None)
                        or http_date(rec.rec_headers.get_header("WARC-Date"))
                    )
                    art = make_article(text, where, kind, url=url, published=published)
                except InputError as exc:
                    yield SourceError(where, str(exc))
                    continue
                yield _apply(art, overrides)
        if head == b"WARC/" and path.suffix.lower() == ".gz":
            _check_gzip(path)  # warcio stops quietly at a truncated gzip member
    except ArchiveLoadFailed as exc:
        yield SourceError(source, f"not a readable WARC file ({_one_line(exc)})")
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        yield SourceError(
            f"{source}#{n + 1}", f"broken WARC file after record {n} ({_one_line(exc)})"
        )


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _short_lang(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


def is_feed(text: str) -> bool:
    """Whether a text looks like an RSS or Atom feed (by its root element)."""
    head = text.lstrip()[:4096].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def read_feed_text(text: str, source: str, overrides: Overrides = Overrides()) -> Iterator[Item]:
    """One article per RSS/Atom entry: title, link, date, and content (else summary).

    The feed's title is the publisher; an entry without content or summary is an error.
    """
    import feedparser

    try:
        feed = feedparser.parse(text, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is lenient; a crash inside it must stay one input
        yield SourceError(source, f"unreadable feed ({type(exc).__name__}: {_one_line(exc)})")
        return
    if not feed.entries:
        why = _one_line(feed.bozo_exception) if feed.get("bozo") else "no entries"
        yield SourceError(source, f"not an RSS/Atom feed with entries ({why})")
        return
    publisher = feed.feed.get("title") or None
    feed_lang = _short_lang(feed.feed.get("language"))
    for n, entry in enumerate(feed.entries, 1):
        where = f"{source}#{n}"
        body, kind = None, "html"
        for content in entry.get("content") or []:
            if (content.get("value") or "").strip():
                body = content["value"]
                kind = "text" if content.get("type") == "text/plain" else "html"
                break
        if body is None and (entry.get("summary") or "").strip():
            body = entry["summary"]
            detail = entry.get("summary_detail") or {}
            kind = "text" if detail.get("type") == "text/plain" else "html"
        if body is None:
            yield SourceError(where, "feed entry has no content or summary")
            continue
        try:
            art = make_article(
                body,
                where,
                kind,  # type: ignore[arg-type]
                url=entry.get("link") or None,
                title=" ".join((entry.get("title") or "").split()) or None,
                published=_entry_date(entry),
                publisher=publisher,
                # the detector wins over the declared language when it is confident:
                # feeds often declare one language for everything
                language=_detect(body, kind) or _short_lang(entry.get("language")) or feed_lang,
            )
        except InputError as exc:
            yield SourceError(where, str(exc))
            continue
        yield _apply(art, overrides)


def read_file(path: Path, overrides: Overrides = Overrides()) -> Iterator[Item | Skipped]:
    """Read one file into articles (several for JSONL, WARC, feeds, URL lists) or errors."""
    source = str(path)
    kind = _kind_of(path)
    try:
        if kind == "jsonl":
            yield from read_jsonl_file(path, overrides)
            return
        if kind == "warc":
            yield from read_warc(path, overrides)
            return
        if kind == "urls":
            from claimgraph.fetch import fetch_urls

            yield from fetch_urls(path)
            return
        text = decode(_read_bytes(path), source)
        if kind == "feed" or (kind is None and is_feed(text)):
            if not is_feed(text):
                yield Skipped(source, "XML file that is not an RSS/Atom feed")
                return
            yield from read_feed_text(text, source, overrides)
            return
        raw_kind: RawKind = (
            "html" if kind == "html" else ("text" if kind == "text" else _sniff(text))
        )
        yield _apply(make_article(text, source, raw_kind), overrides)
    except InputError as exc:
        yield SourceError(source, str(exc))
    except OSError as exc:
        yield SourceError(source, f"cannot read file ({exc.strerror or _one_line(exc)})")


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


def with_language(item: Any) -> Any:
    """An article with its detected language (unless it has one); other items unchanged.

    A language given by the input (a JSONL ``language`` field) is kept.
    """
    if not isinstance(item, Article) or item.language is not None:
        return item
    lang = _detect(item.raw, item.raw_kind)
    return replace(item, language=lang) if lang else item


def _detect(raw: str, raw_kind: str) -> str | None:
    from claimgraph.language import detect_article_language

    try:
        return detect_article_language(raw, raw_kind)
    except Exception:  # detection is a hint: it must never lose an article
        return None


def read(
    paths: Iterable[str | Path],
    overrides: Overrides = Overrides(),
    meta: dict[str, Overrides] | None = None,
    detect_language: bool = True,
) -> Iterator[Item | Skipped]:
    """Stream every article (or error) from the given paths.

    ``meta`` maps a file name (or path) to its metadata, e.g. from :func:`read_meta`.
    With ``detect_language``, each article's language is detected (see :func:`with_language`).
    """
    for item in _read(paths, overrides, meta):
        yield with_language(item) if detect_language else item


def _read(
    paths: Iterable[str | Path],
    overrides: Overrides,
    meta: dict[str, Overrides] | None,
) -> Iterator[Item | Skipped]:
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
