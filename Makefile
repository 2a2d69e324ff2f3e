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
WEB_PORT ?= 8080
CHROMIUM := /usr/bin/chromium
NGINX := /usr/sbin/nginx
CLUSTER_PORT ?= 5005
# Each build step's stamp is named by a fingerprint of its inputs' names and contents, so a checkout or
# copy that rewrites files without changing them rebuilds nothing. A step whose stamp is missing still
# runs only if an input is newer than what the step last built (UP_TO_DATE): a clone built before the
# stamps existed keeps its build.
FINGERPRINT = $(shell (printf '%s\n' $(1); cat $(1)) 2>/dev/null | md5sum | cut -c1-12)
UP_TO_DATE = [ -e $(1) ] && [ -z "$$(find $(2) -newer $(1) 2>/dev/null | head -1)" ]
WEB_INPUTS := web/package.json web/package-lock.json
WEB_STAMP := web/node_modules/.rolewise-$(call FINGERPRINT,$(WEB_INPUTS))
# The KB, its spaCy pipeline and the NLU lookup are rebuilt only when what they are made from changed
# (content, kb/ code, the lookup generator) or the database is missing: one stamp per DATABASE_URL.
KB_INPUTS := $(shell find kb -name '*.py' -o -name '*.yml' | sort) nlu/generate.py
KB_BUILT := build/.kb-$(shell printf '%s' '$(DATABASE_URL)' | md5sum | cut -c1-12)
KB_STAMP := $(KB_BUILT)-$(call FINGERPRINT,$(KB_INPUTS))
# What training reads besides the generated lookup and spaCy pipeline (those are rewritten only when
# their content changes, so their times say enough).
MODEL_SOURCES := config.yml domain.yml $(wildcard data/nlu/*.yml) $(wildcard data/rules/*.yml) data/stories.yml \
  data/rules.yml nlu/extractor.py nlu/matching.py nlu/language.py nlu/place_reply.py
MODEL_STAMP := models/.rolewise-$(if $(wildcard $(MODEL)),$(call FINGERPRINT,$(MODEL_SOURCES)),missing)
KB_DB := $(if $(DATABASE_URL),,build/kb.sqlite3)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false
# What Rasa sends the action server with every call (actions/caller.py): a new one each run unless set.
ifeq ($(strip $(ROLEWISE_ACTIONS_TOKEN)),)
ROLEWISE_ACTIONS_TOKEN := $(shell od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
endif
export ROLEWISE_ACTIONS_TOKEN

.PHONY: install kb nlu-data train web browser services run cluster shell test test-conversation eval devset bench report lint clean slack-manifest

install: $(STAMP)

# uv installs the same pinned set as pip from PyPI, about five times faster here (docs/performance.md).
$(STAMP): pyproject.toml requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 does not install on 3.11+)."; \
	  echo "Install it with 'pyenv install 3.10' (this repo's .python-version selects it) or your OS packages."; \
	  exit 1; fi
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade 'pip<24.1' 'uv==0.13.9'
	$(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.lock
	$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	@touch $@

# `make kb` / `make nlu-data` always check (and say so); other targets use the stamp below.
kb: install
	$(PY) -m kb build

nlu-data: kb
	$(PY) -m nlu.generate

# A missing SQLite file makes the stamp out of date, so the one recipe below builds it (once).
KB_MISSING := $(if $(KB_DB),$(if $(wildcard $(KB_DB)),,kb-missing))

$(KB_STAMP): $(STAMP) $(KB_MISSING)
	@[ -z "$(KB_MISSING)" ] && $(call UP_TO_DATE,$(KB_BUILT),$(KB_INPUTS) $(STAMP)) || { \
	  echo "$(PY) -m kb build" && $(PY) -m kb build && echo "$(PY) -m nlu.generate" && $(PY) -m nlu.generate; }
	@rm -f $(KB_BUILT)-*; touch $(KB_BUILT) $@

# Built by the stamp's recipe, which rewrites neither file when its content is unchanged (so no retraining).
$(PIPELINE) $(LOOKUP): $(KB_STAMP)
	@:

$(KB_DB): $(KB_STAMP)
	@:

.PHONY: kb-missing
kb-missing:

train: $(MODEL_STAMP)

$(MODEL_STAMP): $(LOOKUP) $(PIPELINE)
	@$(call UP_TO_DATE,$(MODEL),$(MODEL_SOURCES) $(LOOKUP) $(PIPELINE)) || { \
	  echo "$(PY) -m runtime.rasa_cli train --quiet --fixed-model-name rolewise --out models  (from half a minute to a few minutes)" && \
	  $(PY) -m runtime.rasa_cli train --quiet --fixed-model-name rolewise --out models; }
	@rm -f models/.rolewise-*; $(if $(wildcard $(MODEL)),touch $@,:)

# The chat widget bundle, installed from npm and served locally (never from a CDN).
web: $(WEB_STAMP)

$(WEB_STAMP):
	@$(call UP_TO_DATE,web/node_modules/.package-lock.json,$(WEB_INPUTS)) || { \
	  echo "npm ci --prefix web --ignore-scripts --no-audit --no-fund" && \
	  npm ci --prefix web --ignore-scripts --no-audit --no-fund; }
	@rm -f web/node_modules/.rolewise-*; touch $@

# Debian's Chromium for the browser tests; Playwright never downloads a browser.
browser: $(CHROMIUM)

$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

# Everything listens on ROLEWISE_HOST (default 127.0.0.1); Rasa's HTTP API is off unless
# ROLEWISE_API=1 with ROLEWISE_API_TOKEN or ROLEWISE_JWT_SECRET (docs/security.md).
# PostgreSQL and Redis where they already run on 127.0.0.1, else Debian's packages installed and
# started here; then the production profile's PostgreSQL role and databases.
services: install
	@if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then \
	  apt-get update && RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql && \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; fi
	@if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then \
	  RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server && \
	  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no; fi
	@$(PY) -m runtime services

$(NGINX):
	apt-get update
	RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y nginx

# 2 Rasa servers and 2 action servers behind nginx, on PostgreSQL and Redis (docs/scale-out.md).
cluster: train web services $(NGINX)
	@WEB_PORT=$(WEB_PORT) $(PY) -m runtime cluster --port $(CLUSTER_PORT) --web-port $(WEB_PORT)

# If any of the three servers stops on its own, the other two are stopped too. The servers run in
# sessions of their own (setsid), so Ctrl-C reaches only this recipe, which stops them and says so;
# an open browser socket holds Rasa's stop for 2 s at most (Sanic's default: 15 s), and a server
# still running 8 s after being asked to stop is killed.
run: train web
	@WEB_PORT=$(WEB_PORT) $(PY) -m runtime check --ports ACTIONS_PORT=$(ACTIONS_PORT) RASA_PORT=$(RASA_PORT) WEB_PORT=$(WEB_PORT)
	@echo "Action server :$(ACTIONS_PORT), Rasa :$(RASA_PORT), demo page http://localhost:$(WEB_PORT)/ - Ctrl-C stops all."
	@sed 's#127.0.0.1:5055#127.0.0.1:$(ACTIONS_PORT)#' endpoints.yml > build/endpoints.run.yml
	@stopping=; trap 'stopping=1' INT TERM; export SANIC_GRACEFUL_SHUTDOWN_TIMEOUT=2; \
	setsid $(PY) -m actions --port $(ACTIONS_PORT) & actions=$$!; \
	WEB_PORT=$(WEB_PORT) setsid $(PY) -m runtime rasa --model $(MODEL) --port $(RASA_PORT) --endpoints build/endpoints.run.yml & rasa=$$!; \
	setsid $(PY) web/serve.py --quiet --port $(WEB_PORT) --bot-url http://localhost:$(RASA_PORT) & web=$$!; \
	setsid $(PY) -m runtime ready --rasa-port $(RASA_PORT) --web-port $(WEB_PORT) & ready=$$!; \
	wait -n $$actions $$rasa $$web; kill $$actions $$rasa $$web $$ready 2>/dev/null; \
	for _ in $$(seq 40); do alive=; for p in $$actions $$rasa $$web; do kill -0 $$p 2>/dev/null && alive=1; done; \
	  [ -z "$$alive" ] && break; sleep 0.2; done; kill -KILL $$actions $$rasa $$web 2>/dev/null; wait; \
	if [ -n "$$stopping" ]; then echo "Stopped the action server, Rasa and the demo page."; exit 0; fi; \
	echo "A server stopped on its own (see above), so make run stopped the others." >&2; exit 1

shell: train
	@sed 's#127.0.0.1:5055#127.0.0.1:$(ACTIONS_PORT)#' endpoints.yml > build/endpoints.run.yml
	@$(PY) -m actions --port $(ACTIONS_PORT) > build/actions.log 2>&1 & actions=$$!; \
	trap 'kill $$actions 2>/dev/null' EXIT; \
	$(RASA) shell -m $(MODEL) --endpoints build/endpoints.run.yml --interface 127.0.0.1 --port $(RASA_PORT)

test: train web browser services $(NGINX)
	$(VENV)/bin/ruff check kb actions nlu channels bench runtime tests web
	$(PY) -m pytest -q
	@$(MAKE) --no-print-directory test-conversation

test-conversation: train
	$(RASA) data validate --fail-on-warnings
	$(RASA) test core -m $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core
	$(RASA) test nlu -m $(MODEL) --nlu tests/nlu/test_nlu.yml --out results/nlu
	$(PY) -m nlu.perturb tests/nlu/test_nlu.yml build/nlu/test_nlu_typos.yml
	$(RASA) test nlu -m $(MODEL) --nlu build/nlu/test_nlu_typos.yml --out results/nlu_typos
	$(PY) -m nlu.floors results/nlu results/nlu_typos

eval: train
	$(PY) -m nlu.report

devset: train
	$(PY) -m tests.devset.run

bench: train
	$(PY) -m bench.run $(BENCH_ARGS)

# A content author's to-do list from what people asked (docs/content.md, "What people ask").
report: $(KB_STAMP)
	@$(PY) -m kb report

# The Slack app manifest with the bot's public https address filled in (docs/slack.md).
slack-manifest:
	@$(if $(PYTHON310),$(PYTHON310),python3) -m runtime.slack_manifest "$(HOST)"

lint: install
	$(VENV)/bin/ruff check kb actions nlu channels bench runtime tests web

clean:
	rm -rf build models results .pytest_cache data/generated
