/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The reference evaluator on crafted packets: jump, goto, RETURN, policies, counters, standard part. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "filter/text.h"
#include "lib/pkt.h"
#include "test.h"

static struct filter_ruleset *load(uint8_t family, const char *text)
{
	struct filter_restore_opts o = { 0 };
	struct filter_ruleset *rs = filter_ruleset_new(family);
	struct filter_error e;

	if (filter_restore(rs, text, strlen(text), &o, &e)) {
		filter_err_print(&e, "test", stdout);
		filter_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* An IPv4 packet: 20-byte header + 20-byte TCP (or 8-byte UDP) header. */
static uint32_t ipv4(uint8_t *b, const char *src, const char *dst, uint8_t proto,
		     uint16_t dport, uint16_t frag_off)
{
	uint32_t len = 20 + (proto == IPPROTO_TCP ? 20 : 8);

	memset(b, 0, 64);
	b[0] = 0x45;
	b[2] = (uint8_t)(len >> 8);
	b[3] = (uint8_t)len;
	b[6] = (uint8_t)(frag_off >> 8);
	b[7] = (uint8_t)frag_off;
	b[8] = 64;
	b[9] = proto;
	inet_pton(AF_INET, src, b + 12);
	inet_pton(AF_INET, dst, b + 16);
	b[20] = 0x30;
	b[21] = 0x39;
	b[22] = (uint8_t)(dport >> 8);
	b[23] = (uint8_t)dport;
	if (proto == IPPROTO_TCP) {
		b[32] = 0x50;
		b[33] = 0x02;
	}
	return len;
}

struct run {
	uint8_t bytes[128];
	struct pkt_view pv;
	struct filter_meta meta;
	struct filter_pkt pkt;
};

static enum filter_verdict run4(struct filter_ruleset *rs, const char *table, enum filter_hook h,
				const char *src, const char *dst, uint8_t proto, uint16_t dport,
				uint16_t frag, const char *in, const char *out)
{
	static struct run r;
	uint32_t len = ipv4(r.bytes, src, dst, proto, dport, frag);

	memset(&r.meta, 0, sizeof(r.meta));
	snprintf(r.meta.in, sizeof(r.meta.in), "%s", in);
	snprintf(r.meta.out, sizeof(r.meta.out), "%s", out);
	pkt_parse(&r.pv, r.bytes, len, AF_INET);
	memset(&r.pkt, 0, sizeof(r.pkt));
	r.pkt.pv = &r.pv;
	r.pkt.meta = &r.meta;
	r.pkt.hook = h;
	r.pkt.ctx = rs->ctx;
	return filter_eval(filter_ruleset_table(rs, table), &r.pkt);
}

static uint64_t rule_cnt(struct filter_ruleset *rs, const char *chain, unsigned n)
{
	struct filter_chain *c = filter_chain_find(filter_ruleset_table(rs, "filter"), chain);

	return c && n < c->n_rules ? c->rules[n]->pcnt : ~0ull;
}

static uint64_t policy_cnt(struct filter_ruleset *rs, const char *chain)
{
	return filter_chain_find(filter_ruleset_table(rs, "filter"), chain)->pcnt;
}

static void test_policy_and_counters(void)
{
	struct filter_ruleset *rs = load(FILTER_V4,
		"*filter\n:INPUT DROP [0:0]\n-A INPUT -s 10.0.0.0/8 -j ACCEPT\n-A INPUT\nCOMMIT\n");

	CHECK(rs, "eval: ruleset loads");
	if (!rs)
		return;
	CHECK(run4(rs, "filter", FILTER_LOCAL_IN, "10.1.2.3", "1.1.1.1", 6, 22, 0, "eth0", "") ==
	      FILTER_ACCEPT, "eval: matching source accepted");
	CHECK(run4(rs, "filter", FILTER_LOCAL_IN, "11.0.0.1", "1.1.1.1", 6, 22, 0, "eth0", "") ==
	      FILTER_DROP, "eval: other source falls to policy DROP");
	CHECK(rule_cnt(rs, "INPUT", 0) == 1 && rule_cnt(rs, "INPUT", 1) == 1 &&
	      policy_cnt(rs, "INPUT") == 1, "eval: rule, non-terminating rule and policy counters");
	CHECK(filter_chain_find(filter_ruleset_table(rs, "filter"), "INPUT")->bcnt == 40,
	      "eval: policy byte counter is the packet length");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "11.0.0.1", "1.1.1.1", 6, 22, 0, "", "") ==
	      FILTER_ACCEPT && policy_cnt(rs, "FORWARD") == 1, "eval: other hook, its own policy");
	CHECK(run4(rs, "filter", FILTER_PRE_ROUTING, "11.0.0.1", "1.1.1.1", 6, 22, 0, "", "") ==
	      FILTER_ACCEPT, "eval: table without that hook accepts");
	filter_ruleset_free(rs);
}

static void test_jump_return_goto(void)
{
	struct filter_ruleset *rs = load(FILTER_V4,
		"*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n:C - [0:0]\n"
		"-A INPUT -d 1.0.0.1 -j A\n"          /* jump, RETURN comes back */
		"-A INPUT -d 1.0.0.2 -g B\n"          /* goto: B's end means the policy */
		"-A INPUT -d 1.0.0.3 -j C\n"          /* C goes to B, whose end returns here */
		"-A INPUT -j DROP\n"
		"-A A -s 9.9.9.9 -j RETURN\n-A A -j REJECT_LIKE_DROP\n"
		"-A C -g B\n"
		"COMMIT\n");
	struct filter_ruleset *rs2;

	CHECK(!rs, "eval: unknown target refused");
	filter_ruleset_free(rs);
	rs2 = load(FILTER_V4,
		"*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n:C - [0:0]\n"
		"-A INPUT -d 1.0.0.1 -j A\n"
		"-A INPUT -d 1.0.0.2 -g B\n"
		"-A INPUT -d 1.0.0.3 -j C\n"
		"-A INPUT -j DROP\n"
		"-A A -s 9.9.9.9 -j RETURN\n-A A -j ACCEPT\n"
		"-A C -g B\n"
		"COMMIT\n");
	CHECK(rs2, "eval: jump ruleset loads");
	if (!rs2)
		return;
	CHECK(run4(rs2, "filter", FILTER_LOCAL_IN, "9.9.9.9", "1.0.0.1", 17, 53, 0, "", "") ==
	      FILTER_DROP, "eval: RETURN from a jumped chain resumes after the jump (then DROP)");
	CHECK(rule_cnt(rs2, "A", 0) == 1 && rule_cnt(rs2, "INPUT", 3) == 1,
	      "eval: counters along jump and return");
	CHECK(run4(rs2, "filter", FILTER_LOCAL_IN, "8.8.8.8", "1.0.0.1", 17, 53, 0, "", "") ==
	      FILTER_ACCEPT, "eval: verdict inside a jumped chain");
	CHECK(run4(rs2, "filter", FILTER_LOCAL_IN, "8.8.8.8", "1.0.0.2", 17, 53, 0, "", "") ==
	      FILTER_ACCEPT && policy_cnt(rs2, "INPUT") == 1,
	      "eval: end of a goto chain applies the built-in policy");
	CHECK(run4(rs2, "filter", FILTER_LOCAL_IN, "8.8.8.8", "1.0.0.3", 17, 53, 0, "", "") ==
	      FILTER_DROP && rule_cnt(rs2, "INPUT", 3) == 2,
	      "eval: goto inside a jumped chain returns to the jumping chain");
	filter_ruleset_free(rs2);
}

static void test_standard_part(void)
{
	struct filter_ruleset *rs = load(FILTER_V4,
		"*filter\n:FORWARD DROP [0:0]\n"
		"-A FORWARD -i eth+ ! -o eth1 -p udp -j ACCEPT\n"
		"-A FORWARD ! -p tcp -f -j ACCEPT\n"
		"-A FORWARD -s 1.2.0.0/255.255.0.255 -d 5.6.7.8 -j ACCEPT\n"
		"COMMIT\n");

	CHECK(rs, "eval: standard-part ruleset loads");
	if (!rs)
		return;
	CHECK(run4(rs, "filter", FILTER_FORWARD, "3.3.3.3", "4.4.4.4", 17, 53, 0, "eth7", "eth2") ==
	      FILTER_ACCEPT, "eval: -i wildcard, ! -o, -p udp");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "3.3.3.3", "4.4.4.4", 17, 53, 0, "eth7", "eth1") ==
	      FILTER_DROP, "eval: ! -o excludes its interface");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "3.3.3.3", "4.4.4.4", 17, 53, 0, "wlan0", "eth2") ==
	      FILTER_DROP, "eval: -i wildcard excludes other names");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "3.3.3.3", "4.4.4.4", 17, 53, 0x0010, "x", "y") ==
	      FILTER_ACCEPT, "eval: -f matches a later fragment");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "3.3.3.3", "4.4.4.4", 17, 53, 0x2000, "x", "y") ==
	      FILTER_DROP, "eval: -f does not match a first fragment");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "1.2.9.0", "5.6.7.8", 6, 1, 0, "x", "y") ==
	      FILTER_ACCEPT, "eval: non-contiguous source mask");
	CHECK(run4(rs, "filter", FILTER_FORWARD, "1.2.9.1", "5.6.7.8", 6, 1, 0, "x", "y") ==
	      FILTER_DROP, "eval: non-contiguous mask tests the last byte");
	filter_ruleset_free(rs);
}

static void test_tcp_match(void)
{
	struct filter_ruleset *rs;

	if (!filter_ext_find("tcp", FILTER_EXT_MATCH, FILTER_V4)) {
		printf("skip eval: tcp extension not built\n");
		return;
	}
	rs = load(FILTER_V4, "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
	CHECK(rs, "eval: implicit tcp match loads");
	if (!rs)
		return;
	CHECK(run4(rs, "filter", FILTER_LOCAL_IN, "1.1.1.1", "2.2.2.2", 6, 22, 0, "e", "") ==
	      FILTER_ACCEPT, "eval: --dport 22 matches port 22");
	CHECK(run4(rs, "filter", FILTER_LOCAL_IN, "1.1.1.1", "2.2.2.2", 6, 23, 0, "e", "") ==
	      FILTER_DROP, "eval: --dport 22 refuses port 23");
	filter_ruleset_free(rs);
}

int main(void)
{
	test_policy_and_counters();
	test_jump_return_goto();
	test_standard_part();
	test_tcp_match();
	TEST_EXIT();
}
