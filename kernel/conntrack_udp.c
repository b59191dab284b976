/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The UDP, UDP-Lite, GRE and generic trackers: unreplied/replied timeouts, ASSURED for streams. */
#include <netinet/in.h>

#include "ct_priv.h"

#define UDP_STREAM_NS (2 * CT_NS_PER_S)   /* "still active after two seconds" */

/* A stream seen both ways is ASSURED once; a confirmed entry reports the change. */
static void assure(struct ct_table *t, struct ct_entry *ct)
{
	if (ct->status & CT_S_ASSURED)
		return;
	ct->status |= CT_S_ASSURED;
	if (t->ev && ct->in_use == 2)
		t->ev(t->ev_arg, CT_EV_UPDATE, ct);
}

bool ct_udp_error(const struct pkt_view *pv)
{
	const uint8_t *uh;
	uint32_t ulen, have;

	if (!pv->l4_ok)
		return true;
	uh = pv->data + pv->l4_off;
	ulen = (uint32_t)(uh[4] << 8 | uh[5]);
	have = ct_pkt_len(pv) - pv->l4_off;
	if (pv->l4proto == IPPROTO_UDPLITE)
		/* UDP-Lite: the field is the checksum coverage; 0 = whole packet */
		return ulen != 0 && (ulen < 8 || ulen > have);
	return ulen > have || ulen < 8;
}

void ct_udp_new(struct ct_entry *ct, uint64_t now)
{
	ct->proto.udp.stream_ns = now + UDP_STREAM_NS;
}

enum ct_verdict ct_udp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now)
{
	const struct ct_timeouts *to = &t->cfg.to;
	uint32_t len = ct_pkt_len(pv);

	if (!(ct->status & CT_S_SEEN_REPLY)) {
		ct_refresh_acct(t, ct, dir, len, now, to->udp_unreplied);
		return CT_V_ACCEPT;
	}
	if (now > ct->proto.udp.stream_ns) {
		ct_refresh_acct(t, ct, dir, len, now, to->udp_replied);
		assure(t, ct);
	} else {
		ct_refresh_acct(t, ct, dir, len, now, to->udp_unreplied);
	}
	return CT_V_ACCEPT;
}

/* nf_conntrack_proto_gre: 30 s until a reply is seen, then 180 s and ASSURED. */
enum ct_verdict ct_gre_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now)
{
	const struct ct_timeouts *to = &t->cfg.to;
	uint32_t len = ct_pkt_len(pv);

	if (!(ct->status & CT_S_SEEN_REPLY)) {
		ct_refresh_acct(t, ct, dir, len, now, to->gre_unreplied);
		return CT_V_ACCEPT;
	}
	ct_refresh_acct(t, ct, dir, len, now, to->gre_replied);
	assure(t, ct);
	return CT_V_ACCEPT;
}

enum ct_verdict ct_generic_packet(struct ct_table *t, struct ct_entry *ct,
				  const struct pkt_view *pv, enum ct_dir dir, uint64_t now)
{
	ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now, t->cfg.to.generic);
	return CT_V_ACCEPT;
}
