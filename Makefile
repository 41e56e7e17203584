# Two commands on a fresh machine: `make run` and `make test`.
# Both create .venv when it is missing and (re)install the package, editable with its test
# extras, only when pyproject.toml is newer than the last install.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test thorough bench lint clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "oiadraft needs Python 3.11 or newer; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/oiadraft

test: $(STAMP)
	$(BIN)/python -m pytest -n auto

# The same suite with every property test trying its full number of examples (slower).
thorough: $(STAMP)
	OIADRAFT_THOROUGH=1 $(BIN)/python -m pytest -n auto

bench: $(STAMP)
	@set -e; for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script; done

lint: $(STAMP)
	$(BIN)/ruff check oiadraft tests bench
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) build dist *.egg-info
