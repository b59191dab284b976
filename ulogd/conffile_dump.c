/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ulogd.conf back to text, the inverse of the tokenizer, and a structural comparison for round trips. */
#include "conffile.h"

#include <errno.h>
#include <string.h>

/* The text of an entry that did not parse, chosen so that it fails again the same way. */
static const char *bad_text(const struct ulog_cfg_entry *e)
{
	return strstr(e->bad, "unterminated") ? "\"" : "";
}

int ulog_cfg_dump(const struct ulog_cfg *c, FILE *f)
{
	unsigned i, j;

	for (i = 0; i < c->n; i++) {
		const struct ulog_cfg_section *s = &c->s[i];

		fprintf(f, "[%s]\n", s->name);
		for (j = 0; j < s->n; j++) {
			const struct ulog_cfg_entry *e = &s->e[j];

			if (!e->value)
				fprintf(f, "%s=%s\n", e->key, bad_text(e));
			else if (strchr(e->value, '"'))
				fprintf(f, "%s=%s\n", e->key, e->value);
			else
				fprintf(f, "%s=\"%s\"\n", e->key, e->value);
		}
	}
	return ferror(f) ? -EIO : 0;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

bool ulog_cfg_equal(const struct ulog_cfg *a, const struct ulog_cfg *b)
{
	unsigned i, j;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		const struct ulog_cfg_section *x = &a->s[i], *y = &b->s[i];

		if (strcmp(x->name, y->name) || x->n != y->n)
			return false;
		for (j = 0; j < x->n; j++)
			if (strcmp(x->e[j].key, y->e[j].key) || !str_eq(x->e[j].value, y->e[j].value) ||
			    !str_eq(x->e[j].bad, y->e[j].bad))
				return false;
	}
	return true;
}
