/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/nflog_sock over a unix socket: acks, packets before the ack, errors, and config requests
 * checked against nfula_cfg_policy. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/nflog_sock.h"
#include "tests/unit/test.h"

static char path[108];
static unsigned n_pkts;

static void on_pkt(void *arg, const struct nlmsghdr *nlh)
{
	n_pkts += nlh->nlmsg_type == NFULA_MSG_PACKET;
}

/* Queues in @fd an optional packet message and the answer @error to request @seq. */
static void answer(int fd, uint32_t seq, int error, bool with_pkt)
{
	char buf[256];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf), *e;
	struct nlmsgerr *err;
	size_t len = 0;

	if (with_pkt) {
		nlh = nflog_nlmsg_put_header(buf, NFULNL_MSG_PACKET, AF_INET, 3);
		mnl_attr_put_strz(nlh, NFULA_PREFIX, "early");
		len = nlh->nlmsg_len;
	}
	e = mnl_nlmsg_put_header(buf + len);
	e->nlmsg_type = NLMSG_ERROR;
	e->nlmsg_seq = seq;
	err = mnl_nlmsg_put_extra_header(e, sizeof(*err));
	err->error = error;
	if (send(fd, buf, len + e->nlmsg_len, 0) < 0)
		abort();
}

/* Reads one request from @fd and checks its attributes against nfula_cfg_policy; stores them. */
static bool read_request(int fd, const struct nlattr *tb[NFULA_TB_SIZE], uint16_t *group)
{
	static char buf[4096];
	const struct nlmsghdr *nlh = (const void *)buf;
	const struct nfgenmsg *g;
	const struct nlattr *a;
	struct ulog_err err;
	ssize_t n = recv(fd, buf, sizeof(buf), 0);

	memset(tb, 0, NFULA_TB_SIZE * sizeof(*tb));
	if (n < (ssize_t)NLMSG_HDRLEN || nlh->nlmsg_type != NFULA_MSG_CONFIG ||
	    !(nlh->nlmsg_flags & NLM_F_ACK))
		return false;
	g = mnl_nlmsg_get_payload(nlh);
	*group = ntohs(g->res_id);
	mnl_attr_for_each(a, nlh, sizeof(*g)) {
		if (nfula_check_attr(nfula_cfg_policy, a, &err) != 0)
			return false;
		tb[mnl_attr_get_type(a)] = a;
	}
	return true;
}

int main(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const struct nlattr *tb[NFULA_TB_SIZE];
	const struct nfulnl_msg_config_mode *mode;
	struct nflog_bind b = { .group = 7, .copy_mode = NFULNL_COPY_PACKET, .copy_range = 0xffff,
				.qthresh = 8, .flags = NFULNL_CFG_F_SEQ | NFULNL_CFG_F_SEQ_GLOBAL };
	struct nflog_sock s;
	struct ulog_err err;
	uint8_t rbuf[8192];
	uint16_t group = 0;
	int lfd, srv;

	snprintf(path, sizeof(path), "/tmp/nflog_sock.%d", (int)getpid());
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	lfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0)
		return 1;
	CHECK(nflog_sock_open(&s, path, rbuf, sizeof(rbuf), &err) == 0, "connects to a unix socket");
	srv = accept(lfd, NULL, NULL);
	s.on_pkt = on_pkt;

	answer(srv, 1, 0, true);
	CHECK(nflog_sock_bind(&s, &b) == 0, "bind answered 0");
	CHECK(n_pkts == 1, "a packet before the ack goes to the callback");
	CHECK(read_request(srv, tb, &group) && group == 7, "bind request: valid attributes, group 7");
	mode = tb[NFULA_CFG_MODE] ? mnl_attr_get_payload(tb[NFULA_CFG_MODE]) : NULL;
	CHECK(tb[NFULA_CFG_CMD] && *(const uint8_t *)mnl_attr_get_payload(tb[NFULA_CFG_CMD]) ==
	      NFULNL_CFG_CMD_BIND && mode && mode->copy_mode == NFULNL_COPY_PACKET &&
	      ntohl(mode->copy_range) == 0xffff, "bind request: command and copy mode");
	CHECK(tb[NFULA_CFG_QTHRESH] && ntohl(mnl_attr_get_u32(tb[NFULA_CFG_QTHRESH])) == 8 &&
	      !tb[NFULA_CFG_TIMEOUT] && !tb[NFULA_CFG_NLBUFSIZ] && tb[NFULA_CFG_FLAGS] &&
	      ntohs(mnl_attr_get_u16(tb[NFULA_CFG_FLAGS])) == 3,
	      "bind request: qthresh, flags; zero settings not sent");

	answer(srv, 1, 0, false);       /* a stale answer is skipped */
	answer(srv, 2, -EPERM, false);
	CHECK(nflog_sock_cmd(&s, AF_UNSPEC, 7, NFULNL_CFG_CMD_UNBIND) == -EPERM,
	      "the answer to this request's sequence number is returned (-EPERM)");
	CHECK(read_request(srv, tb, &group) && tb[NFULA_CFG_CMD] &&
	      *(const uint8_t *)mnl_attr_get_payload(tb[NFULA_CFG_CMD]) == NFULNL_CFG_CMD_UNBIND,
	      "unbind request");

	close(srv);
	CHECK(nflog_sock_cmd(&s, AF_INET, 0, NFULNL_CFG_CMD_PF_BIND) < 0,
	      "a closed producer is an error, not a hang");
	nflog_sock_close(&s);
	CHECK(s.fd == -1, "closed");
	CHECK(nflog_sock_open(&s, "/nonexistent/nfcore.sock", rbuf, sizeof(rbuf), &err) < 0 &&
	      strstr(err.msg, "/nonexistent/nfcore.sock") && s.fd == -1,
	      "a missing socket is an error naming it (%s)", err.msg);
	close(lfd);
	unlink(path);
	TEST_EXIT();
}
