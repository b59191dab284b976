/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The iptables-save / iptables-restore text format, and the -L listing. */
#ifndef ULOG_FILTER_TEXT_H
#define ULOG_FILTER_TEXT_H

#include <stdio.h>

#include "cmd.h"
#include "filter.h"
#include "util.h"

/* ---- printers (save.c): into caller buffers, snprintf semantics ---- */

/* The rule as iptables-save prints it, without newline: "[p:b] " when
 * @counters, then "-A CHAIN", the standard part, matches, target. Returns
 * the full length. */
size_t filter_rule_print(struct filter_buf *b, const struct filter_rule *r, const char *chain,
			 bool counters);
/* The rule's specification only (no "-A CHAIN"), as -S / error lines use it;
 * with @counters, "-c P B" before the target as iptables -S -v prints it. */
size_t filter_rule_print_spec(struct filter_buf *b, const struct filter_rule *r, bool counters);

/* Writes @t as iptables-save does ("*table", chains, rules, "COMMIT"). */
void filter_table_save(FILE *f, const struct filter_table *t, bool counters);
/* Writes every table of @rs in iptables-legacy-save's order (newest first);
 * @only limits to one table (NULL = all). With @comments, the "# Generated
 * by" / "# Completed on" lines around each table. */
void filter_ruleset_save(FILE *f, const struct filter_ruleset *rs, const char *only,
			 bool counters, bool comments);

/* ---- restore (restore.c) ---- */

struct filter_restore_opts {
	bool counters;          /* -c: [p:b] prefixes and policy counters apply */
	bool noflush;           /* -n */
	bool test;              /* -t: parse only, commit nothing */
	const char *table;      /* -T: only this table, NULL = all */
};

/*
 * Runs iptables-restore on @text (@len bytes, need not be NUL-terminated)
 * against @rs. Each table's COMMIT applies that table; an error stops at
 * its line, leaving tables committed before it applied. Returns 0 or the
 * exit code iptables-restore would use, with @e filled.
 */
int filter_restore(struct filter_ruleset *rs, const char *text, size_t len,
		   const struct filter_restore_opts *o, struct filter_error *e);

/* ---- listing (list.c): iptables -L [-n] [-v] [-x] [--line-numbers] ---- */

void filter_table_list(FILE *f, const struct filter_table *t, const char *chain,
		       const struct filter_cmd *opts);
/* iptables -S [chain [rulenum]] */
void filter_table_list_rules(FILE *f, const struct filter_table *t, const char *chain,
			     long rulenum, bool counters);

#endif
