# paigen — two commands set everything up:
#   make demo   system packages, virtualenv, paigen, then the sample kit in out/
#   make test   the same set-up, then the test suite
# Both are idempotent and quiet when nothing is missing.

PYTHON ?= python3
VENV ?= .venv
OUT ?= out
SYSTEM_PACKAGES = fonts-noto-cjk fonts-lxgw-wenkai fontconfig poppler-utils qpdf ghostscript \
                  fonts-noto-cjk-extra zbar-tools libreoffice-writer-nogui libreoffice-calc-nogui \
                  chromium librsvg2-bin scribus-data texlive-lang-chinese inkscape unzip
BIN = $(VENV)/bin
STAMP = $(VENV)/.paigen-installed

.PHONY: demo test setup system lint clean

demo: setup
	@$(BIN)/paigen validate samples/bazhou samples/bazhou-xlsx
	@$(BIN)/paigen build samples/bazhou -o $(OUT)
	@$(BIN)/paigen doc samples/documents/*.md -o $(OUT)/docs-examples
	@for f in $(OUT)/docs-examples/*.pdf; do [ -f "$$f" ] || continue; \
	  pdftoppm -r 60 -f 1 -l 1 -png -singlefile "$$f" "$${f%.pdf}"; done
	@echo "open $(OUT)/<township>/<village>/signs/*.png to look at the kit,"
	@echo "and $(OUT)/docs-examples/*.png for the first page of each document form"

test: setup
	@$(BIN)/python -m pytest -q

setup: system $(STAMP)
	@$(BIN)/python -m paigen.i18n compile >/dev/null
	@# paigen's bytecode, so a process starts fast where Python is told not to write it
	@$(BIN)/python -m compileall -q -j 0 src/paigen >/dev/null

system:
	@scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

lint: setup
	@$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(OUT) dist build .pytest_cache
