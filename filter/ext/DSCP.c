/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The DSCP target (mangle table): set the DSCP field to a value or class. */
#include <errno.h>

#include "lib/table.h"
#include "lib/tos.h"

enum { O_SET, O_CLASS };

struct dscp_tg_priv {
	uint8_t dscp;
};

static const struct filter_opt dscp_tg_opts[] = {
	[O_SET] = { .name = "set-dscp", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_CLASS] = { .name = "set-dscp-class", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static int dscp_tg_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct dscp_tg_priv *p = FILTER_PRIV(d, struct dscp_tg_priv);
	uint64_t v;
	int c;

	if (opt == O_SET) {
		if (!filter_parse_uint(args[0], 0, 63, &v))
			return ulog_errf(err, -EINVAL, "DSCP: bad value for option \"--set-dscp\", or out "
					 "of range (0-63).\n");
		p->dscp = (uint8_t)v;
		return 0;
	}
	if ((c = xt_dscp_class(args[0])) < 0)
		return ulog_errf(err, -EINVAL, "Invalid DSCP value `%s'\n", args[0]);
	p->dscp = (uint8_t)c;
	return 0;
}

static int dscp_tg_final(struct filter_ext_data *d, const struct filter_std *std,
			 struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "DSCP target: Parameter --set-dscp is required");
	return xt_excl_check(d, O_SET, O_CLASS + 1, "DSCP", err);
}

static int dscp_tg_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	return snprintf(buf, len, "--set-dscp 0x%02x", FILTER_PRIV(d, const struct dscp_tg_priv)->dscp);
}

static int dscp_tg_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			 struct ulog_err *err)
{
	return xt_check_where(c, "DSCP target", "mangle", 0, err);
}

static int dscp_tg_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	pkt->meta->dscp_set = (uint8_t)(FILTER_PRIV(d, const struct dscp_tg_priv)->dscp | 0x80);
	return FILTER_CONTINUE;
}

static int dscp_tg_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " DSCP set 0x%02x", FILTER_PRIV(d, const struct dscp_tg_priv)->dscp);
}

const struct filter_ext filter_ext_DSCP = {
	.abi = FILTER_EXT_ABI,
	.name = "DSCP",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = dscp_tg_opts,
	.n_opts = XT_ARRAY_SIZE(dscp_tg_opts),
	.priv_size = sizeof(struct dscp_tg_priv),
	.parse = dscp_tg_parse,
	.final_check = dscp_tg_final,
	.print = dscp_tg_print,
	.list = dscp_tg_list,
	.check = dscp_tg_check,
	.target = dscp_tg_target,
};
