/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The connmark match: (conntrack mark & mask) == value; no conntrack entry never matches. */
#include <errno.h>

#include "lib/xt.h"

struct connmark_priv {
	uint32_t mark, mask;
	bool inv;
};

static const struct filter_opt connmark_opts[] = {
	{ .name = "mark", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int connmark_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			  bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct connmark_priv *p = FILTER_PRIV(d, struct connmark_priv);

	if (!xt_parse_mark(args[0], &p->mark, &p->mask))
		return ulog_errf(err, -EINVAL, "connmark: bad integer value for option \"--mark\", or "
				 "out of range.\n");
	p->inv = invert;
	return 0;
}

static int connmark_print(const struct filter_ext_data *d, const struct filter_std *std,
			  char *buf, size_t len)
{
	const struct connmark_priv *p = FILTER_PRIV(d, const struct connmark_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s--mark ", p->inv ? "! " : "");
	xt_bmark(&b, p->mark, p->mask);
	return (int)b.pos;
}

static int connmark_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct connmark_priv *p = FILTER_PRIV(d, const struct connmark_priv);

	if (!pkt->meta->ct_valid)
		return FILTER_NOMATCH;
	return ((pkt->meta->ct_mark & p->mask) == p->mark) ^ p->inv ? FILTER_MATCHED
								     : FILTER_NOMATCH;
}

static int connmark_list(const struct filter_ext_data *d, const struct filter_std *std,
			 bool numeric, char *buf, size_t len)
{
	const struct connmark_priv *p = FILTER_PRIV(d, const struct connmark_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " connmark match %s", p->inv ? "! " : " ");
	xt_bmark(&b, p->mark, p->mask);
	return (int)b.pos;
}

const struct filter_ext filter_ext_connmark = {
	.abi = FILTER_EXT_ABI,
	.name = "connmark",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = connmark_opts,
	.n_opts = XT_ARRAY_SIZE(connmark_opts),
	.priv_size = sizeof(struct connmark_priv),
	.parse = connmark_parse,
	.print = connmark_print,
	.list = connmark_list,
	.match = connmark_match,
};
