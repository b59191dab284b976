/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds stacks from the config: [global], stack= lines, instances and their options, configure(). */
#include "core.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static int fail_at(struct ulog_daemon *d, struct ulog_err *err, unsigned line, int code,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail_at(struct ulog_daemon *d, struct ulog_err *err, unsigned line, int code,
		   const char *fmt, ...)
{
	va_list ap;

	ulog_err_at(err, d->cfg.file, line);
	va_start(ap, fmt);
	ulog_verrf(err, code, fmt, ap);
	va_end(ap);
	return code;
}

static int global_loglevel(struct ulog_daemon *d, const struct ulog_cfg_entry *e,
			   struct ulog_err *err)
{
	static const struct ulog_option o = {
		.name = "loglevel", .type = ULOG_OPT_INT, .size = sizeof(int), .min = 1, .max = 8,
	};
	int lvl;
	int rc = ulog_opt_parse(&o, &lvl, e->value, err);

	if (rc)
		return fail_at(d, err, e->line, rc, "[global]: %s", err ? err->msg : "");
	d->loglevel = lvl;
	return 0;
}

/* One [global] entry; stack= lines are counted in *@n_stacks for later. */
static int global_entry(struct ulog_daemon *d, const struct ulog_cfg_entry *e, bool *seen_log,
			bool *seen_lvl, unsigned *n_stacks, struct ulog_err *err)
{
	if (e->bad)
		return fail_at(d, err, e->line, -EINVAL, "[global]: %s: %s", e->key, e->bad);
	if (!strcmp(e->key, "stack")) {
		(*n_stacks)++;
		return 0;
	}
	if (!strcmp(e->key, "plugin")) {
		int rc = ulog_plugins_load(&d->plugins, e->value, e->line, err);

		if (rc)
			ulog_err_at(err, d->cfg.file, e->line);
		return rc;
	}
	if (!strcmp(e->key, "logfile") || !strcmp(e->key, "loglevel")) {
		bool *seen = e->key[3] == 'f' ? seen_log : seen_lvl;

		if (*seen)
			return fail_at(d, err, e->line, -EINVAL, "[global]: %s given more than once",
				       e->key);
		*seen = true;
		if (seen == seen_lvl)
			return global_loglevel(d, e, err);
		if (strlen(e->value) >= sizeof(d->logfile) || !e->value[0])
			return fail_at(d, err, e->line, -EINVAL, "[global]: bad logfile");
		snprintf(d->logfile, sizeof(d->logfile), "%s", e->value);
		return 0;
	}
	return fail_at(d, err, e->line, -EINVAL, "[global]: unknown option '%s'", e->key);
}

/* The node for input @id if one exists in an earlier stack. */
static struct ulog_node *find_node(struct ulog_daemon *d, const char *id)
{
	unsigned i;

	for (i = 0; i < d->n_nodes; i++)
		if (!strcmp(d->nodes[i]->inst.id, id))
			return d->nodes[i];
	return NULL;
}

static int add_ptr(void ***arr, unsigned *n, void *p)
{
	void **na = realloc(*arr, (*n + 1) * sizeof(void *));

	if (!na)
		return -ENOMEM;
	na[(*n)++] = p;
	*arr = na;
	return 0;
}

/* Allocates a node for @p with id @id and parses its section's options. */
static int new_node(struct ulog_daemon *d, const struct ulog_plugin *p, const char *id,
		    unsigned line, struct ulog_node **out, struct ulog_err *err)
{
	const struct ulog_cfg_section *sec, *dup;
	struct ulog_node *n = calloc(1, sizeof(*n));
	int rc;

	if (!n || add_ptr((void ***)&d->nodes, &d->n_nodes, n)) {
		free(n);
		return fail_at(d, err, line, -ENOMEM, "out of memory");
	}
	n->d = d;
	n->line = line;
	n->inst.plugin = p;
	n->inst.loop = d->loop;
	snprintf(n->inst.id, sizeof(n->inst.id), "%s", id);
	n->inst.conf = calloc(1, p->conf_size ? p->conf_size : 1);
	n->inst.priv = calloc(1, p->priv_size ? p->priv_size : 1);
	n->inst.in_keys = p->in_keys;
	n->inst.n_in = p->n_in;
	n->out_used = calloc(p->n_out + 1, sizeof(bool));
	n->inst.out_slot = calloc(p->n_out + 1, sizeof(int));
	if (!n->inst.conf || !n->inst.priv || !n->out_used || !n->inst.out_slot)
		return fail_at(d, err, line, -ENOMEM, "out of memory");
	*out = n;
	sec = ulog_cfg_find(&d->cfg, id, &dup);
	if (sec && dup)
		return fail_at(d, err, dup->line, -EINVAL, "section [%s] given twice (first at line %u)",
			       id, sec->line);
	rc = ulog_opts_apply(p, n->inst.conf, &n->inst.opt_set, sec, id, d->cfg.file, line, err);
	return rc;
}

/* Checks the plugin kind against the position in the stack. */
static int check_position(struct ulog_daemon *d, const struct ulog_plugin *p, const char *id,
			  unsigned pos, bool last, unsigned line, struct ulog_err *err)
{
	if (pos == 0 && p->kind != ULOG_PLUGIN_INPUT)
		return fail_at(d, err, line, -EINVAL,
			       "stack must start with an input plugin, not %s:%s", id, p->name);
	if (pos > 0 && p->kind == ULOG_PLUGIN_INPUT)
		return fail_at(d, err, line, -EINVAL,
			       "input plugin %s:%s in the middle of a stack", id, p->name);
	if (last && p->kind != ULOG_PLUGIN_OUTPUT)
		return fail_at(d, err, line, -EINVAL,
			       "stack must end with an output plugin, not %s:%s", id, p->name);
	return 0;
}

/* The plugin for @name, or an error that says why it is missing. */
static int lookup_plugin(struct ulog_daemon *d, const char *name, unsigned line,
			 const struct ulog_plugin **out, struct ulog_err *err)
{
	const struct ulog_plugin_ref *ref;

	*out = ulog_plugins_find(&d->plugins, name);
	if (*out)
		return 0;
	ref = ulog_plugins_ref(&d->plugins, name);
	if (ref)
		return fail_at(d, err, line, -ENOENT,
			       "plugin %s (loaded by plugin= at line %u) does not exist in this ulogd",
			       name, ref->line);
	return fail_at(d, err, line, -ENOENT, "unknown plugin '%s' in stack", name);
}

/* One "id:PLUGIN" element at position @pos of stack @s. */
static int stack_elem(struct ulog_daemon *d, struct ulog_stack *s, char *tok, unsigned pos,
		      bool last, struct ulog_err *err)
{
	const struct ulog_plugin *p;
	struct ulog_node *n = NULL;
	char *colon = strchr(tok, ':');
	int rc;

	if (!colon || colon == tok || !colon[1])
		return fail_at(d, err, s->line, -EINVAL, "syntax error in stack element '%s' "
			       "(want id:PLUGIN)", tok);
	*colon = '\0';
	if (strlen(tok) >= sizeof(n->inst.id))
		return fail_at(d, err, s->line, -EINVAL, "instance id '%s' too long", tok);
	rc = lookup_plugin(d, colon + 1, s->line, &p, err);
	if (!rc)
		rc = check_position(d, p, tok, pos, last, s->line, err);
	if (rc)
		return rc;
	n = find_node(d, tok);
	if (n && n->inst.plugin != p)
		return fail_at(d, err, s->line, -EINVAL,
			       "instance '%s' is %s at line %u but %s here", tok,
			       n->inst.plugin->name, n->line, p->name);
	if (!n || p->kind != ULOG_PLUGIN_INPUT) {
		rc = new_node(d, p, tok, s->line, &n, err);
		if (rc)
			return rc;
		n->pos = pos;
		n->inst.stack = s;
	}
	if (p->kind == ULOG_PLUGIN_INPUT &&
	    add_ptr((void ***)&n->feeds, &n->n_feeds, s))
		return fail_at(d, err, s->line, -ENOMEM, "out of memory");
	if (add_ptr((void ***)&s->nodes, &s->n, n))
		return fail_at(d, err, s->line, -ENOMEM, "out of memory");
	return 0;
}

/* Trims blanks around @s in place. */
static char *trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static int build_stack(struct ulog_daemon *d, const struct ulog_cfg_entry *e,
		       struct ulog_err *err)
{
	struct ulog_stack *s = calloc(1, sizeof(*s));
	unsigned pos = 0, count = 1;
	char *buf, *tok, *save = NULL, *c;
	int rc = 0;

	if (!s || add_ptr((void ***)&d->stacks, &d->n_stacks, s)) {
		free(s);
		return fail_at(d, err, e->line, -ENOMEM, "out of memory");
	}
	s->d = d;
	s->idx = d->n_stacks - 1;
	s->line = e->line;
	s->text = strdup(e->value);
	buf = strdup(e->value);
	if (!s->text || !buf) {
		free(buf);
		return fail_at(d, err, e->line, -ENOMEM, "out of memory");
	}
	for (c = buf; *c; c++)
		count += *c == ',';
	if (count > ULOG_STACK_MAX_ELEMS) {
		free(buf);
		return fail_at(d, err, e->line, -E2BIG, "a stack of %u elements; at most %d",
			       count, ULOG_STACK_MAX_ELEMS);
	}
	for (tok = strtok_r(buf, ",", &save); tok && !rc; tok = strtok_r(NULL, ",", &save), pos++)
		rc = stack_elem(d, s, trim(tok), pos, pos + 1 == count, err);
	if (!rc && (pos != count || count < 2))
		rc = fail_at(d, err, e->line, -EINVAL, count < 2 ?
			     "a stack needs an input and an output" : "empty element in stack");
	free(buf);
	return rc;
}

/* Calls configure() on each instance once, in stack order. */
static int configure_all(struct ulog_daemon *d, struct ulog_err *err)
{
	unsigned i, j;

	for (i = 0; i < d->n_stacks; i++) {
		struct ulog_stack *s = d->stacks[i];

		for (j = 0; j < s->n; j++) {
			struct ulog_node *n = s->nodes[j];
			const struct ulog_plugin *p = n->inst.plugin;
			int rc;

			if (n->configured)
				continue;
			n->configured = true;
			if (!p->configure)
				continue;
			ulog_err_clear(err);
			rc = p->configure(&n->inst, err);
			if (rc < 0) {
				char msg[512];

				snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
				if (!err || !err->line)
					ulog_err_at(err, d->cfg.file, s->line);
				return ulog_errf(err, rc, "configure of %s (%s) failed: %s",
						 n->inst.id, p->name, msg[0] ? msg : strerror(-rc));
			}
		}
	}
	return 0;
}

int ulog_build_stacks(struct ulog_daemon *d, struct ulog_err *err)
{
	const struct ulog_cfg_section *g, *dup;
	bool seen_log = false, seen_lvl = false;
	unsigned i, n_stacks = 0;
	int rc;

	g = ulog_cfg_find(&d->cfg, "global", &dup);
	if (!g)
		return fail_at(d, err, 1, -EINVAL, "no [global] section");
	if (dup)
		return fail_at(d, err, dup->line, -EINVAL, "[global] given twice (first at line %u)",
			       g->line);
	for (i = 0; i < g->n; i++) {
		rc = global_entry(d, &g->e[i], &seen_log, &seen_lvl, &n_stacks, err);
		if (rc)
			return rc;
	}
	if (!n_stacks)
		return fail_at(d, err, g->line, -EINVAL, "no stack= line in [global]");
	for (i = 0; i < g->n; i++) {
		if (strcmp(g->e[i].key, "stack"))
			continue;
		rc = build_stack(d, &g->e[i], err);
		if (rc)
			return rc;
	}
	rc = configure_all(d, err);
	if (rc)
		return rc;
	return ulog_resolve_stacks(d, err);
}

static void free_node(struct ulog_node *n)
{
	free(n->inst.conf);
	free(n->inst.priv);
	free(n->inst.in_slot);
	free(n->inst.out_slot);
	free(n->out_used);
	free(n->src);
	free(n->feeds);
	free(n);
}

void ulog_free_stacks(struct ulog_daemon *d)
{
	unsigned i;

	for (i = 0; i < d->n_nodes; i++)
		free_node(d->nodes[i]);
	for (i = 0; i < d->n_stacks; i++) {
		struct ulog_stack *s = d->stacks[i];

		free(s->nodes);
		free(s->text);
		free(s->rec.v);
		free(s->rec.valid);
		free(s->up);
		free(s);
	}
	free(d->nodes);
	free(d->stacks);
	d->nodes = NULL;
	d->stacks = NULL;
	d->n_nodes = d->n_stacks = 0;
}
