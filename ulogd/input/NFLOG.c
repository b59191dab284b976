/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NFLOG input: an nfnetlink_log socket of its own (libmnl, or nfcore's unix socket), parsed with libnetfilter_log. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "../../lib/nfula.h"
#include "../loop.h"
#include "nflog.h"
#include "nflog_keys.h"

#define NFLOG_RECV_BUDGET 64    /* recv calls per wake-up; the loop comes back if more */
#define NFLOG_ACK_WAIT_MS 3000

/* At most one line per second per kind; the rest are counted and summed up. */
struct nflog_ratelimit {
	time_t last;
	uint64_t suppressed;
};

struct nflog_priv {
	struct mnl_socket *nl;
	int fd;
	uint8_t *buf;
	size_t buflen;
	uint32_t cfg_seq;
	int rcvbuf;                 /* current SO_RCVBUF request, 0 = kernel default */
	uint32_t seq_next;          /* next expected NFULA_SEQ */
	struct nflog_stats st;
	struct nflog_ratelimit rl_gap, rl_enobufs, rl_err;
	bool overrun_at_max;
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

/* True if a line of this kind may be logged now; counts the ones that may not. */
static bool ratelimit_ok(struct nflog_ratelimit *rl)
{
	time_t now = time(NULL);

	if (now == rl->last) {
		rl->suppressed++;
		return false;
	}
	rl->last = now;
	return true;
}

/* ---- parsing ---- */

static void track_seq(struct ulog_instance *inst, uint32_t seq)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	uint32_t d = seq - p->seq_next;

	if (d && d < 0x80000000u) {
		p->st.lost += d;
		p->st.gaps++;
		if (ratelimit_ok(&p->rl_gap))
			ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: %" PRIu32 " messages lost "
				 "(sequence %" PRIu32 " after %" PRIu32 "); %" PRIu64 " lost in all, "
				 "%" PRIu64 " gap reports suppressed", inst->id, conf_of(inst)->group,
				 d, seq, p->seq_next - 1, p->st.lost, p->rl_gap.suppressed);
	} else if (d) {
		p->st.seq_back++;
		ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: sequence went back from %" PRIu32
			 " to %" PRIu32 "; following the new sequence", inst->id,
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
	if (ratelimit_ok(&p->rl_err))
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
	*st = ULOG_PRIV(inst, struct nflog_priv)->st;
}

/* ---- socket ---- */

/* Sets the receive buffer to @size bytes as written, past rmem_max if allowed. */
static int set_rcvbuf(int fd, int size)
{
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) == 0)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size)) == 0)
		return 0;
	return -errno;
}

/* Waits for the ack of request @seq. Packets that arrive first go to the stacks
 * (they are started before inputs and stopped after them). */
static int wait_ack(struct ulog_instance *inst, uint32_t seq)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };

	for (;;) {
		const struct nlmsghdr *nlh = (const void *)p->buf;
		struct timespec now;
		ssize_t n;
		int left;

		if (poll(&pfd, 1, NFLOG_ACK_WAIT_MS) == 0)
			return -ETIMEDOUT;
		n = recv(p->fd, p->buf, p->buflen, 0);
		if (n < 0 && errno == ENOBUFS)
			p->st.enobufs++;
		if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == ENOBUFS))
			continue;
		if (n < 0)
			return -errno;
		clock_gettime(CLOCK_REALTIME, &now);
		for (left = (int)n; nfula_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			if (nlh->nlmsg_type == NLMSG_ERROR && nlh->nlmsg_seq == seq) {
				const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

				return nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e) ? -EPROTO : e->error;
			}
			if (nlh->nlmsg_type == NFULA_MSG_PACKET)
				nflog_handle_buf(inst, nlh, nlh->nlmsg_len, &now);
		}
	}
}

/* Sends a config request and returns the kernel's answer (0 or -errno). */
static int cfg_send(struct ulog_instance *inst, struct nlmsghdr *nlh)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	if (send(p->fd, nlh, nlh->nlmsg_len, 0) < 0)
		return -errno;
	return wait_ack(inst, nlh->nlmsg_seq);
}

static int cfg_cmd(struct ulog_instance *inst, uint8_t family, uint16_t group, uint8_t cmd)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = nfula_cfg_msg(buf, family, group, ++p->cfg_seq);

	nflog_attr_put_cfg_cmd(nlh, cmd);
	return cfg_send(inst, nlh);
}

/* Group 0 or bind=1: ulogd2's "system logging" bind of IPv4, IPv6 and bridge. */
static int bind_families(struct ulog_instance *inst, struct ulog_err *err)
{
	static const uint8_t pfs[] = { AF_INET, AF_INET6, AF_BRIDGE };
	unsigned i;
	int rc;

	for (i = 0; i < ULOG_ARRAY_SIZE(pfs); i++) {
		if (conf_of(inst)->unbind) {
			rc = cfg_cmd(inst, pfs[i], 0, NFULNL_CFG_CMD_PF_UNBIND);
			if (rc < 0)
				return ulog_errf(err, rc, "%s: NFLOG: cannot unbind the log handler "
						 "of family %u: %s", inst->id, pfs[i], strerror(-rc));
		}
		rc = cfg_cmd(inst, pfs[i], 0, NFULNL_CFG_CMD_PF_BIND);
		if (rc < 0)
			return ulog_errf(err, rc, "%s: NFLOG: cannot bind family %u: %s",
					 inst->id, pfs[i], strerror(-rc));
	}
	return 0;
}

static uint16_t cfg_flags(const struct nflog_conf *c, bool with_ct)
{
	uint16_t f = 0;

	if (c->seq_local)
		f |= NFULNL_CFG_F_SEQ;
	if (c->seq_global)
		f |= NFULNL_CFG_F_SEQ_GLOBAL;
	if (c->attach_conntrack && with_ct)
		f |= NFULNL_CFG_F_CONNTRACK;
	return f;
}

/* Binds the group with mode, queue settings and flags in one request, so
 * that it is applied whole or not at all. */
static int bind_group(struct ulog_instance *inst, bool with_ct)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = nfula_cfg_msg(buf, AF_UNSPEC, (uint16_t)c->group, ++p->cfg_seq);

	nflog_attr_put_cfg_cmd(nlh, NFULNL_CFG_CMD_BIND);
	nflog_attr_put_cfg_mode(nlh, NFULNL_COPY_PACKET, 0xffff);
	if (c->qthreshold)
		mnl_attr_put_u32(nlh, NFULA_CFG_QTHRESH, htonl((uint32_t)c->qthreshold));
	if (c->qthreshold > 1) {
		/* room for a whole batch in one message (the kernel caps it at 128 KiB) */
		mnl_attr_put_u32(nlh, NFULA_CFG_NLBUFSIZ, htonl((uint32_t)c->bufsize));
	}
	if (c->qtimeout)
		mnl_attr_put_u32(nlh, NFULA_CFG_TIMEOUT, htonl((uint32_t)c->qtimeout));
	mnl_attr_put_u16(nlh, NFULA_CFG_FLAGS, htons(cfg_flags(c, with_ct)));
	return cfg_send(inst, nlh);
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
		int want = p->rcvbuf;
		socklen_t sl = sizeof(want);

		/* the kernel reports twice what was asked for */
		if (!want && getsockopt(p->fd, SOL_SOCKET, SO_RCVBUF, &want, &sl) == 0)
			want /= 2;
		if (want <= 0)
			want = 4096;

		want = want > c->nl_bufmaxsize / 2 ? c->nl_bufmaxsize : want * 2;
		if (set_rcvbuf(p->fd, want) == 0) {
			p->rcvbuf = want;
			ulog_log(ULOG_NOTICE, "%s: NFLOG group %d: losing messages, socket buffer "
				 "raised to %d bytes", inst->id, c->group, want);
			return;
		}
	}
	if (ratelimit_ok(&p->rl_enobufs))
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
			if (errno != EAGAIN && ratelimit_ok(&p->rl_err))
				ulog_log(ULOG_ERROR, "%s: NFLOG: recv: %s", inst->id, strerror(errno));
			return;
		}
		if ((size_t)n > p->buflen) {
			p->st.errors++;
			if (ratelimit_ok(&p->rl_err))
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
	if (p->nl)
		mnl_socket_close(p->nl);
	else if (p->fd >= 0)
		close(p->fd);
	p->nl = NULL;
	p->fd = -1;
	free(p->buf);
	p->buf = NULL;
}

/* The kernel: a netlink socket with a port id of its own. */
static int open_netlink(struct ulog_instance *inst, struct ulog_err *err)
{
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);

	p->nl = mnl_socket_open2(NETLINK_NETFILTER, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (!p->nl)
		return ulog_errf(err, -errno, "%s: NFLOG: cannot open netlink socket: %s",
				 inst->id, strerror(errno));
	p->fd = mnl_socket_get_fd(p->nl);
	if (mnl_socket_bind(p->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return ulog_errf(err, -errno, "%s: NFLOG: cannot bind netlink socket: %s",
				 inst->id, strerror(errno));
	return 0;
}

/* nfcore: a SOCK_SEQPACKET unix socket carrying the same netlink messages. */
static int open_unix(struct ulog_instance *inst, struct ulog_err *err)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	snprintf(a.sun_path, sizeof(a.sun_path), "%s", c->unix_socket);
	p->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (p->fd < 0 || connect(p->fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return ulog_errf(err, -errno, "%s: NFLOG: cannot connect to %s: %s", inst->id,
				 c->unix_socket, strerror(errno));
	return 0;
}

static int open_socket(struct ulog_instance *inst, struct ulog_err *err)
{
	const struct nflog_conf *c = conf_of(inst);
	struct nflog_priv *p = ULOG_PRIV(inst, struct nflog_priv);
	int rc;

	p->buflen = (size_t)c->bufsize;
	p->buf = malloc(p->buflen);
	if (!p->buf)
		return ulog_errf(err, -ENOMEM, "%s: NFLOG: bufsize=%d: out of memory", inst->id,
				 c->bufsize);
	rc = c->unix_socket[0] ? open_unix(inst, err) : open_netlink(inst, err);
	if (rc < 0)
		return rc;
	if (c->nl_bufsize) {
		rc = set_rcvbuf(p->fd, c->nl_bufsize);
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
	p->fd = -1;
	rc = open_socket(inst, err);
	if (rc == 0)
		rc = config_kernel(inst, err);
	if (rc == 0) {
		rc = ulog_loop_add_fd(inst->loop, p->fd, EPOLLIN, nflog_read_cb, inst);
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

	if (p->fd < 0 || !p->buf)
		return;
	ulog_loop_del_fd(inst->loop, p->fd);
	cfg_cmd(inst, AF_UNSPEC, (uint16_t)conf_of(inst)->group, NFULNL_CFG_CMD_UNBIND);
	close_socket(p);
}

static void nflog_signal(struct ulog_instance *inst, int signo)
{
	const struct nflog_stats *st = &ULOG_PRIV(inst, struct nflog_priv)->st;

	if (signo != SIGUSR1)
		return;
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
