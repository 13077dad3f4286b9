# Homeward: `make run` starts the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
HW := $(UV) run --frozen python -m homeward

.PHONY: run test test-sqlite test-postgres lint sync uv system-deps bench screenshots

uv:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --quiet uv || \
		$(PYTHON) -m pip install --quiet --user --break-system-packages uv

# Bytecode is compiled once at install, so every `homeward` command and test worker starts
# fast even where PYTHONDONTWRITEBYTECODE is set.
sync: uv
	@$(UV) sync --frozen --quiet --compile-bytecode

run: sync
	@HOMEWARD_DEBUG=true $(HW) migrate --verbosity 0
	@HOMEWARD_DEBUG=true $(HW) demo --if-empty --no-logins
	@HOMEWARD_DEBUG=true $(HW) serve 127.0.0.1:8000

system-deps:
	@bash scripts/system-deps.sh

# The whole suite on SQLite (browser journeys included), then again on a throwaway PostgreSQL.
test: sync system-deps lint test-sqlite test-postgres

test-sqlite:
	$(UV) run --frozen pytest -n 2 -q

test-postgres:
	bash scripts/with-postgres.sh $(UV) run --frozen pytest -n 2 -q -m "not browser and not shared"

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy homeward
	$(UV) run --frozen lint-imports --no-cache

# Retake the screenshots in docs/ (the browser journeys, saving what they see).
screenshots: sync system-deps
	HOMEWARD_SCREENSHOTS=1 $(UV) run --frozen pytest -q -m browser

bench: sync
	$(UV) run --frozen python benchmarks/bench_evidence.py --markdown
	$(UV) run --frozen python benchmarks/planner.py --markdown
	$(UV) run --frozen python benchmarks/cold_start.py --markdown
