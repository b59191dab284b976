/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tables and chains: built-in chains per table, user chains kept sorted, rule arrays. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

#define B(h) FILTER_HOOK_BIT(FILTER_##h)
static const struct filter_table_def table_defs[] = {
	{ "raw", B(PRE_ROUTING) | B(LOCAL_OUT) },
	{ "mangle", B(PRE_ROUTING) | B(LOCAL_IN) | B(FORWARD) | B(LOCAL_OUT) | B(POST_ROUTING) },
	{ "nat", B(PRE_ROUTING) | B(LOCAL_IN) | B(LOCAL_OUT) | B(POST_ROUTING) },
	{ "filter", B(LOCAL_IN) | B(FORWARD) | B(LOCAL_OUT) },
	{ "security", B(LOCAL_IN) | B(FORWARD) | B(LOCAL_OUT) },
};
#undef B

static const char *const hook_names[FILTER_NHOOKS] = {
	[FILTER_PRE_ROUTING] = "PREROUTING",
	[FILTER_LOCAL_IN] = "INPUT",
	[FILTER_FORWARD] = "FORWARD",
	[FILTER_LOCAL_OUT] = "OUTPUT",
	[FILTER_POST_ROUTING] = "POSTROUTING",
};

/* See filter.h. */
const struct filter_table_def *filter_table_def(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(table_defs) / sizeof(table_defs[0]); i++)
		if (!strcmp(table_defs[i].name, name))
			return &table_defs[i];
	return NULL;
}

/* See filter.h. */
const char *filter_hook_name(int h)
{
	return h >= 0 && h < FILTER_NHOOKS ? hook_names[h] : "?";
}

static struct filter_chain *chain_new(const char *name, int hook)
{
	struct filter_chain *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	strncpy(c->name, name, FILTER_CHAIN_MAXLEN);
	c->hook = hook;
	c->policy = FILTER_ACCEPT;
	return c;
}

static int chains_grow(struct filter_table *t)
{
	struct filter_chain **n;
	unsigned cap = t->cap_chains ? t->cap_chains * 2 : 16;

	if (t->n_chains < t->cap_chains)
		return 0;
	n = realloc(t->chains, cap * sizeof(*n));
	if (!n)
		return -ENOMEM;
	t->chains = n;
	t->cap_chains = cap;
	return 0;
}

/* See filter.h. */
struct filter_table *filter_table_new(const struct filter_table_def *def)
{
	struct filter_table *t = calloc(1, sizeof(*t));
	int h;

	if (!t)
		return NULL;
	t->def = def;
	for (h = 0; h < FILTER_NHOOKS; h++) {
		if (!(def->hooks & FILTER_HOOK_BIT(h)))
			continue;
		if (chains_grow(t) < 0 || !(t->chains[t->n_chains] = chain_new(hook_names[h], h))) {
			filter_table_free(t, NULL);
			return NULL;
		}
		t->n_chains++;
		t->n_builtin++;
	}
	return t;
}

/* See filter.h. */
void filter_chain_flush(struct filter_chain *c, struct filter_ctx *ctx, bool bound)
{
	unsigned i;

	for (i = 0; i < c->n_rules; i++)
		filter_rule_free(c->rules[i], ctx, bound);
	c->n_rules = 0;
}

static void chain_free(struct filter_chain *c, struct filter_ctx *ctx, bool bound)
{
	filter_chain_flush(c, ctx, bound);
	filter_chain_index_free(c);
	free(c->rules);
	free(c);
}

/* See filter.h. */
void filter_table_free(struct filter_table *t, struct filter_ctx *ctx)
{
	unsigned i;

	if (!t)
		return;
	for (i = 0; i < t->n_chains; i++)
		chain_free(t->chains[i], ctx, t->bound);
	free(t->chains);
	free(t);
}

static struct filter_chain *chain_clone(const struct filter_chain *c)
{
	struct filter_chain *n = malloc(sizeof(*n));
	unsigned i;

	if (!n)
		return NULL;
	*n = *c;
	n->index = NULL;
	n->rules = NULL;
	n->n_rules = n->cap_rules = 0;
	for (i = 0; i < c->n_rules; i++) {
		struct filter_rule *r = filter_rule_clone(c->rules[i]);

		if (!r || filter_chain_insert(n, n->n_rules, r) < 0) {
			filter_rule_free(r, NULL, false);
			chain_free(n, NULL, false);
			return NULL;
		}
	}
	return n;
}

/* See filter.h. */
struct filter_table *filter_table_clone(const struct filter_table *t)
{
	struct filter_table *n = calloc(1, sizeof(*n));
	unsigned i;

	if (!n)
		return NULL;
	n->def = t->def;
	n->n_builtin = t->n_builtin;
	for (i = 0; i < t->n_chains; i++) {
		if (chains_grow(n) < 0 || !(n->chains[n->n_chains] = chain_clone(t->chains[i]))) {
			filter_table_free(n, NULL);
			return NULL;
		}
		n->n_chains++;
	}
	return n;
}

/* See filter.h. */
struct filter_chain *filter_chain_find(const struct filter_table *t, const char *name)
{
	unsigned lo = t->n_builtin, hi = t->n_chains, i;

	for (i = 0; i < t->n_builtin; i++)
		if (!strcmp(t->chains[i]->name, name))
			return t->chains[i];
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int c = strcmp(t->chains[mid]->name, name);

		if (!c)
			return t->chains[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* See filter.h. */
struct filter_chain *filter_chain_add(struct filter_table *t, const char *name)
{
	unsigned pos = t->n_builtin;
	struct filter_chain *c;

	if (chains_grow(t) < 0 || !(c = chain_new(name, -1)))
		return NULL;
	/* from the end: restore declares chains mostly in sorted order */
	pos = t->n_chains;
	while (pos > t->n_builtin && strcmp(t->chains[pos - 1]->name, name) > 0)
		pos--;
	memmove(&t->chains[pos + 1], &t->chains[pos], (t->n_chains - pos) * sizeof(c));
	t->chains[pos] = c;
	t->n_chains++;
	return c;
}

/* See filter.h. */
void filter_chain_del(struct filter_table *t, struct filter_chain *c)
{
	unsigned i;

	for (i = t->n_builtin; i < t->n_chains; i++)
		if (t->chains[i] == c) {
			memmove(&t->chains[i], &t->chains[i + 1], (t->n_chains - i - 1) * sizeof(c));
			t->n_chains--;
			chain_free(c, NULL, false);
			return;
		}
}

/* See filter.h. */
int filter_chain_insert(struct filter_chain *c, unsigned pos, struct filter_rule *r)
{
	if (c->n_rules == c->cap_rules) {
		unsigned cap = c->cap_rules ? c->cap_rules * 2 : 8;
		struct filter_rule **n = realloc(c->rules, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		c->rules = n;
		c->cap_rules = cap;
	}
	if (pos > c->n_rules)
		pos = c->n_rules;
	memmove(&c->rules[pos + 1], &c->rules[pos], (c->n_rules - pos) * sizeof(r));
	c->rules[pos] = r;
	c->n_rules++;
	return 0;
}

/* See filter.h. */
struct filter_rule *filter_chain_remove(struct filter_chain *c, unsigned pos)
{
	struct filter_rule *r = c->rules[pos];

	memmove(&c->rules[pos], &c->rules[pos + 1], (c->n_rules - pos - 1) * sizeof(r));
	c->n_rules--;
	return r;
}
