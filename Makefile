# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MANAGE := $(PY) example_site/manage.py
PYTEST_ARGS ?=
# `make test` runs the suite on two processes (pytest-xdist, whole test files per process);
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadfile
BENCH_ARGS ?=
# `make demo PORT=8123`: the port the demo is served on (its Site, printed links and html_url follow)
PORT ?= 8000
# `make demo RUNSERVER_ARGS=--noreload`: options for runserver (the suite's make-demo test
# turns reloading off: its file watcher polls every module each second)
RUNSERVER_ARGS ?=
DEMO_URL := http://127.0.0.1:$(PORT)

.DEFAULT_GOAL := help
.PHONY: help demo serve test node-tools chromium wrk test-postgres lint format migrations check-migrations docs bench wheel clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed-test: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test,docs,example]'
	@touch $@

$(VENV)/.installed-demo: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[example]'
	@touch $@

demo: $(VENV)/.installed-demo  ## Create .venv, install, migrate SQLite, load the demo and serve it on :8000 (PORT=8123 for another)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --base-url $(DEMO_URL)
	WAGTAILADMIN_BASE_URL=$(DEMO_URL) $(MANAGE) runserver 127.0.0.1:$(PORT) $(RUNSERVER_ARGS)

serve: $(VENV)/.installed-demo  ## Serve the example site without reloading the demo (PORT= as for demo)
	WAGTAILADMIN_BASE_URL=$(DEMO_URL) $(MANAGE) runserver 127.0.0.1:$(PORT) $(RUNSERVER_ARGS)

test: $(VENV)/.installed-test chromium node-tools  ## Install what the tests need and run the whole suite on two processes (TEST_WORKERS=0: one)
	$(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

node-tools: $(VENV)/.installed-test  ## npm ci in the suite's Node projects (TypeScript checks) whose node_modules is not current, at once
	$(PY) -m tests.node_tools

chromium:  ## Debian's Chromium for the browser tests (Playwright never downloads a browser here)
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "Could not install chromium (not root?): the browser tests will be skipped"; }

test-postgres: $(VENV)/.installed-test chromium node-tools  ## Run the suite against PostgreSQL (DATABASE_URL, default local)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

lint: $(VENV)/.installed-test  ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test  ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations: $(VENV)/.installed-test  ## Make migrations for model changes
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) -m django makemigrations wagtail_neuro testapp

check-migrations: $(VENV)/.installed-test  ## Fail when a model change has no migration
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) -m django makemigrations --check --dry-run

docs: $(VENV)/.installed-test  ## Build the docs with warnings as errors
	$(VENV)/bin/mkdocs build --strict --site-dir /tmp/wagtail-neuro-site

wrk:  ## Debian's wrk for make bench (the load generator)
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmark"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
		|| { echo "Could not install wrk (not root?): install it and run make bench again"; exit 1; }; }

bench: $(VENV)/.installed-test wrk  ## Side-by-side benchmark on PostgreSQL, gunicorn and wrk -> benchmarks/results.md (BENCH_ARGS=--quick)
	$(PY) benchmarks/run.py $(BENCH_ARGS)

wheel: $(VENV)/.installed-test  ## Build the sdist and wheel into dist/
	$(PY) -m build

clean:  ## Remove the venv, build output and caches
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
