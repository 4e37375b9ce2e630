# Two entry points for a fresh machine:
#   make book   creates .venv, installs requirements.txt, builds _build/html
#   make test   unit tests, nbval on every notebook, the strict build and the
#               browser check of the built pages
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test unit nbval build browser refresh-notebooks benchmark clean

$(BIN)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

book: build

# Strict build: every warning is an error, every notebook is re-executed.
build: $(BIN)/.installed
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	env -u MPLBACKEND $(BIN)/jupyter-book build . --builder html -W -n --keep-going
	@echo "The book is at _build/html/index.html"

unit: $(BIN)/.installed
	MPLBACKEND=Agg $(BIN)/python -m pytest tests --ignore=tests/browser

nbval: $(BIN)/.installed
	env -u MPLBACKEND $(BIN)/python -m pytest --nbval --nbval-current-env book

browser: $(BIN)/.installed
	$(BIN)/python -m pytest tests/browser

test: unit nbval build browser

# Re-execute every notebook in a fresh kernel and store its outputs; run this
# after changing the package, then check `make nbval` passes.
refresh-notebooks: $(BIN)/.installed
	$(BIN)/python tools/refresh_notebooks.py

benchmark: $(BIN)/.installed
	$(BIN)/python benchmarks/bench_book.py

clean:
	rm -rf _build
