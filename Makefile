# Set-up and everyday commands. Only python3 and make are needed on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test fuzz lint format bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsdesk --sample

# mypy: strict on the core layers, the default checks on the app and the commands
# (configured in pyproject.toml [tool.mypy]).
test: $(STAMP)
	$(VENV)/bin/ruff check tui tests benchmarks
	$(VENV)/bin/ruff format --check tui tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

# The property tests of tests/fuzz/ with many more examples than `make test` runs.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/pytest -q tests/fuzz

lint: $(STAMP)
	$(VENV)/bin/ruff check tui tests benchmarks
	$(VENV)/bin/ruff format --check tui tests benchmarks
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format tui tests benchmarks
	$(VENV)/bin/ruff check --fix tui tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
