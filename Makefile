# Portal Pilkada Kota Balikpapan: the commands a newcomer and CI need.
#   make run    set up everything and serve the portal at http://$(HOST):$(PORT)
#   make test   lint, checks and the whole test suite (DATABASE_URL switches to PostgreSQL)
#   make serve  production-like: gunicorn, DEBUG off, WhiteNoise
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test serve install install-dev messages makemessages bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Compiled catalogues are committed; rebuild them when gettext's msgfmt is present.
messages: install
	@if command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0; fi

makemessages: install
	$(MANAGE) makemessages --locale=id --locale=en --ignore=.venv --ignore=node_modules --ignore=staticfiles --no-obsolete

run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

serve: install messages
	HOST=$(HOST) PORT=$(PORT) scripts/serve

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
