# `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test postgres bench lint messages clean

install: $(STAMP)

# torch first, pinned: the CPU build is available locally; an unpinned torch pulls GPU wheels.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/salesbot run

test: install postgres
	$(BIN)/ruff check bot catalog embeddings tests bench
	$(BIN)/python -m pytest -q

# The storage tests run on PostgreSQL too: a throw-away cluster of the test session's own
# (tests/postgres.py). Installed from Debian's packages when a fresh machine has none.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
		{ echo "installing PostgreSQL (apt-get install postgresql)"; \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

bench: install
	$(BIN)/python bench/ask_latency.py

lint: install
	$(BIN)/ruff check bot catalog embeddings tests bench

# After changing what the bot says: the template from the code, then each language's catalog merged with
# it (new sentences come in untranslated; `make test` fails until they are translated).
messages: install
	$(BIN)/pybabel -q extract --no-location --sort-output -c TRANSLATORS: --project=salesbot \
		-o bot/locales/salesbot.pot bot
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -w 100 -i bot/locales/salesbot.pot \
		-d bot/locales -D salesbot

clean:
	rm -rf $(VENV) salesbot.db salesbot.faiss salesbot.faiss.json .salesbot-cache
