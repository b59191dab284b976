/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/ipfmt against glibc's inet_ntop(): edge cases by name, then millions of random addresses. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/ipfmt.h"
#include "test.h"

/* Compares ipfmt() with inet_ntop() on one address; prints the first mismatch of a batch. */
static int same_as_ntop(int af, const uint8_t *a, int *shown)
{
	char want[INET6_ADDRSTRLEN], got[IPFMT_V6_MAX + 8];
	size_t n;

	memset(got, 'X', sizeof(got));
	n = ipfmt(af, a, got);
	if (!inet_ntop(af, a, want, sizeof(want)))
		return 0;
	if (!strcmp(got, want) && n == strlen(want))
		return 1;
	if (!(*shown)++)
		printf("# ipfmt gave '%s' (%zu), inet_ntop '%s'\n", got, n, want);
	return 0;
}

static const struct {
	const char *name, *text, *want;
} v6_cases[] = {
	{ "all zero", "::", "::" },
	{ "loopback", "::1", "::1" },
	{ "v4-mapped", "::ffff:1.2.3.4", "::ffff:1.2.3.4" },
	{ "v4-mapped zero", "::ffff:0.0.0.0", "::ffff:0.0.0.0" },
	{ "v4-mapped 0.1.0.2", "0:0:0:0:0:ffff:1:2", "::ffff:0.1.0.2" },
	{ "v4-compatible", "::1.2.3.4", "::1.2.3.4" },
	{ "v4-compatible, seventh group zero", "::0.0.1.0", "::100" },
	{ "v4-compatible 0.1.0.0", "::0.1.0.0", "::0.1.0.0" },
	{ "ffff not at group 6", "::ffff:0:1.2.3.4", "::ffff:0:102:304" },
	{ "fffe is not mapped", "::fffe:1.2.3.4", "::fffe:102:304" },
	{ "leading run", "::2:3:4:5:6:7", "::2:3:4:5:6:7" },
	{ "trailing run", "1:2:3:4:5:6::", "1:2:3:4:5:6::" },
	{ "one group then run", "1::", "1::" },
	{ "tie: first run wins", "1:0:0:2:0:0:3:4", "1::2:0:0:3:4" },
	{ "longer second run wins", "1:0:0:2:0:0:0:4", "1:0:0:2::4" },
	{ "single zero group not compressed", "1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7" },
	{ "single leading zero", "0:1:2:3:4:5:6:7", "0:1:2:3:4:5:6:7" },
	{ "single trailing zero", "1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0" },
	{ "no zero", "2001:db8:a:bc:def:1234:ffff:1", "2001:db8:a:bc:def:1234:ffff:1" },
	{ "leading zeros dropped", "2001:0db8:000a:0000:0000:00bc:0d0e:f", "2001:db8:a::bc:d0e:f" },
	{ "all ones", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
	  "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
	{ "link local", "fe80::1", "fe80::1" },
};

static const struct {
	const char *text;
} v4_cases[] = {
	{ "0.0.0.0" }, { "255.255.255.255" }, { "10.0.0.1" }, { "192.168.100.9" },
	{ "1.22.103.255" }, { "100.99.10.9" },
};

static void named_cases(void)
{
	unsigned i;

	for (i = 0; i < sizeof(v6_cases) / sizeof(v6_cases[0]); i++) {
		uint8_t a[16];
		char got[IPFMT_V6_MAX];
		int shown = 0, pton = inet_pton(AF_INET6, v6_cases[i].text, a);
		size_t n = ipfmt_v6(got, a);

		CHECK(pton == 1 && !strcmp(got, v6_cases[i].want) && n == strlen(got) &&
		      same_as_ntop(AF_INET6, a, &shown),
		      "ipv6 %s: %s -> %s (got %s)", v6_cases[i].name, v6_cases[i].text,
		      v6_cases[i].want, got);
	}
	for (i = 0; i < sizeof(v4_cases) / sizeof(v4_cases[0]); i++) {
		uint8_t a[4];
		char got[IPFMT_V4_MAX];
		int pton = inet_pton(AF_INET, v4_cases[i].text, a);
		size_t n = ipfmt_v4(got, a);

		CHECK(pton == 1 && !strcmp(got, v4_cases[i].text) && n == strlen(got),
		      "ipv4 %s (got %s)", v4_cases[i].text, got);
	}
}

/* xorshift64*: a fixed-seed generator so that a failure repeats. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A random IPv6 address biased towards zero runs, small groups and the v4 forms. */
static void random_v6(uint64_t *s, uint8_t a[16])
{
	uint64_t r = rnd(s), bits = rnd(s);
	unsigned i;

	for (i = 0; i < 8; i++, r >>= 8) {
		unsigned kind = r & 3, w;

		w = kind == 0 ? 0 : kind == 1 ? (unsigned)(bits & 0xffff)
		    : kind == 2 ? (unsigned)(bits & 0xf) << (4 * ((r >> 2) & 3)) : 0xffff;
		if (kind == 3 && (r & 0x10))
			w = 0;
		bits = rnd(s);
		a[2 * i] = (uint8_t)(w >> 8);
		a[2 * i + 1] = (uint8_t)w;
	}
	switch (rnd(s) % 8) {
	case 0: /* v4-mapped */
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		break;
	case 1: /* v4-compatible */
		memset(a, 0, 12);
		break;
	default:
		break;
	}
}

static void random_cases(unsigned n6, unsigned n4)
{
	uint64_t s = 0x9e3779b97f4a7c15ULL;
	unsigned i, bad6 = 0, bad4 = 0;
	int shown6 = 0, shown4 = 0;

	for (i = 0; i < n6; i++) {
		uint8_t a[16];

		random_v6(&s, a);
		bad6 += !same_as_ntop(AF_INET6, a, &shown6);
	}
	CHECK(bad6 == 0, "ipv6: %u random addresses equal inet_ntop's (%u differ)", n6, bad6);
	for (i = 0; i < n4; i++) {
		uint32_t v = (uint32_t)rnd(&s);
		uint8_t a[4];

		if (i & 1) /* small octets: 1- and 2-digit forms */
			v &= 0x1f0f3f07;
		memcpy(a, &v, 4);
		bad4 += !same_as_ntop(AF_INET, a, &shown4);
	}
	CHECK(bad4 == 0, "ipv4: %u random addresses equal inet_ntop's (%u differ)", n4, bad4);
}

/* Every address of the 8-group zero/non-zero patterns (256), with each non-zero group 1 or ffff. */
static void all_zero_patterns(void)
{
	unsigned m, bad = 0, fill;
	int shown = 0;

	for (fill = 0; fill < 2; fill++) {
		for (m = 0; m < 256; m++) {
			uint8_t a[16];
			unsigned i;

			for (i = 0; i < 8; i++) {
				unsigned w = (m >> i) & 1 ? (fill ? 0xffff : 1) : 0;

				a[2 * i] = (uint8_t)(w >> 8);
				a[2 * i + 1] = (uint8_t)w;
			}
			bad += !same_as_ntop(AF_INET6, a, &shown);
		}
	}
	CHECK(bad == 0, "ipv6: all 512 zero-group patterns equal inet_ntop's (%u differ)", bad);
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 2000000;
	char buf[8] = "x";

	named_cases();
	all_zero_patterns();
	random_cases(n, n);
	CHECK(ipfmt(AF_UNSPEC, "\1\2\3\4", buf) == 0 && buf[0] == '\0',
	      "unknown family writes an empty string");
	TEST_EXIT();
}
