# The two commands of the README: each sets itself up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export SDL_AUDIODRIVER ?= dummy

.PHONY: play test check bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(BIN)/spotless

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check game tests assets
	$(BIN)/mypy

bench: $(STAMP)
	SDL_VIDEODRIVER=dummy $(BIN)/python -m pytest tests/perf -s -p no:cacheprovider
	$(BIN)/python tests/perf/startup.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
