# The two commands of the README: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen

.PHONY: run maps test setup lint typecheck layers pytest bench clean

run: setup maps
	$(RUN) cxmap serve --demo --host 127.0.0.1 --port 8000

maps: setup
	$(RUN) cxmap render examples/*.yaml --out-dir out --format svg,png,pdf,html

test: setup lint typecheck layers pytest

setup: .venv/.synced .system-deps

$(UV):
	$(PYTHON) -m pip install --user --quiet "uv>=0.5,<1" || $(PYTHON) -m pip install --quiet "uv>=0.5,<1"

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --all-groups --quiet
	@touch $@

.system-deps: scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	@touch $@

lint:
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks

typecheck:
	$(RUN) mypy

layers:
	$(RUN) lint-imports

pytest:
	$(RUN) pytest -W error -q

bench: setup
	$(RUN) python benchmarks/render.py

clean:
	rm -rf .venv .system-deps out .mypy_cache .ruff_cache .pytest_cache
