// SPDX-License-Identifier: GPL-2.0-or-later
/* nfcore replay on synthetic records: direction from Linux cooked v2 and from Ethernet MACs/addresses,
 * forwarded copies skipped, lo loops, REJECT replies attached, the report, TRACE and NAT lines. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/if_packet.h>
#include <pcap/dlt.h>

#include "filter/filter.h"
#include "kernel/replay.h"
#include "test.h"
#include "ct_build.h"

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

static const char addr_json[] =
	"[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"address\":\"00:00:00:00:00:00\","
	"\"addr_info\":[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]},"
	"{\"ifindex\":2,\"ifname\":\"r0\",\"flags\":[\"UP\"],\"address\":\"02:00:00:00:00:01\","
	"\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.1.0.1\",\"prefixlen\":24,\"broadcast\":\"10.1.0.255\"}]},"
	"{\"ifindex\":3,\"ifname\":\"r1\",\"flags\":[\"UP\"],\"address\":\"02:00:00:00:00:02\","
	"\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.2.0.1\",\"prefixlen\":24}]}]";

static const char rules[] =
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n"
	"*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A INPUT -i lo -j ACCEPT\n"
	"-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
	"-A INPUT -i r0 -p tcp --dport 22 -j ACCEPT\n"
	"-A FORWARD -i r0 -o r1 -p tcp --dport 80 -j ACCEPT\n"
	"-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
	"-A FORWARD -p tcp --dport 25 -j REJECT --reject-with tcp-reset\n"
	"-A OUTPUT -p tcp --tcp-flags RST RST\n"
	"COMMIT\n";

/* A file holding @text; its name stays valid for the next 15 calls. */
static char *tmpfile_with(const char *text)
{
	static char names[16][64];
	static int n;
	char *name = names[n++ % 16];
	FILE *f;

	snprintf(name, 64, "/tmp/ct_replay_unit.%d.%d", (int)getpid(), n);
	f = fopen(name, "w");
	fputs(text, f);
	fclose(f);
	return name;
}

/* A Linux cooked v2 record of @p on interface @ifindex, @out = sent. */
static uint32_t sll2(uint8_t *rec, const struct tpkt *p, uint32_t ifindex, bool out)
{
	memset(rec, 0, 20);
	put16(rec, (p->b[0] >> 4) == 6 ? 0x86dd : 0x0800);
	put32(rec + 4, ifindex);
	put16(rec + 8, 1);
	rec[10] = out ? PACKET_OUTGOING : PACKET_HOST;
	rec[11] = 6;
	memcpy(rec + 20, p->b, p->len);
	return 20 + p->len;
}

/* An Ethernet frame of @p from MAC @src. */
static uint32_t ether(uint8_t *rec, const struct tpkt *p, const uint8_t *src)
{
	memset(rec, 0, 14);
	memcpy(rec + 6, src, 6);
	put16(rec + 12, 0x0800);
	memcpy(rec + 14, p->b, p->len);
	return 14 + p->len;
}

static uint64_t counter(struct replay *r, const char *chain, unsigned n, bool policy)
{
	const struct filter_chain *c = filter_chain_find(filter_ruleset_table(r->rs4, "filter"), chain);

	if (!c)
		return ~0ull;
	return policy ? c->pcnt : n < c->n_rules ? c->rules[n]->pcnt : ~0ull;
}

static const uint8_t mac_c[6] = { 2, 0, 0, 0, 0, 9 };     /* the client's MAC */

/* A replay whose TRACE or NAT lines are written into a string. */
struct lines_run {
	struct replay_opts o;
	struct replay r;
	FILE *f;
	char *buf;
	size_t len;
};

/* Opens @l on @rules and @host_file, its @nat or TRACE lines captured; false
 * (a failed check named @what) if it cannot. */
static bool lines_open(struct lines_run *l, const char *what, const char *rules, const char *host_file, bool nat)
{
	struct ulog_err err;

	memset(l, 0, sizeof(*l));
	l->o.conntrack = -1;
	l->o.rules4 = tmpfile_with(rules);
	l->o.host_files[l->o.n_host++] = host_file;
	l->f = open_memstream(&l->buf, &l->len);
	*(nat ? &l->o.nat : &l->o.trace) = l->f;
	if (replay_open(&l->r, &l->o, &err)) {
		CHECK(0, "%s: open (%s)", what, err.msg);
		fclose(l->f);
		free(l->buf);
		return false;
	}
	return true;
}

/* The lines @l wrote (NULL if none); lines_close() frees them. */
static const char *lines_text(struct lines_run *l)
{
	fflush(l->f);
	if (l->buf && getenv("CT_REPLAY_UNIT_SHOW"))
		printf("%s", l->buf);
	return l->buf;
}

static void lines_close(struct lines_run *l)
{
	fclose(l->f);
	free(l->buf);
	replay_close(&l->r);
	remove(l->o.rules4);
}

/* --trace: TRACE lines in the kernel's form, with the input MAC header. */
static void trace(const char *host_file)
{
	static const char trules[] =
		"*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n-A PREROUTING -p tcp --dport 22 -j TRACE\nCOMMIT\n"
		"*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
		"-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n";
	struct lines_run l;
	struct tpkt p;
	uint8_t rec[256];
	const char *buf;

	if (!lines_open(&l, "trace", trules, host_file, false))
		return;
	mk_tcp(&p, "10.1.0.2", 4000, "10.1.0.1", 22, 1, 0, TH_SYN, 1000, 0);
	p.b[4] = 0; p.b[5] = 7;                          /* IP id 7 */
	replay_record(&l.r, DLT_EN10MB, rec, ether(rec, &p, mac_c), T0);
	buf = lines_text(&l);
	CHECK(buf && !strncmp(buf, "TRACE: raw:PREROUTING:policy:2 IN=r0 OUT= MAC=00:00:00:00:00:00:02:00:00:00:00:09:08:00 "
			  "SRC=10.1.0.2 DST=10.1.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=7 PROTO=TCP SPT=4000 DPT=22 "
			  "SEQ=1 ACK=0 WINDOW=1000 RES=0x00 SYN URGP=0 \nTRACE: filter:INPUT:rule:1 IN=r0 ", 230),
	      "trace: raw policy and filter rule lines as the kernel prints them");
	lines_close(&l);
}

/* --nat: one NAT line per binding a NAT target chooses, at the connection's
 * first packet of each manipulation (nat chains see nothing else). */
static void nat_lines(const char *host_file)
{
	static const char nrules[] =
		"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
		"-A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 10.2.0.2:80\n"
		"-A POSTROUTING -o r1 -j MASQUERADE\nCOMMIT\n";
	static const struct { uint16_t sport, dport; uint32_t seq; uint8_t flags; } pkts[] = {
		{ 4000, 8080, 1, TH_SYN }, { 4000, 8080, 2, TH_ACK }, { 4001, 22, 1, TH_SYN },
	};
	struct lines_run l;
	struct tpkt p;
	uint8_t rec[256];
	const char *buf;
	unsigned i;

	if (!lines_open(&l, "nat", nrules, host_file, true))
		return;
	for (i = 0; i < sizeof(pkts) / sizeof(pkts[0]); i++) {
		mk_tcp(&p, "10.1.0.2", pkts[i].sport, pkts[i].dport == 22 ? "10.1.0.9" : "10.2.0.2", pkts[i].dport,
		       pkts[i].seq, 0, pkts[i].flags, 1000, 0);
		replay_record(&l.r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), T0 + (i + 1) * SEC / 100);
	}
	buf = lines_text(&l);
	CHECK(buf && !strncmp(buf, "NAT: nat:PREROUTING:rule:1 DNAT IN=r0 OUT= MAC=", 47) &&
	      strstr(buf, "\nNAT: nat:POSTROUTING:rule:1 MASQUERADE IN= OUT=r1 SRC=10.1.0.2 DST=10.2.0.2 ") &&
	      strstr(buf, "SPT=4000 DPT=8080 SEQ=1 ") && !strstr(buf, "SEQ=2 ") && !strstr(buf, "SPT=4001"),
	      "nat: a NAT line per binding (DNAT, MASQUERADE), none for later packets or unbound connections");
	lines_close(&l);
}

/* --owner: a SYN/ACK the host sends is its listener's (the kernel's owner
 * match sees the listening socket); a reset is the kernel's own. */
static void owner_synack(const char *host_file)
{
	static const char orules[] =
		"*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
		"-A OUTPUT -m owner --uid-owner 0\nCOMMIT\n";
	struct replay_opts o = { .conntrack = -1, .owner = true };
	struct replay r;
	struct ulog_err err;
	struct tpkt p;
	uint8_t rec[256];

	o.rules4 = tmpfile_with(orules);
	o.host_files[o.n_host++] = host_file;
	if (replay_open(&r, &o, &err)) {
		CHECK(0, "owner: open (%s)", err.msg);
		return;
	}
	mk_tcp(&p, "10.1.0.1", 22, "10.1.0.2", 5000, 9, 2, TH_SYN | TH_ACK, 1000, 0);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, true), T0);
	CHECK(counter(&r, "OUTPUT", 0, false) == 1, "owner: the host's SYN/ACK is its listener's (owner matches)");
	mk_tcp(&p, "10.1.0.1", 23, "10.1.0.2", 5001, 0, 2, TH_RST | TH_ACK, 0, 0);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, true), T0 + SEC);
	CHECK(counter(&r, "OUTPUT", 0, false) == 1 && counter(&r, "OUTPUT", 0, true) == 2,
	      "owner: the kernel's reset has no owner");
	replay_close(&r);
	remove(o.rules4);
}

/* pkttype: an arriving packet's link-layer type from the cooked header or the
 * Ethernet destination; another host's packets never reach the hooks. */
static void pkttype(const char *host_file)
{
	static const char prules[] =
		"*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
		"-A INPUT -m pkttype --pkt-type broadcast\n-A INPUT -m pkttype --pkt-type multicast\n"
		"-A INPUT -m pkttype --pkt-type unicast\nCOMMIT\n";
	struct replay_opts o = { .conntrack = -1 };
	struct replay r;
	struct ulog_err err;
	struct tpkt p;
	uint8_t rec[256];
	uint32_t n;

	o.rules4 = tmpfile_with(prules);
	o.host_files[o.n_host++] = host_file;
	if (replay_open(&r, &o, &err)) {
		CHECK(0, "pkttype: open (%s)", err.msg);
		return;
	}
	mk_udp(&p, IPPROTO_UDP, "10.1.0.2", 68, "10.1.0.255", 67, 10);
	n = sll2(rec, &p, 2, false);
	rec[10] = PACKET_BROADCAST;
	replay_record(&r, DLT_LINUX_SLL2, rec, n, T0);
	mk_udp(&p, IPPROTO_UDP, "10.1.0.2", 68, "255.255.255.255", 67, 10);
	n = ether(rec, &p, mac_c);
	memset(rec, 0xff, 6);
	replay_record(&r, DLT_EN10MB, rec, n, T0 + SEC);
	mk_udp(&p, IPPROTO_UDP, "10.1.0.2", 5000, "224.0.0.1", 5000, 10);
	n = ether(rec, &p, mac_c);
	memcpy(rec, "\x01\x00\x5e\x00\x00\x01", 6);
	replay_record(&r, DLT_EN10MB, rec, n, T0 + 2 * SEC);
	mk_udp(&p, IPPROTO_UDP, "10.1.0.2", 5000, "10.1.0.1", 5000, 10);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), T0 + 3 * SEC);
	n = sll2(rec, &p, 2, false);
	rec[10] = PACKET_OTHERHOST;
	CHECK(replay_record(&r, DLT_LINUX_SLL2, rec, n, T0 + 4 * SEC) == 0,
	      "pkttype: another host's packet is dropped before the hooks");
	CHECK(counter(&r, "INPUT", 0, false) == 2 && counter(&r, "INPUT", 1, false) == 1 &&
	      counter(&r, "INPUT", 2, false) == 1 && counter(&r, "INPUT", 0, true) == 4,
	      "pkttype: broadcast from SLL2 and Ethernet, multicast by MAC, unicast");

	/* ip_forward: only frames to the host's MAC with a TTL above 1 reach FORWARD */
	mk_udp(&p, IPPROTO_UDP, "10.1.0.2", 5000, "10.2.0.2", 5000, 10);
	n = ether(rec, &p, mac_c);
	memset(rec, 0xff, 6);
	replay_record(&r, DLT_EN10MB, rec, n, T0 + 5 * SEC);
	p.b[8] = 1;
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), T0 + 6 * SEC);
	CHECK(counter(&r, "FORWARD", 0, true) == 0 && r.h.st.route_drop == 2,
	      "forward: a broadcast frame and a TTL of 1 are dropped before FORWARD");
	p.b[8] = 2;
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), T0 + 7 * SEC);
	CHECK(counter(&r, "FORWARD", 0, true) == 1, "forward: a TTL of 2 is forwarded");
	replay_close(&r);
	remove(o.rules4);
}

int main(void)
{
	struct replay_opts o = { .conntrack = -1, .acct = true };
	struct replay r;
	struct ulog_err err;
	struct tpkt p;
	uint8_t rec[2048];
	static const uint8_t mac_r0[6] = { 2, 0, 0, 0, 0, 1 };
	uint64_t t = T0;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	o.rules4 = tmpfile_with(rules);
	o.host_files[o.n_host++] = tmpfile_with(addr_json);
	ulog_err_clear(&err);
	if (replay_open(&r, &o, &err)) {
		CHECK(0, "replay: open (%s)", err.msg);
		TEST_EXIT();
	}
	CHECK(r.track[0] && r.ct, "replay: conntrack on because the ruleset uses it");

	/* SLL2: C -> S:80 forwarded, its leaving copy skipped, S's answer forwarded back */
	mk_tcp(&p, "10.1.0.2", 4000, "10.2.0.2", 80, 1, 0, TH_SYN, 1000, 0);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), t += SEC / 100);
	p.b[8]--;                                          /* TTL after forwarding */
	CHECK(replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 3, true), t += SEC / 100) == 0,
	      "replay: the forwarded packet's leaving copy is skipped");
	mk_tcp(&p, "10.2.0.2", 80, "10.1.0.2", 4000, 7, 2, TH_SYN | TH_ACK, 1000, 0);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 3, false), t += SEC / 100);
	CHECK(counter(&r, "FORWARD", 0, false) == 1 && counter(&r, "FORWARD", 1, false) == 1,
	      "replay: forward rule and ESTABLISHED reply counted once each");

	/* REJECT: the reset R sends (foreign source, no incoming copy) takes OUTPUT */
	mk_tcp(&p, "10.1.0.2", 4001, "10.2.0.2", 25, 1, 0, TH_SYN, 1000, 0);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, false), t += SEC / 100);
	mk_tcp(&p, "10.2.0.2", 25, "10.1.0.2", 4001, 0, 2, TH_RST | TH_ACK, 0, 0);
	CHECK(replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 2, true), t += SEC / 100) == 1 &&
	      counter(&r, "FORWARD", 2, false) == 1 && counter(&r, "OUTPUT", 0, false) == 1,
	      "replay: REJECT counted, its reset traverses OUTPUT");

	/* lo: captured once, goes out and comes back in */
	mk_icmp(&p, "127.0.0.1", "127.0.0.1", 8, 0, 5);
	replay_record(&r, DLT_LINUX_SLL2, rec, sll2(rec, &p, 1, false), t += SEC / 100);
	CHECK(counter(&r, "INPUT", 0, false) == 1 && counter(&r, "OUTPUT", 0, true) == 2,
	      "replay: a lo packet traverses OUTPUT and INPUT (OUTPUT: the reset and it)");

	/* Ethernet without direction: by MAC and by source address */
	mk_tcp(&p, "10.1.0.2", 5000, "10.1.0.1", 22, 1, 0, TH_SYN, 1000, 0);
	replay_record(&r, DLT_EN10MB, rec, ether(rec, &p, mac_c), t += SEC / 100);
	mk_tcp(&p, "10.1.0.1", 22, "10.1.0.2", 5000, 9, 2, TH_SYN | TH_ACK, 1000, 0);
	replay_record(&r, DLT_EN10MB, rec, ether(rec, &p, mac_r0), t += SEC / 100);
	CHECK(counter(&r, "INPUT", 2, false) == 1 && counter(&r, "OUTPUT", 0, true) == 3 &&
	      r.received >= 4 && r.sent >= 3,
	      "replay: Ethernet direction from the host's MAC (ssh SYN in, SYN/ACK out)");
	mk_tcp(&p, "10.1.0.2", 5001, "10.1.0.1", 23, 1, 0, TH_SYN, 1000, 0);
	replay_record(&r, DLT_EN10MB, rec, ether(rec, &p, mac_c), t += SEC / 100);
	CHECK(counter(&r, "INPUT", 0, true) == 1, "replay: INPUT policy drop counted");

	f = open_memstream(&buf, &len);
	replay_report(&r, f);
	fclose(f);
	CHECK(strstr(buf, "# iptables-save -c\n*filter\n") && strstr(buf, ":INPUT DROP [1:40]") &&
	      strstr(buf, "*nat\n:PREROUTING ACCEPT [4:160]\n:INPUT ACCEPT [1:40]\n:OUTPUT ACCEPT [1:84]\n"
			  ":POSTROUTING ACCEPT [3:164]\n") &&
	      strstr(buf, "[1:40] -A INPUT -i r0 -p tcp -m tcp --dport 22 -j ACCEPT") &&
	      strstr(buf, "# conntrack -L\n") &&
	      strstr(buf, "tcp      6 59 SYN_RECV src=10.1.0.2 dst=10.2.0.2 sport=4000 dport=80 packets=1"),
	      "replay: report with save -c counters (nat once per connection) and conntrack -L");
	if (getenv("CT_REPLAY_UNIT_SHOW"))
		printf("%s", buf);
	free(buf);
	CHECK(ct_table_count(r.ct) == 3, "replay: forwarded, ssh and lo connections tracked; rejected and dropped not");
	replay_close(&r);
	remove(o.rules4);
	trace(o.host_files[0]);
	nat_lines(o.host_files[0]);
	owner_synack(o.host_files[0]);
	pkttype(o.host_files[0]);
	remove(o.host_files[0]);
	TEST_EXIT();
}
