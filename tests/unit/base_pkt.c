/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/pkt: the packet view that BASE, filter/ and nfcore share, on hand-built headers. */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/pkt.h"
#include "test.h"

/* 20-byte IPv4 header, protocol @p, flags+offset word @fo, then @l4 bytes. */
static uint32_t mk4(uint8_t *b, uint8_t p, uint16_t fo, const uint8_t *l4, uint32_t n)
{
	static const uint8_t h[20] = { 0x45, 0, 0, 0, 0x12, 0x34, 0, 0, 64, 0, 0, 0,
				       10, 0, 0, 1, 10, 0, 0, 2 };

	memcpy(b, h, 20);
	b[2] = (uint8_t)((20 + n) >> 8);
	b[3] = (uint8_t)(20 + n);
	b[6] = (uint8_t)(fo >> 8);
	b[7] = (uint8_t)fo;
	b[9] = p;
	memcpy(b + 20, l4, n);
	return 20 + n;
}

/* 40-byte IPv6 header with next header @nh, then @n bytes. */
static uint32_t mk6(uint8_t *b, uint8_t nh, const uint8_t *rest, uint32_t n)
{
	memset(b, 0, 40);
	b[0] = 0x60;
	b[4] = (uint8_t)(n >> 8);
	b[5] = (uint8_t)n;
	b[6] = nh;
	b[7] = 64;
	b[23] = 1;
	b[39] = 2;
	memcpy(b + 40, rest, n);
	return 40 + n;
}

/* Parses the first @len bytes of @b from an exactly-sized copy. */
static int parse_exact(struct pkt_view *pv, const uint8_t *b, uint32_t len, uint8_t fam, uint8_t **copy)
{
	*copy = malloc(len ? len : 1);
	memcpy(*copy, b, len);
	return pkt_parse(pv, *copy, len, fam);
}

static void test_ipv4(void)
{
	static const uint8_t udp[8] = { 0x13, 0x88, 0x00, 0x35, 0, 8, 0, 0 };
	uint8_t b[128], *c;
	struct pkt_view pv;
	uint16_t sp = 0, dp = 0;
	uint64_t v;
	uint32_t n = mk4(b, IPPROTO_UDP, 0x4000, udp, 8);
	const struct pkt_field ttl = { PKT_L3, 8, 1, 0, 0 }, dport = { PKT_L4, 2, 2, 0, 0 };

	CHECK(parse_exact(&pv, b, n, 0, &c) == 0 && pv.family == AF_INET && pv.l3_ok &&
	      pv.l3_hdrlen == 20 && pv.tot_len == 28 && !pv.is_fragment && pv.l4proto == IPPROTO_UDP &&
	      pv.l4_off == 20 && pv.l4_len == 8 && pv.l4_ok && pv.l4_known,
	      "pkt: IPv4 UDP, family from the version nibble, DF is no fragment");
	CHECK(pkt_ports(&pv, &sp, &dp) && sp == 5000 && dp == 53, "pkt: ports of UDP");
	CHECK(pkt_field_u64(&pv, &ttl, &v) && v == 64 && pkt_field_u64(&pv, &dport, &v) && v == 53,
	      "pkt: field extractor on L3 and L4");
	free(c);

	n = mk4(b, IPPROTO_UDP, 0x2000 | 10, udp, 8);
	CHECK(parse_exact(&pv, b, n, AF_INET, &c) == 0 && pv.is_fragment && pv.more_frags &&
	      pv.frag_off == 80 && pv.frag_id == 0x1234 && !pv.l4_ok && !pkt_l4(&pv, 0, 1) &&
	      !pkt_ports(&pv, &sp, &dp) && !pkt_field_u64(&pv, &dport, &v),
	      "pkt: IPv4 non-first fragment has no transport header");
	free(c);

	n = mk4(b, IPPROTO_TCP, 0, udp, 8);
	CHECK(parse_exact(&pv, b, n, AF_INET, &c) == 0 && !pv.l4_ok && pv.l4_len == 8 &&
	      pkt_l4_min_len(IPPROTO_TCP) == 20, "pkt: 8 bytes are no TCP header");
	free(c);

	CHECK(parse_exact(&pv, b, 19, AF_INET, &c) == -EINVAL && !pv.l3_ok,
	      "pkt: 19 bytes are no IPv4 header");
	free(c);
	b[0] = 0x44;
	CHECK(parse_exact(&pv, b, 40, AF_INET, &c) == -EINVAL, "pkt: IHL below 5 is refused");
	free(c);
	CHECK(pkt_parse(&pv, b, 0, 0) == -EINVAL && pkt_parse(&pv, "\x50", 1, 0) == -EINVAL,
	      "pkt: empty or unknown version");
}

static void test_ipv6(void)
{
	uint8_t rest[64] = { 0 }, b[128], *c;
	struct pkt_view pv;
	uint32_t n;

	/* hop-by-hop (8) -> fragment (8, offset 0, M) -> TCP (20) */
	rest[0] = IPPROTO_FRAGMENT;
	rest[8] = IPPROTO_TCP;
	rest[11] = 1;
	rest[12] = 0xde;
	rest[13] = 0xad;
	rest[14] = 0xbe;
	rest[15] = 0xef;
	rest[16 + 12] = 0x50;
	n = mk6(b, IPPROTO_HOPOPTS, rest, 36);
	CHECK(parse_exact(&pv, b, n, AF_INET6, &c) == 0 && pv.family == AF_INET6 && pv.n_ext == 2 &&
	      pv.ext_type[0] == IPPROTO_HOPOPTS && pv.ext_off[1] == 48 &&
	      pkt_ext_find(&pv, IPPROTO_FRAGMENT) == 48 && pkt_ext_find(&pv, IPPROTO_AH) == -1 &&
	      (pv.ext_seen >> IPPROTO_FRAGMENT & 1) && pv.has_frag_hdr && pv.more_frags &&
	      pv.frag_off == 0 && pv.frag_id == 0xdeadbeef && pv.l4proto == IPPROTO_TCP &&
	      pv.l4_off == 56 && pv.l4_ok && pv.l4_known && pv.l3_hdrlen == 56 && pv.tot_len == 76,
	      "pkt: IPv6 extension walk to a first fragment's TCP header");
	free(c);
	CHECK(parse_exact(&pv, b, 47, AF_INET6, &c) == 0 && !pv.l4_known && !pv.l4_ok &&
	      pv.l4proto == IPPROTO_HOPOPTS, "pkt: a truncated extension chain leaves the upper layer unknown");
	free(c);

	rest[10] = 0x05;   /* offset 160 units: 1280 bytes, no M */
	rest[11] = 0x00;
	n = mk6(b, IPPROTO_HOPOPTS, rest, 36);
	CHECK(parse_exact(&pv, b, n, 0, &c) == 0 && pv.frag_off == 1280 && !pv.more_frags &&
	      pv.is_fragment && !pv.l4_known && !pv.l4_ok && pv.l4proto == IPPROTO_TCP,
	      "pkt: IPv6 non-first fragment stops the walk");
	free(c);

	n = mk6(b, IPPROTO_ESP, rest, 8);
	CHECK(parse_exact(&pv, b, n, AF_INET6, &c) == 0 && pv.l4proto == IPPROTO_ESP && pv.l4_ok &&
	      pv.l4_known, "pkt: ESP ends the walk");
	free(c);
	CHECK(parse_exact(&pv, b, 39, AF_INET6, &c) == -EINVAL && !pv.l3_ok,
	      "pkt: 39 bytes are no IPv6 header");
	free(c);
}

static void test_raw(void)
{
	static const uint8_t arp[28] = { 0, 1, 8, 0, 6, 4, 0, 2 };
	const struct pkt_field op = { PKT_L3, 6, 2, 0, 0 }, past = { PKT_L3, 27, 2, 0, 0 };
	const struct pkt_field wide = { PKT_L3, 0, 16, 0, 0 };
	struct pkt_view pv;
	uint8_t bytes[16];
	uint64_t v;

	pkt_view_raw(&pv, arp, sizeof(arp));
	CHECK(pkt_field_u64(&pv, &op, &v) && v == 2 && !pkt_field_u64(&pv, &past, &v) &&
	      !pkt_field_u64(&pv, &wide, &v) && pkt_field_bytes(&pv, &wide, bytes) &&
	      !memcmp(bytes, arp, 16) && !pkt_l3(&pv, 28, 1) && pkt_l3(&pv, 27, 1),
	      "pkt: raw view reads within its length only");
}

int main(void)
{
	test_ipv4();
	test_ipv6();
	test_raw();
	TEST_EXIT();
}
