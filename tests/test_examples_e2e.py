"""End to end: ingest the bundled example corpus and check the stored records."""

from claimgraph.store import Store
from conftest import EXAMPLES


def test_example_corpus(tmp_path):
    with Store(tmp_path / "e.duckdb") as store:
        summary = store.ingest([EXAMPLES], meta=EXAMPLES / "published.tsv")
        assert summary.errors == []
        assert summary.articles >= 9
        rows = store.articles(limit=None)
        assert all(r["published"] is not None for r in rows)
        assert all(r["title"] for r in rows)
        # the syndicated copy names the same original publisher as the page it copies
        originals = [r["original_publisher"] for r in rows if r["original_publisher"]]
        assert len(originals) >= 2 and len(set(originals)) == 1
        # every sentence lies inside a segment of the stored text
        for r in rows:
            art = store.article(r["id"])
            segs = art["segments"]
            for s in art["sentences"]:
                seg = segs[s["segment"]]
                assert seg["start"] <= s["start"] < s["end"] <= seg["end"]
        html_pages = store.query("SELECT count(*) AS n FROM articles WHERE raw_kind = 'html'")
        assert html_pages[0]["n"] >= 2
