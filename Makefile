# PolyU Industry Partnerships: `make run` to serve the site, `make test` to test it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run serve test test-postgres bench lint format messages compile-messages lighthouse lock

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet pip==26.3

# Everything is installed from the lock files: every package, dependencies of
# dependencies included, at one version with its hashes. Stamp files: reinstall
# only when a lock file changes. `make lock` remakes them from requirements*.txt.
$(VENV)/.runtime-installed: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@ $(VENV)/.runtime-installed

LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev-installed ## Pin every dependency with its hashes (requirements*.lock) after editing requirements*.txt
	$(LOCK) --output-file requirements.lock requirements.txt
	$(LOCK) --output-file requirements-dev.lock requirements-dev.txt

compile-messages: $(VENV)/.runtime-installed ## Compile the .po translation files to .mo
	@$(BIN)/python scripts/compile_messages.py

# Collected (hashed, compressed) static files: rebuilt only when a source file changes.
STATIC_SOURCES := $(shell find static -type f 2>/dev/null)
staticfiles/staticfiles.json: $(STATIC_SOURCES) $(VENV)/.runtime-installed
	$(MANAGE) collectstatic --no-input --verbosity 0

run: $(VENV)/.runtime-installed compile-messages staticfiles/staticfiles.json ## Set up and serve the site with demo content on http://127.0.0.1:$(PORT)/
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_local_admin --port $(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.runtime-installed compile-messages ## Serve with production settings and gunicorn on http://127.0.0.1:$(PORT)/ (plain HTTP, throwaway key)
	PORT=$(PORT) scripts/serve.sh

test: $(VENV)/.dev-installed compile-messages ## Lint, check and run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	@[ -x /usr/bin/chromium ] || echo "NOTE: /usr/bin/chromium not found: the browser tests will be SKIPPED (apt-get install chromium)."
	$(BIN)/pytest

test-postgres: $(VENV)/.dev-installed ## The whole suite against a throwaway PostgreSQL (and Redis, if installed) on loopback
	scripts/with_services.sh $(MAKE) test

bench: $(VENV)/.runtime-installed compile-messages ## Benchmark static file, cached/uncached page and search under gunicorn (needs wrk)
	$(BIN)/python bench/run.py

lint: $(VENV)/.dev-installed ## Check style and formatting without changing files
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(VENV)/.runtime-installed ## Extract interface strings, derive zh_Hans from zh_Hant, compile
	$(MANAGE) makemessages --locale zh_Hant --locale zh_Hans --ignore '.venv/*' --ignore 'staticfiles/*' --no-obsolete
	$(BIN)/python scripts/derive_simplified_messages.py
	@$(BIN)/python scripts/compile_messages.py

lighthouse: $(VENV)/.dev-installed compile-messages ## Lighthouse scores of key pages in each language (needs npm and chromium)
	scripts/lighthouse.sh
