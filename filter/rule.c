/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Rules: allocation, extension instances, deep copy and comparison. */
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* A rule's memory on a cache-line boundary: filter_eval reads the standard
 * part (the first 112 bytes) of every rule it walks, two lines instead of three. */
static struct filter_rule *rule_alloc(void)
{
	size_t size = (sizeof(struct filter_rule) + 63) & ~(size_t)63;

	return aligned_alloc(64, size);
}

/* See filter.h. */
struct filter_rule *filter_rule_new(uint8_t family)
{
	struct filter_rule *r = rule_alloc();

	if (r) {
		memset(r, 0, sizeof(*r));
		r->std.family = family;
	}
	return r;
}

static void ext_free(struct filter_ext_data *d, struct filter_ctx *ctx, bool bound)
{
	if (!d)
		return;
	if (bound && d->ext->unbind)
		d->ext->unbind(d, ctx);
	free(d);
}

/* See filter.h. */
void filter_rule_free(struct filter_rule *r, struct filter_ctx *ctx, bool bound)
{
	unsigned i;

	if (!r)
		return;
	for (i = 0; i < r->n_matches; i++)
		ext_free(r->matches[i], ctx, bound);
	free(r->matches);
	ext_free(r->target, ctx, bound);
	free(r);
}

static struct filter_ext_data *ext_new(const struct filter_ext *e)
{
	struct filter_ext_data *d = calloc(1, sizeof(*d) + e->priv_size);

	if (!d)
		return NULL;
	d->ext = e;
	d->priv_size = e->priv_size;
	return d;
}

static struct filter_ext_data *ext_clone(const struct filter_ext_data *d)
{
	struct filter_ext_data *n = malloc(sizeof(*n) + d->priv_size);

	if (!n)
		return NULL;
	memcpy(n, d, sizeof(*n) + d->priv_size);
	n->state = NULL;
	return n;
}

/* See filter.h. */
struct filter_ext_data *filter_rule_add_ext(struct filter_rule *r, const struct filter_ext *e)
{
	struct filter_ext_data *d, **m;

	if (e->kind == FILTER_EXT_TARGET) {
		free(r->target);
		r->target = ext_new(e);
		r->tkind = FILTER_TGT_EXT;
		return r->target;
	}
	m = realloc(r->matches, (r->n_matches + 1) * sizeof(*m));
	if (!m)
		return NULL;
	r->matches = m;
	d = ext_new(e);
	if (d)
		r->matches[r->n_matches++] = d;
	return d;
}

/* See filter.h. */
struct filter_rule *filter_rule_clone(const struct filter_rule *r)
{
	struct filter_rule *n = rule_alloc();
	unsigned i;

	if (!n)
		return NULL;
	*n = *r;
	n->matches = NULL;
	n->n_matches = 0;
	n->target = NULL;
	n->jump_to = NULL;
	if (r->n_matches && !(n->matches = calloc(r->n_matches, sizeof(*n->matches))))
		goto fail;
	for (i = 0; i < r->n_matches; i++) {
		if (!(n->matches[i] = ext_clone(r->matches[i])))
			goto fail;
		n->n_matches++;
	}
	if (r->target && !(n->target = ext_clone(r->target)))
		goto fail;
	return n;
fail:
	filter_rule_free(n, NULL, false);
	return NULL;
}

static bool ext_equal(const struct filter_ext_data *a, const struct filter_ext_data *b)
{
	if (!a || !b)
		return a == b;
	return a->ext == b->ext && a->seen == b->seen && a->inverted == b->inverted &&
	       a->priv_size == b->priv_size && !memcmp(a->priv, b->priv, a->priv_size);
}

/* See filter.h. */
bool filter_rule_equal(const struct filter_rule *a, const struct filter_rule *b)
{
	unsigned i;

	if (memcmp(&a->std, &b->std, sizeof(a->std)) || memcmp(a->src, b->src, 16) ||
	    memcmp(a->smsk, b->smsk, 16) || memcmp(a->dst, b->dst, 16) ||
	    memcmp(a->dmsk, b->dmsk, 16) || a->src_inv != b->src_inv ||
	    a->dst_inv != b->dst_inv || strcmp(a->in, b->in) || strcmp(a->out, b->out) ||
	    a->in_inv != b->in_inv || a->out_inv != b->out_inv ||
	    a->n_matches != b->n_matches || a->tkind != b->tkind)
		return false;
	for (i = 0; i < a->n_matches; i++)
		if (!ext_equal(a->matches[i], b->matches[i]))
			return false;
	switch (a->tkind) {
	case FILTER_TGT_NONE:
		return true;
	case FILTER_TGT_VERDICT:
		return a->verdict == b->verdict;
	case FILTER_TGT_JUMP:
	case FILTER_TGT_GOTO:
		return !strcmp(a->jump, b->jump);
	case FILTER_TGT_EXT:
		return ext_equal(a->target, b->target);
	}
	return false;
}
