/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The client side of nfnetlink_log: a socket to the kernel or to nfcore, config requests with acks. */
#ifndef ULOG_LIB_NFLOG_SOCK_H
#define ULOG_LIB_NFLOG_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "nfula.h"

/* Called with packet messages that arrive while a request waits for its ack. */
typedef void (*nflog_sock_pkt_cb)(void *arg, const struct nlmsghdr *nlh);

struct nflog_sock {
	struct mnl_socket *nl;      /* the kernel; NULL for a unix socket */
	int fd;                     /* -1 when closed */
	uint32_t seq;               /* of the last request */
	uint8_t *buf;               /* receive buffer (caller's, @buflen bytes) */
	size_t buflen;
	nflog_sock_pkt_cb on_pkt;
	void *arg;
	uint64_t enobufs;           /* overruns seen while waiting for acks */
};

/*
 * Opens a non-blocking socket: a netlink NETLINK_NETFILTER socket bound to
 * its own port id when @unix_path is NULL or "", else a SOCK_SEQPACKET
 * connection to nfcore at @unix_path. @buf (@buflen bytes) receives acks.
 * Returns 0 or -errno with @err; on error the socket is closed.
 */
int nflog_sock_open(struct nflog_sock *s, const char *unix_path, uint8_t *buf, size_t buflen,
		    struct ulog_err *err);

void nflog_sock_close(struct nflog_sock *s);

/*
 * Sets the receive buffer to @bytes as written: SO_RCVBUFFORCE (CAP_NET_ADMIN), else SO_RCVBUF
 * when that gives the whole size (net.core.rmem_max allows it). Returns 0, or -errno (-EPERM:
 * only a smaller buffer was possible; the socket then keeps what SO_RCVBUF gave).
 */
int nflog_sock_set_rcvbuf(struct nflog_sock *s, int bytes);

/* The receive buffer size as requested (half what the kernel reports), or -errno. */
int nflog_sock_rcvbuf(const struct nflog_sock *s);

/*
 * Sends config request @nlh (from nfula_cfg_msg(), NLM_F_ACK set, its
 * sequence number taken from s->seq + 1) and waits up to 3 s for the answer;
 * packet messages that come first go to s->on_pkt. Returns the answer: 0 or
 * -errno (-ETIMEDOUT if none).
 */
int nflog_sock_request(struct nflog_sock *s, struct nlmsghdr *nlh);

/* A request with one NFULA_CFG_CMD (NFULNL_CFG_CMD_*). Returns as nflog_sock_request(). */
int nflog_sock_cmd(struct nflog_sock *s, uint8_t family, uint16_t group, uint8_t cmd);

/* What to bind: the group and its settings, sent in one request so that it applies whole. */
struct nflog_bind {
	uint16_t group;
	uint8_t copy_mode;          /* NFULNL_COPY_* */
	uint32_t copy_range;
	uint32_t qthresh, timeout, nlbufsiz;    /* 0: not sent */
	uint16_t flags;             /* NFULNL_CFG_F_*, always sent */
};

/* Binds @b->group with its settings. Returns as nflog_sock_request(): -EPERM
 * when another socket has the group, -EOPNOTSUPP for flags the producer lacks. */
int nflog_sock_bind(struct nflog_sock *s, const struct nflog_bind *b);

#endif
