# faits — `make run` serves on 127.0.0.1:8000, `make test` runs the tests. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The small offline Stanza models beside the project (see README) unless FAITS_STANZA_DIR says otherwise.
SHARED_MODELS := $(abspath ../shared/models/stanza-fr-mini)
export FAITS_STANZA_DIR ?= $(if $(wildcard $(SHARED_MODELS)/resources.json),$(SHARED_MODELS),$(CURDIR)/models/stanza)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run test test-fast lint eval leftovers bench load worst models openapi clean

# The targets with a "## " comment, and what each does
help: ## list the targets
	@awk -F ':.*## ' '/^[a-zA-Z0-9_-]+:.*## / {printf "  %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(VENV)/.installed ## create .venv and install the pinned dependencies (torch CPU first)

# torch first and alone: the CPU build (here pip finds it on disk; elsewhere add
# --index-url https://download.pytorch.org/whl/cpu), so stanza does not pull a CUDA build.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

run: setup ## serve with gunicorn on HOST:PORT (127.0.0.1:8000)
	FAITS_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py "service.wsgi:app"

test: setup ## the full suite, on the real analyzers (what CI runs)
	$(BIN)/python -m pytest -p no:cacheprovider

# Tests marked `models` (or `slow`: fuzzing) left out, the others on tests/fake_analyzer.py (see tests/conftest.py)
test-fast: setup ## the tests that need no real model, on a fake analyzer (seconds)
	$(BIN)/python -m pytest -p no:cacheprovider -p no:schemathesis --fast

# ruff and mypy, configured in pyproject.toml (all three run; any failure fails the target).
# `ruff format` and `ruff check --fix` rewrite what they can.
lint: setup ## ruff check, ruff format --check, mypy on schemas/ and service/
	@status=0; \
	echo "ruff check"; $(BIN)/ruff check . || status=1; \
	echo "ruff format --check"; $(BIN)/ruff format --check . || status=1; \
	echo "mypy"; $(BIN)/mypy || status=1; \
	exit $$status

# Both analyzers on ../shared/eval/dev.jsonl and dev2.jsonl: each file, then both together
eval: setup ## precision, recall, F1 of both analyzers on the development files
	$(BIN)/python tools/evaluate.py $(EVAL_ARGS)

# Counts of people no fact used (gold, news and UD texts of ../shared), by governing word; the facts on
# the UD part. LEFTOVERS_ARGS="--analyzer stanza --limit-ud 3000 --top 40 --json"
leftovers: setup ## counts of people no fact used, by governing word
	$(BIN)/python tools/leftovers.py $(LEFTOVERS_ARGS)

# Throughput and latency, in process and through gunicorn on 127.0.0.1 (about 5 minutes on 2 cores)
bench: setup ## throughput and latency, in process and through gunicorn
	$(BIN)/python tools/bench.py $(BENCH_ARGS)

# Bounded load test through gunicorn on 127.0.0.1 (5 minutes at most): no unexpected status, flat memory
load: setup ## bounded load test through gunicorn
	$(BIN)/python tools/load.py $(LOAD_ARGS)

# The worst shapes of text at the character limit (long runs, one-letter words, no sentence end...), through
# the app with each analyzer, in seconds against FAITS_REQUEST_TIMEOUT. WORST_ARGS="--analyzers spacy"
worst: setup ## the slowest texts within the limits, timed with each analyzer
	$(BIN)/python tools/worst.py $(WORST_ARGS)

# Official Stanford French models (needs the internet): make models FAITS_STANZA_DIR=models/stanza
models: setup ## download the official Stanza French models (internet)
	$(BIN)/python -m service.cli download-models --dir $(FAITS_STANZA_DIR)

openapi: setup ## rewrite openapi.yaml from the pydantic models
	$(BIN)/python -m service.cli openapi --output openapi.yaml

clean: ## remove .venv
	rm -rf $(VENV) .pytest_cache
