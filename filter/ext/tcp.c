/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tcp match: ports, flags and option kind, as iptables' libxt_tcp and the kernel's xt_tcpudp. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "lib/xt.h"

extern const struct filter_ext filter_ext_tcp;

enum { O_SPORT, O_SOURCE_PORT, O_DPORT, O_DESTINATION_PORT, O_SYN, O_FLAGS, O_OPTION };

enum { INV_SRC = 1, INV_DST = 2, INV_FLAGS = 4, INV_OPTION = 8 };

struct tcp_priv {
	uint16_t spts[2], dpts[2];
	uint8_t option;
	uint8_t flg_mask, flg_cmp;
	uint8_t invflags;
	uint8_t given;                  /* 1 sport, 2 dport, 4 flags/syn, 8 option */
};

#define I FILTER_OPT_INVERT
static const struct filter_opt tcp_opts[] = {
	[O_SPORT] = { .name = "sport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SOURCE_PORT] = { .name = "source-port", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DPORT] = { .name = "dport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DESTINATION_PORT] = { .name = "destination-port", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SYN] = { .name = "syn", .arg = FILTER_ARG_NONE, .flags = I },
	[O_FLAGS] = { .name = "tcp-flags", .arg = FILTER_ARG_TWO, .flags = I },
	[O_OPTION] = { .name = "tcp-option", .arg = FILTER_ARG_ONE, .flags = I },
};
#undef I

static const struct xt_name tcp_flag_names[] = {
	{ "FIN", 0x01 }, { "SYN", 0x02 }, { "RST", 0x04 }, { "PSH", 0x08 },
	{ "ACK", 0x10 }, { "URG", 0x20 }, { "ALL", 0x3f }, { "NONE", 0 },
};

static void tcp_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct tcp_priv *t = FILTER_PRIV(d, struct tcp_priv);

	t->spts[1] = t->dpts[1] = 0xffff;
}

/* iptables' parse_tcp_flag: a comma list, empty items skipped, any case. */
static int tcp_parse_flags(const char *s, uint8_t *out, struct ulog_err *err)
{
	char buf[256];
	char *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", s);
	*out = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		for (i = 0; i < XT_ARRAY_SIZE(tcp_flag_names); i++)
			if (!strcasecmp(tcp_flag_names[i].name, tok))
				break;
		if (i == XT_ARRAY_SIZE(tcp_flag_names))
			return ulog_errf(err, -EINVAL, "Unknown TCP flag `%s'", tok);
		*out |= (uint8_t)tcp_flag_names[i].value;
	}
	return 0;
}

static int tcp_parse_flagopt(struct tcp_priv *t, unsigned opt, const char *const *args,
			     bool invert, struct ulog_err *err)
{
	int rc;

	if (t->given & 4)
		return ulog_errf(err, -EINVAL, "Only one of `--syn' or `--tcp-flags'  allowed");
	t->given |= 4;
	if (invert)
		t->invflags |= INV_FLAGS;
	if (opt == O_SYN) {
		t->flg_mask = 0x17;
		t->flg_cmp = 0x02;
		return 0;
	}
	if (!args[0] || !args[1])
		return ulog_errf(err, -EINVAL, "--tcp-flags requires two args.");
	if ((rc = tcp_parse_flags(args[0], &t->flg_mask, err)))
		return rc;
	return tcp_parse_flags(args[1], &t->flg_cmp, err);
}

static int tcp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct tcp_priv *t = FILTER_PRIV(d, struct tcp_priv);
	uint64_t v;

	switch (opt) {
	case O_SPORT:
	case O_SOURCE_PORT:
		if (t->given & 1)
			return ulog_errf(err, -EINVAL, "Only one `--source-port' allowed");
		t->given |= 1;
		if (invert)
			t->invflags |= INV_SRC;
		return xt_portrange_old(args[0], "tcp", t->spts, err);
	case O_DPORT:
	case O_DESTINATION_PORT:
		if (t->given & 2)
			return ulog_errf(err, -EINVAL, "Only one `--destination-port' allowed");
		t->given |= 2;
		if (invert)
			t->invflags |= INV_DST;
		return xt_portrange_old(args[0], "tcp", t->dpts, err);
	case O_SYN:
	case O_FLAGS:
		return tcp_parse_flagopt(t, opt, args, invert, err);
	case O_OPTION:
		if (t->given & 8)
			return ulog_errf(err, -EINVAL, "Only one `--tcp-option' allowed");
		t->given |= 8;
		if (!filter_parse_uint(args[0], 1, 255, &v))
			return ulog_errf(err, -EINVAL, "Bad TCP option \"%s\"", args[0]);
		t->option = (uint8_t)v;
		if (invert)
			t->invflags |= INV_OPTION;
		return 0;
	}
	return -EINVAL;
}

static void tcp_bflags(struct filter_buf *b, uint8_t flags)
{
	bool first = true;
	unsigned i;

	if (!flags) {
		filter_bprintf(b, "NONE");
		return;
	}
	for (i = 0; i < 6; i++) {
		if (!(flags & tcp_flag_names[i].value))
			continue;
		filter_bprintf(b, "%s%s", first ? "" : ",", tcp_flag_names[i].name);
		first = false;
	}
}

static int tcp_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	const struct tcp_priv *t = FILTER_PRIV(d, const struct tcp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_bportrange(&b, "sport", t->spts, t->invflags & INV_SRC);
	xt_bportrange(&b, "dport", t->dpts, t->invflags & INV_DST);
	if (t->option || (t->invflags & INV_OPTION)) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--tcp-option %u", t->invflags & INV_OPTION ? "! " : "",
			       t->option);
	}
	if (t->flg_mask || (t->invflags & INV_FLAGS)) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s--tcp-flags ", t->invflags & INV_FLAGS ? "! " : "");
		tcp_bflags(&b, t->flg_mask);
		filter_bprintf(&b, " ");
		tcp_bflags(&b, t->flg_cmp);
	}
	return (int)b.pos;
}

static int tcp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_TCP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "tcp match: only valid for protocol 6");
	return 0;
}

static bool port_in(const uint16_t r[2], uint16_t p, bool inv)
{
	return (p >= r[0] && p <= r[1]) ^ inv;
}

/* The kernel's tcp_find_option: is option kind @opt among the options? */
static bool tcp_has_option(const struct pkt_view *pv, unsigned doff, uint8_t opt, bool *hotdrop)
{
	unsigned optlen = doff * 4 - 20, i = 0;
	const uint8_t *op;

	if (!optlen)
		return false;
	op = pkt_l4(pv, 20, optlen);
	if (!op) {
		*hotdrop = true;
		return false;
	}
	while (i < optlen) {
		if (op[i] == opt)
			return true;
		if (op[i] < 2 || i + 1 >= optlen)
			i++;
		else
			i += op[i + 1] ? op[i + 1] : 1;
	}
	return false;
}

static int tcp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct tcp_priv *t = FILTER_PRIV(d, const struct tcp_priv);
	const struct pkt_view *pv = pkt->pv;
	const uint8_t *th;
	unsigned doff;

	if (pv->frag_off)
		return FILTER_NOMATCH;
	th = pkt_l4(pv, 0, 20);
	if (!th || pv->l4proto != IPPROTO_TCP) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	if (!port_in(t->spts, xt_get16(th), t->invflags & INV_SRC) ||
	    !port_in(t->dpts, xt_get16(th + 2), t->invflags & INV_DST))
		return FILTER_NOMATCH;
	if ((((th[13] & t->flg_mask) == t->flg_cmp)) == !!(t->invflags & INV_FLAGS))
		return FILTER_NOMATCH;
	if (t->option) {
		doff = th[12] >> 4;
		if (doff < 5) {
			pkt->hotdrop = true;
			return FILTER_NOMATCH;
		}
		if (tcp_has_option(pv, doff, t->option, &pkt->hotdrop) ==
		    !!(t->invflags & INV_OPTION))
			return FILTER_NOMATCH;
	}
	return FILTER_MATCHED;
}

/* See lib/xt.h. */
bool xt_tcp_requires_syn(const struct filter_ext_data *d)
{
	const struct tcp_priv *t = FILTER_PRIV(d, const struct tcp_priv);

	return d->ext == &filter_ext_tcp && (t->flg_cmp & 0x02) && !(t->invflags & INV_FLAGS);
}

static int tcp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct tcp_priv *t = FILTER_PRIV(d, const struct tcp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " tcp");
	xt_lports(&b, "spt", t->spts, t->invflags & INV_SRC, numeric, "tcp");
	xt_lports(&b, "dpt", t->dpts, t->invflags & INV_DST, numeric, "tcp");
	if (t->option || (t->invflags & INV_OPTION))
		filter_bprintf(&b, " option=%s%u", t->invflags & INV_OPTION ? "!" : "", t->option);
	if ((t->flg_mask || (t->invflags & INV_FLAGS)) && numeric)
		filter_bprintf(&b, " flags:%s0x%02X/0x%02X", t->invflags & INV_FLAGS ? "!" : "",
			       t->flg_mask, t->flg_cmp);
	if ((t->flg_mask || (t->invflags & INV_FLAGS)) && !numeric) {
		filter_bprintf(&b, " flags:%s", t->invflags & INV_FLAGS ? "!" : "");
		tcp_bflags(&b, t->flg_mask);
		filter_bprintf(&b, "/");
		tcp_bflags(&b, t->flg_cmp);
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_tcp = {
	.abi = FILTER_EXT_ABI,
	.name = "tcp",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = tcp_opts,
	.n_opts = XT_ARRAY_SIZE(tcp_opts),
	.priv_size = sizeof(struct tcp_priv),
	.init = tcp_init,
	.parse = tcp_parse,
	.print = tcp_print,
	.list = tcp_list,
	.check = tcp_check,
	.match = tcp_match,
};
