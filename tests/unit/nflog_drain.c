/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NFLOG drains its socket within a budget: 100 queued datagrams are read as 64, a flush, then 36. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/nflog_sock.h"
#include "tests/unit/test.h"
#include "ulogd/daemon.h"
#include "ulogd/input/nflog.h"
#include "ulogd/loop.h"

#define N_PKTS 100
#define BUDGET NFLOG_RECV_BUDGET

/* ---- TCNT: counts records and, at each flush, how many came since the last one ---- */
struct tcnt_priv {
	unsigned pending;
	unsigned flushed[16];
	unsigned n_flushed;
};
static const struct ulog_key_def tcnt_in[] = {
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
};
static int tcnt_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	ULOG_PRIV(inst, struct tcnt_priv)->pending++;
	return ULOG_CONTINUE;
}
static int tcnt_flush(struct ulog_instance *inst)
{
	struct tcnt_priv *p = ULOG_PRIV(inst, struct tcnt_priv);

	if (p->pending && p->n_flushed < ULOG_ARRAY_SIZE(p->flushed))
		p->flushed[p->n_flushed++] = p->pending;
	p->pending = 0;
	return 0;
}
static const struct ulog_plugin ulog_plugin_TCNT = {
	.abi = ULOG_PLUGIN_ABI, .name = "TCNT", .kind = ULOG_PLUGIN_OUTPUT,
	.in_keys = tcnt_in, .n_in = 1, .priv_size = sizeof(struct tcnt_priv),
	.interp = tcnt_interp, .flush = tcnt_flush,
};
static const struct ulog_plugin *const table[] = { &ulog_plugin_NFLOG, &ulog_plugin_TCNT, NULL };

/* Sends the ack of request @seq, as nfnetlink does. */
static void send_ack(int fd, uint32_t seq)
{
	char buf[64];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlmsgerr *e;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = seq;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = 0;
	if (send(fd, buf, nlh->nlmsg_len, 0) < 0)
		abort();
}

/* Sends one packet message of group 4 with prefix "drain". */
static void send_pkt(int fd)
{
	char buf[256];
	struct nlmsghdr *nlh = nflog_nlmsg_put_header(buf, NFULNL_MSG_PACKET, AF_INET, 4);
	struct nfulnl_msg_packet_hdr h = { .hw_protocol = htons(0x0800), .hook = 1 };

	mnl_attr_put(nlh, NFULA_PACKET_HDR, sizeof(h), &h);
	mnl_attr_put_strz(nlh, NFULA_PREFIX, "drain");
	if (send(fd, buf, nlh->nlmsg_len, 0) < 0)
		abort();
}

static void stop_loop(void *arg)
{
	ulog_loop_stop(arg);
}

int main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ulog_daemon *d = ulog_daemon_new(table);
	struct tcnt_priv *cnt;
	struct nflog_stats st;
	struct ulog_err err;
	char conf[512], path[108];
	int lfd, srv, i;

	snprintf(path, sizeof(path), "/tmp/nflog_drain.%d", (int)getpid());
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	lfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	if (!d || lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0)
		return 1;
	snprintf(conf, sizeof(conf), "[global]\nlogfile=\"stderr\"\nstack=in1:NFLOG,cnt1:TCNT\n"
		 "[in1]\ngroup=4\nunix_socket=\"%s\"\n", path);
	CHECK(ulog_daemon_load_buf(d, "drain.conf", conf, strlen(conf), &err) == 0,
	      "config builds (%s)", err.msg);
	/* the producer: acks every request; after the first (the bind), queues the packets */
	if (fork() == 0) {
		const struct nlmsghdr *req = (const void *)conf;
		bool first = true;

		srv = accept(lfd, NULL, NULL);
		while (recv(srv, conf, sizeof(conf), 0) > 0) {
			send_ack(srv, req->nlmsg_seq);
			for (i = 0; first && i < N_PKTS; i++)
				send_pkt(srv);
			first = false;
		}
		_exit(0);
	}
	close(lfd);
	CHECK(ulog_daemon_start(d, &err) == 0, "NFLOG starts on the unix socket (%s)", err.msg);
	usleep(200 * 1000);     /* the producer has queued every datagram */
	ulog_loop_add_timer(ulog_daemon_loop(d), 300, stop_loop, ulog_daemon_loop(d));
	ulog_daemon_run(d);
	cnt = ULOG_PRIV(ulog_daemon_instance(d, 0, "cnt1"), struct tcnt_priv);
	nflog_get_stats(ulog_daemon_instance(d, 0, "in1"), &st);
	CHECK(st.packets == N_PKTS, "every queued packet read (%llu)", (unsigned long long)st.packets);
	CHECK(cnt->n_flushed >= 2 && cnt->flushed[0] == BUDGET,
	      "one wake-up reads at most %d datagrams, then the outputs flush (first flush: %u)",
	      BUDGET, cnt->n_flushed ? cnt->flushed[0] : 0);
	CHECK(cnt->n_flushed == 2 && cnt->flushed[1] == N_PKTS - BUDGET,
	      "the loop comes back for the rest (second flush: %u)",
	      cnt->n_flushed > 1 ? cnt->flushed[1] : 0);
	ulog_daemon_stop(d);
	ulog_daemon_free(d);
	unlink(path);
	TEST_EXIT();
}
