/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plugin lookup: the built-in table, plugin= lines (ulogd2 file names mapped, our .so files dlopen'ed). */
#include "plugins.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

void ulog_plugins_init(struct ulog_plugin_set *s, const struct ulog_plugin *const *table)
{
	memset(s, 0, sizeof(*s));
	s->table = table ? table : ulog_registry;
}

void ulog_plugins_free(struct ulog_plugin_set *s)
{
	unsigned i;

	for (i = 0; i < s->n_so; i++)
		dlclose(s->so[i].handle);
	free(s->so);
	free(s->ref);
	s->so = NULL;
	s->ref = NULL;
	s->n_so = s->n_ref = 0;
}

static bool answers_to(const struct ulog_plugin *p, const char *name)
{
	return !strcmp(p->name, name) || (p->alias && !strcmp(p->alias, name));
}

const struct ulog_plugin *ulog_plugins_find(const struct ulog_plugin_set *s, const char *name)
{
	unsigned i;

	for (i = 0; i < s->n_so; i++)
		if (answers_to(s->so[i].p, name))
			return s->so[i].p;
	for (i = 0; s->table[i]; i++)
		if (answers_to(s->table[i], name))
			return s->table[i];
	return NULL;
}

int ulog_plugins_file_name(const char *path, char *name, size_t size)
{
	const char *base = strrchr(path, '/');
	const char *us;
	size_t blen, nlen;
	int kind;

	base = base ? base + 1 : path;
	blen = strlen(base);
	if (blen < 4 || strcmp(base + blen - 3, ".so"))
		return 0;
	if (!strncmp(base, "ulogd_", 6))
		kind = 2;
	else if (!strncmp(base, "ulog_", 5))
		kind = 1;
	else
		return 0;
	us = base + blen - 3;
	while (us > base && us[-1] != '_')
		us--;
	nlen = (size_t)(base + blen - 3 - us);
	if (nlen == 0 || nlen >= size)
		return 0;
	memcpy(name, us, nlen);
	name[nlen] = '\0';
	return kind;
}

static int add_ref(struct ulog_plugin_set *s, const char *name, unsigned line, bool known)
{
	struct ulog_plugin_ref *r = realloc(s->ref, (s->n_ref + 1) * sizeof(*r));

	if (!r)
		return -ENOMEM;
	s->ref = r;
	r = &s->ref[s->n_ref++];
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->line = line;
	r->known = known;
	return 0;
}

/* dlopen()s @path and adds its ulog_plugin_descriptor. */
static int load_so(struct ulog_plugin_set *s, const char *path, struct ulog_err *err)
{
	const struct ulog_plugin *const *desc;
	struct ulog_plugin_so *so;
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return ulog_errf(err, -ENOENT, "plugin \"%s\": %s", path, dlerror());
	desc = dlsym(h, "ulog_plugin_descriptor");
	if (!desc || !*desc) {
		dlclose(h);
		return ulog_errf(err, -EINVAL, "plugin \"%s\": no ulog_plugin_descriptor symbol", path);
	}
	if ((*desc)->abi != ULOG_PLUGIN_ABI) {
		int abi = (int)(*desc)->abi;

		dlclose(h);
		return ulog_errf(err, -EINVAL, "plugin \"%s\": ABI %d, this ulogd needs %d", path,
				 abi, ULOG_PLUGIN_ABI);
	}
	if (ulog_plugins_find(s, (*desc)->name)) {
		const char *n = (*desc)->name;
		int rc = ulog_errf(err, -EEXIST, "plugin \"%s\": a plugin named %s is already loaded",
				   path, n);

		dlclose(h);
		return rc;
	}
	so = realloc(s->so, (s->n_so + 1) * sizeof(*so));
	if (!so) {
		dlclose(h);
		return ulog_errf(err, -ENOMEM, "out of memory");
	}
	s->so = so;
	s->so[s->n_so].handle = h;
	s->so[s->n_so].p = *desc;
	s->n_so++;
	return 0;
}

int ulog_plugins_load(struct ulog_plugin_set *s, const char *value, unsigned line,
		      struct ulog_err *err)
{
	char name[64];
	int kind = ulog_plugins_file_name(value, name, sizeof(name));
	bool known = kind && ulog_plugins_find(s, name);

	if (kind == 2) {
		if (!known)
			ulog_log(ULOG_NOTICE, "plugin \"%s\": no plugin %s in this ulogd; "
				 "stacks that use it will fail\n", value, name);
		return add_ref(s, name, line, known) ? ulog_errf(err, -ENOMEM, "out of memory") : 0;
	}
	if (kind == 1 && known)
		return 0;
	if (s->no_dlopen)
		return ulog_errf(err, -EPERM, "plugin \"%s\": loading plugin files is disabled", value);
	return load_so(s, value, err);
}

const struct ulog_plugin_ref *ulog_plugins_ref(const struct ulog_plugin_set *s, const char *name)
{
	unsigned i;

	for (i = 0; i < s->n_ref; i++)
		if (!strcmp(s->ref[i].name, name))
			return &s->ref[i];
	return NULL;
}

static const char *kind_name(enum ulog_plugin_kind k)
{
	switch (k) {
	case ULOG_PLUGIN_INPUT: return "input";
	case ULOG_PLUGIN_INTERP: return "interpreter";
	case ULOG_PLUGIN_OUTPUT: return "output";
	}
	return "?";
}

static void print_keys(FILE *f, const char *title, const struct ulog_key_def *k, unsigned n,
		       bool input)
{
	unsigned i;

	fprintf(f, "%s:\n", title);
	if (n == 0)
		fprintf(f, "\tNo statically defined keys\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "\tKey: %s (%s", k[i].name, ulog_type_name(k[i].type));
		if (input && (k[i].flags & ULOG_KEY_OPTIONAL))
			fprintf(f, ", optional");
		fprintf(f, ")%s%s\n", k[i].help ? " " : "", k[i].help ? k[i].help : "");
	}
}

void ulog_plugin_print_info(FILE *f, const struct ulog_plugin *p)
{
	fprintf(f, "Name: %s\n", p->name);
	if (p->alias)
		fprintf(f, "Alias: %s\n", p->alias);
	fprintf(f, "Kind: %s\n", kind_name(p->kind));
	if (p->help)
		fprintf(f, "Description: %s\n", p->help);
	ulog_opts_print(f, p);
	if (p->kind == ULOG_PLUGIN_INPUT)
		fprintf(f, "Input keys:\n\tInput plugin, No keys\n");
	else
		print_keys(f, "Input keys", p->in_keys, p->n_in, true);
	if (p->kind == ULOG_PLUGIN_OUTPUT)
		fprintf(f, "Output keys:\n\tOutput plugin, No keys\n");
	else
		print_keys(f, "Output keys", p->out_keys, p->n_out, false);
}
