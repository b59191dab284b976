/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bounded JSON object writer for per-record encoders, in jansson's default layout ({"k": v, ...}). */
#ifndef ULOG_LIB_JSONW_H
#define ULOG_LIB_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/*
 * Writes one flat JSON object into a caller's buffer, with the separators
 * jansson's json_dumps(obj, 0) uses (", " and ": "), so lines look the same
 * as ulogd2's. Strings are escaped as jansson escapes them ('"', '\\',
 * \b \f \n \r \t, other control characters as \u00XX), stop at a NUL byte,
 * and every byte that is not part of valid UTF-8 becomes \uFFFD, so the
 * output is always valid JSON.
 */
struct jsonw {
	struct strbuf b;
	unsigned members;
};

/* Starts an object ("{") in @buf of @cap bytes. */
void jw_begin(struct jsonw *w, char *buf, size_t cap);

/* Writes the separator and "@key": ; the value must follow. */
void jw_key(struct jsonw *w, const char *key);

/*
 * Appends to @b the text jw_key() writes for @key after the separator
 * ("\"key\": ", escaped), to be written later with jw_key_text(): encoders
 * prepare their constant key names once instead of escaping them per record.
 */
void jw_key_prepare(struct strbuf *b, const char *key);

/* Writes the separator and @n bytes of key text from jw_key_prepare(); the value must follow. */
static inline void jw_key_text(struct jsonw *w, const char *text, size_t n)
{
	if (w->members++)
		sb_mem(&w->b, ", ", 2);
	sb_mem(&w->b, text, n);
}

/* Values. */
void jw_str(struct jsonw *w, const char *s, size_t n);
void jw_u64(struct jsonw *w, uint64_t v);
void jw_i64(struct jsonw *w, int64_t v);

/* Appends @n bytes of escaped string body (no quotes) to @b. */
void jw_escape(struct strbuf *b, const char *s, size_t n);

/* Closes the object ("}") and NUL-terminates. Returns the length, or
 * -ENOSPC if the object did not fit (the buffer then holds no valid JSON). */
int jw_end(struct jsonw *w);

#endif
