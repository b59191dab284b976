/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rt match (IPv6): routing header type, segments left, length, and type-0 addresses. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "lib/ext6.h"

enum { O_TYPE, O_SEGSLEFT, O_LEN, O_0_RES, O_0_ADDRS, O_0_NOT_STRICT };
#define RT_MAX_ADDRS 16

struct rt_priv {
	uint32_t type, segsleft[2], hdrlen;
	uint8_t addrs[RT_MAX_ADDRS][16];
	uint8_t n_addrs;
	bool inv_type, inv_segs, inv_len;
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt rt_opts[] = {
	[O_TYPE] = { .name = "rt-type", .arg = FILTER_ARG_ONE, .flags = F },
	[O_SEGSLEFT] = { .name = "rt-segsleft", .arg = FILTER_ARG_ONE, .flags = F },
	[O_LEN] = { .name = "rt-len", .arg = FILTER_ARG_ONE, .flags = F },
	[O_0_RES] = { .name = "rt-0-res", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_0_ADDRS] = { .name = "rt-0-addrs", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_0_NOT_STRICT] = { .name = "rt-0-not-strict", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};
#undef F

static void rt_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct rt_priv)->segsleft[1] = UINT32_MAX;
}

static int rt_bad(unsigned opt, const char *arg, struct ulog_err *err)
{
	return ulog_errf(err, -EINVAL, "rt: bad value for option \"--%s\" near \"%s\", or out of "
			 "range (0-4294967295).\n", rt_opts[opt].name, arg);
}

static int rt_parse_addrs(struct rt_priv *p, const char *arg, struct ulog_err *err)
{
	char buf[1024], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (p->n_addrs == RT_MAX_ADDRS)
			return ulog_errf(err, -EINVAL, "too many addresses specified");
		if (inet_pton(AF_INET6, tok, p->addrs[p->n_addrs]) != 1)
			return ulog_errf(err, -EINVAL, "bad address: %s", tok);
		p->n_addrs++;
	}
	return 0;
}

static int rt_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct rt_priv *p = FILTER_PRIV(d, struct rt_priv);
	uint64_t r[2];

	switch (opt) {
	case O_TYPE: case O_LEN:
		if (!filter_parse_uint(args[0], 0, UINT32_MAX, &r[0]))
			return rt_bad(opt, args[0], err);
		*(opt == O_TYPE ? &p->type : &p->hdrlen) = (uint32_t)r[0];
		*(opt == O_TYPE ? &p->inv_type : &p->inv_len) = invert;
		return 0;
	case O_SEGSLEFT:
		if (!xt_parse_urange(args[0], UINT32_MAX, r))
			return rt_bad(opt, args[0], err);
		p->segsleft[0] = (uint32_t)r[0];
		p->segsleft[1] = (uint32_t)r[1];
		p->inv_segs = invert;
		return 0;
	case O_0_RES: case O_0_ADDRS:
		if (!filter_opt_seen(d, O_TYPE) || p->type != 0 || p->inv_type)
			return ulog_errf(err, -EINVAL, "`--rt-type 0' required before `--%s'",
					 rt_opts[opt].name);
		return opt == O_0_ADDRS ? rt_parse_addrs(p, args[0], err) : 0;
	default:
		if (!filter_opt_seen(d, O_0_ADDRS))
			return ulog_errf(err, -EINVAL, "`--rt-0-addr ...' required before "
					 "`--rt-0-not-strict'");
		return 0;
	}
}

static int rt_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	const struct rt_priv *p = FILTER_PRIV(d, const struct rt_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	if (filter_opt_seen(d, O_TYPE))
		filter_bprintf(&b, "%s--rt-type %u", p->inv_type ? "! " : "", p->type);
	if (p->segsleft[0] != 0 || p->segsleft[1] != UINT32_MAX || p->inv_segs) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--rt-segsleft ", p->inv_segs ? "! " : "");
		filter_bprintf(&b, p->segsleft[0] == p->segsleft[1] ? "%u" : "%u:%u", p->segsleft[0],
			       p->segsleft[1]);
	}
	if (filter_opt_seen(d, O_LEN)) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--rt-len %u", p->inv_len ? "! " : "", p->hdrlen);
	}
	if (filter_opt_seen(d, O_0_RES)) {
		filter_bsep(&b);
		filter_bprintf(&b, "--rt-0-res");
	}
	if (p->n_addrs) {
		filter_bsep(&b);
		filter_bprintf(&b, "--rt-0-addrs ");
		for (i = 0; i < p->n_addrs; i++) {
			if (i)
				filter_bprintf(&b, ",");
			filter_baddr(&b, 6, p->addrs[i]);
		}
	}
	if (filter_opt_seen(d, O_0_NOT_STRICT)) {
		filter_bsep(&b);
		filter_bprintf(&b, "--rt-0-not-strict");
	}
	return (int)b.pos;
}

static int rt_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct rt_priv *p = FILTER_PRIV(d, const struct rt_priv);
	const uint8_t *h;
	uint32_t off, hdrlen;
	unsigned i;

	h = xt_ext6_hdr(pkt, IPPROTO_ROUTING, 8, &off);
	if (!h)
		return FILTER_NOMATCH;
	hdrlen = ((uint32_t)h[1] + 1) << 3;
	if (filter_opt_seen(d, O_TYPE) && ((h[2] == p->type) ^ p->inv_type) == 0)
		return FILTER_NOMATCH;
	if (((h[3] >= p->segsleft[0] && h[3] <= p->segsleft[1]) ^ p->inv_segs) == 0)
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_LEN) && ((hdrlen == p->hdrlen) ^ p->inv_len) == 0)
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_0_RES) && (h[4] || h[5] || h[6] || h[7]))
		return FILTER_NOMATCH;
	for (i = 0; i < p->n_addrs; i++) {
		const uint8_t *a = pkt_l3(pkt->pv, off + 8 + 16 * i, 16);

		if (!a || memcmp(a, p->addrs[i], 16))
			return FILTER_NOMATCH;
	}
	return FILTER_MATCHED;
}

static int rt_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	const struct rt_priv *p = FILTER_PRIV(d, const struct rt_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	filter_bprintf(&b, " rt");
	if (filter_opt_seen(d, O_TYPE))
		filter_bprintf(&b, " type:%s%u", p->inv_type ? "!" : "", p->type);
	if (p->segsleft[0] != 0 || p->segsleft[1] != UINT32_MAX || p->inv_segs) {
		if (p->segsleft[0] == p->segsleft[1])
			filter_bprintf(&b, " segsleft:%s%u", p->inv_segs ? "!" : "", p->segsleft[0]);
		else
			filter_bprintf(&b, " segslefts:%s%u:%u", p->inv_segs ? "!" : "", p->segsleft[0],
				       p->segsleft[1]);
	}
	if (filter_opt_seen(d, O_LEN))
		filter_bprintf(&b, " length:%s%u", p->inv_len ? "!" : "", p->hdrlen);
	if (filter_opt_seen(d, O_0_RES))
		filter_bprintf(&b, " reserved");
	if (p->n_addrs) {
		filter_bprintf(&b, " 0-addrs ");
		for (i = 0; i < p->n_addrs; i++) {
			if (i)
				filter_bprintf(&b, ",");
			filter_baddr(&b, 6, p->addrs[i]);
		}
	}
	if (filter_opt_seen(d, O_0_NOT_STRICT))
		filter_bprintf(&b, " 0-not-strict");
	return (int)b.pos;
}

const struct filter_ext filter_ext_rt = {
	.abi = FILTER_EXT_ABI,
	.name = "rt",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = rt_opts,
	.n_opts = XT_ARRAY_SIZE(rt_opts),
	.priv_size = sizeof(struct rt_priv),
	.init = rt_init,
	.parse = rt_parse,
	.print = rt_print,
	.list = rt_list,
	.match = rt_match,
};
