import gzip
import json
from datetime import date

import pytest

from claimgraph.records import Article, SourceError, text_id
from claimgraph.sources import Overrides, Skipped, decode, parse_date, read, read_meta


def collect(paths, **kw):
    items = list(read(paths, **kw))
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, SourceError)],
        [i for i in items if isinstance(i, Skipped)],
    )


def test_text_html_gz_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nSome text here.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>Hi there</p></body></html>")
    with gzip.open(tmp_path / "sub" / "c.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("Packed text.")
    (tmp_path / "notes.md").write_text("not an article")
    arts, errs, skipped = collect([tmp_path])
    assert [a.raw_kind for a in arts] == ["text", "html", "text"]
    assert not errs and len(skipped) == 1


def test_jsonl_bad_line_loses_no_other_line(tmp_path):
    lines = [
        json.dumps(
            {
                "url": "u1",
                "title": "T1",
                "published": "2024-05-01",
                "publisher": "P",
                "text": "First article.",
            }
        ),
        "{not json",
        json.dumps({"title": "T3", "html": "<p>Third article.</p>"}),
        json.dumps({"title": "empty", "text": "  "}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    arts, errs, _ = collect([tmp_path / "feed.jsonl"])
    assert [a.title for a in arts] == ["T1", "T3"]
    assert arts[0].published == date(2024, 5, 1) and arts[0].publisher == "P"
    assert arts[1].raw_kind == "html"
    assert [e.source.rsplit(":", 1)[1] for e in errs] == ["2", "4"]
    assert "malformed JSON" in errs[0].reason


def test_bad_files_give_one_line_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t ")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "trunc.txt.gz").write_bytes(gzip.compress(b"hello world" * 100)[:30])
    arts, errs, _ = collect([tmp_path, tmp_path / "missing.txt"])
    assert not arts
    reasons = {e.source.split("/")[-1]: e.reason for e in errs}
    assert reasons["empty.txt"] == "empty input"
    assert reasons["blank.txt"] == "empty input"
    assert "binary" in reasons["bin.txt"]
    assert "gzip" in reasons["trunc.txt.gz"]
    assert "no such file" in reasons["missing.txt"]
    assert all("\n" not in r for r in reasons.values())


def test_encodings():
    assert decode("Zoë".encode("utf-16"), "x") == "Zoë"
    assert decode("Zoë said".encode("latin-1"), "x").startswith("Zo")
    assert decode("\ufeffhello".encode(), "x") == "hello"


def test_id_is_hash_of_normalised_text(tmp_path):
    (tmp_path / "a.txt").write_text("Same  text\r\nhere.")
    (tmp_path / "b.txt").write_text("Same text here.")
    arts, _, _ = collect([tmp_path])
    assert arts[0].id == arts[1].id == text_id("Same text here.")


def test_overrides_and_meta(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    (tmp_path / "meta.tsv").write_text(
        "# comment\nfile\tpublished\tpublisher\turl\na.txt\t2023-01-02\tThe Post\thttp://x\n"
    )
    arts, _, _ = collect([tmp_path / "a.txt"], meta=read_meta(tmp_path / "meta.tsv"))
    assert arts[0].published == date(2023, 1, 2) and arts[0].publisher == "The Post"
    arts, _, _ = collect([tmp_path / "a.txt"], overrides=Overrides(publisher="X"))
    assert arts[0].publisher == "X"


def test_parse_date_forms():
    assert parse_date("2022-12-22T10:00:00Z") == date(2022, 12, 22)
    assert parse_date("December 22, 2022") == date(2022, 12, 22)
    assert parse_date(None) is None
    assert parse_date("Mon, 19 Dec 2022 08:30:00 GMT") == date(2022, 12, 19)
    assert parse_date("19 décembre 2022") == date(2022, 12, 19)


def test_parse_date_refuses_junk_and_long_text():
    from claimgraph.sources import InputError

    with pytest.raises(InputError, match="unreadable publication date"):
        parse_date("not a date at all")
    with pytest.raises(InputError, match="characters"):
        parse_date("December 22, 2022 " * 20)
