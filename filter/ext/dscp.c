/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The dscp match: the DSCP field (upper six bits of TOS / traffic class) equals a value or class. */
#include <errno.h>

#include "lib/tos.h"

enum { O_DSCP, O_CLASS };

struct dscp_priv {
	uint8_t dscp;
	bool inv;
};

static const struct filter_opt dscp_opts[] = {
	[O_DSCP] = { .name = "dscp", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
	[O_CLASS] = { .name = "dscp-class", .arg = FILTER_ARG_ONE,
		      .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
};

static int dscp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct dscp_priv *p = FILTER_PRIV(d, struct dscp_priv);
	uint64_t v;
	int c;

	if (opt == O_DSCP) {
		if (!filter_parse_uint(args[0], 0, 63, &v))
			return ulog_errf(err, -EINVAL, "dscp: bad value for option \"--dscp\", or out of "
					 "range (0-63).\n");
		p->dscp = (uint8_t)v;
	} else {
		if ((c = xt_dscp_class(args[0])) < 0)
			return ulog_errf(err, -EINVAL, "Invalid DSCP value `%s'\n", args[0]);
		p->dscp = (uint8_t)c;
	}
	p->inv = invert;
	return 0;
}

static int dscp_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "DSCP match: Parameter --dscp is required");
	return xt_excl_check(d, O_DSCP, O_CLASS + 1, "dscp", err);
}

static int dscp_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct dscp_priv *p = FILTER_PRIV(d, const struct dscp_priv);

	return snprintf(buf, len, "%s--dscp 0x%02x", p->inv ? "! " : "", p->dscp);
}

static int dscp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct dscp_priv *p = FILTER_PRIV(d, const struct dscp_priv);
	uint8_t t;

	if (!xt_pkt_tos(pkt->pv, &t))
		return FILTER_NOMATCH;
	return ((t >> 2) == p->dscp) ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int dscp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	const struct dscp_priv *p = FILTER_PRIV(d, const struct dscp_priv);

	return snprintf(buf, len, " DSCP match %s0x%02x", p->inv ? "!" : "", p->dscp);
}

const struct filter_ext filter_ext_dscp = {
	.abi = FILTER_EXT_ABI,
	.name = "dscp",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = dscp_opts,
	.n_opts = XT_ARRAY_SIZE(dscp_opts),
	.priv_size = sizeof(struct dscp_priv),
	.parse = dscp_parse,
	.final_check = dscp_final,
	.print = dscp_print,
	.list = dscp_list,
	.match = dscp_match,
};
