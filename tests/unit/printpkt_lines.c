/* SPDX-License-Identifier: GPL-2.0-or-later */
/* PRINTPKT on hand-filled BASE/IP2STR/IFINDEX keys: the exact line ulogd2 2.0.8 prints for each. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lib/logline.h"
#include "test.h"

extern const struct ulog_plugin ulog_plugin_PRINTPKT;

static const uint8_t eth_hdr[14] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
};

static struct ulog_value *slot(struct harness *h, const char *name, enum ulog_type t)
{
	int s = harness_in(h, name);

	if (s < 0) {
		printf("# no input key %s\n", name);
		exit(1);
	}
	ulog_rec_mark(&h->rec, s);
	h->v[s].type = (uint8_t)t;
	return &h->v[s];
}

static void set_u(struct harness *h, const char *name, enum ulog_type t, uint64_t v)
{
	slot(h, name, t)->u64 = v;
}

static void set_s(struct harness *h, const char *name, const char *s)
{
	struct ulog_value *v = slot(h, name, ULOG_T_STRING);

	v->str = s;
	v->len = (uint32_t)strlen(s);
}

/* The metadata NFLOG + IFINDEX give a packet received on eth0. */
static void meta(struct harness *h, uint8_t family, const char *prefix)
{
	struct ulog_value *mac;

	ulog_rec_clear(&h->rec);
	set_u(h, "oob.family", ULOG_T_UINT8, family);
	set_u(h, "oob.protocol", ULOG_T_UINT16, family == 2 ? 0x0800 : 0x86dd);
	if (prefix)
		set_s(h, "oob.prefix", prefix);
	set_s(h, "oob.in", "eth0");
	set_s(h, "oob.out", "");
	set_u(h, "oob.mark", ULOG_T_UINT32, 0);
	mac = slot(h, "raw.mac", ULOG_T_RAW);
	mac->ptr = eth_hdr;
	mac->len = sizeof(eth_hdr);
	set_u(h, "raw.mac_len", ULOG_T_UINT16, sizeof(eth_hdr));
}

static void ip4(struct harness *h, uint8_t proto, uint8_t tos, uint16_t fragoff)
{
	set_s(h, "ip.saddr.str", "10.0.0.1");
	set_s(h, "ip.daddr.str", "10.0.0.2");
	set_u(h, "ip.totlen", ULOG_T_UINT16, 60);
	set_u(h, "ip.tos", ULOG_T_UINT8, tos);
	set_u(h, "ip.ttl", ULOG_T_UINT8, 64);
	set_u(h, "ip.id", ULOG_T_UINT16, 54321);
	set_u(h, "ip.fragoff", ULOG_T_UINT16, fragoff);
	set_u(h, "ip.protocol", ULOG_T_UINT8, proto);
}

static void ip6(struct harness *h, uint8_t nexthdr)
{
	set_s(h, "ip.saddr.str", "fd00::1");
	set_s(h, "ip.daddr.str", "fd00::2");
	set_u(h, "ip6.payloadlen", ULOG_T_UINT16, 40);
	set_u(h, "ip6.priority", ULOG_T_UINT8, 0);
	set_u(h, "ip6.hoplimit", ULOG_T_UINT8, 64);
	set_u(h, "ip6.flowlabel", ULOG_T_UINT32, 12345);
	set_u(h, "ip6.nexthdr", ULOG_T_UINT8, nexthdr);
	set_u(h, "ip.protocol", ULOG_T_UINT8, nexthdr);
}

static void tcp_syn(struct harness *h)
{
	set_u(h, "tcp.sport", ULOG_T_UINT16, 40000);
	set_u(h, "tcp.dport", ULOG_T_UINT16, 80);
	set_u(h, "tcp.seq", ULOG_T_UINT32, 3000000000u);
	set_u(h, "tcp.ackseq", ULOG_T_UINT32, 0);
	set_u(h, "tcp.window", ULOG_T_UINT16, 64240);
	set_u(h, "tcp.syn", ULOG_T_BOOL, 1);
	set_u(h, "tcp.ack", ULOG_T_BOOL, 0);
	set_u(h, "tcp.psh", ULOG_T_BOOL, 0);
	set_u(h, "tcp.rst", ULOG_T_BOOL, 0);
	set_u(h, "tcp.fin", ULOG_T_BOOL, 0);
	set_u(h, "tcp.urg", ULOG_T_BOOL, 0);
}

static void icmp(struct harness *h, uint8_t type, uint8_t code)
{
	set_u(h, "icmp.type", ULOG_T_UINT8, type);
	set_u(h, "icmp.code", ULOG_T_UINT8, code);
}

/* Runs PRINTPKT and compares "print" with @want. */
static void expect(struct harness *h, const char *name, const char *want)
{
	int s = harness_out(h, "print");
	const char *got;
	int rc = h->inst.plugin->interp(&h->inst, &h->rec);

	got = ulog_rec_valid(&h->rec, s) ? h->v[s].str : "(invalid)";
	if (rc != ULOG_CONTINUE || strcmp(got, want) || h->v[s].len != strlen(want)) {
		printf("# got:  '%s'\n# want: '%s'\n", got, want);
		test_report(0, "printpkt %s", name);
		return;
	}
	test_report(1, "printpkt %s", name);
}

#define MACS "MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 "
#define HDR "IN=eth0 OUT= " MACS
#define V4 "SRC=10.0.0.1 DST=10.0.0.2 LEN=60 "
#define V6 "SRC=fd00::1 DST=fd00::2 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=12345 "

static void ipv4_cases(struct harness *h)
{
	meta(h, 2, "drop:");
	ip4(h, 6, 0, 0x4000);
	tcp_syn(h);
	expect(h, "tcp syn", "drop: " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 DF PROTO=TCP "
	       "SPT=40000 DPT=80 SEQ=3000000000 ACK=0 WINDOW=64240 SYN URGP=0 MARK=0x0 \n");

	meta(h, 2, "");
	ip4(h, 6, 0xb8, 0);
	tcp_syn(h);
	set_u(h, "tcp.syn", ULOG_T_BOOL, 0);
	set_u(h, "tcp.ack", ULOG_T_BOOL, 1);
	set_u(h, "tcp.psh", ULOG_T_BOOL, 1);
	set_u(h, "tcp.fin", ULOG_T_BOOL, 1);
	set_u(h, "tcp.rst", ULOG_T_BOOL, 1);
	set_u(h, "tcp.urg", ULOG_T_BOOL, 1);
	set_u(h, "tcp.urgp", ULOG_T_UINT16, 7);
	set_u(h, "oob.mark", ULOG_T_UINT32, 0xbeef);
	expect(h, "tcp flags, tos, empty prefix", " " HDR V4 "TOS=18 PREC=0xA0 TTL=64 ID=54321 "
	       "PROTO=TCP SPT=40000 DPT=80 SEQ=3000000000 ACK=0 WINDOW=64240 "
	       "URG ACK PSH RST FIN URGP=7 MARK=0xbeef \n");

	meta(h, 2, "x");
	ip4(h, 6, 0, 0x2000 | 185);
	expect(h, "tcp incomplete + MF fragment", "x " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 "
	       "MF FRAG:185 PROTO=TCP INCOMPLETEMARK=0x0 \n");

	meta(h, 2, "u");
	ip4(h, 17, 0, 0x8000);
	set_u(h, "udp.sport", ULOG_T_UINT16, 5353);
	set_u(h, "udp.dport", ULOG_T_UINT16, 53);
	set_u(h, "udp.len", ULOG_T_UINT16, 40);
	set_u(h, "oob.uid", ULOG_T_UINT32, 1000);
	set_u(h, "oob.gid", ULOG_T_UINT32, 100);
	expect(h, "udp, CE, uid/gid", "u " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 CE "
	       "PROTO=UDP SPT=5353 DPT=53 LEN=40 UID=1000 GID=100 MARK=0x0 \n");

	meta(h, 2, "p");
	ip4(h, 47, 0, 0);
	expect(h, "other protocol", "p " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 PROTO=47 MARK=0x0 \n");

	meta(h, 2, "p");
	ip4(h, 136, 0, 0);
	expect(h, "udplite is a number", "p " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 "
	       "PROTO=136 MARK=0x0 \n");

	meta(h, 2, "s");
	ip4(h, 132, 0, 0);
	set_u(h, "sctp.sport", ULOG_T_UINT16, 1);
	set_u(h, "sctp.dport", ULOG_T_UINT16, 2);
	expect(h, "sctp", "s " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 PROTO=SCTP SPT=1 DPT=2 "
	       "MARK=0x0 \n");

	meta(h, 2, "e");
	ip4(h, 50, 0, 0);
	set_u(h, "ahesp.spi", ULOG_T_UINT32, 0x1234abcd);
	expect(h, "esp spi", "e " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 PROTO=ESP "
	       "SPI=0x1234abcd MARK=0x0 \n");

	meta(h, 2, "a");
	ip4(h, 51, 0, 0);
	expect(h, "ah without spi", "a " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 PROTO=AH "
	       "INCOMPLETEMARK=0x0 \n");
}

static void icmp_cases(struct harness *h)
{
	const char *pre = "i " HDR V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 PROTO=ICMP ";
	char want[512];

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 8, 0);
	set_u(h, "icmp.echoid", ULOG_T_UINT16, 7);
	set_u(h, "icmp.echoseq", ULOG_T_UINT16, 1);
	snprintf(want, sizeof(want), "%sTYPE=8 CODE=0 ID=7 SEQ=1 MARK=0x0 \n", pre);
	expect(h, "icmp echo request", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 3, 4);
	set_u(h, "icmp.fragmtu", ULOG_T_UINT16, 1400);
	snprintf(want, sizeof(want), "%sTYPE=3 CODE=4 MARK=0x0 \n", pre);
	expect(h, "icmp frag needed: no MTU (ulogd2 switches on the code)", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 3, 0);
	snprintf(want, sizeof(want), "%sTYPE=3 CODE=0 ID=0 SEQ=0 MARK=0x0 \n", pre);
	expect(h, "icmp net unreachable: code 0 prints ID/SEQ", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 5, 1);
	set_u(h, "icmp.gateway", ULOG_T_UINT32, 0x0a0000feu);
	snprintf(want, sizeof(want), "%sTYPE=5 CODE=1 MARK=0x0 \n", pre);
	expect(h, "icmp redirect code 1: no gateway", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 12, 5);
	set_u(h, "icmp.gateway", ULOG_T_UINT32, 0x0a0000feu);
	snprintf(want, sizeof(want), "%sTYPE=12 CODE=5 GATEWAY=254.0.0.10 MARK=0x0 \n", pre);
	expect(h, "icmp code 5 prints the gateway bytes reversed", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	icmp(h, 12, 12);
	{
		struct ulog_value *g = slot(h, "icmp.gateway", ULOG_T_IPADDR);
		static const uint8_t gw[4] = { 0x0a, 0, 0, 0xfe };

		memcpy(g->addr, gw, 4);
		g->len = 4;
	}
	snprintf(want, sizeof(want), "%sTYPE=12 CODE=12 PARAMETER=254 MARK=0x0 \n", pre);
	expect(h, "icmp code 12 parameter from an ipaddr gateway", want);

	meta(h, 2, "i");
	ip4(h, 1, 0, 0);
	snprintf(want, sizeof(want), "%sINCOMPLETEMARK=0x0 \n", pre);
	expect(h, "icmp incomplete", want);
}

static void ipv6_cases(struct harness *h)
{
	meta(h, 10, "six");
	ip6(h, 6);
	tcp_syn(h);
	expect(h, "ipv6 tcp", "six " HDR V6 "PROTO=TCP SPT=40000 DPT=80 SEQ=3000000000 ACK=0 "
	       "WINDOW=64240 SYN URGP=0 MARK=0x0 \n");

	meta(h, 10, "six");
	ip6(h, 58);
	set_u(h, "icmpv6.type", ULOG_T_UINT8, 128);
	set_u(h, "icmpv6.code", ULOG_T_UINT8, 0);
	set_u(h, "icmpv6.echoid", ULOG_T_UINT16, 1);
	set_u(h, "icmpv6.echoseq", ULOG_T_UINT16, 2);
	expect(h, "ipv6 echo request", "six " HDR V6 "PROTO=ICMPv6 TYPE=128 CODE=0 ID=1 SEQ=2 "
	       "MARK=0x0 \n");

	meta(h, 10, "six");
	ip6(h, 58);
	set_u(h, "icmpv6.type", ULOG_T_UINT8, 1);
	expect(h, "ipv6 icmp type without code", "six " HDR V6 "PROTO=ICMPv6 TRUNCATEDMARK=0x0 \n");

	meta(h, 10, "six");
	ip6(h, 17);
	set_u(h, "ip6.fragoff", ULOG_T_UINT16, 1448);
	set_u(h, "ip6.fragid", ULOG_T_UINT32, 0xabcd);
	expect(h, "ipv6 fragment", "six " HDR V6 "FRAG: 1448 ID: 0000abcd PROTO=UDP "
	       "INCOMPLETEMARK=0x0 \n");
}

static void meta_cases(struct harness *h)
{
	int s;

	meta(h, 2, NULL);
	ip4(h, 47, 0, 0);
	s = harness_in(h, "raw.mac");
	h->valid[s >> 6] &= ~(UINT64_C(1) << (s & 63));
	s = harness_in(h, "oob.out");
	h->valid[s >> 6] &= ~(UINT64_C(1) << (s & 63));
	expect(h, "no prefix, no mac, no out", "MAC= " V4 "TOS=00 PREC=0x00 TTL=64 ID=54321 "
	       "PROTO=47 MARK=0x0 \n");

	meta(h, 3, "arp");
	set_s(h, "arp.saddr.str", "10.0.0.1");
	set_s(h, "arp.daddr.str", "10.0.0.2");
	set_u(h, "arp.operation", ULOG_T_UINT16, 2);
	{
		struct ulog_value *v = slot(h, "arp.shwaddr", ULOG_T_RAW);

		v->ptr = eth_hdr + 6;
		v->len = 6;
	}
	expect(h, "arp reply", "arp " HDR "SRC=10.0.0.1 DST=10.0.0.2 PROTO=ARP REPLY "
	       "REPLY_MAC=02:00:00:00:00:01 MARK=0x0 \n");
}

/* The printer alone: a buffer too small is reported and stays a C string. */
static void truncation(void)
{
	struct logline_pkt p;
	char small[20], big[512];
	int n;

	memset(&p, 0, sizeof(p));
	p.family = 2;
	p.prefix = "0123456789012345678901234567890123456789012345678901234567890123";
	LL_SET(&p, LL_PREFIX);
	n = logline_ulogd2(small, sizeof(small), &p);
	CHECK(n == -ENOSPC && strlen(small) == sizeof(small) - 1 &&
	      !memcmp(small, p.prefix, sizeof(small) - 1), "logline truncates with -ENOSPC");
	n = logline_ulogd2(big, sizeof(big), &p);
	CHECK(n == (int)strlen(big) && n == 64 + 1 + 5 + 42 + 1,
	      "logline 64-byte prefix fits (%d)", n);
}

int main(void)
{
	struct harness *h = harness_new(&ulog_plugin_PRINTPKT);

	ipv4_cases(h);
	icmp_cases(h);
	ipv6_cases(h);
	meta_cases(h);
	truncation();
	harness_free(h);
	TEST_EXIT();
}
