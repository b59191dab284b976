/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The iprange match (revision 1): source and/or destination address within an inclusive range. */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "lib/xt.h"

enum { O_SRC, O_DST };

struct iprange_priv {
	uint8_t min[2][16], max[2][16];   /* [O_SRC], [O_DST]; network order */
	bool inv[2];
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt iprange_opts[] = {
	[O_SRC] = { .name = "src-range", .arg = FILTER_ARG_ONE, .flags = F },
	[O_DST] = { .name = "dst-range", .arg = FILTER_ARG_ONE, .flags = F },
};
#undef F

/* xtables_dotted_to_addr: exactly four base-0 numbers 0..255. */
static bool ipv4_dotted(const char *s, uint8_t *out)
{
	char buf[64], *p = buf, *dot;
	uint64_t v;
	int i;

	snprintf(buf, sizeof(buf), "%s", s);
	for (i = 0; i < 4; i++) {
		dot = strchr(p, '.');
		if ((i < 3) != (dot != NULL))
			return false;
		if (dot)
			*dot = 0;
		if (!filter_parse_uint(p, 0, 255, &v))
			return false;
		out[i] = (uint8_t)v;
		p = dot + 1;
	}
	return true;
}

static bool iprange_addr(uint8_t family, const char *s, uint8_t *out)
{
	if (family == FILTER_V6)
		return inet_pton(AF_INET6, s, out) == 1;
	return ipv4_dotted(s, out);
}

static int iprange_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct iprange_priv *p = FILTER_PRIV(d, struct iprange_priv);
	char buf[128], *dash;
	const char *to;

	snprintf(buf, sizeof(buf), "%s", args[0]);
	dash = strchr(buf, '-');
	if (dash)
		*dash = 0;
	to = dash ? dash + 1 : buf;
	if (!iprange_addr(std->family, buf, p->min[opt]))
		return ulog_errf(err, -EINVAL, "iprange: Bad value for \"--%s\" option: \"%s\"",
				 iprange_opts[opt].name, buf);
	if (!iprange_addr(std->family, to, p->max[opt]))
		return ulog_errf(err, -EINVAL, "iprange: Bad value for \"--%s\" option: \"%s\"",
				 iprange_opts[opt].name, to);
	p->inv[opt] = invert;
	return 0;
}

static int iprange_final(struct filter_ext_data *d, const struct filter_std *std,
			 struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL,
				 "iprange match: You must specify `--src-range' or `--dst-range'");
	return 0;
}

/* Appends range @o as "MIN-MAX". */
static void iprange_baddrs(struct filter_buf *b, int af, const struct iprange_priv *p, unsigned o)
{
	filter_baddr(b, af, p->min[o]);
	filter_bprintf(b, "-");
	filter_baddr(b, af, p->max[o]);
}

static int iprange_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	const struct iprange_priv *p = FILTER_PRIV(d, const struct iprange_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	int af = xt_af(std->family);
	unsigned o;

	for (o = O_SRC; o <= O_DST; o++) {
		if (!filter_opt_seen(d, o))
			continue;
		filter_bsep(&b);
		filter_bprintf(&b, "%s--%s ", p->inv[o] ? "! " : "", iprange_opts[o].name);
		iprange_baddrs(&b, af, p, o);
	}
	return (int)b.pos;
}

static int iprange_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct iprange_priv *p = FILTER_PRIV(d, const struct iprange_priv);
	int n = pkt->pv->family == AF_INET6 ? 16 : 4;
	unsigned o;

	for (o = O_SRC; o <= O_DST; o++) {
		const uint8_t *a;
		bool out;

		if (!filter_opt_seen(d, o))
			continue;
		a = xt_pkt_addr(pkt->pv, o == O_DST);
		if (!a)
			return FILTER_NOMATCH;
		out = memcmp(a, p->min[o], (size_t)n) < 0 || memcmp(a, p->max[o], (size_t)n) > 0;
		if (out ^ p->inv[o])
			return FILTER_NOMATCH;
	}
	return FILTER_MATCHED;
}

static int iprange_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
			char *buf, size_t len)
{
	static const char *const what[] = { "source", "destination" };
	const struct iprange_priv *p = FILTER_PRIV(d, const struct iprange_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	int af = xt_af(std->family);
	unsigned o;

	for (o = O_SRC; o <= O_DST; o++) {
		if (!filter_opt_seen(d, o))
			continue;
		filter_bprintf(&b, " %s IP range %s", what[o], p->inv[o] ? "! " : "");
		iprange_baddrs(&b, af, p, o);
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_iprange = {
	.abi = FILTER_EXT_ABI,
	.name = "iprange",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = iprange_opts,
	.n_opts = XT_ARRAY_SIZE(iprange_opts),
	.priv_size = sizeof(struct iprange_priv),
	.parse = iprange_parse,
	.final_check = iprange_final,
	.print = iprange_print,
	.list = iprange_list,
	.match = iprange_match,
};
