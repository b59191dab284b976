/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Number formatting for the bounded text writer (lib/strbuf.h). */
#include <errno.h>

#include "strbuf.h"

void sb_u64(struct strbuf *b, uint64_t v)
{
	char tmp[20];
	unsigned n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_mem(b, tmp + sizeof(tmp) - n, n);
}

void sb_i64(struct strbuf *b, int64_t v)
{
	if (v < 0) {
		sb_chr(b, '-');
		sb_u64(b, (uint64_t)0 - (uint64_t)v);
		return;
	}
	sb_u64(b, (uint64_t)v);
}

void sb_hex(struct strbuf *b, uint64_t v, unsigned width, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[16];
	unsigned n = 0;

	if (width > sizeof(tmp))
		width = sizeof(tmp);
	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v & 15];
		v >>= 4;
	} while (v);
	while (n < width)
		tmp[sizeof(tmp) - 1 - n++] = '0';
	sb_mem(b, tmp + sizeof(tmp) - n, n);
}

/* Byte by byte through the bounded writers: what does not fit is cut as they cut it. */
static void hexbytes_slow(struct strbuf *b, const uint8_t *p, size_t n, char sep, bool upper)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i && sep)
			sb_chr(b, sep);
		sb_hex(b, p[i], 2, upper);
	}
}

void sb_hexbytes(struct strbuf *b, const uint8_t *p, size_t n, char sep, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t i, need = n * 2 + (sep && n ? n - 1 : 0);
	char *o;

	if (b->full || need >= b->cap - b->len) {
		hexbytes_slow(b, p, n, sep, upper);
		return;
	}
	o = b->p + b->len;
	for (i = 0; i < n; i++) {
		if (i && sep)
			*o++ = sep;
		*o++ = digits[p[i] >> 4];
		*o++ = digits[p[i] & 15];
	}
	b->len += need;
}

int sb_end(struct strbuf *b)
{
	if (b->cap)
		b->p[b->len] = '\0';
	return b->full ? -ENOSPC : (int)b->len;
}
