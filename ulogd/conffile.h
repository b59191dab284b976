/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ulogd.conf as text: sections of key=value entries with their line numbers, not yet interpreted. */
#ifndef ULOGD_CONFFILE_H
#define ULOGD_CONFFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../lib/err.h"

/* One key=value line. A line that does not parse keeps value NULL and says
 * why in bad, so that only sections in use report it. */
struct ulog_cfg_entry {
	char *key;
	char *value;
	const char *bad;
	unsigned line;
};

struct ulog_cfg_section {
	char *name;
	unsigned line;
	struct ulog_cfg_entry *e;
	unsigned n, cap;
};

struct ulog_cfg {
	char file[256];
	struct ulog_cfg_section *s;
	unsigned n, cap;
};

/*
 * Parses @len bytes of @buf (ulogd2's syntax: "[section]" headers, lines
 * "key=value", "key = value" or key="quoted value", text after the value
 * ignored, '#' comment lines) into @c, naming @file in errors. Returns 0 or
 * a negative errno with @err located at the file and line.
 */
int ulog_cfg_parse(struct ulog_cfg *c, const char *file, const char *buf, size_t len,
		   struct ulog_err *err);

/* Reads and parses the file at @path. Returns 0 or -errno with @err filled. */
int ulog_cfg_read_file(struct ulog_cfg *c, const char *path, struct ulog_err *err);

/* Frees what @c holds and zeroes it. */
void ulog_cfg_free(struct ulog_cfg *c);

/* The first section named @name, or NULL; *@dup (if not NULL) gets a second
 * section of the same name, or NULL. */
const struct ulog_cfg_section *ulog_cfg_find(const struct ulog_cfg *c, const char *name,
					     const struct ulog_cfg_section **dup);

/*
 * Writes @c back as text that ulog_cfg_parse() reads into the same
 * sections and entries (line numbers aside): "[name]" headers and
 * key="value" lines (bare when the value holds a quote). Returns 0 or -errno.
 */
int ulog_cfg_dump(const struct ulog_cfg *c, FILE *f);

/* True if @a and @b hold the same sections and entries (line numbers aside). */
bool ulog_cfg_equal(const struct ulog_cfg *a, const struct ulog_cfg *b);

#endif
