# Two commands for a fresh machine: `make reports` and `make test`.
# Both create .venv when missing and (re)install only when pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install test reports bench lint check-params clean

install: $(STAMP)

# the first install takes a minute or two: say what is happening, a line per step
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || { echo "jamsos setup [1/3]: creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV); }
	@echo "jamsos setup [2/3]: upgrading pip"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "jamsos setup [3/3]: installing jamsos and its dependencies (numpy, pandas, \
	matplotlib, jupyterlab, papermill, ...; about a minute on a fresh machine)"
	@$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)
	@echo "jamsos setup: done"

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/jamsos params check params
	$(BIN)/python -m pytest

reports: $(STAMP)
	$(BIN)/jamsos monthly

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_pendataan.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_cli.py
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_national.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py

check-params: $(STAMP)
	$(BIN)/jamsos params check params

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
