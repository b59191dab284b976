/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conntrack internals shared by the table, the packet path and the protocol trackers. */
#ifndef ULOG_KERNEL_CT_PRIV_H
#define ULOG_KERNEL_CT_PRIV_H

#include "ct.h"

#define CT_NIL UINT32_MAX
#define CT_NS_PER_S 1000000000ull
#define CT_EVICTION_RANGE 8      /* buckets early drop looks at (NF_CT_EVICTION_RANGE) */

enum ct_use { CT_FREE = 0, CT_UNCONFIRMED = 1, CT_HASHED = 2 };

struct ct_table {
	struct ct_config cfg;
	struct ct_entry *pool;
	uint32_t *bucket;        /* head link per bucket: idx << 1 | dir, or CT_NIL */
	uint32_t mask;           /* buckets - 1 */
	uint32_t free_head;      /* free list through next[0] */
	uint32_t count;          /* entries not free */
	uint32_t seed;
	uint32_t next_id;
	struct ct_stats st;
	ct_event_fn ev;
	void *ev_arg;
	struct ct_help_tab *help;  /* helpers and expectations (helper.c), NULL until used */
};

/* What a protocol tracker says about a packet (the kernel's verdicts). */
enum ct_verdict {
	CT_V_ACCEPT,             /* tracked: ref keeps the entry */
	CT_V_INVALID,            /* -NF_ACCEPT: the packet has no entry (INVALID) */
	CT_V_REPEAT,             /* -NF_REPEAT: entry killed, look up again (TCP reopen) */
};

static inline uint32_t ct_index(const struct ct_table *t, const struct ct_entry *ct)
{
	return (uint32_t)(ct - t->pool);
}

/* A fresh unconfirmed entry for @orig/@reply, or NULL when the table is
 * full and early drop found nothing to evict. */
struct ct_entry *ct_alloc(struct ct_table *t, const struct ct_tuple *orig,
			  const struct ct_tuple *reply, uint64_t now);

/* Sets the entry's lifetime to @timeout_s from @now (unless fixed), and
 * counts the packet of @bytes in direction @dir (nf_ct_refresh_acct). */
void ct_refresh_acct(struct ct_table *t, struct ct_entry *ct, enum ct_dir dir, uint32_t bytes,
		     uint64_t now, uint32_t timeout_s);
/* Lets the entry die now (nf_ct_kill): it disappears at the next lookup or gc. */
void ct_kill_soon(struct ct_entry *ct, uint64_t now);

/* Packet length the kernel counts (skb->len from the network header). */
static inline uint32_t ct_pkt_len(const struct pkt_view *pv)
{
	return pv->tot_len ? pv->tot_len : pv->len;
}

/* ---- protocol trackers ---- */

/* TCP (conntrack_tcp.c) */
bool ct_tcp_error(const struct pkt_view *pv);
bool ct_tcp_new(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv);
enum ct_verdict ct_tcp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now);

/* UDP, UDP-Lite and generic (conntrack_udp.c) */
bool ct_udp_error(const struct pkt_view *pv);
void ct_udp_new(struct ct_entry *ct, uint64_t now);
enum ct_verdict ct_udp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now);
enum ct_verdict ct_gre_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now);
enum ct_verdict ct_generic_packet(struct ct_table *t, struct ct_entry *ct,
				  const struct pkt_view *pv, enum ct_dir dir, uint64_t now);

/* ICMP and ICMPv6 (conntrack_icmp.c) */
/* For an ICMP error (or an ICMPv6 message nfcore does not track), sets
 * @ref and returns true: the packet needs no entry of its own. */
bool ct_icmp_error(struct ct_table *t, const struct pkt_view *pv, uint16_t zone, uint64_t now,
		   struct ct_ref *ref);
bool ct_icmp_new(const struct ct_entry *ct);
enum ct_verdict ct_icmp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			       enum ct_dir dir, uint64_t now);

/* SCTP (conntrack_sctp.c) */
bool ct_sctp_new(struct ct_entry *ct, const struct pkt_view *pv);
enum ct_verdict ct_sctp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			       enum ct_dir dir, uint64_t now);

#endif
