# SPDX-License-Identifier: GPL-2.0-or-later
# kernel/ (nfcore): the packet path in user space, built into $(BUILD)/libnfcore.a.
# Included by the top Makefile; tests link $(KERNEL_LIB) first.

KERNEL_SRC := $(wildcard kernel/*.c)
KERNEL_LIB := $(BUILD)/libnfcore.a

$(KERNEL_LIB): $(call obj,$(KERNEL_SRC))
	@rm -f $@
	ar rcs $@ $^

all: $(KERNEL_LIB)

# nfcore-ctreplay: conntrack alone over a capture, for the kernel comparison test.
CTREPLAY := $(BUILD)/nfcore-ctreplay
$(CTREPLAY): $(call obj,kernel/tools/ct_replay.c) $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
all: $(CTREPLAY)

# nfcore: capture replay through rulesets, host and conntrack.
NFCORE := $(BUILD)/nfcore
$(NFCORE): $(call obj,kernel/tools/nfcore.c) $(KERNEL_LIB) $(FILTER_LIB) $(LIBULOG)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
all: $(NFCORE)
