/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The REDIRECT target (nat PREROUTING/OUTPUT): destination NAT to the host itself, optionally to other ports. */
#include "lib/nat.h"
#include "lib/table.h"

enum { O_PORTS, O_RANDOM };

static const struct filter_opt redir_opts[] = {
	[O_PORTS] = { .name = "to-ports", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_RANDOM] = { .name = "random", .arg = FILTER_ARG_NONE },
};

static int redir_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_nat_parse_opt(d, redir_opts[opt].name, args, std, err);
}

static int redir_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	return xt_nat_print(d, NULL, std->family, buf, len);
}

static int redir_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "REDIRECT target", "nat", XT_H(PRE_ROUTING) | XT_H(LOCAL_OUT), err);
}

static int redir_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	return xt_nat_list(d, "redir ports", std->family, buf, len);
}

const struct filter_ext filter_ext_REDIRECT = {
	.abi = FILTER_EXT_ABI,
	.name = "REDIRECT",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = redir_opts,
	.n_opts = XT_ARRAY_SIZE(redir_opts),
	.priv_size = sizeof(struct xt_nat_range),
	.parse = redir_parse,
	.print = redir_print,
	.list = redir_list,
	.check = redir_check,
	.target = xt_nat_target,
};
