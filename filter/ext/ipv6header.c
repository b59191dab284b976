/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ipv6header match: which IPv6 extension headers the packet carries (exactly, or --soft: at least). */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "lib/xt.h"

enum { O_HEADER, O_SOFT };

/* MASK_* bits in save order, with the names iptables accepts */
static const struct { const char *name, *alias; uint8_t proto, mask; } v6hdrs[] = {
	{ "hop-by-hop", "hop", 0, 0x80 }, { "ipv6-opts", "dst", 60, 0x40 },
	{ "ipv6-route", "route", 43, 0x20 }, { "ipv6-frag", "frag", 44, 0x10 },
	{ "ah", "auth", 51, 0x08 }, { "esp", "esp", 50, 0x04 },
	{ "ipv6-nonxt", "none", 59, 0x02 }, { "protocol", "prot", 255, 0x01 },
};

struct v6hdr_priv {
	uint8_t matchflags;
	bool inv, soft;
};

static const struct filter_opt v6hdr_opts[] = {
	[O_HEADER] = { .name = "header", .arg = FILTER_ARG_ONE,
		       .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
	[O_SOFT] = { .name = "soft", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};

static int v6hdr_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct v6hdr_priv *p = FILTER_PRIV(d, struct v6hdr_priv);
	char buf[256], *save = NULL, *tok;

	if (opt == O_SOFT) {
		p->soft = true;
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", args[0]);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t num = 256;
		unsigned i;

		filter_parse_uint(tok, 0, 255, &num);
		for (i = 0; i < XT_ARRAY_SIZE(v6hdrs); i++)
			if (!strcasecmp(tok, v6hdrs[i].name) || !strcasecmp(tok, v6hdrs[i].alias) ||
			    num == v6hdrs[i].proto)
				break;
		if (i == XT_ARRAY_SIZE(v6hdrs))
			return ulog_errf(err, -EINVAL, "unknown header `%s' specified", tok);
		p->matchflags |= v6hdrs[i].mask;
	}
	p->inv = invert;
	return 0;
}

static int v6hdr_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct v6hdr_priv *p = FILTER_PRIV(d, const struct v6hdr_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	bool first = true;
	unsigned i;

	filter_bprintf(&b, "%s--header ", p->inv ? "! " : "");
	for (i = 0; i < XT_ARRAY_SIZE(v6hdrs); i++)
		if (p->matchflags & v6hdrs[i].mask) {
			filter_bprintf(&b, "%s%s", first ? "" : ",", v6hdrs[i].name);
			first = false;
		}
	if (p->soft)
		filter_bprintf(&b, " --soft");
	return (int)b.pos;
}

static uint8_t v6hdr_mask_of(uint8_t proto)
{
	unsigned i;

	for (i = 0; i < XT_ARRAY_SIZE(v6hdrs) - 1; i++)
		if (v6hdrs[i].proto == proto)
			return v6hdrs[i].mask;
	return 0x01;    /* an upper-layer protocol */
}

static int v6hdr_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct v6hdr_priv *p = FILTER_PRIV(d, const struct v6hdr_priv);
	const struct pkt_view *pv = pkt->pv;
	uint8_t temp = 0;
	unsigned i;
	bool m;

	for (i = 0; i < pv->n_ext && i < 8; i++)
		temp |= v6hdr_mask_of(pv->ext_type[i]);
	temp |= v6hdr_mask_of(pv->l4proto);
	if (p->soft)
		m = !((temp & p->matchflags) ^ p->matchflags) ^ p->inv;
	else
		m = p->inv ? temp != p->matchflags : temp == p->matchflags;
	return m ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int v6hdr_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct v6hdr_priv *p = FILTER_PRIV(d, const struct v6hdr_priv);

	return snprintf(buf, len, " ipv6header flags:%s0x%02X%s", p->inv ? "!" : "", p->matchflags,
			p->soft ? " soft" : "");
}

const struct filter_ext filter_ext_ipv6header = {
	.abi = FILTER_EXT_ABI,
	.name = "ipv6header",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = v6hdr_opts,
	.n_opts = XT_ARRAY_SIZE(v6hdr_opts),
	.priv_size = sizeof(struct v6hdr_priv),
	.parse = v6hdr_parse,
	.print = v6hdr_print,
	.list = v6hdr_list,
	.match = v6hdr_match,
};
