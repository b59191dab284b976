/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The udp match: source and destination port ranges, as libxt_udp (option framework) and xt_tcpudp. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/xt.h"

enum { O_SPORT, O_SOURCE_PORT, O_DPORT, O_DESTINATION_PORT };

struct udp_priv {
	uint16_t spts[2], dpts[2];
	bool inv_src, inv_dst;
	uint8_t given;
};

#define I FILTER_OPT_INVERT
static const struct filter_opt udp_opts[] = {
	[O_SPORT] = { .name = "sport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SOURCE_PORT] = { .name = "source-port", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DPORT] = { .name = "dport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DESTINATION_PORT] = { .name = "destination-port", .arg = FILTER_ARG_ONE, .flags = I },
};
#undef I

static void udp_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct udp_priv *u = FILTER_PRIV(d, struct udp_priv);

	u->spts[1] = u->dpts[1] = 0xffff;
}

static int udp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct udp_priv *u = FILTER_PRIV(d, struct udp_priv);
	bool src = opt == O_SPORT || opt == O_SOURCE_PORT;
	const char *name = src ? "source-port" : "destination-port";
	uint8_t bit = src ? 1 : 2;

	if (u->given & bit)
		return ulog_errf(err, -EINVAL, "udp: option \"--%s\" can only be used once.\n", name);
	u->given |= bit;
	if (src) {
		u->inv_src = invert;
		return xt_portrange_gai(args[0], "udp", name, u->spts, err);
	}
	u->inv_dst = invert;
	return xt_portrange_gai(args[0], "udp", name, u->dpts, err);
}

static int udp_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	const struct udp_priv *u = FILTER_PRIV(d, const struct udp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_bportrange(&b, "sport", u->spts, u->inv_src);
	xt_bportrange(&b, "dport", u->dpts, u->inv_dst);
	return (int)b.pos;
}

static int udp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_UDP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "udp match: only valid for protocol 17");
	return 0;
}

static int udp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct udp_priv *u = FILTER_PRIV(d, const struct udp_priv);
	uint16_t sp, dp;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	if (pkt->pv->l4proto != IPPROTO_UDP || !xt_pkt_ports(pkt->pv, &sp, &dp, &pkt->hotdrop)) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	if (((sp >= u->spts[0] && sp <= u->spts[1]) ^ u->inv_src) &&
	    ((dp >= u->dpts[0] && dp <= u->dpts[1]) ^ u->inv_dst))
		return FILTER_MATCHED;
	return FILTER_NOMATCH;
}

static int udp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct udp_priv *u = FILTER_PRIV(d, const struct udp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " udp");
	xt_lports(&b, "spt", u->spts, u->inv_src, numeric, "udp");
	xt_lports(&b, "dpt", u->dpts, u->inv_dst, numeric, "udp");
	return (int)b.pos;
}

const struct filter_ext filter_ext_udp = {
	.abi = FILTER_EXT_ABI,
	.name = "udp",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = udp_opts,
	.n_opts = XT_ARRAY_SIZE(udp_opts),
	.priv_size = sizeof(struct udp_priv),
	.init = udp_init,
	.parse = udp_parse,
	.print = udp_print,
	.list = udp_list,
	.check = udp_check,
	.match = udp_match,
};
