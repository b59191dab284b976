/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ah match (IPv6): AH header's SPI range, header length and reserved field. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/ext6.h"
#include "lib/spi.h"

enum { O_SPI, O_LEN, O_RES };

struct ah6_priv {
	struct xt_spi spi;
	uint32_t hdrlen;
	bool len_inv, res;
};

static const struct filter_opt ah6_opts[] = {
	[O_SPI] = { .name = "ahspi", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
	[O_LEN] = { .name = "ahlen", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE },
	[O_RES] = { .name = "ahres", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};

static void ah6_init(struct filter_ext_data *d, const struct filter_std *std)
{
	xt_spi_init(&FILTER_PRIV(d, struct ah6_priv)->spi);
}

static int ah6_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct ah6_priv *p = FILTER_PRIV(d, struct ah6_priv);
	uint64_t v;

	switch (opt) {
	case O_SPI:
		return xt_spi_parse(&p->spi, "ah", "ahspi", args[0], invert, err);
	case O_LEN:
		if (!filter_parse_uint(args[0], 0, UINT32_MAX, &v))
			return ulog_errf(err, -EINVAL, "ah: bad value for option \"--ahlen\", or out of "
					 "range (0-4294967295).\n");
		p->hdrlen = (uint32_t)v;
		p->len_inv = invert;
		return 0;
	default:
		p->res = true;
		return 0;
	}
}

static int ah6_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	const struct ah6_priv *p = FILTER_PRIV(d, const struct ah6_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_spi_print(&b, "ahspi", &p->spi);
	if (p->hdrlen || p->len_inv) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--ahlen %u", p->len_inv ? "! " : "", p->hdrlen);
	}
	if (p->res) {
		filter_bsep(&b);
		filter_bprintf(&b, "--ahres");
	}
	return (int)b.pos;
}

static int ah6_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct ah6_priv *p = FILTER_PRIV(d, const struct ah6_priv);
	const uint8_t *h = xt_ext6_hdr(pkt, IPPROTO_AH, 12, NULL);
	uint32_t hdrlen;

	if (!h)
		return FILTER_NOMATCH;
	hdrlen = ((uint32_t)h[1] + 2) << 2;
	if (!xt_spi_hit(&p->spi, xt_get32(h + 4)))
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_LEN) && ((hdrlen == p->hdrlen) ^ p->len_inv) == 0)
		return FILTER_NOMATCH;
	if (p->res && (h[2] || h[3]))
		return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static int ah6_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct ah6_priv *p = FILTER_PRIV(d, const struct ah6_priv);
	const struct xt_spi *s = &p->spi;
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " ah ");
	if (s->r[0] != 0 || s->r[1] != UINT32_MAX || s->inv)
		filter_bprintf(&b, s->r[0] == s->r[1] ? "spi:%s%u" : "spis:%s%u:%u",
			       s->inv ? "!" : "", s->r[0], s->r[1]);
	if (p->hdrlen || p->len_inv)
		filter_bprintf(&b, "length:%s%u", p->len_inv ? "!" : "", p->hdrlen);
	if (p->res)
		filter_bprintf(&b, " reserved");
	return (int)b.pos;
}

const struct filter_ext filter_ext_ah6 = {
	.abi = FILTER_EXT_ABI,
	.name = "ah",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = ah6_opts,
	.n_opts = XT_ARRAY_SIZE(ah6_opts),
	.priv_size = sizeof(struct ah6_priv),
	.init = ah6_init,
	.parse = ah6_parse,
	.print = ah6_print,
	.list = ah6_list,
	.match = ah6_match,
};
