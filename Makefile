# Everything a newcomer needs: `make run` and `make test`.
# Each step runs only when its inputs changed (stamp files under .stamps/).

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10 (it does not support 3.11+).
# The first candidate that really runs 3.10 (a pyenv shim may exist and fail).
PYTHON310 ?= $(shell for p in $$(ls -d $$(pyenv root 2>/dev/null || echo $${PYENV_ROOT:-$$HOME/.pyenv})/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V | tail -n 1) python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMPS := .stamps

export INTAKE_DATA_DIR ?= $(CURDIR)/var
export RASA_TRACKER_DB ?= $(INTAKE_DATA_DIR)/tracker.db
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:5055/webhook
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

NLU_DATA := $(shell find data/nlu data/rules -name '*.yml')
SAFETY_DATA := $(wildcard data/safety/*.yml) tests/conversations/probes/crisis_tune.yml
PLACES_MODEL := build/places_nlp
PLACES_DB := build/places.db
CRISIS_MODEL := build/crisis_classifier.npz

.PHONY: help install deps-system build check-firm train run run-scaled lint test test-unit test-stories test-integration test-scaled test-browser fuzz validate docs bench-chat bench-conversations bench-safety bench-upfront bench-nlu bench-updates bench-booking bench-staff bench-alerts bench-scaled profile-chat lock clean

help:  ## this list
	@# Every target documents itself after "##" on its own line (tests/test_makefile.py checks that).
	@grep -E '^[a-zA-Z_-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | sed -E 's/^([a-zA-Z_-]+):.*## /\1\t/' | awk -F '\t' '{printf "make %-20s %s\n", $$1, $$2}'
	@echo "(bench-*: RECORD=1 keeps the run in docs/benchmarks.jsonl, then make docs)"

$(STAMPS):
	@mkdir -p $(STAMPS)

# --- install ---------------------------------------------------------------
$(STAMPS)/venv: requirements.lock pyproject.toml | $(STAMPS)
	@if [ -z "$(PYTHON310)" ]; then echo "Python 3.10 not found: install it (e.g. 'pyenv install 3.10.13') or set PYTHON310=/path/to/python3.10"; exit 1; fi
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<25"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m pip check
	@touch $@

# Debian packages, installed when missing: what running needs (tzdata), what the
# scaled profile needs (postgresql, redis-server, haproxy: `make run-scaled`), and what
# the tests need besides (chromium; the scaled packages, also for the transcript tests
# on PostgreSQL and `make test-scaled`). The only place that calls apt-get.
RUN_PACKAGES := tzdata
SCALED_PACKAGES := $(RUN_PACKAGES) postgresql redis-server haproxy
TEST_PACKAGES := $(SCALED_PACKAGES) chromium
deps-system:  ## the Debian packages run and the tests need, installed when missing (the only apt-get)
	@sh scripts/deps_system.sh $(TEST_PACKAGES)

install: $(STAMPS)/venv  ## the venv from requirements.lock (pip check clean)

# Re-resolve the lock file from requirements.in (needs uv: pip install uv).
lock:  ## re-resolve requirements.lock from requirements.in (needs uv)
	uv pip compile --python-version 3.10 requirements.in -o requirements.lock

# --- build -------------------------------------------------------------------
# The spaCy pipeline, and the gazetteer as a read-only SQLite file that every server process
# reads per lookup (bot/places/placedb.py): neither server loads the place packages' data.
$(STAMPS)/places: $(STAMPS)/venv bot/places/names.py bot/places/gazetteer.py bot/places/pipeline.py bot/places/placedb.py
	$(PY) -m bot.places.pipeline $(PLACES_MODEL)
	$(PY) -m bot.places.placedb $(PLACES_DB)
	@touch $@

# The crisis classifier beside the safety patterns (trained on data/safety/ and the NLU data).
$(STAMPS)/crisis: $(STAMPS)/venv bot/crisis_classifier.py bot/safety.py bot/sklearn_state.py $(SAFETY_DATA) $(NLU_DATA)
	$(PY) -m bot.crisis_classifier $(CRISIS_MODEL)
	@touch $@

# firm.yml is read by the running servers, not trained into the model (connectors/firm_nlg.py):
# checked here so that a mistake stops `make` before anything starts. Always runs ($FIRM_PROFILE may point elsewhere).
check-firm: $(STAMPS)/venv  ## check firm.yml; stops with the reason when something is wrong
	@$(PY) -m bot.firm check

build: $(STAMPS)/places $(STAMPS)/crisis  ## the place pipeline and the crisis classifier under build/

# --- train -------------------------------------------------------------------
# Rasa's default domain (domain.yml); the data is data/nlu and data/rules only (data/safety is not Rasa data).
$(STAMPS)/model: $(STAMPS)/places $(STAMPS)/crisis config.yml domain.yml $(wildcard components/*.py) bot/sklearn_state.py $(NLU_DATA)
	$(RASA) train --data data/nlu data/rules --config config.yml --out models --fixed-model-name intake
	@touch $@

train: $(STAMPS)/model  ## train the Rasa model into models/ (only when its inputs changed)

# --- browser code for the widget (package.json / package-lock.json; Node 20 + npm) ---
$(STAMPS)/npm: package.json package-lock.json | $(STAMPS)
	@command -v npm >/dev/null || (echo "npm not found: install Node.js 20"; exit 1)
	npm ci --no-audit --no-fund
	@touch $@

# --- run ---------------------------------------------------------------------
run: check-firm $(STAMPS)/model $(STAMPS)/npm  ## start the assistant: Rasa :5005, actions :5055, the site and staff app :8000, the worker
	@sh scripts/deps_system.sh $(RUN_PACKAGES)
	@mkdir -p -m 700 $(INTAKE_DATA_DIR)
	@# The sample library of posted updates (idempotent: upsert by URL).
	$(VENV)/bin/intake updates import content/posts
	@# The action server's shared secret: $$ACTION_SERVER_TOKEN, else var/action_server.token (0600, made once).
	@ACTION_SERVER_TOKEN="$$($(PY) -m bot.action_token)" && export ACTION_SERVER_TOKEN && \
		exec $(VENV)/bin/honcho start -f Procfile

# The scaled profile (scripts/scaled.py): PostgreSQL and Redis, two Rasa servers behind
# HAProxy, the action server, web and worker; every address and secret from scaled.env
# (the environment overrides each line). Ctrl-C stops all.
run-scaled: check-firm $(STAMPS)/model $(STAMPS)/npm  ## PostgreSQL, Redis, two Rasa servers behind HAProxy (settings: scaled.env)
	@sh scripts/deps_system.sh $(SCALED_PACKAGES)
	@INTAKE_DATA_DIR="$(CURDIR)/$$(sed -n 's/^SCALED_VAR=//p' scaled.env)/data" && mkdir -p -m 700 "$$INTAKE_DATA_DIR" && \
		INTAKE_DATA_DIR="$$INTAKE_DATA_DIR" $(VENV)/bin/intake updates import content/posts
	exec $(PY) scripts/scaled.py run

# --- test --------------------------------------------------------------------
validate: $(STAMPS)/places  ## rasa data validate on the domain, data and config
	$(RASA) data validate --data data/nlu data/rules --config config.yml

test-unit: $(STAMPS)/places $(STAMPS)/crisis $(STAMPS)/npm  ## pytest without the integration, scaled and browser tests
	$(PY) -m pytest -q -m "not browser and not integration and not scaled"

test-stories: $(STAMPS)/model  ## the test stories through the trained model
	$(PY) scripts/run_test_stories.py

test-integration: $(STAMPS)/model  ## the real Rasa and action servers (needs a trained model)
	$(PY) -m pytest -q -m integration

# The scaled profile under test: real PostgreSQL, Redis and HAProxy, two Rasa servers.
test-scaled: $(STAMPS)/model deps-system  ## the scaled profile under test: PostgreSQL, Redis, HAProxy, two Rasa servers
	$(PY) -m pytest -q -m scaled tests/integration

# Browser tests use Debian's Chromium (make deps-system).
test-browser: $(STAMPS)/model $(STAMPS)/npm deps-system  ## the widget and staff app in Debian's Chromium
	$(PY) -m pytest -q -m browser tests/browser

# ruff (rules in pyproject.toml), the type check of bot/ (mypy, strict: settings in
# pyproject.toml), no import circles, Rasa's own check of the domain and data, and firm.yml.
lint: validate check-firm  ## ruff, mypy (strict on bot/), the import-circle check, rasa data validate and firm.yml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy bot
	$(PY) scripts/check_imports.py

test: deps-system lint test-unit test-stories test-integration test-scaled test-browser  ## install, build, train if needed, lint, and run every test

# The chat channels' input edge under Hypothesis (no model needed). `make test`
# runs the same test with 250 messages per channel.
FUZZ_EXAMPLES ?= 10000
fuzz: $(STAMPS)/venv  ## 10,000 generated messages per chat channel (FUZZ_EXAMPLES=n for more)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -q tests/security/test_fuzz_channels.py

# --- benchmarks ----------------------------------------------------------------
# Every bench script writes its run's record to results/<bench>.json (scripts/bench_record.py).
# `make bench-x RECORD=1` also appends it to docs/benchmarks.jsonl (make passes a
# command-line variable to the recipes' environment); `make docs` then renders
# docs/benchmarks.md and the README's figures from that file.
# Ours beside the stock `rasa init` bot (built once into build/stock_bot/), same driver, same run.
bench-chat: $(STAMPS)/model  ## throughput and latency beside the stock rasa init bot, in the same run
	$(PY) scripts/bench_chat.py

# A py-spy profile of the Rasa server under 20 visitors: the share of each part of a turn, and a flame graph.
profile-chat: $(STAMPS)/model  ## py-spy profile of the Rasa server under 20 visitors (share of each part of a turn)
	$(PY) scripts/profile_chat.py

# Whole conversations: simulated visitors (tests/conversations/) over REST, scored from `intake export`.
bench-conversations: $(STAMPS)/model  ## whole simulated conversations, scored from intake export
	$(PY) scripts/bench_conversations.py

# Crisis messages that get help and ordinary ones that do not: the patterns alone beside patterns + classifier.
bench-safety: $(STAMPS)/crisis  ## crisis messages that get help, ordinary ones that do not
	$(PY) scripts/bench_safety.py

# Facts a first message already gives (dates, where someone is held, the stage), beside a plain date parser.
bench-upfront: $(STAMPS)/places  ## facts a first message already gives, beside a plain date parser
	$(PY) scripts/bench_upfront.py

bench-nlu: $(STAMPS)/places $(STAMPS)/model  ## intent cross-validation and the place resolver
	$(PY) scripts/bench_nlu.py
	$(PY) scripts/bench_nlu.py --score tests/data/nlu_holdout_es_booking.yml
	$(PY) scripts/bench_locations.py

bench-updates: $(STAMPS)/places  ## the firm's posts that fit a case: precision, recall, latency
	$(PY) scripts/bench_updates.py

bench-booking: $(STAMPS)/venv  ## booking computation and database latency
	$(PY) scripts/bench_booking.py

bench-staff: $(STAMPS)/venv  ## staff inbox and search latency at 100,000 intakes
	$(PY) scripts/bench_staff.py

# An urgent intake saved -> its signed alert received by a webhook, through the real worker process.
bench-alerts: $(STAMPS)/venv  ## an urgent intake saved to its webhook alert received
	$(PY) scripts/bench_alerts.py

# Messages per second through HAProxy with 1 and with 2 Rasa servers, and CPU seconds per message per process.
bench-scaled: $(STAMPS)/model deps-system  ## throughput with 1 and 2 Rasa servers behind HAProxy, CPU per message per process
	$(PY) scripts/bench_scaled.py

docs:  ## docs/benchmarks.md and the README's figures, from docs/benchmarks.jsonl
	$(PY) scripts/benchmarks_doc.py

clean:  ## remove everything make built
	rm -rf $(STAMPS) build models results .pytest_cache
