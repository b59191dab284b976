/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The kernel's checks on a table replace: jumps resolve, no reachable loop, extension checkentry. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

struct walk {
	struct filter_table *t;
	uint8_t *on_path;        /* per chain index: on the current walk */
	const struct filter_rule **bad;
	struct ulog_err *err;
};

static int chain_index(const struct filter_table *t, const struct filter_chain *c)
{
	unsigned i;

	for (i = 0; i < t->n_chains; i++)
		if (t->chains[i] == c)
			return (int)i;
	return -1;
}

/* Resolves every jump's chain by name. */
static int resolve_jumps(struct filter_table *t, const struct filter_rule **bad, struct ulog_err *err)
{
	unsigned i, j;

	for (i = 0; i < t->n_chains; i++) {
		t->chains[i]->hook_mask = 0;
		t->chains[i]->refs = 0;
	}
	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++) {
			struct filter_rule *r = t->chains[i]->rules[j];

			if (r->tkind != FILTER_TGT_JUMP && r->tkind != FILTER_TGT_GOTO)
				continue;
			r->jump_to = filter_chain_find(t, r->jump);
			if (!r->jump_to || r->jump_to->hook >= 0) {
				*bad = r;
				return ulog_errf(err, -ENOENT, "chain %s: jump to %s chain %s",
						 t->chains[i]->name, r->jump_to ? "built-in" : "missing",
						 r->jump);
			}
			r->jump_to->refs++;
		}
	return 0;
}

/* Marks @c reachable from @hook and walks on; a chain met again on the path is a loop. */
static int walk_chain(struct walk *w, struct filter_chain *c, unsigned hook)
{
	int idx = chain_index(w->t, c);
	unsigned j;
	int rc = 0;

	if (w->on_path[idx])
		return ulog_errf(w->err, -ELOOP, "chain %s: jump loop", c->name);
	if (c->hook_mask & FILTER_HOOK_BIT(hook))
		return 0;
	c->hook_mask |= FILTER_HOOK_BIT(hook);
	w->on_path[idx] = 1;
	for (j = 0; j < c->n_rules && !rc; j++) {
		struct filter_rule *r = c->rules[j];

		if (!r->jump_to)
			continue;
		rc = walk_chain(w, r->jump_to, hook);
		if (rc && !*w->bad)
			*w->bad = r;
	}
	w->on_path[idx] = 0;
	return rc;
}

static int check_ext(struct filter_ext_data *d, const struct filter_check_ctx *cc,
		     struct ulog_err *err)
{
	if (!d->ext->check)
		return 0;
	return d->ext->check(d, cc, err);
}

static int check_rules(struct filter_table *t, const struct filter_rule **bad, struct ulog_err *err)
{
	unsigned i, j, k;
	int rc;

	for (i = 0; i < t->n_chains; i++) {
		struct filter_chain *c = t->chains[i];

		for (j = 0; j < c->n_rules; j++) {
			struct filter_rule *r = c->rules[j];
			struct filter_check_ctx cc = {
				.table = t->def->name, .hook_mask = c->hook_mask,
				.std = &r->std, .chain = c->name,
				.matches = r->matches, .n_matches = r->n_matches,
			};

			for (k = 0; k < r->n_matches; k++)
				if ((rc = check_ext(r->matches[k], &cc, err)) < 0) {
					*bad = r;
					return rc;
				}
			if (r->target && (rc = check_ext(r->target, &cc, err)) < 0) {
				*bad = r;
				return rc;
			}
		}
	}
	return 0;
}

/* See filter.h. */
int filter_table_check(struct filter_table *t, uint8_t family,
		       const struct filter_rule **bad, struct ulog_err *err)
{
	const struct filter_rule *dummy = NULL;
	struct walk w = { .t = t, .err = err };
	unsigned i;
	int rc;

	if (!bad)
		bad = &dummy;
	*bad = NULL;
	w.bad = bad;
	if ((rc = resolve_jumps(t, bad, err)))
		return rc;
	w.on_path = calloc(t->n_chains ? t->n_chains : 1, 1);
	if (!w.on_path)
		return ulog_errf(err, -ENOMEM, "out of memory");
	for (i = 0; i < t->n_builtin && !rc; i++)
		rc = walk_chain(&w, t->chains[i], (unsigned)t->chains[i]->hook);
	free(w.on_path);
	if (rc || (rc = check_rules(t, bad, err)))
		return rc;
	filter_table_index(t, family);
	return 0;
}

/* See filter.h. */
int filter_table_bind(struct filter_table *t, struct filter_ctx *ctx, struct ulog_err *err)
{
	unsigned i, j, k;
	int rc;

	t->bound = true;  /* from here unbind() runs on free; it copes with state == NULL */
	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++) {
			struct filter_rule *r = t->chains[i]->rules[j];

			for (k = 0; k < r->n_matches; k++)
				if (r->matches[k]->ext->bind &&
				    (rc = r->matches[k]->ext->bind(r->matches[k], ctx, err)) < 0)
					return rc;
			if (r->target && r->target->ext->bind &&
			    (rc = r->target->ext->bind(r->target, ctx, err)) < 0)
				return rc;
		}
	return 0;
}
