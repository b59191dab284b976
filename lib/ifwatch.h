/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A rtnetlink link watcher: dumps the interfaces once, then follows RTMGRP_LINK events into an iftable. */
#ifndef ULOG_LIB_IFWATCH_H
#define ULOG_LIB_IFWATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "err.h"
#include "iftable.h"

struct mnl_socket;

struct ifwatch {
	struct mnl_socket *nl;
	struct iftable tab;
	uint32_t portid;
	uint32_t seq;
	uint64_t n_resync;     /* full re-dumps after lost events (ENOBUFS) */
	uint64_t n_events;     /* link messages applied */
};

/*
 * Opens a NETLINK_ROUTE socket subscribed to link events and fills the
 * table from a full link dump (blocking, bounded by a receive timeout).
 * Returns 0 or a negative errno with @err saying what failed.
 */
int ifwatch_open(struct ifwatch *w, struct ulog_err *err);

/* The socket to watch for EPOLLIN, or -1 if closed. */
int ifwatch_fd(const struct ifwatch *w);

/*
 * Reads every pending event without blocking and applies it. After lost
 * events (ENOBUFS) re-dumps the whole table. Returns 0 or -errno.
 */
int ifwatch_read(struct ifwatch *w);

/* Re-dumps the link table from scratch. Returns 0 or -errno. */
int ifwatch_resync(struct ifwatch *w);

/* Name of @index, or NULL. */
static inline const char *ifwatch_name(const struct ifwatch *w, uint32_t index)
{
	return iftable_name(&w->tab, index);
}

void ifwatch_close(struct ifwatch *w);

#endif
