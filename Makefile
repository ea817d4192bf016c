# The two commands a newcomer needs: `make run` and `make test`.
.PHONY: all deps build run test bench format asan clean fuzz fuzz-build

# ccache hits across checkouts in different folders (CI clones afresh each run).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

run: build
	@scripts/run

test: build fuzz-build
	@scripts/test

# The libFuzzer targets of fuzz/ (ASan + UBSan), in build-fuzz; see fuzz/README.md.
fuzz-build: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz

# Runs each fuzz target for FUZZ_SECONDS (default 60): make fuzz FUZZ_SECONDS=3600
FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run

bench: build
	@scripts/install-deps --bench
	@BENCH_PROFILE=$(or $(PROFILE),0) bench/run $(BENCH_ARGS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then every test stage.
asan: deps fuzz-build
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@LATCH_BUILD_DIR=build-asan ASAN_OPTIONS=detect_leaks=1 scripts/test

# C++ with clang-format; the console and the test scripts with prettier (tests/js's pinned copy).
format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
	@cd tests/js && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --silent; }
	@tests/js/node_modules/.bin/prettier --write --log-level warn 'web/console/**/*.{js,css}' 'tests/**/*.mjs'

clean:
	rm -rf build build-debug build-asan build-fuzz
