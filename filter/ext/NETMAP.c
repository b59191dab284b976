/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The NETMAP target (nat table): map a whole network onto another, keeping host bits. */
#include <errno.h>

#include "lib/nat.h"
#include "lib/table.h"

struct netmap_priv {
	uint8_t addr[16], mask[16];
};

static const struct filter_opt netmap_opts[] = {
	{ .name = "to", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int netmap_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct netmap_priv *p = FILTER_PRIV(d, struct netmap_priv);
	int i;

	if (!filter_parse_addr_mask(xt_af(std->family), args[0], p->addr, p->mask))
		return ulog_errf(err, -EINVAL, "host/network `%s' not found", args[0]);
	for (i = 0; i < 16; i++)
		p->addr[i] &= p->mask[i];
	return 0;
}

static int netmap_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct netmap_priv *p = FILTER_PRIV(d, const struct netmap_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "--to ");
	filter_baddr_mask(&b, xt_af(std->family), p->addr, p->mask);
	return (int)b.pos;
}

static int netmap_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	return xt_check_where(c, "NETMAP target", "nat", 0, err);
}

static int netmap_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		       char *buf, size_t len)
{
	const struct netmap_priv *p = FILTER_PRIV(d, const struct netmap_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	int af = xt_af(std->family), pl = filter_mask_prefix(af, p->mask);

	filter_bprintf(&b, " to:");
	filter_baddr(&b, af, p->addr);
	filter_bprintf(&b, "/%d", pl);
	return (int)b.pos;
}

const struct filter_ext filter_ext_NETMAP = {
	.abi = FILTER_EXT_ABI,
	.name = "NETMAP",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = netmap_opts,
	.n_opts = XT_ARRAY_SIZE(netmap_opts),
	.priv_size = sizeof(struct netmap_priv),
	.parse = netmap_parse,
	.print = netmap_print,
	.list = netmap_list,
	.check = netmap_check,
	.target = xt_nat_target,
};
