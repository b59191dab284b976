// SPDX-License-Identifier: GPL-2.0-or-later
/* UDP, UDP-Lite, ICMP, ICMPv6, SCTP, GRE and generic conntrack, with packet timestamps for time. */
#include <stdio.h>
#include <string.h>

#include "kernel/ct.h"
#include "test.h"
#include "ct_build.h"

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

static struct ct_table *table(void)
{
	struct ct_config cfg;

	ct_config_default(&cfg);
	cfg.max = 64;
	cfg.acct = true;
	return ct_table_new(&cfg);
}

/* ct_in + confirm at @now; returns ctinfo. */
static uint8_t feed(struct ct_table *t, struct pkt_view *pv, uint64_t now, struct ct_entry **e)
{
	struct ct_ref ref;

	ct_in(t, pv, 0, now, &ref);
	ct_confirm(t, &ref, now);
	if (e)
		*e = ref.ct;
	return ref.ctinfo;
}

static void udp(void)
{
	struct ct_table *t = table();
	struct tpkt p;
	struct ct_entry *e = NULL;
	char line[512];

	CHECK(feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.1", 5000, "10.0.0.2", 53, 20), T0, &e) == CT_NEW &&
	      e && ct_expires_s(e, T0) == 30, "udp: first packet NEW, 30 s unreplied");
	ct_print(t, e, T0 + SEC / 2, false, line, sizeof(line));
	CHECK(!strcmp(line, "udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=5000 dport=53 packets=1 bytes=48 "
			    "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=53 dport=5000 packets=0 bytes=0 mark=0 use=1"),
	      "udp: conntrack -L line (%s)", line);
	CHECK(feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.2", 53, "10.0.0.1", 5000, 40), T0 + SEC, &e) ==
	      CT_ESTABLISHED_REPLY && e && ct_expires_s(e, T0 + SEC) == 30 &&
	      (e->status & CT_S_SEEN_REPLY) && !(e->status & CT_S_ASSURED),
	      "udp: reply ESTABLISHED, SEEN_REPLY, still 30 s, not assured");
	CHECK(feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.1", 5000, "10.0.0.2", 53, 20), T0 + SEC + SEC / 2, &e) ==
	      CT_ESTABLISHED && ct_expires_s(e, T0 + SEC + SEC / 2) == 30 && !(e->status & CT_S_ASSURED),
	      "udp: within 2 s of the start: no stream yet");
	CHECK(feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.1", 5000, "10.0.0.2", 53, 20), T0 + 3 * SEC, &e) ==
	      CT_ESTABLISHED && ct_expires_s(e, T0 + 3 * SEC) == 120 && (e->status & CT_S_ASSURED),
	      "udp: after 2 s with replies: stream, 120 s, ASSURED");
	CHECK(ct_gc(t, T0 + 3 * SEC + 119 * SEC) == 0 && ct_table_count(t) == 1 &&
	      ct_gc(t, T0 + 3 * SEC + 120 * SEC) == 1 && ct_table_count(t) == 0,
	      "udp: expires exactly at 120 s after the last packet");
	/* an unreplied flow expires after 30 s: the next packet is NEW again */
	feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.3", 1, "10.0.0.4", 2, 0), T0, NULL);
	CHECK(feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.3", 1, "10.0.0.4", 2, 0), T0 + 29 * SEC, NULL) == CT_NEW &&
	      feed(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.4", 2, "10.0.0.3", 1, 0), T0 + 60 * SEC, NULL) == CT_NEW,
	      "udp: an expired flow's reply starts a new connection");
	/* malformed length */
	mk_udp(&p, IPPROTO_UDP, "10.0.0.1", 5, "10.0.0.2", 6, 10);
	p.b[20 + 4] = 0xff;
	CHECK(feed(t, tp_parse(&p), T0, NULL) == CT_INVALID, "udp: length beyond the packet is INVALID");
	CHECK(feed(t, mk_udp(&p, IPPROTO_UDPLITE, "10.0.0.1", 7, "10.0.0.2", 8, 10), T0, &e) == CT_NEW &&
	      ct_print(t, e, T0, false, line, sizeof(line)) > 0 && !strncmp(line, "udplite  136 30 ", 16),
	      "udplite: tracked like UDP (%s)", line);
	ct_table_free(t);
}

static void icmp(void)
{
	struct ct_table *t = table();
	struct tpkt p, q;
	struct ct_entry *e = NULL;
	char line[512];

	CHECK(feed(t, mk_icmp(&p, "10.0.0.2", "10.0.0.1", 0, 0, 9), T0, NULL) == CT_INVALID &&
	      ct_table_count(t) == 0, "icmp: an echo reply without request is INVALID, no entry");
	CHECK(feed(t, mk_icmp(&p, "10.0.0.1", "10.0.0.2", 8, 0, 7), T0, &e) == CT_NEW && e,
	      "icmp: echo request NEW");
	ct_print(t, e, T0, false, line, sizeof(line));
	CHECK(!strcmp(line, "icmp     1 30 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=7 packets=1 bytes=84 "
			    "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=7 packets=0 bytes=0 mark=0 use=1"),
	      "icmp: conntrack -L line (%s)", line);
	CHECK(feed(t, mk_icmp(&p, "10.0.0.2", "10.0.0.1", 0, 0, 7), T0 + SEC, &e) == CT_ESTABLISHED_REPLY &&
	      ct_expires_s(e, T0 + SEC) == 30, "icmp: echo reply ESTABLISHED, 30 s");
	CHECK(feed(t, mk_icmp(&p, "10.0.0.1", "10.0.0.2", 9, 0, 7), T0, NULL) == CT_INVALID,
	      "icmp: router advertisement cannot start a connection");

	/* errors quoting a UDP flow 10.0.0.1:4000 -> 10.0.0.9:53 */
	mk_udp(&q, IPPROTO_UDP, "10.0.0.1", 4000, "10.0.0.9", 53, 30);
	feed(t, tp_parse(&q), T0, NULL);
	CHECK(feed(t, mk_icmp_err(&p, "10.0.0.9", "10.0.0.1", 3, 3, &q, 28), T0, &e) == CT_RELATED_REPLY && e &&
	      e->tuple[0].dport == 53 && e->pkts[1] == 0,
	      "icmp: port unreachable to the sender is RELATED, not counted");
	CHECK(feed(t, mk_icmp_err(&p, "10.0.0.254", "10.0.0.1", 11, 0, &q, 28), T0, NULL) == CT_RELATED_REPLY,
	      "icmp: time exceeded from a router on the path is RELATED");
	CHECK(feed(t, mk_icmp_err(&p, "10.0.0.9", "10.0.0.77", 3, 3, &q, 28), T0, NULL) == CT_INVALID,
	      "icmp: error whose outer destination is not the quoted source is INVALID");
	mk_udp(&q, IPPROTO_UDP, "10.0.0.1", 4001, "10.0.0.9", 53, 30);
	CHECK(feed(t, mk_icmp_err(&p, "10.0.0.9", "10.0.0.1", 3, 3, &q, 28), T0, NULL) == CT_INVALID &&
	      ct_table_count(t) == 2, "icmp: error about an unknown flow is INVALID and makes no entry");
	/* an error travelling the other way: quoting a reply-direction packet */
	mk_udp(&q, IPPROTO_UDP, "10.0.0.9", 53, "10.0.0.1", 4000, 30);
	CHECK(feed(t, mk_icmp_err(&p, "10.0.0.1", "10.0.0.9", 3, 3, &q, 28), T0, NULL) == CT_RELATED,
	      "icmp: error about a reply packet is RELATED in the original direction");
	ct_table_free(t);
}

static void icmp6(void)
{
	struct ct_table *t = table();
	struct tpkt p, q;
	struct ct_entry *e = NULL;
	char line[512];

	CHECK(feed(t, mk_icmp(&p, "2001:db8::1", "2001:db8::2", 128, 0, 3), T0, &e) == CT_NEW && e,
	      "icmpv6: echo request NEW");
	ct_print(t, e, T0, false, line, sizeof(line));
	CHECK(!strcmp(line, "icmpv6   58 30 src=2001:db8::1 dst=2001:db8::2 type=128 code=0 id=3 packets=1 bytes=104 "
			    "[UNREPLIED] src=2001:db8::2 dst=2001:db8::1 type=129 code=0 id=3 packets=0 bytes=0 mark=0 use=1"),
	      "icmpv6: conntrack -L line (%s)", line);
	CHECK(feed(t, mk_icmp(&p, "2001:db8::2", "2001:db8::1", 129, 0, 3), T0, NULL) == CT_ESTABLISHED_REPLY,
	      "icmpv6: echo reply ESTABLISHED");
	CHECK(feed(t, mk_icmp(&p, "fe80::1", "ff02::1", 135, 0, 0), T0, NULL) == CT_UNTRACKED &&
	      ct_table_count(t) == 1, "icmpv6: neighbour solicitation UNTRACKED");
	mk_udp(&q, IPPROTO_UDP, "2001:db8::1", 999, "2001:db8::2", 53, 10);
	feed(t, tp_parse(&q), T0, NULL);
	CHECK(feed(t, mk_icmp_err(&p, "2001:db8::2", "2001:db8::1", 1, 4, &q, 48), T0, NULL) == CT_RELATED_REPLY,
	      "icmpv6: port unreachable RELATED");
	CHECK(feed(t, mk_icmp_err(&p, "2001:db8::2", "2001:db8::5", 1, 4, &q, 48), T0, NULL) == CT_INVALID,
	      "icmpv6: outer destination mismatch INVALID");
	ct_table_free(t);
}

static struct pkt_view *mk_sctp(struct tpkt *p, const char *s, uint16_t sp, const char *d, uint16_t dp,
				uint8_t chunk)
{
	uint32_t o = mk_ip(p, IPPROTO_SCTP, s, d, 12 + 20);

	put16(p->b + o, sp);
	put16(p->b + o + 2, dp);
	p->b[o + 12] = chunk;
	put16(p->b + o + 14, 20);
	return tp_parse(p);
}

static void sctp(void)
{
	struct ct_table *t = table();
	struct tpkt p;
	struct ct_entry *e = NULL;
	static const struct { char dir; uint8_t chunk; uint8_t state; uint32_t to; } seq[] = {
		{ 'o', 1, CT_SCTP_CLOSED, 10 }, { 'r', 2, CT_SCTP_COOKIE_WAIT, 3 },
		{ 'o', 10, CT_SCTP_COOKIE_ECHOED, 3 }, { 'r', 11, CT_SCTP_ESTABLISHED, 210 },
		{ 'o', 0, CT_SCTP_ESTABLISHED, 210 }, { 'o', 7, CT_SCTP_SHUTDOWN_SENT, 3 },
		{ 'r', 8, CT_SCTP_SHUTDOWN_ACK_SENT, 3 }, { 'o', 14, CT_SCTP_CLOSED, 10 },
	};
	unsigned i;

	CHECK(feed(t, mk_sctp(&p, "10.0.0.1", 1, "10.0.0.2", 2, 0), T0, NULL) == CT_INVALID,
	      "sctp: DATA cannot start an association");
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		if (seq[i].dir == 'o')
			mk_sctp(&p, "10.0.0.1", 1, "10.0.0.2", 2, seq[i].chunk);
		else
			mk_sctp(&p, "10.0.0.2", 2, "10.0.0.1", 1, seq[i].chunk);
		feed(t, &p.pv, T0, &e);
		CHECK(e && e->proto.sctp.state == seq[i].state && ct_expires_s(e, T0) == seq[i].to,
		      "sctp step %u: %s", i + 1, ct_sctp_state_name(seq[i].state));
	}
	CHECK(e && (e->status & CT_S_ASSURED), "sctp: assured once established");
	ct_table_free(t);
}

static void generic(void)
{
	struct ct_table *t = table();
	struct tpkt p;
	struct ct_entry *e = NULL;
	char line[512];

	mk_ip(&p, 47, "10.0.0.1", "10.0.0.2", 24);
	CHECK(feed(t, tp_parse(&p), T0, &e) == CT_NEW && e && ct_expires_s(e, T0) == 30,
	      "gre: GRE (version 0) tracked with keys 0, 30 s unreplied");
	ct_print(t, e, T0, false, line, sizeof(line));
	CHECK(!strcmp(line, "gre      47 30 src=10.0.0.1 dst=10.0.0.2 srckey=0x0 dstkey=0x0 packets=1 bytes=44 "
			    "[UNREPLIED] src=10.0.0.2 dst=10.0.0.1 srckey=0x0 dstkey=0x0 packets=0 bytes=0 mark=0 use=1"),
	      "gre: line as conntrack -L prints it (%s)", line);
	/* SEEN_REPLY is set after the tracker ran (nf_conntrack_in), so the first reply is
	 * still timed as unreplied; the next packet makes it a stream */
	mk_ip(&p, 47, "10.0.0.2", "10.0.0.1", 24);
	CHECK(feed(t, tp_parse(&p), T0 + SEC, &e) == CT_ESTABLISHED_REPLY && ct_expires_s(e, T0 + SEC) == 30 &&
	      !(e->status & CT_S_ASSURED), "gre: the first reply: 30 s, not yet ASSURED");
	mk_ip(&p, 47, "10.0.0.1", "10.0.0.2", 24);
	CHECK(feed(t, tp_parse(&p), T0 + 2 * SEC, &e) == CT_ESTABLISHED && ct_expires_s(e, T0 + 2 * SEC) == 180 &&
	      (e->status & CT_S_ASSURED), "gre: a packet after the reply: 180 s and ASSURED");
	mk_ip(&p, 47, "10.0.0.3", "10.0.0.4", 24);
	memcpy(p.b + 20, "\x20\x01\x88\x0b\x00\x00\x12\x34", 8);   /* enhanced GRE, call id 0x1234 */
	CHECK(feed(t, tp_parse(&p), T0, &e) == CT_NEW && e &&
	      ct_print(t, e, T0, false, line, sizeof(line)) > 0 && strstr(line, " srckey=0x0 dstkey=0x1234 "),
	      "gre: PPTP's enhanced GRE keyed by its call id (%s)", line);
	mk_ip(&p, 89, "10.0.0.1", "10.0.0.2", 24);
	CHECK(feed(t, tp_parse(&p), T0, &e) == CT_NEW && e && ct_expires_s(e, T0) == 600,
	      "generic: another protocol (OSPF) tracked by addresses, 600 s");
	ct_table_free(t);
}

int main(void)
{
	udp();
	icmp();
	icmp6();
	sctp();
	generic();
	TEST_EXIT();
}
