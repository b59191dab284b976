/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SANE helper: the reply to a SANE_NET_START request names the port of the scan data connection (nf_conntrack_sane). */
#include <netinet/in.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

enum { SANE_NET_START = 7, SANE_REQ_LEN = 8, SANE_REPLY_LEN = 8 };

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Expects client -> server, any source port, to @port. */
static int expect_data(struct ct_table *t, const struct ct_entry *ct, uint16_t port, uint64_t now)
{
	struct ct_tuple tp = ct->tuple[CT_DIR_ORIGINAL];

	tp.sport = 0;
	tp.dport = port;
	return ct_expect_add(t, ct, &tp, false, now) ? -1 : 0;
}

int ct_sane_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		 const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now)
{
	struct ct_tcp_payload pl;
	const uint8_t *d;

	if ((ctinfo != CT_ESTABLISHED && ctinfo != CT_ESTABLISHED_REPLY) ||
	    !ct_helper_tcp_payload(pv, &pl))
		return 0;
	d = pl.data;
	if (ctinfo == CT_ESTABLISHED) {
		/* exactly one request (RPC code, handle): is it SANE_NET_START? */
		if (pl.len == SANE_REQ_LEN && pl.cap == SANE_REQ_LEN)
			hd->sane_start = be32(d) == SANE_NET_START;
		return 0;
	}
	if (!hd->sane_start)
		return 0;
	hd->sane_start = 0;
	/* status (0: success), zero, port */
	if (pl.len < SANE_REPLY_LEN || pl.cap < SANE_REPLY_LEN || be32(d) != 0 || d[4] || d[5])
		return 0;
	return expect_data(t, ct, (uint16_t)(d[6] << 8 | d[7]), now);
}
