# Portal Pilkada Kota Balikpapan: the commands a newcomer and CI need.
#   make run    set up everything and serve the portal at http://$(HOST):$(PORT)
#   make rehearse  the staff's practice copy: its own database, made-up full city, every page marked
#   make test   lint, checks and the whole test suite (DATABASE_URL switches to PostgreSQL)
#   make serve  production-like: gunicorn, DEBUG off, WhiteNoise
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# The suite runs on every core, each worker on its own test database; tests that share files
# outside their temporary folders are kept on one worker with @pytest.mark.xdist_group.
PYTEST_WORKERS ?= -n auto --dist loadgroup
REHEARSE_PORT ?= 8001
REHEARSE := DJANGO_SETTINGS_MODULE=portal.settings.rehearsal $(MANAGE)

.PHONY: run rehearse test serve install install-dev checkers messages makemessages bench clean

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

# axe-core and the Nu HTML Checker for the browser tests, pinned in package-lock.json. Without
# npm the browser tests that need them report themselves skipped (or fail under CI's
# PORTAL_REQUIRE_BROWSER=1). vnu-jar's install script only fetches a Java we already have.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

checkers:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory node_modules/.installed; \
	else echo "npm not found: accessibility and HTML checks will be skipped"; fi

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
	scripts/with-render-worker $(MANAGE) runserver $(HOST):$(PORT)

# PORTAL_CLOCK=2024-11-27T09:00 make rehearse practises voting day (README, "Rehearsal").
rehearse: install messages
	$(REHEARSE) migrate --noinput
	$(REHEARSE) load_rehearsal
	$(REHEARSE) ensure_admin
	@echo "Rehearsal (TRAINING DATA) on http://$(HOST):$(REHEARSE_PORT)/  (admin: http://$(HOST):$(REHEARSE_PORT)/admin/)"
	$(REHEARSE) runserver $(HOST):$(REHEARSE_PORT)

test: install-dev messages checkers
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

serve: install messages
	HOST=$(HOST) PORT=$(PORT) scripts/serve

# Load test on this machine against the framework's floor (docs/performance.md): about four
# minutes, its own database, results in bench/results/; exits 1 when a target is missed.
bench: install messages
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache
