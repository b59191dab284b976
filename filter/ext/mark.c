/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mark match: (skb mark & mask) == value. */
#include <errno.h>

#include "lib/xt.h"

struct mark_priv {
	uint32_t mark, mask;
	bool inv;
};

static const struct filter_opt mark_opts[] = {
	{ .name = "mark", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int mark_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct mark_priv *p = FILTER_PRIV(d, struct mark_priv);

	if (!xt_parse_mark(args[0], &p->mark, &p->mask))
		return ulog_errf(err, -EINVAL, "%s: bad integer value for option \"--mark\", or out of "
				 "range.\n", d->ext->name);
	p->inv = invert;
	return 0;
}

static int mark_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct mark_priv *p = FILTER_PRIV(d, const struct mark_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s--mark ", p->inv ? "! " : "");
	xt_bmark(&b, p->mark, p->mask);
	return (int)b.pos;
}

static int mark_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct mark_priv *p = FILTER_PRIV(d, const struct mark_priv);

	return ((pkt->meta->mark & p->mask) == p->mark) ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int mark_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	const struct mark_priv *p = FILTER_PRIV(d, const struct mark_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " mark match %s", p->inv ? "! " : "");
	xt_bmark(&b, p->mark, p->mask);
	return (int)b.pos;
}

const struct filter_ext filter_ext_mark = {
	.abi = FILTER_EXT_ABI,
	.name = "mark",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = mark_opts,
	.n_opts = XT_ARRAY_SIZE(mark_opts),
	.priv_size = sizeof(struct mark_priv),
	.parse = mark_parse,
	.print = mark_print,
	.list = mark_list,
	.match = mark_match,
};
