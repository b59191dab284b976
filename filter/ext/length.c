/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The length match: IP packet length (IPv4 total length, IPv6 payload length + 40) in a range. */
#include <errno.h>

#include "lib/xt.h"

struct length_priv {
	uint16_t min, max;
	bool inv;
};

static const struct filter_opt length_opts[] = {
	{ .name = "length", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int length_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct length_priv *p = FILTER_PRIV(d, struct length_priv);
	uint64_t r[2];

	if (!xt_parse_urange(args[0], 65535, r))
		return ulog_errf(err, -EINVAL, "length: bad value for option \"--length\" near \"%s\", "
				 "or out of range (0-65535).\n", args[0]);
	p->min = (uint16_t)r[0];
	p->max = (uint16_t)r[1];
	p->inv = invert;
	return 0;
}

static int length_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct length_priv *p = FILTER_PRIV(d, const struct length_priv);

	if (p->min == p->max)
		return snprintf(buf, len, "%s--length %u", p->inv ? "! " : "", p->min);
	return snprintf(buf, len, "%s--length %u:%u", p->inv ? "! " : "", p->min, p->max);
}

static int length_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct length_priv *p = FILTER_PRIV(d, const struct length_priv);
	uint32_t l = pkt->pv->tot_len;

	return (l >= p->min && l <= p->max) ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int length_list(const struct filter_ext_data *d, const struct filter_std *std,
		       bool numeric, char *buf, size_t len)
{
	const struct length_priv *p = FILTER_PRIV(d, const struct length_priv);

	if (p->min == p->max)
		return snprintf(buf, len, " length %s%u", p->inv ? "!" : "", p->min);
	return snprintf(buf, len, " length %s%u:%u", p->inv ? "!" : "", p->min, p->max);
}

const struct filter_ext filter_ext_length = {
	.abi = FILTER_EXT_ABI,
	.name = "length",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = length_opts,
	.n_opts = XT_ARRAY_SIZE(length_opts),
	.priv_size = sizeof(struct length_priv),
	.parse = length_parse,
	.print = length_print,
	.list = length_list,
	.match = length_match,
};
