/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The MARK target (revision 2): mark = (mark & ~mask) ^ value, from --set-xmark/--set/and/or/xor-mark. */
#include <errno.h>

#include "lib/xt.h"

enum { O_SET_XMARK, O_SET_MARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_N };

struct markt_priv {
	uint32_t mark, mask;
};

static const struct filter_opt markt_opts[] = {
	[O_SET_XMARK] = { .name = "set-xmark", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_SET_MARK] = { .name = "set-mark", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_AND_MARK] = { .name = "and-mark", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_OR_MARK] = { .name = "or-mark", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_XOR_MARK] = { .name = "xor-mark", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static int markt_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct markt_priv *p = FILTER_PRIV(d, struct markt_priv);
	uint32_t v, m;
	uint64_t u;

	if (opt == O_SET_XMARK || opt == O_SET_MARK) {
		if (!xt_parse_mark(args[0], &v, &m))
			return ulog_errf(err, -EINVAL, "MARK: bad integer value for option \"--%s\", or "
					 "out of range.\n", markt_opts[opt].name);
		p->mark = v;
		p->mask = opt == O_SET_MARK ? v | m : m;
		return 0;
	}
	if (!filter_parse_uint(args[0], 0, UINT32_MAX, &u))
		return ulog_errf(err, -EINVAL, "MARK: bad value for option \"--%s\", or out of range "
				 "(0-4294967295).\n", markt_opts[opt].name);
	v = (uint32_t)u;
	p->mark = opt == O_AND_MARK ? 0 : v;
	p->mask = opt == O_AND_MARK ? ~v : opt == O_OR_MARK ? v : 0;
	return 0;
}

static int markt_final(struct filter_ext_data *d, const struct filter_std *std,
		       struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "MARK: One of the --set-xmark, --{and,or,xor,set}-mark "
				 "options is required");
	return xt_excl_check(d, O_SET_XMARK, O_N, "MARK", err);
}

static int markt_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct markt_priv *p = FILTER_PRIV(d, const struct markt_priv);

	return snprintf(buf, len, "--set-xmark 0x%x/0x%x", p->mark, p->mask);
}

static int markt_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct markt_priv *p = FILTER_PRIV(d, const struct markt_priv);

	pkt->meta->mark = (pkt->meta->mark & ~p->mask) ^ p->mark;
	return FILTER_CONTINUE;
}

/* MARK and CONNMARK --set-xmark in -L form: the shortest of and/or/xor/set/xset. */
static void markt_lvalue(struct filter_buf *b, const char *tag, uint32_t mark, uint32_t mask)
{
	if (mark == 0)
		filter_bprintf(b, " %s and 0x%x", tag, ~mask);
	else if (mark == mask)
		filter_bprintf(b, " %s or 0x%x", tag, mark);
	else if (mask == 0)
		filter_bprintf(b, " %s xor 0x%x", tag, mark);
	else if (mask == UINT32_MAX)
		filter_bprintf(b, " %s set 0x%x", tag, mark);
	else
		filter_bprintf(b, " %s xset 0x%x/0x%x", tag, mark, mask);
}

static int markt_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct markt_priv *p = FILTER_PRIV(d, const struct markt_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	markt_lvalue(&b, "MARK", p->mark, p->mask);
	return (int)b.pos;
}

const struct filter_ext filter_ext_MARK = {
	.abi = FILTER_EXT_ABI,
	.name = "MARK",
	.revision = 2,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = markt_opts,
	.n_opts = XT_ARRAY_SIZE(markt_opts),
	.priv_size = sizeof(struct markt_priv),
	.parse = markt_parse,
	.final_check = markt_final,
	.print = markt_print,
	.list = markt_list,
	.target = markt_target,
};
