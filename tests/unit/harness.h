/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs one interpreter or output plugin on a hand-filled record, without a config or stack. */
#ifndef ULOG_TEST_HARNESS_H
#define ULOG_TEST_HARNESS_H

#include <stdlib.h>
#include <string.h>

#include "ulogd/plugin.h"

/*
 * A lone instance of @p: input key i lives in slot i, output key j in slot
 * n_in + j, and every output is wanted. conf holds the option defaults only
 * when the caller fills it (options are the config parser's job).
 */
struct harness {
	struct ulog_instance inst;
	struct ulog_record rec;
	struct ulog_value v[ULOG_RECORD_MAX_SLOTS];
	uint64_t valid[ULOG_RECORD_MAX_SLOTS / 64];
	int in_slot[ULOG_RECORD_MAX_SLOTS];
	int out_slot[ULOG_RECORD_MAX_SLOTS];
};

static inline struct harness *harness_new(const struct ulog_plugin *p)
{
	struct harness *h = calloc(1, sizeof(*h));
	unsigned i;

	h->inst.plugin = p;
	strcpy(h->inst.id, "test1");
	h->inst.conf = calloc(1, p->conf_size + 1);
	h->inst.priv = calloc(1, p->priv_size + 1);
	h->inst.in_keys = p->in_keys;
	h->inst.n_in = p->n_in;
	h->inst.in_slot = h->in_slot;
	h->inst.out_slot = h->out_slot;
	for (i = 0; i < p->n_in; i++)
		h->in_slot[i] = (int)i;
	for (i = 0; i < p->n_out; i++)
		h->out_slot[i] = (int)(p->n_in + i);
	h->rec.v = h->v;
	h->rec.valid = h->valid;
	h->rec.n = p->n_in + p->n_out;
	return h;
}

static inline void harness_free(struct harness *h)
{
	free(h->inst.conf);
	free(h->inst.priv);
	free(h);
}

/* Slot of input key @name, or -1. */
static inline int harness_in(const struct harness *h, const char *name)
{
	unsigned i;

	for (i = 0; i < h->inst.n_in; i++)
		if (!strcmp(h->inst.in_keys[i].name, name))
			return h->in_slot[i];
	return -1;
}

/* Slot of output key @name, or -1. */
static inline int harness_out(const struct harness *h, const char *name)
{
	unsigned i;

	for (i = 0; i < h->inst.plugin->n_out; i++)
		if (!strcmp(h->inst.plugin->out_keys[i].name, name))
			return h->out_slot[i];
	return -1;
}

#endif
