"""Paragraph.text is the text spaCy parsed (what stages read instead of rebuilding Doc.text)."""

from __future__ import annotations

import pytest

from claimgraph.annotate import MAX_WORD_CHARS, annotate, load_nlp
from claimgraph.records import CleanDoc, Segment


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - spaCy Language
    return load_nlp()


def test_paragraph_text_equals_the_parsed_doc_text(nlp) -> None:  # noqa: ANN001
    head = "Port reopens after storm"
    body = "The harbour master said on Friday that ships could dock again.  Two  spaces stay."
    tail = "x" * (MAX_WORD_CHARS * 2 + 5)  # a long run, broken for the tokenizer
    text = f"{head}\n\n{body}\n\n{tail}"
    segs = (
        Segment("headline", 0, len(head)),
        Segment("body", len(head) + 2, len(head) + 2 + len(body)),
        Segment("body", len(text) - len(tail), len(text)),
    )
    ann = annotate(CleanDoc(text, segs), nlp)
    assert len(ann.paragraphs) == 3
    for p in ann.paragraphs:
        assert p.text == p.doc.text
        assert len(p.text) == len(p.doc.text)
    assert ann.paragraphs[1].text == body
    assert ann.paragraphs[2].text != tail  # tokenizer_safe broke the run, same length
    assert len(ann.paragraphs[2].text) == len(tail)


def test_the_pipeline_is_the_same_whoever_loads_it_first():
    # a fresh process that loads the model before importing any stage (as an eval or a
    # test fixture does) still gets the stages' components (the actor entity ruler)
    import subprocess
    import sys

    code = "from claimgraph.annotate import load_nlp; print(load_nlp().pipe_names)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "entity_ruler" in out.stdout and "actor_fixes" in out.stdout


def test_a_title_case_headline_is_parsed_in_sentence_case(nlp) -> None:  # noqa: ANN001
    head = "Harbour Board Accuses Ferry Union Of Blocking Repairs"
    body = "The Harbour Board said on Monday that the ferry union had blocked repairs."
    text = f"{head}\n\n{body}"
    segs = (Segment("headline", 0, len(head)), Segment("body", len(head) + 2, len(text)))
    ann = annotate(CleanDoc(text, segs), nlp)
    h, b = ann.paragraphs
    # names of the running text and the first word keep their capital; offsets stay
    assert h.text == "Harbour Board accuses ferry union of blocking repairs"
    assert h.text == h.doc.text and len(h.text) == len(head)
    assert [t.pos_ for t in h.doc if t.text == "accuses"] == ["VERB"]
    assert h.written is not None and h.written.text == head and h.written.start == h.start
    assert b.written is None and b.text == body  # running text is parsed as written
    # entities are cut from the stored text, as written
    assert all(text[e.start : e.end] == e.text for e in ann.entities)
