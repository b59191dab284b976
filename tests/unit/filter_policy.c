/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The policy match on given IPsec transforms (filter_meta sp_in/sp_out): xt_policy's element tests and walks. */
/*
 * This kernel has no ESP, AH or IPcomp (no xfrm type can be installed), so the
 * kernel's own verdicts cannot be taken here (see filter/ext/README.md); these
 * cases hold the facts of net/netfilter/xt_policy.c: an element holds when
 * every test it names holds (a "!" test when it fails); without --strict any
 * transform matching the first element matches; with --strict the counts are
 * equal and element k holds for the k-th transform of the walk, inbound from
 * the secpath's last transform, outbound from the bundle's first; no
 * transforms at all is "--pol none".
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "filter/text.h"
#include "lib/pkt.h"
#include "test.h"

/* A UDP packet 10.0.0.1 -> 10.0.0.2 (or 2001:db8::1 -> ::2) without payload. */
static uint32_t udp_packet(uint8_t *b, bool v6)
{
	memset(b, 0, 64);
	if (v6) {
		b[0] = 0x60;
		b[5] = 8;
		b[6] = IPPROTO_UDP;
		b[7] = 64;
		inet_pton(AF_INET6, "2001:db8::1", b + 8);
		inet_pton(AF_INET6, "2001:db8::2", b + 24);
		b[45] = 8;
		return 48;
	}
	b[0] = 0x45;
	b[3] = 28;
	b[8] = 64;
	b[9] = IPPROTO_UDP;
	inet_pton(AF_INET, "10.0.0.1", b + 12);
	inet_pton(AF_INET, "10.0.0.2", b + 16);
	b[25] = 8;
	return 28;
}

/* A transform: "esp"/"ah"/"ipcomp", mode 0/1, spi, reqid, outer source and destination. */
static struct filter_xfrm xf(const char *proto, uint8_t mode, uint32_t spi, uint32_t reqid,
			     const char *src, const char *dst)
{
	struct filter_xfrm x = { .mode = mode, .spi = spi, .reqid = reqid };
	int af = strchr(src, ':') ? AF_INET6 : AF_INET;

	x.proto = !strcmp(proto, "esp") ? IPPROTO_ESP : !strcmp(proto, "ah") ? IPPROTO_AH : 108;
	inet_pton(af, src, x.saddr);
	inet_pton(af, dst, x.daddr);
	return x;
}

/*
 * Whether "-m policy OPTS" matches a packet that came through (@out false:
 * INPUT, sp_in) or will go through (@out true: OUTPUT, sp_out) the @n
 * transforms @xs (NULL with @n > 0: only their number is known). The other
 * direction gets @other transforms of unknown detail. -1 if the rule does not load.
 */
static int hit(bool v6, bool out, const char *opts, const struct filter_xfrm *xs, unsigned n,
	       unsigned other)
{
	char text[1024];
	struct filter_restore_opts o = { 0 };
	struct filter_ruleset *rs = filter_ruleset_new(v6 ? FILTER_V6 : FILTER_V4);
	struct filter_meta meta = { 0 };
	struct filter_pkt p = { 0 };
	struct filter_error e;
	struct pkt_view pv;
	uint8_t bytes[64];
	int v;

	snprintf(text, sizeof(text), "*filter\n-A %s -m policy %s -j DROP\nCOMMIT\n",
		 out ? "OUTPUT" : "INPUT", opts);
	if (!rs || filter_restore(rs, text, strlen(text), &o, &e)) {
		if (rs)
			filter_err_print(&e, "filter_policy", stdout);
		filter_ruleset_free(rs);
		return -1;
	}
	pkt_parse(&pv, bytes, udp_packet(bytes, v6), v6 ? AF_INET6 : AF_INET);
	*(out ? &meta.sp_out : &meta.sp_in) = xs;
	*(out ? &meta.sp_out_len : &meta.sp_in_len) = (uint8_t)n;
	*(out ? &meta.sp_in_len : &meta.sp_out_len) = (uint8_t)other;
	p.pv = &pv;
	p.meta = &meta;
	p.hook = out ? FILTER_LOCAL_OUT : FILTER_LOCAL_IN;
	p.ctx = rs->ctx;
	v = filter_eval(filter_ruleset_table(rs, "filter"), &p);
	filter_ruleset_free(rs);
	return v == FILTER_DROP;
}

#define IN4(opts, xs, n) hit(false, false, opts, xs, n, 0)
#define OUT4(opts, xs, n) hit(false, true, opts, xs, n, 0)

static void test_pol(void)
{
	struct filter_xfrm esp = xf("esp", 0, 0x10, 1, "10.9.0.1", "10.9.0.2");

	CHECK(IN4("--dir in --pol ipsec", &esp, 1) == 1, "in ipsec: one transform");
	CHECK(IN4("--dir in --pol ipsec", NULL, 0) == 0, "in ipsec: no secpath");
	CHECK(IN4("--dir in --pol none", NULL, 0) == 1, "in none: no secpath");
	CHECK(IN4("--dir in --pol none", &esp, 1) == 0, "in none: one transform");
	CHECK(hit(false, false, "--dir in --pol none", NULL, 0, 2) == 1,
	      "in none: outbound transforms do not count");
	CHECK(IN4("--dir in --pol ipsec", NULL, 1) == 1, "in ipsec: transform details unknown");
	CHECK(IN4("--dir in --pol ipsec --spi 0x10", NULL, 1) == 0,
	      "in spi: transform details unknown never match a test");
}

static void test_tests(void)
{
	struct filter_xfrm s10 = xf("esp", 0, 0x10, 1, "10.9.0.1", "10.9.0.2");
	struct filter_xfrm s11 = xf("esp", 0, 0x11, 1, "10.9.0.1", "10.9.0.2");
	struct filter_xfrm two[2] = { xf("ah", 0, 0x11, 2, "10.9.0.1", "10.9.0.2"), s10 };
	struct filter_xfrm tun = xf("esp", 1, 0x20, 1, "1.2.3.9", "5.6.7.8");
	struct filter_xfrm tun_far = xf("esp", 1, 0x20, 1, "1.2.4.1", "5.6.7.8");
	struct filter_xfrm tun_dst = xf("esp", 1, 0x20, 1, "1.2.3.9", "5.6.7.9");
	struct filter_xfrm comp = xf("ipcomp", 0, 0x30, 1, "10.9.0.1", "10.9.0.2");

	CHECK(IN4("--dir in --pol ipsec --spi 0x10", &s10, 1) == 1, "spi equal");
	CHECK(IN4("--dir in --pol ipsec --spi 0x10", &s11, 1) == 0, "spi other");
	CHECK(IN4("--dir in --pol ipsec --spi 0x10", two, 2) == 1, "spi: any transform (not strict)");
	CHECK(IN4("--dir in --pol ipsec ! --spi 0x10", &s10, 1) == 0, "! spi equal");
	CHECK(IN4("--dir in --pol ipsec ! --spi 0x10", &s11, 1) == 1, "! spi other");
	CHECK(IN4("--dir in --pol ipsec ! --spi 0x10", two, 2) == 1, "! spi: one transform differs");
	CHECK(IN4("--dir in --pol ipsec --reqid 1 --proto esp --mode tunnel", &tun, 1) == 1,
	      "reqid proto mode all hold");
	CHECK(IN4("--dir in --pol ipsec --reqid 2 --proto esp --mode tunnel", &tun, 1) == 0, "reqid other");
	CHECK(IN4("--dir in --pol ipsec --reqid 1 --proto ah --mode tunnel", &tun, 1) == 0, "proto other");
	CHECK(IN4("--dir in --pol ipsec --reqid 1 --proto esp --mode transport", &tun, 1) == 0,
	      "mode other");
	CHECK(IN4("--dir in --pol ipsec ! --proto ah", &tun, 1) == 1, "! proto other");
	CHECK(IN4("--dir in --pol ipsec --proto ipcomp", &comp, 1) == 1, "proto ipcomp");
	CHECK(IN4("--dir in --pol ipsec --mode tunnel --tunnel-src 1.2.3.0/24 --tunnel-dst 5.6.7.8",
		  &tun, 1) == 1, "tunnel-src prefix and tunnel-dst host");
	CHECK(IN4("--dir in --pol ipsec --mode tunnel --tunnel-src 1.2.3.0/24 --tunnel-dst 5.6.7.8",
		  &tun_far, 1) == 0, "tunnel-src outside the prefix");
	CHECK(IN4("--dir in --pol ipsec --mode tunnel --tunnel-src 1.2.3.0/24 --tunnel-dst 5.6.7.8",
		  &tun_dst, 1) == 0, "tunnel-dst other");
	CHECK(IN4("--dir in --pol ipsec --mode tunnel ! --tunnel-src 1.2.3.0/24", &tun, 1) == 0,
	      "! tunnel-src inside");
	CHECK(IN4("--dir in --pol ipsec --mode tunnel ! --tunnel-src 1.2.3.0/24", &tun_far, 1) == 1,
	      "! tunnel-src outside");
}

static void test_strict(void)
{
	struct filter_xfrm esp = xf("esp", 0, 0x10, 1, "10.9.0.1", "10.9.0.2");
	struct filter_xfrm ah = xf("ah", 0, 0x11, 1, "10.9.0.1", "10.9.0.2");
	struct filter_xfrm ah_esp[2] = { ah, esp }, esp_ah[2] = { esp, ah }, three[3] = { ah, esp, esp };
	const char *rule = "--dir in --pol ipsec --strict --proto esp --next --proto ah";
	const char *orule = "--dir out --pol ipsec --strict --proto esp --next --proto ah";

	CHECK(IN4(rule, ah_esp, 2) == 1, "strict in: first element is the secpath's last transform");
	CHECK(IN4(rule, esp_ah, 2) == 0, "strict in: order reversed");
	CHECK(IN4(rule, &esp, 1) == 0, "strict in: fewer transforms than elements");
	CHECK(IN4(rule, three, 3) == 0, "strict in: more transforms than elements");
	CHECK(IN4("--dir in --pol ipsec --strict --spi 0x10", &esp, 1) == 1, "strict in: one element");
	CHECK(IN4("--dir in --pol ipsec --strict --spi 0x10", esp_ah, 2) == 0,
	      "strict in: one element, two transforms");
	CHECK(OUT4(orule, esp_ah, 2) == 1, "strict out: first element is the bundle's first transform");
	CHECK(OUT4(orule, ah_esp, 2) == 0, "strict out: order reversed");
	CHECK(OUT4(orule, three, 3) == 0, "strict out: more transforms than elements");
}

static void test_out_v6(void)
{
	struct filter_xfrm esp = xf("esp", 0, 5, 1, "10.9.0.1", "10.9.0.2");
	struct filter_xfrm t6 = xf("esp", 1, 7, 3, "2001:db8::5", "2001:db8:1::1");
	struct filter_xfrm t6far = xf("esp", 1, 7, 3, "2001:db9::1", "2001:db8:1::1");

	CHECK(OUT4("--dir out --pol ipsec --spi 5", &esp, 1) == 1, "out spi");
	CHECK(hit(false, true, "--dir out --pol ipsec --spi 5", NULL, 0, 1) == 0,
	      "out: inbound transforms do not count");
	CHECK(hit(false, true, "--dir out --pol none", NULL, 0, 1) == 1, "out none: no bundle");
	CHECK(hit(true, false, "--dir in --pol ipsec --mode tunnel --tunnel-src 2001:db8::/64", &t6, 1, 0)
	      == 1, "v6 tunnel-src prefix");
	CHECK(hit(true, false, "--dir in --pol ipsec --mode tunnel --tunnel-src 2001:db8::/64", &t6far,
		  1, 0) == 0, "v6 tunnel-src outside");
	CHECK(hit(true, false, "--dir in --pol ipsec --reqid 3 --tunnel-dst 2001:db8:1::1 --mode tunnel",
		  &t6, 1, 0) == 1, "v6 reqid and tunnel-dst");
}

int main(void)
{
	test_pol();
	test_tests();
	test_strict();
	test_out_v6();
	return test_failures ? 1 : 0;
}
