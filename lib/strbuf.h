/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bounded text writer for per-packet printers: no allocation, no printf, truncation remembered. */
#ifndef ULOG_LIB_STRBUF_H
#define ULOG_LIB_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Writes into a caller's buffer of @cap bytes. Every writer appends as much
 * as fits and keeps one byte for the NUL; once something did not fit,
 * @full stays set and later writes are dropped.
 */
struct strbuf {
	char *p;
	size_t cap;
	size_t len;
	bool full;
};

static inline void sb_init(struct strbuf *b, char *buf, size_t cap)
{
	b->p = buf;
	b->cap = cap;
	b->len = 0;
	b->full = cap == 0;
	if (cap)
		buf[0] = '\0';
}

/* Appends @n bytes of @s. */
static inline void sb_mem(struct strbuf *b, const char *s, size_t n)
{
	if (b->full)
		return;
	if (n >= b->cap - b->len) {
		n = b->cap - b->len - 1;
		b->full = true;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static inline void sb_str(struct strbuf *b, const char *s)
{
	sb_mem(b, s, strlen(s));
}

static inline void sb_chr(struct strbuf *b, char c)
{
	if (b->full || b->cap - b->len < 2) {
		b->full = true;
		return;
	}
	b->p[b->len++] = c;
}

/* Appends @v in decimal. */
void sb_u64(struct strbuf *b, uint64_t v);
static inline void sb_u32(struct strbuf *b, uint32_t v)
{
	sb_u64(b, v);
}
/* Appends @v in decimal with a '-' when negative. */
void sb_i64(struct strbuf *b, int64_t v);
/* Appends @v in hexadecimal, zero-padded to at least @width digits. */
void sb_hex(struct strbuf *b, uint64_t v, unsigned width, bool upper);

/* Appends @n bytes of @p as two hex digits each, with @sep between bytes (0: none). */
void sb_hexbytes(struct strbuf *b, const uint8_t *p, size_t n, char sep, bool upper);

/* NUL-terminates; returns the length, or -ENOSPC if anything was dropped. */
int sb_end(struct strbuf *b);

#endif
