/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ICMP and ICMPv6 trackers: requests make entries, errors are RELATED to the flow they quote. */
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ct_priv.h"

/* ICMPv6 messages the kernel leaves untracked (MLD and neighbour discovery). */
static bool icmp6_noct(uint8_t type)
{
	return (type >= 130 && type <= 136) || type == 143;
}

static bool icmp_is_error(uint8_t family, uint8_t type)
{
	if (family == AF_INET6)
		return type < 128;
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

/* The entry that the packet quoted inside error @pv belongs to, checked
 * against the outer destination; NULL if there is none. */
static struct ct_entry *quoted_entry(struct ct_table *t, const struct pkt_view *pv, uint16_t zone,
				     uint64_t now, enum ct_dir *dir)
{
	struct pkt_view inner;
	struct ct_tuple it, target;
	struct ct_entry *ct;
	int alen = pv->family == AF_INET6 ? 16 : 4;

	if (pv->l4_len <= 8 ||
	    pkt_parse(&inner, pv->data + pv->l4_off + 8, pv->l4_len - 8, pv->family) < 0 ||
	    inner.family != pv->family)
		return NULL;
	/* the quoted packet is usually cut short: its header length is what counts */
	if (!ct_tuple_from_pkt(&inner, zone, &it) || !ct_tuple_invert(&it, &target))
		return NULL;
	ct = ct_lookup(t, &target, now, dir);
	if (!ct)
		return NULL;
	/* the error must go to the host that sent the quoted packet */
	if (memcmp(pv->data + (alen == 16 ? 24 : 16), ct->tuple[*dir].dst, (size_t)alen))
		return NULL;
	return ct;
}

bool ct_icmp_error(struct ct_table *t, const struct pkt_view *pv, uint16_t zone, uint64_t now,
		   struct ct_ref *ref)
{
	struct ct_entry *ct;
	enum ct_dir dir;
	uint8_t type;

	if (!pv->l4_ok) {
		t->st.invalid++;
		return true;            /* short header: INVALID */
	}
	type = pv->data[pv->l4_off];
	if (pv->family == AF_INET6 && icmp6_noct(type)) {
		ct_set_untracked(ref);
		return true;
	}
	if (pv->family == AF_INET && type > 18) {
		t->st.invalid++;
		return true;
	}
	if (!icmp_is_error(pv->family, type))
		return false;
	ct = quoted_entry(t, pv, zone, now, &dir);
	if (!ct) {
		t->st.invalid++;
		return true;
	}
	ref->ct = ct;
	ref->ctinfo = dir == CT_DIR_REPLY ? CT_RELATED_REPLY : CT_RELATED;
	return true;
}

bool ct_icmp_new(const struct ct_entry *ct)
{
	uint8_t type = (uint8_t)(ct->tuple[0].dport >> 8);

	if (ct->tuple[0].proto == IPPROTO_ICMPV6)
		return type == 128 || type == 139;
	return type == 8 || type == 13 || type == 15 || type == 17;
}

enum ct_verdict ct_icmp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			       enum ct_dir dir, uint64_t now)
{
	uint32_t to = ct->tuple[0].proto == IPPROTO_ICMPV6 ? t->cfg.to.icmpv6 : t->cfg.to.icmp;

	ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now, to);
	return CT_V_ACCEPT;
}
