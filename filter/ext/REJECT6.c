/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The REJECT target for IPv6: drop and answer with an ICMPv6 error or a TCP reset. */
#include "lib/reject.h"

/* ip6t_reject_with values */
static const struct xt_reject_type reject6_types[] = {
	{ "icmp6-no-route", "no-route", 0, false },
	{ "icmp6-adm-prohibited", "adm-prohibited", 1, false },
	{ "icmp6-addr-unreachable", "addr-unreach", 3, false },
	{ "icmp6-port-unreachable", "port-unreach", 4, false },
	{ "tcp-reset", "tcp-rst", 6, true },
	{ "icmp6-policy-fail", "policy-fail", 7, false },
	{ "icmp6-reject-route", "reject-route", 8, false },
};

static const struct filter_opt reject6_opts[] = {
	{ .name = "reject-with", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static void reject6_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct xt_reject_priv *p = FILTER_PRIV(d, struct xt_reject_priv);

	p->with = 4;
	p->idx = 3;
}

static int reject6_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_reject_parse(reject6_types, XT_ARRAY_SIZE(reject6_types),
			       FILTER_PRIV(d, struct xt_reject_priv), args[0], err);
}

static int reject6_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	return xt_reject_print(reject6_types, FILTER_PRIV(d, const struct xt_reject_priv), buf, len);
}

static int reject6_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			 struct ulog_err *err)
{
	return xt_reject_check(reject6_types, FILTER_PRIV(d, const struct xt_reject_priv), c, err);
}

static int reject6_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " reject-with %s",
			reject6_types[FILTER_PRIV(d, const struct xt_reject_priv)->idx].name);
}

const struct filter_ext filter_ext_REJECT6 = {
	.abi = FILTER_EXT_ABI,
	.name = "REJECT",
	.family = FILTER_V6,
	.kind = FILTER_EXT_TARGET,
	.opts = reject6_opts,
	.n_opts = XT_ARRAY_SIZE(reject6_opts),
	.priv_size = sizeof(struct xt_reject_priv),
	.init = reject6_init,
	.parse = reject6_parse,
	.print = reject6_print,
	.list = reject6_list,
	.check = reject6_check,
	.target = xt_reject_target,
};
