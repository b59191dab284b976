/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The icmp6 match: ICMPv6 type and code range, as libip6t_icmp6 and the kernel's icmp6_match. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/icmptype.h"

struct icmp6_priv {
	uint8_t type, code[2];
	bool inv;
};

static const struct filter_opt icmp6_opts[] = {
	{ .name = "icmpv6-type", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int icmp6_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct icmp6_priv *p = FILTER_PRIV(d, struct icmp6_priv);

	p->inv = invert;
	return xt_parse_icmp(args[0], true, &p->type, p->code, err);
}

static int icmp6_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct icmp6_priv *p = FILTER_PRIV(d, const struct icmp6_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_bicmp(&b, "icmpv6-type", true, p->type, p->code, p->inv);
	return (int)b.pos;
}

static int icmp6_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_ICMPV6 || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "icmp6 match: only valid for protocol 58");
	return 0;
}

static int icmp6_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct icmp6_priv *p = FILTER_PRIV(d, const struct icmp6_priv);
	const uint8_t *h;
	bool m;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	h = pkt->pv->l4proto == IPPROTO_ICMPV6 ? pkt_l4(pkt->pv, 0, 2) : NULL;
	if (!h) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	m = (h[0] == p->type && h[1] >= p->code[0] && h[1] <= p->code[1]);
	return m ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int icmp6_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct icmp6_priv *p = FILTER_PRIV(d, const struct icmp6_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " ipv6-icmp");
	xt_licmp(&b, true, p->type, p->code, p->inv, numeric);
	return (int)b.pos;
}

const struct filter_ext filter_ext_icmp6 = {
	.abi = FILTER_EXT_ABI,
	.name = "icmp6",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = icmp6_opts,
	.n_opts = XT_ARRAY_SIZE(icmp6_opts),
	.priv_size = sizeof(struct icmp6_priv),
	.parse = icmp6_parse,
	.print = icmp6_print,
	.list = icmp6_list,
	.check = icmp6_check,
	.match = icmp6_match,
};
