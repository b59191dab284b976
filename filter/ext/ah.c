/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ah match (IPv4): AH security parameter index in a range (needs -p ah). */
#include <netinet/in.h>

#include "lib/spi.h"

static const struct filter_opt ah_opts[] = {
	{ .name = "ahspi", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
};

static void ah_init(struct filter_ext_data *d, const struct filter_std *std)
{
	xt_spi_init(FILTER_PRIV(d, struct xt_spi));
}

static int ah_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_spi_parse(FILTER_PRIV(d, struct xt_spi), "ah", "ahspi", args[0], invert, err);
}

static int ah_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);

	xt_spi_print(&b, "ahspi", FILTER_PRIV(d, const struct xt_spi));
	return (int)b.pos;
}

static int ah_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_AH || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "ah match: only valid for protocol 51");
	return 0;
}

static int ah_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const uint8_t *h;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	h = pkt->pv->l4proto == IPPROTO_AH ? pkt_l4(pkt->pv, 4, 4) : NULL;
	if (!h) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	return xt_spi_hit(FILTER_PRIV(d, const struct xt_spi), xt_get32(h)) ? FILTER_MATCHED
									    : FILTER_NOMATCH;
}

static int ah_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	const struct xt_spi *s = FILTER_PRIV(d, const struct xt_spi);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " ah ");
	if (s->r[0] != 0 || s->r[1] != UINT32_MAX || s->inv)
		filter_bprintf(&b, s->r[0] == s->r[1] ? "spi:%s%u" : "spis:%s%u:%u",
			       s->inv ? "!" : "", s->r[0], s->r[1]);
	return (int)b.pos;
}

const struct filter_ext filter_ext_ah = {
	.abi = FILTER_EXT_ABI,
	.name = "ah",
	.family = FILTER_V4,
	.kind = FILTER_EXT_MATCH,
	.opts = ah_opts,
	.n_opts = XT_ARRAY_SIZE(ah_opts),
	.priv_size = sizeof(struct xt_spi),
	.init = ah_init,
	.parse = ah_parse,
	.print = ah_print,
	.list = ah_list,
	.check = ah_check,
	.match = ah_match,
};
