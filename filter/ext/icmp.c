/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The icmp match (IPv4): type and code range, as libipt_icmp and the kernel's icmp_mt. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/icmptype.h"

struct icmp_priv {
	uint8_t type, code[2];
	bool inv;
};

static const struct filter_opt icmp_opts[] = {
	{ .name = "icmp-type", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int icmp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct icmp_priv *p = FILTER_PRIV(d, struct icmp_priv);

	p->inv = invert;
	return xt_parse_icmp(args[0], false, &p->type, p->code, err);
}

static int icmp_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct icmp_priv *p = FILTER_PRIV(d, const struct icmp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_bicmp(&b, "icmp-type", false, p->type, p->code, p->inv);
	return (int)b.pos;
}

static int icmp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_ICMP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "icmp match: only valid for protocol 1");
	return 0;
}

static int icmp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct icmp_priv *p = FILTER_PRIV(d, const struct icmp_priv);
	const uint8_t *h;
	bool m;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	h = pkt->pv->l4proto == IPPROTO_ICMP ? pkt_l4(pkt->pv, 0, 2) : NULL;
	if (!h) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	m = p->type == 0xff || (h[0] == p->type && h[1] >= p->code[0] && h[1] <= p->code[1]);
	return m ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int icmp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	const struct icmp_priv *p = FILTER_PRIV(d, const struct icmp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " icmp");
	xt_licmp(&b, false, p->type, p->code, p->inv, numeric);
	return (int)b.pos;
}

const struct filter_ext filter_ext_icmp = {
	.abi = FILTER_EXT_ABI,
	.name = "icmp",
	.family = FILTER_V4,
	.kind = FILTER_EXT_MATCH,
	.opts = icmp_opts,
	.n_opts = XT_ARRAY_SIZE(icmp_opts),
	.priv_size = sizeof(struct icmp_priv),
	.parse = icmp_parse,
	.print = icmp_print,
	.list = icmp_list,
	.check = icmp_check,
	.match = icmp_match,
};
