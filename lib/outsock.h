/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Client sockets for outputs that stream records to a server (tcp, udp, unix), with reconnect. */
#ifndef ULOG_LIB_OUTSOCK_H
#define ULOG_LIB_OUTSOCK_H

#include <stddef.h>

#include "err.h"

enum outsock_kind { OUTSOCK_TCP, OUTSOCK_UDP, OUTSOCK_UNIX };

struct outsock {
	int fd;                 /* -1 when not connected */
	int ready;              /* set by outsock_open: a zeroed struct is closed */
	enum outsock_kind kind;
	char path[108];         /* unix */
	char host[256], port[32];
	unsigned long long n_errors;
};

/*
 * Remembers where to connect and connects (@path for unix, @host and @port
 * for tcp/udp, resolved with getaddrinfo). Returns 0, or -errno with @err
 * set (a path that does not fit in sun_path is -ENAMETOOLONG).
 */
int outsock_open(struct outsock *s, enum outsock_kind kind, const char *path,
		 const char *host, const char *port, struct ulog_err *err);

/* Closes any connection and connects again. Returns 0 or -errno. */
int outsock_connect(struct outsock *s, struct ulog_err *err);

/*
 * Sends @n bytes (one datagram for udp). On failure the socket is
 * reconnected for the next record and -errno returned: this record is lost.
 */
int outsock_send(struct outsock *s, const void *buf, size_t n);

void outsock_close(struct outsock *s);

#endif
