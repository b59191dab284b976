/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet buffers: set-up from captured bytes, and the conntrack facts exchanged with filter metadata. */
#include <errno.h>
#include <string.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include "helper.h"
#include "pktbuf.h"

static void set_name(char *dst, const char *src)
{
	memset(dst, 0, IFNAMSIZ);
	if (src)
		strncpy(dst, src, IFNAMSIZ - 1);
}

int pktbuf_init(struct pktbuf *b, const void *data, uint32_t len, uint8_t family,
		uint64_t tstamp_ns, const char *in, const char *out)
{
	memset(b, 0, sizeof(*b));
	b->data = data;
	b->len = len;
	if (pkt_parse(&b->pv, data, len, family) < 0 || !b->pv.l3_ok)
		return -EINVAL;
	/* link-layer padding is not part of the packet: the kernel trims it */
	if (b->pv.tot_len && b->pv.tot_len < len) {
		b->len = len = b->pv.tot_len;
		pkt_parse(&b->pv, data, len, family);
	}
	b->family = b->pv.family;
	b->meta.tstamp_ns = tstamp_ns;
	set_name(b->meta.in, in);
	set_name(b->meta.out, out);
	b->ct.ctinfo = CT_INVALID;
	return 0;
}

void pktbuf_set_hw(struct pktbuf *b, const void *hw, uint16_t len, uint16_t hw_type)
{
	b->hw = hw;
	b->hw_len = len;
	b->hw_type = hw_type;
	b->meta.has_mac = hw && hw_type == ARPHRD_ETHER && len >= 14;
	if (b->meta.has_mac)
		memcpy(b->meta.mac_src, (const uint8_t *)hw + 6, 6);
}

uint32_t pktbuf_ctinfo_state(uint8_t ctinfo)
{
	switch (ctinfo) {
	case CT_ESTABLISHED:
	case CT_ESTABLISHED_REPLY:
		return FILTER_CT_ESTABLISHED;
	case CT_RELATED:
	case CT_RELATED_REPLY:
		return FILTER_CT_RELATED;
	case CT_NEW:
		return FILTER_CT_NEW;
	case CT_UNTRACKED:
		return FILTER_CT_UNTRACKED;
	default:
		return FILTER_CT_INVALID;
	}
}

static void tuple_out(struct filter_tuple *o, const struct ct_tuple *t)
{
	memcpy(o->src, t->src, 16);
	memcpy(o->dst, t->dst, 16);
	o->sport = t->sport;
	o->dport = t->dport;
	o->proto = t->proto;
}

void pktbuf_ct_to_meta(struct pktbuf *b, const struct ct_table *t, uint64_t now_ns)
{
	const struct ct_entry *ct = b->ct.ct;
	struct filter_meta *m = &b->meta;

	(void)t;
	m->ct_valid = ct != NULL;
	m->ct_state = pktbuf_ctinfo_state(b->ct.ctinfo);
	if (b->ct.ctinfo == CT_UNTRACKED)
		m->notrack = true;
	if (!ct)
		return;
	m->ct_status = ct->status;
	m->ct_mark = ct->mark;
	m->ct_zone = ct->tuple[0].zone;
	m->ct_helper[0] = 0;                 /* -m helper: the master's helper, if expected */
	if (ct->master_helper)
		snprintf(m->ct_helper, sizeof(m->ct_helper), "%s", ct_helper_name(ct->master_helper));
	m->ct_dir = b->ct.ctinfo >= CT_ESTABLISHED_REPLY && b->ct.ctinfo <= CT_RELATED_REPLY;
	tuple_out(&m->ct_orig, &ct->tuple[0]);
	tuple_out(&m->ct_reply, &ct->tuple[1]);
	m->ct_expires_s = ct_expires_s(ct, now_ns);
	memcpy(m->ct_pkts, ct->pkts, sizeof(m->ct_pkts));
	memcpy(m->ct_bytes, ct->bytes, sizeof(m->ct_bytes));
}

void pktbuf_meta_to_ct(struct pktbuf *b)
{
	if (b->ct.ct && b->meta.ct_valid)
		b->ct.ct->mark = b->meta.ct_mark;
}
