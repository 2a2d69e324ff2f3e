# One target per job; each works on a fresh clone and is safe to run again.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTHON310 := $(shell command -v python3.10 2>/dev/null || pyenv which python3.10 2>/dev/null)

.PHONY: install kb train run shell test eval bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 does not install on 3.11+)."; \
	  echo "Install it with 'pyenv install 3.10' (this repo's .python-version selects it) or your OS packages."; \
	  exit 1; fi
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip<24.1'
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

kb: install
	$(PY) -m kb build

train: kb
	@echo "make train: not yet (issue: Conversation)"

run: kb
	@echo "make run: not yet (issue: Conversation)"

shell: kb
	@echo "make shell: not yet (issue: Conversation)"

test: kb
	$(PY) -m pytest -q

eval: install
	@echo "make eval: not yet (issue: Measured quality)"

bench: install
	@echo "make bench: not yet (issue: Measured quality)"

lint: install
	$(VENV)/bin/ruff check kb tests

clean:
	rm -rf build models results .pytest_cache
