/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TFTP helper: a read or write request expects the server's answer from any port (nf_conntrack_tftp). */
#include <netinet/in.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

enum { TFTP_RRQ = 1, TFTP_WRQ = 2 };

int ct_tftp_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		 const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now)
{
	const uint8_t *op = pv->data + pv->l4_off + 8;
	const struct ct_tuple *r = &ct->tuple[CT_DIR_REPLY];
	struct ct_tuple tp;
	unsigned opcode;

	(void)ctinfo;
	(void)hd;
	if (!pv->l4_ok || pv->l4proto != IPPROTO_UDP || pv->l4_len < 10)
		return 0;
	opcode = (unsigned)op[0] << 8 | op[1];
	if (opcode != TFTP_RRQ && opcode != TFTP_WRQ)
		return 0;
	/* the reply direction, from any source port */
	memset(&tp, 0, sizeof(tp));
	memcpy(tp.src, r->src, 16);
	memcpy(tp.dst, r->dst, 16);
	tp.dport = r->dport;
	tp.family = r->family;
	tp.proto = IPPROTO_UDP;
	tp.zone = r->zone;
	return ct_expect_add(t, ct, &tp, false, now) ? -1 : 0;
}
