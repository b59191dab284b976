/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfnetlink_log client: kernel netlink or nfcore unix socket, config requests answered by acks. */
#include "nflog_sock.h"

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define NFLOG_SOCK_ACK_WAIT_MS 3000

static int open_netlink(struct nflog_sock *s, struct ulog_err *err)
{
	s->nl = mnl_socket_open2(NETLINK_NETFILTER, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!s->nl)
		return ulog_errf(err, -errno, "cannot open netlink socket: %s", strerror(errno));
	s->fd = mnl_socket_get_fd(s->nl);
	if (mnl_socket_bind(s->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return ulog_errf(err, -errno, "cannot bind netlink socket: %s", strerror(errno));
	return 0;
}

static int open_unix(struct nflog_sock *s, const char *path, struct ulog_err *err)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	if (strlen(path) >= sizeof(a.sun_path))
		return ulog_errf(err, -ENAMETOOLONG, "socket path too long: %s", path);
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	s->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || connect(s->fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return ulog_errf(err, -errno, "cannot connect to %s: %s", path, strerror(errno));
	return 0;
}

int nflog_sock_open(struct nflog_sock *s, const char *unix_path, uint8_t *buf, size_t buflen,
		    struct ulog_err *err)
{
	int rc;

	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->buf = buf;
	s->buflen = buflen;
	rc = unix_path && unix_path[0] ? open_unix(s, unix_path, err) : open_netlink(s, err);
	if (rc < 0)
		nflog_sock_close(s);
	return rc;
}

void nflog_sock_close(struct nflog_sock *s)
{
	if (s->nl)
		mnl_socket_close(s->nl);
	else if (s->fd >= 0)
		close(s->fd);
	s->nl = NULL;
	s->fd = -1;
}

int nflog_sock_set_rcvbuf(struct nflog_sock *s, int bytes)
{
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) == 0)
		return 0;
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)) < 0)
		return -errno;
	/* SO_RCVBUF silently caps the size at rmem_max */
	return nflog_sock_rcvbuf(s) >= bytes ? 0 : -EPERM;
}

int nflog_sock_rcvbuf(const struct nflog_sock *s)
{
	int v;
	socklen_t sl = sizeof(v);

	if (getsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &v, &sl) < 0)
		return -errno;
	return v / 2;
}

/* Looks through one datagram for the answer to @seq; hands packets on. 1 if found. */
static int scan_answer(struct nflog_sock *s, size_t n, uint32_t seq, int *answer)
{
	const struct nlmsghdr *nlh = (const void *)s->buf;
	int left = (int)n;

	for (; nfula_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type == NLMSG_ERROR && nlh->nlmsg_seq == seq) {
			const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

			*answer = nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e) ? -EPROTO : e->error;
			return 1;
		}
		if (nlh->nlmsg_type == NFULA_MSG_PACKET && s->on_pkt)
			s->on_pkt(s->arg, nlh);
	}
	return 0;
}

static int wait_answer(struct nflog_sock *s, uint32_t seq)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	int answer;

	for (;;) {
		ssize_t n;

		if (poll(&pfd, 1, NFLOG_SOCK_ACK_WAIT_MS) == 0)
			return -ETIMEDOUT;
		n = recv(s->fd, s->buf, s->buflen, 0);
		if (n < 0 && errno == ENOBUFS)
			s->enobufs++;
		if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == ENOBUFS))
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ECONNRESET;
		if (scan_answer(s, (size_t)n, seq, &answer))
			return answer;
	}
}

int nflog_sock_request(struct nflog_sock *s, struct nlmsghdr *nlh)
{
	nlh->nlmsg_seq = ++s->seq;
	if (send(s->fd, nlh, nlh->nlmsg_len, MSG_NOSIGNAL) < 0)
		return -errno;
	return wait_answer(s, nlh->nlmsg_seq);
}

int nflog_sock_cmd(struct nflog_sock *s, uint8_t family, uint16_t group, uint8_t cmd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = nfula_cfg_msg(buf, family, group, 0);

	nflog_attr_put_cfg_cmd(nlh, cmd);
	return nflog_sock_request(s, nlh);
}

int nflog_sock_bind(struct nflog_sock *s, const struct nflog_bind *b)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = nfula_cfg_msg(buf, AF_UNSPEC, b->group, 0);

	nflog_attr_put_cfg_cmd(nlh, NFULNL_CFG_CMD_BIND);
	nflog_attr_put_cfg_mode(nlh, b->copy_mode, b->copy_range);
	if (b->qthresh)
		mnl_attr_put_u32(nlh, NFULA_CFG_QTHRESH, htonl(b->qthresh));
	if (b->nlbufsiz)
		mnl_attr_put_u32(nlh, NFULA_CFG_NLBUFSIZ, htonl(b->nlbufsiz));
	if (b->timeout)
		mnl_attr_put_u32(nlh, NFULA_CFG_TIMEOUT, htonl(b->timeout));
	mnl_attr_put_u16(nlh, NFULA_CFG_FLAGS, htons(b->flags));
	return nflog_sock_request(s, nlh);
}
