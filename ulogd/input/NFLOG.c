/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NFLOG input: an nfnetlink_log socket of its own (libmnl, or nfcore's unix socket), parsed with libnetfilter_log. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>

#include "../../lib/nflog_sock.h"
#include "../loop.h"
#include "nflog.h"
#include "nflog_keys.h"

struct nflog_priv {
	struct nflog_sock sk;
	bool open;
	uint8_t *buf;               /* bufsize bytes: one recv */
	size_t buflen;
	int rcvbuf;                 /* current SO_RCVBUF request, 0 = kernel default */
	uint32_t seq_next;          /* next expected NFULA_SEQ */
	struct nflog_stats st;
	struct ulog_ratelimit rl_gap, rl_enobufs, rl_err;  /* one log line per second each */
};

#define OPT(field, name, def, min, max, help) \
	ULOG_OPT_INT_(struct nflog_conf, field, name, def, min, max, help)

static const struct ulog_option nflog_options[] = {
	OPT(bufsize, "bufsize", "150000", 4096, 1 << 28, "receive buffer of ulogd, bytes"),
	OPT(group, "group", "0", 0, 65535, "NFLOG group (iptables --nflog-group)"),
	OPT(unbind, "unbind", "1", 0, INT32_MAX, "unbind other loggers of the families first"),
	OPT(bind, "bind", "0", 0, INT32_MAX, "bind the families (always done for group 0)"),
	OPT(seq_local, "seq_local", "1", 0, INT32_MAX,
	    "ask for per-group sequence numbers (counts lost messages)"),
	OPT(seq_global, "seq_global", "1", 0, INT32_MAX, "ask for global sequence numbers"),
	OPT(numeric_label, "numeric_label", "0", 0, 255, "value of raw.label"),
	OPT(nl_bufsize, "netlink_socket_buffer_size", "0", 0, INT32_MAX,
	    "socket receive buffer, bytes (0: kernel default)"),
	OPT(nl_bufmaxsize, "netlink_socket_buffer_maxsize", "0", 0, INT32_MAX,
	    "grow the socket buffer up to this on overruns (0: never)"),
	OPT(qthreshold, "netlink_qthreshold", "0", 0, INT32_MAX,
	    "packets the kernel queues before sending (0: kernel default)"),
	OPT(qtimeout, "netlink_qtimeout", "0", 0, INT32_MAX,
	    "kernel queue flush timeout, 1/100 s (0: kernel default)"),
	OPT(attach_conntrack, "attach_conntrack", "0", 0, INT32_MAX,
	    "ask the kernel to attach conntrack info (ct key)"),
	ULOG_OPT_STR_(struct nflog_conf, unix_socket, "unix_socket", NULL,
		      "read nfcore's socket at this path instead of the kernel (same messages)"),
};

static const struct nflog_conf *conf_of(const struct ulog_instance *inst)
{
	return ULOG_CONF(inst, struct nflog_conf);
}

/* ---- parsing ---- */

/* Counts the messages missing before @seq (modulo 2^32; a jump back resyncs). */
static void track_seq(struct ulog_instance *inst, uint32_t seq)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	uint32_t d = seq - p->seq_next;

	if (d && d < 0x80000000u) {
		p->st.lost += d;
		p->st.gaps++;
		if (ulog_ratelimit_ok(&p->rl_gap))
			ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: %" PRIu32 " messages lost "
				 "(sequence %" PRIu32 " after %" PRIu32 "); %" PRIu64 " lost in all, "
				 "%" PRIu64 " gap reports suppressed", inst->id, conf_of(inst)->group,
				 d, seq, p->seq_next - 1, p->st.lost, p->rl_gap.suppressed);
	} else if (d) {
		p->st.seq_back++;
		if (ulog_ratelimit_ok(&p->rl_gap))
			ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: sequence went back from %"
				 PRIu32 " to %" PRIu32 "; following the new sequence", inst->id,
				 conf_of(inst)->group, p->seq_next - 1, seq);
	}
	p->seq_next = seq + 1;
}

int nflog_parse_msg(struct ulog_instance *inst, const struct nlmsghdr *nlh,
		    struct ulog_record *rec, const struct timespec *now, struct ulog_err *err)
{
	struct nfula_pkt pkt;
	int rc = nfula_parse_msg(nlh, &pkt, err);

	if (rc < 0)
		return rc;
	if (pkt.has_seq)
		track_seq(inst, pkt.seq);
	nflog_keys_fill(inst, rec, &pkt, (uint8_t)conf_of(inst)->numeric_label, now);
	return 0;
}

static void log_bad_msg(struct ulog_instance *inst, const struct ulog_err *err)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	p->st.errors++;
	if (ulog_ratelimit_ok(&p->rl_err))
		ulog_log(ULOG_ERROR, "%s: NFLOG group %d: dropped a message: %s", inst->id,
			 conf_of(inst)->group, err->msg);
}

unsigned nflog_handle_buf(struct ulog_instance *inst, const void *buf, size_t len,
			  const struct timespec *now)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	const struct nlmsghdr *nlh = buf;
	int left = len > INT32_MAX ? INT32_MAX : (int)len;
	unsigned n = 0;
	struct ulog_err err;

	for (; nfula_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type != NFULA_MSG_PACKET)
			continue;
		ulog_err_clear(&err);
		if (nflog_parse_msg(inst, nlh, ulog_input_record(inst), now, &err) < 0) {
			log_bad_msg(inst, &err);
			continue;
		}
		p->st.packets++;
		n++;
		ulog_input_emit(inst);
	}
	return n;
}

void nflog_get_stats(const struct ulog_instance *inst, struct nflog_stats *st)
{
	const struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	*st = p->st;
	st->enobufs += p->sk.enobufs;   /* overruns met while a config request waited */
}
/* ---- socket ---- */

/* Packets that arrive while a config request waits for its ack go to the
 * stacks (they are started before inputs and stopped after them). */
static void early_packet(void *arg, const struct nlmsghdr *nlh)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	nflog_handle_buf(arg, nlh, nlh->nlmsg_len, &now);
}

/* Group 0 or bind=1: ulogd2's "system logging" bind of IPv4, IPv6 and bridge. */
static int bind_families(struct ulog_instance *inst, struct ulog_err *err)
{
	static const uint8_t pfs[] = { AF_INET, AF_INET6, AF_BRIDGE };
	struct nflog_sock *sk = &ULOG_PRIV(inst, struct nflog_priv)->sk;
	unsigned i;
	int rc;

	for (i = 0; i < ULOG_ARRAY_SIZE(pfs); i++) {
		if (conf_of(inst)->unbind) {
			rc = nflog_sock_cmd(sk, pfs[i], 0, NFULNL_CFG_CMD_PF_UNBIND);
			if (rc < 0)
				return ulog_errf(err, rc, "%s: NFLOG: cannot unbind the log handler "
						 "of family %u: %s", inst->id, pfs[i], strerror(-rc));
		}
		rc = nflog_sock_cmd(sk, pfs[i], 0, NFULNL_CFG_CMD_PF_BIND);
		if (rc < 0)
			return ulog_errf(err, rc, "%s: NFLOG: cannot bind family %u: %s",
					 inst->id, pfs[i], strerror(-rc));
	}
	return 0;
}

/*
 * The kernel's nlbufsiz for a batch of qthreshold packets per datagram, or 0
 * (keep its ~4 KiB default). The kernel ignores, without an error, sizes above
 * 128 KiB, and its datagrams may fill the whole rounded-up allocation (up to
 * twice the size asked for), so the size is kept below half of bufsize: no
 * datagram is cut by recv.
 */
static uint32_t kernel_nlbufsiz(const struct nflog_conf *c)
{
	uint32_t n = ((uint32_t)c->bufsize - 1024) / 2;

	if (c->qthreshold <= 1)
		return 0;
	if (n > 131072)
		n = 131072;
	return n >= 4096 ? n : 0;
}

/* Binds the group with copy mode, queue settings and flags in one request. */
static int bind_group(struct ulog_instance *inst, bool with_ct)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_bind b = {
		.group = (uint16_t)c->group,
		.copy_mode = NFULNL_COPY_PACKET,
		.copy_range = 0xffff,
		.qthresh = (uint32_t)c->qthreshold,
		.timeout = (uint32_t)c->qtimeout,
		.nlbufsiz = kernel_nlbufsiz(c),
	};

	if (c->seq_local)
		b.flags |= NFULNL_CFG_F_SEQ;
	if (c->seq_global)
		b.flags |= NFULNL_CFG_F_SEQ_GLOBAL;
	if (c->attach_conntrack && with_ct)
		b.flags |= NFULNL_CFG_F_CONNTRACK;
	return nflog_sock_bind(&ULOG_PRIV(inst, struct nflog_priv)->sk, &b);
}

static int config_kernel(struct ulog_instance *inst, struct ulog_err *err)
{
	const struct nflog_conf *c = conf_of(inst);
	int rc;

	if ((c->group == 0 || c->bind) && (rc = bind_families(inst, err)) < 0)
		return rc;
	rc = bind_group(inst, true);
	if (rc == -EOPNOTSUPP && c->attach_conntrack) {
		ulog_log(ULOG_ERROR, "%s: NFLOG group %d: attach_conntrack is not supported by "
			 "this kernel (NFULNL_CFG_F_CONNTRACK refused); logging without the ct key",
			 inst->id, c->group);
		rc = bind_group(inst, false);
	}
	if (rc == -EPERM)
		return ulog_errf(err, rc, "%s: NFLOG: group %d is already bound (another "
				 "socket in this network namespace logs it)", inst->id, c->group);
	if (rc < 0)
		return ulog_errf(err, rc, "%s: NFLOG: cannot bind group %d: %s", inst->id,
				 c->group, strerror(-rc));
	return 0;
}

static void on_enobufs(struct ulog_instance *inst)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	p->st.enobufs++;
	if (c->nl_bufmaxsize && p->rcvbuf < c->nl_bufmaxsize) {
		int want = p->rcvbuf ? p->rcvbuf : nflog_sock_rcvbuf(&p->sk);

		if (want <= 0)
			want = 4096;
		want = want > c->nl_bufmaxsize / 2 ? c->nl_bufmaxsize : want * 2;
		if (nflog_sock_set_rcvbuf(&p->sk, want) == 0) {
			p->rcvbuf = want;
			ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: losing messages, socket buffer "
				 "raised to %d bytes", inst->id, c->group, want);
			return;
		}
	}
	if (ulog_ratelimit_ok(&p->rl_enobufs))
		ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: socket buffer overrun (ENOBUFS), "
			 "messages lost (%" PRIu64 " overruns; consider "
			 "netlink_socket_buffer_size/netlink_socket_buffer_maxsize)",
			 inst->id, c->group, p->st.enobufs);
}

static void nflog_read_cb(int fd, uint32_t events, void *arg)
{
	struct ulog_instance *inst = arg;
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	struct timespec now;
	unsigned i;

	for (i = 0; i < NFLOG_RECV_BUDGET; i++) {
		ssize_t n = recv(fd, p->buf, p->buflen, MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			on_enobufs(inst);
			continue;
		}
		if (n < 0) {
			if (errno != EAGAIN && ulog_ratelimit_ok(&p->rl_err))
				ulog_log(ULOG_ERROR, "%s: NFLOG: recv: %s", inst->id, strerror(errno));
			return;
		}
		if ((size_t)n > p->buflen) {
			p->st.errors++;
			if (ulog_ratelimit_ok(&p->rl_err))
				ulog_log(ULOG_ERROR, "%s: NFLOG: a %zd-byte datagram was cut to "
					 "bufsize=%zu; raise bufsize", inst->id, n, p->buflen);
			n = (ssize_t)p->buflen;
		}
		clock_gettime(CLOCK_REALTIME, &now);
		nflog_handle_buf(inst, p->buf, (size_t)n, &now);
	}
}

static void close_socket(struct nflog_priv *p)
{
	nflog_sock_close(&p->sk);
	free(p->buf);
	p->buf = NULL;
	p->open = false;
}

/* The kernel's netlink socket, or nfcore's unix socket (unix_socket=). */
static int open_socket(struct ulog_instance *inst, struct ulog_err *err)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	struct ulog_err e;
	int rc;

	p->buflen = (size_t)c->bufsize;
	p->buf = malloc(p->buflen);
	if (!p->buf)
		return ulog_errf(err, -ENOMEM, "%s: NFLOG: bufsize=%d: out of memory", inst->id,
				 c->bufsize);
	ulog_err_clear(&e);
	rc = nflog_sock_open(&p->sk, c->unix_socket, p->buf, p->buflen, &e);
	if (rc < 0)
		return ulog_errf(err, rc, "%s: NFLOG: %s", inst->id, e.msg);
	p->sk.on_pkt = early_packet;
	p->sk.arg = inst;
	p->open = true;
	if (c->nl_bufsize) {
		rc = nflog_sock_set_rcvbuf(&p->sk, c->nl_bufsize);
		if (rc < 0)
			return ulog_errf(err, rc, "%s: NFLOG: netlink_socket_buffer_size=%d: %s",
					 inst->id, c->nl_bufsize, strerror(-rc));
		p->rcvbuf = c->nl_bufsize;
		ulog_log(ULOG_NOTICE, "%s: NFLOG netlink buffer size has been set to %d",
			 inst->id, c->nl_bufsize);
	}
	return 0;
}

/* ---- plugin callbacks ---- */

static int nflog_start(struct ulog_instance *inst, struct ulog_err *err)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	int rc;

	memset(p, 0, sizeof(*p));
	rc = open_socket(inst, err);
	if (rc == 0)
		rc = config_kernel(inst, err);
	if (rc == 0) {
		rc = ulog_loop_add_fd(inst->loop, p->sk.fd, EPOLLIN, nflog_read_cb, inst);
		if (rc < 0)
			ulog_errf(err, rc, "%s: NFLOG: cannot watch the socket: %s", inst->id,
				  strerror(-rc));
	}
	if (rc < 0)
		close_socket(p);
	return rc;
}

static void nflog_stop(struct ulog_instance *inst)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	if (!p->open)
		return;
	ulog_loop_del_fd(inst->loop, p->sk.fd);
	nflog_sock_cmd(&p->sk, AF_UNSPEC, (uint16_t)conf_of(inst)->group, NFULNL_CFG_CMD_UNBIND);
	close_socket(p);
}

static void nflog_signal(struct ulog_instance *inst, int signo)
{
	struct nflog_stats st_, *st = &st_;

	if (signo != SIGUSR1)
		return;
	nflog_get_stats(inst, st);
	ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: packets=%" PRIu64 " lost=%" PRIu64
		 " gaps=%" PRIu64 " seq_back=%" PRIu64 " enobufs=%" PRIu64 " errors=%" PRIu64,
		 inst->id, conf_of(inst)->group, st->packets, st->lost, st->gaps, st->seq_back,
		 st->enobufs, st->errors);
}

const struct ulog_plugin ulog_plugin_NFLOG = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "NFLOG",
	.kind = ULOG_PLUGIN_INPUT,
	.help = "packets logged by the kernel's NFLOG target (nfnetlink_log)",
	.out_keys = nflog_keys,
	.n_out = NFLOG_KEY_N,
	.options = nflog_options,
	.n_options = ULOG_ARRAY_SIZE(nflog_options),
	.conf_size = sizeof(struct nflog_conf),
	.priv_size = sizeof(struct nflog_priv),
	.start = nflog_start,
	.stop = nflog_stop,
	.signal = nflog_signal,
};
ULOG_PLUGIN(NFLOG)
