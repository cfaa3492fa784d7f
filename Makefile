# Carte des partenariats. Two commands on a fresh machine:
#   make serve   install what is missing, build, serve the demo at http://127.0.0.1:8080
#   make test    install what tests need, run every test (native, browser, end to end)
# Also: make dist (release site in dist/), make bench (benchmarks), make screenshots.
# Every install step is skipped when its tool is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

TRUNK_VERSION := 0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen of Cargo.lock.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMEDRIVER

.PHONY: serve dist test test-native test-browser test-e2e bench bench-data bench-tools screenshots tools build-tools test-tools rust-target rust-src trunk wasm-bindgen node-packages chromium clean

serve: build-tools
	trunk serve --offline --address 127.0.0.1 --port 8080

# The release wasm is built for size: the standard library compiled again at our opt-level, with
# panics as plain traps and no panic locations or Debug text (the unstable cargo and rustc flags
# of the pinned stable compiler, enabled by RUSTC_BOOTSTRAP as Firefox and Linux do), in its own
# target directory so that tests and `make serve` keep their builds. Then tools/shrink-site.mjs
# shortens the wasm's import and export names and minifies the JS glue, and tools/precompress.mjs
# writes a Zopfli .gz beside each file for the server to send as it is. First view: see
# tests/e2e/budget.test.mjs.
RELEASE_WASM_ENV := RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(CURDIR)/target/size \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none"

# The default map is also written into the page as a static view (picture, figures, links,
# sources: `carte page`, the core run natively), shown before the wasm loads and without JavaScript;
# dist/carte-static.html is the same for <carte-partenariats>.
dist: build-tools
	$(RELEASE_WASM_ENV) trunk build --release --offline
	cargo run --locked --quiet --bin carte -- page assets/data/partenariats.json --into dist/index.html --fragment dist/carte-static.html
	node tools/shrink-site.mjs dist
	node tools/precompress.mjs dist
	@echo "Release site in dist/ ($$(gzip -9c dist/*.wasm | wc -c) bytes of wasm, gzipped)."

test: test-tools test-native test-browser test-e2e

test-native:
	cargo test --locked

test-browser: test-tools
	cargo test --locked --target wasm32-unknown-unknown --test browser

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/*.test.mjs

# Core benchmark, the default dataset's load times, then our widget against Cytoscape.js (fCoSE)
# and sigma.js (ForceAtlas2) on generated files; writes docs/PERFORMANCE.md. About 10 minutes.
bench: dist chromium bench-data bench-tools
	cargo run --locked --release --example bench_core
	node bench/browser.mjs
	node bench/peers.mjs
	node bench/interactions.mjs
	node bench/lighthouse.mjs

# Lighthouse, for bench/lighthouse.mjs only (make test never installs it).
bench-tools:
	@[ -x bench/node_modules/.bin/lighthouse ] || npm ci --prefix bench --no-audit --no-fund

# The benchmark's files (1 000, 10 000, 50 000 organisations, 3 links each), made once.
BENCH_DATA := target/bench-data
bench-data:
	@mkdir -p $(BENCH_DATA)
	@for n in 1000 10000 50000; do f=$(BENCH_DATA)/orgs-$$n.json; [ -s $$f ] || { \
	  cargo run --locked --release --bin carte -- generate --orgs $$n --links $$((3 * n)) --seed 7 -o $$f.tmp \
	  && mv $$f.tmp $$f; }; done

screenshots: dist
	node tests/e2e/screenshot.mjs dist tests/e2e/artifacts

# ---- tools -------------------------------------------------------------------------------
build-tools: rust-target rust-src trunk wasm-bindgen node-packages

test-tools: build-tools chromium

rust-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

# The standard library's sources, compiled again for the release wasm (see dist).
rust-src:
	@rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src

trunk:
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)" || cargo install --locked trunk --version $(TRUNK_VERSION)

# Without --locked: wasm-bindgen-cli's own lock names a crate version the registry may lack.
wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

node-packages:
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
	  && [ -d node_modules/cytoscape-fcose ] && [ -d node_modules/graphology-layout-forceatlas2 ] \
	  && [ -d node_modules/sigma ] && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/@gfx/zopfli ] \
	  || npm ci --no-audit --no-fund

chromium:
	@command -v chromium >/dev/null && [ -x $(CHROMEDRIVER) ] || { \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium chromium-driver; }

clean:
	rm -rf dist target tests/e2e/artifacts
