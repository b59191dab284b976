/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parses one iptables command line in iptables' order: options left to right, then the checks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_priv.h"
#include "util.h"

/* Writes @v into a host-order integer field of @size bytes. */
static void store_uint(unsigned char *dst, size_t size, uint64_t v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;

	switch (size) {
	case 1:
		memcpy(dst, &u8, 1);
		break;
	case 2:
		memcpy(dst, &u16, 2);
		break;
	case 4:
		memcpy(dst, &u32, 4);
		break;
	default:
		memcpy(dst, &v, size < 8 ? size : 8);
		break;
	}
}

/* Stores an option value generically (FILTER_OPT_PUT). */
static int opt_put(struct cmd_state *s, struct filter_ext_data *d, const struct filter_opt *o,
		   const char *arg)
{
	static const uint64_t type_max[] = {
		[FILTER_T_U8] = 0xff, [FILTER_T_U16] = 0xffff,
		[FILTER_T_U32] = 0xffffffffu, [FILTER_T_U64] = ~0ull,
	};
	unsigned char *dst = d->priv + o->offset;
	uint64_t v, max;

	if (!arg || o->offset + o->size > d->priv_size)
		return 0;
	switch (o->type) {
	case FILTER_T_NONE:
		return 0;
	case FILTER_T_STRING:
		if (strlen(arg) >= o->size)
			return filter_err(s->e, FILTER_E_PARAM, "%s: option \"--%s\" value too long",
					  d->ext->name, o->name);
		strcpy((char *)dst, arg);
		return 0;
	case FILTER_T_U8:
	case FILTER_T_U16:
	case FILTER_T_U32:
	case FILTER_T_U64:
		max = o->max ? o->max : type_max[o->type];
		if (!filter_parse_uint(arg, o->min, max, &v))
			return filter_err(s->e, FILTER_E_PARAM,
					  "%s: bad value for option \"--%s\", or out of range (%llu-%llu).\n",
					  d->ext->name, o->name, (unsigned long long)o->min,
					  (unsigned long long)max);
		store_uint(dst, o->size, v);
		return 0;
	}
	return 0;
}

/* One extension option with its argument(s). */
static int ext_option(struct cmd_state *s, struct filter_ext_data *d, unsigned k,
		      const char *inline_arg, const char *tok)
{
	const struct filter_opt *o = &d->ext->opts[k];
	const char *args[3] = { NULL, NULL, NULL };
	struct ulog_err ue;
	int rc;

	if (o->arg != FILTER_ARG_NONE) {
		if (inline_arg)
			args[0] = inline_arg;
		else if (s->i < s->argc)
			args[0] = s->argv[s->i++];
		else
			return filter_err(s->e, FILTER_E_PARAM, "option \"%s\" requires an argument", tok);
		if (o->arg == FILTER_ARG_TWO && s->i < s->argc && s->argv[s->i][0] != '-' &&
		    s->argv[s->i][0] != '!')
			args[1] = s->argv[s->i++];
	}
	if (s->invert && !(o->flags & FILTER_OPT_INVERT))
		return filter_err(s->e, FILTER_E_PARAM, "%s: option \"--%s\" cannot be inverted.\n",
				  d->ext->name, o->name);
	if ((o->flags & FILTER_OPT_ONCE) && filter_opt_seen(d, k))
		return filter_err(s->e, FILTER_E_PARAM, "%s: option \"--%s\" can only be used once.\n",
				  d->ext->name, o->name);
	if ((o->flags & FILTER_OPT_PUT) && (rc = opt_put(s, d, o, args[0])))
		return rc;
	if (d->ext->parse) {
		ulog_err_clear(&ue);
		if (d->ext->parse(d, k, args, s->invert, &s->rule->std, &ue) < 0)
			return filter_err(s->e, FILTER_E_PARAM, "%s", ue.msg);
	}
	d->seen |= 1ull << k;
	if (s->invert)
		d->inverted |= 1ull << k;
	s->invert = false;
	return 0;
}

/* iptables loads the -p protocol's match when an option is unknown: the
 * name as given, or for a number the name iptables-save would print. */
static bool load_proto(struct cmd_state *s)
{
	const struct filter_ext *e;
	struct filter_ext_data *d;
	const char *name = s->proto_name;
	uint64_t num;

	if (s->proto_used || !(s->opts & OPT_PROTO) || s->n_loaded == CMD_MAX_LOADED)
		return false;
	s->proto_used = true;
	if (filter_parse_uint(name, 0, 255, &num))
		name = filter_proto_name((uint16_t)num);
	if (!name || !(e = filter_ext_find(name, FILTER_EXT_MATCH, s->o->family)))
		return false;
	d = filter_rule_add_ext(s->rule, e);
	if (!d)
		return false;
	if (e->init)
		e->init(d, &s->rule->std);
	s->loaded[s->n_loaded++] = d;
	return true;
}

static int long_option(struct cmd_state *s, const char *tok)
{
	const char *name = tok + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	struct cmd_found f;

	while (!cmd_find_long(s, name, n, &f))
		if (!load_proto(s))
			return filter_err(s->e, FILTER_E_PARAM, "unknown option \"%s\"", tok);
	if (f.kind == FOUND_EXT)
		return ext_option(s, f.ext, f.opt, eq ? eq + 1 : NULL, tok);
	if (f.std->arg == ARG_NONE)
		return cmd_std_option(s, f.std->val, NULL, NULL);
	if (eq)
		return cmd_std_option(s, f.std->val, eq + 1, tok);
	if (f.std->arg == ARG_OPT)
		return cmd_std_option(s, f.std->val, NULL, NULL);
	if (s->i >= s->argc)
		return filter_err(s->e, FILTER_E_PARAM, "option \"%s\" requires an argument", tok);
	s->i++;
	return cmd_std_option(s, f.std->val, s->argv[s->i - 1], NULL);
}

/* A cluster of short options ("-nvL", "-p", "-jACCEPT"). */
static int short_options(struct cmd_state *s, const char *tok)
{
	const char *p;
	int rc;

	for (p = tok + 1; *p; p++) {
		int arg = cmd_short_arg(*p);
		char c[4] = { '-', *p, 0 };

		if (arg < 0)
			return filter_err(s->e, FILTER_E_PARAM, "unknown option \"%s\"", c);
		if (arg == ARG_NONE) {
			if ((rc = cmd_std_option(s, *p, NULL, NULL)))
				return rc;
			continue;
		}
		if (p[1])
			return cmd_std_option(s, *p, p + 1, tok);
		if (arg == ARG_OPT)
			return cmd_std_option(s, *p, NULL, NULL);
		if (s->i >= s->argc)
			return filter_err(s->e, FILTER_E_PARAM, "option \"%s\" requires an argument", c);
		s->i++;
		return cmd_std_option(s, *p, s->argv[s->i - 1], NULL);
	}
	return 0;
}

static int non_option(struct cmd_state *s, const char *tok)
{
	if (strcmp(tok, "!"))
		return filter_err(s->e, FILTER_E_BADARG, "Bad argument `%s'", tok);
	if (s->invert)
		return filter_err(s->e, FILTER_E_PARAM, "multiple consecutive ! not allowed");
	s->invert = true;
	return 0;
}

/* The options loop: left to right, as getopt_long returns them. */
static int parse_loop(struct cmd_state *s)
{
	int rc = 0;

	while (!rc && !s->skip_line && s->i < s->argc) {
		const char *tok = s->argv[s->i++];

		if (tok[0] == '-' && tok[1] == '-' && tok[2]) {
			rc = long_option(s, tok);
			s->invert = false;
		} else if (tok[0] == '-' && tok[1] && strcmp(tok, "--")) {
			rc = short_options(s, tok);
			s->invert = false;
		} else {
			rc = non_option(s, tok);
		}
	}
	return rc;
}

static int ext_final(struct cmd_state *s, struct filter_ext_data *d)
{
	const struct filter_ext *e = d->ext;
	struct ulog_err ue;
	unsigned k;

	for (k = 0; k < e->n_opts; k++)
		if ((e->opts[k].flags & FILTER_OPT_MANDATORY) && !filter_opt_seen(d, k))
			return filter_err(s->e, FILTER_E_PARAM, "%s: option \"--%s\" must be specified\n",
					  e->name, e->opts[k].name);
	ulog_err_clear(&ue);
	if (e->final_check && e->final_check(d, &s->rule->std, &ue) < 0)
		return filter_err(s->e, FILTER_E_PARAM, "%s", ue.msg);
	return 0;
}

/* iptables' commands_v_options: options each command refuses. */
static int generic_opt_check(struct cmd_state *s)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ OPT_NUMERIC, "-n" }, { OPT_SOURCE, "-s" }, { OPT_DEST, "-d" }, { OPT_PROTO, "-p" },
		{ OPT_JUMP, "-j" }, { OPT_VERBOSE, "-v" }, { OPT_EXPANDED, "-x" }, { OPT_IN, "-i" },
		{ OPT_OUT, "-o" }, { OPT_LINENUM, "--line-numbers" }, { OPT_COUNTERS, "-c" },
		{ OPT_FRAG, "-f" },
	};
	const unsigned rule_ok = OPT_SOURCE | OPT_DEST | OPT_PROTO | OPT_JUMP | OPT_VERBOSE |
				 OPT_IN | OPT_OUT | OPT_COUNTERS | OPT_FRAG;
	unsigned ok, i;

	switch (s->cmd->cmd) {
	case FILTER_CMD_APPEND: case FILTER_CMD_INSERT: case FILTER_CMD_REPLACE:
		ok = rule_ok;
		break;
	case FILTER_CMD_CHECK:
		ok = rule_ok & ~OPT_COUNTERS;
		break;
	case FILTER_CMD_DELETE:
		ok = s->cmd->rulenum ? OPT_VERBOSE : rule_ok & ~OPT_COUNTERS;
		break;
	case FILTER_CMD_LIST:
		ok = OPT_NUMERIC | OPT_VERBOSE | OPT_EXPANDED | OPT_LINENUM;
		break;
	case FILTER_CMD_POLICY:
		ok = OPT_VERBOSE | OPT_COUNTERS;
		break;
	default:
		ok = OPT_VERBOSE;
		break;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((s->opts & names[i].bit) && !(ok & names[i].bit))
			return filter_err(s->e, FILTER_E_PARAM, "Illegal option `%s' with this command",
					  names[i].name);
	return 0;
}

static bool is_rule_cmd(const struct filter_cmd *c)
{
	return c->cmd == FILTER_CMD_APPEND || c->cmd == FILTER_CMD_INSERT ||
	       c->cmd == FILTER_CMD_REPLACE || c->cmd == FILTER_CMD_CHECK ||
	       (c->cmd == FILTER_CMD_DELETE && !c->rulenum);
}

/* -o on an incoming chain, -i on an outgoing one. */
static int iface_check(struct cmd_state *s)
{
	const char *c = s->cmd->chain;

	if (!c || !(is_rule_cmd(s->cmd) || s->cmd->cmd == FILTER_CMD_DELETE))
		return 0;
	if ((!strcmp(c, "PREROUTING") || !strcmp(c, "INPUT")) && (s->opts & OPT_OUT))
		return filter_err(s->e, FILTER_E_PARAM, "Can't use -%c with %s\n", 'o', c);
	if ((!strcmp(c, "POSTROUTING") || !strcmp(c, "OUTPUT")) && (s->opts & OPT_IN))
		return filter_err(s->e, FILTER_E_PARAM, "Can't use -%c with %s\n", 'i', c);
	return 0;
}

/* A -j/-g name that is no target: a chain of the current table, or an error. */
static int resolve_jump(struct cmd_state *s)
{
	struct filter_rule *r = s->rule;

	if (!s->jumpto || r->tkind != FILTER_TGT_NONE)
		return 0;
	if (s->o->cur && filter_chain_find(s->o->cur, s->jumpto)) {
		r->tkind = s->is_goto ? FILTER_TGT_GOTO : FILTER_TGT_JUMP;
		snprintf(r->jump, sizeof(r->jump), "%s", s->jumpto);
		return 0;
	}
	if (s->is_goto)
		return filter_err(s->e, FILTER_E_PARAM, "goto '%s' is not a chain", s->jumpto);
	return filter_err(s->e, FILTER_E_PARAM,
			  "Couldn't load target `%s':No such file or directory\n", s->jumpto);
}

static int finish(struct cmd_state *s)
{
	unsigned i;
	int rc;

	if (s->invert)
		return filter_err(s->e, FILTER_E_PARAM, "nothing appropriate following !");
	if (!s->cmd->cmd)
		return filter_err(s->e, FILTER_E_PARAM, "no command specified");
	for (i = 0; i < s->rule->n_matches; i++)
		if ((rc = ext_final(s, s->rule->matches[i])))
			return rc;
	if (s->rule->target && (rc = ext_final(s, s->rule->target)))
		return rc;
	if (is_rule_cmd(s->cmd) && (rc = cmd_expand_addresses(s)))
		return rc;
	if ((rc = generic_opt_check(s)))
		return rc;
	if (s->cmd->chain && strlen(s->cmd->chain) > FILTER_CHAIN_MAXLEN)
		return filter_err(s->e, FILTER_E_PARAM, "chain name `%s' too long (must be under %u chars)",
				  s->cmd->chain, FILTER_CHAIN_MAXLEN + 1);
	if ((rc = iface_check(s)))
		return rc;
	if (!strcmp(s->o->table ? s->o->table : s->cmd->table ? s->cmd->table : "filter", "nat") &&
	    ((s->cmd->cmd == FILTER_CMD_POLICY && s->cmd->arg && !strcmp(s->cmd->arg, "DROP")) ||
	     (s->jumpto && !strcmp(s->jumpto, "DROP"))))
		return filter_err(s->e, FILTER_E_PARAM, "\nThe \"nat\" table is not intended for "
				  "filtering, the use of DROP is therefore inhibited.\n\n");
	return is_rule_cmd(s->cmd) ? resolve_jump(s) : 0;
}

/* Gives the template's target and counters to every expanded rule. */
static int fill_rules(struct cmd_state *s)
{
	unsigned i;

	for (i = 0; i < s->cmd->n_rules; i++) {
		struct filter_rule *r = s->cmd->rules[i];

		r->tkind = s->rule->tkind;
		memcpy(r->jump, s->rule->jump, sizeof(r->jump));
		r->verdict = s->rule->verdict;
		if (s->set_counters) {
			r->pcnt = s->pcnt;
			r->bcnt = s->bcnt;
		}
		r->line = s->o->line;
	}
	return 0;
}

/* See cmd.h. */
int filter_cmd_parse(int argc, char **argv, const struct filter_parse_opts *o,
		     struct filter_cmd *cmd, struct filter_error *e)
{
	struct cmd_state s = { .o = o, .cmd = cmd, .e = e, .argc = argc, .argv = argv };
	int rc;

	memset(cmd, 0, sizeof(*cmd));
	memset(e, 0, sizeof(*e));
	e->line = o->line;
	s.rule = filter_rule_new(o->family);
	if (!s.rule)
		return filter_err(e, FILTER_E_RESOURCE, "out of memory");
	rc = parse_loop(&s);
	if (!rc && s.skip_line) {
		filter_rule_free(s.rule, NULL, false);
		cmd->cmd = FILTER_CMD_NONE;
		return 0;
	}
	if (!rc)
		rc = finish(&s);
	if (!rc)
		rc = fill_rules(&s);
	if (rc) {
		filter_cmd_free(cmd);
		e->line = o->line;
	}
	filter_rule_free(s.rule, NULL, false);
	return rc;
}

/* See cmd.h. */
void filter_cmd_free(struct filter_cmd *cmd)
{
	unsigned i;

	for (i = 0; i < cmd->n_rules; i++)
		filter_rule_free(cmd->rules[i], NULL, false);
	free(cmd->rules);
	cmd->rules = NULL;
	cmd->n_rules = 0;
}
