/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The physdev match: bridge ports a bridged packet came in or goes out by. */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "lib/xt.h"

enum { O_IN, O_OUT, O_IS_IN, O_IS_OUT, O_IS_BRIDGED };
enum { B_IN = 1, B_OUT = 2, B_ISIN = 4, B_ISOUT = 8, B_BRIDGED = 16 };

struct physdev_priv {
	char in[IFNAMSIZ], out[IFNAMSIZ];
	uint8_t bitmask, invert;
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt physdev_opts[] = {
	[O_IN] = { .name = "physdev-in", .arg = FILTER_ARG_ONE, .flags = F },
	[O_OUT] = { .name = "physdev-out", .arg = FILTER_ARG_ONE, .flags = F },
	[O_IS_IN] = { .name = "physdev-is-in", .arg = FILTER_ARG_NONE, .flags = F },
	[O_IS_OUT] = { .name = "physdev-is-out", .arg = FILTER_ARG_NONE, .flags = F },
	[O_IS_BRIDGED] = { .name = "physdev-is-bridged", .arg = FILTER_ARG_NONE, .flags = F },
};
#undef F

static int physdev_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	static const uint8_t bit[] = { B_IN, B_OUT, B_ISIN, B_ISOUT, B_BRIDGED };
	struct physdev_priv *p = FILTER_PRIV(d, struct physdev_priv);

	if (opt == O_IN || opt == O_OUT) {
		if (strlen(args[0]) >= IFNAMSIZ)
			return ulog_errf(err, -EINVAL, "interface name `%s' must be shorter than IFNAMSIZ "
					 "(%i)", args[0], IFNAMSIZ - 1);
		snprintf(opt == O_IN ? p->in : p->out, IFNAMSIZ, "%s", args[0]);
	}
	p->bitmask |= bit[opt];
	if (invert)
		p->invert |= bit[opt];
	return 0;
}

static int physdev_final(struct filter_ext_data *d, const struct filter_std *std,
			 struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "PHYSDEV: no physdev option specified");
	return 0;
}

static void physdev_bitem(struct filter_buf *b, const struct physdev_priv *p, uint8_t bit,
			  const char *opt, const char *dev)
{
	if (!(p->bitmask & bit))
		return;
	filter_bsep(b);
	filter_bprintf(b, "%s--%s", p->invert & bit ? "! " : "", opt);
	if (dev)
		filter_bprintf(b, " %s", dev);
}

static int physdev_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	const struct physdev_priv *p = FILTER_PRIV(d, const struct physdev_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	physdev_bitem(&b, p, B_ISIN, "physdev-is-in", NULL);
	physdev_bitem(&b, p, B_IN, "physdev-in", p->in);
	physdev_bitem(&b, p, B_ISOUT, "physdev-is-out", NULL);
	physdev_bitem(&b, p, B_OUT, "physdev-out", p->out);
	physdev_bitem(&b, p, B_BRIDGED, "physdev-is-bridged", NULL);
	return (int)b.pos;
}

/* Not bridged: only inverted options can match. */
static int physdev_unbridged(const struct physdev_priv *p)
{
	return (p->bitmask & ~p->invert) ? FILTER_NOMATCH : FILTER_MATCHED;
}

static int physdev_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct physdev_priv *p = FILTER_PRIV(d, const struct physdev_priv);
	const struct filter_meta *m = pkt->meta;
	bool in = m->phys_in[0], out = m->phys_out[0];

	if (!in && !out)
		return physdev_unbridged(p);
	if ((p->bitmask & B_BRIDGED) && (out ^ !(p->invert & B_BRIDGED)))
		return FILTER_NOMATCH;
	if (((p->bitmask & B_ISIN) && (!in ^ !!(p->invert & B_ISIN))) ||
	    ((p->bitmask & B_ISOUT) && (!out ^ !!(p->invert & B_ISOUT))))
		return FILTER_NOMATCH;
	if ((p->bitmask & B_IN) && in &&
	    (!xt_ifname_match(m->phys_in, p->in) ^ !(p->invert & B_IN)))
		return FILTER_NOMATCH;
	if (!(p->bitmask & B_OUT) || !out)
		return FILTER_MATCHED;
	return xt_ifname_match(m->phys_out, p->out) ^ !!(p->invert & B_OUT) ? FILTER_MATCHED
									    : FILTER_NOMATCH;
}

static int physdev_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	char tmp[256];

	physdev_print(d, std, tmp, sizeof(tmp));
	return snprintf(buf, len, " PHYSDEV match %s", tmp);
}

const struct filter_ext filter_ext_physdev = {
	.abi = FILTER_EXT_ABI,
	.name = "physdev",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = physdev_opts,
	.n_opts = XT_ARRAY_SIZE(physdev_opts),
	.priv_size = sizeof(struct physdev_priv),
	.parse = physdev_parse,
	.final_check = physdev_final,
	.print = physdev_print,
	.list = physdev_list,
	.match = physdev_match,
};
