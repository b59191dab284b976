/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The standard options of an iptables command line: commands, -s -d -p -i -o -f -j -g -m -c. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_priv.h"
#include "util.h"

static const char *prog_restore(const struct cmd_state *s)
{
	return s->o->family == FILTER_V6 ? "ip6tables-restore" : "iptables-restore";
}

/* iptables' set_option(): repeats and "!" where it is not allowed. */
static int set_option(struct cmd_state *s, unsigned bit, char letter, bool invertible)
{
	if (s->opts & bit)
		return filter_err(s->e, FILTER_E_PARAM, "multiple -%c flags not allowed", letter);
	if (s->invert && !invertible)
		return filter_err(s->e, FILTER_E_PARAM, "cannot have ! before -%c", letter);
	s->opts |= bit;
	return 0;
}

static bool next_is_arg(const struct cmd_state *s)
{
	return s->i < s->argc && s->argv[s->i][0] != '-' && s->argv[s->i][0] != '!';
}

static int rule_number(struct cmd_state *s, const char *a)
{
	uint64_t v;

	if (!filter_parse_uint(a, 1, 0x7fffffff, &v))
		return filter_err(s->e, FILTER_E_PARAM, "Invalid rule number `%s'", a);
	s->cmd->rulenum = (long)v;
	return 0;
}

static bool is_verdict(const char *name, enum filter_verdict *v);

/* -N: names iptables refuses before anything else. */
static int new_chain_name(struct cmd_state *s, const char *name)
{
	enum filter_verdict v;

	if (*name == '-' || *name == '!')
		return filter_err(s->e, FILTER_E_PARAM, "chain name not allowed to start with `%c'",
				  *name);
	if (is_verdict(name, &v) || filter_ext_find(name, FILTER_EXT_TARGET, s->o->family))
		return filter_err(s->e, FILTER_E_PARAM, "chain name may not clash with target name");
	return 0;
}

/* A command letter with its arguments (-A chain, -I chain [n], -L [chain [n]], ...). */
static int command(struct cmd_state *s, char c, const char *arg)
{
	struct filter_cmd *cmd = s->cmd;

	if (s->invert)
		return filter_err(s->e, FILTER_E_PARAM, "unexpected ! flag before --%s", "command");
	if (cmd->cmd && !((cmd->cmd == 'L' && c == 'Z') || (cmd->cmd == 'Z' && c == 'L')))
		return filter_err(s->e, FILTER_E_PARAM, "Cannot use -%c with -%c", c, (char)cmd->cmd);
	if (cmd->cmd) {
		cmd->list_zero = true;
		cmd->cmd = FILTER_CMD_LIST;
	} else {
		cmd->cmd = (enum filter_cmd_kind)c;
	}
	if (!arg && strchr("LSFZX", c) && next_is_arg(s))
		arg = s->argv[s->i++];
	if (arg)
		cmd->chain = arg;
	switch (c) {
	case 'N':
		return new_chain_name(s, arg);
	case 'D':
	case 'I':
		if (next_is_arg(s))
			return rule_number(s, s->argv[s->i++]);
		if (c == 'I')
			cmd->rulenum = 1;
		return 0;
	case 'R':
		if (!next_is_arg(s))
			return filter_err(s->e, FILTER_E_PARAM, "-%c requires a rule number", c);
		return rule_number(s, s->argv[s->i++]);
	case 'L':
	case 'S':
	case 'Z':
		if (arg && next_is_arg(s))
			return rule_number(s, s->argv[s->i++]);
		return 0;
	case 'E':
		if (!next_is_arg(s))
			return filter_err(s->e, FILTER_E_PARAM,
					  "-%c requires old-chain-name and new-chain-name", c);
		cmd->arg = s->argv[s->i++];
		return 0;
	case 'P':
		if (!next_is_arg(s))
			return filter_err(s->e, FILTER_E_PARAM, "-%c requires a chain and a policy", c);
		cmd->arg = s->argv[s->i++];
		return 0;
	}
	return 0;
}

static int protocol(struct cmd_state *s, const char *arg)
{
	char lower[64];
	uint16_t p;
	size_t i;
	int rc = set_option(s, OPT_PROTO, 'p', true);

	if (rc)
		return rc;
	for (i = 0; arg[i] && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)arg[i]);
	lower[i] = 0;
	if (!filter_parse_proto(lower, &p))
		return filter_err(s->e, FILTER_E_PARAM, "unknown protocol \"%s\" specified", lower);
	s->rule->std.proto = p;
	s->rule->std.proto_inv = s->invert;
	snprintf(s->proto_name, sizeof(s->proto_name), "%s", lower);
	if (p == 0 && s->invert)
		return filter_err(s->e, FILTER_E_PARAM, "rule would never match protocol");
	return 0;
}

static int interface(struct cmd_state *s, char c, const char *arg)
{
	int rc = set_option(s, c == 'i' ? OPT_IN : OPT_OUT, c, true);
	size_t n = strlen(arg);

	if (rc)
		return rc;
	if (n >= IFNAMSIZ)
		return filter_err(s->e, FILTER_E_PARAM,
				  "interface name `%s' must be shorter than IFNAMSIZ (%i)", arg, IFNAMSIZ - 1);
	if (strchr(arg, '/') || strchr(arg, ' '))
		fprintf(stderr, "Warning: weird character in interface `%s' ('/' and ' ' are not allowed by the kernel).\n", arg);
	if (c == 'i') {
		strcpy(s->rule->in, arg);
		s->rule->in_inv = s->invert;
	} else {
		strcpy(s->rule->out, arg);
		s->rule->out_inv = s->invert;
	}
	return 0;
}

static bool is_verdict(const char *name, enum filter_verdict *v)
{
	static const struct { const char *n; enum filter_verdict v; } t[] = {
		{ "ACCEPT", FILTER_ACCEPT }, { "DROP", FILTER_DROP },
		{ "QUEUE", FILTER_QUEUE }, { "RETURN", FILTER_RETURN },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(name, t[i].n)) {
			*v = t[i].v;
			return true;
		}
	return false;
}

/* Adds extension @e to the rule (-m NAME, -j NAME) and runs its init(). */
static int load_ext(struct cmd_state *s, const struct filter_ext *e)
{
	struct filter_ext_data *d;

	if (s->n_loaded == CMD_MAX_LOADED || !(d = filter_rule_add_ext(s->rule, e)))
		return filter_err(s->e, FILTER_E_RESOURCE, "out of memory");
	if (e->init)
		e->init(d, &s->rule->std);
	s->loaded[s->n_loaded++] = d;
	return 0;
}

/* -j / -g: a verdict, an extension target, or (resolved later) a chain. */
static int jump(struct cmd_state *s, char c, const char *name)
{
	const struct filter_ext *e;
	int rc = set_option(s, OPT_JUMP, 'j', false);
	const char *p;

	if (rc)
		return rc;
	if (!*name)
		return filter_err(s->e, FILTER_E_PARAM, "Invalid target name (too short)");
	if (strlen(name) > FILTER_CHAIN_MAXLEN)
		return filter_err(s->e, FILTER_E_PARAM, "Invalid target name `%s' (%u chars max)",
				  name, FILTER_CHAIN_MAXLEN);
	for (p = name; *p; p++)
		if (isspace((unsigned char)*p))
			return filter_err(s->e, FILTER_E_PARAM, "Invalid target name `%s'", name);
	s->jumpto = name;
	s->is_goto = c == 'g';
	if (s->is_goto)
		return 0;
	if (is_verdict(name, &s->rule->verdict)) {
		s->rule->tkind = FILTER_TGT_VERDICT;
		return 0;
	}
	e = filter_ext_find(name, FILTER_EXT_TARGET, s->o->family);
	if (!e)
		return 0;
	return load_ext(s, e);
}

/* -m NAME */
static int match(struct cmd_state *s, const char *name)
{
	const struct filter_ext *e;

	if (s->invert)
		return filter_err(s->e, FILTER_E_PARAM, "unexpected ! flag before --match");
	e = filter_ext_find(name, FILTER_EXT_MATCH, s->o->family);
	if (!e)
		return filter_err(s->e, FILTER_E_PARAM,
				  "Couldn't load match `%s':No such file or directory\n", name);
	return load_ext(s, e);
}

static int counters(struct cmd_state *s, const char *pc)
{
	const char *bc;
	char *end;
	int rc = set_option(s, OPT_COUNTERS, 'c', false);

	if (rc)
		return rc;
	if (s->i >= s->argc)
		return filter_err(s->e, FILTER_E_PARAM, "-c requires packet and byte counter");
	bc = s->argv[s->i++];
	errno = 0;
	s->pcnt = strtoull(pc, &end, 10);
	if (*end || errno || !*pc)
		return filter_err(s->e, FILTER_E_PARAM, "-c packet counter not numeric");
	s->bcnt = strtoull(bc, &end, 10);
	if (*end || errno || !*bc)
		return filter_err(s->e, FILTER_E_PARAM, "-c byte counter not numeric");
	s->set_counters = true;
	return 0;
}

/* See cmd_priv.h. */
int cmd_std_option(struct cmd_state *s, char c, const char *arg, const char *tok)
{
	int rc = 0;

	switch (c) {
	case 'A': case 'C': case 'D': case 'I': case 'R': case 'L': case 'S':
	case 'F': case 'Z': case 'N': case 'X': case 'E': case 'P':
		return command(s, c, arg);
	case 's':
	case 'd':
		rc = set_option(s, c == 's' ? OPT_SOURCE : OPT_DEST, c, true);
		if (rc)
			return rc;
		if (c == 's') {
			s->saddr = arg;
			s->rule->src_inv = s->invert;
		} else {
			s->daddr = arg;
			s->rule->dst_inv = s->invert;
		}
		return 0;
	case 'p':
		return protocol(s, arg);
	case 'i':
	case 'o':
		return interface(s, c, arg);
	case 'f':
		if (s->o->family == FILTER_V6)
			return filter_err(s->e, FILTER_E_PARAM,
					  "`-f' is not supported in IPv6, use -m frag instead");
		rc = set_option(s, OPT_FRAG, 'f', true);
		s->rule->std.frag = true;
		s->rule->std.frag_inv = s->invert;
		return rc;
	case 'j':
	case 'g':
		/* iptables takes the name from the token when it is attached (-jX) */
		return jump(s, c, tok ? tok : arg);
	case 'm':
		return match(s, arg);
	case 'c':
		return counters(s, arg);
	case 't':
		if (s->o->table)
			return filter_err(s->e, FILTER_E_PARAM, "The -t option cannot be used in %s.\n",
					  prog_restore(s));
		if (s->invert)
			return filter_err(s->e, FILTER_E_PARAM, "unexpected ! flag before --table");
		s->cmd->table = arg;
		return 0;
	case 'n':
		s->cmd->numeric = true;
		return set_option(s, OPT_NUMERIC, 'n', false);
	case 'v':
		s->cmd->verbose = true;
		s->opts |= OPT_VERBOSE;
		return 0;
	case 'x':
		s->cmd->exact = true;
		return set_option(s, OPT_EXPANDED, 'x', false);
	case '0':
		s->cmd->line_numbers = true;
		s->opts |= OPT_LINENUM;
		return 0;
	case '4':
	case '6':
		/* a line for the other family: restore skips it */
		if ((c == '4') != (s->o->family == FILTER_V4))
			s->skip_line = true;
		return 0;
	}
	return 0;  /* -w -W -M -V -h -b: accepted, no effect offline */
}
