/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Key resolution: each input key to its nearest upstream producer, then slots for the keys in use. */
#include "core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static bool types_fit(enum ulog_type want, enum ulog_type have)
{
	if (want == ULOG_T_NONE || have == ULOG_T_NONE || want == have)
		return true;
	return (want == ULOG_T_IPADDR || want == ULOG_T_IP6ADDR) &&
	       (have == ULOG_T_IPADDR || have == ULOG_T_IP6ADDR);
}

/* Output key @name of @n, or -1 (keys flagged inactive produce nothing). */
static int out_key(const struct ulog_node *n, const char *name)
{
	const struct ulog_plugin *p = n->inst.plugin;
	unsigned k;

	for (k = 0; k < p->n_out; k++)
		if (!(p->out_keys[k].flags & ULOG_KEY_INACTIVE) && !strcmp(p->out_keys[k].name, name))
			return (int)k;
	return -1;
}

static int fail(struct ulog_daemon *d, const struct ulog_stack *s, struct ulog_err *err, int code,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail(struct ulog_daemon *d, const struct ulog_stack *s, struct ulog_err *err, int code,
		const char *fmt, ...)
{
	va_list ap;

	ulog_err_at(err, d->cfg.file, s->line);
	va_start(ap, fmt);
	ulog_verrf(err, code, fmt, ap);
	va_end(ap);
	return code;
}

/* Finds the producer of input key @k of the node at @pos in @s. */
static int resolve_key(struct ulog_daemon *d, struct ulog_stack *s, unsigned pos, unsigned k,
		       struct ulog_err *err)
{
	struct ulog_node *n = s->nodes[pos];
	const struct ulog_key_def *want = &n->inst.in_keys[k];
	unsigned j;

	n->src[k].node = NULL;
	if (want->flags & ULOG_KEY_INACTIVE)
		return 0;
	for (j = pos; j-- > 0;) {
		struct ulog_node *up = s->nodes[j];
		int ok = out_key(up, want->name);
		const struct ulog_key_def *have;

		if (ok < 0)
			continue;
		have = &up->inst.plugin->out_keys[ok];
		if (!types_fit(want->type, have->type))
			return fail(d, s, err, -EINVAL,
				    "key %s: %s (%s) makes %s, but %s (%s) wants %s", want->name,
				    up->inst.id, up->inst.plugin->name, ulog_type_name(have->type),
				    n->inst.id, n->inst.plugin->name, ulog_type_name(want->type));
		n->src[k].node = up;
		n->src[k].key = ok;
		up->out_used[ok] = true;
		return 0;
	}
	if (want->flags & ULOG_KEY_OPTIONAL)
		return 0;
	return fail(d, s, err, -ENOENT, "key %s needed by %s (%s) has no producer upstream",
		    want->name, n->inst.id, n->inst.plugin->name);
}

static int resolve_stack(struct ulog_daemon *d, struct ulog_stack *s, struct ulog_err *err)
{
	unsigned i, k;
	int rc;

	for (i = 1; i < s->n; i++) {
		struct ulog_node *n = s->nodes[i];

		free(n->src);
		free(n->inst.in_slot);
		n->src = calloc(n->inst.n_in + 1, sizeof(*n->src));
		n->inst.in_slot = calloc(n->inst.n_in + 1, sizeof(int));
		if (!n->src || !n->inst.in_slot)
			return fail(d, s, err, -ENOMEM, "out of memory");
		for (k = 0; k < n->inst.n_in; k++) {
			rc = resolve_key(d, s, i, k, err);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Slots: input key k is slot k; then every used output key downstream, in order. */
static int assign_slots(struct ulog_daemon *d, struct ulog_stack *s, struct ulog_err *err)
{
	struct ulog_node *in = s->nodes[0];
	unsigned slot = in->inst.plugin->n_out, i, k;

	for (k = 0; k < in->inst.plugin->n_out; k++)
		in->inst.out_slot[k] = in->out_used[k] ? (int)k : -1;
	for (i = 1; i < s->n; i++) {
		struct ulog_node *n = s->nodes[i];

		for (k = 0; k < n->inst.plugin->n_out; k++)
			n->inst.out_slot[k] = n->out_used[k] ? (int)slot++ : -1;
	}
	if (slot > ULOG_RECORD_MAX_SLOTS)
		return fail(d, s, err, -E2BIG, "stack needs %u key slots, more than %u", slot,
			    ULOG_RECORD_MAX_SLOTS);
	for (i = 1; i < s->n; i++) {
		struct ulog_node *n = s->nodes[i];

		for (k = 0; k < n->inst.n_in; k++) {
			const struct ulog_src *src = &n->src[k];

			n->inst.in_slot[k] = src->node ? src->node->inst.out_slot[src->key] : -1;
		}
	}
	s->n_slots = slot;
	s->rec.n = slot;
	s->rec.v = calloc(slot + 1, sizeof(*s->rec.v));
	s->rec.valid = calloc((slot + 63) / 64 + 1, sizeof(uint64_t));
	if (!s->rec.v || !s->rec.valid)
		return fail(d, s, err, -ENOMEM, "out of memory");
	return 0;
}

int ulog_resolve_stacks(struct ulog_daemon *d, struct ulog_err *err)
{
	unsigned i;
	int rc;

	for (i = 0; i < d->n_stacks; i++) {
		rc = resolve_stack(d, d->stacks[i], err);
		if (rc)
			return rc;
	}
	for (i = 0; i < d->n_stacks; i++) {
		rc = assign_slots(d, d->stacks[i], err);
		if (rc)
			return rc;
	}
	return 0;
}
