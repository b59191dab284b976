/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conntrack state names (parse order and save order) and the packet's state bits. */
#include <strings.h>

#include "ctstate.h"

#define IPS_SRC_NAT (1u << 4)
#define IPS_DST_NAT (1u << 5)

static const struct xt_name parse_order[] = {
	{ "INVALID", FILTER_CT_INVALID }, { "NEW", FILTER_CT_NEW },
	{ "ESTABLISHED", FILTER_CT_ESTABLISHED }, { "RELATED", FILTER_CT_RELATED },
	{ "UNTRACKED", FILTER_CT_UNTRACKED }, { "SNAT", FILTER_CT_SNAT }, { "DNAT", FILTER_CT_DNAT },
};

static const struct xt_name save_order[] = {
	{ "INVALID", FILTER_CT_INVALID }, { "NEW", FILTER_CT_NEW },
	{ "RELATED", FILTER_CT_RELATED }, { "ESTABLISHED", FILTER_CT_ESTABLISHED },
	{ "UNTRACKED", FILTER_CT_UNTRACKED }, { "SNAT", FILTER_CT_SNAT }, { "DNAT", FILTER_CT_DNAT },
};

/* See ctstate.h. */
uint32_t xt_ct_state_name(const char *s, size_t len, bool ct)
{
	unsigned i, n = ct ? 7 : 5;

	for (i = 0; i < n; i++)
		if (!strncasecmp(s, parse_order[i].name, len))
			return parse_order[i].value;
	return 0;
}

/* See ctstate.h. */
void xt_bctstates(struct filter_buf *b, uint32_t mask)
{
	xt_bnames(b, save_order, XT_ARRAY_SIZE(save_order), mask);
}

/* See ctstate.h. */
uint32_t xt_pkt_ctstate(const struct filter_meta *m, bool with_nat)
{
	uint32_t bits;

	if (!m->ct_valid)
		return m->notrack ? FILTER_CT_UNTRACKED : FILTER_CT_INVALID;
	bits = m->ct_state & (FILTER_CT_NEW | FILTER_CT_ESTABLISHED | FILTER_CT_RELATED);
	if (with_nat && (m->ct_status & IPS_SRC_NAT))
		bits |= FILTER_CT_SNAT;
	if (with_nat && (m->ct_status & IPS_DST_NAT))
		bits |= FILTER_CT_DNAT;
	return bits;
}
