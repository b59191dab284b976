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
	struct xt_nat_range *r = FILTER_PRIV(d, struct xt_nat_range);

	if (opt == O_PORTS)
		return xt_nat_parse_ports(r, args[0], std, err);
	r->flags |= opt == O_RANDOM ? XT_NAT_RANDOM : XT_NAT_RANDOM_FULLY;
	return 0;
}

static int masq_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_nat_bports(&b, r);
	xt_nat_bflags(&b, r);
	return (int)b.pos;
}

static int masq_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "MASQUERADE target", "nat", XT_H(POST_ROUTING), err);
}

static int masq_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return FILTER_ACCEPT;
}

static int masq_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	if (r->flags & XT_NAT_PROTO) {
		filter_bprintf(&b, " masq ports: %u", r->pmin);
		if (r->pmax != r->pmin)
			filter_bprintf(&b, "-%u", r->pmax);
	}
	if (r->flags & XT_NAT_RANDOM)
		filter_bprintf(&b, " random");
	if (r->flags & XT_NAT_RANDOM_FULLY)
		filter_bprintf(&b, " random-fully");
	return (int)b.pos;
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
	.target = masq_target,
};
