# SPDX-License-Identifier: GPL-2.0-or-later
# Tests: tests/unit/*.c each become a binary linked with libulog.a; tests/integration/*.sh
# and tests/*/ scripts are run by tests/run.sh, which prints "N passed, N failed, N skipped".

UNIT_SRC  := $(wildcard tests/unit/*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_SRC  := $(wildcard tests/fuzz/*.c)
FUZZ_SECONDS ?= 20

$(BUILD)/tests/%: tests/unit/%.c $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ $< $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG) $(LDLIBS)

.PHONY: tests check-deps
tests: all $(UNIT_BINS)

# make check: install what is missing, build the sanitizer variant, run everything.
check:
	@pkg-config --exists $(PKGS) && command -v iptables-legacy >/dev/null && command -v tshark >/dev/null || scripts/deps.sh
	$(MAKE) BUILD=build-asan SAN=1 tests
	$(MAKE) fuzz-build
	BUILD=build-asan FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run.sh

# libFuzzer targets (clang), each linked with an ASan+UBSan libulog built by clang.
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build-fuzz/fuzz/%,$(FUZZ_SRC))
.PHONY: fuzz-build fuzz-long
fuzz-build:
	@if [ -n "$(FUZZ_SRC)" ]; then $(MAKE) BUILD=build-fuzz CC=clang SAN=1 \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" fuzz-bins; fi
fuzz-bins: $(FUZZ_BINS)
build-fuzz/fuzz/%: tests/fuzz/%.c $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG) $(LDLIBS)
fuzz-long: fuzz-build
	for f in $(FUZZ_BINS); do n=$$(basename $$f); mkdir -p build-fuzz/corpus/$$n; \
		$$f -max_total_time=$${FUZZ_LONG_SECONDS:-3600} build-fuzz/corpus/$$n tests/fuzz/corpus/$$n || exit 1; done
