/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iptables command lines: errors as iptables reports them, parsing argv, applying to a table. */
#ifndef ULOG_FILTER_CMD_H
#define ULOG_FILTER_CMD_H

#include <stdio.h>

#include "filter.h"

/* How iptables reports an error (and the exit code it uses). */
enum filter_err_kind {
	FILTER_E_NONE = 0,
	FILTER_E_PARAM,     /* "prog v1.8.9 (legacy): MSG" + "Error occurred at line: N" + "Try ..."; exit 2 */
	FILTER_E_BADARG,    /* "MSG" (no prefix) + "Error occurred at line: N" + "Try ..."; exit 2 */
	FILTER_E_OTHER,     /* "prog v1.8.9 (legacy): MSG"; exit 1 */
	FILTER_E_FAILED,    /* "prog: line N failed"; exit 1 */
	FILTER_E_PLAIN,     /* "prog: MSG"; exit 1 */
	FILTER_E_RESOURCE,  /* "prog v1.8.9 (legacy): MSG"; exit 4 */
};

struct filter_error {
	enum filter_err_kind kind;
	unsigned line;          /* input line, 0 if none (then no "Error occurred" line) */
	char msg[1024];         /* as iptables words it, may end in '\n' as iptables' does */
	char why[1536];         /* extra line for failures iptables leaves unexplained, or "" */
};

/* Sets @e and returns @kind's exit code (so `return filter_err(...)` works). */
int filter_err(struct filter_error *e, enum filter_err_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The exit code iptables uses for @e. */
int filter_err_exit_code(const struct filter_error *e);
/* Writes @e as iptables does to @f, @prog being "iptables-restore", "iptables", ...;
 * then the "why" line if any. */
void filter_err_print(const struct filter_error *e, const char *prog, FILE *f);

enum filter_cmd_kind {
	FILTER_CMD_NONE = 0,
	FILTER_CMD_APPEND = 'A',
	FILTER_CMD_CHECK = 'C',
	FILTER_CMD_DELETE = 'D',
	FILTER_CMD_INSERT = 'I',
	FILTER_CMD_REPLACE = 'R',
	FILTER_CMD_LIST = 'L',
	FILTER_CMD_LIST_RULES = 'S',
	FILTER_CMD_FLUSH = 'F',
	FILTER_CMD_ZERO = 'Z',
	FILTER_CMD_NEW = 'N',
	FILTER_CMD_DELETE_CHAIN = 'X',
	FILTER_CMD_RENAME = 'E',
	FILTER_CMD_POLICY = 'P',
};

/* One parsed command line. The rules (one per source x destination address
 * given) belong to the command until filter_cmd_apply() takes them. */
struct filter_cmd {
	enum filter_cmd_kind cmd;
	bool list_zero;             /* -L -Z together */
	const char *table;          /* -t, or NULL = "filter" */
	const char *chain;          /* NULL if none given */
	const char *arg;            /* -P policy, -E new name */
	long rulenum;               /* 1-based, 0 = none */
	struct filter_rule **rules;
	unsigned n_rules;
	bool numeric, verbose, exact, line_numbers;
};

struct filter_parse_opts {
	uint8_t family;             /* FILTER_V4 / FILTER_V6 */
	const char *table;          /* restore: the current *table (then -t is refused) */
	const struct filter_table *cur;  /* the table as it stands: -j CHAIN resolves against it */
	unsigned line;              /* for messages */
};

/* Parses @argv (without the program name) as iptables does. Returns 0, or
 * the exit code with @e filled; @cmd is then left empty. */
int filter_cmd_parse(int argc, char **argv, const struct filter_parse_opts *o,
		     struct filter_cmd *cmd, struct filter_error *e);
/* Frees what @cmd still holds. */
void filter_cmd_free(struct filter_cmd *cmd);

/*
 * Applies a rule or chain command (-A -I -D -R -N -X -F -Z -P -E) to the
 * working table @t (not yet committed: extension state is not bound).
 * Returns 0, or the exit code with @e filled (libiptc failures are
 * FILTER_E_FAILED, "line N failed").
 */
int filter_cmd_apply(struct filter_table *t, struct filter_cmd *cmd, struct filter_error *e);

/* Splits a restore line into argv as iptables-restore does (double quotes,
 * backslash escapes inside them). @buf is modified and referenced. Returns
 * argc, or -1 if more than @max parameters. */
int filter_tokenize(char *buf, char **argv, int max, char *store, size_t store_len);

#endif
