# The two commands a newcomer needs: `make run` and `make test` (see README.md).

PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve worker lint format migrate seed clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else \
		"Python 3.12 or newer is needed (found " + sys.version.split()[0] + \
		"); set PYTHON=/path/to/python3.12")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: set everything up and start the site with demo content on SQLite, with
## the task worker beside it; Ctrl-C (or the server stopping) stops both
run: export DJANGO_DEBUG = 1
run: $(VENV)/.installed
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	@$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## test: set everything up and run the whole test suite
test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## serve: production-style server (gunicorn, DEBUG off); needs DJANGO_SECRET_KEY
serve: $(VENV)/.installed
	$(MANAGE) check --deploy --fail-level ERROR
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) migrate --no-input
	$(BIN)/gunicorn acupressure_site.wsgi --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-2} --access-logfile - --no-control-socket

## worker: the task worker (e-mail, handouts, renditions), a process of its own
## beside `make serve`
worker: $(VENV)/.installed
	$(MANAGE) db_worker --no-reload

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
