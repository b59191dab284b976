/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The conntrack hook: error checks, lookup or new entry, the protocol tracker, ctinfo (nf_conntrack_in). */
#include <errno.h>
#include <netinet/in.h>

#include "ct_priv.h"

static void set_invalid(struct ct_table *t, struct ct_ref *ref)
{
	t->st.invalid++;
	ref->ct = NULL;
	ref->ctinfo = CT_INVALID;
}

void ct_set_untracked(struct ct_ref *ref)
{
	ref->ct = NULL;
	ref->ctinfo = CT_UNTRACKED;
}

/* Header checks the kernel's l4proto error() callbacks make before lookup. */
static bool proto_error(const struct pkt_view *pv)
{
	switch (pv->l4proto) {
	case IPPROTO_TCP:
		return ct_tcp_error(pv);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return ct_udp_error(pv);
	default:
		return false;
	}
}

/* Protocol state for a new entry; false if this packet may not create one. */
static bool proto_new(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
		      uint64_t now)
{
	switch (ct->tuple[0].proto) {
	case IPPROTO_TCP:
		return ct_tcp_new(t, ct, pv);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		ct_udp_new(ct, now);
		return true;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return ct_icmp_new(ct);
	case IPPROTO_SCTP:
		return ct_sctp_new(ct, pv);
	default:
		return true;
	}
}

static enum ct_verdict proto_packet(struct ct_table *t, struct ct_entry *ct,
				    const struct pkt_view *pv, enum ct_dir dir, uint64_t now)
{
	switch (ct->tuple[0].proto) {
	case IPPROTO_TCP:
		return ct_tcp_packet(t, ct, pv, dir, now);
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return ct_udp_packet(t, ct, pv, dir, now);
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return ct_icmp_packet(t, ct, pv, dir, now);
	case IPPROTO_SCTP:
		return ct_sctp_packet(t, ct, pv, dir, now);
	case IPPROTO_GRE:
		return ct_gre_packet(t, ct, pv, dir, now);
	default:
		return ct_generic_packet(t, ct, pv, dir, now);
	}
}

/* ctinfo of a packet in direction @dir of an existing entry (resolve_normal_ct). */
static uint8_t existing_ctinfo(const struct ct_entry *ct, enum ct_dir dir)
{
	if (dir == CT_DIR_REPLY)
		return CT_ESTABLISHED_REPLY;
	if (ct->status & CT_S_SEEN_REPLY)
		return CT_ESTABLISHED;
	if (ct->status & CT_S_EXPECTED)
		return CT_RELATED;
	return CT_NEW;
}

/* Finds or creates the entry of @tp. Returns 0 (ref->ct NULL if none may
 * be made) or -ENOMEM (table full). */
static int resolve(struct ct_table *t, const struct pkt_view *pv, const struct ct_tuple *tp,
		   uint64_t now, struct ct_ref *ref, enum ct_dir *dir)
{
	struct ct_tuple rt;
	struct ct_entry *ct = ct_lookup(t, tp, now, dir);

	if (ct) {
		t->st.found++;
		ref->ct = ct;
		ref->ctinfo = existing_ctinfo(ct, *dir);
		return 0;
	}
	if (!ct_tuple_invert(tp, &rt))
		return 0;
	ct = ct_alloc(t, tp, &rt, now);
	if (!ct)
		return -ENOMEM;
	if (!proto_new(t, ct, pv, now)) {
		ref->ct = ct;
		ct_abort(t, ref);
		return 0;
	}
	t->st.new_++;
	*dir = CT_DIR_ORIGINAL;
	ref->ct = ct;
	ref->ctinfo = CT_NEW;
	return 0;
}

int ct_in(struct ct_table *t, const struct pkt_view *pv, uint16_t zone, uint64_t now_ns,
	  struct ct_ref *ref)
{
	struct ct_tuple tp;
	enum ct_dir dir = CT_DIR_ORIGINAL;
	unsigned tries;
	int rc;

	ref->ct = NULL;
	ref->ctinfo = CT_INVALID;
	if (!pv->l3_ok || proto_error(pv)) {
		set_invalid(t, ref);
		return 0;
	}
	if ((pv->l4proto == IPPROTO_ICMP || pv->l4proto == IPPROTO_ICMPV6) &&
	    ct_icmp_error(t, pv, zone, now_ns, ref))
		return 0;
	if (!ct_tuple_from_pkt(pv, zone, &tp)) {
		set_invalid(t, ref);
		return 0;
	}
	for (tries = 0; tries < 2; tries++) {
		rc = resolve(t, pv, &tp, now_ns, ref, &dir);
		if (rc || !ref->ct) {
			set_invalid(t, ref);
			return rc;
		}
		switch (proto_packet(t, ref->ct, pv, dir, now_ns)) {
		case CT_V_ACCEPT:
			if (dir == CT_DIR_REPLY && !(ref->ct->status & CT_S_SEEN_REPLY)) {
				ref->ct->status |= CT_S_SEEN_REPLY;
				if (t->ev)
					t->ev(t->ev_arg, CT_EV_UPDATE, ref->ct);
			}
			return 0;
		case CT_V_INVALID:
			ct_abort(t, ref);
			set_invalid(t, ref);
			return 0;
		case CT_V_REPEAT:
			ref->ct = NULL;
			continue;
		}
	}
	set_invalid(t, ref);
	return 0;
}
