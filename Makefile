# Two commands for a fresh machine: `make reports` and `make test`.
# Both create .venv when missing and (re)install only when pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install test reports bench lint check-params clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/jamsos params check params
	$(BIN)/python -m pytest

reports: $(STAMP)
	$(BIN)/jamsos monthly

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_pendataan.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

check-params: $(STAMP)
	$(BIN)/jamsos params check params

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
