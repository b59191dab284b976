/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What LOG, NFLOG, NFQUEUE and REJECT hand to filter_emit: their private data, for nfcore to act on. */
#ifndef ULOG_FILTER_EXT_EMIT_H
#define ULOG_FILTER_EXT_EMIT_H

/*
 * target() calls pkt->out->emit(arg, kind, d->priv, pv, meta) with kind
 * "LOG", "NFLOG", "NFQUEUE" or "REJECT"; ext_priv then points to the struct
 * below of that kind (REJECT: struct xt_reject_priv in reject.h, whose .with
 * is the kernel's ipt/ip6t_reject_with value). The NAT targets report kind
 * "NAT" with a struct xt_nat_choice (not their private data).
 */

#include <stdbool.h>
#include <stdint.h>

/* XT_LOG_* bits of xt_log_info.logflags */
enum {
	XT_LOG_TCPSEQ = 0x01, XT_LOG_TCPOPT = 0x02, XT_LOG_IPOPT = 0x04, XT_LOG_UID = 0x08,
	XT_LOG_MACDECODE = 0x20,
};

/* kind "LOG" */
struct xt_log_info {
	uint8_t level;           /* syslog level 0..7 */
	uint8_t logflags;        /* XT_LOG_* */
	char prefix[30];         /* NUL-terminated, at most 29 bytes */
};

/* kind "NFLOG" */
struct xt_nflog_info {
	uint32_t len;            /* copy size (has_size) or the old range (has_range) */
	uint16_t group, threshold;
	bool has_size, has_range;
	char prefix[64];         /* NUL-terminated, at most 63 bytes */
};

/* kind "NFQUEUE": queues num .. num + total - 1 */
struct xt_nfqueue_info {
	uint16_t num, total;
	bool bypass, fanout;
};

/* kind "NAT": a NAT target chose the connection's binding at this rule (the
 * kernel translates from here on; nfcore does not translate yet) */
struct xt_nat_choice {
	const char *target;      /* "SNAT", "DNAT", "MASQUERADE", "REDIRECT", "NETMAP" */
	const char *table, *chain;
	unsigned rulenum;
};

#endif
