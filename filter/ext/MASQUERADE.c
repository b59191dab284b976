/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MASQUERADE target (nat POSTROUTING): source NAT to the outgoing interface's address. */
#include "lib/nat.h"
#include "lib/table.h"

enum { O_PORTS, O_RANDOM, O_RANDOM_FULLY };

static const struct filter_opt masq_opts[] = {
	[O_PORTS] = { .name = "to-ports", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_RANDOM] = { .name = "random", .arg = FILTER_ARG_NONE },
	[O_RANDOM_FULLY] = { .name = "random-fully", .arg = FILTER_ARG_NONE },
};

static int masq_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_nat_parse_opt(d, masq_opts[opt].name, args, std, err);
}

static int masq_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	return xt_nat_print(d, NULL, std->family, buf, len);
}

static int masq_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "MASQUERADE target", "nat", XT_H(POST_ROUTING), err);
}

static int masq_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	return xt_nat_list(d, "masq ports:", std->family, buf, len);
}

const struct filter_ext filter_ext_MASQUERADE = {
	.abi = FILTER_EXT_ABI,
	.name = "MASQUERADE",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = masq_opts,
	.n_opts = XT_ARRAY_SIZE(masq_opts),
	.priv_size = sizeof(struct xt_nat_range),
	.parse = masq_parse,
	.print = masq_print,
	.list = masq_list,
	.check = masq_check,
	.target = xt_nat_target,
};
