# `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install run test bench lint clean

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

test: install
	$(BIN)/ruff check bot catalog embeddings tests bench
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/ask_latency.py

lint: install
	$(BIN)/ruff check bot catalog embeddings tests bench

clean:
	rm -rf $(VENV) salesbot.db salesbot.faiss salesbot.faiss.json .salesbot-cache
