# The two commands of the README: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
RUN := $(UV) run --frozen

NPM ?= npm
CHROMIUM ?= /usr/bin/chromium
WEB_SOURCES := $(shell find web/src web/public web/index.html web/vite.config.ts web/tsconfig.json \
	web/package.json -type f 2>/dev/null)

.PHONY: run maps test setup lint typecheck layers pytest bench clean web web-api webtest webbench

run: setup maps web
	$(RUN) cxmap serve --demo --host 127.0.0.1 --port 8000

maps: setup
	$(RUN) cxmap render examples/*.yaml --out-dir out --format svg,png,pdf,html

test: setup web lint typecheck layers pytest webtest

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

# The web app (web/): npm ci only when the lock file changed, a build only when a source did.
# Playwright never downloads a browser: it runs Debian's chromium (.ci/run installs it).
web: web/dist/index.html

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(NPM) ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && $(NPM) run build
	@touch $@

# After an API change: the OpenAPI document and the client types generated from it.
web-api: setup web/node_modules/.package-lock.json
	$(RUN) python -m cxmap.api.openapi_export web/openapi.json
	cd web && $(NPM) run generate:api

webtest: setup web
	cd web && $(NPM) test
	@test -x "$(CHROMIUM)" || { echo "the browser tests need Debian's chromium at $(CHROMIUM): apt-get install -y chromium"; exit 1; }
	cd web && CHROMIUM_PATH="$(CHROMIUM)" $(NPM) run e2e

# Opening a 50 x 10 journey with 5,000 evidence items in Chromium (not part of `make test`).
webbench: setup web
	cd web && CHROMIUM_PATH="$(CHROMIUM)" node bench/open-journey.mjs

bench: setup
	$(RUN) python benchmarks/render.py

clean:
	rm -rf .venv .system-deps out .mypy_cache .ruff_cache .pytest_cache web/node_modules web/dist web/test-results
