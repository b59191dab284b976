/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The connlimit match: number of tracked connections from (or to) the packet's masked address. */
#include <errno.h>
#include <string.h>

#include "lib/xt.h"

enum { O_UPTO, O_ABOVE, O_MASK, O_SADDR, O_DADDR };

struct connlimit_priv {
	uint32_t limit;
	uint8_t mask[16];
	uint8_t plen;
	bool upto, daddr;
};

#define O FILTER_OPT_ONCE
static const struct filter_opt connlimit_opts[] = {
	[O_UPTO] = { .name = "connlimit-upto", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_ABOVE] = { .name = "connlimit-above", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_MASK] = { .name = "connlimit-mask", .arg = FILTER_ARG_ONE, .flags = O },
	[O_SADDR] = { .name = "connlimit-saddr", .arg = FILTER_ARG_NONE, .flags = O },
	[O_DADDR] = { .name = "connlimit-daddr", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static void connlimit_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct connlimit_priv)->plen = std->family == FILTER_V6 ? 128 : 32;
}

static int connlimit_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			   bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct connlimit_priv *p = FILTER_PRIV(d, struct connlimit_priv);
	unsigned max = std->family == FILTER_V6 ? 128 : 32;
	uint64_t v;
	int rc;

	switch (opt) {
	case O_UPTO: case O_ABOVE:
		if ((rc = xt_excl_now(d, opt, O_UPTO, O_ABOVE + 1, "connlimit", err)))
			return rc;
		if (!filter_parse_uint(args[0], 0, UINT32_MAX, &v))
			return ulog_errf(err, -EINVAL, "connlimit: bad value for option \"--%s\", or out "
					 "of range (0-4294967295).\n", connlimit_opts[opt].name);
		p->limit = (uint32_t)v;
		p->upto = (opt == O_UPTO) != invert;
		return 0;
	case O_MASK:
		if (!filter_parse_uint(args[0], 0, max, &v))
			return ulog_errf(err, -EINVAL, "connlimit: bad value for option "
					 "\"--connlimit-mask\", or out of range (0-%u).\n", max);
		p->plen = (uint8_t)v;
		return 0;
	default:
		p->daddr = opt == O_DADDR;
		return 0;
	}
}

static int connlimit_final(struct filter_ext_data *d, const struct filter_std *std,
			   struct ulog_err *err)
{
	struct connlimit_priv *p = FILTER_PRIV(d, struct connlimit_priv);
	unsigned bits = p->plen, i;

	if (!filter_opt_seen(d, O_UPTO) && !filter_opt_seen(d, O_ABOVE))
		return ulog_errf(err, -EINVAL,
				 "You must specify \"--connlimit-above\" or \"--connlimit-upto\".");
	for (i = 0; i < 16; i++) {
		unsigned b = bits > 8 ? 8 : bits;

		p->mask[i] = (uint8_t)(b ? 0xff << (8 - b) : 0);
		bits -= b;
	}
	return 0;
}

static int connlimit_print(const struct filter_ext_data *d, const struct filter_std *std,
			   char *buf, size_t len)
{
	const struct connlimit_priv *p = FILTER_PRIV(d, const struct connlimit_priv);

	return snprintf(buf, len, "--connlimit-%s %u --connlimit-mask %u --connlimit-%s",
			p->upto ? "upto" : "above", p->limit, p->plen, p->daddr ? "daddr" : "saddr");
}

static int connlimit_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct connlimit_priv *p = FILTER_PRIV(d, const struct connlimit_priv);
	const struct filter_host *h = pkt->host;
	unsigned n;

	if (!h || !h->ct_count) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	n = h->ct_count(h, pkt->pv, pkt->meta, p->mask, p->daddr);
	return (n > p->limit) ^ p->upto ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int connlimit_list(const struct filter_ext_data *d, const struct filter_std *std,
			  bool numeric, char *buf, size_t len)
{
	const struct connlimit_priv *p = FILTER_PRIV(d, const struct connlimit_priv);

	return snprintf(buf, len, " #conn %s/%u %s %u", p->daddr ? "dst" : "src", p->plen,
			p->upto ? "<=" : ">", p->limit);
}

const struct filter_ext filter_ext_connlimit = {
	.abi = FILTER_EXT_ABI,
	.name = "connlimit",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = connlimit_opts,
	.n_opts = XT_ARRAY_SIZE(connlimit_opts),
	.priv_size = sizeof(struct connlimit_priv),
	.init = connlimit_init,
	.parse = connlimit_parse,
	.final_check = connlimit_final,
	.print = connlimit_print,
	.list = connlimit_list,
	.match = connlimit_match,
};
