# VideoPlanet — `make run` starts everything, `make test` runs every test tier.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NODE_STAMP := frontend/node_modules/.package-lock.json

.PHONY: run dev test bench stack install backend-test frontend-test e2e lint fmt migrate clean

# The web app is a production build, rebuilt only when the frontend changed (scripts/frontend_build.py).
run: install
	$(PY) scripts/run.py

# The same stack with `next dev`: hot reload, but every page compiles on its first visit.
dev: install
	$(PY) scripts/run.py --dev

test: install
	bash scripts/test.sh

# Benchmarks with same-run baselines (not part of `make test`); see bench/README.md.
bench: install
	bash scripts/bench.sh

# The production-like stack: both images, two web nodes behind HAProxy, a node stopped under
# load (root + podman; see README "Production-like stack"). .ci/run runs it after `make test`.
stack: $(PY_STAMP)
	bash scripts/stack.sh

install: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): requirements/base.txt requirements/dev.txt requirements/prod.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

# `npm install`, not `npm ci`: the lock cannot list other platforms' optional binaries
# (@next/swc-darwin-*, …) that this machine's registry does not carry, and `npm ci` refuses
# such a lock. The pinned versions in the lock are still what gets installed.
$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm install --no-audit --no-fund
	touch $@

backend-test: $(PY_STAMP)
	bash scripts/test.sh backend

frontend-test: install
	bash scripts/test.sh frontend

e2e: install
	bash scripts/test.sh e2e

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check apps config tests scripts bench conftest.py
	$(VENV)/bin/ruff format --check apps config tests scripts bench conftest.py

fmt: $(PY_STAMP)
	$(VENV)/bin/ruff check --fix apps config tests scripts bench conftest.py
	$(VENV)/bin/ruff format apps config tests scripts bench conftest.py

migrate: $(PY_STAMP)
	$(PY) manage.py migrate

clean:
	rm -rf var/db.sqlite3 var/media var/redis frontend/.next frontend/.next-run
