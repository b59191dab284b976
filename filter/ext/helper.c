/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The helper match: the conntrack helper of the connection's master (expected connections, xt_helper). */
#include <errno.h>
#include <string.h>

#include "lib/xt.h"

#define HELPER_NAME_MAX 30       /* struct xt_helper_info: char name[30], 29 used */

struct helper_priv {
	char name[HELPER_NAME_MAX];
	bool inv;
};

static const struct filter_opt helper_opts[] = {
	{ .name = "helper", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int helper_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct helper_priv *p = FILTER_PRIV(d, struct helper_priv);

	/* iptables keeps the first 29 bytes, silently */
	snprintf(p->name, sizeof(p->name), "%.29s", args[0]);
	p->inv = invert;
	return 0;
}

static int helper_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct helper_priv *p = FILTER_PRIV(d, const struct helper_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s--helper ", p->inv ? "! " : "");
	filter_bquote(&b, p->name);
	return (int)b.pos;
}

/*
 * As xt_helper: only a connection with a master (an expected one: IPS_EXPECTED)
 * whose master has a helper can match; meta->ct_helper holds that master's
 * helper name (filled by nfcore). An empty NAME matches any helper; a NAME
 * matches if it starts with the helper's name (the kernel compares
 * strlen(helper name) bytes). No entry, no master or no helper: the
 * inverted rule matches.
 */
static int helper_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct helper_priv *p = FILTER_PRIV(d, const struct helper_priv);
	const struct filter_meta *m = pkt->meta;
	bool hit;

	if (!m->ct_valid || !(m->ct_status & 1u) || !m->ct_helper[0])   /* 1: IPS_EXPECTED */
		return p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
	hit = !p->name[0] ||
	      !strncmp(m->ct_helper, p->name, strnlen(m->ct_helper, sizeof(m->ct_helper)));
	return hit ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int helper_list(const struct filter_ext_data *d, const struct filter_std *std,
		       bool numeric, char *buf, size_t len)
{
	const struct helper_priv *p = FILTER_PRIV(d, const struct helper_priv);

	return snprintf(buf, len, " helper match %s\"%s\"", p->inv ? "! " : "", p->name);
}

const struct filter_ext filter_ext_helper = {
	.abi = FILTER_EXT_ABI,
	.name = "helper",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = helper_opts,
	.n_opts = XT_ARRAY_SIZE(helper_opts),
	.priv_size = sizeof(struct helper_priv),
	.parse = helper_parse,
	.print = helper_print,
	.list = helper_list,
	.match = helper_match,
};
