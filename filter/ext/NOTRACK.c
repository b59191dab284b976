/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The NOTRACK target (raw table): the packet is not tracked by conntrack. */
#include "lib/table.h"

static int notrack_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	return snprintf(buf, len, "%s", "");
}

static int notrack_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			 struct ulog_err *err)
{
	return xt_check_where(c, "NOTRACK target", "raw", 0, err);
}

static int notrack_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	pkt->meta->notrack = true;
	return FILTER_CONTINUE;
}

static int notrack_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " NOTRACK");
}

const struct filter_ext filter_ext_NOTRACK = {
	.abi = FILTER_EXT_ABI,
	.name = "NOTRACK",
	.list_name = "CT",               /* an alias of CT in the kernel */
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.print = notrack_print,
	.list = notrack_list,
	.check = notrack_check,
	.target = notrack_target,
};
