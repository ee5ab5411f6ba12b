# TalentBot: `make run` sets everything up and starts the bot (or a terminal chat); `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: run test lint index install clean bench eval

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned: that release is on this machine's disk (a bare `torch` would pull a multi-GB CUDA build).
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

index: $(STAMP)
	$(BIN)/talentbot index build

run: $(STAMP)
	$(BIN)/talentbot index build
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(BIN)/talentbot serve; else \
		echo "TELEGRAM_BOT_TOKEN is not set: starting the terminal chat instead."; $(BIN)/talentbot chat; fi

# mypy (strict, about a minute on a clean checkout, one core) runs beside the tests, which leave a core partly
# idle: the suite must finish in ten minutes on two cores. Either failing fails the target.
test: $(STAMP)
	$(BIN)/ruff check bot answer index corpus tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy > $(VENV)/mypy.log 2>&1 & typing=$$!; \
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=5; tests=$$?; \
	wait $$typing; typed=$$?; cat $(VENV)/mypy.log; \
	[ $$tests -eq 0 ] && [ $$typed -eq 0 ]

lint: $(STAMP)
	$(BIN)/ruff check bot answer index corpus tests bench
	$(BIN)/ruff format --check bot answer index corpus tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/moves.py --quiet
	$(BIN)/python bench/scale.py

eval: $(STAMP)
	$(BIN)/talentbot eval

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
