/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ttl match (IPv4): time to live equal, unequal, less or greater than a value. */
#include "lib/cmp8.h"

static const struct filter_opt ttl_opts[] = XT_CMP8_OPTS("ttl");

static const struct xt_cmp8_desc ttl_desc = {
	.name = "ttl",
	.tag = "TTL",
	.missing = "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt",
	.l3_off = 8,
};

static int ttl_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_cmp8_parse(&ttl_desc, d, opt, args[0], invert, err);
}

static int ttl_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	return xt_cmp8_final(&ttl_desc, d, err);
}

static int ttl_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	return xt_cmp8_print(&ttl_desc, d, buf, len);
}

static int ttl_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return xt_cmp8_match(&ttl_desc, d, pkt);
}

static int ttl_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	return xt_cmp8_list(&ttl_desc, d, buf, len);
}

const struct filter_ext filter_ext_ttl = {
	.abi = FILTER_EXT_ABI,
	.name = "ttl",
	.family = FILTER_V4,
	.kind = FILTER_EXT_MATCH,
	.opts = ttl_opts,
	.n_opts = XT_ARRAY_SIZE(ttl_opts),
	.priv_size = sizeof(struct xt_cmp8_priv),
	.parse = ttl_parse,
	.final_check = ttl_final,
	.print = ttl_print,
	.list = ttl_list,
	.match = ttl_match,
};
