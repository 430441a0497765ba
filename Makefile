# Two commands work on a fresh machine that has only Python: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= ../shared/data

.PHONY: install system-deps demo test test-slow fuzz lint bench bench-store bench-api bench-batch bench-cluster evaluate web screenshots clean load fault

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/waqia extract samples --format table
	$(BIN)/waqia extract samples -o demo-output.jsonl
	@echo "spec JSONL written to demo-output.jsonl"

# PostgreSQL and Chromium for the store and web-UI tests (Debian packages; see scripts/system-deps.sh)
system-deps:
	scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/pytest -q

test-slow: $(STAMP)
	$(BIN)/pytest -q -m slow

# The fuzz properties of `make test`, run thousands of times each (hypothesis profile "long").
fuzz: $(STAMP)
	WAQIA_HYPOTHESIS_PROFILE=long $(BIN)/pytest -q tests/fuzz

lint: $(STAMP)
	$(BIN)/ruff check waqia tests scripts
	$(BIN)/ruff format --check waqia tests scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/waqia bench $(DATA)/corpus/counter/corpus.jsonl

# COUNTER into a fresh SQLite store, twice: the second run must add nothing
bench-store: $(STAMP)
	rm -f counter.db counter.db-wal counter.db-shm
	$(BIN)/waqia ingest $(DATA)/corpus/counter/corpus.jsonl --db counter.db --no-progress
	$(BIN)/waqia ingest $(DATA)/corpus/counter/corpus.jsonl --db counter.db --no-progress

bench-api: $(STAMP)
	$(BIN)/waqia bench-api --events 100000

bench-batch: $(STAMP)
	$(BIN)/waqia bench-batch $(DATA)/corpus/counter/corpus.jsonl --docs 10000 --workers 1,2

bench-cluster: $(STAMP)
	$(BIN)/waqia bench-cluster --sizes 10000,100000,1000000

# Rebuild the web UI's third-party files (static/vendor, static/data) from web/ (npm registry only;
# the built files are committed)
web:
	cd web && npm ci --ignore-scripts && npm run build

screenshots: $(STAMP) system-deps
	WAQIA_UPDATE_SCREENSHOTS=1 $(BIN)/pytest -q tests/server/test_browser.py

evaluate: $(STAMP)
	$(BIN)/waqia evaluate ud $(DATA)/ud_urdu/ur_udtb-ud-test.conllu

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache demo-output.jsonl

# Load test of `waqia serve`: wrk on loopback for 60 s over 100,000 synthetic events (the store is
# built once in build/load/ and reused); installs Debian's wrk when missing and we are root.
LOAD_DB ?= build/load/store-100k.db
load: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing wrk (Debian package) for the load test"; \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update -qq >/dev/null && \
	    apt-get install -y -qq --no-install-recommends wrk >/dev/null; \
	  else echo "wrk is not installed: apt-get install wrk" >&2; exit 2; fi; }
	$(BIN)/python scripts/load_test.py --db $(LOAD_DB) --out build/load/result.json

# Fault injection, longer and randomised: the tests of tests/reliability with FAULT_ROUNDS kill
# rounds each, PostgreSQL and a real full tmpfs included, and a new seed (printed; set
# WAQIA_FAULT_SEED to replay one). Every round is logged to build/fault/rounds.jsonl.
FAULT_ROUNDS ?= 20
fault: $(STAMP) system-deps
	@mkdir -p build/fault && rm -f build/fault/rounds.jsonl
	@seed=$${WAQIA_FAULT_SEED:-$$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}; echo "WAQIA_FAULT_SEED=$$seed"; \
	WAQIA_FAULT_SEED=$$seed WAQIA_FAULT_ROUNDS=$(FAULT_ROUNDS) WAQIA_FAULT_LOG=build/fault/rounds.jsonl \
	  $(BIN)/pytest -q -m "slow or not slow" tests/reliability
	@$(BIN)/python -c 'import collections, json; \
	rounds = [json.loads(line) for line in open("build/fault/rounds.jsonl")]; \
	tally = collections.Counter((r["what"], r["mode"], "killed" if r["killed"] else "finished") for r in rounds); \
	print("\n".join(f"{n:4d}  {w}: {m} rounds, {k}" for (w, m, k), n in sorted(tally.items())))'
