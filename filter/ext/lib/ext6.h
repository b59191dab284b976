/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IPv6 extension-header lookup for the rt, frag, ah and ipv6header matches (ipv6_find_hdr over the view). */
#ifndef ULOG_FILTER_EXT_EXT6_H
#define ULOG_FILTER_EXT_EXT6_H

#include "xt.h"

/* Offset (from the network header) of the first extension header of type
 * @proto (IPPROTO_ROUTING, _FRAGMENT, _AH, ...), or -1 if the packet has
 * none. */
static inline int xt_ext6_find(const struct pkt_view *pv, uint8_t proto)
{
	unsigned i;

	for (i = 0; i < pv->n_ext && i < 8; i++)
		if (pv->ext_type[i] == proto)
			return pv->ext_off[i];
	if (pv->l4proto == proto)
		return pv->l4_off;
	return -1;
}

/* The first @n bytes of the packet's first extension header of type @proto
 * (its offset in *@off when @off is set), or NULL: the packet has none, or
 * it is cut short, which also sets pkt->hotdrop as the kernel's matches do. */
static inline const uint8_t *xt_ext6_hdr(struct filter_pkt *pkt, uint8_t proto, uint32_t n,
					 uint32_t *off)
{
	int o = xt_ext6_find(pkt->pv, proto);
	const uint8_t *h;

	if (o < 0)
		return NULL;
	h = pkt_l3(pkt->pv, (uint32_t)o, n);
	if (!h)
		pkt->hotdrop = true;
	if (off)
		*off = (uint32_t)o;
	return h;
}

#endif
