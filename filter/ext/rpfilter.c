/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rpfilter match (raw/mangle PREROUTING): does the reverse path of the source leave by the in interface? */
#include "lib/table.h"

enum { O_LOOSE, O_VALIDMARK, O_ACCEPT_LOCAL, O_INVERT };

static const struct filter_opt rpfilter_opts[] = {
	[O_LOOSE] = { .name = "loose", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_VALIDMARK] = { .name = "validmark", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_ACCEPT_LOCAL] = { .name = "accept-local", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_INVERT] = { .name = "invert", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};

static int rpfilter_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			  bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return 0;
}

static int rpfilter_print(const struct filter_ext_data *d, const struct filter_std *std,
			  char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned o;

	for (o = O_LOOSE; o <= O_INVERT; o++)
		if (filter_opt_seen(d, o)) {
			filter_bsep(&b);
			filter_bprintf(&b, "--%s", rpfilter_opts[o].name);
		}
	return (int)b.pos;
}

static int rpfilter_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			  struct ulog_err *err)
{
	if (strcmp(c->table, "raw") && strcmp(c->table, "mangle"))
		return ulog_errf(err, -EINVAL, "rpfilter: only valid in 'raw' or 'mangle' table, not %s",
				 c->table);
	return xt_check_where(c, "rpfilter match", NULL, XT_H(PRE_ROUTING), err);
}

static int rpfilter_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct filter_host *h = pkt->host;
	unsigned flags = (unsigned)(d->seen & 0x7);   /* XT_RPFILTER_LOOSE, _VALID_MARK, _ACCEPT_LOCAL */
	bool ok = true;

	if (h && h->rpf_ok)
		ok = h->rpf_ok(h, pkt->pv, pkt->meta, flags);
	return ok ^ filter_opt_seen(d, O_INVERT) ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int rpfilter_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	char tmp[1024];

	rpfilter_print(d, std, tmp, sizeof(tmp));
	return xt_list_from_save("rpfilter", tmp, buf, len);
}

const struct filter_ext filter_ext_rpfilter = {
	.abi = FILTER_EXT_ABI,
	.name = "rpfilter",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = rpfilter_opts,
	.n_opts = XT_ARRAY_SIZE(rpfilter_opts),
	.parse = rpfilter_parse,
	.print = rpfilter_print,
	.list = rpfilter_list,
	.check = rpfilter_check,
	.match = rpfilter_match,
};
