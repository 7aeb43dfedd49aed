# trackscope — the two commands a newcomer needs:
#   make demo   set up, build, scan the bundled testbed in headless Chromium, print the report
#   make test   set up, build, run every test (C++ unit + sanitizers, WASM, scanner, extension, widget)
# Everything else here is a step of those two.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_TESTS := wasm/test presentation/test scanner/test extension/test widget/test tests/realworld tests/conformance tests/evasion tests/pack

.PHONY: help setup build native wasm frontends demo test test-native test-sanitizers test-js fuzz-build fuzz-smoke fuzz-long clean

help:
	@echo "make demo   - scan the bundled testbed and print the report (sets everything up)"
	@echo "make test   - install, build and run every test"

setup:
	@tools/setup.sh

native: setup
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

wasm: setup
	@cmake --preset wasm-release >/dev/null
	@cmake --build --preset wasm-release

frontends: wasm
	@npm run --silent build -w extension
	@npm run --silent build -w widget

build: native wasm frontends

demo: wasm
	@node tools/demo.mjs

test-native: native
	@ctest --preset dev

test-sanitizers: setup
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build --preset asan-ubsan
	@ctest --preset asan-ubsan

test-js: frontends
	@node --test $(NODE_TESTS)

fuzz-build: setup
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz

fuzz-smoke: fuzz-build
	@tools/fuzz.sh 8

# Not part of make test: 10 minutes per target.
fuzz-long: fuzz-build
	@tools/fuzz.sh 600

test: build test-native test-sanitizers fuzz-smoke test-js
	@echo "make test: all tests passed"

clean:
	rm -rf build wasm/dist extension/dist widget/dist out
