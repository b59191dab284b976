/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfcore's hook points: PREROUTING..POSTROUTING with the kernel's priorities, and the packet paths through them. */
#ifndef ULOG_KERNEL_HOOKS_H
#define ULOG_KERNEL_HOOKS_H

#include <limits.h>

#include "ct.h"
#include "host.h"
#include "pktbuf.h"

/* The kernel's hook priorities (NF_IP_PRI_*; IPv6 uses the same values). */
enum hook_prio {
	HOOK_PRI_RAW = -300,
	HOOK_PRI_CONNTRACK = -200,
	HOOK_PRI_MANGLE = -150,
	HOOK_PRI_NAT_DST = -100,
	HOOK_PRI_FILTER = 0,
	HOOK_PRI_SECURITY = 50,
	HOOK_PRI_NAT_SRC = 100,
	HOOK_PRI_CONNTRACK_HELPER = 300,
	HOOK_PRI_CONNTRACK_CONFIRM = INT_MAX,
};

/* What runs at one priority. */
enum hook_op_kind {
	HOOK_OP_TABLE,           /* a table's built-in chain for this hook */
	HOOK_OP_NAT,             /* the nat table: only for a connection's first packet */
	HOOK_OP_CT_IN,           /* conntrack lookup/new (ct_in) */
	HOOK_OP_CT_HELPER,       /* conntrack helpers (kernel/helper.c) */
	HOOK_OP_CT_CONFIRM,      /* conntrack confirm */
};

struct hook_op {
	int prio;
	enum hook_op_kind kind;
	const char *table;       /* HOOK_OP_TABLE / HOOK_OP_NAT */
};

/* The ops of @hook in priority order; *@n gets their count. */
const struct hook_op *hooks_ops(enum filter_hook hook, unsigned *n);

/*
 * Table traversal: runs built-in chain @p->hook of table @table of the
 * @family (AF_INET/AF_INET6) ruleset on @p; returns ACCEPT, DROP, QUEUE
 * or STOLEN (a missing table or chain accepts). hooks_filter_table() is
 * the implementation over filter/'s rulesets.
 */
typedef enum filter_verdict (*hooks_table_fn)(void *arg, uint8_t family, const char *table,
					      struct filter_pkt *p);

struct hooks_stats {
	uint64_t pkts[FILTER_NHOOKS];        /* packets that entered each hook */
	uint64_t accepted, dropped, queued, stolen, route_drop, ct_full;
	uint64_t hotdrop;                /* of dropped: by a match (malformed header), no rule counts it */
};

/* The largest packet a target may grow: an IP datagram plus an option. */
#define HOOKS_WBUF (65535 + 64)

struct hooks {
	struct ct_table *ct;                 /* NULL: nothing is tracked */
	const struct host *host;             /* NULL: every arriving packet is local */
	const struct filter_host *facts;     /* addrtype/rpfilter/connlimit facts for matches */
	const struct filter_emit *emit;      /* LOG/NFLOG/... reports, may be NULL */
	hooks_table_fn table;                /* NULL: tables accept */
	void *table_arg;
	struct hooks_stats st;
	/* REJECT's answer shares the refused packet's connection (nf_ct_attach):
	 * the packet's tuple and direction until the host's next packet; a new
	 * connection (dropped before confirm) is kept detached in @dropped. */
	struct ct_entry dropped;
	struct ct_tuple rejected;
	bool has_rejected, rejected_new, rejected_reply;
	bool rejecting;                      /* REJECT ran on the packet in the tables */
	bool clone;                          /* a looped-back copy runs: its drop frees nothing */
	struct filter_emit tap;              /* h->emit seen through hooks (REJECT noted) */
	/* A packet a target rewrites (TCPMSS) is copied here on its first write
	 * (filter_pkt.wr): b->data then points into it until the next packet. */
	uint8_t wbuf[HOOKS_WBUF];
};

/*
 * Runs every op of @hook on @b in priority order, as nf_hook_slow does:
 * stops at the first verdict other than ACCEPT. A packet dropped (or
 * refused by a full conntrack table) before confirm leaves no entry.
 * Returns the verdict.
 */
enum filter_verdict hooks_run(struct hooks *h, enum filter_hook hook, struct pktbuf *b);

/* A packet that arrived on b->meta.in: PREROUTING, routing by the host
 * model, then INPUT, or FORWARD and POSTROUTING (b->meta.out set). IPv6
 * packets ip6_rcv_core refuses (multicast source; ::1 either side off lo;
 * multicast destination of scope 0, or interface-local from another node)
 * are dropped before any hook, and the host model's martians after
 * PREROUTING (both counted with the routing drops). */
enum filter_verdict hooks_receive(struct hooks *h, struct pktbuf *b);

/* A packet the host sends: routing picks b->meta.out if empty, then
 * OUTPUT and POSTROUTING. An IPv4 broadcast or a multicast to a joined
 * group (not on lo) loops a copy back after OUTPUT, as ip_mc_output: it
 * takes POSTROUTING, then PREROUTING and INPUT in from the out device,
 * with the original's conntrack entry (counted as a packet of its own). */
enum filter_verdict hooks_send(struct hooks *h, struct pktbuf *b);

/* The caller drops @b after a QUEUE/STOLEN verdict: an unconfirmed entry is
 * released (a detached copy stays in h->dropped). */
void hooks_drop(struct hooks *h, struct pktbuf *b);

/* Call for each packet the host sends, before hooks_send(): if @b is
 * REJECT's answer to the packet the tables last refused (a TCP reset of
 * its reversed tuple, or an ICMP/ICMPv6 error quoting it, sent to its
 * source), it gets that packet's connection with ctinfo RELATED_REPLY
 * (RELATED if the refused packet was a reply) and skips tracking, as
 * nf_ct_attach does; the connection is the detached copy when it was new.
 * Any other packet goes through conntrack as usual. Only the host's first
 * packet after the refusal can be the answer (the kernel sends it at
 * once). Returns true if attached. */
bool hooks_attach_dropped(struct hooks *h, struct pktbuf *b);

/* ---- checksums verified on arrival (hooks_csum.c) ---- */

/* CRC32c (Castagnoli) of @n bytes at @p continuing @crc (start with ~0, invert at the end). */
uint32_t hooks_crc32c(uint32_t crc, const uint8_t *p, size_t n);
/* False if @pv is a whole SCTP packet whose CRC32c is wrong: the kernel's
 * conntrack (sctp_error) makes such a packet INVALID at PREROUTING when it
 * checks checksums (nf_conntrack_checksum, the default). True otherwise. */
bool hooks_sctp_csum_ok(const struct pkt_view *pv);

/* ---- wiring to filter/ (hooks_filter.c) ---- */

struct filter_ruleset;
/* hooks_table_fn over two rulesets: @arg is a struct hooks_rulesets. */
struct hooks_rulesets {
	struct filter_ruleset *v4, *v6;      /* either may be NULL */
};
enum filter_verdict hooks_filter_table(void *arg, uint8_t family, const char *table,
				       struct filter_pkt *p);

/* ---- host facts for matches (hooks_facts.c) ---- */

struct hooks_facts {
	struct filter_host fh;               /* pass &fh as struct filter_host * */
	const struct host *host;
	const struct ct_table *ct;
};
/* Fills @f: addr_type, rpf_ok and mtu from @host (if not NULL), ct_count from @ct (if not NULL). */
void hooks_facts_init(struct hooks_facts *f, const struct host *host, const struct ct_table *ct);

#endif
