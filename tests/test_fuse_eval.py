"""The fusion and syndication eval tasks: coreference metrics and the copy builder.

Fixtures are small hand-made clusters and short texts written for these tests.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from claimgraph.evaluate import fusion as F
from claimgraph.evaluate import syndication as S

GOLD = [{"a", "b", "c"}, {"d"}, {"e", "f"}]


def test_perfect_clustering_scores_one() -> None:
    r = F.conll(GOLD, [set(c) for c in GOLD])
    assert r["muc_f1"] == pytest.approx(1.0)
    assert r["b3_f1"] == pytest.approx(1.0)
    assert r["ceafe_f1"] == pytest.approx(1.0)


def test_muc_counts_links() -> None:
    p, r, _ = F.muc([{"a", "b", "c"}], [{"a", "b"}, {"c"}])
    assert (p, r) == (pytest.approx(1.0), pytest.approx(0.5))


def test_b_cubed_and_ceaf_penalise_over_merging() -> None:
    merged = [{"a", "b", "c", "d", "e", "f"}]
    p, r, _ = F.b_cubed(GOLD, merged)
    assert r == pytest.approx(1.0)
    assert p == pytest.approx((3 * 3 / 6 + 1 / 6 + 2 * 2 / 6) / 6)
    cp, cr, _ = F.ceaf_e(GOLD, merged)
    assert cp == pytest.approx(2 * 3 / 9)
    assert cr == pytest.approx(2 * 3 / 9 / 3)


def _gm(key: str, lemma: str, doc: str, gold: str, **kw: object) -> F.GoldMention:
    m = F.GoldMention(key, "c", doc, 0, 0, 1, lemma, gold)
    m.lemma = lemma
    for k, v in kw.items():
        setattr(m, k, v)
    return m


def test_light_verbs_need_a_shared_argument() -> None:
    a = _gm("c/d1/1", "say", "d1", "x", args=frozenset({"kirby"}))
    b = _gm("c/d1/2", "say", "d1", "y", args=frozenset({"ryder"}))
    c = _gm("c/d1/3", "deal", "d1", "z")
    d = _gm("c/d1/4", "deal", "d1", "z")
    clusters = F.cluster_mentions([a, b, c, d])
    assert {"c/d1/3", "c/d1/4"} in clusters
    assert {"c/d1/1"} in clusters and {"c/d1/2"} in clusters
    # order of the input does not matter
    assert sorted(map(sorted, F.cluster_mentions([d, b, c, a]))) == sorted(map(sorted, clusters))


def test_cross_document_needs_entity_close_dates_and_no_reporting_verb() -> None:
    a = _gm("c/d1/1", "launch", "d1", "x", ents=frozenset({"apple"}), dct="2010-01-05")
    b = _gm("c/d2/1", "launch", "d2", "x", ents=frozenset({"apple"}), dct="2010-01-20")
    far = _gm("c/d3/1", "launch", "d3", "y", ents=frozenset({"apple"}), dct="2012-01-20")
    other = _gm("c/d4/1", "launch", "d4", "z", ents=frozenset({"sony"}), dct="2010-01-06")
    assert F.compatible(a, b)
    assert not F.compatible(a, far)
    assert not F.compatible(a, other)
    s1 = _gm("c/d1/2", "say", "d1", "s", args=frozenset({"jobs"}), ents=frozenset({"jobs"}))
    s2 = _gm("c/d2/2", "say", "d2", "t", args=frozenset({"jobs"}), ents=frozenset({"jobs"}))
    assert not F.compatible(s1, s2)


TEXT = (
    "The council of a coastal town said on Monday that the old harbour would get a new pier "
    "before the summer. Engineers will start work in April and expect to finish in June. "
    "The mayor said the project would cost four million euros and create thirty jobs. "
    "Fishermen welcomed the plan but asked for a larger mooring area for their boats."
)


def test_copy_builder_makes_copies_of_drawn_originals(tmp_path: Path) -> None:
    recs = [
        {
            "id": f"r{i}",
            "title": f"Story number {i}",
            "published": "2022-03-0" + str(i + 1),
            "publisher": "Town Courier",
            "text": TEXT.replace("coastal", f"coastal{i}") * 2,
        }
        for i in range(6)
    ]
    docs = S.build(recs, limit=6, seed=3)
    copies = [d for d in docs if d["copy_of"]]
    assert copies and all(d["copy_of"] in {r["id"] for r in recs} for d in copies)
    assert all(d["publisher"] != "Town Courier" for d in copies)
    assert all("Next Post" in d["text"] for d in copies)
    edited = S.edit_sentences(TEXT, random.Random(0), share=1.0)
    assert edited != TEXT
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    report = S.evaluate(path, limit=6, seed=3)
    ours = report.systems["claimgraph (body MinHash LSH)"]
    assert ours["recall"] == pytest.approx(1.0)
    assert report.systems["baseline: exact text hash"]["recall"] == 0.0
