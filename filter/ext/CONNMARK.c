/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The CONNMARK target (revision 1): set the conntrack mark, or copy between packet and conntrack marks. */
#include <errno.h>

#include "lib/xt.h"

enum {
	O_SET_XMARK, O_SET_MARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_SAVE_MARK,
	O_RESTORE_MARK, O_MODES, O_CTMASK = O_MODES, O_NFMASK, O_MASK,
};
enum { MODE_SET, MODE_SAVE, MODE_RESTORE };

struct connmarkt_priv {
	uint32_t ctmark, ctmask, nfmask;
	uint8_t mode;
};

#define O FILTER_OPT_ONCE
static const struct filter_opt connmarkt_opts[] = {
	[O_SET_XMARK] = { .name = "set-xmark", .arg = FILTER_ARG_ONE, .flags = O },
	[O_SAVE_MARK] = { .name = "save-mark", .arg = FILTER_ARG_NONE, .flags = O },
	[O_RESTORE_MARK] = { .name = "restore-mark", .arg = FILTER_ARG_NONE, .flags = O },
	[O_AND_MARK] = { .name = "and-mark", .arg = FILTER_ARG_ONE, .flags = O },
	[O_OR_MARK] = { .name = "or-mark", .arg = FILTER_ARG_ONE, .flags = O },
	[O_XOR_MARK] = { .name = "xor-mark", .arg = FILTER_ARG_ONE, .flags = O },
	[O_SET_MARK] = { .name = "set-mark", .arg = FILTER_ARG_ONE, .flags = O },
	[O_CTMASK] = { .name = "ctmask", .arg = FILTER_ARG_ONE, .flags = O },
	[O_NFMASK] = { .name = "nfmask", .arg = FILTER_ARG_ONE, .flags = O },
	[O_MASK] = { .name = "mask", .arg = FILTER_ARG_ONE, .flags = O },
};
#undef O

static void connmarkt_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct connmarkt_priv *p = FILTER_PRIV(d, struct connmarkt_priv);

	p->ctmask = p->nfmask = UINT32_MAX;
}

static int bad_int(unsigned opt, struct ulog_err *err)
{
	return ulog_errf(err, -EINVAL, "CONNMARK: bad integer value for option \"--%s\", or out of "
			 "range.\n", connmarkt_opts[opt].name);
}

static int connmarkt_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			   bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct connmarkt_priv *p = FILTER_PRIV(d, struct connmarkt_priv);
	uint32_t v, m;
	uint64_t u;

	switch (opt) {
	case O_SET_XMARK:
	case O_SET_MARK:
		if (!xt_parse_mark(args[0], &v, &m))
			return bad_int(opt, err);
		p->mode = MODE_SET;
		p->ctmark = v;
		p->ctmask = opt == O_SET_MARK ? v | m : m;
		return 0;
	case O_SAVE_MARK:
	case O_RESTORE_MARK:
		p->mode = opt == O_SAVE_MARK ? MODE_SAVE : MODE_RESTORE;
		return 0;
	}
	if (!filter_parse_uint(args[0], 0, UINT32_MAX, &u))
		return ulog_errf(err, -EINVAL, "CONNMARK: bad value for option \"--%s\", or out of "
				 "range (0-4294967295).\n", connmarkt_opts[opt].name);
	v = (uint32_t)u;
	switch (opt) {
	case O_AND_MARK: case O_OR_MARK: case O_XOR_MARK:
		p->mode = MODE_SET;
		p->ctmark = opt == O_AND_MARK ? 0 : v;
		p->ctmask = opt == O_AND_MARK ? ~v : opt == O_OR_MARK ? v : 0;
		return 0;
	case O_CTMASK:
		p->ctmask = v;
		return 0;
	case O_NFMASK:
		p->nfmask = v;
		return 0;
	case O_MASK:
		p->ctmask = p->nfmask = v;
		return 0;
	}
	return -EINVAL;
}

static int connmarkt_final(struct filter_ext_data *d, const struct filter_std *std,
			   struct ulog_err *err)
{
	if (!(d->seen & ((1u << O_MODES) - 1)))
		return ulog_errf(err, -EINVAL, "CONNMARK target: No operation specified");
	return xt_excl_check(d, O_SET_XMARK, O_MODES, "CONNMARK", err);
}

static int connmarkt_print(const struct filter_ext_data *d, const struct filter_std *std,
			   char *buf, size_t len)
{
	const struct connmarkt_priv *p = FILTER_PRIV(d, const struct connmarkt_priv);

	switch (p->mode) {
	case MODE_SET:
		return snprintf(buf, len, "--set-xmark 0x%x/0x%x", p->ctmark, p->ctmask);
	case MODE_SAVE:
		return snprintf(buf, len, "--save-mark --nfmask 0x%x --ctmask 0x%x", p->nfmask,
				p->ctmask);
	default:
		return snprintf(buf, len, "--restore-mark --nfmask 0x%x --ctmask 0x%x", p->nfmask,
				p->ctmask);
	}
}

static int connmarkt_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct connmarkt_priv *p = FILTER_PRIV(d, const struct connmarkt_priv);
	struct filter_meta *m = pkt->meta;

	if (!m->ct_valid)
		return FILTER_CONTINUE;
	switch (p->mode) {
	case MODE_SET:
		m->ct_mark = (m->ct_mark & ~p->ctmask) ^ p->ctmark;
		break;
	case MODE_SAVE:
		m->ct_mark = (m->ct_mark & ~p->ctmask) ^ (m->mark & p->nfmask);
		break;
	default:
		m->mark = (m->mark & ~p->nfmask) ^ (m->ct_mark & p->ctmask);
		break;
	}
	return FILTER_CONTINUE;
}

static int connmarkt_list(const struct filter_ext_data *d, const struct filter_std *std,
			  bool numeric, char *buf, size_t len)
{
	const struct connmarkt_priv *p = FILTER_PRIV(d, const struct connmarkt_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	if (p->mode == MODE_SET) {
		if (p->ctmark == 0)
			filter_bprintf(&b, " CONNMARK and 0x%x", ~p->ctmask);
		else if (p->ctmark == p->ctmask)
			filter_bprintf(&b, " CONNMARK or 0x%x", p->ctmark);
		else if (p->ctmask == 0)
			filter_bprintf(&b, " CONNMARK xor 0x%x", p->ctmark);
		else if (p->ctmask == UINT32_MAX)
			filter_bprintf(&b, " CONNMARK set 0x%x", p->ctmark);
		else
			filter_bprintf(&b, " CONNMARK xset 0x%x/0x%x", p->ctmark, p->ctmask);
		return (int)b.pos;
	}
	filter_bprintf(&b, " CONNMARK %s", p->mode == MODE_SAVE ? "save" : "restore");
	if (p->nfmask == p->ctmask) {
		if (p->nfmask != UINT32_MAX)
			filter_bprintf(&b, " mask 0x%x", p->nfmask);
	} else if (p->mode == MODE_SAVE) {
		filter_bprintf(&b, " nfmask 0x%x ctmask ~0x%x", p->nfmask, p->ctmask);
	} else {
		filter_bprintf(&b, " ctmask 0x%x nfmask ~0x%x", p->ctmask, p->nfmask);
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_CONNMARK = {
	.abi = FILTER_EXT_ABI,
	.name = "CONNMARK",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = connmarkt_opts,
	.n_opts = XT_ARRAY_SIZE(connmarkt_opts),
	.priv_size = sizeof(struct connmarkt_priv),
	.init = connmarkt_init,
	.parse = connmarkt_parse,
	.final_check = connmarkt_final,
	.print = connmarkt_print,
	.list = connmarkt_list,
	.target = connmarkt_target,
};
