/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Output client sockets with reconnect (lib/outsock.h). */
#include <errno.h>
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "outsock.h"

static int connect_unix(struct outsock *s, struct ulog_err *err)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return ulog_errf(err, -errno, "socket: %s", strerror(errno));
	strcpy(a.sun_path, s->path);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		int e = errno;

		close(fd);
		return ulog_errf(err, -e, "connect to unix:%s: %s", s->path, strerror(e));
	}
	s->fd = fd;
	return 0;
}

static int connect_net(struct outsock *s, struct ulog_err *err)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC }, *res, *ai;
	int rc, fd = -1, e = ECONNREFUSED;

	hints.ai_socktype = s->kind == OUTSOCK_UDP ? SOCK_DGRAM : SOCK_STREAM;
	rc = getaddrinfo(s->host, s->port, &hints, &res);
	if (rc)
		return ulog_errf(err, -EHOSTUNREACH, "getaddrinfo %s:%s: %s", s->host, s->port,
				 gai_strerror(rc));
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			e = errno;
			continue;
		}
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		e = errno;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return ulog_errf(err, -e, "connect to %s:%s: %s", s->host, s->port, strerror(e));
	s->fd = fd;
	return 0;
}

int outsock_connect(struct outsock *s, struct ulog_err *err)
{
	if (!s->ready)
		return ulog_errf(err, -EBADF, "socket not set up");
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	return s->kind == OUTSOCK_UNIX ? connect_unix(s, err) : connect_net(s, err);
}

int outsock_open(struct outsock *s, enum outsock_kind kind, const char *path,
		 const char *host, const char *port, struct ulog_err *err)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->ready = 1;
	s->kind = kind;
	if (kind == OUTSOCK_UNIX) {
		if (!path[0])
			return ulog_errf(err, -EINVAL, "missing unix socket path");
		if (strlen(path) >= sizeof(s->path))
			return ulog_errf(err, -ENAMETOOLONG, "unix socket path `%s' is longer than %zu",
					 path, sizeof(s->path) - 1);
		strcpy(s->path, path);
	} else {
		if (strlen(host) >= sizeof(s->host) || strlen(port) >= sizeof(s->port))
			return ulog_errf(err, -ENAMETOOLONG, "host or port too long");
		strcpy(s->host, host);
		strcpy(s->port, port);
	}
	return outsock_connect(s, err);
}

int outsock_send(struct outsock *s, const void *buf, size_t n)
{
	const char *p = buf;
	int e;

	if (!s->ready)
		return -EBADF;
	while (s->fd >= 0 && n) {
		ssize_t w = send(s->fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			break;
		if (s->kind == OUTSOCK_UDP)
			return 0;
		p += w;
		n -= (size_t)w;
	}
	if (!n)
		return 0;
	e = s->fd < 0 ? ENOTCONN : errno;
	s->n_errors++;
	outsock_connect(s, NULL);
	return -e;
}

void outsock_close(struct outsock *s)
{
	if (s->ready && s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->ready = 0;
}
