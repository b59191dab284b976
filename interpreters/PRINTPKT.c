/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PRINTPKT: the packet as one LOG-target-style text line (key "print"), as ulogd2 2.0.8 prints it. */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>

#include "lib/logline.h"
#include "ulogd/plugin.h"

enum pp_key {
	K_FAMILY, K_PROTOCOL, K_PREFIX, K_IN, K_OUT, K_UID, K_GID, K_MARK,
	K_MAC, K_MACLEN,
	K_SADDR, K_DADDR, K_TOTLEN, K_TOS, K_TTL, K_ID, K_FRAGOFF, K_IPPROTO,
	K_IP6_PLEN, K_IP6_PRIO, K_IP6_HOPLIMIT, K_IP6_FLOWLBL, K_IP6_NEXTHDR,
	K_IP6_FRAGOFF, K_IP6_FRAGID,
	K_TCP_SPORT, K_TCP_DPORT, K_TCP_SEQ, K_TCP_ACKSEQ, K_TCP_WINDOW,
	K_TCP_SYN, K_TCP_ACK, K_TCP_PSH, K_TCP_RST, K_TCP_FIN, K_TCP_URG, K_TCP_URGP,
	K_UDP_SPORT, K_UDP_DPORT, K_UDP_LEN,
	K_ICMP_TYPE, K_ICMP_CODE, K_ICMP_ECHOID, K_ICMP_ECHOSEQ, K_ICMP_GATEWAY, K_ICMP_FRAGMTU,
	K_ICMPV6_TYPE, K_ICMPV6_CODE, K_ICMPV6_ECHOID, K_ICMPV6_ECHOSEQ,
	K_AHESP_SPI,
	K_ARP_HTYPE, K_ARP_PTYPE, K_ARP_OP, K_ARP_SHA, K_ARP_SPA, K_ARP_THA, K_ARP_TPA,
	K_SCTP_SPORT, K_SCTP_DPORT,
	K_N
};

/* ulogd2 requires every key but oob.uid/oob.gid; here the keys of IPv6,
 * IPsec, ARP and SCTP are optional too, so that a stack without them still
 * prints IPv4 lines. */
#define REQ(n) { .name = (n), .type = ULOG_T_NONE }
#define OPT(n) { .name = (n), .type = ULOG_T_NONE, .flags = ULOG_KEY_OPTIONAL }

static const struct ulog_key_def pp_in[K_N] = {
	[K_FAMILY] = REQ("oob.family"),
	[K_PROTOCOL] = REQ("oob.protocol"),
	[K_PREFIX] = REQ("oob.prefix"),
	[K_IN] = REQ("oob.in"),
	[K_OUT] = REQ("oob.out"),
	[K_UID] = OPT("oob.uid"),
	[K_GID] = OPT("oob.gid"),
	[K_MARK] = REQ("oob.mark"),
	[K_MAC] = REQ("raw.mac"),
	[K_MACLEN] = REQ("raw.mac_len"),
	[K_SADDR] = REQ("ip.saddr.str"),
	[K_DADDR] = REQ("ip.daddr.str"),
	[K_TOTLEN] = REQ("ip.totlen"),
	[K_TOS] = REQ("ip.tos"),
	[K_TTL] = REQ("ip.ttl"),
	[K_ID] = REQ("ip.id"),
	[K_FRAGOFF] = REQ("ip.fragoff"),
	[K_IPPROTO] = REQ("ip.protocol"),
	[K_IP6_PLEN] = OPT("ip6.payloadlen"),
	[K_IP6_PRIO] = OPT("ip6.priority"),
	[K_IP6_HOPLIMIT] = OPT("ip6.hoplimit"),
	[K_IP6_FLOWLBL] = OPT("ip6.flowlabel"),
	[K_IP6_NEXTHDR] = OPT("ip6.nexthdr"),
	[K_IP6_FRAGOFF] = OPT("ip6.fragoff"),
	[K_IP6_FRAGID] = OPT("ip6.fragid"),
	[K_TCP_SPORT] = REQ("tcp.sport"),
	[K_TCP_DPORT] = REQ("tcp.dport"),
	[K_TCP_SEQ] = REQ("tcp.seq"),
	[K_TCP_ACKSEQ] = REQ("tcp.ackseq"),
	[K_TCP_WINDOW] = REQ("tcp.window"),
	[K_TCP_SYN] = REQ("tcp.syn"),
	[K_TCP_ACK] = REQ("tcp.ack"),
	[K_TCP_PSH] = REQ("tcp.psh"),
	[K_TCP_RST] = REQ("tcp.rst"),
	[K_TCP_FIN] = REQ("tcp.fin"),
	[K_TCP_URG] = REQ("tcp.urg"),
	[K_TCP_URGP] = REQ("tcp.urgp"),
	[K_UDP_SPORT] = REQ("udp.sport"),
	[K_UDP_DPORT] = REQ("udp.dport"),
	[K_UDP_LEN] = REQ("udp.len"),
	[K_ICMP_TYPE] = REQ("icmp.type"),
	[K_ICMP_CODE] = REQ("icmp.code"),
	[K_ICMP_ECHOID] = REQ("icmp.echoid"),
	[K_ICMP_ECHOSEQ] = REQ("icmp.echoseq"),
	[K_ICMP_GATEWAY] = REQ("icmp.gateway"),
	[K_ICMP_FRAGMTU] = REQ("icmp.fragmtu"),
	[K_ICMPV6_TYPE] = OPT("icmpv6.type"),
	[K_ICMPV6_CODE] = OPT("icmpv6.code"),
	[K_ICMPV6_ECHOID] = OPT("icmpv6.echoid"),
	[K_ICMPV6_ECHOSEQ] = OPT("icmpv6.echoseq"),
	[K_AHESP_SPI] = OPT("ahesp.spi"),
	[K_ARP_HTYPE] = OPT("arp.hwtype"),
	[K_ARP_PTYPE] = OPT("arp.protocoltype"),
	[K_ARP_OP] = OPT("arp.operation"),
	[K_ARP_SHA] = OPT("arp.shwaddr"),
	[K_ARP_SPA] = OPT("arp.saddr.str"),
	[K_ARP_THA] = OPT("arp.dhwaddr"),
	[K_ARP_TPA] = OPT("arp.daddr.str"),
	[K_SCTP_SPORT] = OPT("sctp.sport"),
	[K_SCTP_DPORT] = OPT("sctp.dport"),
};

static const struct ulog_key_def pp_out[] = {
	{ .name = "print", .type = ULOG_T_STRING, .help = "the packet as a LOG target line" },
};

/* Longest line: prefix (64) + two interface names + a long MAC header and
 * two IPv6 addresses stay far below this. */
#define PP_LINE 4096

struct pp_priv {
	char line[PP_LINE];
};

/* Integer key @k, or 0 when absent (what ulogd2 reads from an invalid key). */
static uint64_t num(const struct ulog_instance *inst, const struct ulog_record *r, unsigned k)
{
	uint64_t v = 0;

	if (!ulog_in_u64(inst, r, k, &v))
		return 0;
	return v;
}

/* String key @k into *@dst; sets @bit when present. */
static void text(const struct ulog_instance *inst, const struct ulog_record *r, unsigned k,
		 struct logline_pkt *p, enum logline_bit bit, const char **dst)
{
	const char *s = ulog_in_str(inst, r, k);

	if (s) {
		*dst = s;
		LL_SET(p, bit);
	}
}

static bool has(const struct ulog_instance *inst, const struct ulog_record *r, unsigned k)
{
	return ulog_in(inst, r, k) != NULL;
}

static void fill_meta(const struct ulog_instance *inst, const struct ulog_record *r,
		      struct logline_pkt *p)
{
	const struct ulog_value *mac = ulog_in(inst, r, K_MAC);

	p->family = (uint8_t)num(inst, r, K_FAMILY);
	p->l2proto = (uint16_t)num(inst, r, K_PROTOCOL);
	text(inst, r, K_PREFIX, p, LL_PREFIX, &p->prefix);
	text(inst, r, K_IN, p, LL_IN, &p->in);
	text(inst, r, K_OUT, p, LL_OUT, &p->out);
	if (mac) {
		LL_SET(p, LL_MAC);
		p->mac = mac->ptr;
		p->mac_len = has(inst, r, K_MACLEN) ? (uint16_t)num(inst, r, K_MACLEN)
						    : (uint16_t)mac->len;
		if (!p->mac)
			p->mac_len = 0;
	}
	if (ulog_in_u32(inst, r, K_UID, &p->uid))
		LL_SET(p, LL_UID);
	if (ulog_in_u32(inst, r, K_GID, &p->gid))
		LL_SET(p, LL_GID);
	if (ulog_in_u32(inst, r, K_MARK, &p->mark))
		LL_SET(p, LL_MARK);
}

/* icmp.gateway as ulogd2's BASE holds it: the host-order value. */
static uint32_t gateway(const struct ulog_instance *inst, const struct ulog_record *r)
{
	const struct ulog_value *v = ulog_in(inst, r, K_ICMP_GATEWAY);
	uint32_t be;

	if (!v)
		return 0;
	if (v->type == ULOG_T_IPADDR) {
		memcpy(&be, v->addr, 4);
		return ntohl(be);
	}
	return (uint32_t)num(inst, r, K_ICMP_GATEWAY);
}

static void fill_ip(const struct ulog_instance *inst, const struct ulog_record *r,
		    struct logline_pkt *p)
{
	text(inst, r, K_SADDR, p, LL_SADDR, &p->saddr);
	text(inst, r, K_DADDR, p, LL_DADDR, &p->daddr);
	p->ip_proto = (uint8_t)num(inst, r, K_IPPROTO);
	p->totlen = (uint16_t)num(inst, r, K_TOTLEN);
	p->tos = (uint8_t)num(inst, r, K_TOS);
	p->ttl = (uint8_t)num(inst, r, K_TTL);
	p->id = (uint16_t)num(inst, r, K_ID);
	p->fragoff = (uint16_t)num(inst, r, K_FRAGOFF);
	if (has(inst, r, K_IP6_PLEN)) {
		LL_SET(p, LL_IP6_PLEN);
		p->ip6_plen = (uint16_t)num(inst, r, K_IP6_PLEN);
	}
	if (has(inst, r, K_IP6_PRIO)) {
		LL_SET(p, LL_IP6_TC);
		p->ip6_tc = (uint8_t)num(inst, r, K_IP6_PRIO);
	}
	if (has(inst, r, K_IP6_HOPLIMIT)) {
		LL_SET(p, LL_IP6_HOPLIMIT);
		p->ip6_hoplimit = (uint8_t)num(inst, r, K_IP6_HOPLIMIT);
	}
	if (has(inst, r, K_IP6_FLOWLBL)) {
		LL_SET(p, LL_IP6_FLOWLBL);
		p->ip6_flowlbl = (uint32_t)num(inst, r, K_IP6_FLOWLBL);
	}
	if (has(inst, r, K_IP6_FRAGOFF) && has(inst, r, K_IP6_FRAGID)) {
		LL_SET(p, LL_IP6_FRAG);
		p->ip6_fragoff = (uint16_t)num(inst, r, K_IP6_FRAGOFF);
		p->ip6_fragid = (uint32_t)num(inst, r, K_IP6_FRAGID);
	}
}

static void fill_tcp(const struct ulog_instance *inst, const struct ulog_record *r,
		     struct logline_pkt *p)
{
	LL_SET(p, LL_TCP);
	p->sport = (uint16_t)num(inst, r, K_TCP_SPORT);
	p->dport = (uint16_t)num(inst, r, K_TCP_DPORT);
	p->tcp_seq = (uint32_t)num(inst, r, K_TCP_SEQ);
	p->tcp_ack = (uint32_t)num(inst, r, K_TCP_ACKSEQ);
	p->tcp_window = (uint16_t)num(inst, r, K_TCP_WINDOW);
	p->tcp_urgp = (uint16_t)num(inst, r, K_TCP_URGP);
	p->urg = num(inst, r, K_TCP_URG) & 0xff;
	p->ack = num(inst, r, K_TCP_ACK) & 0xff;
	p->psh = num(inst, r, K_TCP_PSH) & 0xff;
	p->rst = num(inst, r, K_TCP_RST) & 0xff;
	p->syn = num(inst, r, K_TCP_SYN) & 0xff;
	p->fin = num(inst, r, K_TCP_FIN) & 0xff;
}

static void fill_l4(const struct ulog_instance *inst, const struct ulog_record *r,
		    struct logline_pkt *p)
{
	if (has(inst, r, K_TCP_SPORT))
		fill_tcp(inst, r, p);
	if (has(inst, r, K_UDP_SPORT)) {
		LL_SET(p, LL_UDP);
		p->sport = (uint16_t)num(inst, r, K_UDP_SPORT);
		p->dport = (uint16_t)num(inst, r, K_UDP_DPORT);
		p->udp_len = (uint16_t)num(inst, r, K_UDP_LEN);
	}
	if (has(inst, r, K_SCTP_SPORT)) {
		LL_SET(p, LL_SCTP);
		p->sport = (uint16_t)num(inst, r, K_SCTP_SPORT);
		p->dport = (uint16_t)num(inst, r, K_SCTP_DPORT);
	}
	if (has(inst, r, K_AHESP_SPI)) {
		LL_SET(p, LL_AHESP);
		p->spi = (uint32_t)num(inst, r, K_AHESP_SPI);
	}
}

static void fill_icmp(const struct ulog_instance *inst, const struct ulog_record *r,
		      struct logline_pkt *p)
{
	if (p->family == 10 || (p->family == 7 && p->l2proto == 0x86dd)) {
		if (has(inst, r, K_ICMPV6_TYPE))
			LL_SET(p, LL_ICMP);
		if (has(inst, r, K_ICMPV6_CODE))
			LL_SET(p, LL_ICMP_CODE);
		p->icmp_type = (uint8_t)num(inst, r, K_ICMPV6_TYPE);
		p->icmp_code = (uint8_t)num(inst, r, K_ICMPV6_CODE);
		p->icmp_echoid = (uint16_t)num(inst, r, K_ICMPV6_ECHOID);
		p->icmp_echoseq = (uint16_t)num(inst, r, K_ICMPV6_ECHOSEQ);
		return;
	}
	if (has(inst, r, K_ICMP_TYPE))
		LL_SET(p, LL_ICMP);
	p->icmp_type = (uint8_t)num(inst, r, K_ICMP_TYPE);
	p->icmp_code = (uint8_t)num(inst, r, K_ICMP_CODE);
	p->icmp_echoid = (uint16_t)num(inst, r, K_ICMP_ECHOID);
	p->icmp_echoseq = (uint16_t)num(inst, r, K_ICMP_ECHOSEQ);
	p->icmp_gateway = gateway(inst, r);
	p->icmp_fragmtu = (uint16_t)num(inst, r, K_ICMP_FRAGMTU);
}

static void fill_arp(const struct ulog_instance *inst, const struct ulog_record *r,
		     struct logline_pkt *p)
{
	const struct ulog_value *sha = ulog_in(inst, r, K_ARP_SHA);

	text(inst, r, K_ARP_SPA, p, LL_ARP_SPA, &p->arp_spa);
	text(inst, r, K_ARP_TPA, p, LL_ARP_TPA, &p->arp_tpa);
	if (has(inst, r, K_ARP_OP)) {
		LL_SET(p, LL_ARP_OP);
		p->arp_op = (uint16_t)num(inst, r, K_ARP_OP);
	}
	if (sha && sha->ptr && (sha->type != ULOG_T_RAW || sha->len >= 6)) {
		LL_SET(p, LL_ARP_SHA);
		p->arp_sha = sha->ptr;
	}
}

static int pp_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct pp_priv *pv = ULOG_PRIV(inst, struct pp_priv);
	struct logline_pkt p;
	int n;

	if (!ulog_out_wanted(inst, 0))
		return ULOG_CONTINUE;
	memset(&p, 0, sizeof(p));
	fill_meta(inst, r, &p);
	fill_ip(inst, r, &p);
	p.proto = p.family == 10 || (p.family == 7 && p.l2proto == 0x86dd)
		  ? (uint8_t)num(inst, r, K_IP6_NEXTHDR) : p.ip_proto;
	fill_l4(inst, r, &p);
	fill_icmp(inst, r, &p);
	fill_arp(inst, r, &p);
	n = logline_ulogd2(pv->line, sizeof(pv->line), &p);
	if (n < 0)
		n = (int)strlen(pv->line);  /* truncated but still a line */
	ulog_out_str(inst, r, 0, pv->line, (uint32_t)n);
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_PRINTPKT = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "PRINTPKT",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "Prints each packet as a kernel LOG target line, in ulogd2's dialect",
	.in_keys = pp_in,
	.n_in = K_N,
	.out_keys = pp_out,
	.n_out = ULOG_ARRAY_SIZE(pp_out),
	.priv_size = sizeof(struct pp_priv),
	.interp = pp_interp,
};
ULOG_PLUGIN(PRINTPKT)
