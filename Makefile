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

.PHONY: serve dist fuzz test lint test-native test-browser test-e2e bench bench-data screenshots tools build-tools test-tools rust-toolchain fetch trunk wasm-bindgen node-packages bench-packages chromium clean

serve: build-tools
	trunk serve --offline --address 127.0.0.1 --port 8080

# The release wasm is built for size: the standard library compiled again at our opt-level, with
# panics as plain traps and no panic locations or Debug text (unstable cargo and rustc flags of the
# pinned compiler, rust-toolchain.toml, enabled by RUSTC_BOOTSTRAP as Firefox and Linux do), in its
# own target directory so that tests and `make serve` keep their builds. A compiler that refuses
# these flags gets a plain release build instead: a bigger site, never no site. Then
# tools/shrink-site.mjs shortens the wasm's import and export names and minifies the JS glue,
# tools/csp.mjs writes the Content-Security-Policy (and the data origins of CARTE_DATA_ORIGINS,
# docs/EMBED.md) into index.html, and tools/precompress.mjs writes a Zopfli .gz beside each file
# for the server to send as it is. Sizes: tests/e2e/budget.test.mjs.
SIZE_RUSTFLAGS := -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
RELEASE_WASM_ENV := RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$(CURDIR)/target/size \
  CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(SIZE_RUSTFLAGS)"

# The default map is also written into the page as a static view (picture, figures, links,
# sources: `carte page`, the core run natively), shown before the wasm loads and without JavaScript;
# dist/carte-static.html is the same for <carte-partenariats>.
dist: build-tools fetch
	@if $(RELEASE_WASM_ENV) trunk build --release --offline; then \
	  echo "make dist: release wasm built for size ($$(rustc --version))."; \
	  node tools/check-wasm-links.mjs target/size/wasm32-unknown-unknown/release/carte-partenariats.wasm; \
	else \
	  echo "make dist: $$(rustc --version) refused the size flags; plain release build instead (a bigger site)."; \
	  trunk build --release --offline; \
	fi
	cargo run --locked --quiet --bin carte -- page assets/data/partenariats.json --into dist/index.html --fragment dist/carte-static.html
	node tools/shrink-site.mjs dist
	node tools/csp.mjs dist
	node tools/precompress.mjs dist
	@echo "Release site in dist/ ($$(gzip -9c dist/*.wasm | wc -c) bytes of wasm, gzipped)."

test: lint test-native test-browser test-e2e

# Formatting, and clippy with warnings as errors natively (every target) and for the browser build,
# whose size rules (clippy.toml) name the function to call instead.
lint: rust-toolchain
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --locked

# The property tests of the readers (tests/fuzz/), a long run: `make test` runs each for a few
# seconds, this FUZZ_ROUNDS times as many cases (about five minutes here; FUZZ_ROUNDS=100 for more).
FUZZ_ROUNDS ?= 15
fuzz:
	FUZZ_ROUNDS=$(FUZZ_ROUNDS) cargo test --locked --test fuzz

test-browser: test-tools
	cargo test --locked --target wasm32-unknown-unknown --test browser

test-e2e: dist
	node --test --test-concurrency=1 tests/e2e/*.test.mjs

# Core benchmark, the default dataset's load times, then our widget against Cytoscape.js (fCoSE)
# and sigma.js (ForceAtlas2) on generated files; writes docs/PERFORMANCE.md. About 10 minutes.
bench: dist chromium bench-packages bench-data
	cargo run --locked --release --example bench_core
	node bench/browser.mjs
	node bench/peers.mjs
	node bench/interactions.mjs
	node bench/lighthouse.mjs

# The benchmark's files, made once: the classic shape (1 000, 10 000, 50 000 organisations, 3 links
# each) and the rough one, as registers are (10 000 with 30 000 links; 50 000 with 125 000, under 64 MB).
BENCH_DATA := target/bench-data
bench-data:
	@mkdir -p $(BENCH_DATA)
	@for n in 1000 10000 50000; do f=$(BENCH_DATA)/orgs-$$n.json; [ -s $$f ] || { \
	  cargo run --locked --release --bin carte -- generate --orgs $$n --links $$((3 * n)) --seed 7 -o $$f.tmp \
	  && mv $$f.tmp $$f; }; done
	@for n in 10000:30000 50000:125000; do f=$(BENCH_DATA)/rough-$${n%:*}.json; [ -s $$f ] || { \
	  cargo run --locked --release --bin carte -- generate --shape rough --orgs $${n%:*} --links $${n#*:} --seed 7 \
	  -o $$f.tmp && mv $$f.tmp $$f; }; done

screenshots: dist
	node tests/e2e/screenshot.mjs dist tests/e2e/artifacts

# ---- tools -------------------------------------------------------------------------------
build-tools: rust-toolchain trunk wasm-bindgen node-packages

test-tools: build-tools chromium

# The pinned compiler (rust-toolchain.toml) with its wasm32 target, rust-src (the release wasm
# compiles the standard library again), clippy and rustfmt: rustup installs what the file names.
rust-toolchain:
	@rustup show active-toolchain >/dev/null 2>&1 || rustup toolchain install
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@for c in rust-src clippy rustfmt; do rustup component list --installed | grep -q "^$$c" || rustup component add $$c; done

# Trunk builds offline: the project's crates and those of the standard library rebuilt for the
# release wasm (its own manifest and lock file, in the toolchain's rust-src) are fetched first.
fetch: rust-toolchain
	cargo fetch --locked
	RUSTC_BOOTSTRAP=1 cargo fetch --locked --manifest-path "$$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"

trunk:
	@trunk --version 2>/dev/null | grep -q " $(TRUNK_VERSION)" || cargo install --locked trunk --version $(TRUNK_VERSION)

# Without --locked: wasm-bindgen-cli's own lock names a crate version the registry may lack.
wasm-bindgen:
	@wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)" || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)

# Build and test tools (package.json); the benchmark's peers have their own (bench/package.json).
node-packages:
	@[ -x node_modules/.bin/wasm-opt ] && [ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
	  && [ -x node_modules/.bin/esbuild ] && [ -d node_modules/@gfx/zopfli ] \
	  || npm ci --no-audit --no-fund

bench-packages:
	@[ -d bench/node_modules/cytoscape-fcose ] && [ -d bench/node_modules/graphology-layout-forceatlas2 ] \
	  && [ -d bench/node_modules/sigma ] && [ -x bench/node_modules/.bin/lighthouse ] || npm ci --prefix bench --no-audit --no-fund

chromium:
	@command -v chromium >/dev/null && [ -x $(CHROMEDRIVER) ] || { \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium chromium-driver; }

clean:
	rm -rf dist target tests/e2e/artifacts
