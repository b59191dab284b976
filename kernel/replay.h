/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture replay: packets of a pcap file through the host's hooks, rulesets and conntrack. */
#ifndef ULOG_KERNEL_REPLAY_H
#define ULOG_KERNEL_REPLAY_H

#include <stdio.h>

#include "defrag.h"
#include "hooks.h"

#define REPLAY_MAX_HOST_FILES 16
#define REPLAY_MAX_OWNERS 64

/* --owner UID:GID@ADDR: the packets the host sends from source ADDR come from a socket of that user */
struct replay_owner {
	uint8_t family;                          /* AF_INET or AF_INET6 */
	uint8_t addr[16];
	uint32_t uid, gid;
};

struct replay_opts {
	const char *rules4, *rules6;             /* iptables-save files, or NULL */
	const char *host_files[REPLAY_MAX_HOST_FILES];  /* ip addr / ip route, text or JSON */
	unsigned n_host;
	int conntrack;                           /* -1: when a ruleset uses it (the kernel's way), 0 off, 1 on */
	bool acct;                               /* packets=/bytes= in the conntrack list */
	bool tstamp;                             /* delta-time= in it (nf_conntrack_timestamp) */
	const char *in;                          /* input interface for captures that do not say, or NULL */
	FILE *trace;                             /* TRACE lines go here, NULL = off */
	FILE *nat;                               /* NAT lines (a NAT target's choice), NULL = off */
	uint32_t ct_max;                         /* 0: default */
	uint64_t from_ns, until_ns;              /* replay only packets in [from, until]; 0 = open */
	bool owner;                              /* packets the host sends come from a socket of: */
	uint32_t owner_uid, owner_gid;           /* (the capture cannot say; kernel-made answers never do) */
	struct replay_owner owners[REPLAY_MAX_OWNERS];   /* by source address, before the above */
	unsigned n_owners;
};

struct replay {
	struct filter_ruleset *rs4, *rs6;
	struct hooks_rulesets sets;
	struct host *host;
	struct ct_table *ct;
	bool track[2];                           /* [0] IPv4, [1] IPv6 */
	struct hooks_facts facts;
	struct filter_emit emit;
	struct hooks h;
	const char *in;
	FILE *trace, *nat;
	uint64_t from_ns, until_ns;
	bool owner;
	uint32_t owner_uid, owner_gid;
	struct replay_owner owners[REPLAY_MAX_OWNERS];
	unsigned n_owners;
	uint64_t now;                            /* the last packet's time, ns */
	uint64_t pkts, received, sent, skipped, held;
	struct defrag defrag;
	const uint8_t *cur_hw;                   /* hardware header of the packet in the hooks (TRACE's MAC=) */
	uint16_t cur_hw_len;
	/* recently forwarded packets: their leaving copies are not replayed */
	uint64_t fwd[64];
	unsigned fwd_pos;
};

/* Loads rulesets and host files, creates the conntrack table. Returns 0
 * or -errno with @err naming the file (and line). */
int replay_open(struct replay *r, const struct replay_opts *o, struct ulog_err *err);
void replay_close(struct replay *r);

/* Runs every packet of capture @file through the host. Returns 0 or
 * -errno with @err (a damaged record is reported with its index; the
 * packets before it count). */
int replay_file(struct replay *r, const char *file, struct ulog_err *err);

/*
 * One link-layer record: @dlt, bytes, time. Direction: Linux cooked
 * captures say it; otherwise a packet whose source MAC or source address
 * is the host's was sent by it; one seen on lo (captured once, as
 * arriving) goes out and comes back in. Outgoing copies of packets the replay
 * forwarded are skipped (their incoming copy made the trip); other
 * outgoing packets with a foreign source (REJECT's TCP resets) take the
 * send path. Returns 1 if processed, 0 if skipped.
 */
int replay_record(struct replay *r, int dlt, const uint8_t *data, uint32_t caplen, uint64_t ts_ns);

/* The end report: both rulesets in `iptables-save -c` form, the verdict
 * totals, and the conntrack table in `conntrack -L` form. */
void replay_report(const struct replay *r, FILE *f);

#endif
