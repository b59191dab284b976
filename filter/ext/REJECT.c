/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The REJECT target for IPv4: drop and answer with an ICMP error or a TCP reset. */
#include "lib/reject.h"

/* ipt_reject_with values */
static const struct xt_reject_type reject4_types[] = {
	{ "icmp-net-unreachable", "net-unreach", 0, false },
	{ "icmp-host-unreachable", "host-unreach", 1, false },
	{ "icmp-port-unreachable", "port-unreach", 3, false },
	{ "icmp-proto-unreachable", "proto-unreach", 2, false },
	{ "icmp-net-prohibited", "net-prohib", 5, false },
	{ "icmp-host-prohibited", "host-prohib", 6, false },
	{ "tcp-reset", "tcp-rst", 7, true },
	{ "icmp-admin-prohibited", "admin-prohib", 8, false },
};

static const struct filter_opt reject4_opts[] = {
	{ .name = "reject-with", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static void reject4_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct xt_reject_priv *p = FILTER_PRIV(d, struct xt_reject_priv);

	p->with = 3;
	p->idx = 2;
}

static int reject4_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_reject_parse(reject4_types, XT_ARRAY_SIZE(reject4_types),
			       FILTER_PRIV(d, struct xt_reject_priv), args[0], err);
}

static int reject4_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	return xt_reject_print(reject4_types, FILTER_PRIV(d, const struct xt_reject_priv), buf, len);
}

static int reject4_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			 struct ulog_err *err)
{
	return xt_reject_check(reject4_types, FILTER_PRIV(d, const struct xt_reject_priv), c, err);
}

static int reject4_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " reject-with %s",
			reject4_types[FILTER_PRIV(d, const struct xt_reject_priv)->idx].name);
}

const struct filter_ext filter_ext_REJECT = {
	.abi = FILTER_EXT_ABI,
	.name = "REJECT",
	.family = FILTER_V4,
	.kind = FILTER_EXT_TARGET,
	.opts = reject4_opts,
	.n_opts = XT_ARRAY_SIZE(reject4_opts),
	.priv_size = sizeof(struct xt_reject_priv),
	.init = reject4_init,
	.parse = reject4_parse,
	.print = reject4_print,
	.list = reject4_list,
	.check = reject4_check,
	.target = xt_reject_target,
};
