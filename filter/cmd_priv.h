/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Internal state of the command-line parser (cmd_parse.c, cmd_opts.c, cmd_std.c). */
#ifndef ULOG_FILTER_CMD_PRIV_H
#define ULOG_FILTER_CMD_PRIV_H

#include "cmd.h"

enum { ARG_NONE, ARG_REQ, ARG_OPT };

struct cmd_std_opt {
	const char *name;
	char val;
	int arg;
};

enum cmd_found_kind { FOUND_NONE, FOUND_STD, FOUND_EXT };

struct cmd_found {
	enum cmd_found_kind kind;
	const struct cmd_std_opt *std;
	struct filter_ext_data *ext;
	unsigned opt;
	bool ambiguous;
};

/* Standard options seen (for "multiple -x flags" and "Illegal option"). */
enum cmd_opt_bit {
	OPT_NUMERIC = 1u << 0, OPT_SOURCE = 1u << 1, OPT_DEST = 1u << 2, OPT_PROTO = 1u << 3,
	OPT_JUMP = 1u << 4, OPT_VERBOSE = 1u << 5, OPT_EXPANDED = 1u << 6, OPT_IN = 1u << 7,
	OPT_OUT = 1u << 8, OPT_LINENUM = 1u << 9, OPT_COUNTERS = 1u << 10, OPT_FRAG = 1u << 11,
};

#define CMD_MAX_LOADED 64

struct cmd_state {
	const struct filter_parse_opts *o;
	struct filter_cmd *cmd;
	struct filter_error *e;
	int argc;
	char **argv;
	int i;                          /* next argv index */
	bool invert;
	unsigned opts;                  /* enum cmd_opt_bit */
	struct filter_rule *rule;       /* the template */
	struct filter_ext_data *loaded[CMD_MAX_LOADED];  /* in load order (matches and target) */
	unsigned n_loaded;
	const char *saddr, *daddr;
	const char *jumpto;
	bool is_goto;
	bool proto_used;                /* the -p match was loaded */
	char proto_name[64];            /* -p as given, lower case */
	bool set_counters;
	bool skip_line;                 /* -4 in ip6tables, -6 in iptables */
	uint64_t pcnt, bcnt;
};

/* ARG_* of short option @c, or -1 if none. */
int cmd_short_arg(char c);
/* Finds long option @name (@n bytes) exactly, else as a unique prefix. */
bool cmd_find_long(const struct cmd_state *s, const char *name, size_t n, struct cmd_found *f);

/* Processes standard option @c with @arg (may be NULL). Returns 0 or an exit code. */
int cmd_std_option(struct cmd_state *s, char c, const char *arg, const char *tok);
/* Parses the collected addresses into per-rule copies of the template. */
int cmd_expand_addresses(struct cmd_state *s);

#endif
