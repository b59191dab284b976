/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The esp match: ESP security parameter index in a range (needs -p esp). */
#include <netinet/in.h>

#include "lib/spi.h"

static const struct filter_opt esp_opts[] = {
	{ .name = "espspi", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
};

static void esp_init(struct filter_ext_data *d, const struct filter_std *std)
{
	xt_spi_init(FILTER_PRIV(d, struct xt_spi));
}

static int esp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	return xt_spi_parse(FILTER_PRIV(d, struct xt_spi), "esp", "espspi", args[0], invert, err);
}

static int esp_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);

	xt_spi_print(&b, "espspi", FILTER_PRIV(d, const struct xt_spi));
	return (int)b.pos;
}

static int esp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_ESP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "esp match: only valid for protocol 50");
	return 0;
}

static int esp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const uint8_t *h;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	h = pkt->pv->l4proto == IPPROTO_ESP ? pkt_l4(pkt->pv, 0, 4) : NULL;
	if (!h) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	return xt_spi_hit(FILTER_PRIV(d, const struct xt_spi), xt_get32(h)) ? FILTER_MATCHED
									    : FILTER_NOMATCH;
}

static int esp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct xt_spi *s = FILTER_PRIV(d, const struct xt_spi);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " esp");
	if (s->r[0] != 0 || s->r[1] != UINT32_MAX || s->inv)
		filter_bprintf(&b, s->r[0] == s->r[1] ? " spi:%s%u" : " spis:%s%u:%u",
			       s->inv ? "!" : "", s->r[0], s->r[1]);
	return (int)b.pos;
}

const struct filter_ext filter_ext_esp = {
	.abi = FILTER_EXT_ABI,
	.name = "esp",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = esp_opts,
	.n_opts = XT_ARRAY_SIZE(esp_opts),
	.priv_size = sizeof(struct xt_spi),
	.init = esp_init,
	.parse = esp_parse,
	.print = esp_print,
	.list = esp_list,
	.check = esp_check,
	.match = esp_match,
};
