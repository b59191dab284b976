/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The chain index (filter/eval_index.c): random rulesets walked with and without it give the same verdicts and counters. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "filter/text.h"
#include "lib/pkt.h"
#include "test.h"

#define N_SETS 150
#define N_PKTS 400
#define N_USER 5

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const ifaces[] = { "eth0", "eth1", "eth10", "eth1.5", "e", "lo", "eth1.55" };
static const char *const rule_ifaces[] = { "eth0", "eth1", "eth10", "eth1.5", "e", "eth+", "eth1+", "lo" };

/* An address of the small pool the packets use too (so that rules match). */
static void addr(char *b, size_t n, bool v6)
{
	if (v6)
		snprintf(b, n, "fd00::%x:%x", rnd(3), rnd(4));
	else
		snprintf(b, n, "10.%u.%u.%u", rnd(2), rnd(3), rnd(4));
}

/* " -s ADDR/LEN" with a varied prefix length, a mask that is no prefix, or '!'. */
static size_t put_addr(char *b, size_t n, const char *opt, bool v6)
{
	static const unsigned len4[] = { 32, 32, 32, 31, 30, 24, 16, 8, 28, 27, 26, 25, 23, 22, 12 };
	static const unsigned len6[] = { 128, 128, 128, 127, 120, 112, 96, 64, 126, 125, 124, 100, 90, 80 };
	char a[64];
	unsigned k = rnd(16);

	addr(a, sizeof(a), v6);
	if (k >= 15)
		return (size_t)snprintf(b, n, " %s %s/%s", opt, a, v6 ? "ffff:0:ffff::" : "255.0.255.0");
	return (size_t)snprintf(b, n, "%s %s %s/%u", rnd(10) ? "" : " !", opt, a,
				v6 ? len6[k % 14] : len4[k]);
}

static size_t put_iface(char *b, size_t n, const char *opt)
{
	return (size_t)snprintf(b, n, "%s %s %s", rnd(8) ? "" : " !", opt,
				rule_ifaces[rnd(sizeof(rule_ifaces) / sizeof(rule_ifaces[0]))]);
}

/* One rule of chain @c (0-2 built-in, 3.. user chain c - 3): jumps only to later user chains. */
static size_t put_rule(char *b, size_t n, const char *name, unsigned c, bool v6)
{
	static const char *const verdicts[] = { "ACCEPT", "DROP", "RETURN" };
	size_t o = (size_t)snprintf(b, n, "-A %s", name);
	unsigned t = rnd(10), u;

	if (rnd(3))
		o += put_addr(b + o, n - o, "-s", v6);
	if (rnd(3))
		o += put_addr(b + o, n - o, "-d", v6);
	if (c != 2 && rnd(3))
		o += put_iface(b + o, n - o, "-i");
	if (c != 0 && rnd(4))
		o += put_iface(b + o, n - o, "-o");
	if (!rnd(4))
		o += (size_t)snprintf(b + o, n - o, "%s -p %s", rnd(5) ? "" : " !", rnd(2) ? "tcp" : "udp");
	u = c < 3 ? 0 : c - 2;   /* first user chain it may jump to */
	if (t < 3 && u < N_USER)
		o += (size_t)snprintf(b + o, n - o, " -%c U%u", t ? 'j' : 'g', u + rnd(N_USER - u));
	else if (t < 8)
		o += (size_t)snprintf(b + o, n - o, " -j %s", verdicts[rnd(c < 3 ? 2 : 3)]);
	return o + (size_t)snprintf(b + o, n - o, "\n");
}

/* A random filter table: INPUT, FORWARD, OUTPUT and user chains U0..U4 of 0-59 rules. */
static char *gen_text(bool v6)
{
	static const char *const names[] = { "INPUT", "FORWARD", "OUTPUT" };
	size_t cap = 1 << 20, o;
	char *b = malloc(cap);
	unsigned c, i, n;

	o = (size_t)snprintf(b, cap, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
	for (c = 0; c < N_USER; c++)
		o += (size_t)snprintf(b + o, cap - o, ":U%u - [0:0]\n", c);
	for (c = 0; c < 3 + N_USER; c++) {
		char name[8];

		if (c < 3)
			snprintf(name, sizeof(name), "%s", names[c]);
		else
			snprintf(name, sizeof(name), "U%u", c - 3);
		n = rnd(60);
		for (i = 0; i < n; i++)
			o += put_rule(b + o, cap - o, name, c, v6);
	}
	snprintf(b + o, cap - o, "COMMIT\n");
	return b;
}

static struct filter_ruleset *load(uint8_t family, const char *text)
{
	struct filter_restore_opts o = { 0 };
	struct filter_ruleset *rs = filter_ruleset_new(family);
	struct filter_error e;

	if (filter_restore(rs, text, strlen(text), &o, &e)) {
		filter_err_print(&e, "filter_index", stdout);
		filter_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* A packet from the address pool (or near it), TCP or UDP. */
static uint32_t packet(uint8_t *b, bool v6)
{
	static const uint8_t head6[8] = { 0x60, 0, 0, 0, 0, 20, 0, 64 };
	static const uint8_t head4[12] = { 0x45, 0, 0, 40, 0, 0, 0, 0, 64, 0, 0, 0 };
	char s[64], d[64];
	uint32_t l3 = v6 ? 40 : 20;

	addr(s, sizeof(s), v6);
	addr(d, sizeof(d), v6);
	memset(b, 0, 128);
	memcpy(b, v6 ? head6 : head4, v6 ? sizeof(head6) : sizeof(head4));
	b[v6 ? 6 : 9] = rnd(2) ? IPPROTO_TCP : IPPROTO_UDP;
	inet_pton(v6 ? AF_INET6 : AF_INET, s, b + (v6 ? 8 : 12));
	inet_pton(v6 ? AF_INET6 : AF_INET, d, b + (v6 ? 24 : 16));
	if (!rnd(8))  /* outside the pool: other high bits */
		b[v6 ? 9 : 13] ^= (uint8_t)(1 + rnd(255));
	b[l3 + 3] = 80;
	b[l3 + 12] = 0x50;
	return l3 + 20;
}

/* Runs one packet through @rs at hook @h with interfaces @in/@out. */
static enum filter_verdict run(struct filter_ruleset *rs, const uint8_t *bytes, uint32_t len, bool v6,
			       enum filter_hook h, const char *in, const char *out)
{
	struct pkt_view pv;
	struct filter_meta meta;
	struct filter_pkt p;

	memset(&meta, 0, sizeof(meta));
	snprintf(meta.in, sizeof(meta.in), "%s", in);
	snprintf(meta.out, sizeof(meta.out), "%s", out);
	pkt_parse(&pv, bytes, len, v6 ? AF_INET6 : AF_INET);
	memset(&p, 0, sizeof(p));
	p.pv = &pv;
	p.meta = &meta;
	p.hook = h;
	p.ctx = rs->ctx;
	return filter_eval(filter_ruleset_table(rs, "filter"), &p);
}

/* Chains of @rs with an index; with @drop, removes them (the walk goes rule by rule). */
static unsigned indexes(struct filter_ruleset *rs, bool drop)
{
	struct filter_table *t = filter_ruleset_table(rs, "filter");
	unsigned i, n = 0;

	for (i = 0; i < t->n_chains; i++) {
		n += t->chains[i]->index != NULL;
		if (drop)
			filter_chain_index_free(t->chains[i]);
	}
	return n;
}

/* True when every rule and policy counter of @a equals @b's. */
static bool same_counters(struct filter_ruleset *a, struct filter_ruleset *b)
{
	struct filter_table *ta = filter_ruleset_table(a, "filter"), *tb = filter_ruleset_table(b, "filter");
	unsigned i, j;

	for (i = 0; i < ta->n_chains; i++) {
		struct filter_chain *ca = ta->chains[i], *cb = tb->chains[i];

		if (ca->pcnt != cb->pcnt || ca->bcnt != cb->bcnt || ca->n_rules != cb->n_rules)
			return false;
		for (j = 0; j < ca->n_rules; j++)
			if (ca->rules[j]->pcnt != cb->rules[j]->pcnt || ca->rules[j]->bcnt != cb->rules[j]->bcnt)
				return false;
	}
	return true;
}

/* The same packets through @a (indexed) and @b (rule by rule); false at the first difference. */
static bool same_walks(struct filter_ruleset *a, struct filter_ruleset *b, bool v6, unsigned *hits)
{
	static const enum filter_hook hooks[] = { FILTER_LOCAL_IN, FILTER_FORWARD, FILTER_LOCAL_OUT };
	uint8_t bytes[128];
	unsigned k;

	for (k = 0; k < N_PKTS; k++) {
		uint32_t len = packet(bytes, v6);
		unsigned hi = rnd(3);
		const char *in = hi == 2 ? "" : ifaces[rnd(7)], *out = hi == 0 ? "" : ifaces[rnd(7)];
		enum filter_verdict va = run(a, bytes, len, v6, hooks[hi], in, out);

		if (va != run(b, bytes, len, v6, hooks[hi], in, out))
			return false;
		*hits += va == FILTER_ACCEPT;
	}
	return same_counters(a, b);
}

/* The last rule of chain @chain of @rs copied to the front (a change after the check: the index goes stale). */
static void insert_front(struct filter_ruleset *rs, unsigned chain)
{
	struct filter_chain *c = filter_ruleset_table(rs, "filter")->chains[chain];
	struct filter_rule *r = c->n_rules ? filter_rule_clone(c->rules[c->n_rules - 1]) : NULL;

	if (r)
		r->jump_to = c->rules[c->n_rules - 1]->jump_to;  /* a clone is unresolved */
	if (r && filter_chain_insert(c, 0, r) < 0)
		filter_rule_free(r, NULL, false);
}

static void test_family(bool v6)
{
	unsigned s, bad = -1u, indexed = 0, stale_bad = -1u, hits = 0;

	for (s = 0; s < N_SETS; s++) {
		char *text = gen_text(v6);
		struct filter_ruleset *a = load(v6 ? FILTER_V6 : FILTER_V4, text);
		struct filter_ruleset *b = load(v6 ? FILTER_V6 : FILTER_V4, text);

		free(text);
		if (!a || !b) {
			bad = s;
			filter_ruleset_free(a);
			filter_ruleset_free(b);
			break;
		}
		indexed += indexes(a, false);
		indexes(b, true);
		if (bad == -1u && !same_walks(a, b, v6, &hits))
			bad = s;
		insert_front(a, s % 3);
		insert_front(b, s % 3);
		if (stale_bad == -1u && !same_walks(a, b, v6, &hits))
			stale_bad = s;
		filter_ruleset_free(a);
		filter_ruleset_free(b);
	}
	CHECK(indexed > N_SETS, "filter_index: IPv%d: chains indexed (%u in %u tables)", v6 ? 6 : 4,
	      indexed, N_SETS);
	CHECK(hits > N_SETS && hits < 2 * N_SETS * N_PKTS, "filter_index: IPv%d: mixed verdicts (%u accepted)",
	      v6 ? 6 : 4, hits);
	CHECK(bad == -1u, "filter_index: IPv%d: %u random tables x %u packets: verdicts and counters "
	      "equal with and without the index (first difference: table %d)", v6 ? 6 : 4, N_SETS, N_PKTS,
	      (int)bad);
	CHECK(stale_bad == -1u, "filter_index: IPv%d: a chain changed after the check is walked rule by rule "
	      "(first difference: table %d)", v6 ? 6 : 4, (int)stale_bad);
}

int main(void)
{
	test_family(false);
	test_family(true);
	TEST_EXIT();
}
