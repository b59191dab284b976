/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The NFLOG target: hand the packet to nfnetlink_log group N with a prefix, copy size and threshold. */
#include <errno.h>

#include "lib/emit.h"
#include "lib/xt.h"

enum { O_GROUP, O_PREFIX, O_RANGE, O_SIZE, O_THRESHOLD };

#define O FILTER_OPT_ONCE
static const struct filter_opt nflog_opts[] = {
	[O_GROUP] = { .name = "nflog-group", .arg = FILTER_ARG_ONE, .flags = O },
	[O_PREFIX] = { .name = "nflog-prefix", .arg = FILTER_ARG_ONE, .flags = O },
	[O_RANGE] = { .name = "nflog-range", .arg = FILTER_ARG_ONE, .flags = O },
	[O_SIZE] = { .name = "nflog-size", .arg = FILTER_ARG_ONE, .flags = O },
	[O_THRESHOLD] = { .name = "nflog-threshold", .arg = FILTER_ARG_ONE, .flags = O },
};
#undef O

static int nflog_bad(unsigned opt, uint64_t max, struct ulog_err *err)
{
	return ulog_errf(err, -EINVAL, "NFLOG: bad value for option \"--%s\", or out of range "
			 "(0-%llu).\n", nflog_opts[opt].name, (unsigned long long)max);
}

static int nflog_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct xt_nflog_info *p = FILTER_PRIV(d, struct xt_nflog_info);
	uint64_t v;

	switch (opt) {
	case O_PREFIX:
		if (!args[0][0])
			return ulog_errf(err, -EINVAL,
					 "Argument must have a minimum length of 1 characters\n");
		snprintf(p->prefix, sizeof(p->prefix), "%.63s", args[0]);
		return 0;
	case O_GROUP:
	case O_THRESHOLD:
		if (!filter_parse_uint(args[0], 0, 65535, &v))
			return nflog_bad(opt, 65535, err);
		*(opt == O_GROUP ? &p->group : &p->threshold) = (uint16_t)v;
		return 0;
	default:
		if (!filter_parse_uint(args[0], 0, UINT32_MAX, &v))
			return nflog_bad(opt, UINT32_MAX, err);
		p->len = (uint32_t)v;
		*(opt == O_SIZE ? &p->has_size : &p->has_range) = true;
		return 0;
	}
}

static int nflog_final(struct filter_ext_data *d, const struct filter_std *std,
		       struct ulog_err *err)
{
	const struct xt_nflog_info *p = FILTER_PRIV(d, const struct xt_nflog_info);

	if (p->has_size && p->has_range)
		return ulog_errf(err, -EINVAL, "warn: --nflog-range has never worked and is no longer "
				 "supported, please use --nflog-size instead");
	return 0;
}

static int nflog_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct xt_nflog_info *p = FILTER_PRIV(d, const struct xt_nflog_info);
	struct filter_buf b = filter_buf_init(buf, len);

	if (p->prefix[0]) {
		filter_bprintf(&b, "--nflog-prefix ");
		filter_bquote(&b, p->prefix);
	}
	if (p->group) {
		filter_bsep(&b);
		filter_bprintf(&b, "--nflog-group %u", p->group);
	}
	if (p->has_range) {
		filter_bsep(&b);
		filter_bprintf(&b, "--nflog-range %u", p->len);
	}
	if (p->has_size) {
		filter_bsep(&b);
		filter_bprintf(&b, "--nflog-size %u", p->len);
	}
	if (p->threshold) {
		filter_bsep(&b);
		filter_bprintf(&b, "--nflog-threshold %u", p->threshold);
	}
	return (int)b.pos;
}

static int nflog_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	if (pkt->out && pkt->out->emit)
		pkt->out->emit(pkt->out->arg, "NFLOG", d->priv, pkt->pv, pkt->meta);
	return FILTER_CONTINUE;
}

static int nflog_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	char tmp[1024];

	nflog_print(d, std, tmp, sizeof(tmp));
	return xt_list_from_save(NULL, tmp, buf, len);
}

const struct filter_ext filter_ext_NFLOG = {
	.abi = FILTER_EXT_ABI,
	.name = "NFLOG",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = nflog_opts,
	.n_opts = XT_ARRAY_SIZE(nflog_opts),
	.priv_size = sizeof(struct xt_nflog_info),
	.parse = nflog_parse,
	.final_check = nflog_final,
	.print = nflog_print,
	.list = nflog_list,
	.target = nflog_target,
};
