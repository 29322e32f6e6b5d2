# Tipline. `make help` lists every target with what it does.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgres://postgres@127.0.0.1:5432/tipline

.DEFAULT_GOAL := help
.PHONY: help install setup run test test-pg test-browser test-all lint bench-intake bench-queue bench-flood eval-triage bench-triage messages clean

help: ## List the targets with what each does
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create the virtual environment and install Tipline with its development tools

setup: install ## Install, compile translations, migrate the SQLite database under var/, create keys, load demo data
	$(PY) -m tipline.locale_catalogues compile
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_load
	$(PY) manage.py collectstatic --no-input --verbosity 0

run: setup ## Start the whole system with the embedded defaults and demo data on http://127.0.0.1:8000
	@echo "Tipline: http://127.0.0.1:8000  (public site; API under /api/v1/, schema at /api/v1/openapi.json)"
	@# The task worker (urgent-case e-mails, housekeeping) runs beside the web server and stops with it.
	$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c tipline/config/gunicorn.py tipline.config.wsgi

test: install ## Run the test suite on SQLite (everything but the browser tests)
	$(PY) -m tipline.locale_catalogues compile
	$(PY) -m pytest -m "not browser" -q

test-pg: install ## Run the same suite against PostgreSQL on 127.0.0.1:5432 (PG_URL to change)
	$(PY) -m tipline.locale_catalogues compile
	TIPLINE_DATABASE_URL=$(PG_URL) $(PY) -m pytest -m "not browser" -q

test-browser: install ## Run the browser journeys in headless Debian chromium (/usr/bin/chromium)
	$(PY) -m tipline.locale_catalogues compile
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m browser -q

test-all: test test-pg test-browser ## All three suites, as CI runs them

lint: install ## ruff (lint and format check)
	$(VENV)/bin/ruff check tipline benchmarks
	$(VENV)/bin/ruff format --check tipline benchmarks

bench-intake: install ## Intake benchmark: submissions/s over HTTP with 4 clients vs the receipt KDF floor
	$(PY) -m tipline.locale_catalogues compile
	$(PY) benchmarks/bench_intake.py

bench-queue: install ## Staff queue latency (p50/p99) with 100,000 reports, SQLite and PostgreSQL
	$(PY) -m tipline.locale_catalogues compile
	$(PY) benchmarks/bench_queue.py

bench-flood: install ## What a request without a valid proof of work costs the server, next to an accepted one
	$(PY) benchmarks/bench_flood.py

eval-triage: install ## Triage quality on the held-out synthetic reports: link precision/recall, category accuracy
	$(PY) -m tipline.triage evaluate

bench-triage: install ## Triage cost per report, and link proposal against 100,000 and 1,000,000 reports
	$(PY) benchmarks/bench_triage.py

messages: install ## Refresh the message catalogues from the code (needs GNU gettext's xgettext)
	cd tipline && ../$(PY) ../manage.py makemessages -l zh_Hans -l en --no-obsolete --ignore 'triage/*' --ignore '*/tests/*'

clean: ## Remove the virtual environment and local data (var/: database, keys, files)
	rm -rf $(VENV) var
