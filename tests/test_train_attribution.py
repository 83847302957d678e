"""Tests of the cue-model training helpers on sentences written for these tests."""

from __future__ import annotations

import pytest

from claimgraph import attribution, train_attribution
from claimgraph.annotate import annotate, load_nlp
from claimgraph.evaluate.attribution import GoldDoc, Span3
from claimgraph.records import Article, ArticleRecords, CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_examples_label_the_annotated_cue_verb(nlp):
    text = "The minister said that prices would fall. The farmers planted wheat."
    s = text.index("said")
    gold = GoldDoc("d", text, [Span3([(s + 5, text.index("."))], [(0, 12)], [(s, s + 4)])])
    ann = annotate(CleanDoc(text, (Segment("body", 0, len(text)),)), nlp)
    xs, ys, lex = train_attribution.examples([gold], [ann])
    by_lemma = {next(f for f in x if f.startswith("l=")): y for x, y in zip(xs, ys, strict=True)}
    assert by_lemma["l=say"] == 1
    assert by_lemma["l=plant"] == 0
    assert len(lex) == len(ys) and any(lex)


def test_best_threshold_separates_scores():
    cut, f1 = train_attribution._best_threshold([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])
    assert 0.2 < cut <= 0.8 and f1 == 1.0


def test_a_verb_with_only_an_object_needs_the_object_cut(nlp, monkeypatch):
    model = attribution.CueModel({}, 0.0, threshold=0.35, floor=0.4, threshold_object=0.45)
    assert (model.cut("ccomp"), model.cut("prep"), model.cut("dobj")) == (0.35, 0.35, 0.45)
    assert attribution.CueModel({}, 0.0, 0.35, 0.4).cut("dobj") == 0.35  # older model files
    shipped = attribution.load_cue_model()
    assert shipped is not None and shipped.threshold_object is not None
    # every candidate scores 0.4: a verb outside the lexicon with a clause passes, with a bare
    # object it does not
    flat = attribution.CueModel({}, bias=-0.405, threshold=0.35, floor=0.0, threshold_object=0.45)
    monkeypatch.setattr(attribution, "load_cue_model", lambda: flat)
    for text, lemma, cue in (
        ("The council sensed that the bridge would close.", "sense", "sensed"),
        ("The freighter unloaded crates of shells.", "unload", None),
    ):
        assert attribution._verb_cue(lemma) is None  # outside the lexicon: the model decides
        doc = CleanDoc(text, (Segment("body", 0, len(text)),))
        rec = ArticleRecords(Article("t", text, "text", "t"), doc)
        attribution.run(rec, annotate(doc, nlp))
        assert [a.cue for a in rec.extra["attributions"]] == ([cue] if cue else [])


def test_main_writes_the_end_to_end_cuts_and_keeps_the_out_of_fold_ones(tmp_path):
    import json

    root = tmp_path / "data" / "train"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    names = ["Marta", "Ola", "Lee", "Ana", "Tom", "Kim", "Raj", "Eva"]
    for i, name in enumerate(names):
        text = f"{name} said that the dam was safe. The farmers planted wheat near the river."
        s = text.index("said")
        c0, c1 = s + 5, text.index(".")
        (root / "text" / f"doc{i}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"doc{i}_aaaa.ann").write_text(
            f"T1\tSource 0 {len(name)}\t{name}\nT2\tCue {s} {s + 4}\tsaid\n"
            f"T3\tContent {c0} {c1}\t{text[c0:c1]}\nE1\tContent:T3 Source:T1 Cue:T2\n",
            encoding="utf-8",
        )
    out = tmp_path / "model.json"
    train_attribution.main(["--gold", str(tmp_path), "--floor", "0.3", "--out", str(out)])
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["floor"] == 0.3 and 0.05 <= model["meta"]["floor_oof_cue_f1"] <= 0.95
    assert model["threshold"] == 0.35 and model["threshold_object"] == 0.45
    assert model["weights"]
