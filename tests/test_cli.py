import json

from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


def test_help_lists_commands():
    out = runner.invoke(app, ["--help"]).output
    for cmd in ("ingest", "articles", "show", "export", "eval", "errors"):
        assert cmd in out


def test_ingest_show_export(tmp_path, banner_page):
    page = tmp_path / "p.txt"
    page.write_text(banner_page, encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(app, ["ingest", str(page), "--db", db, "--published", "2024-03-04"])
    assert res.exit_code == 0, res.output
    # not a terminal: one plain progress line per committed batch (read by bench/killtest.py)
    assert "ingest: 1 stored, 0 already stored, 0 errors" in res.output
    assert "fusion: 1 new article, " in res.output and "re-clustered" not in res.output
    # the steps of fusion are named as they start, the full-text index last
    steps = [line for line in res.output.splitlines() if line.endswith(" ...")]
    assert steps[0] == "fusion: syndicated copies ..." and steps[-1] == "full-text index ..."
    assert "fusion: clustering events ..." in steps
    res = runner.invoke(app, ["fuse", "--db", db])
    assert res.exit_code == 0, res.output
    assert "fusion: clustering events ..." in res.output and "new_articles: 0" in res.output
    res = runner.invoke(app, ["articles", "--db", db, "--json"])
    row = json.loads(res.output.splitlines()[0])
    assert row["title"] == "Harbour city says ferry link will reopen"
    res = runner.invoke(app, ["show", row["id"][:8], "--db", db])
    assert res.exit_code == 0 and "teaser" in res.output and "Maria Lund" in res.output
    res = runner.invoke(app, ["export", "--db", db, "-f", "csv", "--out", str(tmp_path / "x")])
    assert res.exit_code == 0 and (tmp_path / "x" / "articles.csv").exists()


def test_failed_input_sets_exit_code(tmp_path):
    db = str(tmp_path / "c.duckdb")
    res = runner.invoke(app, ["ingest", str(tmp_path / "missing.txt"), "--db", db])
    assert res.exit_code == 1
    assert "no such file or folder" in res.output


def test_unknown_show_id(tmp_path, banner_page):
    db = str(tmp_path / "c.duckdb")
    page = tmp_path / "p.txt"
    page.write_text(banner_page)
    runner.invoke(app, ["ingest", str(page), "--db", db])
    res = runner.invoke(app, ["show", "zzzz", "--db", db])
    assert res.exit_code == 2 and "no article" in res.output


def test_eval_unknown_task():
    res = runner.invoke(app, ["eval", "nope", "--gold", "."])
    assert res.exit_code == 2 and "unknown eval task" in res.output


ARMS_PAGE = """Ruritania sends drones to Freedonia, officials say

Ruritania delivered 40 attack drones to Freedonia last month, the foreign ministry of Elbonia said on Tuesday.

Ruritanian officials denied the report. "We have sent no weapons," said Anna Weber, a spokeswoman for the Ruritanian government.

Weber added that Ruritania was ready to talk."""


def test_actor_and_event_commands(tmp_path):
    page = tmp_path / "arms.txt"
    page.write_text(ARMS_PAGE, encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert runner.invoke(app, ["ingest", str(page), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["actors", "--db", db, "--json"])
    names = {json.loads(line)["name"] for line in res.output.splitlines()}
    assert "Anna Weber" in names
    res = runner.invoke(app, ["actor", "Weber", "--db", db, "--json"])
    rec = json.loads(res.output)
    assert rec["name"] == "Anna Weber" and rec["mentions"] >= 2
    assert {a["text"] for a in rec["aliases"]} >= {"Anna Weber", "Weber"}
    res = runner.invoke(app, ["events", "--db", db, "--type", "AID", "--json"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows and all(r["type"] == "AID" for r in rows)
    assert any("drones" in (r["items"] or "") for r in rows)
    res = runner.invoke(app, ["actor", "Nobody Known", "--db", db])
    assert res.exit_code == 2


def test_quotes_command(tmp_path):
    page = tmp_path / "arms.txt"
    page.write_text(ARMS_PAGE, encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    assert runner.invoke(app, ["ingest", str(page), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["quotes", "--db", db, "--json", "--speaker", "Weber"])
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert rows and all("Weber" in (r["source_text"] or "") for r in rows)
    assert any("sent no weapons" in r["content"] for r in rows)
    res = runner.invoke(app, ["quotes", "--db", db, "--json", "--stance", "deny"])
    assert all(json.loads(line)["stance"] == "deny" for line in res.output.splitlines())


def _quantities_gold(tmp_path):
    import json

    gold = tmp_path / "quant.json"
    gold.write_text(
        json.dumps(
            [
                {
                    "text": "The ferry carried 120 passengers and 3 tonnes of grain.",
                    "quantities": [
                        {"value": "120", "normalized_unit": ""},
                        {"value": "3", "normalized_unit": "tonne"},
                    ],
                }
            ]
        )
    )
    return gold


def test_eval_json_goes_alone_to_stdout(tmp_path):
    """--json output can be piped: progress bars go to stderr, in a real process."""
    import json
    import subprocess
    import sys

    gold = _quantities_gold(tmp_path)
    cli = "from claimgraph.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "eval", "quantities", "--gold", str(gold), "--json"]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["task"] == "quantities" and "claimgraph" in report["systems"]


def test_piped_report_table_is_not_cut_to_80_columns(tmp_path):
    """Redirected to a file, the eval table keeps its column names and numbers whole."""
    import os
    import subprocess
    import sys

    gold = _quantities_gold(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    cli = "from claimgraph.cli import main; main()"
    cmd = [sys.executable, "-c", cli, "eval", "quantities", "--gold", str(gold)]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 0, res.stderr
    rows = [line for line in res.stdout.splitlines() if "claimgraph" in line and "│" in line]
    assert rows and "…" not in rows[0], res.stdout
