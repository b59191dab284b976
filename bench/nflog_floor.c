// SPDX-License-Identifier: GPL-2.0-or-later
// nflog_floor: the cost floor of any NFLOG logger: binds a group, receives and counts messages.
//
// Usage: nflog_floor GROUP OUTFILE QTHRESHOLD QTIMEOUT NLBUFSIZ RCVBUF
// Binds GROUP (copy whole packets, sequence numbers on, the given kernel queue settings; 0 keeps
// a kernel default), then receives with a 150,000-byte buffer and counts the packet messages in
// each datagram without parsing their attributes. On SIGTERM or SIGINT it unbinds and writes the
// count to OUTFILE. Used by bench/ulogd_vs_ulogd2.sh as the "floor" row: what receiving alone
// costs per packet, which no daemon can go below.
#include <errno.h>
#include <libmnl/libmnl.h>
#include <libnetfilter_log/libnetfilter_log.h>
#include <libnfnetlink/libnfnetlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_log.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define RECV_BUF 150000

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* count_msgs: the NFULNL_MSG_PACKET messages in one datagram of len bytes. */
static unsigned long count_msgs(const void *buf, int len)
{
	const struct nlmsghdr *nlh = buf;
	unsigned long n = 0;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
		if (nlh->nlmsg_type == ((NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_PACKET))
			n++;
	return n;
}

/* setup: opens the handle and binds group g with the queue settings; NULL on failure. */
static struct nflog_g_handle *setup(struct nflog_handle *h, int g, unsigned qthresh,
				    unsigned qtimeout, unsigned nlbufsiz, unsigned rcvbuf)
{
	struct nflog_g_handle *gh = nflog_bind_group(h, (uint16_t)g);

	if (!gh)
		return NULL;
	if (nflog_set_mode(gh, NFULNL_COPY_PACKET, 0xffff) < 0 ||
	    nflog_set_flags(gh, NFULNL_CFG_F_SEQ | NFULNL_CFG_F_SEQ_GLOBAL) < 0 ||
	    (qthresh && nflog_set_qthresh(gh, qthresh) < 0) ||
	    (qtimeout && nflog_set_timeout(gh, qtimeout) < 0) ||
	    (nlbufsiz && nflog_set_nlbufsiz(gh, nlbufsiz) < 0))
		return NULL;
	if (rcvbuf)
		nfnl_rcvbufsiz(nflog_nfnlh(h), rcvbuf);
	return gh;
}

int main(int argc, char **argv)
{
	static char buf[RECV_BUF];
	struct sigaction sa = { .sa_handler = on_signal };
	struct nflog_g_handle *gh;
	struct nflog_handle *h;
	unsigned long count = 0;
	FILE *out;
	int fd;

	if (argc != 7) {
		fprintf(stderr, "usage: nflog_floor GROUP OUTFILE QTHRESHOLD QTIMEOUT NLBUFSIZ RCVBUF\n");
		return 2;
	}
	h = nflog_open();
	gh = h ? setup(h, atoi(argv[1]), (unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]),
		       (unsigned)atoi(argv[5]), (unsigned)atoi(argv[6])) : NULL;
	if (!gh) {
		fprintf(stderr, "nflog_floor: group %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fd = nflog_fd(h);
	while (!stop) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n > 0)
			count += count_msgs(buf, (int)n);
		else if (n < 0 && errno != EINTR && errno != ENOBUFS)
			break;
	}
	nflog_unbind_group(gh);
	nflog_close(h);
	out = fopen(argv[2], "w");
	if (!out || fprintf(out, "%lu\n", count) < 0 || fclose(out) != 0) {
		fprintf(stderr, "nflog_floor: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	return 0;
}
