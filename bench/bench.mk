# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmarks: `make bench` builds the daemon and the load tools, then runs every bench/*.sh.
# Each script prints a ratio against a baseline measured in the same run (see bench/README.md).

BENCH_TOOLS := $(BUILD)/bench/udpblast $(BUILD)/bench/mkpcap $(BUILD)/bench/nflog_floor $(BUILD)/bench/mkreplay
BENCH_RUNS  ?= 3

$(BUILD)/bench/udpblast: bench/udpblast.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD)/bench/mkpcap: bench/mkpcap.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libpcap 2>/dev/null)

$(BUILD)/bench/mkreplay: bench/mkreplay.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libpcap 2>/dev/null)

$(BUILD)/bench/nflog_floor: bench/nflog_floor.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(shell pkg-config --libs libnetfilter_log libnfnetlink libmnl 2>/dev/null)

.PHONY: bench-tools
bench-tools: $(BENCH_TOOLS)

bench: all $(BENCH_TOOLS)
	@rc=0; for s in bench/*.sh; do \
		echo "== $$s"; BUILD=$(BUILD) $$s $(BENCH_RUNS) || { echo "== $$s FAILED"; rc=1; }; done; exit $$rc
