/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IPv4/IPv6 text formatter (lib/ipfmt.h): inet_ntop()'s output by digit arithmetic. */
#include "ipfmt.h"

#include <sys/socket.h>

/* Writes @v (0..255) in decimal at @o; returns the end. */
static char *put_dec8(char *o, unsigned v)
{
	if (v >= 100) {
		*o++ = (char)('0' + v / 100);
		v %= 100;
		*o++ = (char)('0' + v / 10);
	} else if (v >= 10) {
		*o++ = (char)('0' + v / 10);
	}
	*o++ = (char)('0' + v % 10);
	return o;
}

static char *put_quad(char *o, const uint8_t *a)
{
	o = put_dec8(o, a[0]);
	*o++ = '.';
	o = put_dec8(o, a[1]);
	*o++ = '.';
	o = put_dec8(o, a[2]);
	*o++ = '.';
	return put_dec8(o, a[3]);
}

/* Writes @w (0..0xffff) in lower-case hex without leading zeros at @o; returns the end. */
static char *put_hex16(char *o, unsigned w)
{
	static const char hex[16] = "0123456789abcdef";
	int shift = w >= 0x1000 ? 12 : w >= 0x100 ? 8 : w >= 0x10 ? 4 : 0;

	for (; shift >= 0; shift -= 4)
		*o++ = hex[(w >> shift) & 15];
	return o;
}

size_t ipfmt_v4(char *dst, const uint8_t *a)
{
	char *o = put_quad(dst, a);

	*o = '\0';
	return (size_t)(o - dst);
}

/* The first longest run of zero groups in @w: start in *@base, length returned (0: none). */
static int zero_run(const unsigned w[8], int *base)
{
	int i, cur = -1, best_len = 0;

	*base = -1;
	for (i = 0; i < 8; i++) {
		if (w[i]) {
			cur = -1;
			continue;
		}
		if (cur < 0)
			cur = i;
		if (i - cur + 1 > best_len) {
			best_len = i - cur + 1;
			*base = cur;
		}
	}
	return best_len;
}

size_t ipfmt_v6(char *dst, const uint8_t *a)
{
	unsigned w[8];
	int i, base, len;
	char *o = dst;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	len = zero_run(w, &base);
	if (len < 2)
		base = -1;
	for (i = 0; i < 8; i++) {
		if (base >= 0 && i >= base && i < base + len) {
			if (i == base)
				*o++ = ':';
			continue;
		}
		if (i)
			*o++ = ':';
		if (i == 6 && base == 0 && (len == 6 || (len == 5 && w[5] == 0xffff))) {
			o = put_quad(o, a + 12);
			break;
		}
		o = put_hex16(o, w[i]);
	}
	if (base >= 0 && base + len == 8)
		*o++ = ':';
	*o = '\0';
	return (size_t)(o - dst);
}

size_t ipfmt(int af, const void *a, char *dst)
{
	if (af == AF_INET)
		return ipfmt_v4(dst, a);
	if (af == AF_INET6)
		return ipfmt_v6(dst, a);
	dst[0] = '\0';
	return 0;
}
