/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The NFLOG input's message-level entry points, for its plugin file, tests and fuzzers. */
#ifndef ULOGD_INPUT_NFLOG_H
#define ULOGD_INPUT_NFLOG_H

#include <stdint.h>
#include <time.h>

#include "../plugin.h"

struct nlmsghdr;

extern const struct ulog_plugin ulog_plugin_NFLOG;

/* Options, in ulogd2's names (ulog_plugin_NFLOG.options). */
struct nflog_conf {
	int bufsize;            /* recv buffer, bytes */
	int group;
	int unbind, bind;       /* PF unbind/bind (group 0 or bind=1) */
	int seq_local, seq_global;
	int numeric_label;      /* raw.label */
	int nl_bufsize, nl_bufmaxsize;  /* SO_RCVBUF(FORCE), growth limit on ENOBUFS */
	int qthreshold, qtimeout;
	int attach_conntrack;
	char unix_socket[108];  /* nfcore's SOCK_SEQPACKET socket; "" = the kernel */
};

/* recv calls per wake-up: the socket is drained until empty, but the loop (other inputs,
 * output flushes) runs between rounds of this many. */
#define NFLOG_RECV_BUDGET 64

/* Counters reported on SIGUSR1. */
struct nflog_stats {
	uint64_t packets;       /* records emitted */
	uint64_t lost;          /* messages missing from the local sequence */
	uint64_t gaps;          /* times the sequence jumped forward */
	uint64_t seq_back;      /* times the sequence went backwards (resynced) */
	uint64_t enobufs;       /* receive buffer overruns reported by the socket */
	uint64_t errors;        /* malformed or truncated messages */
};

/*
 * Parses one NFULNL_MSG_PACKET message into @rec (cleared by the caller)
 * with NFLOG's keys, using @now when the message has no timestamp, and
 * tracks its local sequence number (gaps, lost messages). Returns 0, or
 * -EINVAL with @err naming the malformed part (@rec then holds nothing to
 * emit). Does not allocate.
 */
int nflog_parse_msg(struct ulog_instance *inst, const struct nlmsghdr *nlh,
		    struct ulog_record *rec, const struct timespec *now, struct ulog_err *err);

/*
 * Runs every netlink message in @buf (@len bytes, as one recv returned
 * them): packet messages are parsed and emitted to the stacks, others
 * skipped; malformed ones are counted and logged (rate-limited).
 * Returns the number of records emitted.
 */
unsigned nflog_handle_buf(struct ulog_instance *inst, const void *buf, size_t len,
			  const struct timespec *now);

/* Copies the counters of @inst into @st. */
void nflog_get_stats(const struct ulog_instance *inst, struct nflog_stats *st);

#endif
