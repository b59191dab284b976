/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ttl match (IPv4): time to live equal, unequal, less or greater than a value. */
#include <errno.h>

#include "lib/xt.h"

enum { O_EQ, O_LT, O_GT, O_N };
enum { MODE_EQ, MODE_NE, MODE_LT, MODE_GT };

struct ttl_priv {
	uint8_t mode, value;
};

static const struct filter_opt ttl_opts[] = {
	[O_EQ] = { .name = "ttl-eq", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
	[O_LT] = { .name = "ttl-lt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_GT] = { .name = "ttl-gt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static int ttl_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct ttl_priv *p = FILTER_PRIV(d, struct ttl_priv);
	uint64_t v;
	int rc;

	if (!filter_parse_uint(args[0], 0, 255, &v))
		return ulog_errf(err, -EINVAL, "ttl: bad value for option \"--%s\", or out of range "
				 "(0-255).\n", ttl_opts[opt].name);
	if ((rc = xt_excl_now(d, opt, O_EQ, O_N, "ttl", err)))
		return rc;
	p->value = (uint8_t)v;
	p->mode = opt == O_EQ ? (invert ? MODE_NE : MODE_EQ) : opt == O_LT ? MODE_LT : MODE_GT;
	return 0;
}

static int ttl_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL,
				 "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
	return 0;
}

static int ttl_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	static const char *const fmt[] = { "--ttl-eq %u", "! --ttl-eq %u", "--ttl-lt %u", "--ttl-gt %u" };
	const struct ttl_priv *p = FILTER_PRIV(d, const struct ttl_priv);

	return snprintf(buf, len, fmt[p->mode], p->value);
}

static int ttl_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct ttl_priv *p = FILTER_PRIV(d, const struct ttl_priv);
	const uint8_t *h = pkt_l3(pkt->pv, 8, 1);
	bool m = false;

	if (!h)
		return FILTER_NOMATCH;
	switch (p->mode) {
	case MODE_EQ: m = *h == p->value; break;
	case MODE_NE: m = *h != p->value; break;
	case MODE_LT: m = *h < p->value; break;
	case MODE_GT: m = *h > p->value; break;
	}
	return m ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int ttl_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	static const char *const op[] = { "==", "!=", "<", ">" };
	const struct ttl_priv *p = FILTER_PRIV(d, const struct ttl_priv);

	return snprintf(buf, len, " TTL match TTL %s %u", op[p->mode], p->value);
}

const struct filter_ext filter_ext_ttl = {
	.abi = FILTER_EXT_ABI,
	.name = "ttl",
	.family = FILTER_V4,
	.kind = FILTER_EXT_MATCH,
	.opts = ttl_opts,
	.n_opts = XT_ARRAY_SIZE(ttl_opts),
	.priv_size = sizeof(struct ttl_priv),
	.parse = ttl_parse,
	.final_check = ttl_final,
	.print = ttl_print,
	.list = ttl_list,
	.match = ttl_match,
};
