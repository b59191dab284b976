/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hook points in priority order and the receive/send paths of a packet through them. */
#include <linux/if_packet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "helper.h"
#include "hooks.h"

#define T(prio, name) { prio, HOOK_OP_TABLE, name }

static const struct hook_op pre_ops[] = {
	T(HOOK_PRI_RAW, "raw"),
	{ HOOK_PRI_CONNTRACK, HOOK_OP_CT_IN, NULL },
	T(HOOK_PRI_MANGLE, "mangle"),
	{ HOOK_PRI_NAT_DST, HOOK_OP_NAT, "nat" },
};
static const struct hook_op in_ops[] = {
	T(HOOK_PRI_MANGLE, "mangle"),
	T(HOOK_PRI_FILTER, "filter"),
	T(HOOK_PRI_SECURITY, "security"),
	{ HOOK_PRI_NAT_SRC, HOOK_OP_NAT, "nat" },
	{ HOOK_PRI_CONNTRACK_HELPER, HOOK_OP_CT_HELPER, NULL },
	{ HOOK_PRI_CONNTRACK_CONFIRM, HOOK_OP_CT_CONFIRM, NULL },
};
static const struct hook_op fwd_ops[] = {
	T(HOOK_PRI_MANGLE, "mangle"),
	T(HOOK_PRI_FILTER, "filter"),
	T(HOOK_PRI_SECURITY, "security"),
};
static const struct hook_op out_ops[] = {
	T(HOOK_PRI_RAW, "raw"),
	{ HOOK_PRI_CONNTRACK, HOOK_OP_CT_IN, NULL },
	T(HOOK_PRI_MANGLE, "mangle"),
	{ HOOK_PRI_NAT_DST, HOOK_OP_NAT, "nat" },
	T(HOOK_PRI_FILTER, "filter"),
	T(HOOK_PRI_SECURITY, "security"),
};
static const struct hook_op post_ops[] = {
	T(HOOK_PRI_MANGLE, "mangle"),
	{ HOOK_PRI_NAT_SRC, HOOK_OP_NAT, "nat" },
	{ HOOK_PRI_CONNTRACK_HELPER, HOOK_OP_CT_HELPER, NULL },
	{ HOOK_PRI_CONNTRACK_CONFIRM, HOOK_OP_CT_CONFIRM, NULL },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct hook_op *hooks_ops(enum filter_hook hook, unsigned *n)
{
	switch (hook) {
	case FILTER_PRE_ROUTING:
		*n = N(pre_ops);
		return pre_ops;
	case FILTER_LOCAL_IN:
		*n = N(in_ops);
		return in_ops;
	case FILTER_FORWARD:
		*n = N(fwd_ops);
		return fwd_ops;
	case FILTER_LOCAL_OUT:
		*n = N(out_ops);
		return out_ops;
	case FILTER_POST_ROUTING:
		*n = N(post_ops);
		return post_ops;
	case FILTER_NHOOKS:
		break;
	}
	*n = 0;
	return NULL;
}

/* The tables' reports on their way to h->emit: REJECT is noted for its answer. */
static void tap_emit(void *arg, const char *kind, const void *ext_priv, const struct pkt_view *pv,
		     const struct filter_meta *m)
{
	struct hooks *h = arg;

	if (kind[0] == 'R' && !strcmp(kind, "REJECT"))
		h->rejecting = true;
	if (h->emit && h->emit->emit)
		h->emit->emit(h->emit->arg, kind, ext_priv, pv, m);
}

/* A target's write access to the packet (struct filter_pkt_writer): on
 * the first write the bytes move to h->wbuf, with room to grow. */
struct writer_arg {
	struct hooks *h;
	struct pktbuf *b;
};

static uint8_t *wr_writable(void *arg, uint32_t extra)
{
	struct writer_arg *w = arg;
	struct pktbuf *b = w->b;

	if ((uint64_t)b->len + extra > sizeof(w->h->wbuf))
		return NULL;
	if (b->data != w->h->wbuf) {
		memcpy(w->h->wbuf, b->data, b->len);
		b->data = w->h->wbuf;
		pkt_parse(&b->pv, b->data, b->len, b->family);
	}
	return w->h->wbuf;
}

static void wr_resized(void *arg, uint32_t len)
{
	struct writer_arg *w = arg;

	w->b->len = len;
	pkt_parse(&w->b->pv, w->b->data, len, w->b->family);
}

static enum filter_verdict run_table(struct hooks *h, enum filter_hook hook, const char *table,
				     struct pktbuf *b)
{
	struct writer_arg wa = { h, b };
	const struct filter_pkt_writer wr = { wr_writable, wr_resized, &wa };
	struct filter_pkt p;
	enum filter_verdict v;

	if (!h->table)
		return FILTER_ACCEPT;
	if (h->ct && b->ct_done)
		pktbuf_ct_to_meta(b, h->ct, b->meta.tstamp_ns);
	memset(&p, 0, sizeof(p));
	p.pv = &b->pv;
	p.meta = &b->meta;
	p.hook = hook;
	p.table = table;
	p.now_ns = b->meta.tstamp_ns;
	p.host = h->facts;
	h->tap.emit = tap_emit;
	h->tap.arg = h;
	p.out = &h->tap;
	p.wr = &wr;
	v = h->table(h->table_arg, b->family, table, &p);
	if (p.hotdrop) {
		v = FILTER_DROP;
		h->st.hotdrop++;
	}
	pktbuf_meta_to_ct(b);
	return v;
}

/* The conntrack hook: NOTRACK/CT --zone from raw decide how the packet is looked up; an SCTP packet with a bad CRC arriving is INVALID. */
static enum filter_verdict run_ct_in(struct hooks *h, enum filter_hook hook, struct pktbuf *b)
{
	if (!h->ct || b->ct_done)
		return FILTER_ACCEPT;
	b->ct_done = true;
	if (b->meta.notrack) {
		ct_set_untracked(&b->ct);
		return FILTER_ACCEPT;
	}
	/* a bad SCTP CRC on arrival: INVALID, no lookup (sctp_error) */
	if (hook == FILTER_PRE_ROUTING && b->pv.l4proto == IPPROTO_SCTP && !hooks_sctp_csum_ok(&b->pv))
		return FILTER_ACCEPT;
	if (ct_in(h->ct, &b->pv, b->meta.ct_zone, b->meta.tstamp_ns, &b->ct) == -ENOMEM) {
		h->st.ct_full++;
		return FILTER_DROP;
	}
	ct_helper_in(h->ct, &b->ct, b->meta.ct_helper, b->meta.tstamp_ns);
	return FILTER_ACCEPT;
}

/* The nat status bit of @hook's manipulation: destination before routing, source after. */
static uint32_t nat_done_bit(enum filter_hook hook)
{
	return hook == FILTER_PRE_ROUTING || hook == FILTER_LOCAL_OUT ? CT_S_DST_NAT_DONE
								     : CT_S_SRC_NAT_DONE;
}

/* nat chains see a connection once per manipulation (nf_nat_inet_fn): its
 * first packet, or a non-ICMP RELATED one; RELATED ICMP errors are
 * translated with their flow and never looked up. */
static bool nat_lookup_due(const struct pktbuf *b, enum filter_hook hook)
{
	bool related = b->ct.ctinfo == CT_RELATED || b->ct.ctinfo == CT_RELATED_REPLY;

	if (!b->ct.ct || (b->ct.ct->status & nat_done_bit(hook)))
		return false;
	if (related)
		return b->pv.l4proto != (b->family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
	return b->ct.ctinfo == CT_NEW;
}

static enum filter_verdict run_nat(struct hooks *h, enum filter_hook hook, const char *table,
				   struct pktbuf *b)
{
	enum filter_verdict v;

	if (!nat_lookup_due(b, hook))
		return FILTER_ACCEPT;
	v = run_table(h, hook, table, b);
	if (b->ct.ct)
		b->ct.ct->status |= nat_done_bit(hook);     /* bound (null binding if no rule) */
	return v;
}

static enum filter_verdict run_op(struct hooks *h, enum filter_hook hook, const struct hook_op *op,
				  struct pktbuf *b)
{
	switch (op->kind) {
	case HOOK_OP_TABLE:
		return run_table(h, hook, op->table, b);
	case HOOK_OP_NAT:
		return run_nat(h, hook, op->table, b);
	case HOOK_OP_CT_IN:
		return run_ct_in(h, hook, b);
	case HOOK_OP_CT_HELPER:
		return h->ct && ct_helper_hook(h->ct, &b->ct, &b->pv, b->meta.tstamp_ns) ? FILTER_DROP
											 : FILTER_ACCEPT;
	case HOOK_OP_CT_CONFIRM:
		if (h->ct && ct_confirm(h->ct, &b->ct, b->meta.tstamp_ns))
			return FILTER_DROP;
		return FILTER_ACCEPT;
	}
	return FILTER_ACCEPT;
}

void hooks_drop(struct hooks *h, struct pktbuf *b)
{
	if (h->ct)
		ct_abort(h->ct, &b->ct);
}

/* REJECT refused @b: remember its tuple and direction (and a new
 * connection, detached) for the answer the host sends next. */
static void note_reject(struct hooks *h, const struct pktbuf *b)
{
	const struct ct_entry *ct = b->ct.ct;

	h->has_rejected = false;
	if (!h->ct || !ct || ct == &h->dropped ||
	    !ct_tuple_from_pkt(&b->pv, ct->tuple[CT_DIR_ORIGINAL].zone, &h->rejected))
		return;
	h->rejected_new = ct->in_use == 1;           /* unconfirmed: goes with the drop */
	if (h->rejected_new) {
		h->dropped = *ct;
		h->dropped.in_use = 0;               /* detached: neither hashed nor pooled */
	}
	h->rejected_reply = b->ct.ctinfo == CT_ESTABLISHED_REPLY ||
			    b->ct.ctinfo == CT_RELATED_REPLY;
	h->has_rejected = true;
}

static bool icmp_error(const struct pkt_view *pv)
{
	uint8_t t = pv->data[pv->l4_off];

	if (pv->l4proto == IPPROTO_ICMPV6)
		return t < 128;
	return pv->l4proto == IPPROTO_ICMP && (t == 3 || t == 4 || t == 5 || t == 11 || t == 12);
}

/* True if @pv is a TCP reset from @rej's destination to its source, or an
 * ICMP error to @rej's source quoting a packet of tuple @rej. */
static bool answers(const struct ct_tuple *rej, const struct pkt_view *pv)
{
	const uint8_t *dst = pv->data + (pv->family == AF_INET6 ? 24 : 16);
	struct ct_tuple tp, inv;
	struct pkt_view ipv;

	if (!pv->l4_ok || pv->family != rej->family)
		return false;
	if (pv->l4proto == IPPROTO_TCP)
		return rej->proto == IPPROTO_TCP && (pv->data[pv->l4_off + 13] & 0x04) &&
		       ct_tuple_from_pkt(pv, rej->zone, &tp) && ct_tuple_invert(rej, &inv) &&
		       ct_tuple_eq(&tp, &inv);
	if (!icmp_error(pv) || memcmp(dst, rej->src, pv->family == AF_INET6 ? 16 : 4) ||
	    pv->l4_len <= 8 ||
	    pkt_parse(&ipv, pv->data + pv->l4_off + 8, pv->l4_len - 8, pv->family) < 0)
		return false;
	return ct_tuple_from_pkt(&ipv, rej->zone, &tp) && ct_tuple_eq(&tp, rej);
}

bool hooks_attach_dropped(struct hooks *h, struct pktbuf *b)
{
	struct ct_entry *ct;

	if (!h->ct || !h->has_rejected)
		return false;
	h->has_rejected = false;                     /* only the next packet can answer */
	if (!answers(&h->rejected, &b->pv))
		return false;
	ct = h->rejected_new ? &h->dropped : ct_lookup(h->ct, &h->rejected, b->meta.tstamp_ns, NULL);
	if (!ct)
		return false;
	b->ct.ct = ct;
	b->ct.ctinfo = h->rejected_reply ? CT_RELATED : CT_RELATED_REPLY;
	b->ct_done = true;
	return true;
}

static void count(struct hooks *h, enum filter_verdict v)
{
	switch (v) {
	case FILTER_ACCEPT:
		h->st.accepted++;
		break;
	case FILTER_DROP:
		h->st.dropped++;
		break;
	case FILTER_QUEUE:
		h->st.queued++;
		break;
	case FILTER_STOLEN:
		h->st.stolen++;
		break;
	case FILTER_CONTINUE:
	case FILTER_RETURN:
		break;
	}
}

enum filter_verdict hooks_run(struct hooks *h, enum filter_hook hook, struct pktbuf *b)
{
	const struct hook_op *ops;
	unsigned i, n;
	enum filter_verdict v = FILTER_ACCEPT;

	ops = hooks_ops(hook, &n);
	h->st.pkts[hook]++;
	h->rejecting = false;
	for (i = 0; i < n && v == FILTER_ACCEPT; i++) {
		v = run_op(h, hook, &ops[i], b);
		if (v == FILTER_CONTINUE || v == FILTER_RETURN)
			v = FILTER_ACCEPT;
	}
	if (v == FILTER_DROP && !h->clone) {
		if (h->rejecting)
			note_reject(h, b);
		hooks_drop(h, b);
	}
	return v;
}

static const uint8_t *dst_addr(const struct pktbuf *b)
{
	return b->data + (b->family == AF_INET6 ? 24 : 16);
}

static const uint8_t *src_addr(const struct pktbuf *b)
{
	return b->data + (b->family == AF_INET6 ? 8 : 12);
}

/* What ip6_rcv_core drops before any hook (RFC 4291 2.5.3, 2.7): ::1 as
 * source or destination on a device other than lo, a multicast source, a
 * multicast destination of the reserved scope 0, or of scope 1
 * (interface-local) arriving from another node. */
static bool v6_rcv_refused(const struct pktbuf *b)
{
	static const uint8_t lo6[16] = { [15] = 1 };
	const uint8_t *s = b->data + 8, *d = b->data + 24;

	if (b->family != AF_INET6)
		return false;
	if (s[0] == 0xff)
		return true;
	if ((!memcmp(s, lo6, 16) || !memcmp(d, lo6, 16)) && strcmp(b->meta.in, "lo"))
		return true;
	return d[0] == 0xff && ((d[1] & 0x0f) == 0 || ((d[1] & 0x0f) == 1 && strcmp(b->meta.in, "lo")));
}

/* What ip_forward / ip6_forward drop before the FORWARD hook: a frame not
 * addressed to the host's MAC (broadcast, multicast, another host's), a TTL or
 * hop limit that forwarding would take to 0 (the kernel answers with Time
 * Exceeded, a packet of its own in the capture), and for IPv6 an unspecified,
 * multicast, loopback or link-local source leaving by another interface than it
 * came in (where it would leave by the same one the kernel sends a redirect
 * instead). */
static bool forward_refused(const struct pktbuf *b, const char *out)
{
	const uint8_t *s = b->data + 8;

	if (b->meta.pkttype != PACKET_HOST || b->data[b->family == AF_INET6 ? 7 : 8] <= 1)
		return true;
	if (b->family != AF_INET6 || !strcmp(out, b->meta.in))
		return false;
	return s[0] == 0xff || (s[0] == 0xfe && (s[1] & 0xc0) == 0x80) ||
	       (!memcmp(s, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 15) && s[15] <= 1);
}

enum filter_verdict hooks_receive(struct hooks *h, struct pktbuf *b)
{
	enum filter_verdict v;
	enum host_input where = HOST_IN_LOCAL;
	char out[IFNAMSIZ];

	if (v6_rcv_refused(b)) {
		h->st.route_drop++;
		count(h, FILTER_DROP);
		return FILTER_DROP;
	}
	v = hooks_run(h, FILTER_PRE_ROUTING, b);
	if (v != FILTER_ACCEPT) {
		count(h, v);
		return v;
	}
	if (h->host) {
		const struct host_flow fl = { .src = src_addr(b),
					      .iif = b->meta.in, .mark = b->meta.mark };

		where = host_route_input_flow(h->host, b->family, dst_addr(b), &fl, out);
	}
	if (where == HOST_IN_FORWARD && forward_refused(b, out))
		where = HOST_IN_DROP;
	if (where == HOST_IN_DROP) {
		hooks_drop(h, b);
		h->st.route_drop++;
		count(h, FILTER_DROP);
		return FILTER_DROP;
	}
	if (where == HOST_IN_LOCAL) {
		memset(b->meta.out, 0, IFNAMSIZ);
		v = hooks_run(h, FILTER_LOCAL_IN, b);
	} else {
		memcpy(b->meta.out, out, IFNAMSIZ);
		v = hooks_run(h, FILTER_FORWARD, b);
		if (v == FILTER_ACCEPT) {
			memset(b->meta.in, 0, IFNAMSIZ);
			v = hooks_run(h, FILTER_POST_ROUTING, b);
		}
	}
	count(h, v);
	return v;
}

/* An IPv4 broadcast, or a multicast to a group the host has joined, sent
 * out a device other than lo: the kernel loops a copy back (ip_mc_output). */
static bool loops_back(const struct hooks *h, const struct pktbuf *b)
{
	const uint8_t *d = dst_addr(b);
	char out[IFNAMSIZ];

	if (!h->host || b->family != AF_INET || !strcmp(b->meta.out, "lo"))
		return false;
	if (!((d[0] & 0xf0) == 0xe0 || (host_addr_type(h->host, AF_INET, d, NULL) &
					  (1u << HOST_RTN_BROADCAST))))
		return false;
	return host_route_input(h->host, AF_INET, d, out) == HOST_IN_LOCAL;
}

/* The looped copy (a clone: the same conntrack entry and ctinfo, no new
 * lookup): POSTROUTING, then PREROUTING and INPUT arriving on the out
 * device. Its drop leaves the entry to the original. */
static void loop_copy(struct hooks *h, struct pktbuf *b)
{
	struct pktbuf c = *b;
	enum filter_verdict v;

	h->clone = true;
	v = hooks_run(h, FILTER_POST_ROUTING, &c);
	if (v == FILTER_ACCEPT) {
		c.meta.pkttype = PACKET_LOOPBACK;   /* dev_loopback_xmit */
		memcpy(c.meta.in, c.meta.out, IFNAMSIZ);
		memset(c.meta.out, 0, IFNAMSIZ);
		v = hooks_run(h, FILTER_PRE_ROUTING, &c);
	}
	if (v == FILTER_ACCEPT)
		v = hooks_run(h, FILTER_LOCAL_IN, &c);
	h->clone = false;
	count(h, v);
}

enum filter_verdict hooks_send(struct hooks *h, struct pktbuf *b)
{
	enum filter_verdict v;

	memset(b->meta.in, 0, IFNAMSIZ);
	if (!b->meta.out[0] && h->host &&
	    host_route_output_flow(h->host, b->family, dst_addr(b),
				   src_addr(b), b->meta.mark,
				   b->meta.out) < 0) {
		h->st.route_drop++;
		count(h, FILTER_DROP);
		return FILTER_DROP;
	}
	v = hooks_run(h, FILTER_LOCAL_OUT, b);
	if (v == FILTER_ACCEPT && loops_back(h, b))
		loop_copy(h, b);
	if (v == FILTER_ACCEPT)
		v = hooks_run(h, FILTER_POST_ROUTING, b);
	count(h, v);
	return v;
}
