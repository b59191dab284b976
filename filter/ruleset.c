/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rulesets: the tables of one family, in the order they came into being. */
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* See filter.h. */
struct filter_ruleset *filter_ruleset_new(uint8_t family)
{
	struct filter_ruleset *rs = calloc(1, sizeof(*rs));

	if (!rs)
		return NULL;
	rs->family = family;
	rs->ctx = filter_ctx_new();
	if (!rs->ctx) {
		free(rs);
		return NULL;
	}
	return rs;
}

/* See filter.h. */
void filter_ruleset_free(struct filter_ruleset *rs)
{
	unsigned i;

	if (!rs)
		return;
	for (i = 0; i < rs->n_tables; i++)
		filter_table_free(rs->tables[i], rs->ctx);
	filter_ctx_free(rs->ctx);
	free(rs);
}

static int table_index(const struct filter_ruleset *rs, const char *name)
{
	unsigned i;

	for (i = 0; i < rs->n_tables; i++)
		if (!strcmp(rs->tables[i]->def->name, name))
			return (int)i;
	return -1;
}

/* See filter.h. */
struct filter_table *filter_ruleset_table(const struct filter_ruleset *rs, const char *name)
{
	int i = table_index(rs, name);

	return i < 0 ? NULL : rs->tables[i];
}

/* See filter.h. */
struct filter_table *filter_ruleset_touch(struct filter_ruleset *rs, const char *name)
{
	const struct filter_table_def *def = filter_table_def(name);
	struct filter_table *t = filter_ruleset_table(rs, name);

	if (t || !def)
		return t;
	t = filter_table_new(def);
	if (!t)
		return NULL;
	t->bound = true;  /* an empty table is committed as it stands */
	rs->tables[rs->n_tables++] = t;
	return t;
}

/* See filter.h. */
void filter_ruleset_replace(struct filter_ruleset *rs, struct filter_table *t)
{
	int i = table_index(rs, t->def->name);

	if (i < 0) {
		rs->tables[rs->n_tables++] = t;
		return;
	}
	if (rs->tables[i] != t)
		filter_table_free(rs->tables[i], rs->ctx);
	rs->tables[i] = t;
}
