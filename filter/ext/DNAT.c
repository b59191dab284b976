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
	struct xt_nat_range *r = FILTER_PRIV(d, struct xt_nat_range);

	switch (opt) {
	case O_TO:
		return xt_nat_parse_to(r, args[0], std, err);
	case O_RANDOM:
		r->flags |= XT_NAT_RANDOM;
		return 0;
	default:
		r->flags |= XT_NAT_PERSISTENT;
		return 0;
	}
}

static int dnat_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "--to-destination ");
	xt_nat_bto(&b, r, std->family);
	xt_nat_bflags(&b, r);
	return (int)b.pos;
}

static int dnat_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	return xt_check_where(c, "DNAT target", "nat", XT_H(PRE_ROUTING) | XT_H(LOCAL_OUT), err);
}

static int dnat_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return FILTER_ACCEPT;
}

static int dnat_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " to:");
	xt_nat_bto(&b, r, std->family);
	if (r->flags & XT_NAT_RANDOM)
		filter_bprintf(&b, " random");
	if (r->flags & XT_NAT_RANDOM_FULLY)
		filter_bprintf(&b, " random-fully");
	if (r->flags & XT_NAT_PERSISTENT)
		filter_bprintf(&b, " persistent");
	return (int)b.pos;
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
	.target = dnat_target,
};
