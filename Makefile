# The two commands in the README are `make demo` and `make test`. Everything else here serves them.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := node_modules/.installed
CSS := alongside/core/static/alongside/nhsuk.css
PORT ?= 8000

LOAD_VENV := var/load-venv
LOAD_INSTALLED := $(LOAD_VENV)/.installed

.PHONY: demo test serve lint format bench bench-servers load

demo: $(INSTALLED) $(CSS)
	ALONGSIDE_DEMO=true $(BIN)/alongside demo --if-missing
	ALONGSIDE_DEMO=true $(BIN)/alongside serve --port $(PORT)

# Beside the tests: the layers held (import-linter, ADR 20), the Jinja templates linted (djlint) and the pure
# modules type-checked (mypy), ADR 22.
test: $(INSTALLED) $(CSS)
	$(BIN)/ruff check alongside tests bench
	$(BIN)/lint-imports
	$(BIN)/djlint alongside --lint --quiet
	$(BIN)/mypy
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check alongside tests bench
	$(BIN)/ruff format --check alongside tests bench
	$(BIN)/djlint alongside --lint --quiet
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff format alongside tests bench
	$(BIN)/ruff check --fix alongside tests bench

bench: $(INSTALLED) $(CSS)
	$(BIN)/python -m bench.demo_build

# granian against gunicorn behind `alongside serve` (ADR 0046, bench/RESULTS.md): about an hour on a quiet machine.
# BENCH_ARGS=--short checks in about 5 minutes that it all works. gunicorn, which lost, is installed for it alone.
bench-servers: $(INSTALLED) $(CSS) $(LOAD_INSTALLED)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r bench/servers.lock
	$(BIN)/python -m bench.servers --locust $(LOAD_VENV)/bin/locust $(BENCH_ARGS)

# The load test (issue 19): 100 users on loopback against `alongside serve` and, as the baseline, the development
# server (bench/load.py, bench/RESULTS.md): about 6 minutes. BENCH_ARGS=--short checks in about 2 minutes that it works.
load: $(INSTALLED) $(CSS) $(LOAD_INSTALLED)
	$(BIN)/python -m bench.load --locust $(LOAD_VENV)/bin/locust $(BENCH_ARGS)

# The load generator, locust, in an environment of its own from bench/load.lock: it brings gevent, which patches
# the standard library, and a pytest plugin, so it stays out of .venv and out of `make test`.
$(LOAD_INSTALLED): bench/load.lock
	$(BIN)/python -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/load.lock
	@touch $@

# The Python environment: created from the lock file with the first Python 3.12+ that scripts/find-python finds.
$(INSTALLED): pyproject.toml requirements.lock
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The NHS.UK frontend's built CSS, JavaScript and images, pinned in package-lock.json.
$(ASSETS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The NHS.UK frontend's styles built without the fonts served from assets.nhs.uk (assets/nhsuk.scss, ADR 24).
$(CSS): assets/nhsuk.scss $(ASSETS)
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map --quiet-deps $< $@
