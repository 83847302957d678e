"""Tests of the PolNeAR reader and the matching used by the "attribution" eval task."""

from __future__ import annotations

import json

from claimgraph.evaluate.attribution import _jaccard, _match, load_polnear, parse_ann

ANN = (
    "T1\tSource 0 5\tMarta\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;25 30\tthe dam is\n"
    "T4\tAttribution 6 10\tsaid\n"
    "T5\tContent 40 45\tfiner\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n"
    "T6\tCue 50 57\twarned\n"
    "T7\tContent 58 70\tthat it rains\n"
    "T8\tAttribution-no-source 50 57\twarned\n"
    "E2\tAttribution-no-source:T8 Cue:T6 Content:T7\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def test_parse_ann_merges_content2_and_keeps_missing_source():
    atts = parse_ann(ANN)
    assert len(atts) == 2
    assert atts[0].content == [(11, 20), (25, 30), (40, 45)]
    assert atts[0].source == [(0, 5)] and atts[0].cue == [(6, 10)]
    assert atts[1].source is None and atts[1].content == [(58, 70)]


def test_load_polnear_takes_first_annotator(tmp_path):
    root = tmp_path / "data" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "doc.txt").write_text("Marta said the dam is fine.", encoding="utf-8")
    (root / "attributions" / "doc_bbbb.ann").write_text("", encoding="utf-8")
    (root / "attributions" / "doc_aaaa.ann").write_text(
        "T1\tContent 11 26\tthe dam is fine\nE1\tContent:T1\n", encoding="utf-8"
    )
    docs = load_polnear(tmp_path, "dev")
    assert len(docs) == 1 and len(docs[0].attributions) == 1


def test_greedy_one_to_one_matching():
    gold = [frozenset({1, 2, 3, 4}), frozenset({10, 11})]
    pred = [frozenset({1, 2, 3}), frozenset({2, 3, 4}), frozenset({20})]
    pairs = _match(gold, pred, 0.5)
    assert len(pairs) == 1 and pairs[0][0] == 0
    assert _jaccard(frozenset({1, 2}), frozenset({2, 3})) == 1 / 3


def test_pred_content_leaves_out_its_own_source_cue_and_speaker_tags():
    from types import SimpleNamespace

    from claimgraph.evaluate.attribution import _content_frags, _quoted_frags

    text = "The plan, officials said, will fail."
    a = SimpleNamespace(
        content_start=0,
        content_end=len(text),
        source_start=10,
        source_end=19,
        cue_start=20,
        cue_end=24,
    )
    frags = _content_frags(a)
    assert [text[s:e] for s, e in frags] == ["The plan, ", " ", ", will fail."]
    text = "“We won,” she said. “We will win again.”"
    b = SimpleNamespace(content_start=0, content_end=len(text))
    assert [text[s:e] for s, e in _quoted_frags(text, b)] == ["“We won,”", "“We will win again.”"]


def test_cli_scores_the_split_asked_for(tmp_path):
    from typer.testing import CliRunner

    from claimgraph.cli import app

    for split, text in (("dev", "Marta said the dam is fine."), ("train", "Ola said it rained.")):
        root = tmp_path / "data" / split
        (root / "text").mkdir(parents=True)
        (root / "attributions").mkdir()
        (root / "text" / "doc.txt").write_text(text, encoding="utf-8")
        start = text.index("said") + 5
        (root / "attributions" / "doc_aaaa.ann").write_text(
            f"T1\tContent {start} {len(text) - 1}\t{text[start:-1]}\nE1\tContent:T1\n",
            encoding="utf-8",
        )
    runner = CliRunner()
    for split in ("dev", "train"):
        res = runner.invoke(
            app, ["eval", "attribution", "--gold", str(tmp_path), "--split", split, "--json"]
        )
        assert res.exit_code == 0, res.output
        report = json.loads(res.stdout[res.stdout.index("{") :])
        assert report["info"]["split"] == split and report["info"]["gold_attributions"] == 1
    res = runner.invoke(app, ["eval", "events", "--gold", str(tmp_path), "--split", "train"])
    assert res.exit_code == 2 and "has no --split" in res.output
