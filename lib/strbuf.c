/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Number formatting for the bounded text writer (lib/strbuf.h). */
#include <errno.h>

#include "strbuf.h"

/* "00" to "99": two decimal digits per division. */
static const char dec_pairs[201] =
	"0001020304050607080910111213141516171819"
	"2021222324252627282930313233343536373839"
	"4041424344454647484950515253545556575859"
	"6061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void sb_u64(struct strbuf *b, uint64_t v)
{
	char tmp[20];
	unsigned n = sizeof(tmp);

	if (v < 10) {
		sb_chr(b, (char)('0' + v));
		return;
	}
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		n -= 2;
		memcpy(tmp + n, dec_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		n -= 2;
		memcpy(tmp + n, dec_pairs + 2 * v, 2);
	} else {
		tmp[--n] = (char)('0' + v);
	}
	sb_mem(b, tmp + n, sizeof(tmp) - n);
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
