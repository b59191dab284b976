/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bounded JSON object writer and its UTF-8-checking string escaper (lib/jsonw.h). */
#include "jsonw.h"

void jw_begin(struct jsonw *w, char *buf, size_t cap)
{
	sb_init(&w->b, buf, cap);
	sb_chr(&w->b, '{');
	w->members = 0;
}

/* Length of the valid UTF-8 sequence at @s (at most @n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static void escape_ctl(struct strbuf *b, unsigned char c)
{
	switch (c) {
	case '"': sb_mem(b, "\\\"", 2); return;
	case '\\': sb_mem(b, "\\\\", 2); return;
	case '\b': sb_mem(b, "\\b", 2); return;
	case '\f': sb_mem(b, "\\f", 2); return;
	case '\n': sb_mem(b, "\\n", 2); return;
	case '\r': sb_mem(b, "\\r", 2); return;
	case '\t': sb_mem(b, "\\t", 2); return;
	default:
		sb_mem(b, "\\u00", 4);
		sb_hex(b, c, 2, true);
		return;
	}
}

void jw_escape(struct strbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	while (i < n && s[i]) {
		unsigned char c = s[i];
		size_t u;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (u = utf8_len(s + i, n - i)) != 0) {
			i += u;
			continue;
		}
		sb_mem(b, str + run, i - run);
		if (c < 0x80)
			escape_ctl(b, c);
		else
			sb_mem(b, "\\uFFFD", 6);
		run = ++i;
	}
	sb_mem(b, str + run, i - run);
}

void jw_key_prepare(struct strbuf *b, const char *key)
{
	sb_chr(b, '"');
	jw_escape(b, key, strlen(key));
	sb_mem(b, "\": ", 3);
}

void jw_key(struct jsonw *w, const char *key)
{
	if (w->members++)
		sb_mem(&w->b, ", ", 2);
	jw_key_prepare(&w->b, key);
}

void jw_str(struct jsonw *w, const char *s, size_t n)
{
	sb_chr(&w->b, '"');
	jw_escape(&w->b, s, n);
	sb_chr(&w->b, '"');
}

void jw_u64(struct jsonw *w, uint64_t v)
{
	sb_u64(&w->b, v);
}

void jw_i64(struct jsonw *w, int64_t v)
{
	sb_i64(&w->b, v);
}

int jw_end(struct jsonw *w)
{
	sb_chr(&w->b, '}');
	return sb_end(&w->b);
}
