# gigcx: `make run` serves the platform with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
PYWORKFORCE_VERSION := 0.5.1
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gigcx
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15
TEST_WORKERS ?= 2
TEST_SECRET_KEY ?= test-only-secret-key-not-for-production-5d3f8a1b9c7e2046

.PHONY: install run test lint format check-migrations bench chromium services clean

install: $(VENV)/.installed

# Re-installs only when the lock changes; uv installs the whole locked set in seconds.
$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	@touch $@

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "  gigcx is served at http://$(HOST):$(PORT)  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo
	@if [ -n "$$REDIS_URL" ]; then \
		PORT=$(PORT) HOST=$(HOST) $(VENV)/bin/honcho -f Procfile.dev start; \
	else \
		$(PY) manage.py runserver $(HOST):$(PORT); \
	fi

test: install chromium
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=$(TEST_SECRET_KEY) \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --create-db $(PYTEST_ARGS)

# lint-imports holds the contracts of [tool.importlinter] in pyproject.toml: the order of the apps.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# pyworkforce is installed for the staffing benchmark's side-by-side comparison only.
bench: install
	@$(VENV)/bin/uv pip install --quiet --python $(PY) pyworkforce==$(PYWORKFORCE_VERSION)
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m tests.bench $(BENCH)

# Browser tests drive Debian's Chromium (Playwright's own download is not used).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .import_linter_cache
