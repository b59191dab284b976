// SPDX-License-Identifier: GPL-2.0-or-later
/* Policy routing in the host model: `ip -j rule` and `ip -j route show table all` from a namespace, checked against its `ip route get`. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel/host.h"
#include "kernel/host_priv.h"
#include "test.h"

/*
 * Captured in a throw-away namespace (lifetimes, qdisc and broadcast
 * entries left out): veth d0 10.1.0.1/24, d1 10.2.0.1/24, main default via
 * 10.2.0.9 dev d1; table 100: 10.50/16 dev d1, default via 10.1.0.9 dev d0;
 * 150: default dev d0; 200: blackhole 10.60/16, throw 10.61/16, 10.62/16
 * dev d0; 310: default dev d0. Rules:
 *   100: from 10.7.0.0/24 lookup 100
 *   150: from 10.8.0.0/24 lookup 150 suppress_prefixlength 0
 *   200: from all fwmark 0x5/0xff lookup 200
 *   300: from all to 10.70.0.0/16 iif d1 prohibit
 *   301: from all to 10.71.0.0/16 oif d0 unreachable
 *   310: not from all to 10.0.0.0/8 lookup 310
 */
static const char addr_json[] =
	"[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],\"mtu\":65536,\"addr_info\":[{\"family\":"
	"\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":\"host\",\"label\":\"lo\"}]},{\"ifindex\":2,\"link\":\"d0\",\"if"
	"name\":\"d1\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\"address\":\"de:6f:ae:0b:66:20"
	"\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.2.0.1\",\"prefixlen\":24,\"scope\":\"global\",\"label\":\"d1\"}]},{"
	"\"ifindex\":3,\"link\":\"d1\",\"ifname\":\"d0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500,\""
	"address\":\"22:fb:c2:5c:90:27\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.1.0.1\",\"prefixlen\":24,\"scope\""
	":\"global\",\"label\":\"d0\"}]}]";
static const char route_json[] =
	"[{\"dst\":\"default\",\"dev\":\"d0\",\"table\":\"310\",\"scope\":\"link\",\"flags\":[]},{\"dst\":\"default\",\"gateway\":\"10"
	".1.0.9\",\"dev\":\"d0\",\"table\":\"100\",\"flags\":[]},{\"dst\":\"10.50.0.0/16\",\"dev\":\"d1\",\"table\":\"100\",\"scope\":"
	"\"link\",\"flags\":[]},{\"dst\":\"default\",\"dev\":\"d0\",\"table\":\"150\",\"scope\":\"link\",\"flags\":[]},{\"type\":\"bla"
	"ckhole\",\"dst\":\"10.60.0.0/16\",\"table\":\"200\",\"flags\":[]},{\"type\":\"throw\",\"dst\":\"10.61.0.0/16\",\"table\":"
	"\"200\",\"flags\":[]},{\"dst\":\"10.62.0.0/16\",\"dev\":\"d0\",\"table\":\"200\",\"scope\":\"link\",\"flags\":[]},{\"dst\":\""
	"default\",\"gateway\":\"10.2.0.9\",\"dev\":\"d1\",\"flags\":[]},{\"dst\":\"10.1.0.0/24\",\"dev\":\"d0\",\"protocol\":\"ker"
	"nel\",\"scope\":\"link\",\"prefsrc\":\"10.1.0.1\",\"flags\":[]},{\"dst\":\"10.2.0.0/24\",\"dev\":\"d1\",\"protocol\":\"ker"
	"nel\",\"scope\":\"link\",\"prefsrc\":\"10.2.0.1\",\"flags\":[]},{\"type\":\"local\",\"dst\":\"10.1.0.1\",\"dev\":\"d0\",\"ta"
	"ble\":\"local\",\"protocol\":\"kernel\",\"scope\":\"host\",\"prefsrc\":\"10.1.0.1\",\"flags\":[]},{\"type\":\"local\",\"ds"
	"t\":\"10.2.0.1\",\"dev\":\"d1\",\"table\":\"local\",\"protocol\":\"kernel\",\"scope\":\"host\",\"prefsrc\":\"10.2.0.1\",\"fl"
	"ags\":[]},{\"dst\":\"fe80::/64\",\"dev\":\"d0\",\"protocol\":\"kernel\",\"metric\":256,\"flags\":[],\"pref\":\"medium\"}]";
static const char rule_json[] =
	"[{\"priority\":0,\"src\":\"all\",\"table\":\"local\"},{\"priority\":100,\"src\":\"10.7.0.0\",\"srclen\":24,\"table\":\"10"
	"0\"},{\"priority\":150,\"src\":\"10.8.0.0\",\"srclen\":24,\"table\":\"150\",\"suppress_prefixlen\":0},{\"priority\":2"
	"00,\"src\":\"all\",\"fwmark\":\"0x5\",\"fwmask\":\"0xff\",\"table\":\"200\"},{\"priority\":300,\"src\":\"all\",\"dst\":\"10.7"
	"0.0.0\",\"dstlen\":16,\"iif\":\"d1\",\"action\":\"prohibit\"},{\"priority\":301,\"src\":\"all\",\"dst\":\"10.71.0.0\",\"ds"
	"tlen\":16,\"oif\":\"d0\",\"action\":\"unreachable\"},{\"priority\":310,\"not\":null,\"src\":\"all\",\"dst\":\"10.0.0.0\","
	"\"dstlen\":8,\"table\":\"310\"},{\"priority\":32766,\"src\":\"all\",\"table\":\"main\"},{\"priority\":32767,\"src\":\"all"
	"\",\"table\":\"default\"}]";
static const char rule_text[] =
	"0:\tfrom all lookup local\n"
	"100:\tfrom 10.7.0.0/24 lookup 100\n"
	"150:\tfrom 10.8.0.0/24 lookup 150 suppress_prefixlength 0\n"
	"200:\tfrom all fwmark 0x5/0xff lookup 200\n"
	"300:\tfrom all to 10.70.0.0/16 iif d1 prohibit\n"
	"301:\tfrom all to 10.71.0.0/16 oif d0 unreachable\n"
	"310:\tnot from all to 10.0.0.0/8 lookup 310\n"
	"32766:\tfrom all lookup main\n"
	"32767:\tfrom all lookup default\n";

static const uint8_t *ip(const char *s)
{
	static uint8_t b[4][16];
	static unsigned n;
	uint8_t *p = b[n++ % 4];

	memset(p, 0, 16);
	inet_pton(AF_INET, s, p);
	return p;
}

/* `ip route get DST from SRC iif IIF mark MARK` in the namespace -> want
 * ("INPUT", "DROP" or the out device). */
static const struct {
	const char *dst, *src, *iif;
	uint32_t mark;
	const char *want;
} rows[] = {
	{ "10.50.1.1", "10.7.0.5", "d0", 0, "d1" },    /* table 100 */
	{ "10.99.1.1", "10.7.0.5", "d0", 0, "d0" },    /* table 100 default */
	{ "10.99.1.1", "10.6.0.5", "d0", 0, "d1" },    /* main */
	{ "10.99.1.1", "10.8.0.5", "d0", 0, "d1" },    /* default of 150 suppressed: main */
	{ "10.60.1.1", "10.6.0.5", "d0", 0x105, "DROP" }, /* mark & 0xff: blackhole of 200 */
	{ "10.61.1.1", "10.6.0.5", "d0", 5, "d1" },    /* throw: on to main */
	{ "10.62.1.1", "10.6.0.5", "d0", 5, "d0" },    /* table 200 */
	{ "10.62.1.1", "10.6.0.5", "d0", 6, "d1" },    /* mark 6: main */
	{ "10.70.1.1", "10.6.0.5", "d1", 0, "DROP" },  /* prohibit from d1 */
	{ "10.70.1.1", "10.6.0.5", "d0", 0, "d1" },
	{ "192.0.2.1", "10.6.0.5", "d1", 0, "d0" },    /* not to 10/8: table 310 */
	{ "10.2.0.1", "10.7.0.5", "d0", 0, "INPUT" },  /* local table first */
};

static bool row_ok(const struct host *h, unsigned i)
{
	const struct host_flow fl = { .src = ip(rows[i].src), .iif = rows[i].iif, .mark = rows[i].mark };
	char out[IFNAMSIZ];
	enum host_input in = host_route_input_flow(h, AF_INET, ip(rows[i].dst), &fl, out);

	if (!strcmp(rows[i].want, "INPUT"))
		return in == HOST_IN_LOCAL;
	if (!strcmp(rows[i].want, "DROP"))
		return in == HOST_IN_DROP;
	return in == HOST_IN_FORWARD && !strcmp(out, rows[i].want);
}

static struct host *load(const char *rules, size_t len, struct ulog_err *err, int *rc)
{
	struct host *h = host_new();

	*rc = host_load_addr(h, addr_json, sizeof(addr_json) - 1, "addr.json", err);
	*rc |= host_load_route(h, route_json, sizeof(route_json) - 1, "route.json", err);
	if (rules)
		*rc |= host_load_rule(h, rules, len, "rule", err);
	return h;
}

static void input(const char *what, const char *rules, size_t len)
{
	struct ulog_err err;
	unsigned i;
	int rc;
	struct host *h;

	ulog_err_clear(&err);
	h = load(rules, len, &err, &rc);
	CHECK(rc == 0 && h->n_rules == 9, "host rules %s: read, 9 rules (%s)", what, err.msg);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		CHECK(row_ok(h, i), "host rules %s: %s from %s iif %s mark %#x -> %s", what, rows[i].dst,
		      rows[i].src, rows[i].iif, rows[i].mark, rows[i].want);
	host_free(h);
}

/* Output (iif lo, no source) and the reverse path check see the rules too. */
static void output_rpf(void)
{
	struct ulog_err err;
	char out[IFNAMSIZ];
	int rc;
	struct host *h = load(rule_json, sizeof(rule_json) - 1, &err, &rc);

	CHECK(host_route_output(h, AF_INET, ip("192.0.2.1"), out) == 0 && !strcmp(out, "d0"),
	      "host rules: output to 192.0.2.1 by table 310 (ip route get: dev d0 table 310)");
	CHECK(host_route_output(h, AF_INET, ip("10.71.0.1"), out) == 0 && !strcmp(out, "d1"),
	      "host rules: an oif rule does not match a lookup without oif");
	CHECK(host_route_output_flow(h, AF_INET, ip("10.99.0.1"), ip("10.7.0.9"), 0, out) == 0 &&
	      !strcmp(out, "d0"), "host rules: output from 10.7.0.9 by table 100");
	/* 10.99.0.7 arriving on d0: the reverse route is d0 only to 10.7/24 (table 100) */
	CHECK(!host_rpf_check(h, AF_INET, ip("10.99.0.7"), ip("10.1.0.1"), "d0", 0, 0) &&
	      host_rpf_check(h, AF_INET, ip("10.99.0.7"), ip("10.7.0.1"), "d0", 0, 0),
	      "host rules: rpfilter's reverse lookup is from the packet's destination");
	CHECK(host_rpf_check(h, AF_INET, ip("10.62.0.7"), ip("10.6.0.1"), "d0", 5, 2) &&
	      !host_rpf_check(h, AF_INET, ip("10.62.0.7"), ip("10.6.0.1"), "d0", 5, 0),
	      "host rules: rpfilter --validmark uses the mark");
	host_free(h);
}

/* No rule file: main only, other tables ignored, as before. */
static void without_rules(void)
{
	struct ulog_err err;
	char out[IFNAMSIZ];
	int rc;
	struct host *h = load(NULL, 0, &err, &rc);
	const struct host_flow fl = { .src = ip("10.7.0.5"), .iif = "d0" };

	CHECK(rc == 0 && host_route_input_flow(h, AF_INET, ip("10.50.1.1"), &fl, out) == HOST_IN_FORWARD &&
	      !strcmp(out, "d1") && host_route_input(h, AF_INET, ip("10.60.1.1"), out) == HOST_IN_FORWARD &&
	      host_route_input(h, AF_INET, ip("192.0.2.1"), out) == HOST_IN_FORWARD && !strcmp(out, "d1"),
	      "host rules: without rules other tables are not used");
	CHECK(host_is_rule_listing(rule_json) && host_is_rule_listing(rule_text) &&
	      !host_is_rule_listing(route_json) && !host_is_rule_listing(addr_json) &&
	      !host_is_rule_listing("1: lo: <LOOPBACK,UP> mtu 65536\n"),
	      "host rules: rule listings told apart from addr and route listings");
	CHECK(host_load_rule(h, "0:\tfrom all frobnicate 3\n", 23, "bad.txt", &err) == -EINVAL &&
	      err.line == 1 && strstr(err.msg, "bad.txt"), "host rules: an unknown rule word is an error (%s)",
	      err.msg);
	CHECK(host_load_rule(h, "[{\"src\":\"all\"}]", 15, "bad.json", &err) == -EINVAL,
	      "host rules: a JSON rule without priority is an error");
	host_free(h);
}

/* A flow of host_rules' namespace, drawn from what its rules tell apart (and what they do not). */
static void random_flow(unsigned *seed, uint8_t *src, uint8_t *dst, struct host_flow *fl)
{
	static const char *const devs[] = { NULL, "", "d0", "d1", "lo", "eth9" };
	static const uint8_t nets[][2] = { { 10, 7 }, { 10, 8 }, { 10, 6 }, { 10, 50 }, { 10, 60 }, { 10, 61 },
					   { 10, 62 }, { 10, 70 }, { 10, 71 }, { 10, 2 }, { 192, 0 } };
	static const uint32_t marks[] = { 0, 5, 6, 0x105, 0x5000 };
	unsigned r = (unsigned)rand_r(seed), q = (unsigned)rand_r(seed);

	memcpy(src, nets[r % 3], 2);
	src[2] = (uint8_t)(r >> 8 & 1);
	src[3] = (uint8_t)(r >> 9);
	memcpy(dst, nets[q % 11], 2);
	dst[2] = (uint8_t)(q >> 4 & 3);
	dst[3] = (uint8_t)(q >> 6);
	fl->src = r >> 20 & 7 ? src : NULL;
	fl->iif = devs[(r >> 12) % 6];
	fl->oif = devs[(q >> 14) % 3 * 2 % 6];
	fl->mark = marks[(q >> 20) % 5];
}

/* @n random flows, each looked up twice: the memo's answers are the walk's. */
static bool memo_equals_walk(const struct host *h, unsigned n, unsigned seed)
{
	uint8_t src[16] = { 0 }, dst[16] = { 0 };
	struct host_flow fl;
	unsigned i;

	for (i = 0; i < n; i++) {
		random_flow(&seed, src, dst, &fl);
		if (host_route_lookup_flow(h, AF_INET, dst, &fl) != host_rule_walk(h, AF_INET, dst, &fl) ||
		    host_route_lookup_flow(h, AF_INET, dst, &fl) != host_rule_walk(h, AF_INET, dst, &fl))
			return false;
	}
	return true;
}

/* The rule memo: a hit answers as the walk does; rules, routes and addresses added forget it. */
static void memo(void)
{
	struct ulog_err err;
	char out[IFNAMSIZ];
	int rc;
	struct host *h = load(rule_json, sizeof(rule_json) - 1, &err, &rc);
	uint8_t src[16] = { 10, 6, 0, 5 };
	const struct host_flow fl = { .src = src, .iif = "d0" };
	struct host_rule r = { .family = AF_INET, .priority = 50, .dst_len = 16, .suppress_plen = -1,
			       .action = HOST_RULE_BLACKHOLE };
	struct host_route rt = { .family = AF_INET, .plen = 24, .type = HOST_RTN_UNICAST };
	struct host_addr a = { .family = AF_INET, .plen = 32, .ifindex = 3, .scope = "global" };
	uint64_t hits, misses, hits0;

	host_rule_memo_stats(h, &hits0, &misses);
	CHECK(rc == 0 && memo_equals_walk(h, 200000, 1),
	      "host rules memo: 200000 random flows, each twice: the walk's answers");
	host_rule_memo_stats(h, &hits, &misses);
	CHECK(hits - hits0 >= 200000 && misses > 0 && misses < 200000,
	      "host rules memo: the second lookups are hits (%llu hits, %llu misses)", (unsigned long long)hits,
	      (unsigned long long)misses);

	host_route_input_flow(h, AF_INET, ip("10.99.1.1"), &fl, out);
	host_rule_memo_stats(h, &hits0, &misses);
	CHECK(host_route_input_flow(h, AF_INET, ip("10.99.1.1"), &fl, out) == HOST_IN_FORWARD &&
	      !strcmp(out, "d1") && (host_rule_memo_stats(h, &hits, &misses), hits == hits0 + 2),
	      "host rules memo: 10.99.1.1 by main via d1, a hit (and the source check's reverse lookup)");
	inet_pton(AF_INET, "10.99.1.0", rt.dst);
	rt.ifindex = host_if_by_name(h, "d0")->index;
	CHECK(host_route_add(h, &rt) == 0 &&
	      host_route_input_flow(h, AF_INET, ip("10.99.1.1"), &fl, out) == HOST_IN_FORWARD && !strcmp(out, "d0"),
	      "host rules memo: a route added to main is seen (10.99.1.0/24 dev d0)");
	inet_pton(AF_INET, "10.99.0.0", r.dst);
	CHECK(host_rule_add(h, &r) == 0 &&
	      host_route_input_flow(h, AF_INET, ip("10.99.1.1"), &fl, out) == HOST_IN_DROP,
	      "host rules memo: a rule added is seen (50: to 10.99/16 blackhole)");
	inet_pton(AF_INET, "10.98.0.1", a.addr);
	host_route_input_flow(h, AF_INET, ip("10.98.0.1"), &fl, out);
	CHECK(host_addr_add(h, &a) == 0 &&
	      host_route_input_flow(h, AF_INET, ip("10.98.0.1"), &fl, out) == HOST_IN_LOCAL,
	      "host rules memo: an address added is seen (10.98.0.1 local)");

	/* interfaces named by rules are told apart, others alike; more than the memo keeps: no memo */
	r.priority = 40;
	r.dst_len = 0;
	r.action = HOST_RULE_PROHIBIT;
	memcpy(r.iif, "eth9", 5);
	CHECK(host_rule_add(h, &r) == 0 && memo_equals_walk(h, 20000, 2),
	      "host rules memo: an iif rule for eth9: the walk's answers");
	for (rc = 0; rc < 10; rc++) {
		snprintf(r.iif, sizeof(r.iif), "x%d", rc);
		host_rule_add(h, &r);
	}
	host_rule_memo_stats(h, &hits0, &misses);
	CHECK(memo_equals_walk(h, 20000, 3) && (host_rule_memo_stats(h, &hits, &misses), hits == hits0),
	      "host rules memo: rules naming 11 in interfaces: every lookup walks");
	host_free(h);
}

int main(void)
{
	input("json", rule_json, sizeof(rule_json) - 1);
	input("text", rule_text, sizeof(rule_text) - 1);
	output_rpf();
	without_rules();
	memo();
	TEST_EXIT();
}
