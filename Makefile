# The two commands a newcomer needs: `make run` and `make test`.
.PHONY: all deps build run test bench format asan clean

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

test: build
	@scripts/test

bench: build
	@scripts/install-deps --bench
	@bench/run $(BENCH_ARGS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, then every test stage.
asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan
	@LATCH_BUILD_DIR=build-asan ASAN_OPTIONS=detect_leaks=1 scripts/test

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-debug build-asan
