/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TOS target (revision 1, mangle table): tos = (tos & ~mask) ^ value. */
#include <errno.h>

#include "lib/table.h"
#include "lib/tos.h"

enum { O_SET, O_AND, O_OR, O_XOR };

struct tos_tg_priv {
	uint8_t val, mask;
};

static const struct filter_opt tos_tg_opts[] = {
	[O_SET] = { .name = "set-tos", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_AND] = { .name = "and-tos", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_OR] = { .name = "or-tos", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_XOR] = { .name = "xor-tos", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};

static int tos_tg_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct tos_tg_priv *p = FILTER_PRIV(d, struct tos_tg_priv);
	uint64_t v;

	if (opt == O_SET) {
		if (!xt_parse_tos(args[0], &p->val, &p->mask))
			return ulog_errf(err, -EINVAL, "Symbolic name \"%s\" is unknown", args[0]);
		return 0;
	}
	if (!filter_parse_uint(args[0], 0, 255, &v))
		return ulog_errf(err, -EINVAL, "TOS: bad value for option \"--%s\", or out of range "
				 "(0-255).\n", tos_tg_opts[opt].name);
	p->val = opt == O_AND ? 0 : (uint8_t)v;
	p->mask = opt == O_AND ? (uint8_t)~v : opt == O_OR ? (uint8_t)v : 0;
	return 0;
}

static int tos_tg_final(struct filter_ext_data *d, const struct filter_std *std,
			struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "TOS: An action is required");
	return xt_excl_check(d, O_SET, O_XOR + 1, "TOS", err);
}

static int tos_tg_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct tos_tg_priv *p = FILTER_PRIV(d, const struct tos_tg_priv);

	return snprintf(buf, len, "--set-tos 0x%02x/0x%02x", p->val, p->mask);
}

static int tos_tg_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	return xt_check_where(c, "TOS target", "mangle", 0, err);
}

static int tos_tg_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct tos_tg_priv *p = FILTER_PRIV(d, const struct tos_tg_priv);
	uint8_t t;

	if (xt_pkt_tos(pkt->pv, &t))
		pkt->meta->tos_set = (uint8_t)(((t & ~p->mask) ^ p->val) | 0);
	return FILTER_CONTINUE;
}

static int tos_tg_list(const struct filter_ext_data *d, const struct filter_std *std,
		       bool numeric, char *buf, size_t len)
{
	const struct tos_tg_priv *p = FILTER_PRIV(d, const struct tos_tg_priv);

	return snprintf(buf, len, " TOS set 0x%02x/0x%02x", p->val, p->mask);
}

const struct filter_ext filter_ext_TOS = {
	.abi = FILTER_EXT_ABI,
	.name = "TOS",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = tos_tg_opts,
	.n_opts = XT_ARRAY_SIZE(tos_tg_opts),
	.priv_size = sizeof(struct tos_tg_priv),
	.parse = tos_tg_parse,
	.final_check = tos_tg_final,
	.print = tos_tg_print,
	.list = tos_tg_list,
	.check = tos_tg_check,
	.target = tos_tg_target,
};
