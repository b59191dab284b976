/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fragment reassembly: datagrams keyed by addresses, protocol and id; pieces tracked in 8-byte units. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "defrag.h"

int defrag_init(struct defrag *d)
{
	unsigned i;

	memset(d, 0, sizeof(*d));
	d->timeout_ns = 30ull * 1000000000ull;
	for (i = 0; i < DEFRAG_SLOTS; i++) {
		d->slot[i].buf = malloc(DEFRAG_MAX_HDR + DEFRAG_MAX_PAYLOAD);
		if (!d->slot[i].buf) {
			defrag_free(d);
			return -ENOMEM;
		}
	}
	return 0;
}

void defrag_free(struct defrag *d)
{
	unsigned i;

	for (i = 0; i < DEFRAG_SLOTS; i++) {
		free(d->slot[i].buf);
		d->slot[i].buf = NULL;
	}
}

/* The piece's identity: family, addresses, protocol (IPv4) and id. */
static void key_of(const struct pkt_view *pv, struct defrag_slot *k)
{
	int alen = pv->family == AF_INET6 ? 16 : 4;

	memset(k->src, 0, 16);
	memset(k->dst, 0, 16);
	k->family = pv->family;
	memcpy(k->src, pv->data + (alen == 16 ? 8 : 12), (size_t)alen);
	memcpy(k->dst, pv->data + (alen == 16 ? 24 : 16), (size_t)alen);
	k->proto = pv->family == AF_INET ? pv->data[9] : 0;
	k->id = pv->frag_id;
}

static bool same(const struct defrag_slot *s, const struct defrag_slot *k)
{
	return s->used && s->family == k->family && s->proto == k->proto && s->id == k->id &&
	       !memcmp(s->src, k->src, 16) && !memcmp(s->dst, k->dst, 16);
}

/* The slot of @k, a free one, or the oldest (evicted). */
static struct defrag_slot *slot_for(struct defrag *d, const struct defrag_slot *k, uint64_t now)
{
	struct defrag_slot *free_s = NULL, *oldest = NULL;
	unsigned i;

	for (i = 0; i < DEFRAG_SLOTS; i++) {
		struct defrag_slot *s = &d->slot[i];

		if (s->used && now - s->first_ns > d->timeout_ns) {
			s->used = false;
			d->timed_out++;
		}
		if (same(s, k))
			return s;
		if (!s->used && !free_s)
			free_s = s;
		if (s->used && (!oldest || s->first_ns < oldest->first_ns))
			oldest = s;
	}
	if (!free_s) {
		free_s = oldest;
		d->timed_out++;
	}
	memcpy(free_s->src, k->src, 16);
	memcpy(free_s->dst, k->dst, 16);
	free_s->family = k->family;
	free_s->proto = k->proto;
	free_s->id = k->id;
	free_s->used = true;
	free_s->first_ns = now;
	free_s->total = 0;
	free_s->hdr_len = 0;
	memset(free_s->have, 0, sizeof(free_s->have));
	return free_s;
}

/* Where the piece's payload starts, and the unfragmentable header length. */
static bool piece_bounds(const struct pkt_view *pv, uint32_t *pay_off, uint32_t *hdr_len)
{
	if (pv->family == AF_INET) {
		*pay_off = *hdr_len = pv->l3_hdrlen;
		return true;
	}
	{
		int fh = pkt_ext_find(pv, IPPROTO_FRAGMENT);

		if (fh < 0)
			return false;
		*hdr_len = (uint32_t)fh;
		*pay_off = (uint32_t)fh + 8;
		return true;
	}
}

static void mark(struct defrag_slot *s, uint32_t from, uint32_t to)
{
	uint32_t u;

	for (u = from / 8; u < (to + 7) / 8; u++)
		s->have[u / 64] |= 1ull << (u % 64);
}

static bool complete(const struct defrag_slot *s)
{
	uint32_t u;

	if (!s->total || !s->hdr_len)
		return false;
	for (u = 0; u < (s->total + 7) / 8; u++)
		if (!(s->have[u / 64] >> (u % 64) & 1))
			return false;
	return true;
}

/* Writes the whole datagram's header: lengths, fragment fields gone. */
static uint32_t finish(struct defrag_slot *s)
{
	uint8_t *h = s->buf;
	uint32_t len = s->hdr_len + s->total;

	if (s->family == AF_INET) {
		h[2] = (uint8_t)(len >> 8);
		h[3] = (uint8_t)len;
		h[6] &= 0x40;                    /* keep DF, clear MF and the offset */
		h[7] = 0;
		h[10] = h[11] = 0;               /* checksum not kept */
	} else {
		h[4] = (uint8_t)((len - 40) >> 8);
		h[5] = (uint8_t)(len - 40);
	}
	return len;
}

/* IPv6: the unfragmentable part with the fragment header's next header spliced in. */
static void copy_head6(struct defrag_slot *s, const struct pkt_view *pv, uint32_t hdr_len)
{
	unsigned i;
	uint32_t prev = 6;

	memcpy(s->buf, pv->data, hdr_len);
	for (i = 0; i < pv->n_ext; i++) {
		if (pv->ext_type[i] == IPPROTO_FRAGMENT)
			break;
		prev = pv->ext_off[i];
	}
	s->buf[prev] = pv->data[hdr_len];        /* the fragment header's next header */
}

enum defrag_res defrag_add(struct defrag *d, const struct pkt_view *pv, uint64_t now,
			   const uint8_t **out, uint32_t *out_len)
{
	struct defrag_slot k, *s;
	uint32_t pay_off, hdr_len, end, plen;

	if (!pv->l3_ok || !pv->is_fragment)
		return DEFRAG_PASS;
	if (!piece_bounds(pv, &pay_off, &hdr_len) || hdr_len > DEFRAG_MAX_HDR ||
	    pv->tot_len > pv->len || pv->tot_len < pay_off) {
		d->bad++;
		return DEFRAG_BAD;
	}
	plen = pv->tot_len - pay_off;
	end = (uint32_t)pv->frag_off + plen;
	if (end > DEFRAG_MAX_PAYLOAD || (pv->more_frags && (plen % 8 || !plen))) {
		d->bad++;
		return DEFRAG_BAD;
	}
	key_of(pv, &k);
	s = slot_for(d, &k, now);
	if (s->total && end > s->total) {
		s->used = false;
		d->bad++;
		return DEFRAG_BAD;
	}
	memcpy(s->buf + DEFRAG_MAX_HDR + pv->frag_off, pv->data + pay_off, plen);
	mark(s, pv->frag_off, end);
	if (!pv->more_frags)
		s->total = end;
	if (pv->frag_off == 0) {
		s->hdr_len = hdr_len;
		if (pv->family == AF_INET)
			memcpy(s->buf, pv->data, hdr_len);
		else
			copy_head6(s, pv, hdr_len);
	}
	if (!complete(s))
		return DEFRAG_HELD;
	memmove(s->buf + s->hdr_len, s->buf + DEFRAG_MAX_HDR, s->total);
	*out_len = finish(s);
	*out = s->buf;
	s->used = false;
	d->reassembled++;
	return DEFRAG_DONE;
}
