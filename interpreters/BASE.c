/* SPDX-License-Identifier: GPL-2.0-or-later */
/* BASE: decodes raw.pkt (IPv4, IPv6, ARP over bridge) into ip.*, tcp.*, udp.*, icmp.*, ... keys, read from field tables. */
#include <netinet/in.h>
#include <stdint.h>
#include <sys/socket.h>

#include "lib/pkt.h"
#include "ulogd/plugin.h"

#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif
#define BASE_ETH_P_IP 0x0800
#define BASE_ETH_P_ARP 0x0806
#define BASE_ETH_P_IPV6 0x86dd

enum base_in { IN_RAW_PKT, IN_RAW_PKTLEN, IN_OOB_FAMILY, IN_OOB_PROTOCOL };

/* Output keys, in ulogd2's order. */
enum base_out {
	K_IP_SADDR, K_IP_DADDR, K_IP_PROTOCOL, K_IP_TOS, K_IP_TTL, K_IP_TOTLEN,
	K_IP_IHL, K_IP_CSUM, K_IP_ID, K_IP_FRAGOFF,
	K_IP6_PAYLOADLEN, K_IP6_PRIORITY, K_IP6_FLOWLABEL, K_IP6_HOPLIMIT,
	K_IP6_NEXTHDR, K_IP6_FRAGOFF, K_IP6_FRAGID,
	K_TCP_SPORT, K_TCP_DPORT, K_TCP_SEQ, K_TCP_ACKSEQ, K_TCP_WINDOW,
	K_TCP_OFFSET, K_TCP_RESERVED, K_TCP_URG, K_TCP_URGP, K_TCP_ACK, K_TCP_PSH,
	K_TCP_RST, K_TCP_SYN, K_TCP_FIN, K_TCP_RES1, K_TCP_RES2, K_TCP_CSUM,
	K_UDP_SPORT, K_UDP_DPORT, K_UDP_LEN, K_UDP_CSUM,
	K_ICMP_TYPE, K_ICMP_CODE, K_ICMP_ECHOID, K_ICMP_ECHOSEQ, K_ICMP_GATEWAY,
	K_ICMP_FRAGMTU, K_ICMP_CSUM,
	K_ICMPV6_TYPE, K_ICMPV6_CODE, K_ICMPV6_ECHOID, K_ICMPV6_ECHOSEQ, K_ICMPV6_CSUM,
	K_AHESP_SPI, K_OOB_PROTOCOL,
	K_ARP_HWTYPE, K_ARP_PTYPE, K_ARP_OP, K_ARP_SHA, K_ARP_SPA, K_ARP_THA, K_ARP_TPA,
	K_SCTP_SPORT, K_SCTP_DPORT, K_SCTP_CSUM,
	K_N
};

static const struct ulog_key_def base_in_keys[] = {
	[IN_RAW_PKT]      = { .name = "raw.pkt", .type = ULOG_T_RAW, .ipfix_vendor = 0x23424223, .ipfix_field = 1 },
	[IN_RAW_PKTLEN]   = { .name = "raw.pktlen", .type = ULOG_T_UINT32, .ipfix_vendor = 0x23424223, .ipfix_field = 2 },
	[IN_OOB_FAMILY]   = { .name = "oob.family", .type = ULOG_T_UINT8 },
	[IN_OOB_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
};

#define K(id, nm, ty) [id] = { .name = (nm), .type = (ty) }
#define KF(id, nm, ty, f) [id] = { .name = (nm), .type = (ty), .ipfix_field = (f) }
static const struct ulog_key_def base_out_keys[K_N] = {
	KF(K_IP_SADDR, "ip.saddr", ULOG_T_IPADDR, 8),
	KF(K_IP_DADDR, "ip.daddr", ULOG_T_IPADDR, 12),
	KF(K_IP_PROTOCOL, "ip.protocol", ULOG_T_UINT8, 4),
	KF(K_IP_TOS, "ip.tos", ULOG_T_UINT8, 5),
	KF(K_IP_TTL, "ip.ttl", ULOG_T_UINT8, 192),
	KF(K_IP_TOTLEN, "ip.totlen", ULOG_T_UINT16, 190),
	KF(K_IP_IHL, "ip.ihl", ULOG_T_UINT8, 189),
	K(K_IP_CSUM, "ip.csum", ULOG_T_UINT16),
	KF(K_IP_ID, "ip.id", ULOG_T_UINT16, 54),
	KF(K_IP_FRAGOFF, "ip.fragoff", ULOG_T_UINT16, 88),
	KF(K_IP6_PAYLOADLEN, "ip6.payloadlen", ULOG_T_UINT16, 191),
	K(K_IP6_PRIORITY, "ip6.priority", ULOG_T_UINT8),
	KF(K_IP6_FLOWLABEL, "ip6.flowlabel", ULOG_T_UINT32, 31),
	K(K_IP6_HOPLIMIT, "ip6.hoplimit", ULOG_T_UINT8),
	KF(K_IP6_NEXTHDR, "ip6.nexthdr", ULOG_T_UINT8, 193),
	K(K_IP6_FRAGOFF, "ip6.fragoff", ULOG_T_UINT16),
	K(K_IP6_FRAGID, "ip6.fragid", ULOG_T_UINT32),
	KF(K_TCP_SPORT, "tcp.sport", ULOG_T_UINT16, 182),
	KF(K_TCP_DPORT, "tcp.dport", ULOG_T_UINT16, 183),
	KF(K_TCP_SEQ, "tcp.seq", ULOG_T_UINT32, 184),
	KF(K_TCP_ACKSEQ, "tcp.ackseq", ULOG_T_UINT32, 185),
	KF(K_TCP_WINDOW, "tcp.window", ULOG_T_UINT16, 186),
	K(K_TCP_OFFSET, "tcp.offset", ULOG_T_UINT8),
	K(K_TCP_RESERVED, "tcp.reserved", ULOG_T_UINT8),
	K(K_TCP_URG, "tcp.urg", ULOG_T_BOOL),
	KF(K_TCP_URGP, "tcp.urgp", ULOG_T_UINT16, 187),
	K(K_TCP_ACK, "tcp.ack", ULOG_T_BOOL),
	K(K_TCP_PSH, "tcp.psh", ULOG_T_BOOL),
	K(K_TCP_RST, "tcp.rst", ULOG_T_BOOL),
	K(K_TCP_SYN, "tcp.syn", ULOG_T_BOOL),
	K(K_TCP_FIN, "tcp.fin", ULOG_T_BOOL),
	K(K_TCP_RES1, "tcp.res1", ULOG_T_BOOL),
	K(K_TCP_RES2, "tcp.res2", ULOG_T_BOOL),
	K(K_TCP_CSUM, "tcp.csum", ULOG_T_UINT16),
	KF(K_UDP_SPORT, "udp.sport", ULOG_T_UINT16, 180),
	KF(K_UDP_DPORT, "udp.dport", ULOG_T_UINT16, 181),
	K(K_UDP_LEN, "udp.len", ULOG_T_UINT16),
	K(K_UDP_CSUM, "udp.csum", ULOG_T_UINT16),
	KF(K_ICMP_TYPE, "icmp.type", ULOG_T_UINT8, 176),
	KF(K_ICMP_CODE, "icmp.code", ULOG_T_UINT8, 177),
	K(K_ICMP_ECHOID, "icmp.echoid", ULOG_T_UINT16),
	K(K_ICMP_ECHOSEQ, "icmp.echoseq", ULOG_T_UINT16),
	K(K_ICMP_GATEWAY, "icmp.gateway", ULOG_T_IPADDR),
	K(K_ICMP_FRAGMTU, "icmp.fragmtu", ULOG_T_UINT16),
	K(K_ICMP_CSUM, "icmp.csum", ULOG_T_UINT16),
	KF(K_ICMPV6_TYPE, "icmpv6.type", ULOG_T_UINT8, 178),
	KF(K_ICMPV6_CODE, "icmpv6.code", ULOG_T_UINT8, 179),
	K(K_ICMPV6_ECHOID, "icmpv6.echoid", ULOG_T_UINT16),
	K(K_ICMPV6_ECHOSEQ, "icmpv6.echoseq", ULOG_T_UINT16),
	K(K_ICMPV6_CSUM, "icmpv6.csum", ULOG_T_UINT16),
	K(K_AHESP_SPI, "ahesp.spi", ULOG_T_UINT32),
	K(K_OOB_PROTOCOL, "oob.protocol", ULOG_T_UINT16),
	K(K_ARP_HWTYPE, "arp.hwtype", ULOG_T_UINT16),
	K(K_ARP_PTYPE, "arp.protocoltype", ULOG_T_UINT16),
	K(K_ARP_OP, "arp.operation", ULOG_T_UINT16),
	K(K_ARP_SHA, "arp.shwaddr", ULOG_T_RAW),
	K(K_ARP_SPA, "arp.saddr", ULOG_T_IPADDR),
	K(K_ARP_THA, "arp.dhwaddr", ULOG_T_RAW),
	K(K_ARP_TPA, "arp.daddr", ULOG_T_IPADDR),
	K(K_SCTP_SPORT, "sctp.sport", ULOG_T_UINT16),
	K(K_SCTP_DPORT, "sctp.dport", ULOG_T_UINT16),
	K(K_SCTP_CSUM, "sctp.csum", ULOG_T_UINT32),
};

/* How a row's bytes become a value. */
enum row_kind { R_INT, R_BOOL, R_ADDR, R_PTR };

/* One header field: which key it fills, how, and where it lives. */
struct base_row {
	uint8_t key;
	uint8_t kind;
	struct pkt_field f;
};

#define L3(k, off, w) { (k), R_INT, { PKT_L3, (off), (w), 0, 0 } }
#define L3B(k, off, w, sh, m) { (k), R_INT, { PKT_L3, (off), (w), (sh), (m) } }
#define L3A(k, off, w) { (k), R_ADDR, { PKT_L3, (off), (w), 0, 0 } }
#define L3P(k, off, w) { (k), R_PTR, { PKT_L3, (off), (w), 0, 0 } }
#define L4(k, off, w) { (k), R_INT, { PKT_L4, (off), (w), 0, 0 } }
#define L4B(k, off, w, sh, m) { (k), R_INT, { PKT_L4, (off), (w), (sh), (m) } }
#define L4F(k, off, sh, m) { (k), R_BOOL, { PKT_L4, (off), 1, (sh), (m) } }
#define L4A(k, off, w) { (k), R_ADDR, { PKT_L4, (off), (w), 0, 0 } }

static const struct base_row ipv4_rows[] = {
	L3A(K_IP_SADDR, 12, 4), L3A(K_IP_DADDR, 16, 4), L3(K_IP_PROTOCOL, 9, 1),
	L3(K_IP_TOS, 1, 1), L3(K_IP_TTL, 8, 1), L3(K_IP_TOTLEN, 2, 2),
	L3B(K_IP_IHL, 0, 1, 0, 0x0f), L3(K_IP_CSUM, 10, 2), L3(K_IP_ID, 4, 2),
	L3(K_IP_FRAGOFF, 6, 2),   /* the whole flags+offset word, as ulogd2 */
};

static const struct base_row ipv6_rows[] = {
	L3A(K_IP_SADDR, 8, 16), L3A(K_IP_DADDR, 24, 16), L3(K_IP6_PAYLOADLEN, 4, 2),
	L3B(K_IP6_PRIORITY, 0, 4, 20, 0xff), L3B(K_IP6_FLOWLABEL, 0, 4, 0, 0xfffff),
	L3(K_IP6_HOPLIMIT, 7, 1),
};

static const struct base_row tcp_rows[] = {
	L4(K_TCP_SPORT, 0, 2), L4(K_TCP_DPORT, 2, 2), L4(K_TCP_SEQ, 4, 4),
	L4(K_TCP_ACKSEQ, 8, 4), L4(K_TCP_WINDOW, 14, 2),
	L4B(K_TCP_OFFSET, 12, 1, 4, 0x0f), L4B(K_TCP_RESERVED, 12, 1, 0, 0x0f),
	L4F(K_TCP_URG, 13, 5, 1), L4F(K_TCP_ACK, 13, 4, 1), L4F(K_TCP_PSH, 13, 3, 1),
	L4F(K_TCP_RST, 13, 2, 1), L4F(K_TCP_SYN, 13, 1, 1), L4F(K_TCP_FIN, 13, 0, 1),
	L4F(K_TCP_RES1, 12, 0, 0x0f), L4F(K_TCP_RES2, 13, 6, 3), L4(K_TCP_CSUM, 16, 2),
};

static const struct base_row udp_rows[] = {
	L4(K_UDP_SPORT, 0, 2), L4(K_UDP_DPORT, 2, 2), L4(K_UDP_LEN, 4, 2), L4(K_UDP_CSUM, 6, 2),
};

static const struct base_row sctp_rows[] = {
	L4(K_SCTP_SPORT, 0, 2), L4(K_SCTP_DPORT, 2, 2), L4(K_SCTP_CSUM, 8, 4),
};

static const struct base_row icmp_rows[] = {
	L4(K_ICMP_TYPE, 0, 1), L4(K_ICMP_CODE, 1, 1), L4(K_ICMP_CSUM, 2, 2),
};
static const struct base_row icmp_echo_rows[] = {
	L4(K_ICMP_ECHOID, 4, 2), L4(K_ICMP_ECHOSEQ, 6, 2),
};
static const struct base_row icmp_gw_rows[] = { L4A(K_ICMP_GATEWAY, 4, 4) };
static const struct base_row icmp_mtu_rows[] = { L4(K_ICMP_FRAGMTU, 6, 2) };

static const struct base_row icmpv6_rows[] = {
	L4(K_ICMPV6_TYPE, 0, 1), L4(K_ICMPV6_CODE, 1, 1), L4(K_ICMPV6_CSUM, 2, 2),
};
static const struct base_row icmpv6_echo_rows[] = {
	L4(K_ICMPV6_ECHOID, 4, 2), L4(K_ICMPV6_ECHOSEQ, 6, 2),
};

static const struct base_row esp_rows[] = { L4(K_AHESP_SPI, 0, 4) };
static const struct base_row ah_rows[] = { L4(K_AHESP_SPI, 4, 4) };

static const struct base_row arp_rows[] = {
	L3(K_ARP_HWTYPE, 0, 2), L3(K_ARP_PTYPE, 2, 2), L3(K_ARP_OP, 6, 2),
	L3P(K_ARP_SHA, 8, 6), L3A(K_ARP_SPA, 14, 4), L3P(K_ARP_THA, 18, 6),
	L3A(K_ARP_TPA, 24, 4),
};

#define ROWS(t) (t), ULOG_ARRAY_SIZE(t)

/* The one extractor: fills every wanted key of @rows (all of one layer)
 * that the view holds. */
static void base_rows(const struct ulog_instance *inst, struct ulog_record *rec,
		      const struct pkt_view *pv, const struct base_row *rows, unsigned n)
{
	uint32_t avail;
	const uint8_t *p = pkt_layer(pv, rows[0].f.layer, &avail);
	uint64_t v;
	unsigned i;

	if (!p)
		return;
	for (i = 0; i < n; i++) {
		const struct base_row *r = &rows[i];

		if (!ulog_out_wanted(inst, r->key))
			continue;
		if (r->kind == R_INT || r->kind == R_BOOL) {
			if (!pkt_field_read(p, avail, &r->f, &v))
				continue;
			if (r->kind == R_INT)
				ulog_out_u64(inst, rec, r->key, v);
			else
				ulog_out_bool(inst, rec, r->key, v != 0);
		} else if ((uint32_t)r->f.offset + r->f.width <= avail) {
			if (r->kind == R_ADDR)
				ulog_out_addr(inst, rec, r->key, p + r->f.offset, r->f.width);
			else
				ulog_out_ptr(inst, rec, r->key, p + r->f.offset, r->f.width);
		}
	}
}

static void base_icmp(const struct ulog_instance *inst, struct ulog_record *rec,
		      const struct pkt_view *pv)
{
	const uint8_t *h = pkt_l4(pv, 0, 2);

	if (!h)
		return;
	base_rows(inst, rec, pv, ROWS(icmp_rows));
	switch (h[0]) {
	case 0:   /* echo reply */
	case 8:   /* echo request */
		base_rows(inst, rec, pv, ROWS(icmp_echo_rows));
		break;
	case 5:   /* redirect */
	case 12:  /* parameter problem: ulogd2 names this word the gateway too */
		base_rows(inst, rec, pv, ROWS(icmp_gw_rows));
		break;
	case 3:   /* destination unreachable: fragmentation needed */
		if (h[1] == 4)
			base_rows(inst, rec, pv, ROWS(icmp_mtu_rows));
		break;
	}
}

static void base_icmpv6(const struct ulog_instance *inst, struct ulog_record *rec,
			const struct pkt_view *pv)
{
	const uint8_t *h = pkt_l4(pv, 0, 1);

	if (!h)
		return;
	base_rows(inst, rec, pv, ROWS(icmpv6_rows));
	if (h[0] == 128 || h[0] == 129)
		base_rows(inst, rec, pv, ROWS(icmpv6_echo_rows));
}

static void base_tcp(const struct ulog_instance *inst, struct ulog_record *rec,
		     const struct pkt_view *pv)
{
	const uint8_t *h = pkt_l4(pv, 0, 20);

	if (!h)
		return;
	base_rows(inst, rec, pv, ROWS(tcp_rows));
	if ((h[13] & 0x20) && ulog_out_wanted(inst, K_TCP_URGP))  /* as ulogd2: only with URG */
		ulog_out_u64(inst, rec, K_TCP_URGP, (uint64_t)(h[18] << 8 | h[19]));
}

/* Transport keys of a first fragment or unfragmented packet. */
static void base_l4(const struct ulog_instance *inst, struct ulog_record *rec,
		    const struct pkt_view *pv)
{
	if (!pv->l4_ok || !pv->l4_known)
		return;
	switch (pv->l4proto) {
	case IPPROTO_TCP:
		base_tcp(inst, rec, pv);
		break;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		base_rows(inst, rec, pv, ROWS(udp_rows));
		break;
	case IPPROTO_SCTP:
		base_rows(inst, rec, pv, ROWS(sctp_rows));
		break;
	case IPPROTO_ICMP:
		if (pv->family == AF_INET)
			base_icmp(inst, rec, pv);
		break;
	case IPPROTO_ICMPV6:
		if (pv->family == AF_INET6)
			base_icmpv6(inst, rec, pv);
		break;
	case IPPROTO_ESP:
		base_rows(inst, rec, pv, ROWS(esp_rows));
		break;
	case IPPROTO_AH:
		base_rows(inst, rec, pv, ROWS(ah_rows));
		break;
	}
}

/* IPv6: the AH header walked over as an extension header carries the SPI. */
static void base_ip6_ah(const struct ulog_instance *inst, struct ulog_record *rec,
			const struct pkt_view *pv)
{
	int off = pkt_ext_find(pv, IPPROTO_AH);
	const uint8_t *p;

	if (off < 0 || !ulog_out_wanted(inst, K_AHESP_SPI))
		return;
	p = pkt_l3(pv, (uint32_t)off + 4, 4);
	if (p)
		ulog_out_u64(inst, rec, K_AHESP_SPI,
			     (uint64_t)p[0] << 24 | (uint64_t)p[1] << 16 | p[2] << 8 | p[3]);
}

static void base_ipv6(const struct ulog_instance *inst, struct ulog_record *rec,
		      const struct pkt_view *pv)
{
	bool nonfirst = pv->has_frag_hdr && pv->frag_off;

	base_rows(inst, rec, pv, ROWS(ipv6_rows));
	if (pv->has_frag_hdr) {
		ulog_out_u64(inst, rec, K_IP6_FRAGOFF, pv->frag_off);
		ulog_out_u64(inst, rec, K_IP6_FRAGID, pv->frag_id);
	}
	if (pv->l4_known || nonfirst)
		ulog_out_u64(inst, rec, K_IP6_NEXTHDR, pv->l4proto);
	if (pv->l4_known)
		ulog_out_u64(inst, rec, K_IP_PROTOCOL, pv->l4proto);
	base_ip6_ah(inst, rec, pv);
}

/* Decodes @len bytes at @data as a packet of @family (AF_INET, AF_INET6) or,
 * for @family 0, as an ARP header. */
static void base_decode(const struct ulog_instance *inst, struct ulog_record *rec,
			const uint8_t *data, uint32_t len, uint8_t family)
{
	struct pkt_view pv;

	if (!family) {
		pkt_view_raw(&pv, data, len);
		if (len >= 28)   /* struct ether_arp, as ulogd2 requires */
			base_rows(inst, rec, &pv, ROWS(arp_rows));
		return;
	}
	if (pkt_parse(&pv, data, len, family) < 0)
		return;
	if (family == AF_INET)
		base_rows(inst, rec, &pv, ROWS(ipv4_rows));
	else
		base_ipv6(inst, rec, &pv);
	base_l4(inst, rec, &pv);
}

static int base_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	const struct ulog_value *pkt = ulog_in(inst, rec, IN_RAW_PKT);
	uint32_t len, family = 0, proto = 0;
	bool have_proto = ulog_in_u32(inst, rec, IN_OOB_PROTOCOL, &proto);

	if (have_proto)
		ulog_out_u64(inst, rec, K_OOB_PROTOCOL, proto);
	if (!pkt || !pkt->ptr || !ulog_in_u32(inst, rec, IN_OOB_FAMILY, &family))
		return ULOG_CONTINUE;
	len = pkt->len;
	if (ulog_in_u32(inst, rec, IN_RAW_PKTLEN, &len) && len > pkt->len)
		len = pkt->len;
	switch (family) {
	case AF_INET:
	case AF_INET6:
		base_decode(inst, rec, pkt->ptr, len, (uint8_t)family);
		break;
	case AF_BRIDGE:
		if (!have_proto)
			break;
		if (proto == BASE_ETH_P_IP)
			base_decode(inst, rec, pkt->ptr, len, AF_INET);
		else if (proto == BASE_ETH_P_IPV6)
			base_decode(inst, rec, pkt->ptr, len, AF_INET6);
		else if (proto == BASE_ETH_P_ARP)
			base_decode(inst, rec, pkt->ptr, len, 0);
		break;
	}
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_BASE = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "BASE",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "decodes the network and transport headers of raw.pkt",
	.in_keys = base_in_keys,
	.n_in = ULOG_ARRAY_SIZE(base_in_keys),
	.out_keys = base_out_keys,
	.n_out = K_N,
	.interp = base_interp,
};

ULOG_PLUGIN(BASE)
