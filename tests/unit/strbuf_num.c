/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sb_u64/sb_i64: decimal text equal to printf's for every magnitude, and cut like sb_mem when full. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "lib/strbuf.h"
#include "test.h"

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static const uint64_t edges[] = {
	0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 65535, 65536, 4294967295ULL, 4294967296ULL,
	9999999999999999999ULL, 10000000000000000000ULL, UINT64_MAX, (uint64_t)INT64_MAX,
	(uint64_t)INT64_MIN,
};

/* Compares sb_u64 and sb_i64 of @v with printf; returns 0 when both agree. */
static int differs(uint64_t v)
{
	char want[32], got[32];
	struct strbuf b;

	snprintf(want, sizeof(want), "%" PRIu64, v);
	sb_init(&b, got, sizeof(got));
	sb_u64(&b, v);
	sb_end(&b);
	if (strcmp(got, want))
		return 1;
	snprintf(want, sizeof(want), "%" PRId64, (int64_t)v);
	sb_init(&b, got, sizeof(got));
	sb_i64(&b, (int64_t)v);
	sb_end(&b);
	return strcmp(got, want) != 0;
}

/* At every capacity below the text's size: the same cut, length and full flag as sb_mem. */
static int cut_differs(uint64_t v)
{
	char text[32];
	size_t cap, n = (size_t)snprintf(text, sizeof(text), "%" PRIu64, v);

	for (cap = 0; cap <= n + 2; cap++) {
		char g[32], r[32];
		struct strbuf gb, rb;

		sb_init(&gb, g, cap);
		sb_init(&rb, r, cap);
		sb_u64(&gb, v);
		sb_mem(&rb, text, n);
		if (sb_end(&gb) != sb_end(&rb) || gb.len != rb.len || gb.full != rb.full ||
		    (cap && strcmp(g, r)))
			return 1;
	}
	return 0;
}

int main(void)
{
	uint64_t s = 0x243f6a8885a308d3ULL;
	unsigned i, bad = 0, bad_cut = 0, n = 0;

	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++, n++) {
		bad += differs(edges[i]);
		bad_cut += cut_differs(edges[i]);
	}
	for (i = 0; i < 1000000; i++, n++) {
		uint64_t v = rnd(&s) >> (rnd(&s) % 64);   /* every magnitude */

		bad += differs(v);
		if (i % 64 == 0)
			bad_cut += cut_differs(v);
	}
	CHECK(bad == 0, "%u values: sb_u64 and sb_i64 equal printf's %%" PRIu64 "/%%" PRId64
	      " (%u differ)", n, bad);
	CHECK(bad_cut == 0, "numbers cut at small capacities as sb_mem cuts (%u differ)", bad_cut);
	TEST_EXIT();
}
