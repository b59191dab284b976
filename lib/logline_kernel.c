/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The LOG line printer in the kernel's dialect (nf_log_syslog.c), walking the packet bytes itself. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "ipfmt.h"
#include "logline.h"
#include "strbuf.h"

struct kwalk {
	struct strbuf *b;
	const struct logline_kmeta *m;
	const uint8_t *d;
	uint32_t len;
};

enum {
	P_HOPOPTS = 0, P_ICMP = 1, P_TCP = 6, P_UDP = 17, P_ROUTING = 43, P_FRAGMENT = 44,
	P_ESP = 50, P_AH = 51, P_ICMPV6 = 58, P_NONE = 59, P_DSTOPTS = 60, P_UDPLITE = 136,
};

/* @n bytes at @off, or NULL when they were not captured. */
static const uint8_t *at(const struct kwalk *k, uint32_t off, uint32_t n)
{
	if (off > k->len || n > k->len - off)
		return NULL;
	return k->d + off;
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void kv(struct strbuf *b, const char *name, uint64_t v)
{
	sb_str(b, name);
	sb_u64(b, v);
	sb_chr(b, ' ');
}

/* @name and the IPv4 address at @a as a dotted quad (inet_ntop's text). */
static void ipv4_addr(struct strbuf *b, const char *name, const uint8_t *a)
{
	char s[IPFMT_V4_MAX];

	ipfmt_v4(s, a);
	sb_str(b, name);
	sb_str(b, s);
}

static void incomplete(const struct kwalk *k, uint32_t off)
{
	sb_str(k->b, "INCOMPLETE [");
	sb_u32(k->b, off <= k->len ? k->len - off : 0);
	sb_str(k->b, " bytes] ");
}

/* TCP header at @off. Returns false when the line ends here. */
static bool tcp(const struct kwalk *k, uint32_t off, bool fragment)
{
	struct strbuf *b = k->b;
	const uint8_t *th;
	static const char *const flags[8] = { "CWR ", "ECE ", "URG ", "ACK ", "PSH ", "RST ",
					      "SYN ", "FIN " };
	unsigned i, doff;

	sb_str(b, "PROTO=TCP ");
	if (fragment)
		return true;
	th = at(k, off, 20);
	if (!th) {
		incomplete(k, off);
		return false;
	}
	kv(b, "SPT=", be16(th));
	kv(b, "DPT=", be16(th + 2));
	if (k->m->flags & LOGLINE_TCPSEQ) {
		kv(b, "SEQ=", be32(th + 4));
		kv(b, "ACK=", be32(th + 8));
	}
	kv(b, "WINDOW=", be16(th + 14));
	sb_str(b, "RES=0x");
	sb_hex(b, (th[12] & 0x0f) << 2, 2, false);
	sb_chr(b, ' ');
	for (i = 0; i < 8; i++)
		if (th[13] & (0x80 >> i))
			sb_str(b, flags[i]);
	kv(b, "URGP=", be16(th + 18));
	doff = (unsigned)(th[12] >> 4) * 4;
	if ((k->m->flags & LOGLINE_TCPOPT) && doff > 20) {
		const uint8_t *op = at(k, off + 20, doff - 20);

		if (!op) {
			sb_str(b, "OPT (TRUNCATED)");
			return false;
		}
		sb_str(b, "OPT (");
		sb_hexbytes(b, op, doff - 20, 0, true);
		sb_str(b, ") ");
	}
	return true;
}

static bool udp(const struct kwalk *k, uint8_t proto, uint32_t off, bool fragment)
{
	const uint8_t *uh;

	sb_str(k->b, proto == P_UDP ? "PROTO=UDP " : "PROTO=UDPLITE ");
	if (fragment)
		return true;
	uh = at(k, off, 8);
	if (!uh) {
		incomplete(k, off);
		return false;
	}
	kv(k->b, "SPT=", be16(uh));
	kv(k->b, "DPT=", be16(uh + 2));
	kv(k->b, "LEN=", be16(uh + 4));
	return true;
}

static void ahesp4(const struct kwalk *k, uint8_t proto, uint32_t off, bool fragment)
{
	uint32_t hlen = proto == P_AH ? 12 : 8, spi_off = proto == P_AH ? 4 : 0;
	const uint8_t *h;

	sb_str(k->b, proto == P_AH ? "PROTO=AH " : "PROTO=ESP ");
	if (fragment)
		return;
	h = at(k, off, hlen);
	if (!h) {
		incomplete(k, off);
		return;
	}
	sb_str(k->b, "SPI=0x");
	sb_hex(k->b, be32(h + spi_off), 0, false);
	sb_chr(k->b, ' ');
}

static void ipv4(const struct kwalk *k, uint32_t off);

/* Bytes an ICMP type must carry (the kernel's required_len table). */
static uint32_t icmp_required(uint8_t type)
{
	switch (type) {
	case 0: case 8: return 4;
	case 3: case 4: case 5: case 11: case 12: return 8 + 20;
	case 13: case 14: return 20;
	case 17: case 18: return 12;
	default: return 0;
	}
}

static void icmp4(const struct kwalk *k, uint32_t iphoff, uint32_t off, bool fragment)
{
	struct strbuf *b = k->b;
	const uint8_t *ic;

	sb_str(b, "PROTO=ICMP ");
	if (fragment)
		return;
	ic = at(k, off, 8);
	if (!ic) {
		incomplete(k, off);
		return;
	}
	kv(b, "TYPE=", ic[0]);
	kv(b, "CODE=", ic[1]);
	if (icmp_required(ic[0]) && k->len - off < icmp_required(ic[0])) {
		incomplete(k, off);
		return;
	}
	switch (ic[0]) {
	case 0: case 8:
		kv(b, "ID=", be16(ic + 4));
		kv(b, "SEQ=", be16(ic + 6));
		return;
	case 12:
		kv(b, "PARAMETER=", ic[4]);
		return;
	case 5:
		ipv4_addr(b, "GATEWAY=", ic + 4);
		sb_chr(b, ' ');
		/* fall through */
	case 3: case 4: case 11:
		if (!iphoff) {
			sb_chr(b, '[');
			ipv4(k, off + 8);
			sb_str(b, "] ");
		}
		if (ic[0] == 3 && ic[1] == 4)
			kv(b, "MTU=", be16(ic + 6));
		return;
	default:
		return;
	}
}

static void ipv4(const struct kwalk *k, uint32_t off)
{
	struct strbuf *b = k->b;
	const uint8_t *ih = at(k, off, 20);
	uint16_t frag;
	uint32_t ihl, l4;
	bool fragment;

	if (!ih) {
		sb_str(b, "TRUNCATED");
		return;
	}
	ipv4_addr(b, "SRC=", ih + 12);
	ipv4_addr(b, " DST=", ih + 16);
	sb_chr(b, ' ');
	kv(b, "LEN=", be16(ih + 2));
	sb_str(b, "TOS=0x");
	sb_hex(b, ih[1] & 0x1e, 2, true);
	sb_str(b, " PREC=0x");
	sb_hex(b, ih[1] & 0xe0, 2, true);
	sb_chr(b, ' ');
	kv(b, "TTL=", ih[8]);
	kv(b, "ID=", be16(ih + 4));
	frag = be16(ih + 6);
	if (frag & 0x8000)
		sb_str(b, "CE ");
	if (frag & 0x4000)
		sb_str(b, "DF ");
	if (frag & 0x2000)
		sb_str(b, "MF ");
	if (frag & 0x1fff) {
		sb_str(b, "FRAG:");
		sb_u32(b, frag & 0x1fff);
		sb_chr(b, ' ');
	}
	fragment = (frag & 0x1fff) != 0;
	ihl = (uint32_t)(ih[0] & 0x0f) * 4;
	if ((k->m->flags & LOGLINE_IPOPT) && ihl > 20) {
		const uint8_t *op = at(k, off + 20, ihl - 20);

		if (!op) {
			sb_str(b, "TRUNCATED");
			return;
		}
		sb_str(b, "OPT (");
		sb_hexbytes(b, op, ihl - 20, 0, true);
		sb_str(b, ") ");
	}
	l4 = off + ihl;
	switch (ih[9]) {
	case P_TCP:
		if (!tcp(k, l4, fragment))
			return;
		break;
	case P_UDP:
	case P_UDPLITE:
		if (!udp(k, ih[9], l4, fragment))
			return;
		break;
	case P_ICMP:
		icmp4(k, off, l4, fragment);
		break;
	case P_AH:
	case P_ESP:
		ahesp4(k, ih[9], l4, fragment);
		break;
	default:
		kv(b, "PROTO=", ih[9]);
	}
	if (off)
		return;
	if ((k->m->flags & LOGLINE_UID) && k->m->has_uid) {
		kv(b, "UID=", k->m->uid);
		kv(b, "GID=", k->m->gid);
	}
	if (k->m->mark) {
		sb_str(b, "MARK=0x");
		sb_hex(b, k->m->mark, 0, false);
		sb_chr(b, ' ');
	}
}

static void ipv6(const struct kwalk *k, uint32_t off, bool recurse);

static bool icmp6(const struct kwalk *k, uint32_t ptr, bool fragment, bool recurse)
{
	struct strbuf *b = k->b;
	const uint8_t *ic;

	sb_str(b, "PROTO=ICMPv6 ");
	if (fragment)
		return true;
	ic = at(k, ptr, 8);
	if (!ic) {
		incomplete(k, ptr);
		return false;
	}
	kv(b, "TYPE=", ic[0]);
	kv(b, "CODE=", ic[1]);
	switch (ic[0]) {
	case 128: case 129:
		kv(b, "ID=", be16(ic + 4));
		kv(b, "SEQ=", be16(ic + 6));
		return true;
	case 4:
		sb_str(b, "POINTER=");
		sb_hex(b, be32(ic + 4), 8, false);
		sb_chr(b, ' ');
		/* fall through */
	case 1: case 2: case 3:
		if (recurse) {
			sb_chr(b, '[');
			ipv6(k, ptr + 8, false);
			sb_str(b, "] ");
		}
		if (ic[0] == 2)
			kv(b, "MTU=", be32(ic + 4));
		return true;
	default:
		return true;
	}
}

static bool ext_hdr(uint8_t h)
{
	return h == P_HOPOPTS || h == P_ROUTING || h == P_FRAGMENT || h == P_ESP ||
	       h == P_AH || h == P_NONE || h == P_DSTOPTS;
}

/* AH or ESP inside an IPv6 "OPT ( ... )": @name, then "SPI=0x..." read at
 * @spi_off of the @need bytes at @ptr. Returns false (after closing the
 * parenthesis) when the line ends here: a fragment, or the header cut short. */
static bool ipv6_ipsec(const struct kwalk *k, uint32_t ptr, const char *name, uint32_t need,
		       uint32_t spi_off, bool fragment)
{
	struct strbuf *b = k->b;
	const uint8_t *h;

	sb_str(b, name);
	if (fragment) {
		sb_chr(b, ')');
		return false;
	}
	h = at(k, ptr, need);
	if (!h) {
		incomplete(k, ptr);
		sb_chr(b, ')');
		return false;
	}
	sb_str(b, "SPI=0x");
	sb_hex(b, be32(h + spi_off), 0, false);
	return true;
}

/* One IPv6 extension header at *@ptr. Returns false when the line ends
 * here; otherwise advances *@ptr and *@hdr. */
static bool ipv6_ext(const struct kwalk *k, uint32_t *ptr, uint8_t *hdr, bool *fragment)
{
	struct strbuf *b = k->b;
	bool opt = (k->m->flags & LOGLINE_IPOPT) != 0;
	const uint8_t *hp = at(k, *ptr, 2), *h;
	uint32_t hdrlen;

	if (!hp) {
		sb_str(b, "TRUNCATED");
		return false;
	}
	if (opt)
		sb_str(b, "OPT ( ");
	switch (*hdr) {
	case P_FRAGMENT:
		sb_str(b, "FRAG:");
		h = at(k, *ptr, 8);
		if (!h) {
			sb_str(b, "TRUNCATED ");
			return false;
		}
		kv(b, "", be16(h + 2) & 0xfff8);
		if (h[3] & 1)
			sb_str(b, "INCOMPLETE ");
		sb_str(b, "ID:");
		sb_hex(b, be32(h + 4), 8, false);
		sb_chr(b, ' ');
		if (be16(h + 2) & 0xfff8)
			*fragment = true;
		hdrlen = 8;
		break;
	case P_DSTOPTS:
	case P_ROUTING:
	case P_HOPOPTS:
		if (*fragment) {
			if (opt)
				sb_chr(b, ')');
			return false;
		}
		hdrlen = ((uint32_t)hp[1] + 1) << 3;
		break;
	case P_AH:
		if (opt) {
			if (!ipv6_ipsec(k, *ptr, "AH ", 12, 4, *fragment))
				return false;
			sb_chr(b, ' ');
		}
		hdrlen = ((uint32_t)hp[1] + 2) << 2;
		break;
	case P_ESP:
		if (opt && ipv6_ipsec(k, *ptr, "ESP ", 8, 0, *fragment))
			sb_str(b, " )");
		return false;
	default:
		sb_str(b, "Unknown Ext Hdr ");
		sb_u32(b, *hdr);
		return false;
	}
	if (opt)
		sb_str(b, ") ");
	*hdr = hp[0];
	*ptr += hdrlen;
	return true;
}

static void ipv6_addr(struct strbuf *b, const char *name, const uint8_t *a)
{
	unsigned i;

	sb_str(b, name);
	for (i = 0; i < 16; i += 2) {
		if (i)
			sb_chr(b, ':');
		sb_hex(b, be16(a + i), 4, false);
	}
	sb_chr(b, ' ');
}

static void ipv6(const struct kwalk *k, uint32_t off, bool recurse)
{
	struct strbuf *b = k->b;
	const uint8_t *ih = at(k, off, 40);
	bool fragment = false;
	uint32_t w, ptr;
	uint8_t hdr;

	if (!ih) {
		sb_str(b, "TRUNCATED");
		return;
	}
	ipv6_addr(b, "SRC=", ih + 8);
	ipv6_addr(b, "DST=", ih + 24);
	w = be32(ih);
	kv(b, "LEN=", (uint32_t)be16(ih + 4) + 40);
	kv(b, "TC=", (w & 0x0ff00000) >> 20);
	kv(b, "HOPLIMIT=", ih[7]);
	kv(b, "FLOWLBL=", w & 0x000fffff);
	ptr = off + 40;
	hdr = ih[6];
	while (hdr != P_NONE && ext_hdr(hdr))
		if (!ipv6_ext(k, &ptr, &hdr, &fragment))
			return;
	switch (hdr) {
	case P_TCP:
		if (!tcp(k, ptr, fragment))
			return;
		break;
	case P_UDP:
	case P_UDPLITE:
		if (!udp(k, hdr, ptr, fragment))
			return;
		break;
	case P_ICMPV6:
		if (!icmp6(k, ptr, fragment, recurse))
			return;
		break;
	default:
		kv(b, "PROTO=", hdr);
	}
	if (!recurse)
		return;
	if ((k->m->flags & LOGLINE_UID) && k->m->has_uid) {
		kv(b, "UID=", k->m->uid);
		kv(b, "GID=", k->m->gid);
	}
	if (k->m->mark) {
		sb_str(b, "MARK=0x");
		sb_hex(b, k->m->mark, 0, false);
		sb_chr(b, ' ');
	}
}

static void mac_header(struct strbuf *b, const struct logline_kmeta *m)
{
	if ((m->flags & LOGLINE_MACDECODE) && m->mac && m->mac_len >= 14) {
		sb_str(b, "MACSRC=");
		sb_hexbytes(b, m->mac + 6, 6, ':', false);
		sb_str(b, " MACDST=");
		sb_hexbytes(b, m->mac, 6, ':', false);
		sb_str(b, " MACPROTO=");
		sb_hex(b, be16(m->mac + 12), 4, false);
		sb_chr(b, ' ');
		return;
	}
	sb_str(b, "MAC=");
	if (m->mac)
		sb_hexbytes(b, m->mac, m->mac_len, ':', false);
	sb_chr(b, ' ');
}

int logline_kernel(char *buf, size_t len, const struct logline_kmeta *m, int family,
		   const uint8_t *l3, uint32_t l3len)
{
	struct strbuf b;
	struct kwalk k = { .b = &b, .m = m, .d = l3, .len = l3 ? l3len : 0 };

	sb_init(&b, buf, len);
	if (m->prefix)
		sb_str(&b, m->prefix);
	sb_str(&b, "IN=");
	sb_str(&b, m->in ? m->in : "");
	sb_str(&b, " OUT=");
	sb_str(&b, m->out ? m->out : "");
	sb_chr(&b, ' ');
	if (m->in)
		mac_header(&b, m);
	if (family == AF_INET6)
		ipv6(&k, 0, true);
	else
		ipv4(&k, 0);
	return sb_end(&b);
}

int logline_trace_prefix(char *buf, size_t len, const char *table, const char *chain,
			 const char *type, unsigned rulenum)
{
	struct strbuf b;

	sb_init(&b, buf, len);
	sb_str(&b, "TRACE: ");
	sb_str(&b, table);
	sb_chr(&b, ':');
	sb_str(&b, chain);
	sb_chr(&b, ':');
	sb_str(&b, type);
	sb_chr(&b, ':');
	sb_u32(&b, rulenum);
	sb_chr(&b, ' ');
	return sb_end(&b);
}
