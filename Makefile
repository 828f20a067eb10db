# Two entry points for a fresh machine: `make pdf` builds the report, `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PERIOD ?= h1
DATA   ?= data/2567
RUNTIME := $(VENV)/.runtime
STAMP  := $(VENV)/.installed

.PHONY: all validate pdf test tools lint bench bench-memory clean wheel-check mutmut

all: pdf

# Two stamps: building needs only aplan's runtime dependencies; tests add the dev tools.
$(RUNTIME): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

validate: $(RUNTIME)
	$(BIN)/aplan validate --data $(DATA)

pdf: $(RUNTIME)
	$(BIN)/aplan build --period $(PERIOD) --data $(DATA)

# Poppler, Ghostscript and qpdf read the final PDF in the text-layer and PDF/A tests.
tools:
	@command -v pdftotext >/dev/null && command -v gs >/dev/null && command -v qpdf >/dev/null \
	  || (apt-get update -qq && apt-get install -y -qq poppler-utils ghostscript qpdf >/dev/null)

test: $(STAMP) tools
	$(BIN)/ruff check src tests
	$(BIN)/mypy src
	$(BIN)/pytest
	$(MAKE) wheel-check

# The wheel as a user gets it: built, installed into a fresh venv (its dependencies borrowed
# from .venv through a .pth file: no download), and tested from another directory.
WHEEL_DIR := build/wheel-check
WHEEL_TESTS := test_package.py test_overrides.py test_schema.py test_office_git.py
wheel-check: $(STAMP)
	rm -rf $(WHEEL_DIR) build/lib build/bdist.* && mkdir -p $(WHEEL_DIR)/run  # setuptools' stale copies
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir $(WHEEL_DIR)/dist .
	$(PYTHON) -m venv --without-pip $(WHEEL_DIR)/venv
	$(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
	  > "$$($(WHEEL_DIR)/venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/aplan-deps.pth"
	$(BIN)/pip --python $(WHEEL_DIR)/venv/bin/python install --quiet --no-deps $(WHEEL_DIR)/dist/aplan-*.whl
	cd $(WHEEL_DIR)/run && ../venv/bin/aplan --version
	cd $(WHEEL_DIR)/run && APLAN_WHEEL_CHECK=1 ../venv/bin/python -m pytest -p no:cacheprovider \
	  --rootdir $(CURDIR) $(addprefix $(CURDIR)/tests/,$(WHEEL_TESTS))
	@ls -l $(WHEEL_DIR)/dist

bench: $(STAMP)
	$(BIN)/python bench/bench.py

# Peak memory of each stage (validate, render, bare compile, build) at 14, 100 and 500 projects.
bench-memory: $(STAMP)
	$(BIN)/python bench/memory.py

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy src

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

# Mutation testing of the pure modules against the fast unit tests ([tool.mutmut] in
# pyproject.toml); slow. One module: `make mutmut MUTATE='aplan.money.*'`. One test process at a
# time (MUTMUT_CHILDREN=1), for a shared machine; results and survivors: docs/mutation.md.
MUTATE ?=
MUTMUT_CHILDREN ?= 1
mutmut: $(STAMP)
	$(BIN)/mutmut run --max-children $(MUTMUT_CHILDREN) $(MUTATE)
	$(BIN)/mutmut results
