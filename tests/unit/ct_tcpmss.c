// SPDX-License-Identifier: GPL-2.0-or-later
/* TCPMSS through the hooks: the MSS option lowered or added (+4 bytes seen by later rules), checksums kept valid. */
#include "ct_hooks_env.h"

#define T0 (1700000000ull * 1000000000ull)

static const char rules[] =
	"*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	":POSTROUTING ACCEPT [0:0]\n"
	"-A FORWARD -p tcp --dport 81 --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400\n"
	"-A FORWARD -p tcp --dport 81\n"
	"-A POSTROUTING -o eth1.96 -p tcp --dport 80 --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n"
	"-A POSTROUTING -p tcp --dport 80\n"
	"COMMIT\n";

static struct filter_rule *rule(struct hooks_env *e, const char *chain, unsigned n)
{
	return hooks_env_rule(e, "mangle", chain, n);
}

/* One's-complement sum of IPv4 TCP's pseudo-header and segment: 0xffff if the checksum is right. */
static uint16_t tcp_sum(const uint8_t *ip, uint32_t len)
{
	uint32_t s = 0, i, l4 = len - 20;

	for (i = 12; i < 20; i += 2)
		s += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	s += IPPROTO_TCP + l4;
	for (i = 20; i + 1 < len; i += 2)
		s += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	if (i < len)
		s += (uint32_t)ip[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

static uint16_t ip_sum(const uint8_t *ip)
{
	uint32_t s = 0, i;

	for (i = 0; i < 20; i += 2)
		s += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* Fills in valid TCP and IP checksums. */
static void seal(struct tpkt *p)
{
	put16(p->b + 10, 0);
	put16(p->b + 10, (uint16_t)~ip_sum(p->b));
	put16(p->b + 36, 0);
	put16(p->b + 36, (uint16_t)~tcp_sum(p->b, p->len));
	tp_parse(p);
}

/* Forwards @p from eth0 (to 131.159.14.50: out eth1.96) into @b. */
static enum filter_verdict fwd(struct hooks_env *e, struct tpkt *p, struct pktbuf *b)
{
	seal(p);
	return hooks_env_in(e, p, "eth0", T0, b);
}

static bool sums_ok(const struct pktbuf *b)
{
	return ip_sum(b->data) == 0xffff && tcp_sum(b->data, b->len) == 0xffff;
}

int main(void)
{
	static const uint8_t mss1460[4] = { 2, 4, 0x05, 0xb4 }, mss1200[8] = { 1, 1, 2, 4, 0x04, 0xb0, 1, 1 };
	struct hooks_env e;
	struct tpkt p, orig;
	struct pktbuf b;

	if (!hooks_env_open(&e, "tcpmss", rules, 0))
		TEST_EXIT();

	/* --set-mss 1400 on a SYN without options: one added, at most 536 */
	mk_tcp(&p, "192.168.213.77", 33000, "131.159.14.50", 81, 1, 0, TH_SYN, 64240, 0);
	seal(&p);
	orig = p;
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.len == 44 && b.pv.tot_len == 44 &&
	      (b.data[32] >> 4) == 6 && !memcmp(b.data + 40, "\x02\x04\x02\x18", 4) && sums_ok(&b),
	      "tcpmss: a SYN without MSS gets MSS 536 (4 bytes more, data offset 6, checksums valid)");
	CHECK(rule(&e, "FORWARD", 0)->bcnt == 40 && rule(&e, "FORWARD", 1)->bcnt == 44 &&
	      rule(&e, "POSTROUTING", 1) && rule(&e, "POSTROUTING", 1)->bcnt == 0,
	      "tcpmss: the TCPMSS rule counts 40 bytes, the next rule 44");
	CHECK(!memcmp(p.b, orig.b, p.len) && p.len == 40 && b.data != p.b,
	      "tcpmss: the caller's bytes are left as they were (copy on write)");

	/* --set-mss 1400 lowers 1460, keeps 1200 */
	mk_tcp_opt(&p, "192.168.213.77", 33001, "131.159.14.50", 81, 1, 0, TH_SYN, 64240, 0, mss1460, 4);
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.len == 44 && b.data[42] == 0x05 && b.data[43] == 0x78 &&
	      sums_ok(&b), "tcpmss: MSS 1460 lowered to 1400, checksum valid");
	mk_tcp_opt(&p, "192.168.213.77", 33002, "131.159.14.50", 81, 1, 0, TH_SYN, 64240, 0, mss1200, 8);
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.len == 48 && b.data == p.b && b.data[44] == 0x04 &&
	      b.data[45] == 0xb0, "tcpmss: MSS 1200 is never raised to 1400 (packet untouched)");

	/* a SYN with data gets no option */
	mk_tcp(&p, "192.168.213.77", 33003, "131.159.14.50", 81, 1, 0, TH_SYN, 64240, 10);
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.len == 50 && b.data == p.b,
	      "tcpmss: a SYN with data is left as it is");

	/* --clamp-mss-to-pmtu: eth1.96 and the route back via eth0 have MTU 1500: 1460 */
	mk_tcp_opt(&p, "192.168.213.77", 33004, "131.159.14.50", 80, 1, 0, TH_SYN, 64240, 0,
		   (const uint8_t *)"\x02\x04\x23\x28", 4);
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.data[42] == 0x05 && b.data[43] == 0xb4 && sums_ok(&b) &&
	      rule(&e, "POSTROUTING", 1)->bcnt == 44,
	      "tcpmss: --clamp-mss-to-pmtu lowers MSS 9000 to the path's 1460");
	mk_tcp(&p, "192.168.213.77", 33005, "131.159.14.50", 80, 1, 0, TH_SYN, 64240, 0);
	CHECK(fwd(&e, &p, &b) == FILTER_ACCEPT && b.len == 44 && b.data[42] == 0x02 && b.data[43] == 0x18 &&
	      sums_ok(&b) && rule(&e, "POSTROUTING", 1)->bcnt == 88,
	      "tcpmss: --clamp-mss-to-pmtu adds MSS 536 to a SYN without one; the next rule counts 44 bytes");

	hooks_env_free(&e);
	TEST_EXIT();
}
