/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Applies parsed commands to a working table with libiptc's checks ("line N failed"). */
#include <errno.h>
#include <string.h>

#include "cmd.h"

/* A libiptc refusal: iptables prints "iptables: WHY." (restore: "line N failed"). */
static int failed(struct filter_error *e, const char *why)
{
	e->kind = FILTER_E_FAILED;
	snprintf(e->msg, sizeof(e->msg), "%s", why);
	return 1;
}

/* The same for EINVAL, to which iptables adds a hint. */
static int invalid(struct filter_error *e, const char *why)
{
	e->kind = FILTER_E_FAILED;
	snprintf(e->msg, sizeof(e->msg), "%s. Run `dmesg' for more information", why);
	return 1;
}

static bool is_builtin(const struct filter_chain *c)
{
	return c->hook >= 0;
}

/* A jump or goto must name an existing user chain (libiptc refuses built-ins). */
static int check_jump(struct filter_table *t, const struct filter_rule *r, struct filter_error *e)
{
	const struct filter_chain *c;

	if (r->tkind != FILTER_TGT_JUMP && r->tkind != FILTER_TGT_GOTO)
		return 0;
	c = filter_chain_find(t, r->jump);
	if (!c)
		return failed(e, "jump to a chain that does not exist");
	if (is_builtin(c))
		return invalid(e, "jump to a built-in chain");
	return 0;
}

/* Takes the command's rules into @c at 0-based @pos. */
static int put_rules(struct filter_table *t, struct filter_chain *c, struct filter_cmd *cmd,
		     unsigned pos, struct filter_error *e)
{
	unsigned i;
	int rc;

	for (i = 0; i < cmd->n_rules; i++)
		if ((rc = check_jump(t, cmd->rules[i], e)))
			return rc;
	for (i = 0; i < cmd->n_rules; i++) {
		if (filter_chain_insert(c, pos + i, cmd->rules[i]) < 0)
			return filter_err(e, FILTER_E_RESOURCE, "out of memory");
		cmd->rules[i] = NULL;
	}
	cmd->n_rules = 0;
	return 0;
}

static int delete_rule(struct filter_chain *c, struct filter_cmd *cmd, struct filter_error *e)
{
	unsigned i, j;

	if (cmd->rulenum) {
		if ((unsigned long)cmd->rulenum > c->n_rules)
			return failed(e, "Index of deletion too big");
		filter_rule_free(filter_chain_remove(c, (unsigned)cmd->rulenum - 1), NULL, false);
		return 0;
	}
	for (j = 0; j < cmd->n_rules; j++) {
		for (i = 0; i < c->n_rules; i++)
			if (filter_rule_equal(c->rules[i], cmd->rules[j]))
				break;
		if (i == c->n_rules)
			return failed(e, "Bad rule (does a matching rule exist in that chain?)");
		filter_rule_free(filter_chain_remove(c, i), NULL, false);
	}
	return 0;
}

static bool chain_referenced(const struct filter_table *t, const char *name)
{
	unsigned i, j;

	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++) {
			const struct filter_rule *r = t->chains[i]->rules[j];

			if ((r->tkind == FILTER_TGT_JUMP || r->tkind == FILTER_TGT_GOTO) &&
			    !strcmp(r->jump, name))
				return true;
		}
	return false;
}

static int delete_chain(struct filter_table *t, struct filter_chain *c, struct filter_error *e)
{
	if (is_builtin(c))
		return invalid(e, "Can't delete built-in chain");
	if (c->n_rules)
		return failed(e, "Directory not empty");
	if (chain_referenced(t, c->name))
		return failed(e, "Too many links");
	filter_chain_del(t, c);
	return 0;
}

static int delete_chains(struct filter_table *t, struct filter_cmd *cmd, struct filter_error *e)
{
	struct filter_chain *c;
	int rc;

	if (cmd->chain) {
		c = filter_chain_find(t, cmd->chain);
		return c ? delete_chain(t, c, e) : failed(e, "No chain/target/match by that name");
	}
	while (t->n_chains > t->n_builtin)
		if ((rc = delete_chain(t, t->chains[t->n_builtin], e)))
			return rc;
	return 0;
}

static void zero_chain(struct filter_chain *c, long rulenum)
{
	unsigned i;

	if (!rulenum)
		c->pcnt = c->bcnt = 0;
	for (i = 0; i < c->n_rules; i++)
		if (!rulenum || (long)i + 1 == rulenum)
			c->rules[i]->pcnt = c->rules[i]->bcnt = 0;
}

static int policy(struct filter_chain *c, struct filter_cmd *cmd, struct filter_error *e)
{
	if (!is_builtin(c))
		return failed(e, "Bad built-in chain name");
	if (!strcmp(cmd->arg, "ACCEPT"))
		c->policy = FILTER_ACCEPT;
	else if (!strcmp(cmd->arg, "DROP"))
		c->policy = FILTER_DROP;
	else
		return invalid(e, "Bad policy name");
	return 0;
}

static int rename_chain(struct filter_table *t, struct filter_chain *c, const char *to,
			struct filter_error *e)
{
	struct filter_chain *n;
	unsigned i, j;

	if (is_builtin(c))
		return invalid(e, "Can't rename built-in chain");
	if (filter_chain_find(t, to) || strlen(to) > FILTER_CHAIN_MAXLEN)
		return failed(e, "File exists");
	n = filter_chain_add(t, to);
	if (!n)
		return filter_err(e, FILTER_E_RESOURCE, "out of memory");
	n->rules = c->rules;
	n->n_rules = c->n_rules;
	n->cap_rules = c->cap_rules;
	c->rules = NULL;
	c->n_rules = c->cap_rules = 0;
	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++) {
			struct filter_rule *r = t->chains[i]->rules[j];

			if ((r->tkind == FILTER_TGT_JUMP || r->tkind == FILTER_TGT_GOTO) &&
			    !strcmp(r->jump, c->name))
				snprintf(r->jump, sizeof(r->jump), "%s", to);
		}
	filter_chain_del(t, c);
	return 0;
}

static int new_chain(struct filter_table *t, const char *name, struct filter_error *e)
{
	if (filter_chain_find(t, name) || !strcmp(name, "ACCEPT") || !strcmp(name, "DROP") ||
	    !strcmp(name, "QUEUE") || !strcmp(name, "RETURN"))
		return failed(e, "Chain already exists");
	if (!filter_chain_add(t, name))
		return filter_err(e, FILTER_E_RESOURCE, "out of memory");
	return 0;
}

/* See cmd.h. */
int filter_cmd_apply(struct filter_table *t, struct filter_cmd *cmd, struct filter_error *e)
{
	struct filter_chain *c = cmd->chain ? filter_chain_find(t, cmd->chain) : NULL;
	unsigned i;

	if (cmd->cmd == FILTER_CMD_NEW)
		return new_chain(t, cmd->chain, e);
	if (cmd->chain && !c)
		return failed(e, "No chain/target/match by that name");
	switch (cmd->cmd) {
	case FILTER_CMD_APPEND:
		return put_rules(t, c, cmd, c->n_rules, e);
	case FILTER_CMD_INSERT:
		if ((unsigned long)cmd->rulenum > c->n_rules + 1)
			return failed(e, "Index of insertion too big");
		return put_rules(t, c, cmd, (unsigned)cmd->rulenum - 1, e);
	case FILTER_CMD_REPLACE:
		if ((unsigned long)cmd->rulenum > c->n_rules)
			return failed(e, "Index of replacement too big");
		if (check_jump(t, cmd->rules[0], e))
			return 1;
		filter_rule_free(c->rules[cmd->rulenum - 1], NULL, false);
		c->rules[cmd->rulenum - 1] = cmd->rules[0];
		cmd->rules[0] = NULL;
		return 0;
	case FILTER_CMD_DELETE:
		return delete_rule(c, cmd, e);
	case FILTER_CMD_CHECK:
		for (i = 0; i < c->n_rules; i++)
			if (cmd->n_rules && filter_rule_equal(c->rules[i], cmd->rules[0]))
				return 0;
		return failed(e, "Bad rule (does a matching rule exist in that chain?)");
	case FILTER_CMD_FLUSH:
		for (i = 0; i < t->n_chains; i++)
			if (!c || t->chains[i] == c)
				filter_chain_flush(t->chains[i], NULL, false);
		return 0;
	case FILTER_CMD_ZERO:
		for (i = 0; i < t->n_chains; i++)
			if (!c || t->chains[i] == c)
				zero_chain(t->chains[i], cmd->rulenum);
		return 0;
	case FILTER_CMD_DELETE_CHAIN:
		return delete_chains(t, cmd, e);
	case FILTER_CMD_POLICY:
		return policy(c, cmd, e);
	case FILTER_CMD_RENAME:
		return rename_chain(t, c, cmd->arg, e);
	case FILTER_CMD_NEW:
	case FILTER_CMD_LIST:
	case FILTER_CMD_LIST_RULES:
	case FILTER_CMD_NONE:
		return 0;
	}
	return 0;
}
