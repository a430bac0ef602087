# Two commands for everything: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
PO := $(wildcard locale/*/LC_MESSAGES/*.po)
MO := $(PO:.po=.mo)

# The locks (pinned versions with their hashes, for Python 3.11 and newer on any platform):
# requirements.lock is what the site runs on, installed alike by `make install` (so by
# `make test` and CI) and by the Dockerfile; requirements-dev.lock adds the test tools on
# the same versions. `make lock` writes both from pyproject.toml.
LOCKS := requirements.lock requirements-dev.lock
UV_COMPILE := --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock"

.PHONY: run test install lock lint messages serve docker-check

run: install $(MO) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_agencies
	$(PY) manage.py seed_demo
	$(PY) manage.py build_opendata
	@echo "Jitarsa is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "The background worker (reminders, LINE, nightly open-data files) runs beside the web server; Ctrl-C stops both."
	HOST=$(HOST) $(VENV)/bin/honcho start -f Procfile.dev -p $(PORT)

test: install $(MO) .env node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	@# One worker per core (pytest-xdist), each with its own test database.
	$(VENV)/bin/pytest -n auto

install: $(VENV)/.installed

# Runs only when pyproject.toml or a lock changed since the last install.
$(VENV)/.installed: pyproject.toml $(LOCKS)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Jitarsa needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV): on Debian, run 'apt-get install python3-venv' first."; exit 1; }
	$(PIP) install -q --upgrade pip
	@# XStatic-Bootstrap ships only an sdist whose setup.py imports pkg_resources: it is built
	@# with the venv's own setuptools<81 (>=69 for our pyproject), hence --no-build-isolation.
	$(PIP) install -q "setuptools>=69,<81" wheel
	$(PIP) install -q --no-build-isolation --require-hashes $(addprefix -r ,$(LOCKS))
	$(PIP) install -q --no-build-isolation --no-deps -e .
	touch $@

# After changing the dependencies in pyproject.toml (needs PyPI). Versions already locked
# are kept; `make lock LOCK_ARGS=--upgrade` takes the newest that pyproject.toml allows.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml $(UV_COMPILE) $(LOCK_ARGS) -o requirements.lock
	$(VENV)/bin/uv pip compile --group pyproject.toml:dev -c requirements.lock \
		$(UV_COMPILE) $(LOCK_ARGS) -o requirements-dev.lock

# Checkers the tests run on our pages (the Nu HTML Checker); optional where npm is missing.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validation tests will be skipped"; fi

# A development .env: DEBUG on and a random secret key, made once and never committed.
.env:
	@printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@
	@echo "Wrote a development .env (DEBUG on). Delete it to start over."

locale/%.mo: locale/%.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile -i $< -o $@ --statistics

# Developers only (needs GNU gettext): extract new strings into the catalogues.
messages: install
	$(PY) manage.py makemessages -l th -l en --ignore=.venv --ignore=var --ignore=staticfiles
	$(PY) manage.py makemessages -d djangojs -l th -l en --ignore=.venv --ignore=var \
		--ignore=staticfiles --ignore=node_modules

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Build the container image offline and check it against the local PostgreSQL (as root;
# apt: podman runc debootstrap). See scripts/docker-check.sh.
docker-check:
	sh scripts/docker-check.sh
