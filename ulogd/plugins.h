/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plugins a config may use: the built-in table, shared objects loaded by plugin=, ulogd2 names. */
#ifndef ULOGD_PLUGINS_H
#define ULOGD_PLUGINS_H

#include <stdio.h>

#include "plugin.h"
#include "options.h"

/* The generated table of built-in plugins (NULL-terminated; see Makefile). */
extern const struct ulog_plugin *const ulog_registry[];

struct ulog_plugin_so {
	void *handle;
	const struct ulog_plugin *p;
};

/* A plugin= line naming a ulogd2 file: the plugin name it stands for. */
struct ulog_plugin_ref {
	char name[64];
	unsigned line;
	bool known;              /* the name is in the table */
};

struct ulog_plugin_set {
	const struct ulog_plugin *const *table;
	struct ulog_plugin_so *so;
	unsigned n_so;
	struct ulog_plugin_ref *ref;
	unsigned n_ref;
	bool no_dlopen;          /* refuse plugin files (fuzzing) */
};

/* Starts a set over @table (NULL: ulog_registry). */
void ulog_plugins_init(struct ulog_plugin_set *s, const struct ulog_plugin *const *table);

/* Closes loaded shared objects and frees the set. */
void ulog_plugins_free(struct ulog_plugin_set *s);

/* The plugin called @name (its name or alias): loaded ones first, then the table. */
const struct ulog_plugin *ulog_plugins_find(const struct ulog_plugin_set *s, const char *name);

/*
 * The plugin name a file name stands for: "ulogd_<kind>_NAME.so" (ulogd2)
 * and "ulog_NAME.so" (ours) give NAME, written to @name. Returns 2 for a
 * ulogd2 file, 1 for ours, 0 for neither.
 */
int ulog_plugins_file_name(const char *path, char *name, size_t size);

/*
 * One plugin= value. A ulogd2 file maps to our plugin of that name (a name
 * we lack is only noted: stacks that use it fail later); one of our
 * ulog_NAME.so files whose NAME is built in uses the built-in; anything
 * else is dlopen'ed and must export ulog_plugin_descriptor. Returns 0 or
 * -errno with @err set (location left to the caller).
 */
int ulog_plugins_load(struct ulog_plugin_set *s, const char *value, unsigned line,
		      struct ulog_err *err);

/* The plugin= line that named @name as a ulogd2 file, or NULL. */
const struct ulog_plugin_ref *ulog_plugins_ref(const struct ulog_plugin_set *s, const char *name);

/* Prints @p as --info shows it: name, kind, options, input and output keys. */
void ulog_plugin_print_info(FILE *f, const struct ulog_plugin *p);

#endif
