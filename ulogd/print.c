/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Human-readable views: the built stacks with slots and key sources (--check), plugin info (--info). */
#include "core.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

static const char *kind_word(enum ulog_plugin_kind k)
{
	switch (k) {
	case ULOG_PLUGIN_INPUT: return "input";
	case ULOG_PLUGIN_INTERP: return "interpreter";
	case ULOG_PLUGIN_OUTPUT: return "output";
	}
	return "?";
}

/* True if option @o's field reads as signed: a negative minimum and a maximum that fits. */
static bool opt_signed(const struct ulog_option *o)
{
	long long smax = o->size >= 8 ? INT64_MAX : (1LL << (o->size * 8 - 1)) - 1;

	return o->min < 0 && o->max <= smax;
}

/* The value of option @o in @conf as text. */
static void print_opt(FILE *f, const struct ulog_option *o, const void *conf)
{
	const char *field = (const char *)conf + o->offset;
	bool sgn = opt_signed(o);
	int64_t v = 0;

	if (o->type == ULOG_OPT_STRING) {
		fprintf(f, "\"%.*s\"", (int)o->size, field);
		return;
	}
	switch (o->size) {
	case 1: { int8_t x; memcpy(&x, field, 1); v = sgn ? (int64_t)x : (int64_t)(uint8_t)x; break; }
	case 2: { int16_t x; memcpy(&x, field, 2); v = sgn ? (int64_t)x : (int64_t)(uint16_t)x; break; }
	case 4: { int32_t x; memcpy(&x, field, 4); v = sgn ? (int64_t)x : (int64_t)(uint32_t)x; break; }
	default: memcpy(&v, field, sizeof(v)); break;
	}
	fprintf(f, "%lld", (long long)v);
}

static void print_node(FILE *f, const struct ulog_node *n)
{
	const struct ulog_plugin *p = n->inst.plugin;
	unsigned k;

	fprintf(f, "  %s (%s, %s)\n", n->inst.id, p->name, kind_word(p->kind));
	for (k = 0; k < p->n_options; k++) {
		fprintf(f, "    opt %-28s ", p->options[k].name);
		print_opt(f, &p->options[k], n->inst.conf);
		fprintf(f, "%s\n", ulog_opt_given(&n->inst, k) ? "" : " (default)");
	}
	for (k = 0; n->src && k < n->inst.n_in; k++) {
		const struct ulog_src *src = &n->src[k];

		if (src->node)
			fprintf(f, "    in  %-28s slot %-4d from %s\n", n->inst.in_keys[k].name,
				n->inst.in_slot[k], src->node->inst.id);
		else
			fprintf(f, "    in  %-28s (none, optional)\n", n->inst.in_keys[k].name);
	}
	for (k = 0; k < p->n_out; k++)
		if (n->inst.out_slot[k] >= 0)
			fprintf(f, "    out %-28s slot %d\n", p->out_keys[k].name, n->inst.out_slot[k]);
}

void ulog_daemon_print(const struct ulog_daemon *d, FILE *f)
{
	unsigned i, j;

	for (i = 0; i < d->n_stacks; i++) {
		const struct ulog_stack *s = d->stacks[i];

		fprintf(f, "stack %u (%s:%u): ", i + 1, d->cfg.file, s->line);
		for (j = 0; j < s->n; j++)
			fprintf(f, "%s%s:%s", j ? " -> " : "", s->nodes[j]->inst.id,
				s->nodes[j]->inst.plugin->name);
		fprintf(f, "\n  %u slots\n", s->n_slots);
		for (j = 0; j < s->n; j++)
			print_node(f, s->nodes[j]);
	}
}

int ulog_daemon_info(struct ulog_daemon *d, FILE *f, const char *what, struct ulog_err *err)
{
	const struct ulog_plugin *p = ulog_plugins_find(&d->plugins, what);
	char name[64];
	int rc;

	if (!p && ulog_plugins_file_name(what, name, sizeof(name)))
		p = ulog_plugins_find(&d->plugins, name);
	if (!p && strchr(what, '/')) {
		rc = ulog_plugins_load(&d->plugins, what, 0, err);
		if (rc)
			return rc;
		p = d->plugins.n_so ? d->plugins.so[d->plugins.n_so - 1].p : NULL;
	}
	if (!p)
		return ulog_errf(err, -ENOENT, "no plugin %s", what);
	ulog_plugin_print_info(f, p);
	return 0;
}
