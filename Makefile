# jeugdtool — everyday commands. `make` alone lists them.
#
# From a fresh clone, on Debian 12 with python3 and make: `make run` or `make test`.
# Both first make sure the Debian packages Qt needs are there (scripts/system-deps.sh), then
# create a venv and install the program into it, then do their job: `make run` uses .venv-run
# (the program only), `make test` and the other targets .venv (the program and the test tools).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# One step at a time: system packages, then the venv, then what uses them.
.NOTPARALLEL:

VENV := .venv
BIN := $(VENV)/bin
# The program without the test tools, for `make run` (docs/packaging.md: the two venvs).
RUN_VENV := .venv-run
RUN_BIN := $(RUN_VENV)/bin
# PyInstaller and the program, for `make bundle` only (docs/packaging.md: the standalone bundle).
BUNDLE_VENV := .venv-bundle
BUNDLE_BIN := $(BUNDLE_VENV)/bin
# What goes into the bundle: a change to any of these builds it again.
BUNDLE_SOURCES := pyproject.toml LICENSE $(shell find jeugdtool resources packaging -type f \
	-not -name '*.pyc' -not -path '*/__pycache__/*' 2>/dev/null)
# The first of these that is Python >= 3.11; override with `make PYTHON=/path/to/python3.12 venv`.
PYTHON ?= $(shell for p in python3 python3.11 python3.12 python3.13; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
PYTEST_ARGS ?=
# `make test` spreads the tests over this many processes (CI has two cores; 0 runs them in one).
TEST_WORKERS ?= 2
# How: each worker starts on its half of the tests (the longest first: tests/conftest.py's
# LONG_FIRST) and takes tests from the other's end when it runs out, so neither waits at the end.
TEST_DIST ?= --dist worksteal

.PHONY: help deps venv run-venv bundle-venv run test test-fast test-pythons coverage lint format i18n bench bundle \
	clean distclean

help: ## Show this list
	@echo "jeugdtool: make <target>"
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z0-9-]*:.*## / { printf "  %-12s %s\n", $$1, $$2 }' \
		$(MAKEFILE_LIST)

deps: ## Install the Debian packages Qt and the tools need (only the missing ones)
	@bash scripts/system-deps.sh

venv: $(VENV)/.installed ## Create .venv and install jeugdtool with its test tools (when pyproject.toml changed)

run-venv: $(RUN_VENV)/.installed ## Create .venv-run and install jeugdtool without the test tools

bundle-venv: $(BUNDLE_VENV)/.installed ## Create .venv-bundle (kept in ~/.cache/jeugdtool): jeugdtool with PyInstaller, for `make bundle`

# Each venv's Python: $* is .venv or .venv-run (.venv-bundle: scripts/bundle-venv.sh).
%/bin/python:
	@bash scripts/system-deps.sh  # Debian's python3 needs python3-venv for the next line
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.11 or newer found (tried python3, python3.11-3.13)." >&2; \
		echo "Install one, or run: make PYTHON=/path/to/python3.11 venv" >&2; exit 1; fi
	@echo "Creating $* with $$(command -v $(PYTHON)) ($$($(PYTHON) --version))"
	@$(PYTHON) -m venv $* || { rm -rf $*; exit 1; }

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test]'
	@touch $@

$(RUN_VENV)/.installed: pyproject.toml | $(RUN_BIN)/python
	$(RUN_BIN)/python -m pip install --disable-pip-version-check -e .
	@touch $@

# Kept in ~/.cache/jeugdtool per pyproject.toml and Python, .venv-bundle a link to it: a fresh
# clone (CI) only puts its own jeugdtool into it (scripts/bundle-venv.sh).
$(BUNDLE_VENV)/.installed: pyproject.toml
	@bash scripts/system-deps.sh  # Debian's python3 needs python3-venv
	bash scripts/bundle-venv.sh "$(PYTHON)"
	@touch $@

run: deps run-venv ## Start jeugdtool (from .venv-run: the program without the test tools)
	$(RUN_BIN)/jeugdtool

test: export QT_QPA_PLATFORM = offscreen
test: deps venv lint ## Lint, run every test (Qt offscreen, a throwaway PostgreSQL), then the core on 3.12/3.13
	bash scripts/with-postgres.sh $(BIN)/python -m pytest -n $(TEST_WORKERS) $(TEST_DIST) --durations=30 $(PYTEST_ARGS)
	@if [ -z "$(PYTEST_ARGS)" ]; then bash scripts/other-pythons.sh; fi

test-pythons: ## The Qt-free core and i18n tests on Python 3.12 and 3.13 (own venvs; those found here)
	bash scripts/other-pythons.sh

test-fast: export QT_QPA_PLATFORM = offscreen
test-fast: deps venv lint ## Lint, then every test not marked slow, on all cores (about 2 minutes on two; no PostgreSQL)
	$(BIN)/python -m pytest -q -m "not slow" -n auto $(PYTEST_ARGS)

coverage: export QT_QPA_PLATFORM = offscreen
coverage: export COVERAGE_FILE = build/.coverage
coverage: deps venv ## Run every test under coverage and list what no test runs (no threshold)
	@mkdir -p build
	bash scripts/with-postgres.sh $(BIN)/python -m coverage run --source=jeugdtool \
		--omit='jeugdtool/store/migrations/*' -m pytest -q $(PYTEST_ARGS)
	$(BIN)/python -m coverage report --skip-covered --sort=cover

lint: venv ## ruff check, ruff format --check, import-linter contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: venv ## Fix what ruff can (imports, safe fixes) and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

i18n: venv ## Extract strings, update the Dutch .po, compile the .mo
	$(BIN)/python scripts/i18n.py

bench: export QT_QPA_PLATFORM = offscreen
bench: venv ## Run every benchmarks/bench_*.py (record results in docs/performance.md)
	@for f in benchmarks/bench_*.py; do \
		[ -e "$$f" ] || continue; \
		echo "== $$f"; \
		$(BIN)/python "$$f"; \
	done

bundle: dist/jeugdtool/jeugdtool-cli ## Build the standalone bundle dist/jeugdtool/ (when its sources changed)

# PyInstaller replaces dist/jeugdtool/ as a whole; the program's mtime says when it was built.
dist/jeugdtool/jeugdtool-cli: $(BUNDLE_SOURCES) $(BUNDLE_VENV)/.installed
	@bash scripts/system-deps.sh  # PyInstaller needs objdump (binutils)
	$(BUNDLE_BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/bundle packaging/jeugdtool.spec
	@touch $@
	@echo "Built dist/jeugdtool/ ($$(du -sm dist/jeugdtool | cut -f1) MB)"

clean: ## Remove caches and build output, the bundle too (keeps the venvs)
	rm -rf build dist benchmarks/out .pytest_cache .ruff_cache .hypothesis
	find . \( -path ./$(VENV) -o -path ./$(RUN_VENV) -o -path ./$(BUNDLE_VENV) \) -prune -o \
		\( -name __pycache__ -o -name '*.egg-info' \) -type d -prune -exec rm -rf {} +

distclean: clean ## Also remove .venv, .venv-run and .venv-bundle
	rm -rf $(VENV) $(RUN_VENV) $(BUNDLE_VENV)
