/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conntrack tuples: from a packet, inverted for the reply direction, hashed and compared. */
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ct.h"

/* ICMP request/reply pairs: invert_map[type] = reply type + 1 (0: none). */
static const uint8_t icmp_invert[256] = {
	[8] = 0 + 1, [0] = 8 + 1,        /* echo */
	[13] = 14 + 1, [14] = 13 + 1,    /* timestamp */
	[15] = 16 + 1, [16] = 15 + 1,    /* info */
	[17] = 18 + 1, [18] = 17 + 1,    /* address mask */
};
static const uint8_t icmp6_invert[256] = {
	[128] = 129 + 1, [129] = 128 + 1,  /* echo */
	[139] = 140 + 1, [140] = 139 + 1,  /* node information */
};

static bool has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP || proto == IPPROTO_UDPLITE ||
	       proto == IPPROTO_SCTP;      /* DCCP: generic (Linux 6.18 has no DCCP tracker), no ports */
}

bool ct_tuple_from_pkt(const struct pkt_view *pv, uint16_t zone, struct ct_tuple *tp)
{
	int alen = pv->family == AF_INET6 ? 16 : 4;
	const uint8_t *l4;

	if (!pv->l3_ok || (pv->family != AF_INET && pv->family != AF_INET6))
		return false;
	memset(tp, 0, sizeof(*tp));
	memcpy(tp->src, pv->data + (alen == 16 ? 8 : 12), (size_t)alen);
	memcpy(tp->dst, pv->data + (alen == 16 ? 24 : 16), (size_t)alen);
	tp->family = pv->family;
	tp->proto = pv->l4proto;
	tp->zone = zone;
	if (!pv->l4_known || pv->frag_off)
		return !has_ports(pv->l4proto) && pv->l4proto != IPPROTO_ICMP &&
		       pv->l4proto != IPPROTO_ICMPV6;
	l4 = pv->data + pv->l4_off;
	if (has_ports(pv->l4proto)) {
		/* the kernel reads the first 8 bytes (ports), as inside ICMP errors */
		if (pv->l4_len < 8)
			return false;
		tp->sport = (uint16_t)(l4[0] << 8 | l4[1]);
		tp->dport = (uint16_t)(l4[2] << 8 | l4[3]);
	} else if (pv->l4proto == IPPROTO_ICMP || pv->l4proto == IPPROTO_ICMPV6) {
		if (pv->l4_len < 8)
			return false;
		tp->dport = (uint16_t)(l4[0] << 8 | l4[1]);
		tp->sport = (uint16_t)(l4[4] << 8 | l4[5]);
	} else if (pv->l4proto == IPPROTO_GRE && pv->l4_len >= 2 && (l4[1] & 7) == 1) {
		/* enhanced GRE (PPTP): the call id is the destination key; the source
		 * key would come from the PPTP helper's keymap, which nfcore has not */
		if (pv->l4_len < 8)
			return false;
		tp->dport = (uint16_t)(l4[6] << 8 | l4[7]);
	}
	return true;
}

bool ct_tuple_invert(const struct ct_tuple *in, struct ct_tuple *out)
{
	struct ct_tuple r = *in;

	memcpy(r.src, in->dst, 16);
	memcpy(r.dst, in->src, 16);
	if (in->proto == IPPROTO_ICMP || in->proto == IPPROTO_ICMPV6) {
		const uint8_t *map = in->proto == IPPROTO_ICMP ? icmp_invert : icmp6_invert;
		uint8_t type = (uint8_t)(in->dport >> 8);

		if (!map[type])
			return false;
		r.dport = (uint16_t)((map[type] - 1) << 8 | (in->dport & 0xff));
		r.sport = in->sport;
	} else {
		r.sport = in->dport;
		r.dport = in->sport;
	}
	*out = r;
	return true;
}

uint32_t ct_tuple_hash(const struct ct_tuple *tp, uint32_t seed)
{
	/* five independent products (no chain of multiplies), then one mix
	 * that brings the high bits down to the ones a bucket mask keeps */
	uint64_t w[sizeof(*tp) / 8], h;

	_Static_assert(sizeof(*tp) == 40, "ct_tuple is five words");
	memcpy(w, tp, sizeof(w));
	h = (w[0] + seed) * 0x9e3779b97f4a7c15ull + w[1] * 0xc2b2ae3d27d4eb4full +
	    w[2] * 0x165667b19e3779f9ull + w[3] * 0xd6e8feb86659fd93ull + w[4] * 0xff51afd7ed558ccdull;
	h ^= h >> 32;
	h *= 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h ^ (h >> 29));
}

bool ct_tuple_eq(const struct ct_tuple *a, const struct ct_tuple *b)
{
	/* word by word, without a call: equal bytes are equal words */
	uint64_t wa[sizeof(*a) / 8], wb[sizeof(*b) / 8], d = 0;
	size_t i;

	_Static_assert(sizeof(*a) % 8 == 0, "ct_tuple is a whole number of words");
	memcpy(wa, a, sizeof(wa));
	memcpy(wb, b, sizeof(wb));
	for (i = 0; i < sizeof(wa) / 8; i++)
		d |= wa[i] ^ wb[i];
	return !d;
}
