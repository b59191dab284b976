/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tos match (revision 1): (TOS byte & mask) == value. */
#include <errno.h>

#include "lib/tos.h"

struct tos_priv {
	uint8_t val, mask;
	bool inv;
};

static const struct filter_opt tos_opts[] = {
	{ .name = "tos", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int tos_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct tos_priv *p = FILTER_PRIV(d, struct tos_priv);

	if (!xt_parse_tos(args[0], &p->val, &p->mask))
		return ulog_errf(err, -EINVAL, "Symbolic name \"%s\" is unknown", args[0]);
	p->inv = invert;
	return 0;
}

static int tos_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	const struct tos_priv *p = FILTER_PRIV(d, const struct tos_priv);

	return snprintf(buf, len, "%s--tos 0x%02x/0x%02x", p->inv ? "! " : "", p->val, p->mask);
}

static int tos_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct tos_priv *p = FILTER_PRIV(d, const struct tos_priv);
	uint8_t t;

	if (!xt_pkt_tos(pkt->pv, &t))
		return FILTER_NOMATCH;
	return ((t & p->mask) == p->val) ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int tos_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct tos_priv *p = FILTER_PRIV(d, const struct tos_priv);

	return snprintf(buf, len, " tos match%s0x%02x/0x%02x", p->inv ? "!" : "", p->val, p->mask);
}

const struct filter_ext filter_ext_tos = {
	.abi = FILTER_EXT_ABI,
	.name = "tos",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = tos_opts,
	.n_opts = XT_ARRAY_SIZE(tos_opts),
	.priv_size = sizeof(struct tos_priv),
	.parse = tos_parse,
	.print = tos_print,
	.list = tos_list,
	.match = tos_match,
};
