/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sb_hexbytes: the bytes as %02x/%02X with separators, and cut exactly as byte-wise writes cut. */
#include <stdio.h>
#include <string.h>

#include "lib/strbuf.h"
#include "test.h"

/* The reference: one sb_chr/sb_hex per byte, the way sb_hexbytes used to write. */
static void ref_hexbytes(struct strbuf *b, const uint8_t *p, size_t n, char sep, bool upper)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i && sep)
			sb_chr(b, sep);
		sb_hex(b, p[i], 2, upper);
	}
}

/* snprintf's text of @p for the case that fits. */
static void printf_hex(char *out, const uint8_t *p, size_t n, char sep, bool upper)
{
	size_t i;

	*out = '\0';
	for (i = 0; i < n; i++) {
		if (i && sep)
			*out++ = sep;
		out += sprintf(out, upper ? "%02X" : "%02x", p[i]);
	}
}

int main(void)
{
	uint8_t bytes[256];
	unsigned i, bad_text = 0, bad_cut = 0, cases = 0;
	static const char seps[] = { ':', 0, ' ' };

	for (i = 0; i < sizeof(bytes); i++)
		bytes[i] = (uint8_t)(i * 97 + 13);
	for (i = 0; i < 3 * 2; i++) {
		char sep = seps[i / 2];
		bool upper = i & 1;
		size_t n, prefix;

		for (n = 0; n <= 40; n++) {
			char want[1024], got[1024];
			struct strbuf b;

			printf_hex(want, bytes + n, n, sep, upper);
			sb_init(&b, got, sizeof(got));
			sb_str(&b, "MAC=");
			sb_hexbytes(&b, bytes + n, n, sep, upper);
			sb_end(&b);
			bad_text += strcmp(got + 4, want) != 0;
			for (prefix = 0; prefix < 3; prefix++) {
				size_t cap;

				for (cap = 0; cap < strlen(want) + 8; cap++, cases++) {
					char g[1024], r[1024];
					struct strbuf gb, rb;
					int gn, rn;

					sb_init(&gb, g, cap);
					sb_init(&rb, r, cap);
					sb_mem(&gb, "xyz", prefix);
					sb_mem(&rb, "xyz", prefix);
					sb_hexbytes(&gb, bytes + n, n, sep, upper);
					ref_hexbytes(&rb, bytes + n, n, sep, upper);
					sb_chr(&gb, '!');
					sb_chr(&rb, '!');
					gn = sb_end(&gb);
					rn = sb_end(&rb);
					bad_cut += gn != rn || gb.len != rb.len || gb.full != rb.full ||
						   (cap && strcmp(g, r));
				}
			}
		}
	}
	CHECK(bad_text == 0, "hex bytes equal printf %%02x/%%02X with ':', ' ' and no separator "
	      "(%u differ)", bad_text);
	CHECK(bad_cut == 0, "%u small buffers: cut, length and full flag as byte-wise writes "
	      "(%u differ)", cases, bad_cut);
	TEST_EXIT();
}
