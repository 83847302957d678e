"""The event precision benchmark's argument checks (bench/event_precision.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "event_precision.py"


def _bench():
    spec = importlib.util.spec_from_file_location("event_precision", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_a_missing_store_is_an_error_not_an_empty_draft(tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("{}\n")
    out = tmp_path / "draft.tsv"
    code = _bench().main(
        ["--corpus", str(corpus), "--db", str(tmp_path / "none.duckdb"), "--draft", str(out)]
    )
    assert code == 2
    assert "no store at" in capsys.readouterr().err
    assert not out.exists()
