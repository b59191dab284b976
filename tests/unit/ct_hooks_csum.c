// SPDX-License-Identifier: GPL-2.0-or-later
/* SCTP's CRC32c as the conntrack hook verifies it on arrival: RFC 3720 vectors, good and bad packets through the hooks. */
#include <stdio.h>
#include <string.h>

#include "kernel/hooks.h"
#include "test.h"
#include "ct_build.h"

/* An SCTP INIT from @src to @dst (common header + 20-byte INIT chunk), CRC32c filled in. */
static void mk_sctp(struct tpkt *t, const char *src, const char *dst, uint16_t sp)
{
	uint32_t o = mk_ip(t, IPPROTO_SCTP, src, dst, 12 + 20), crc;
	uint8_t *sh = t->b + o;

	put16(sh, sp);
	put16(sh + 2, 5000);
	sh[12] = 1;                  /* INIT */
	put16(sh + 14, 20);
	put32(sh + 16, 0x01020304);  /* initiate tag */
	crc = ~hooks_crc32c(0xffffffffu, sh, 32);
	sh[8] = (uint8_t)crc;
	sh[9] = (uint8_t)(crc >> 8);
	sh[10] = (uint8_t)(crc >> 16);
	sh[11] = (uint8_t)(crc >> 24);
	tp_parse(t);
}

int main(void)
{
	uint8_t v[32];
	unsigned i;
	struct tpkt p;
	struct ct_config cfg;
	struct ct_table *ct;
	struct hooks h;
	struct pktbuf b;

	memset(v, 0, sizeof(v));
	CHECK(~hooks_crc32c(~0u, v, 32) == 0x8a9136aau, "csum: CRC32c of 32 zero bytes (RFC 3720)");
	memset(v, 0xff, sizeof(v));
	CHECK(~hooks_crc32c(~0u, v, 32) == 0x62a8ab43u, "csum: CRC32c of 32 0xff bytes (RFC 3720)");
	for (i = 0; i < 32; i++)
		v[i] = (uint8_t)i;
	CHECK(~hooks_crc32c(~0u, v, 32) == 0x46dd794eu, "csum: CRC32c of 0..31 (RFC 3720)");

	mk_sctp(&p, "10.0.0.2", "10.0.0.1", 4000);
	CHECK(hooks_sctp_csum_ok(&p.pv), "csum: an SCTP packet with its CRC32c passes");
	p.b[20 + 9] ^= 1;
	CHECK(!hooks_sctp_csum_ok(&p.pv), "csum: one bit off in the checksum fails");
	mk_sctp(&p, "2001:db8::2", "2001:db8::1", 4000);
	CHECK(hooks_sctp_csum_ok(&p.pv), "csum: IPv6 SCTP with its CRC32c passes");

	ct_config_default(&cfg);
	cfg.max = 16;
	ct = ct_table_new(&cfg);
	memset(&h, 0, sizeof(h));
	h.ct = ct;
	mk_sctp(&p, "10.0.0.2", "10.0.0.1", 4001);
	pktbuf_init(&b, p.b, p.len, 0, 1000000000ull, "eth0", NULL);
	CHECK(hooks_receive(&h, &b) == FILTER_ACCEPT && b.ct.ct && b.ct.ctinfo == CT_NEW &&
	      ct_table_count(ct) == 1, "csum: a good SCTP INIT arriving is NEW and tracked");
	mk_sctp(&p, "10.0.0.2", "10.0.0.1", 4002);
	p.b[20 + 8] = 0;
	p.b[20 + 9] = 0;
	p.b[20 + 10] = 0;
	p.b[20 + 11] = 0;
	pktbuf_init(&b, p.b, p.len, 0, 1000000000ull, "eth0", NULL);
	CHECK(hooks_receive(&h, &b) == FILTER_ACCEPT && !b.ct.ct && b.ct.ctinfo == CT_INVALID &&
	      ct_table_count(ct) == 1, "csum: a bad CRC arriving is INVALID, nothing tracked");
	pktbuf_init(&b, p.b, p.len, 0, 1000000000ull, NULL, NULL);
	CHECK(hooks_send(&h, &b) == FILTER_ACCEPT && b.ct.ct && ct_table_count(ct) == 2,
	      "csum: the host's own packets are not verified (OUTPUT)");
	ct_table_free(ct);
	TEST_EXIT();
}
