"""The ``ner`` task: matching, IOB chunking, CoNLL reading, a MEANTIME-format document
written here, and one real run of both systems on a small CoNLL file (spaCy loaded once)."""

from __future__ import annotations

from pathlib import Path

import pytest

import claimgraph.evaluate.ner as ner
from claimgraph.evaluate import run
from claimgraph.evaluate.ner import Tally, iob_chunks, match, meantime_docs, prf, read_conll

# --- matching ------------------------------------------------------------------------------


def test_exact_match_needs_same_offsets_and_type():
    gold = [(0, 5, "PER"), (10, 20, "ORG"), (30, 35, "LOC")]
    pred = [(0, 5, "PER"), (10, 19, "ORG"), (30, 35, "ORG")]
    assert match(gold, pred, exact=True) == [(0, 0)]


def test_overlap_match_is_one_to_one_largest_overlap_first():
    gold = [(0, 10, "ORG"), (12, 20, "ORG")]
    # pred 0 overlaps both gold spans (6 chars with gold 0, 2 with gold 1); pred 1 only gold 1
    pred = [(4, 14, "ORG"), (13, 20, "ORG")]
    assert sorted(match(gold, pred, exact=False)) == [(0, 0), (1, 1)]
    # one prediction covering two gold spans matches only one of them
    assert match(gold, [(0, 20, "ORG")], exact=False) == [(0, 0)]
    # type must agree
    assert match(gold, [(0, 10, "PER")], exact=False) == []


def test_tally_micro_prf_by_hand():
    t = Tally()
    # doc 1: 2 gold, 3 predicted; 1 exact, 2 overlapping
    t.add([(0, 5, "PER"), (10, 20, "ORG")], [(0, 5, "PER"), (12, 20, "ORG"), (40, 45, "LOC")])
    # doc 2: 2 gold, 1 predicted, no match
    t.add([(0, 4, "LOC"), (6, 9, "PRO")], [(20, 25, "LOC")])
    m = t.metrics()
    assert (m["exact_p"], m["exact_r"]) == pytest.approx((1 / 4, 1 / 4))
    assert (m["overlap_p"], m["overlap_r"]) == pytest.approx((2 / 4, 2 / 4))
    assert m["overlap_f1"] == pytest.approx(0.5)
    assert m["overlap_f1_PER"] == pytest.approx(1.0)
    assert m["overlap_f1_PRO"] == 0.0
    assert (m["gold"], m["predicted"]) == (4, 4)
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)


# --- IOB and CoNLL --------------------------------------------------------------------------


def test_iob1_and_bio_chunks():
    # IOB1: I- starts a chunk; B- only between two adjacent chunks of one type
    assert iob_chunks(["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"),
        (3, 4, "LOC"),
        (4, 5, "LOC"),
        (5, 6, "ORG"),
    ]
    # BIO (IOB2)
    assert iob_chunks(["B-ORG", "I-ORG", "B-ORG", "O", "B-MISC"]) == [
        (0, 2, "ORG"),
        (2, 3, "ORG"),
        (4, 5, "MISC"),
    ]
    assert iob_chunks(["O", "O"]) == []


CONLL = """-DOCSTART- -X- -X- O

Maria NNP B-NP I-PER
Lund NNP I-NP I-PER
visited VBD B-VP O
Oslo NNP B-NP I-LOC
. . O O

The DT B-NP O
Harbour NNP I-NP I-ORG
Authority NNP I-NP I-ORG
agreed VBD B-VP O
. . O O

-DOCSTART- -X- -X- O

Peter NNP B-NP B-PER
Berg NNP I-NP I-PER
left VBD B-VP O
Norway NNP B-NP B-LOC
yesterday NN B-NP O
. . O O
"""


@pytest.fixture()
def conll_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.conll"
    path.write_text(CONLL, encoding="utf-8")
    return path


def test_read_conll_documents_text_and_spans(conll_file: Path):
    docs = read_conll(conll_file)
    assert len(docs) == 2
    d0 = docs[0]
    assert d0.text == "Maria Lund visited Oslo .\nThe Harbour Authority agreed ."
    assert [(d0.text[s:e], t) for s, e, t in d0.gold] == [
        ("Maria Lund", "PER"),
        ("Oslo", "LOC"),
        ("Harbour Authority", "ORG"),
    ]
    d1 = docs[1]
    assert [(d1.text[s:e], t) for s, e, t in d1.gold] == [("Peter Berg", "PER"), ("Norway", "LOC")]


def test_read_conll_rejects_malformed_lines(tmp_path: Path):
    bad = tmp_path / "bad.conll"
    bad.write_text("Maria\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.conll:1"):
        read_conll(bad)


# --- MEANTIME format (a document written for this test) ----------------------------------

_TOKENS = [
    # (sentence, text)
    (0, "Harbour"), (0, "Lines"), (0, "buys"), (0, "ferries"),
    (1, "May"), (1, "06"), (1, ","), (1, "2024"),
    (2, "Maria"), (2, "Lund"), (2, "said"), (2, "Harbour"), (2, "Lines"), (2, "will"),
    (2, "sail"), (2, "from"), (2, "Oslo"), (2, "and"), (2, "Acme"), (2, "."),
    (6, "Peter"), (6, "Berg"), (6, "agreed"), (6, "."),
]  # fmt: skip


def _meantime_xml() -> str:
    toks = "\n".join(
        f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{t}</token>'
        for i, (s, t) in enumerate(_TOKENS)
    )

    def mention(m_id: int, syn: str, *t_ids: int) -> str:
        anchors = "".join(f'<token_anchor t_id="{t}"/>' for t in t_ids)
        return f'<ENTITY_MENTION m_id="{m_id}" syntactic_type="{syn}">{anchors}</ENTITY_MENTION>'

    markables = "\n".join(
        [
            mention(1, "NAM", 1, 2),  # Harbour Lines (title)
            mention(2, "NAM", 9, 10),  # Maria Lund
            mention(3, "NAM", 12, 13),  # Harbour Lines
            mention(4, "NAM", 17),  # Oslo
            mention(5, "NOM", 4),  # ferries: not a name
            mention(6, "NAM", 19),  # Acme: no REFERS_TO -> ignored
            '<ENTITY m_id="10" ent_type="ORG" TAG_DESCRIPTOR="Harbour Lines"/>',
            '<ENTITY m_id="11" ent_type="PER" TAG_DESCRIPTOR="Maria Lund"/>',
            '<ENTITY m_id="12" ent_type="LOC" TAG_DESCRIPTOR="Oslo"/>',
            '<ENTITY m_id="13" ent_type="PRO" TAG_DESCRIPTOR="ferries"/>',
        ]
    )
    rel = (
        '<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="10"/></REFERS_TO>'
        '<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>'
        '<REFERS_TO r_id="3"><source m_id="4"/><target m_id="12"/></REFERS_TO>'
        '<REFERS_TO r_id="4"><source m_id="5"/><target m_id="13"/></REFERS_TO>'
    )
    return (
        '<?xml version="1.0" ?><Document doc_id="1" doc_name="1_test" lang="en" url="">\n'
        f"{toks}\n<Markables>\n{markables}\n</Markables>\n<Relations>{rel}</Relations>\n"
        "</Document>\n"
    )


@pytest.fixture()
def meantime_dir(tmp_path: Path) -> Path:
    corpus = tmp_path / "intra-doc_annotation" / "corpus_test"
    corpus.mkdir(parents=True)
    (corpus / "1_test.xml").write_text(_meantime_xml(), encoding="utf-8")
    return tmp_path


def _phrase(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def test_meantime_gold_named_mentions_typed_by_entity(meantime_dir: Path):
    docs, counts = meantime_docs(meantime_dir)
    assert counts["documents"] == 1 and counts["gold_named_without_type_ignored"] == 1
    doc = docs[0]
    assert [(doc.text[s:e], t) for s, e, t in doc.gold] == [
        ("Harbour Lines", "ORG"),
        ("Maria Lund", "PER"),
        ("Harbour Lines", "ORG"),
        ("Oslo", "LOC"),
    ]
    # predictions in sentence 6 (not annotated) and on the untyped "Acme" are ignored
    peter = (*_phrase(doc.text, "Peter Berg"), "PER")
    acme = (*_phrase(doc.text, "Acme"), "ORG")
    oslo = (*_phrase(doc.text, "Oslo"), "LOC")
    assert doc.keep([peter, acme, oslo]) == [oslo]


def test_meantime_task_with_stand_in_systems(meantime_dir: Path, monkeypatch: pytest.MonkeyPatch):
    def ours(text: str, scheme: str = "meantime"):
        return [
            (*_phrase(text, "Harbour Lines"), "ORG"),  # exact
            (*_phrase(text, "Maria"), "PER"),  # overlap only
            (*_phrase(text, "Oslo"), "ORG"),  # wrong type
            (*_phrase(text, "Peter Berg"), "PER"),  # outside the annotated sentences
        ]

    def base(text: str, scheme: str = "meantime"):
        return [(*_phrase(text, "Harbour Lines", 1), "ORG")]

    monkeypatch.setattr(ner, "claimgraph_mentions", ours)
    monkeypatch.setattr(ner, "baseline_mentions", base)
    report = run("ner", meantime_dir)
    assert list(report.systems) == ["claimgraph", ner.BASELINE]
    m = report.systems["claimgraph"]
    assert (m["exact_p"], m["exact_r"]) == pytest.approx((1 / 3, 1 / 4))
    assert (m["overlap_p"], m["overlap_r"]) == pytest.approx((2 / 3, 2 / 4))
    b = report.systems[ner.BASELINE]
    assert (b["exact_p"], b["exact_r"]) == pytest.approx((1.0, 1 / 4))
    assert report.info["format"] == "meantime" and report.info["gold_mentions_scored"] == 4


# --- a real run (spaCy loaded once for both rows) ------------------------------------------


def test_conll_task_runs_both_systems(conll_file: Path, monkeypatch: pytest.MonkeyPatch):
    from claimgraph.annotate import load_nlp

    monkeypatch.setattr(ner, "_plain_spacy", load_nlp)  # one model load for this module
    report = run("ner", conll_file)
    assert report.info["format"] == "conll" and report.info["documents"] == 2
    for row in report.systems.values():
        assert set(row) >= {"exact_p", "exact_r", "exact_f1"}
        assert "overlap_f1" not in row
        assert row["gold"] == 5
        assert 0.0 <= row["exact_f1"] <= 1.0
    # the small model finds at least the two person names exactly
    assert report.systems[ner.BASELINE]["exact_r"] >= 2 / 5
