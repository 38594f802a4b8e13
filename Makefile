# Two commands set everything up on a fresh machine:
#   make run    build data.db from seeds/ and list who backed a ceasefire
#   make test   run the test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: run test lint bench clean

run: $(VENV)/.installed
	$(BIN)/tracker build
	$(BIN)/tracker who-backed ceasefire

test: $(VENV)/.installed
	$(BIN)/ruff check tracker tests bench
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check tracker tests bench

# every benchmark side by side; writes docs/PERFORMANCE.md (needs psql for the PostgreSQL figures)
bench: $(VENV)/.installed
	$(BIN)/python -m bench

# extraction on the corpus of real texts (../shared/corpus, or TRACKER_CORPUS), per file and per kind
# of text; skipped when the corpus is not there
.PHONY: corpus
corpus: $(VENV)/.installed
	$(BIN)/python -m bench.corpus

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
