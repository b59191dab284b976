/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The limit match: a per-rule token bucket (average rate and burst), in the kernel's credit arithmetic. */
#include <errno.h>
#include <stdlib.h>

#include "lib/credit.h"
#include "lib/xt.h"

#define LIMIT_DEFAULT_BURST 5

enum { O_LIMIT, O_BURST };

struct limit_priv {
	uint32_t avg;                /* period per packet, XT_LIMIT_SCALE units of a second */
	uint32_t burst;
};

struct limit_state {
	uint64_t prev;               /* jiffies */
	uint32_t credit, credit_cap, cost;
	bool started;
};

static const struct filter_opt limit_opts[] = {
	[O_LIMIT] = { .name = "limit", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_BURST] = { .name = "limit-burst", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static void limit_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct limit_priv *p = FILTER_PRIV(d, struct limit_priv);

	p->avg = XT_LIMIT_SCALE * 3600 / 3;
	p->burst = LIMIT_DEFAULT_BURST;
}

static int limit_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct limit_priv *p = FILTER_PRIV(d, struct limit_priv);
	uint64_t v;
	int r;

	if (opt == O_BURST) {
		if (!filter_parse_uint(args[0], 0, 10000, &v))
			return ulog_errf(err, -EINVAL, "limit: bad value for option \"--limit-burst\", "
					 "or out of range (0-10000).\n");
		p->burst = (uint32_t)v;
		return 0;
	}
	r = xt_parse_rate(args[0], XT_LIMIT_SCALE, &v);
	if (r < 0)
		return ulog_errf(err, -EINVAL, "Rate too fast \"%s\"", args[0]);
	if (r == 0)
		return ulog_errf(err, -EINVAL, "bad rate \"%s\"'", args[0]);
	p->avg = (uint32_t)v;
	return 0;
}

static int limit_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct limit_priv *p = FILTER_PRIV(d, const struct limit_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "--limit ");
	xt_brate(&b, p->avg, XT_LIMIT_SCALE);
	if (p->burst != LIMIT_DEFAULT_BURST)
		filter_bprintf(&b, " --limit-burst %u", p->burst);
	return (int)b.pos;
}

static int limit_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		       struct ulog_err *err)
{
	const struct limit_priv *p = FILTER_PRIV(d, const struct limit_priv);

	if (p->burst == 0 || xt_user2credits(p->avg * p->burst, XT_LIMIT_SCALE) <
			     xt_user2credits(p->avg, XT_LIMIT_SCALE))
		return ulog_errf(err, -ERANGE, "limit: Overflow, try lower: %u/%u", p->avg, p->burst);
	return 0;
}

static int limit_bind(struct filter_ext_data *d, struct filter_ctx *ctx, struct ulog_err *err)
{
	const struct limit_priv *p = FILTER_PRIV(d, const struct limit_priv);
	struct limit_state *s = calloc(1, sizeof(*s));

	if (!s)
		return ulog_errf(err, -ENOMEM, "limit: out of memory");
	s->credit = xt_user2credits(p->avg * p->burst, XT_LIMIT_SCALE);
	s->credit_cap = s->credit;
	s->cost = xt_user2credits(p->avg, XT_LIMIT_SCALE);
	d->state = s;
	return 0;
}

static void limit_unbind(struct filter_ext_data *d, struct filter_ctx *ctx)
{
	free(d->state);
	d->state = NULL;
}

static int limit_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	struct limit_state *s = d->state;
	uint64_t now = xt_jiffies(pkt->now_ns), credit;

	if (!s)
		return FILTER_MATCHED;
	if (!s->started) {
		s->prev = now;
		s->started = true;
	}
	if (now < s->prev)          /* replayed time went backwards: no new credit */
		now = s->prev;
	credit = s->credit + (now - s->prev) * XT_CREDITS_PER_JIFFY;
	s->prev = now;
	if (credit > s->credit_cap)
		credit = s->credit_cap;
	if (credit >= s->cost) {
		s->credit = (uint32_t)(credit - s->cost);
		return FILTER_MATCHED;
	}
	s->credit = (uint32_t)credit;
	return FILTER_NOMATCH;
}

static int limit_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct limit_priv *p = FILTER_PRIV(d, const struct limit_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " limit: avg ");
	xt_brate(&b, p->avg, XT_LIMIT_SCALE);
	filter_bprintf(&b, " burst %u", p->burst);
	return (int)b.pos;
}

const struct filter_ext filter_ext_limit = {
	.abi = FILTER_EXT_ABI,
	.name = "limit",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = limit_opts,
	.n_opts = XT_ARRAY_SIZE(limit_opts),
	.priv_size = sizeof(struct limit_priv),
	.init = limit_init,
	.parse = limit_parse,
	.print = limit_print,
	.list = limit_list,
	.check = limit_check,
	.bind = limit_bind,
	.unbind = limit_unbind,
	.match = limit_match,
};
