/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The LOG line printer in ulogd2's PRINTPKT dialect, over a decoded packet (struct logline_pkt). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "logline.h"
#include "strbuf.h"

/* Values from the protocol headers, spelled out so this file needs none. */
enum {
	NFP_IPV4 = 2, NFP_ARP = 3, NFP_BRIDGE = 7, NFP_IPV6 = 10,
	P_ICMP = 1, P_TCP = 6, P_UDP = 17, P_ESP = 50, P_AH = 51, P_ICMPV6 = 58, P_SCTP = 132,
	ETHP_IP = 0x0800, ETHP_ARP = 0x0806, ETHP_IPV6 = 0x86dd,
	IPF_CE = 0x8000, IPF_DF = 0x4000, IPF_MF = 0x2000, IPF_OFF = 0x1fff,
};

static void ports(struct strbuf *b, const struct logline_pkt *p)
{
	sb_str(b, "SPT=");
	sb_u32(b, p->sport);
	sb_str(b, " DPT=");
	sb_u32(b, p->dport);
	sb_chr(b, ' ');
}

/* "NAME VALUE " when @p has @bit. */
static void str_field(struct strbuf *b, const struct logline_pkt *p, enum logline_bit bit,
		      const char *name, const char *v)
{
	if (!LL_HAS(p, bit))
		return;
	sb_str(b, name);
	sb_str(b, v);
	sb_chr(b, ' ');
}

/* "PROTO=X "; then "INCOMPLETE" and false unless the header is there (@have). */
static bool proto_head(struct strbuf *b, const char *proto, bool have)
{
	sb_str(b, proto);
	if (!have)
		sb_str(b, "INCOMPLETE");
	return have;
}

static void tcp_flag(struct strbuf *b, bool on, const char *name)
{
	if (on)
		sb_str(b, name);
}

static void proto_tcp(struct strbuf *b, const struct logline_pkt *p)
{
	if (!proto_head(b, "PROTO=TCP ", LL_HAS(p, LL_TCP)))
		return;
	ports(b, p);
	sb_str(b, "SEQ=");
	sb_u32(b, p->tcp_seq);
	sb_str(b, " ACK=");
	sb_u32(b, p->tcp_ack);
	sb_str(b, " WINDOW=");
	sb_u32(b, p->tcp_window);
	sb_chr(b, ' ');
	tcp_flag(b, p->urg, "URG ");
	tcp_flag(b, p->ack, "ACK ");
	tcp_flag(b, p->psh, "PSH ");
	tcp_flag(b, p->rst, "RST ");
	tcp_flag(b, p->syn, "SYN ");
	tcp_flag(b, p->fin, "FIN ");
	sb_str(b, "URGP=");
	sb_u32(b, p->tcp_urgp);
	sb_chr(b, ' ');
}

/* TCP, UDP, SCTP, AH and ESP: the part both IP versions share. */
static void proto_common(struct strbuf *b, const struct logline_pkt *p, uint8_t proto)
{
	switch (proto) {
	case P_TCP:
		proto_tcp(b, p);
		return;
	case P_UDP:
		if (!proto_head(b, "PROTO=UDP ", LL_HAS(p, LL_UDP)))
			return;
		ports(b, p);
		sb_str(b, "LEN=");
		sb_u32(b, p->udp_len);
		sb_chr(b, ' ');
		return;
	case P_SCTP:
		if (!proto_head(b, "PROTO=SCTP ", LL_HAS(p, LL_SCTP)))
			return;
		ports(b, p);
		return;
	default: /* ESP, AH: ulogd2 names them by ip.protocol, not by @proto */
		if (!proto_head(b, p->ip_proto == P_ESP ? "PROTO=ESP " : "PROTO=AH ",
				LL_HAS(p, LL_AHESP)))
			return;
		sb_str(b, "SPI=0x");
		sb_hex(b, p->spi, 0, false);
		sb_chr(b, ' ');
		return;
	}
}

static bool is_common_proto(uint8_t proto)
{
	return proto == P_TCP || proto == P_UDP || proto == P_SCTP ||
	       proto == P_ESP || proto == P_AH;
}

static void addrs(struct strbuf *b, const struct logline_pkt *p)
{
	str_field(b, p, LL_SADDR, "SRC=", p->saddr);
	str_field(b, p, LL_DADDR, "DST=", p->daddr);
}

/* Four bytes of @v in memory order as a dotted quad (ulogd2 prints the
 * host-order gateway value this way). */
static void quad_mem(struct strbuf *b, uint32_t v)
{
	uint8_t m[4];
	int i;

	memcpy(m, &v, 4);
	for (i = 0; i < 4; i++) {
		if (i)
			sb_chr(b, '.');
		sb_u32(b, m[i]);
	}
	sb_chr(b, ' ');
}

static void icmp_type_code(struct strbuf *b, const struct logline_pkt *p)
{
	sb_str(b, "TYPE=");
	sb_u32(b, p->icmp_type);
	sb_str(b, " CODE=");
	sb_u32(b, p->icmp_code);
	sb_chr(b, ' ');
}

static void icmp_echo(struct strbuf *b, const struct logline_pkt *p)
{
	sb_str(b, "ID=");
	sb_u32(b, p->icmp_echoid);
	sb_str(b, " SEQ=");
	sb_u32(b, p->icmp_echoseq);
	sb_chr(b, ' ');
}

static void proto_icmp(struct strbuf *b, const struct logline_pkt *p)
{
	if (!proto_head(b, "PROTO=ICMP ", LL_HAS(p, LL_ICMP)))
		return;
	icmp_type_code(b, p);
	switch (p->icmp_code) { /* sic: ulogd2 switches on the code */
	case 8: /* ICMP_ECHO */
	case 0: /* ICMP_ECHOREPLY */
		icmp_echo(b, p);
		break;
	case 12: { /* ICMP_PARAMETERPROB */
		uint8_t first;

		memcpy(&first, &p->icmp_gateway, 1);
		sb_str(b, "PARAMETER=");
		sb_u32(b, first);
		sb_chr(b, ' ');
		break;
	}
	case 5: /* ICMP_REDIRECT */
		sb_str(b, "GATEWAY=");
		quad_mem(b, p->icmp_gateway);
		break;
	default: /* ICMP_DEST_UNREACH's MTU test can never hold */
		break;
	}
}

/* The transport part of an IP line: proto_common()'s protocols, @icmp for
 * @icmp_proto, else "PROTO=N ". */
static void proto_any(struct strbuf *b, const struct logline_pkt *p, uint8_t icmp_proto,
		      void (*icmp)(struct strbuf *, const struct logline_pkt *))
{
	if (is_common_proto(p->proto)) {
		proto_common(b, p, p->proto);
	} else if (p->proto == icmp_proto) {
		icmp(b, p);
	} else {
		sb_str(b, "PROTO=");
		sb_u32(b, p->proto);
		sb_chr(b, ' ');
	}
}

static void ipv4(struct strbuf *b, const struct logline_pkt *p)
{
	addrs(b, p);
	sb_str(b, "LEN=");
	sb_u32(b, p->totlen);
	sb_str(b, " TOS=");
	sb_hex(b, p->tos & 0x1e, 2, true);
	sb_str(b, " PREC=0x");
	sb_hex(b, p->tos & 0xe0, 2, true);
	sb_str(b, " TTL=");
	sb_u32(b, p->ttl);
	sb_str(b, " ID=");
	sb_u32(b, p->id);
	sb_chr(b, ' ');
	if (p->fragoff & IPF_CE)
		sb_str(b, "CE ");
	if (p->fragoff & IPF_DF)
		sb_str(b, "DF ");
	if (p->fragoff & IPF_MF)
		sb_str(b, "MF ");
	if (p->fragoff & IPF_OFF) {
		sb_str(b, "FRAG:");
		sb_u32(b, p->fragoff & IPF_OFF);
		sb_chr(b, ' ');
	}
	proto_any(b, p, P_ICMP, proto_icmp);
}

static void field(struct strbuf *b, const struct logline_pkt *p, enum logline_bit bit,
		  const char *name, uint32_t v)
{
	if (!LL_HAS(p, bit))
		return;
	sb_str(b, name);
	sb_u32(b, v);
	sb_chr(b, ' ');
}

static void proto_icmpv6(struct strbuf *b, const struct logline_pkt *p)
{
	if (!proto_head(b, "PROTO=ICMPv6 ", LL_HAS(p, LL_ICMP)))
		return;
	if (!LL_HAS(p, LL_ICMP_CODE)) {
		sb_str(b, "TRUNCATED");
		return;
	}
	icmp_type_code(b, p);
	if (p->icmp_type == 128 || p->icmp_type == 129)
		icmp_echo(b, p);
}

static void ipv6(struct strbuf *b, const struct logline_pkt *p)
{
	addrs(b, p);
	field(b, p, LL_IP6_PLEN, "LEN=", (uint32_t)p->ip6_plen + 40);
	field(b, p, LL_IP6_TC, "TC=", p->ip6_tc);
	field(b, p, LL_IP6_HOPLIMIT, "HOPLIMIT=", p->ip6_hoplimit);
	field(b, p, LL_IP6_FLOWLBL, "FLOWLBL=", p->ip6_flowlbl);
	if (LL_HAS(p, LL_IP6_FRAG)) {
		sb_str(b, "FRAG: ");
		sb_u32(b, p->ip6_fragoff);
		sb_str(b, " ID: ");
		sb_hex(b, p->ip6_fragid, 8, false);
		sb_chr(b, ' ');
	}
	proto_any(b, p, P_ICMPV6, proto_icmpv6);
}

static void mac_bytes(struct strbuf *b, const uint8_t *m, unsigned n, char last)
{
	sb_hexbytes(b, m, n, ':', false);
	if (n)
		sb_chr(b, last);
}

static void arp(struct strbuf *b, const struct logline_pkt *p)
{
	str_field(b, p, LL_ARP_SPA, "SRC=", p->arp_spa);
	str_field(b, p, LL_ARP_TPA, "DST=", p->arp_tpa);
	sb_str(b, "PROTO=ARP ");
	if (!LL_HAS(p, LL_ARP_OP))
		return;
	switch (p->arp_op) {
	case 1: sb_str(b, "REQUEST "); break;
	case 2: sb_str(b, "REPLY "); break;
	case 10: sb_str(b, "NAK "); break;
	default:
		sb_str(b, "CODE=");
		sb_u32(b, p->arp_op);
		sb_chr(b, ' ');
	}
	if (LL_HAS(p, LL_ARP_SHA) && p->arp_op == 2 && p->arp_sha) {
		sb_str(b, "REPLY_MAC=");
		mac_bytes(b, p->arp_sha, 6, ' ');
	}
}

static void bridge(struct strbuf *b, const struct logline_pkt *p)
{
	switch (p->l2proto) {
	case ETHP_IP: ipv4(b, p); break;
	case ETHP_IPV6: ipv6(b, p); break;
	case ETHP_ARP: arp(b, p); break;
	default:
		sb_str(b, "PROTO=");
		sb_u32(b, p->l2proto);
		sb_chr(b, ' ');
	}
}

static void header(struct strbuf *b, const struct logline_pkt *p)
{
	if (LL_HAS(p, LL_PREFIX)) {
		sb_str(b, p->prefix);
		sb_chr(b, ' ');
	}
	if (LL_HAS(p, LL_IN) && LL_HAS(p, LL_OUT)) {
		sb_str(b, "IN=");
		sb_str(b, p->in);
		sb_str(b, " OUT=");
		sb_str(b, p->out);
		sb_chr(b, ' ');
	}
	sb_str(b, "MAC=");
	if (LL_HAS(p, LL_MAC) && p->mac_len)
		mac_bytes(b, p->mac, p->mac_len, ' ');
	else if (!LL_HAS(p, LL_MAC))
		sb_chr(b, ' ');
}

static void trailer(struct strbuf *b, const struct logline_pkt *p)
{
	field(b, p, LL_UID, "UID=", p->uid);
	field(b, p, LL_GID, "GID=", p->gid);
	if (LL_HAS(p, LL_MARK)) {
		sb_str(b, "MARK=0x");
		sb_hex(b, p->mark, 0, false);
		sb_chr(b, ' ');
	}
	sb_chr(b, '\n');
}

int logline_ulogd2(char *buf, size_t len, const struct logline_pkt *p)
{
	struct strbuf b;

	sb_init(&b, buf, len);
	header(&b, p);
	switch (p->family) {
	case NFP_IPV4: ipv4(&b, p); break;
	case NFP_IPV6: ipv6(&b, p); break;
	case NFP_BRIDGE: bridge(&b, p); break;
	case NFP_ARP: arp(&b, p); break;
	default: break;
	}
	trailer(&b, p);
	return sb_end(&b);
}
