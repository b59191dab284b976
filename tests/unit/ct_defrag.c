// SPDX-License-Identifier: GPL-2.0-or-later
/* Fragment reassembly: IPv4 and IPv6 datagrams in pieces, out of order, duplicated, timed out, malformed. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/defrag.h"
#include "test.h"
#include "ct_build.h"

#define SEC 1000000000ull

/* Piece of the IPv4 datagram @full: payload bytes [off, off+n), MF as given. */
static struct pkt_view *piece4(struct tpkt *p, const struct tpkt *full, uint32_t off, uint32_t n, bool mf)
{
	memset(p->b, 0, sizeof(p->b));
	memcpy(p->b, full->b, 20);
	memcpy(p->b + 20, full->b + 20 + off, n);
	put16(p->b + 2, 20 + n);
	put16(p->b + 4, 0x1234);
	put16(p->b + 6, (mf ? 0x2000 : 0) | off / 8);
	p->len = 20 + n;
	return tp_parse(p);
}

/* Piece of the IPv6 datagram @full with a fragment header (id 77). */
static struct pkt_view *piece6(struct tpkt *p, const struct tpkt *full, uint32_t off, uint32_t n, bool mf)
{
	memset(p->b, 0, sizeof(p->b));
	memcpy(p->b, full->b, 40);
	p->b[6] = 44;                                  /* fragment header */
	p->b[40] = full->b[6];
	put16(p->b + 42, off | (mf ? 1 : 0));
	put32(p->b + 44, 77);
	memcpy(p->b + 48, full->b + 40 + off, n);
	put16(p->b + 4, 8 + n);
	p->len = 48 + n;
	return tp_parse(p);
}

static void fill(struct tpkt *full, uint32_t hdr, uint32_t n)
{
	uint32_t i;

	for (i = 8; i < n; i++)
		full->b[hdr + i] = (uint8_t)(i * 7);
}

static void v4(struct defrag *d)
{
	struct tpkt full, p;
	const uint8_t *out = NULL;
	uint32_t len = 0;
	struct pkt_view pv;

	mk_udp(&full, IPPROTO_UDP, "10.0.0.1", 1000, "10.0.0.2", 2000, 3000 - 8);
	fill(&full, 20, 3000);
	CHECK(defrag_add(d, &full.pv, 0, &out, &len) == DEFRAG_PASS, "defrag: a whole packet passes");
	CHECK(defrag_add(d, piece4(&p, &full, 1480, 1480, true), SEC, &out, &len) == DEFRAG_HELD &&
	      defrag_add(d, piece4(&p, &full, 2960, 40, false), SEC, &out, &len) == DEFRAG_HELD &&
	      defrag_add(d, piece4(&p, &full, 1480, 1480, true), SEC, &out, &len) == DEFRAG_HELD,
	      "defrag v4: middle, last and a duplicate are held");
	CHECK(defrag_add(d, piece4(&p, &full, 0, 1480, true), SEC, &out, &len) == DEFRAG_DONE &&
	      len == 3020 && !memcmp(out + 20, full.b + 20, 3000) && out[2] == 3020 >> 8 &&
	      out[3] == (3020 & 0xff) && !(out[6] & 0x3f) && !out[7],
	      "defrag v4: the first piece completes it, header fixed, payload intact");
	CHECK(pkt_parse(&pv, out, len, 0) == 0 && pv.l4_ok && !pv.is_fragment && pv.l4proto == IPPROTO_UDP,
	      "defrag v4: the result parses as one UDP datagram");
	/* never completed: times out and its slot is reused */
	defrag_add(d, piece4(&p, &full, 0, 1480, true), 2 * SEC, &out, &len);
	CHECK(defrag_add(d, piece4(&p, &full, 2960, 40, false), 40 * SEC, &out, &len) == DEFRAG_HELD &&
	      d->timed_out == 1, "defrag v4: a piece 38 s later starts over (ipfrag_time 30 s)");
	CHECK(defrag_add(d, piece4(&p, &full, 8, 100, true), 41 * SEC, &out, &len) == DEFRAG_BAD,
	      "defrag v4: a middle piece that is no multiple of 8 is refused");
}

static void v6(struct defrag *d)
{
	struct tpkt full, p;
	const uint8_t *out = NULL;
	uint32_t len = 0;
	struct pkt_view pv;

	mk_udp(&full, IPPROTO_UDP, "2001:db8::1", 1000, "2001:db8::2", 2000, 2500 - 8);
	fill(&full, 40, 2500);
	CHECK(defrag_add(d, piece6(&p, &full, 1232, 1232, true), 0, &out, &len) == DEFRAG_HELD &&
	      defrag_add(d, piece6(&p, &full, 0, 1232, true), 0, &out, &len) == DEFRAG_HELD &&
	      defrag_add(d, piece6(&p, &full, 2464, 36, false), 0, &out, &len) == DEFRAG_DONE &&
	      len == 2540 && out[6] == IPPROTO_UDP && !memcmp(out + 40, full.b + 40, 2500) &&
	      (out[4] << 8 | out[5]) == 2500,
	      "defrag v6: pieces out of order, fragment header removed, next header spliced");
	CHECK(pkt_parse(&pv, out, len, 0) == 0 && pv.l4_ok && !pv.has_frag_hdr && pv.l4proto == IPPROTO_UDP,
	      "defrag v6: the result parses as one UDP datagram");
}

int main(void)
{
	static struct defrag d;

	if (defrag_init(&d)) {
		CHECK(0, "defrag: init");
		TEST_EXIT();
	}
	v4(&d);
	v6(&d);
	CHECK(d.reassembled == 2, "defrag: two datagrams reassembled");
	defrag_free(&d);
	TEST_EXIT();
}
