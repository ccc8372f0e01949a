# The two commands in the README are `make demo` and `make test`. Everything else here serves them.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ASSETS := node_modules/.installed
PORT ?= 8000

.PHONY: demo test serve lint format bench

demo: $(INSTALLED) $(ASSETS)
	ALONGSIDE_DEMO=true $(BIN)/alongside demo --if-missing
	ALONGSIDE_DEMO=true $(BIN)/alongside serve --port $(PORT)

test: $(INSTALLED) $(ASSETS)
	$(BIN)/ruff check alongside tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check alongside tests bench
	$(BIN)/ruff format --check alongside tests bench

format: $(INSTALLED)
	$(BIN)/ruff format alongside tests bench
	$(BIN)/ruff check --fix alongside tests bench

bench: $(INSTALLED) $(ASSETS)
	$(BIN)/python -m bench.demo_build

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
