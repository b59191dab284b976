/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet header parsing shared by ulogd's BASE, filter/ matches and nfcore: one length-checked view. */
#ifndef ULOG_LIB_PKT_H
#define ULOG_LIB_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A parsed view of one packet, starting at the network header. Offsets are
 * from pkt_view.data; a header that does not fit in the captured length is
 * absent (its *_ok flag false), never read past the buffer.
 */
struct pkt_view {
	const uint8_t *data;
	uint32_t len;           /* captured bytes from the network header */
	uint8_t family;         /* AF_INET, AF_INET6, or 0 if neither parsed */

	/* network layer */
	bool l3_ok;             /* the fixed IPv4/IPv6 header is complete */
	uint16_t l3_hdrlen;     /* IPv4: IHL*4; IPv6: 40 + extension headers walked */
	uint32_t tot_len;       /* from the header (IPv4 tot_len; IPv6 40 + payload len) */

	/* fragments (IPv4 flags/offset, IPv6 fragment header) */
	bool is_fragment;       /* MF set or offset != 0 */
	uint16_t frag_off;      /* fragment offset in bytes */
	bool more_frags;
	uint32_t frag_id;       /* IPv4 id or IPv6 fragment id */
	bool has_frag_hdr;      /* IPv6: a fragment header is present */

	/* IPv6 extension headers seen, as a bit set of IPPROTO_* < 64 plus flags */
	uint64_t ext_seen;
	uint16_t ext_off[8];    /* offset of each seen extension header, in order */
	uint8_t ext_type[8];
	uint8_t n_ext;

	/* transport */
	uint8_t l4proto;        /* IPPROTO_* after extension headers */
	uint16_t l4_off;        /* offset of the transport header */
	uint32_t l4_len;        /* captured bytes from l4_off */
	bool l4_ok;             /* the transport header's fixed part is complete and this
	                           is the first fragment (or not a fragment) */
	bool l4_known;          /* l4proto is the upper-layer protocol: always for IPv4
	                           with a complete header; for IPv6 when the extension
	                           walk reached a non-extension header, ESP or NONE
	                           (false on a truncated chain and on non-first fragments,
	                           where l4proto is the fragment header's next header) */
};

/* Bytes of the fixed transport header pkt_parse requires for l4_ok, by
 * protocol (TCP 20, UDP/UDP-Lite 8, ICMP/ICMPv6 8, SCTP 12, AH 12, ESP 8,
 * DCCP 12, GRE 4); 0 for protocols it does not know. */
uint32_t pkt_l4_min_len(uint8_t proto);

/* A view over a header that is not IP (ARP): PKT_L3 fields read from @data,
 * bounded by @len; no network or transport layer is parsed. */
void pkt_view_raw(struct pkt_view *pv, const void *data, uint32_t len);

/* Source and destination ports of a TCP, UDP, UDP-Lite, SCTP or DCCP packet
 * with l4_ok. Returns false (and leaves the outputs unchanged) otherwise. */
bool pkt_ports(const struct pkt_view *pv, uint16_t *sport, uint16_t *dport);

/* Offset of the first IPv6 extension header of type @type (IPPROTO_*) that
 * the walk recorded, or -1. */
int pkt_ext_find(const struct pkt_view *pv, uint8_t type);

/* Parses an IPv4 or IPv6 packet (version from the first nibble when
 * @family is 0). Returns 0, or -EINVAL if no network header could be read;
 * the view is filled as far as the bytes allow. */
int pkt_parse(struct pkt_view *pv, const void *data, uint32_t len, uint8_t family);

/* Field descriptor: one row per header field, read by one extractor. */
enum pkt_layer { PKT_L3, PKT_L4 };
struct pkt_field {
	enum pkt_layer layer;
	uint16_t offset;        /* byte offset in that header */
	uint8_t width;          /* 1, 2, 4, 8 or 16 bytes */
	uint8_t shift;          /* for bit-fields: right shift after reading */
	uint32_t mask;          /* for bit-fields: mask after shift; 0 = none */
};

/* Start of @layer's bytes in @pv, with the number captured in *@avail, or
 * NULL if the view has no such layer (PKT_L4: no l4_ok). */
const uint8_t *pkt_layer(const struct pkt_view *pv, enum pkt_layer layer, uint32_t *avail);

/* Reads integer field @f (width 1, 2, 4 or 8) from a layer's bytes @p, of
 * which @avail are captured (see pkt_layer()), in host byte order, shifted
 * and masked. Returns false if the field is not inside those bytes. */
static inline bool pkt_field_read(const uint8_t *p, uint32_t avail, const struct pkt_field *f,
				  uint64_t *out)
{
	uint64_t v;

	if ((uint32_t)f->offset + f->width > avail)
		return false;
	p += f->offset;
	switch (f->width) {
	case 1:
		v = p[0];
		break;
	case 2:
		v = (uint64_t)p[0] << 8 | p[1];
		break;
	case 4:
		v = (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | (uint64_t)p[2] << 8 | p[3];
		break;
	case 8:
		v = ((uint64_t)p[0] << 56 | (uint64_t)p[1] << 48 | (uint64_t)p[2] << 40 |
		     (uint64_t)p[3] << 32 | (uint64_t)p[4] << 24 | (uint64_t)p[5] << 16 |
		     (uint64_t)p[6] << 8 | p[7]);
		break;
	default:
		return false;
	}
	v >>= f->shift;
	if (f->mask)
		v &= f->mask;
	*out = v;
	return true;
}

/* Reads @f from @pv in host byte order into @out. Returns false if the field
 * is not inside the captured bytes of its header. 16-byte fields copy raw. */
bool pkt_field_u64(const struct pkt_view *pv, const struct pkt_field *f, uint64_t *out);
bool pkt_field_bytes(const struct pkt_view *pv, const struct pkt_field *f, void *out);

/* Pointer to @n bytes at transport offset @off, or NULL if not captured. */
const uint8_t *pkt_l4(const struct pkt_view *pv, uint32_t off, uint32_t n);
/* Pointer to @n bytes at network offset @off, or NULL if not captured. */
const uint8_t *pkt_l3(const struct pkt_view *pv, uint32_t off, uint32_t n);

#endif
