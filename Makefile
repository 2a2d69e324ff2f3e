# One target per job; each works on a fresh clone and is safe to run again.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL := models/rolewise.tar.gz
LOOKUP := data/generated/job_roles.yml
PIPELINE := build/spacy_roles/meta.json
PYTHON310 := $(shell command -v python3.10 2>/dev/null || pyenv which python3.10 2>/dev/null)
ACTIONS_PORT ?= 5055
RASA_PORT ?= 5005
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: install kb nlu-data train run shell test test-conversation eval bench lint clean

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

nlu-data: kb
	$(PY) -m nlu.generate

train: nlu-data
	@$(MAKE) --no-print-directory $(MODEL)

$(MODEL): config.yml domain.yml data/nlu.yml data/stories.yml data/rules.yml $(LOOKUP) $(PIPELINE) $(wildcard nlu/*.py)
	$(RASA) train --fixed-model-name rolewise --out models

run: train
	@echo "Starting the action server (:$(ACTIONS_PORT)) and Rasa (:$(RASA_PORT)); Ctrl-C stops both."
	@trap 'kill 0' INT TERM; \
	$(PY) -m actions --port $(ACTIONS_PORT) & \
	$(RASA) run --enable-api --cors "*" -m $(MODEL) --port $(RASA_PORT) & \
	wait

shell: train
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) -m actions --port $(ACTIONS_PORT) > build/actions.log 2>&1 & \
	$(RASA) shell -m $(MODEL)

test: train
	$(VENV)/bin/ruff check kb actions nlu channels tests
	$(PY) -m pytest -q
	@$(MAKE) --no-print-directory test-conversation

test-conversation: train
	$(RASA) data validate --fail-on-warnings
	$(RASA) test core -m $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core
	$(RASA) test nlu -m $(MODEL) --nlu tests/nlu/test_nlu.yml --out results/nlu
	$(PY) -m nlu.perturb tests/nlu/test_nlu.yml build/nlu/test_nlu_typos.yml
	$(RASA) test nlu -m $(MODEL) --nlu build/nlu/test_nlu_typos.yml --out results/nlu_typos
	$(PY) -m nlu.floors results/nlu results/nlu_typos

eval: install
	@echo "make eval: not yet (issue: Measured quality)"

bench: install
	@echo "make bench: not yet (issue: Measured quality)"

lint: install
	$(VENV)/bin/ruff check kb actions nlu channels tests

clean:
	rm -rf build models results .pytest_cache data/generated
