# Two entry points for a fresh machine: `make pdf` builds the report, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PERIOD ?= h1
DATA   ?= data/2567
STAMP  := $(VENV)/.installed

.PHONY: all validate pdf test tools lint bench clean

all: pdf

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/aplan validate --data $(DATA)

pdf: $(STAMP)
	$(BIN)/aplan build --period $(PERIOD) --data $(DATA)

# Poppler, Ghostscript and qpdf read the final PDF in the text-layer and PDF/A tests.
tools:
	@command -v pdftotext >/dev/null && command -v gs >/dev/null && command -v qpdf >/dev/null \
	  || (apt-get update -qq && apt-get install -y -qq poppler-utils ghostscript qpdf >/dev/null)

test: $(STAMP) tools
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/bench.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
