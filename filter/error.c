/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Errors as iptables words and prints them, with its exit codes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* See cmd.h. */
int filter_err_exit_code(const struct filter_error *e)
{
	switch (e->kind) {
	case FILTER_E_NONE:
		return 0;
	case FILTER_E_PARAM:
	case FILTER_E_BADARG:
		return 2;
	case FILTER_E_OTHER:
	case FILTER_E_FAILED:
	case FILTER_E_PLAIN:
		return 1;
	case FILTER_E_RESOURCE:
		return 4;
	}
	return 1;
}

/* See cmd.h. */
int filter_err(struct filter_error *e, enum filter_err_kind kind, const char *fmt, ...)
{
	va_list ap;

	e->kind = kind;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return filter_err_exit_code(e);
}

/* See cmd.h. */
void filter_err_print(const struct filter_error *e, const char *prog, FILE *f)
{
	switch (e->kind) {
	case FILTER_E_NONE:
		return;
	case FILTER_E_PARAM:
	case FILTER_E_OTHER:
	case FILTER_E_RESOURCE:
		fprintf(f, "%s v1.8.9 (legacy): %s\n", prog, e->msg);
		break;
	case FILTER_E_BADARG:
		fprintf(f, "%s\n", e->msg);
		break;
	case FILTER_E_FAILED:
		fprintf(f, "%s: line %u failed\n", prog, e->line);
		break;
	case FILTER_E_PLAIN:
		fprintf(f, "%s: %s\n", prog, e->msg);
		break;
	}
	if (e->kind == FILTER_E_PARAM || e->kind == FILTER_E_BADARG) {
		if (e->line)
			fprintf(f, "Error occurred at line: %u\n", e->line);
		fprintf(f, "Try `%s -h' or '%s --help' for more information.\n", prog, prog);
	}
	if (e->why[0])
		fprintf(f, "%s\n", e->why);
}
