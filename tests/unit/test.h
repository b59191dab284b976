/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal test reporting: one "ok NAME" / "not ok NAME" line per case, read by tests/run.sh. */
#ifndef ULOG_TEST_H
#define ULOG_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int test_failures;

__attribute__((format(printf, 2, 3), unused))
static void test_report(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s", ok ? "ok " : "not ok ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		test_failures++;
}

/* CHECK(cond, "name fmt", ...): reports the case, and the condition text on failure. */
#define CHECK(cond, ...) do { \
	int c_ = !!(cond); \
	if (!c_) printf("# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
	test_report(c_, __VA_ARGS__); \
} while (0)

/* Reads up to @cap - 1 bytes of @path into @buf, NUL-terminated. Returns the bytes read,
 * 0 when the file cannot be opened. */
static inline size_t test_slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, cap - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
	return n;
}

/*
 * Path of @rel in the shared rulesets ($ULOG_TOP/../shared/rulesets, where CI
 * and sessions have them) written into @buf, or NULL if that file is absent:
 * the caller then reports its cases as skipped, never as passed.
 */
__attribute__((unused))
static const char *test_rulesets(const char *rel, char *buf, size_t n)
{
	const char *top = getenv("ULOG_TOP");

	snprintf(buf, n, "%s/../shared/rulesets/%s", top ? top : ".", rel);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

/* Exit status of a test program: non-zero if any case failed. */
#define TEST_EXIT() return test_failures ? 1 : 0

#endif
