/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hl match (IPv6): hop limit equal, unequal, less or greater than a value. */
#include <errno.h>

#include "lib/xt.h"

enum { O_EQ, O_LT, O_GT, O_N };
enum { MODE_EQ, MODE_NE, MODE_LT, MODE_GT };

struct hl_priv {
	uint8_t mode, value;
};

static const struct filter_opt hl_opts[] = {
	[O_EQ] = { .name = "hl-eq", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
	[O_LT] = { .name = "hl-lt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_GT] = { .name = "hl-gt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static int hl_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct hl_priv *p = FILTER_PRIV(d, struct hl_priv);
	uint64_t v;
	int rc;

	if (!filter_parse_uint(args[0], 0, 255, &v))
		return ulog_errf(err, -EINVAL, "hl: bad value for option \"--%s\", or out of range "
				 "(0-255).\n", hl_opts[opt].name);
	if ((rc = xt_excl_now(d, opt, O_EQ, O_N, "hl", err)))
		return rc;
	p->value = (uint8_t)v;
	p->mode = opt == O_EQ ? (invert ? MODE_NE : MODE_EQ) : opt == O_LT ? MODE_LT : MODE_GT;
	return 0;
}

static int hl_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL,
				 "HL match: You must specify one of `--hl-eq', `--hl-lt', `--hl-gt'");
	return 0;
}

static int hl_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	static const char *const fmt[] = { "--hl-eq %u", "! --hl-eq %u", "--hl-lt %u", "--hl-gt %u" };
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);

	return snprintf(buf, len, fmt[p->mode], p->value);
}

static int hl_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);
	const uint8_t *h = pkt_l3(pkt->pv, 7, 1);
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

static int hl_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	static const char *const op[] = { "==", "!=", "<", ">" };
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);

	return snprintf(buf, len, " HL match HL %s %u", op[p->mode], p->value);
}

const struct filter_ext filter_ext_hl = {
	.abi = FILTER_EXT_ABI,
	.name = "hl",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = hl_opts,
	.n_opts = XT_ARRAY_SIZE(hl_opts),
	.priv_size = sizeof(struct hl_priv),
	.parse = hl_parse,
	.final_check = hl_final,
	.print = hl_print,
	.list = hl_list,
	.match = hl_match,
};
