/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfcore conntrack helpers (FTP, TFTP; others by name) and the expectations they create. */
#ifndef ULOG_KERNEL_HELPER_H
#define ULOG_KERNEL_HELPER_H

#include <stdbool.h>
#include <stdint.h>

#include "ct.h"

/*
 * As the kernel: `-j CT --helper NAME` in raw asks for a helper; the
 * connection's first packet (a new entry) gets it at the conntrack hook
 * (ct_helper_in), unless the packet was expected, in which case the entry
 * becomes EXPECTED (ctinfo RELATED), remembers its master's helper and
 * inherits the master's mark. At the helper hook (after filter and
 * security, before confirm) the helper reads the packet (ct_helper_hook)
 * and may expect a connection (ct_expect_add). The helper name shows in
 * `conntrack -L` as helper=NAME. Per-connection helper state and the
 * expectation table are allocated once, at the first helper assignment;
 * connections without a helper cost one test per hook.
 */

#define CT_HELPER_NAME_MAX 16

/* A helper's per-connection state (the kernel's nf_ct_ftp_master, nf_ct_sane_master). */
struct ct_help_data {
	uint32_t seq_aft_nl[2][2];       /* ftp, [dir]: seq just after a '\n' (2 remembered) */
	uint16_t seq_aft_nl_num[2];
	uint8_t sane_start;              /* sane: a SANE_NET_START request awaits its reply */
};

struct ct_helper_def {
	const char *name;
	uint8_t proto;                   /* IPPROTO_TCP or IPPROTO_UDP */
	uint8_t max_expected;            /* per master (expect policy) */
	uint32_t expect_timeout_s;
	/* Reads a packet of @ct (ctinfo @ctinfo); NULL: the name is recorded,
	 * nothing parsed. Returns 0 (accept) or -1 (the kernel drops it). */
	int (*help)(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		    const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);
};

/* The table's helper state (ct_table.help), allocated at first use. */
struct ct_help_tab {
	struct ct_expect *exp;           /* exp_max slots */
	uint32_t exp_max, exp_count;
	uint32_t exp_hi;                 /* slots in use are below this */
	struct ct_help_data *data;       /* one per pool entry */
};

/* @t's helper state, allocated now if need be; NULL on ENOMEM. */
struct ct_help_tab *ct_help_tab(struct ct_table *t);

/* ---- registry (helper.c) ---- */

/* The index (1..) of helper @name for L4 protocol @proto, 0 if none. */
uint8_t ct_helper_find(const char *name, uint8_t proto);
/* The helper of index @idx, NULL for 0 or an unknown index. */
const struct ct_helper_def *ct_helper_get(uint8_t idx);
/* Its name ("" for 0). */
const char *ct_helper_name(uint8_t idx);

/* ---- the hooks (helper.c) ---- */

/* After ct_in() for a packet that asked for helper @want ("" none): a new
 * entry is matched against the expectations, or gets the helper. */
void ct_helper_in(struct ct_table *t, struct ct_ref *ref, const char *want, uint64_t now_ns);

/* The helper hook: runs @ref's connection's helper on the packet @pv.
 * Returns 0 (accept) or -1 (drop). No helper: 0 at once. */
int ct_helper_hook(struct ct_table *t, const struct ct_ref *ref, const struct pkt_view *pv,
		   uint64_t now_ns);

/* Live connections expected by @master (each holds a reference on it in
 * the kernel: conntrack -L's use= counts them). Scans the pool. */
unsigned ct_helper_children(const struct ct_table *t, const struct ct_entry *master,
			    uint64_t now_ns);

/* The TCP payload a helper reads (skb->len - dataoff in the kernel):
 * fills @pl and returns true if @pv is TCP with a complete header and at
 * least one payload byte captured. */
struct ct_tcp_payload {
	const uint8_t *data;             /* first payload byte */
	uint32_t len;                    /* payload bytes the packet carries (its total length) */
	uint32_t cap;                    /* of which captured (<= len; a short snapshot) */
	uint32_t seq;                    /* the segment's sequence number */
};
bool ct_helper_tcp_payload(const struct pkt_view *pv, struct ct_tcp_payload *pl);

/* Releases what helpers allocated in @t (called by ct_table_free). */
void ct_helper_free(struct ct_table *t);

/* ---- expectations (expect.c) ---- */

/* One expected connection: its original tuple; the source port is a wildcard. */
struct ct_expect {
	struct ct_tuple tuple;
	uint64_t expires_ns;
	uint64_t created_ns;
	struct ct_tuple master_tuple;    /* the master's original tuple, to tell a reused slot */
	uint32_t master;                 /* pool index of the master entry */
	uint8_t helper;                  /* the master's helper */
	bool any_src;                    /* the source address is a wildcard too (IRC DCC) */
	bool in_use;
};

/*
 * Expects the connection @tp (source port ignored, and the source address
 * if @any_src) for @master at @now_ns (nf_ct_expect_related): an identical
 * expectation of the same master is replaced; any other that overlaps
 * refuses (-EBUSY); beyond the helper's max_expected the master's oldest
 * goes; a full table (nf_ct_expect_max) refuses (-EMFILE). Returns 0 or a
 * negative errno.
 */
int ct_expect_add(struct ct_table *t, const struct ct_entry *master, const struct ct_tuple *tp,
		  bool any_src, uint64_t now_ns);
/* Finds and removes the live expectation that original tuple @orig
 * fulfils (nf_ct_find_expectation); false if none. */
bool ct_expect_take(struct ct_table *t, const struct ct_tuple *orig, uint64_t now_ns,
		    struct ct_expect *out);
/* Live expectations at @now_ns (expired ones and those of dead masters are removed). */
unsigned ct_expect_count(struct ct_table *t, uint64_t now_ns);
/* The table's bound (the kernel's nf_ct_expect_max: buckets / 256 * 4, at least 4). */
uint32_t ct_expect_max(const struct ct_table *t);

/* ---- FTP (helper_ftp.c) ---- */

/* What an FTP command or reply line announces. */
struct ct_ftp_cmd {
	uint8_t addr[16];                /* network order; preset to the sender's address */
	uint16_t port;                   /* host order */
};

/*
 * Parses @len bytes of an FTP control packet of direction @dir (0: client
 * PORT/EPRT, 1: server 227/229) of a connection of family @family, as
 * nf_conntrack_ftp's find_pattern does. @cmd->addr must hold the sender's
 * address. Returns 1 (found: @cmd filled), 0 (nothing), -1 (a partial or
 * malformed command: the kernel drops the packet).
 */
int ct_ftp_parse(const char *data, uint32_t len, int dir, uint8_t family, struct ct_ftp_cmd *cmd);

int ct_ftp_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);

/* ---- IRC (helper_irc.c) ---- */

int ct_irc_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);

/* ---- Amanda (helper_amanda.c) ---- */

int ct_amanda_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		   const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);

/* ---- SANE (helper_sane.c) ---- */

int ct_sane_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		 const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);

/* ---- TFTP (helper_tftp.c) ---- */

int ct_tftp_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		 const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now);

#endif
