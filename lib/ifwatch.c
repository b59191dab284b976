/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnetlink link watcher: one dump at start, then RTMGRP_LINK events, re-dump after ENOBUFS. */
#include "ifwatch.h"

#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

#define IFWATCH_BUF 32768
#define IFWATCH_DUMP_TIMEOUT_S 5

static int ifwatch_msg_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ifwatch *w = data;
	int rc = iftable_apply(&w->tab, nlh);

	if (rc == -ENOMEM)
		return MNL_CB_ERROR;
	if (nlh->nlmsg_type == RTM_NEWLINK || nlh->nlmsg_type == RTM_DELLINK)
		w->n_events++;
	return MNL_CB_OK;
}

static int ifwatch_send_dump(struct ifwatch *w)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtgenmsg *g;

	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++w->seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	if (mnl_socket_sendto(w->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	return 0;
}

/* One dump: request, then read until NLMSG_DONE. -ENOBUFS if events
 * overflowed the socket meanwhile (the dump must restart). */
static int ifwatch_dump_once(struct ifwatch *w)
{
	static __thread char buf[IFWATCH_BUF];
	ssize_t n;
	int rc;

	rc = ifwatch_send_dump(w);
	if (rc < 0)
		return rc;
	iftable_clear(&w->tab);
	do {
		n = mnl_socket_recvfrom(w->nl, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		/* link events interleaved with the dump carry seq 0 and pass too */
		rc = mnl_cb_run(buf, (size_t)n, w->seq, w->portid, ifwatch_msg_cb, w);
	} while (rc > 0);
	return rc < 0 ? (errno ? -errno : -EIO) : 0;
}

int ifwatch_resync(struct ifwatch *w)
{
	int rc, tries;

	for (tries = 0; tries < 8; tries++) {
		rc = ifwatch_dump_once(w);
		if (rc != -ENOBUFS)
			return rc;
	}
	return rc;
}

int ifwatch_open(struct ifwatch *w, struct ulog_err *err)
{
	struct timeval tv = { .tv_sec = IFWATCH_DUMP_TIMEOUT_S };
	int rc;

	memset(w, 0, sizeof(*w));
	w->seq = (uint32_t)time(NULL);
	w->nl = mnl_socket_open(NETLINK_ROUTE);
	if (!w->nl)
		return ulog_errf(err, -errno, "rtnetlink socket: %s", strerror(errno));
	if (mnl_socket_bind(w->nl, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0) {
		rc = -errno;
		ifwatch_close(w);
		return ulog_errf(err, rc, "rtnetlink bind to link events: %s", strerror(-rc));
	}
	w->portid = mnl_socket_get_portid(w->nl);
	setsockopt(mnl_socket_get_fd(w->nl), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	rc = ifwatch_resync(w);
	if (rc < 0) {
		ifwatch_close(w);
		return ulog_errf(err, rc, "rtnetlink link dump: %s", strerror(-rc));
	}
	return 0;
}

int ifwatch_fd(const struct ifwatch *w)
{
	return w->nl ? mnl_socket_get_fd(w->nl) : -1;
}

int ifwatch_read(struct ifwatch *w)
{
	static __thread char buf[IFWATCH_BUF];
	ssize_t n;

	for (;;) {
		n = recv(mnl_socket_get_fd(w->nl), buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			if (errno == EINTR)
				continue;
			if (errno != ENOBUFS)
				return -errno;
			w->n_resync++;
			return ifwatch_resync(w);
		}
		if (mnl_cb_run(buf, (size_t)n, 0, 0, ifwatch_msg_cb, w) < 0)
			return -errno;
	}
}

void ifwatch_close(struct ifwatch *w)
{
	if (w->nl)
		mnl_socket_close(w->nl);
	w->nl = NULL;
	iftable_free(&w->tab);
}
