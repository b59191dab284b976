/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table traversal for the hooks through filter/'s reference evaluator. */
#include <string.h>
#include <sys/socket.h>

#include "../filter/filter.h"
#include "hooks.h"

/* filter_ruleset_table() without a strcmp per table: the five table names
 * differ in their first letter. */
static struct filter_table *table_of(const struct filter_ruleset *rs, const char *name)
{
	unsigned i;

	for (i = 0; i < rs->n_tables; i++) {
		const char *n = rs->tables[i]->def->name;

		if (n == name || (n[0] == name[0] && !strcmp(n, name)))
			return rs->tables[i];
	}
	return NULL;
}

enum filter_verdict hooks_filter_table(void *arg, uint8_t family, const char *table,
				       struct filter_pkt *p)
{
	const struct hooks_rulesets *r = arg;
	struct filter_ruleset *rs = family == AF_INET6 ? r->v6 : r->v4;
	struct filter_table *t = rs ? table_of(rs, table) : NULL;

	if (!t)
		return FILTER_ACCEPT;
	p->ctx = rs->ctx;
	return filter_eval(t, p);
}
