# One entry point for people and CI alike: `make site` builds, `make check` runs every check.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
JOBS   ?= auto

.PHONY: site serve check test lint types install install-test golden bench clean

site: install
	$(BIN)/cablegen build

serve: install
	$(BIN)/cablegen serve

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

# The test extras plus what the browser and validator tests need outside PyPI.
$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed scripts/install-test-deps package-lock.json
	$(BIN)/python -m pip install -q -e '.[test]'
	scripts/install-test-deps
	touch $@

check: install-test lint types test

lint: install-test
	$(BIN)/ruff check generator tests bench setup.py
	$(BIN)/ruff format --check generator tests bench setup.py

types: install-test
	$(BIN)/mypy

test: install-test
	$(BIN)/pytest -n $(JOBS) -q

golden: install
	$(BIN)/python -m tests.regenerate

bench: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
