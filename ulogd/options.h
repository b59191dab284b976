/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one option parser: fills a plugin's conf struct from its option table and a config section. */
#ifndef ULOGD_OPTIONS_H
#define ULOGD_OPTIONS_H

#include <stdint.h>
#include <stdio.h>

#include "conffile.h"
#include "plugin.h"

/*
 * Parses @text as option @o into @conf. INT: decimal or 0x hex, optional
 * '-', nothing after it, within o->min..o->max (no range when both are 0)
 * and within the field's width; STRING: shorter than o->size. Returns 0 or
 * -EINVAL/-ERANGE with @err saying what (location untouched).
 */
int ulog_opt_parse(const struct ulog_option *o, void *conf, const char *text,
		   struct ulog_err *err);

/* Writes every option's default into @conf. Returns 0 or -errno (a bad default). */
int ulog_opts_defaults(const struct ulog_plugin *p, void *conf, struct ulog_err *err);

/*
 * Defaults, then every entry of @sec (may be NULL: defaults only) into
 * @conf (@id names the instance in messages), setting bit i of *@set for option i given. An unknown key, a bad
 * line, a value given twice, a bad value, or a missing mandatory option is
 * an error located at @file and the entry's line (@line_if_missing for a
 * missing mandatory option when @sec is NULL). Returns 0 or -errno.
 */
int ulog_opts_apply(const struct ulog_plugin *p, void *conf, uint64_t *set,
		    const struct ulog_cfg_section *sec, const char *id, const char *file,
		    unsigned line_if_missing, struct ulog_err *err);

/* Prints @p's option table as --info shows it. */
void ulog_opts_print(FILE *f, const struct ulog_plugin *p);

#endif
