# Two commands for a newcomer: `make run` and `make test`. Everything lives in .venv.
# Python 3.11, 3.12 or 3.13 (README); PYTHON=python3.13 make install picks one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The locker, installed from the package registry into the venv: nothing else is
# needed on the machine than Python and make.
UV_VERSION := 0.13.9
UV := $(BIN)/uv

.PHONY: install lock run serve migrate seed test test-fast fuzz attack lint format bench eval superuser messages clean check-pythons

install: $(VENV)/.installed

$(UV):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar on "uv==$(UV_VERSION)"

# Exactly the versions and hashes in uv.lock, dev tools included (about 900 MB,
# no torch): `uv sync --frozen` never resolves, it installs what the lock says.
# --compile-bytecode: the packages' .pyc are written once here, so no process (each
# test worker, each server worker) compiles them again, even where
# PYTHONDONTWRITEBYTECODE is set (it is on this machine: 8 s more per start).
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	@echo "==> Installing the locked dependencies into $(VENV)..."
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --compile-bytecode --extra dev --python $(BIN)/python
	touch $@
	@echo "==> Dependencies installed."

# After editing the dependencies in pyproject.toml: brings uv.lock in line with it
# (new packages resolved, the others kept at their locked versions; one lock for
# Python 3.11 to 3.13) and installs. `make lock UPGRADE=1` moves every package to
# the newest version pyproject.toml allows.
lock: | $(UV)
	$(UV) lock $(if $(UPGRADE),--upgrade)
	$(MAKE) install

migrate: install
	@echo "==> Migrating the database..."
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	@echo "==> Loading the seed data (fixtures/*.json; what the owner edited is kept)..."
	$(BIN)/python manage.py seed

run: seed
	@echo "==> Serving HTTP and WebSocket on http://$(HOST):$(PORT)/ (API docs: /api/docs/, admin: /admin/). Ctrl-C stops."
	@# -v 0: the app logs one access line per request itself, with its request id.
	$(BIN)/daphne -v 0 -b $(HOST) -p $(PORT) portfolio.asgi:application

# The production web server (HTTP and WebSocket), as the Docker image runs it:
# granian, WORKERS processes (default: one per core). See docs/deploy.md.
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
serve: seed
	@echo "Serving (production server, $(WORKERS) workers) on http://$(HOST):$(PORT)/"
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) PATH="$(CURDIR)/$(BIN):$$PATH" sh deploy/serve.sh

# Everything: the tests not marked `slow` on one worker per core, then the slow ones
# (browser, fuzz, real servers and subprocesses) one at a time. Exit status 5 is pytest's
# "no test selected" (PYTEST_ARGS naming a file with no slow test, say): not a failure.
test: install
	$(BIN)/python -m pytest -m "not slow" -n $(WORKERS_FAST) $(PYTEST_ARGS); \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || exit $$rc
	$(BIN)/python -m pytest -m slow $(PYTEST_ARGS); \
	  rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 5 ] || exit $$rc

# While working: every test but those marked `slow` (the browser, the fuzzer, real
# servers and subprocesses: conftest.py's SLOW), on one worker per core. `make test`
# and CI still run everything. PostgreSQL and Redis as for `make test` (README, "Tests").
# xdist's default distribution keeps pytest-django's order on each worker (transactional
# tests, which empty the database, after the others); --dist loadfile would not.
WORKERS_FAST ?= auto
test-fast: install
	$(BIN)/python -m pytest -m "not slow" -n $(WORKERS_FAST) $(PYTEST_ARGS)

# Schemathesis over /api/schema/, many more examples than the bounded pass in `make test`,
# with fresh randomness each run: no generated request may get a 5xx.
FUZZ_EXAMPLES ?= 200
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(BIN)/python -m pytest portfolio/tests/test_fuzz.py -m fuzz $(PYTEST_ARGS)

# The attack run of issue 23 against `make serve`'s command on loopback: prints each
# probe's count and its target (bench/attack.py; PROBES=limits,images for some).
attack: install
	$(BIN)/python bench/attack.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/run.py $(BENCH)

# Not in CI's time budget: `make test` of the cv and chat apps (or PYTEST_ARGS) on
# each other supported Python, each in its own venv (.venv312, .venv313) from the same
# lock. PYTHONS lists the interpreters; missing ones are reported, not skipped silently.
PYTHONS ?= python3.12 python3.13
CHECK_ARGS ?= cv_app chat_app -q -p no:cacheprovider
check-pythons: | $(UV)
	@for py in $(PYTHONS); do \
	  ver=$$($$py -c 'import sys; print("%d%d" % sys.version_info[:2])') \
	    || { echo "==> $$py does not run; name the interpreter, e.g. PYTHONS=/path/to/python3.12"; exit 1; }; \
	  exe=$$py; dir=.venv$$ver; \
	  echo "==> $$($$exe --version) in $$dir"; \
	  test -x $$dir/bin/python || $$exe -m venv $$dir || exit 1; \
	  UV_PROJECT_ENVIRONMENT=$$dir $(UV) sync --frozen --compile-bytecode --extra dev --python $$dir/bin/python || exit 1; \
	  $$dir/bin/python -m pytest $(CHECK_ARGS) || exit 1; \
	done

# Question sets of our own against the running code (offline, local embeddings); prints figures:
# the hand-written CVs and the generated corpus (tuning, frozen test, hidden-text splits).
eval: install
	$(BIN)/python eval/corpus_eval.py $(EVAL_ARGS)
	@if [ -f eval/home_eval.py ]; then $(BIN)/python eval/home_eval.py; fi

# The Spanish catalog (locale/es/LC_MESSAGES): extract every translatable string of the
# code and templates (Django's makemessages needs GNU gettext: `apt-get install gettext`),
# fold in locale_pending/*.po, compile django.mo with polib. Both files are committed,
# so installing and running need neither gettext nor this target.
MESSAGES_IGNORE := --ignore "var/*" --ignore "staticfiles/*" --ignore "media/*" \
	--ignore "*/tests/*" --ignore "bench/*" --ignore "eval/*"
messages: install
	$(BIN)/python manage.py makemessages --all --add-location file $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compile_catalog

superuser: migrate
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) .venv3?? var staticfiles .pytest_cache *.egg-info
