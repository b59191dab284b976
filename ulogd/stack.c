/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running stacks: the input's record, emit into every stack it feeds, and the configure-time key API. */
#include "core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct ulog_record *ulog_input_record(struct ulog_instance *inst)
{
	struct ulog_record *r = &node_of(inst)->feeds[0]->rec;

	ulog_rec_clear(r);
	return r;
}

/* Copies the input's slots 0..@n-1 of @from into @to, whose other slots are cleared. */
static void copy_input(const struct ulog_record *from, struct ulog_record *to, unsigned n)
{
	unsigned w = n / 64;

	ulog_rec_clear(to);
	memcpy(to->v, from->v, n * sizeof(*to->v));
	memcpy(to->valid, from->valid, w * sizeof(uint64_t));
	if (n % 64)
		to->valid[w] = from->valid[w] & ((UINT64_C(1) << (n % 64)) - 1);
}

void ulog_note_error(struct ulog_instance *inst, const char *what, int rc)
{
	uint64_t n = ++inst->n_errors;

	if (ulog_log_count_due(n))
		ulog_log(ULOG_ERROR, "%s (%s): %s failed: %s (%llu so far)\n", inst->id,
			 inst->plugin->name, what, strerror(rc < 0 ? -rc : rc),
			 (unsigned long long)n);
}

void ulog_stack_run(struct ulog_stack *s)
{
	unsigned i;

	for (i = 1; i < s->n; i++) {
		struct ulog_node *n = s->nodes[i];
		const struct ulog_plugin *p = n->inst.plugin;
		int rc;

		if (!p->interp)
			continue;
		n->inst.n_records++;
		if (p->kind == ULOG_PLUGIN_OUTPUT)
			n->dirty = true;
		rc = p->interp(&n->inst, &s->rec);
		if (rc < 0)
			ulog_note_error(&n->inst, "record", rc);
		if (rc != ULOG_CONTINUE)
			return;
	}
}

int ulog_input_emit(struct ulog_instance *inst)
{
	struct ulog_node *n = node_of(inst);
	const struct ulog_record *first = &n->feeds[0]->rec;
	unsigned i;

	inst->n_records++;
	for (i = 1; i < n->n_feeds; i++)
		copy_input(first, &n->feeds[i]->rec, inst->plugin->n_out);
	for (i = 0; i < n->n_feeds; i++)
		ulog_stack_run(n->feeds[i]);
	return 0;
}

void ulog_input_done(struct ulog_instance *inst, int status)
{
	struct ulog_node *n = node_of(inst);
	struct ulog_daemon *d = n->d;
	unsigned i;

	n->done = true;
	if (status < 0)
		d->input_failed = true;
	for (i = 0; i < d->n_nodes; i++)
		if (d->nodes[i]->inst.plugin->kind == ULOG_PLUGIN_INPUT && !d->nodes[i]->done)
			return;
	ulog_log(ULOG_INFO, "every input is done, exiting\n");
	ulog_loop_stop(d->loop);
}

int ulog_instance_set_inputs(struct ulog_instance *inst, const struct ulog_key_def *keys,
			     unsigned n)
{
	if (n > ULOG_RECORD_MAX_SLOTS)
		return -E2BIG;
	inst->in_keys = keys;
	inst->n_in = n;
	return 0;
}

/* True if a node after @j and before @pos in @s makes a key called @name. */
static bool made_later(const struct ulog_stack *s, unsigned j, unsigned pos, const char *name)
{
	unsigned m, k;

	for (m = j + 1; m < pos; m++) {
		const struct ulog_plugin *p = s->nodes[m]->inst.plugin;

		for (k = 0; k < p->n_out; k++)
			if (!(p->out_keys[k].flags & ULOG_KEY_INACTIVE) &&
			    !strcmp(p->out_keys[k].name, name))
				return true;
	}
	return false;
}

unsigned ulog_stack_upstream(const struct ulog_instance *inst,
			     const struct ulog_upstream_key **keys)
{
	const struct ulog_node *n = node_of(inst);
	struct ulog_stack *s = inst->stack;
	unsigned total = 0, j, k;

	*keys = NULL;
	if (!s || n->pos == 0)
		return 0;
	for (j = 0; j < n->pos; j++)
		total += s->nodes[j]->inst.plugin->n_out;
	free(s->up);
	s->n_up = 0;
	s->up = calloc(total + 1, sizeof(*s->up));
	if (!s->up)
		return 0;
	for (j = 0; j < n->pos; j++) {
		const struct ulog_node *m = s->nodes[j];
		const struct ulog_plugin *p = m->inst.plugin;

		for (k = 0; k < p->n_out; k++) {
			const struct ulog_key_def *def = &p->out_keys[k];

			if ((def->flags & ULOG_KEY_INACTIVE) || made_later(s, j, n->pos, def->name))
				continue;
			s->up[s->n_up].def = def;
			s->up[s->n_up].producer = &m->inst;
			s->n_up++;
		}
	}
	*keys = s->up;
	return s->n_up;
}
