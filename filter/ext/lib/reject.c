/* SPDX-License-Identifier: GPL-2.0-or-later */
/* REJECT's reply-type table handling, checks and verdict, shared by the IPv4 and IPv6 modules. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "reject.h"

/* See reject.h. */
int xt_reject_parse(const struct xt_reject_type *tab, unsigned n, struct xt_reject_priv *p,
		    const char *arg, struct ulog_err *err)
{
	size_t len = strlen(arg);
	unsigned i;

	for (i = 0; i < n; i++)
		if (!strncasecmp(tab[i].name, arg, len) || !strncasecmp(tab[i].alias, arg, len)) {
			p->with = tab[i].with;
			p->idx = (uint8_t)i;
			return 0;
		}
	return ulog_errf(err, -EINVAL, "unknown reject type \"%s\"", arg);
}

/* See reject.h. */
int xt_reject_print(const struct xt_reject_type *tab, const struct xt_reject_priv *p,
		    char *buf, size_t len)
{
	return snprintf(buf, len, "--reject-with %s", tab[p->idx].name);
}

/* See reject.h. */
int xt_reject_check(const struct xt_reject_type *tab, const struct xt_reject_priv *p,
		    const struct filter_check_ctx *c, struct ulog_err *err)
{
	unsigned ok = FILTER_HOOK_BIT(FILTER_LOCAL_IN) | FILTER_HOOK_BIT(FILTER_FORWARD) |
		      FILTER_HOOK_BIT(FILTER_LOCAL_OUT);

	if (strcmp(c->table, "filter"))
		return ulog_errf(err, -EINVAL, "REJECT target: only valid in filter table, not %s",
				 c->table);
	if (c->hook_mask & ~ok)
		return ulog_errf(err, -EINVAL, "REJECT target: only valid in INPUT, FORWARD and OUTPUT "
				 "(chain %s)", c->chain ? c->chain : "?");
	if (tab[p->idx].tcp_reset && (c->std->proto != IPPROTO_TCP || c->std->proto_inv))
		return ulog_errf(err, -EINVAL, "REJECT target: TCP_RESET invalid for non-tcp");
	return 0;
}

/* See reject.h. */
int xt_reject_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	if (pkt->out && pkt->out->emit)
		pkt->out->emit(pkt->out->arg, "REJECT", d->priv, pkt->pv, pkt->meta);
	return FILTER_DROP;
}
