/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The DNAT target (nat PREROUTING/OUTPUT): rewrite the destination to an address/port range. */
#include "lib/nat.h"
#include "lib/table.h"

enum { O_TO, O_RANDOM, O_PERSISTENT };

static const struct filter_opt dnat_opts[] = {
	[O_TO] = { .name = "to-destination", .arg = FILTER_ARG_ONE,
		   .flags = FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
	[O_RANDOM] = { .name = "random", .arg = FILTER_ARG_NONE },
	[O_PERSISTENT] = { .name = "persistent", .arg = FILTER_ARG_NONE },
};

static int dnat_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_nat_parse_opt(d, dnat_opts[opt].name, args, std, err);
}

static int dnat_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	return xt_nat_print(d, "to-destination", std->family, buf, len);
}

static int dnat_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "DNAT target", "nat", XT_H(PRE_ROUTING) | XT_H(LOCAL_OUT), err);
}

static int dnat_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	return xt_nat_list(d, NULL, std->family, buf, len);
}

const struct filter_ext filter_ext_DNAT = {
	.abi = FILTER_EXT_ABI,
	.name = "DNAT",
	.revision = 2,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = dnat_opts,
	.n_opts = XT_ARRAY_SIZE(dnat_opts),
	.priv_size = sizeof(struct xt_nat_range),
	.parse = dnat_parse,
	.print = dnat_print,
	.list = dnat_list,
	.check = dnat_check,
	.target = xt_nat_target,
};
