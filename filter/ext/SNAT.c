/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SNAT target (nat POSTROUTING/INPUT): rewrite the source to an address/port range. */
#include "lib/nat.h"
#include "lib/table.h"

enum { O_TO, O_RANDOM, O_RANDOM_FULLY, O_PERSISTENT };

static const struct filter_opt snat_opts[] = {
	[O_TO] = { .name = "to-source", .arg = FILTER_ARG_ONE,
		   .flags = FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
	[O_RANDOM] = { .name = "random", .arg = FILTER_ARG_NONE },
	[O_RANDOM_FULLY] = { .name = "random-fully", .arg = FILTER_ARG_NONE },
	[O_PERSISTENT] = { .name = "persistent", .arg = FILTER_ARG_NONE },
};

static int snat_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_nat_parse_opt(d, snat_opts[opt].name, args, std, err);
}

static int snat_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	return xt_nat_print(d, "to-source", std->family, buf, len);
}

static int snat_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "SNAT target", "nat", XT_H(POST_ROUTING) | XT_H(LOCAL_IN), err);
}

static int snat_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	return xt_nat_list(d, NULL, std->family, buf, len);
}

const struct filter_ext filter_ext_SNAT = {
	.abi = FILTER_EXT_ABI,
	.name = "SNAT",
	.revision = 2,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = snat_opts,
	.n_opts = XT_ARRAY_SIZE(snat_opts),
	.priv_size = sizeof(struct xt_nat_range),
	.parse = snat_parse,
	.print = snat_print,
	.list = snat_list,
	.check = snat_check,
	.target = xt_nat_target,
};
