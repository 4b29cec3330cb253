# Two commands for a newcomer: `make run` and `make test`. Everything lives in .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run serve migrate seed test fuzz lint format bench eval superuser clean

install: $(VENV)/.installed

# pip's own progress stays visible: the first run downloads about 2 GB (torch, the model).
$(VENV)/.installed: pyproject.toml
	@echo "==> Installing dependencies into $(VENV) (first run downloads about 2 GB)..."
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar on --upgrade pip setuptools wheel
	$(BIN)/python -m pip install --progress-bar on -e ".[dev]"
	touch $@
	@echo "==> Dependencies installed."

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

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Schemathesis over /api/schema/, many more examples than the bounded pass in `make test`,
# with fresh randomness each run: no generated request may get a 5xx.
FUZZ_EXAMPLES ?= 200
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(BIN)/python -m pytest portfolio/tests/test_fuzz.py -m fuzz $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python bench/run.py $(BENCH)

# Question sets of our own against the running code (offline, local embeddings); prints figures:
# the hand-written CVs and the generated corpus (tuning, frozen test, hidden-text splits).
eval: install
	$(BIN)/python eval/corpus_eval.py $(EVAL_ARGS)
	@if [ -f eval/home_eval.py ]; then $(BIN)/python eval/home_eval.py; fi

superuser: migrate
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache *.egg-info
