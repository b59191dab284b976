/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The addrtype match (revision 1): route type (LOCAL, UNICAST, ...) of source/destination address. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "lib/xt.h"

enum { O_SRC, O_DST, O_IN, O_OUT };

/* XT_ADDRTYPE_* = 1 << RTN_* */
enum { AT_UNSPEC = 1, AT_UNICAST = 2, AT_LOCAL = 4, AT_BROADCAST = 8, AT_BLACKHOLE = 64,
       AT_PROHIBIT = 256 };

struct addrtype_priv {
	uint16_t type[2];
	bool inv[2];
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt addrtype_opts[] = {
	[O_SRC] = { .name = "src-type", .arg = FILTER_ARG_ONE, .flags = F },
	[O_DST] = { .name = "dst-type", .arg = FILTER_ARG_ONE, .flags = F },
	[O_IN] = { .name = "limit-iface-in", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_OUT] = { .name = "limit-iface-out", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};
#undef F

static const struct xt_name addrtype_names[] = {
	{ "UNSPEC", 1 << 0 }, { "UNICAST", 1 << 1 }, { "LOCAL", 1 << 2 }, { "BROADCAST", 1 << 3 },
	{ "ANYCAST", 1 << 4 }, { "MULTICAST", 1 << 5 }, { "BLACKHOLE", 1 << 6 },
	{ "UNREACHABLE", 1 << 7 }, { "PROHIBIT", 1 << 8 }, { "THROW", 1 << 9 },
	{ "NAT", 1 << 10 }, { "XRESOLVE", 1 << 11 },
};

static int addrtype_parse_types(const char *arg, uint16_t *out, struct ulog_err *err)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		for (i = 0; i < XT_ARRAY_SIZE(addrtype_names); i++)
			if (!strncasecmp(tok, addrtype_names[i].name, strlen(tok)))
				break;
		if (i == XT_ARRAY_SIZE(addrtype_names))
			return ulog_errf(err, -EINVAL, "addrtype: bad type \"%s\"", tok);
		*out |= (uint16_t)addrtype_names[i].value;
	}
	return 0;
}

static int addrtype_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			  bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct addrtype_priv *p = FILTER_PRIV(d, struct addrtype_priv);

	if (opt == O_IN || opt == O_OUT)
		return 0;
	p->inv[opt] = invert;
	return addrtype_parse_types(args[0], &p->type[opt], err);
}

static int addrtype_final(struct filter_ext_data *d, const struct filter_std *std,
			  struct ulog_err *err)
{
	if (!filter_opt_seen(d, O_SRC) && !filter_opt_seen(d, O_DST))
		return ulog_errf(err, -EINVAL, "addrtype: you must specify --src-type or --dst-type");
	return xt_excl_check(d, O_IN, O_OUT + 1, "addrtype", err);
}

static int addrtype_print(const struct filter_ext_data *d, const struct filter_std *std,
			  char *buf, size_t len)
{
	const struct addrtype_priv *p = FILTER_PRIV(d, const struct addrtype_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned o;

	for (o = O_SRC; o <= O_DST; o++) {
		if (!filter_opt_seen(d, o))
			continue;
		filter_bsep(&b);
		filter_bprintf(&b, "%s--%s ", p->inv[o] ? "! " : "", addrtype_opts[o].name);
		xt_bnames(&b, addrtype_names, XT_ARRAY_SIZE(addrtype_names), p->type[o]);
	}
	for (o = O_IN; o <= O_OUT; o++)
		if (filter_opt_seen(d, o)) {
			filter_bsep(&b);
			filter_bprintf(&b, "--%s", addrtype_opts[o].name);
		}
	return (int)b.pos;
}

static int addrtype_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			  struct ulog_err *err)
{
	const struct addrtype_priv *p = FILTER_PRIV(d, const struct addrtype_priv);
	unsigned in_hooks = FILTER_HOOK_BIT(FILTER_PRE_ROUTING) | FILTER_HOOK_BIT(FILTER_LOCAL_IN);
	unsigned out_hooks = FILTER_HOOK_BIT(FILTER_POST_ROUTING) | FILTER_HOOK_BIT(FILTER_LOCAL_OUT);
	uint16_t all = p->type[0] | p->type[1];

	if ((c->hook_mask & in_hooks) && filter_opt_seen(d, O_OUT))
		return ulog_errf(err, -EINVAL, "addrtype: output interface limitation not valid in "
				 "PREROUTING and INPUT");
	if ((c->hook_mask & out_hooks) && filter_opt_seen(d, O_IN))
		return ulog_errf(err, -EINVAL, "addrtype: input interface limitation not valid in "
				 "POSTROUTING and OUTPUT");
	if (c->std->family == FILTER_V6) {
		if (all & AT_BLACKHOLE)
			return ulog_errf(err, -EINVAL, "addrtype: ipv6 BLACKHOLE matching not supported");
		if (all >= AT_PROHIBIT)
			return ulog_errf(err, -EINVAL, "addrtype: ipv6 PROHIBIT (THROW, NAT ..) "
					 "matching not supported");
		if (all & AT_BROADCAST)
			return ulog_errf(err, -EINVAL, "addrtype: ipv6 does not support BROADCAST matching");
	}
	return 0;
}

/* Without host facts: multicast and broadcast by address, else unicast. */
static uint32_t addrtype_guess(const uint8_t *a, bool v6)
{
	static const uint8_t zero[16];

	if (v6)
		return a[0] == 0xff ? 1u << 5 : !memcmp(a, zero, 16) ? AT_UNSPEC : AT_UNICAST;
	if ((a[0] & 0xf0) == 0xe0)
		return 1u << 5;
	if (a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255)
		return AT_BROADCAST;
	if (!a[0] && !a[1] && !a[2] && !a[3])
		return AT_BROADCAST;
	return AT_UNICAST;
}

static bool addrtype_is(const struct filter_ext_data *d, struct filter_pkt *pkt, unsigned o)
{
	const struct addrtype_priv *p = FILTER_PRIV(d, const struct addrtype_priv);
	const struct filter_host *h = pkt->host;
	const uint8_t *a = xt_pkt_addr(pkt->pv, o == O_DST);
	const char *dev = NULL;
	uint32_t types;

	if (!a)
		return false;
	if (filter_opt_seen(d, O_IN))
		dev = pkt->meta->in;
	else if (filter_opt_seen(d, O_OUT))
		dev = pkt->meta->out;
	if (h && h->addr_type)
		types = h->addr_type(h, pkt->pv->family == AF_INET6 ? FILTER_V6 : FILTER_V4, a, dev);
	else
		types = addrtype_guess(a, pkt->pv->family == AF_INET6);
	return ((types & p->type[o]) != 0) ^ p->inv[o];
}

static int addrtype_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	unsigned o;

	for (o = O_SRC; o <= O_DST; o++)
		if (filter_opt_seen(d, o) && !addrtype_is(d, pkt, o))
			return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static int addrtype_list(const struct filter_ext_data *d, const struct filter_std *std,
			 bool numeric, char *buf, size_t len)
{
	const struct addrtype_priv *p = FILTER_PRIV(d, const struct addrtype_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned o;

	filter_bprintf(&b, " ADDRTYPE match");
	for (o = O_SRC; o <= O_DST; o++) {
		if (!filter_opt_seen(d, o))
			continue;
		filter_bprintf(&b, " %s %s", addrtype_opts[o].name, p->inv[o] ? "!" : "");
		xt_bnames(&b, addrtype_names, XT_ARRAY_SIZE(addrtype_names), p->type[o]);
	}
	if (filter_opt_seen(d, O_IN))
		filter_bprintf(&b, " limit-in");
	if (filter_opt_seen(d, O_OUT))
		filter_bprintf(&b, " limit-out");
	return (int)b.pos;
}

const struct filter_ext filter_ext_addrtype = {
	.abi = FILTER_EXT_ABI,
	.name = "addrtype",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = addrtype_opts,
	.n_opts = XT_ARRAY_SIZE(addrtype_opts),
	.priv_size = sizeof(struct addrtype_priv),
	.parse = addrtype_parse,
	.final_check = addrtype_final,
	.print = addrtype_print,
	.list = addrtype_list,
	.check = addrtype_check,
	.match = addrtype_match,
};
