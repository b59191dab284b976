/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error records. */
#include "err.h"

#include <stdio.h>
#include <string.h>

void ulog_err_clear(struct ulog_err *e)
{
	if (!e)
		return;
	e->file[0] = '\0';
	e->line = 0;
	e->index = -1;
	e->msg[0] = '\0';
}

int ulog_verrf(struct ulog_err *e, int code, const char *fmt, va_list ap)
{
	if (e)
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return code;
}

int ulog_errf(struct ulog_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ulog_verrf(e, code, fmt, ap);
	va_end(ap);
	return code;
}

void ulog_err_at(struct ulog_err *e, const char *file, unsigned line)
{
	if (!e)
		return;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
}

const char *ulog_err_str(const struct ulog_err *e, char *buf, unsigned len)
{
	if (e->file[0] && e->line)
		snprintf(buf, len, "%s:%u: %s", e->file, e->line, e->msg);
	else if (e->file[0] && e->index >= 0)
		snprintf(buf, len, "%s: packet %ld: %s", e->file, e->index, e->msg);
	else if (e->file[0])
		snprintf(buf, len, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, len, "%s", e->msg);
	return buf;
}
