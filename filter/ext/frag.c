/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The frag match (IPv6): fragment header id range, length, reserved bits, first/more/last. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/ext6.h"

enum { O_ID, O_LEN, O_RES, O_FIRST, O_MORE, O_LAST };

struct frag_priv {
	uint32_t ids[2], hdrlen;
	bool inv_ids, inv_len;
};

#define O FILTER_OPT_ONCE
static const struct filter_opt frag_opts[] = {
	[O_ID] = { .name = "fragid", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_LEN] = { .name = "fraglen", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_RES] = { .name = "fragres", .arg = FILTER_ARG_NONE, .flags = O },
	[O_FIRST] = { .name = "fragfirst", .arg = FILTER_ARG_NONE, .flags = O },
	[O_MORE] = { .name = "fragmore", .arg = FILTER_ARG_NONE, .flags = O },
	[O_LAST] = { .name = "fraglast", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static void frag_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct frag_priv)->ids[1] = UINT32_MAX;
}

static int frag_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct frag_priv *p = FILTER_PRIV(d, struct frag_priv);
	uint64_t r[2];

	if (opt == O_ID) {
		if (!xt_parse_urange(args[0], UINT32_MAX, r))
			return ulog_errf(err, -EINVAL, "frag: bad value for option \"--fragid\" near "
					 "\"%s\", or out of range (0-4294967295).\n", args[0]);
		p->ids[0] = (uint32_t)r[0];
		p->ids[1] = (uint32_t)r[1];
		p->inv_ids = invert;
	} else if (opt == O_LEN) {
		if (!filter_parse_uint(args[0], 0, UINT32_MAX, &r[0]))
			return ulog_errf(err, -EINVAL, "frag: bad value for option \"--fraglen\", or out "
					 "of range (0-4294967295).\n");
		p->hdrlen = (uint32_t)r[0];
		p->inv_len = invert;
	}
	return 0;
}

static int frag_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	return xt_excl_check(d, O_MORE, O_LAST + 1, "frag", err);
}

static int frag_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct frag_priv *p = FILTER_PRIV(d, const struct frag_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned o;

	if (p->ids[0] != 0 || p->ids[1] != UINT32_MAX || p->inv_ids) {
		filter_bprintf(&b, "%s--fragid ", p->inv_ids ? "! " : "");
		filter_bprintf(&b, p->ids[0] == p->ids[1] ? "%u" : "%u:%u", p->ids[0], p->ids[1]);
	}
	if (filter_opt_seen(d, O_LEN)) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--fraglen %u", p->inv_len ? "! " : "", p->hdrlen);
	}
	for (o = O_RES; o <= O_LAST; o++)
		if (filter_opt_seen(d, o)) {
			filter_bsep(&b);
			filter_bprintf(&b, "--%s", frag_opts[o].name);
		}
	return (int)b.pos;
}

static int frag_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct frag_priv *p = FILTER_PRIV(d, const struct frag_priv);
	const uint8_t *h = xt_ext6_hdr(pkt, IPPROTO_FRAGMENT, 8, NULL);
	uint16_t fo;
	uint32_t id;

	if (!h)
		return FILTER_NOMATCH;
	fo = xt_get16(h + 2);
	id = xt_get32(h + 4);
	if (((id >= p->ids[0] && id <= p->ids[1]) ^ p->inv_ids) == 0)
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_LEN) && ((p->hdrlen == 8) ^ p->inv_len) == 0)
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_RES) && (h[1] || (fo & 0x6)))
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_FIRST) && (fo & 0xfff8))
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_MORE) && !(fo & 1))
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_LAST) && (fo & 1))
		return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static int frag_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	static const char *const flag[] = { [O_RES] = "reserved", [O_FIRST] = "first",
					    [O_MORE] = "more", [O_LAST] = "last" };
	const struct frag_priv *p = FILTER_PRIV(d, const struct frag_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned o;

	filter_bprintf(&b, " frag ");
	if (p->ids[0] != 0 || p->ids[1] != UINT32_MAX || p->inv_ids) {
		if (p->ids[0] == p->ids[1])
			filter_bprintf(&b, "id:%s%u", p->inv_ids ? "!" : "", p->ids[0]);
		else
			filter_bprintf(&b, "ids:%s%u:%u", p->inv_ids ? "!" : "", p->ids[0], p->ids[1]);
	}
	if (filter_opt_seen(d, O_LEN))
		filter_bprintf(&b, " length:%s%u", p->inv_len ? "!" : "", p->hdrlen);
	for (o = O_RES; o <= O_LAST; o++)
		if (filter_opt_seen(d, o))
			filter_bprintf(&b, " %s", flag[o]);
	return (int)b.pos;
}

const struct filter_ext filter_ext_frag = {
	.abi = FILTER_EXT_ABI,
	.name = "frag",
	.family = FILTER_V6,
	.kind = FILTER_EXT_MATCH,
	.opts = frag_opts,
	.n_opts = XT_ARRAY_SIZE(frag_opts),
	.priv_size = sizeof(struct frag_priv),
	.init = frag_init,
	.parse = frag_parse,
	.final_check = frag_final,
	.print = frag_print,
	.list = frag_list,
	.match = frag_match,
};
