/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The CHECKSUM target (mangle table): fill in a missing checksum; no verdict. */
#include "lib/table.h"

static const struct filter_opt checksum_opts[] = {
	{ .name = "checksum-fill", .arg = FILTER_ARG_NONE,
	  .flags = FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int checksum_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			  bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return 0;
}

static int checksum_print(const struct filter_ext_data *d, const struct filter_std *std,
			  char *buf, size_t len)
{
	return snprintf(buf, len, "--checksum-fill");
}

static int checksum_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			  struct ulog_err *err)
{
	return xt_check_where(c, "CHECKSUM target", "mangle", 0, err);
}

static int checksum_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return FILTER_CONTINUE;
}

static int checksum_list(const struct filter_ext_data *d, const struct filter_std *std,
			 bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " CHECKSUM fill");
}

const struct filter_ext filter_ext_CHECKSUM = {
	.abi = FILTER_EXT_ABI,
	.name = "CHECKSUM",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = checksum_opts,
	.n_opts = XT_ARRAY_SIZE(checksum_opts),
	.parse = checksum_parse,
	.print = checksum_print,
	.list = checksum_list,
	.check = checksum_check,
	.target = checksum_target,
};
