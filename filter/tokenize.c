/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splits a restore line into parameters as iptables-restore does (double quotes, escapes). */
#include <string.h>

#include "cmd.h"

/*
 * iptables' rules: space, tab and newline separate parameters; a double
 * quote opens a quoted part (also in the middle of a word) in which a
 * backslash takes the next character literally, and the closing quote ends
 * the parameter (even an empty one). An unclosed quote runs to the end of
 * the line, newline included.
 */

/* See cmd.h. */
int filter_tokenize(char *buf, char **argv, int max, char *store, size_t store_len)
{
	size_t used = 0, start = 0;
	bool quoted = false, escaped = false, have = false;
	int argc = 0;
	char *p;

#define FLUSH() do { \
		if (argc == max || used >= store_len) return -1; \
		store[used++] = 0; argv[argc++] = store + start; start = used; have = false; \
	} while (0)
#define PUT(ch) do { if (used + 1 >= store_len) return -1; store[used++] = (ch); have = true; } while (0)

	for (p = buf; *p; p++) {
		char c = *p;

		if (quoted) {
			if (escaped) {
				PUT(c);
				escaped = false;
			} else if (c == '\\') {
				escaped = true;
			} else if (c == '"') {
				quoted = false;
				FLUSH();
			} else {
				PUT(c);
			}
			continue;
		}
		if (c == '"') {
			quoted = true;
			have = true;
		} else if (c == ' ' || c == '\t' || c == '\n') {
			if (have)
				FLUSH();
		} else {
			PUT(c);
		}
	}
	if (have)
		FLUSH();
#undef FLUSH
#undef PUT
	return argc;
}
