/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one option parser: option tables (name, type, default, range, offset) read from config sections. */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Parses a decimal or 0x-hex integer with an optional sign; whole string. */
static int parse_ll(const char *s, long long *out)
{
	const char *p = s;
	unsigned long long u;
	bool neg = false;
	char *end;
	int base = 10;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (!(base == 16 ? (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') ||
			   (*p >= 'A' && *p <= 'F')
			 : (*p >= '0' && *p <= '9')))
		return -EINVAL;
	errno = 0;
	u = strtoull(p, &end, base);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || u > (unsigned long long)LLONG_MAX + (neg ? 1 : 0))
		return -ERANGE;
	*out = neg ? (long long)(0 - u) : (long long)u;
	return 0;
}

/* The range a field of @size bytes holds (signed low end, unsigned high end). */
static void width_range(size_t size, long long *lo, long long *hi)
{
	switch (size) {
	case 1: *lo = INT8_MIN; *hi = UINT8_MAX; break;
	case 2: *lo = INT16_MIN; *hi = UINT16_MAX; break;
	case 4: *lo = INT32_MIN; *hi = UINT32_MAX; break;
	default: *lo = LLONG_MIN; *hi = LLONG_MAX; break;
	}
}

static void store_int(void *dst, size_t size, long long v)
{
	switch (size) {
	case 1: { uint8_t x = (uint8_t)v; memcpy(dst, &x, 1); break; }
	case 2: { uint16_t x = (uint16_t)v; memcpy(dst, &x, 2); break; }
	case 4: { uint32_t x = (uint32_t)v; memcpy(dst, &x, 4); break; }
	default: { uint64_t x = (uint64_t)v; memcpy(dst, &x, 8); break; }
	}
}

static int parse_int(const struct ulog_option *o, void *conf, const char *text,
		     struct ulog_err *err)
{
	long long v = 0, lo, hi;
	int rc = parse_ll(text, &v);

	if (rc == -EINVAL)
		return ulog_errf(err, rc, "option %s: '%s' is not an integer", o->name, text);
	width_range(o->size, &lo, &hi);
	if (o->min || o->max) {
		lo = o->min;
		hi = o->max;
	}
	if (rc == -ERANGE || v < lo || v > hi)
		return ulog_errf(err, -ERANGE, "option %s: %s is out of range %lld..%lld",
				 o->name, text, lo, hi);
	store_int((char *)conf + o->offset, o->size, v);
	return 0;
}

int ulog_opt_parse(const struct ulog_option *o, void *conf, const char *text,
		   struct ulog_err *err)
{
	size_t len;

	switch (o->type) {
	case ULOG_OPT_INT:
		return parse_int(o, conf, text, err);
	case ULOG_OPT_STRING:
		len = strlen(text);
		if (len >= o->size)
			return ulog_errf(err, -ERANGE, "option %s: value longer than %zu bytes",
					 o->name, o->size ? o->size - 1 : 0);
		memcpy((char *)conf + o->offset, text, len + 1);
		return 0;
	}
	return ulog_errf(err, -EINVAL, "option %s: unknown option type", o->name);
}

int ulog_opts_defaults(const struct ulog_plugin *p, void *conf, struct ulog_err *err)
{
	unsigned i;
	int rc;

	for (i = 0; i < p->n_options; i++) {
		const struct ulog_option *o = &p->options[i];

		memset((char *)conf + o->offset, 0, o->size);
		if (!o->def)
			continue;
		rc = ulog_opt_parse(o, conf, o->def, err);
		if (rc)
			return ulog_errf(err, rc, "plugin %s: bad default for option %s: %s",
					 p->name, o->name, err ? err->msg : "");
	}
	return 0;
}

static int find_option(const struct ulog_plugin *p, const char *name)
{
	unsigned i;

	for (i = 0; i < p->n_options; i++)
		if (!strcmp(p->options[i].name, name))
			return (int)i;
	return -1;
}

/* Applies one entry of section @sec; @set tracks options already given. */
static int apply_entry(const struct ulog_plugin *p, void *conf, uint64_t *set,
		       const char *id, const struct ulog_cfg_entry *e, struct ulog_err *err)
{
	int i = find_option(p, e->key);
	int rc;

	if (i < 0)
		return ulog_errf(err, -EINVAL, "[%s]: unknown option '%s' for plugin %s",
				 id, e->key, p->name);
	if (e->bad)
		return ulog_errf(err, -EINVAL, "[%s]: option %s: %s", id, e->key, e->bad);
	if ((*set >> i) & 1)
		return ulog_errf(err, -EINVAL, "[%s]: option %s given more than once",
				 id, e->key);
	rc = ulog_opt_parse(&p->options[i], conf, e->value, err);
	if (rc) {
		char msg[sizeof(err->msg)];

		snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
		return ulog_errf(err, rc, "[%s]: %s", id, msg);
	}
	*set |= UINT64_C(1) << i;
	return 0;
}

int ulog_opts_apply(const struct ulog_plugin *p, void *conf, uint64_t *set,
		    const struct ulog_cfg_section *sec, const char *id, const char *file,
		    unsigned line_if_missing, struct ulog_err *err)
{
	unsigned i;
	int rc;

	*set = 0;
	if (p->n_options > 64) {
		ulog_err_at(err, file, line_if_missing);
		return ulog_errf(err, -E2BIG, "plugin %s has more than 64 options", p->name);
	}
	rc = ulog_opts_defaults(p, conf, err);
	if (rc) {
		ulog_err_at(err, file, line_if_missing);
		return rc;
	}
	for (i = 0; sec && i < sec->n; i++) {
		rc = apply_entry(p, conf, set, id, &sec->e[i], err);
		if (rc) {
			ulog_err_at(err, file, sec->e[i].line);
			return rc;
		}
	}
	for (i = 0; i < p->n_options; i++) {
		if (!(p->options[i].flags & ULOG_OPT_MANDATORY) || ((*set >> i) & 1))
			continue;
		ulog_err_at(err, file, sec ? sec->line : line_if_missing);
		return ulog_errf(err, -EINVAL, "[%s]: mandatory option %s missing",
				 id, p->options[i].name);
	}
	return 0;
}

void ulog_opts_print(FILE *f, const struct ulog_plugin *p)
{
	unsigned i;

	if (!p->n_options) {
		fprintf(f, "Config options: none\n");
		return;
	}
	fprintf(f, "Config options:\n");
	for (i = 0; i < p->n_options; i++) {
		const struct ulog_option *o = &p->options[i];

		fprintf(f, "\tVar: %s (", o->name);
		if (o->type == ULOG_OPT_INT) {
			fprintf(f, "Integer, Default: %s", o->def ? o->def : "0");
			if (o->min || o->max)
				fprintf(f, ", Range: %lld..%lld", o->min, o->max);
		} else {
			fprintf(f, "String, Default: %s, Max length: %zu",
				o->def ? o->def : "", o->size ? o->size - 1 : 0);
		}
		if (o->flags & ULOG_OPT_MANDATORY)
			fprintf(f, ", Mandatory");
		fprintf(f, ")%s%s\n", o->help ? " " : "", o->help ? o->help : "");
	}
}
