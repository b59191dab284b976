/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet header parsing: IPv4, IPv6 with its extension-header walk, fragments, and the field extractor. */
#include "pkt.h"

#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#ifndef IPPROTO_DCCP
#define IPPROTO_DCCP 33
#endif
#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint32_t pkt_l4_min_len(uint8_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return 20;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
	case IPPROTO_ESP:
		return 8;
	case IPPROTO_SCTP:
	case IPPROTO_AH:
	case IPPROTO_DCCP:
		return 12;
	case IPPROTO_GRE:
		return 4;
	default:
		return 0;
	}
}

/* Sets the transport fields once l4proto and l4_off are known. */
static void set_l4(struct pkt_view *pv, uint8_t proto, uint32_t off, bool first_frag)
{
	pv->l4proto = proto;
	pv->l4_off = (uint16_t)(off > UINT16_MAX ? UINT16_MAX : off);
	pv->l4_len = off <= pv->len ? pv->len - off : 0;
	pv->l4_ok = first_frag && off <= pv->len && off <= UINT16_MAX &&
		    pv->l4_len >= pkt_l4_min_len(proto);
}

static int parse_ipv4(struct pkt_view *pv)
{
	const uint8_t *d = pv->data;
	uint16_t fo;
	uint32_t ihl;

	if (pv->len < 20)
		return -EINVAL;
	pv->family = AF_INET;
	ihl = (d[0] & 0x0f) * 4u;
	if (ihl < 20)
		return -EINVAL;
	pv->l3_ok = true;
	pv->l3_hdrlen = (uint16_t)ihl;
	pv->tot_len = rd16(d + 2);
	fo = rd16(d + 6);
	pv->frag_off = (uint16_t)((fo & 0x1fff) * 8u);
	pv->more_frags = fo & 0x2000;
	pv->is_fragment = pv->more_frags || pv->frag_off;
	pv->frag_id = rd16(d + 4);
	pv->l4_known = true;
	set_l4(pv, d[9], ihl, pv->frag_off == 0);
	return 0;
}

static bool ip6_is_ext(uint8_t nh)
{
	switch (nh) {
	case IPPROTO_HOPOPTS:
	case IPPROTO_ROUTING:
	case IPPROTO_FRAGMENT:
	case IPPROTO_DSTOPTS:
	case IPPROTO_AH:
		return true;
	default:
		return false;
	}
}

static void ip6_note_ext(struct pkt_view *pv, uint8_t type, uint32_t off)
{
	pv->ext_seen |= UINT64_C(1) << type;
	if (pv->n_ext < sizeof(pv->ext_off) / sizeof(pv->ext_off[0])) {
		pv->ext_off[pv->n_ext] = (uint16_t)off;
		pv->ext_type[pv->n_ext] = type;
		pv->n_ext++;
	}
}

/*
 * Length of the extension header of type @nh at @off, or 0 if it is not
 * complete in the captured bytes. Fills the fragment fields for a fragment
 * header.
 */
static uint32_t ip6_ext_len(struct pkt_view *pv, uint8_t nh, uint32_t off)
{
	const uint8_t *e = pv->data + off;
	uint32_t hl;

	if (off > UINT16_MAX || pv->len - off < 2)
		return 0;
	if (nh == IPPROTO_FRAGMENT)
		hl = 8;
	else if (nh == IPPROTO_AH)
		hl = (e[1] + 2u) * 4;
	else
		hl = (e[1] + 1u) * 8;
	if (pv->len - off < hl)
		return 0;
	if (nh == IPPROTO_FRAGMENT) {
		uint16_t offlg = rd16(e + 2);

		pv->has_frag_hdr = true;
		pv->frag_off = offlg & 0xfff8;
		pv->more_frags = offlg & 1;
		pv->is_fragment = pv->more_frags || pv->frag_off;
		pv->frag_id = rd32(e + 4);
	}
	return hl;
}

static int parse_ipv6(struct pkt_view *pv)
{
	const uint8_t *d = pv->data;
	uint32_t off = 40, hl;
	uint8_t nh;

	if (pv->len < 40)
		return -EINVAL;
	pv->family = AF_INET6;
	pv->l3_ok = true;
	pv->tot_len = 40u + rd16(d + 4);
	nh = d[6];
	while (ip6_is_ext(nh)) {
		hl = ip6_ext_len(pv, nh, off);
		if (!hl) {
			/* truncated chain: the upper layer is unknown */
			pv->l3_hdrlen = (uint16_t)off;
			set_l4(pv, nh, off, false);
			return 0;
		}
		ip6_note_ext(pv, nh, off);
		off += hl;
		nh = d[off - hl];
		if (pv->has_frag_hdr && pv->frag_off) {
			/* non-first fragment: what follows is payload */
			pv->l3_hdrlen = (uint16_t)off;
			set_l4(pv, nh, off, false);
			return 0;
		}
	}
	pv->l3_hdrlen = (uint16_t)off;
	pv->l4_known = true;
	set_l4(pv, nh, off, true);
	return 0;
}

int pkt_parse(struct pkt_view *pv, const void *data, uint32_t len, uint8_t family)
{
	memset(pv, 0, sizeof(*pv));
	pv->data = data;
	pv->len = len;
	if (!family && len >= 1)
		family = (pv->data[0] >> 4) == 6 ? AF_INET6 : (pv->data[0] >> 4) == 4 ? AF_INET : 0;
	if (family == AF_INET)
		return parse_ipv4(pv);
	if (family == AF_INET6)
		return parse_ipv6(pv);
	return -EINVAL;
}

void pkt_view_raw(struct pkt_view *pv, const void *data, uint32_t len)
{
	memset(pv, 0, sizeof(*pv));
	pv->data = data;
	pv->len = len;
}

const uint8_t *pkt_layer(const struct pkt_view *pv, enum pkt_layer layer, uint32_t *avail)
{
	switch (layer) {
	case PKT_L3:
		*avail = pv->len;
		return pv->data;
	case PKT_L4:
		if (!pv->l4_ok)
			return NULL;
		*avail = pv->l4_len;
		return pv->data + pv->l4_off;
	}
	return NULL;
}

bool pkt_field_u64(const struct pkt_view *pv, const struct pkt_field *f, uint64_t *out)
{
	uint32_t avail;
	const uint8_t *p = pkt_layer(pv, f->layer, &avail);

	return p && pkt_field_read(p, avail, f, out);
}

bool pkt_field_bytes(const struct pkt_view *pv, const struct pkt_field *f, void *out)
{
	uint32_t avail;
	const uint8_t *p = pkt_layer(pv, f->layer, &avail);

	if (!p || (uint32_t)f->offset + f->width > avail)
		return false;
	memcpy(out, p + f->offset, f->width);
	return true;
}

const uint8_t *pkt_l3(const struct pkt_view *pv, uint32_t off, uint32_t n)
{
	if (off > pv->len || n > pv->len - off)
		return NULL;
	return pv->data + off;
}

const uint8_t *pkt_l4(const struct pkt_view *pv, uint32_t off, uint32_t n)
{
	if (!pv->l4_ok)
		return NULL;
	return pkt_l3(pv, (uint32_t)pv->l4_off + off, n);
}

bool pkt_ports(const struct pkt_view *pv, uint16_t *sport, uint16_t *dport)
{
	const uint8_t *p;

	switch (pv->l4proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		break;
	default:
		return false;
	}
	p = pkt_l4(pv, 0, 4);
	if (!p || !pv->l4_known)
		return false;
	*sport = rd16(p);
	*dport = rd16(p + 2);
	return true;
}

int pkt_ext_find(const struct pkt_view *pv, uint8_t type)
{
	unsigned i;

	for (i = 0; i < pv->n_ext; i++)
		if (pv->ext_type[i] == type)
			return pv->ext_off[i];
	return -1;
}
