/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TRACE target (raw table): marks the packet so every rule it traverses is reported. */
#include "lib/table.h"

static int trace_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	return snprintf(buf, len, "%s", "");
}

static int trace_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		       struct ulog_err *err)
{
	return xt_check_where(c, "TRACE target", "raw", 0, err);
}

static int trace_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	pkt->meta->trace = true;
	return FILTER_CONTINUE;
}

static int trace_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	return snprintf(buf, len, "%s", "");
}

const struct filter_ext filter_ext_TRACE = {
	.abi = FILTER_EXT_ABI,
	.name = "TRACE",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.print = trace_print,
	.list = trace_list,
	.check = trace_check,
	.target = trace_target,
};
