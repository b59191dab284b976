/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-ruleset context: named state shared by rules (recent, hashlimit, sets) and host facts. */
#include <stdlib.h>
#include <string.h>

#include "filter.h"

struct shared_obj {
	struct shared_obj *next;
	char kind[32];
	char name[64];
	size_t size;
	void (*release)(void *obj);
	_Alignas(16) unsigned char obj[];
};

struct filter_ctx {
	struct shared_obj *objs;
	const struct filter_host *host;
};

/* See filter.h. */
struct filter_ctx *filter_ctx_new(void)
{
	return calloc(1, sizeof(struct filter_ctx));
}

/* See filter.h. */
void filter_ctx_free(struct filter_ctx *ctx)
{
	struct shared_obj *o, *n;

	if (!ctx)
		return;
	for (o = ctx->objs; o; o = n) {
		n = o->next;
		if (o->release)
			o->release(o->obj);
		free(o);
	}
	free(ctx);
}

/* See filter.h. */
void filter_ctx_set_host(struct filter_ctx *ctx, const struct filter_host *h)
{
	ctx->host = h;
}

/* See ext.h. */
const struct filter_host *filter_ctx_host(const struct filter_ctx *ctx)
{
	return ctx ? ctx->host : NULL;
}

/* See ext.h. */
void *filter_ctx_shared(struct filter_ctx *ctx, const char *kind, const char *name,
			size_t size, void (*release)(void *obj), bool *created)
{
	struct shared_obj *o;

	if (created)
		*created = false;
	for (o = ctx->objs; o; o = o->next)
		if (!strcmp(o->kind, kind) && !strcmp(o->name, name))
			return o->size == size ? o->obj : NULL;
	if (strlen(kind) >= sizeof(o->kind) || strlen(name) >= sizeof(o->name))
		return NULL;
	o = calloc(1, sizeof(*o) + size);
	if (!o)
		return NULL;
	strcpy(o->kind, kind);
	strcpy(o->name, name);
	o->size = size;
	o->release = release;
	o->next = ctx->objs;
	ctx->objs = o;
	if (created)
		*created = true;
	return o->obj;
}
