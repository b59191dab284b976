/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfcore connection tracking: tuples, entries, the bounded table and the per-packet verbs. */
#ifndef ULOG_KERNEL_CT_H
#define ULOG_KERNEL_CT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../lib/pkt.h"

/*
 * The life of a packet in conntrack, as in the kernel:
 *   ct_in()       at the conntrack hook (PREROUTING/OUTPUT, priority -200):
 *                 finds the entry of the packet's tuple or makes a new,
 *                 unconfirmed one from the preallocated pool, runs the
 *                 protocol tracker, sets ref->ct and ref->ctinfo;
 *   ct_confirm()  at the confirm hook (INPUT/POSTROUTING, last): a new
 *                 entry enters the hash table;
 *   ct_abort()    when the packet is dropped before confirm: a new entry
 *                 goes back to the pool and leaves no trace.
 * Time is passed in (ns since the Unix epoch: the packet's timestamp in
 * replay). Nothing is allocated after ct_table_new().
 */

/* Kernel status bits (IPS_*), as ctnetlink and the conntrack match see them. */
enum ct_status_bit {
	CT_S_EXPECTED = 1u << 0,
	CT_S_SEEN_REPLY = 1u << 1,
	CT_S_ASSURED = 1u << 2,
	CT_S_CONFIRMED = 1u << 3,
	CT_S_SRC_NAT = 1u << 4,
	CT_S_DST_NAT = 1u << 5,
	CT_S_SEQ_ADJUST = 1u << 6,
	CT_S_SRC_NAT_DONE = 1u << 7,    /* the nat table was consulted for the source */
	CT_S_DST_NAT_DONE = 1u << 8,    /* ... for the destination */
	CT_S_DYING = 1u << 9,
	CT_S_FIXED_TIMEOUT = 1u << 10,
	CT_S_TEMPLATE = 1u << 11,
	CT_S_UNTRACKED = 1u << 12,       /* historic bit, used for printing only */
	CT_S_HELPER = 1u << 13,
	CT_S_OFFLOAD = 1u << 14,
};

/* Kernel ctinfo values (enum ip_conntrack_info). */
enum ct_info {
	CT_ESTABLISHED = 0,
	CT_RELATED = 1,
	CT_NEW = 2,
	CT_ESTABLISHED_REPLY = 3,
	CT_RELATED_REPLY = 4,
	CT_UNTRACKED = 7,
	CT_INVALID = 8,                  /* nfcore: no entry (the kernel's NULL ct) */
};

enum ct_dir { CT_DIR_ORIGINAL = 0, CT_DIR_REPLY = 1 };

/* TCP states, in the kernel's order (tcp_conntrack_names[]). */
enum ct_tcp_state {
	CT_TCP_NONE, CT_TCP_SYN_SENT, CT_TCP_SYN_RECV, CT_TCP_ESTABLISHED,
	CT_TCP_FIN_WAIT, CT_TCP_CLOSE_WAIT, CT_TCP_LAST_ACK, CT_TCP_TIME_WAIT,
	CT_TCP_CLOSE, CT_TCP_SYN_SENT2,
	CT_TCP_MAX,                      /* also: "invalid" in the state table */
	CT_TCP_IGNORE,
	CT_TCP_RETRANS = CT_TCP_MAX,     /* timeout slots after the states */
	CT_TCP_UNACK,
	CT_TCP_TIMEOUT_MAX,
};

/* SCTP states, in the kernel's order. */
enum ct_sctp_state {
	CT_SCTP_NONE, CT_SCTP_CLOSED, CT_SCTP_COOKIE_WAIT, CT_SCTP_COOKIE_ECHOED,
	CT_SCTP_ESTABLISHED, CT_SCTP_SHUTDOWN_SENT, CT_SCTP_SHUTDOWN_RECD,
	CT_SCTP_SHUTDOWN_ACK_SENT, CT_SCTP_HEARTBEAT_SENT, CT_SCTP_MAX,
};

/*
 * One direction of a connection. Addresses in network order (IPv4 in the
 * first 4 bytes, the rest zero); ports in host order. ICMP/ICMPv6: sport =
 * echo id, dport = type << 8 | code. Padding is zero so memcmp compares.
 */
struct ct_tuple {
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint8_t family;                  /* AF_INET or AF_INET6 */
	uint8_t proto;                   /* IPPROTO_* */
	uint16_t zone;
};

/* TCP window tracking state of one side (struct ip_ct_tcp_state). */
struct ct_tcp_side {
	uint32_t td_end, td_maxend, td_maxwin, td_maxack;
	uint8_t td_scale;
	uint8_t flags;                   /* CT_TCPF_* */
};

enum ct_tcp_flag {
	CT_TCPF_WINDOW_SCALE = 0x01,
	CT_TCPF_SACK_PERM = 0x02,
	CT_TCPF_CLOSE_INIT = 0x04,
	CT_TCPF_BE_LIBERAL = 0x08,
	CT_TCPF_DATA_UNACK = 0x10,
	CT_TCPF_MAXACK_SET = 0x20,
	CT_TCPF_CHALLENGE_ACK = 0x40,    /* last_flags: RFC 5961 challenge ACK possible */
	CT_TCPF_SIMULTANEOUS_OPEN = 0x80,/* last_flags */
};

struct ct_tcp {
	struct ct_tcp_side seen[2];
	uint32_t last_seq, last_ack, last_end;
	uint16_t last_win;
	uint8_t state;                   /* enum ct_tcp_state */
	uint8_t last_dir, last_index, last_wscale, last_flags, retrans;
};

/* One connection. Lives in the table's pool; never allocated per packet. */
struct ct_entry {
	struct ct_tuple tuple[2];        /* [CT_DIR_ORIGINAL], [CT_DIR_REPLY] */
	uint32_t next[2];                /* hash chain links (table-private) */
	uint64_t expires_ns;             /* absolute time the entry dies */
	uint64_t start_ns, stop_ns;      /* timestamps (start at confirm) */
	uint64_t pkts[2], bytes[2];      /* per direction */
	uint32_t status;                 /* enum ct_status_bit */
	uint32_t mark;                   /* connmark */
	uint32_t secmark;
	uint32_t id;                     /* ctnetlink id */
	uint8_t in_use;                  /* table-private: 0 free, 1 unconfirmed, 2 hashed */
	uint8_t helper;                  /* helper index, 0 none (kernel/helper.h) */
	uint8_t master_helper;           /* EXPECTED: the master's helper index (-m helper) */
	uint32_t master;                 /* EXPECTED: the master's pool index + 1 (table-private) */
	union {
		struct ct_tcp tcp;
		struct { uint64_t stream_ns; } udp;
		struct {
			uint8_t state;           /* enum ct_sctp_state */
			uint8_t init[2];         /* an INIT was seen from this side (collisions) */
			uint8_t flags;           /* heartbeat vtag failure pending (conntrack_sctp.c) */
			uint8_t last_dir;        /* direction of that failed HEARTBEAT */
			uint32_t vtag[2];        /* verification tag expected from each direction */
		} sctp;
	} proto;
};

/* The packet's link to its entry (skb->_nfct). */
struct ct_ref {
	struct ct_entry *ct;             /* NULL: invalid or untracked */
	uint8_t ctinfo;                  /* enum ct_info */
};

/* Timeouts in seconds, defaults as in the kernel (see ct_config_default()). */
struct ct_timeouts {
	uint32_t tcp[CT_TCP_TIMEOUT_MAX];
	uint32_t udp_unreplied, udp_replied;
	uint32_t icmp, icmpv6;
	uint32_t gre_unreplied, gre_replied;
	uint32_t sctp[CT_SCTP_MAX];
	uint32_t generic;
};

struct ct_config {
	uint32_t max;                    /* nf_conntrack_max: pool size */
	uint32_t buckets;                /* hash buckets (power of two; 0 = max rounded up) */
	bool acct;                       /* nf_conntrack_acct: packets=/bytes= */
	bool tstamp;                     /* nf_conntrack_timestamp */
	bool tcp_loose;                  /* nf_conntrack_tcp_loose (default 1) */
	bool tcp_be_liberal;             /* nf_conntrack_tcp_be_liberal (default 0) */
	uint8_t tcp_max_retrans;         /* nf_conntrack_tcp_max_retrans (default 3) */
	struct ct_timeouts to;
};

/* Event callback: a confirmed entry was created (CT_EV_NEW), changed state
 * (CT_EV_UPDATE) or is being destroyed (CT_EV_DESTROY, before it is freed). */
enum ct_event { CT_EV_NEW = 1, CT_EV_UPDATE = 2, CT_EV_DESTROY = 4 };
typedef void (*ct_event_fn)(void *arg, enum ct_event ev, const struct ct_entry *ct);

struct ct_stats {
	uint64_t found, new_, invalid, ignore, drop, early_drop, insert_failed, expired;
};

struct ct_table;

/* Fills @c with the kernel's defaults: max 65536, loose pickup on,
 * accounting and timestamps off, the kernel's timeouts. */
void ct_config_default(struct ct_config *c);

/* A table with @c->max preallocated entries. NULL on ENOMEM or max 0. */
struct ct_table *ct_table_new(const struct ct_config *c);
void ct_table_free(struct ct_table *t);
/* The table's configuration (read-only). */
const struct ct_config *ct_table_config(const struct ct_table *t);
/* Sets the event callback (NULL for none). */
void ct_table_set_events(struct ct_table *t, ct_event_fn fn, void *arg);
/* Entries in use (confirmed + unconfirmed). */
uint32_t ct_table_count(const struct ct_table *t);
const struct ct_stats *ct_table_stats(const struct ct_table *t);
/* Bytes of memory per tracked connection: the entry plus its share of the
 * hash buckets at the configured limit. */
size_t ct_table_bytes_per_conn(const struct ct_table *t);

/*
 * The conntrack hook for a packet of view @pv in zone @zone at @now_ns.
 * @hook is FILTER_PRE_ROUTING or FILTER_LOCAL_OUT numbering (0 or 3; it
 * decides only whether checksums would be checked, which nfcore skips).
 * On return @ref holds the entry and ctinfo, or ct NULL with ctinfo
 * CT_INVALID. Returns 0, or -ENOMEM when the table is full and nothing
 * could be early-dropped (the kernel drops the packet: the caller must).
 */
int ct_in(struct ct_table *t, const struct pkt_view *pv, uint16_t zone, uint64_t now_ns,
	  struct ct_ref *ref);

/* Marks the packet untracked (-j NOTRACK / CT --notrack): ct NULL, ctinfo CT_UNTRACKED. */
void ct_set_untracked(struct ct_ref *ref);

/* The confirm hook: inserts a new entry of @ref into the hash. Returns 0,
 * or -EEXIST if an entry of the same tuple was confirmed meanwhile (the
 * packet is dropped, as the kernel's insert_failed). */
int ct_confirm(struct ct_table *t, struct ct_ref *ref, uint64_t now_ns);

/* The packet was dropped or stolen: an unconfirmed entry returns to the pool. */
void ct_abort(struct ct_table *t, struct ct_ref *ref);

/* The entry of tuple @tp (either direction), or NULL. Expired entries are
 * reaped on the way (as of @now_ns). *@dir (may be NULL) gets the direction. */
struct ct_entry *ct_lookup(struct ct_table *t, const struct ct_tuple *tp, uint64_t now_ns,
			   enum ct_dir *dir);

/* Removes and frees confirmed entry @ct (conntrack -D); emits DESTROY. */
void ct_kill(struct ct_table *t, struct ct_entry *ct, uint64_t now_ns);
/* Removes every entry that has expired at @now_ns; returns how many. */
unsigned ct_gc(struct ct_table *t, uint64_t now_ns);
/* Removes every confirmed entry (conntrack -F). */
void ct_flush(struct ct_table *t, uint64_t now_ns);

/* Calls @fn for every confirmed entry, in hash order; stops if @fn returns non-zero. */
int ct_foreach(const struct ct_table *t, int (*fn)(void *arg, const struct ct_entry *ct),
	       void *arg);

/* ---- tuples (conntrack_tuple.c) ---- */

/* The original-direction tuple of @pv (zone @zone). Returns false if the
 * packet has no tuple (no network header, or a known L4 header cut short). */
bool ct_tuple_from_pkt(const struct pkt_view *pv, uint16_t zone, struct ct_tuple *tp);
/* A hint: the packet will be looked up soon (zone 0); its hash bucket is fetched into cache. */
void ct_prefetch(const struct ct_table *t, const struct pkt_view *pv);
/* The reply tuple of @in (ICMP: request type becomes reply type). False if
 * @in cannot be inverted (ICMP type with no reply). */
bool ct_tuple_invert(const struct ct_tuple *in, struct ct_tuple *out);
/* 32-bit hash of @tp with @seed. */
uint32_t ct_tuple_hash(const struct ct_tuple *tp, uint32_t seed);
bool ct_tuple_eq(const struct ct_tuple *a, const struct ct_tuple *b);

/* ---- printing (conntrack_print.c) ---- */

/* The protocol name conntrack -L shows ("tcp", "udp", "icmp", "unknown"). */
const char *ct_proto_name(uint8_t proto, uint8_t family);
/* The TCP state name ("ESTABLISHED"). */
const char *ct_tcp_state_name(unsigned s);
/* The SCTP state name ("ESTABLISHED", "COOKIE_WAIT"). */
const char *ct_sctp_state_name(unsigned s);

/*
 * One line of `conntrack -L` for @ct at @now_ns, as conntrack-tools
 * prints it (without the newline): "tcp      6 431999 ESTABLISHED src=..
 * ... [ASSURED] mark=0 use=1". @extended prefixes "ipv4     2 ".
 * snprintf semantics; returns the full length.
 */
int ct_print(const struct ct_table *t, const struct ct_entry *ct, uint64_t now_ns,
	     bool extended, char *buf, size_t len);

#define CT_LINE_MAX 512

/* Writes every live confirmed entry as of @now_ns to @f, one ct_print()
 * line each, sorted (conntrack -L's order is the kernel's hash order; a
 * sorted list compares). Returns the number of lines. Allocates once. */
unsigned ct_dump(const struct ct_table *t, uint64_t now_ns, bool extended, FILE *f);

/* Remaining lifetime of @ct in whole seconds at @now_ns (0 if expired). */
uint32_t ct_expires_s(const struct ct_entry *ct, uint64_t now_ns);

#endif
