/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Transport checksums the conntrack hook verifies on arrival: SCTP's CRC32c (nf_conntrack_sctp's sctp_error). */
#include <netinet/in.h>

#include "hooks.h"

/* CRC32c (Castagnoli), reflected polynomial 0x82f63b78, table made on first use. */
static uint32_t crc_table[256];
static bool crc_ready;

static void crc_init(void)
{
	uint32_t i, k, c;

	for (i = 0; i < 256; i++) {
		c = i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0x82f63b78u : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = true;
}

uint32_t hooks_crc32c(uint32_t crc, const uint8_t *p, size_t n)
{
	size_t i;

	if (!crc_ready)
		crc_init();
	for (i = 0; i < n; i++)
		crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
	return crc;
}

bool hooks_sctp_csum_ok(const struct pkt_view *pv)
{
	static const uint8_t zero[4];
	const uint8_t *sh = pv->data + pv->l4_off;
	uint32_t crc;

	if (pv->l4proto != IPPROTO_SCTP || !pv->l4_ok || pv->is_fragment ||
	    (pv->tot_len && pv->len < pv->tot_len))
		return true;                 /* not a whole SCTP packet: nothing to verify */
	crc = hooks_crc32c(0xffffffffu, sh, 8);
	crc = hooks_crc32c(crc, zero, 4);    /* the checksum field counts as zero */
	crc = ~hooks_crc32c(crc, sh + 12, pv->l4_len - 12);
	/* stored least significant byte first (the kernel compares a __le32) */
	return sh[8] == (uint8_t)crc && sh[9] == (uint8_t)(crc >> 8) && sh[10] == (uint8_t)(crc >> 16) &&
	       sh[11] == (uint8_t)(crc >> 24);
}
