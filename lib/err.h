/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error records: what went wrong and where, returned to the caller that knows the context. */
#ifndef ULOG_LIB_ERR_H
#define ULOG_LIB_ERR_H

#include <stdarg.h>

struct ulog_err {
	char file[256];  /* config file, capture file, ... ("" if none) */
	unsigned line;   /* 1-based line, or 0 */
	long index;      /* packet index or similar, -1 if none */
	char msg[512];
};

/* Clears @e to "no error". */
void ulog_err_clear(struct ulog_err *e);

/*
 * Records a formatted message in @e (may be NULL) and returns @code, so that
 * callers can write `return ulog_errf(e, -EINVAL, "...")`. Location fields
 * are left as they are; set them with ulog_err_at().
 */
int ulog_errf(struct ulog_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ulog_verrf(struct ulog_err *e, int code, const char *fmt, va_list ap);

/* Sets the location of @e. */
void ulog_err_at(struct ulog_err *e, const char *file, unsigned line);

/* Writes "file:line: msg" (or the parts that are set) into @buf; returns @buf. */
const char *ulog_err_str(const struct ulog_err *e, char *buf, unsigned len);

#endif
