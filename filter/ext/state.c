/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The state match: conntrack state set, as iptables' state alias of conntrack and the kernel's state test. */
#include <errno.h>
#include <string.h>

#include "lib/ctstate.h"

struct state_priv {
	uint32_t mask;
	bool inv;
};

static const struct filter_opt state_opts[] = {
	{ .name = "state", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int state_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct state_priv *p = FILTER_PRIV(d, struct state_priv);
	const char *arg = args[0], *comma;
	uint32_t bit;

	while ((comma = strchr(arg, ',')) != NULL) {
		bit = comma == arg ? 0 : xt_ct_state_name(arg, (size_t)(comma - arg), false);
		if (!bit)
			return ulog_errf(err, -EINVAL, "Bad state \"%s\"", arg);
		p->mask |= bit;
		arg = comma + 1;
	}
	if (!*arg)
		return ulog_errf(err, -EINVAL, "\"--state\" requires a list of states with no "
				 "spaces, e.g. ESTABLISHED,RELATED");
	bit = xt_ct_state_name(arg, strlen(arg), false);
	if (!bit)
		return ulog_errf(err, -EINVAL, "Bad state \"%s\"", arg);
	p->mask |= bit;
	p->inv = invert;
	return 0;
}

static int state_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct state_priv *p = FILTER_PRIV(d, const struct state_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s--state ", p->inv ? "! " : "");
	xt_bctstates(&b, p->mask);
	return (int)b.pos;
}

static int state_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct state_priv *p = FILTER_PRIV(d, const struct state_priv);
	bool hit = (p->mask & xt_pkt_ctstate(pkt->meta, false)) != 0;

	return hit ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int state_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct state_priv *p = FILTER_PRIV(d, const struct state_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s state ", p->inv ? " !" : "");
	xt_bctstates(&b, p->mask);
	return (int)b.pos;
}

const struct filter_ext filter_ext_state = {
	.abi = FILTER_EXT_ABI,
	.name = "state",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = state_opts,
	.n_opts = XT_ARRAY_SIZE(state_opts),
	.priv_size = sizeof(struct state_priv),
	.parse = state_parse,
	.print = state_print,
	.list = state_list,
	.match = state_match,
};
