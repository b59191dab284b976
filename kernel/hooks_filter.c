/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table traversal for the hooks through filter/'s reference evaluator. */
#include <sys/socket.h>

#include "../filter/filter.h"
#include "hooks.h"

enum filter_verdict hooks_filter_table(void *arg, uint8_t family, const char *table,
				       struct filter_pkt *p)
{
	const struct hooks_rulesets *r = arg;
	struct filter_ruleset *rs = family == AF_INET6 ? r->v6 : r->v4;
	struct filter_table *t = rs ? filter_ruleset_table(rs, table) : NULL;

	if (!t)
		return FILTER_ACCEPT;
	p->ctx = rs->ctx;
	return filter_eval(t, p);
}
