/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hl match (IPv6): hop limit equal, unequal, less or greater than a value. */
#include "lib/cmp8.h"

static const struct filter_opt hl_opts[] = XT_CMP8_OPTS("hl");

static const struct xt_cmp8_desc hl_desc = {
	.name = "hl",
	.tag = "HL",
	.missing = "HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'",
	.l3_off = 7,
};

static int hl_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_cmp8_parse(&hl_desc, d, opt, args[0], invert, err);
}

static int hl_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	return xt_cmp8_final(&hl_desc, d, err);
}

static int hl_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	return xt_cmp8_print(&hl_desc, d, buf, len);
}

static int hl_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return xt_cmp8_match(&hl_desc, d, pkt);
}

static int hl_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	return xt_cmp8_list(&hl_desc, d, buf, len);
}

const struct filter_ext filter_ext_hl = {
	.abi = FILTER_EXT_ABI,
	.name = "hl",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = hl_opts,
	.n_opts = XT_ARRAY_SIZE(hl_opts),
	.priv_size = sizeof(struct xt_cmp8_priv),
	.parse = hl_parse,
	.final_check = hl_final,
	.print = hl_print,
	.list = hl_list,
	.match = hl_match,
};
