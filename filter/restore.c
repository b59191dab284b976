/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iptables-restore: lines, tables as transactions committed at COMMIT, iptables' messages. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

#define MAX_ARGS 1024

struct restore {
	struct filter_ruleset *rs;
	const struct filter_restore_opts *o;
	struct filter_error *e;
	const char *prog;
	unsigned line;
	bool in_table;
	char curtable[64];
	struct filter_table *work;      /* the table being built, NULL when skipped by -T */
	char *argv[MAX_ARGS];
	char *store;
	size_t store_len;
};

static bool skipped(const struct restore *r)
{
	return r->o->table && r->curtable[0] && strcmp(r->o->table, r->curtable);
}

/* Restore's own flush: rules of every chain and every user chain; policies stay. */
static void flush_table(struct filter_table *t)
{
	unsigned i;

	for (i = 0; i < t->n_chains; i++)
		filter_chain_flush(t->chains[i], NULL, false);
	while (t->n_chains > t->n_builtin)
		filter_chain_del(t, t->chains[t->n_builtin]);
}

/* "*table" */
static int table_line(struct restore *r, char *buf)
{
	char *name = strtok(buf + 1, " \t\n");
	struct filter_table *cur;

	if (!name)
		return filter_err(r->e, FILTER_E_PARAM, "%s: line %u table name invalid",
				  r->prog, r->line);
	snprintf(r->curtable, sizeof(r->curtable), "%.32s", name);
	filter_table_free(r->work, NULL);
	r->work = NULL;
	if (skipped(r))
		return 0;
	cur = filter_ruleset_touch(r->rs, name);
	if (!cur)
		return filter_err(r->e, FILTER_E_PARAM, "%s: unable to initialize table '%s'",
				  r->prog, name);
	r->work = filter_table_clone(cur);
	if (!r->work)
		return filter_err(r->e, FILTER_E_RESOURCE, "out of memory");
	if (!r->o->noflush)
		flush_table(r->work);
	r->in_table = true;
	return 0;
}

static int set_policy(struct restore *r, struct filter_chain *c, const char *chain,
		      const char *policy)
{
	unsigned long long p = 0, b = 0;
	char *ctrs;

	if (r->o->counters) {
		ctrs = strtok(NULL, " \t\n");
		if (!ctrs || sscanf(ctrs, "[%llu:%llu]", &p, &b) != 2)
			return filter_err(r->e, FILTER_E_PARAM,
					  "invalid policy counters for chain '%s'", chain);
	}
	if (!c || c->hook < 0)
		return filter_err(r->e, FILTER_E_OTHER, "Can't set policy `%s' on `%s' line %u: %s",
				  policy, chain, r->line, "Bad built-in chain name");
	if (strcmp(policy, "ACCEPT") && strcmp(policy, "DROP"))
		return filter_err(r->e, FILTER_E_OTHER, "Can't set policy `%s' on `%s' line %u: %s",
				  policy, chain, r->line, "Bad policy name");
	c->policy = strcmp(policy, "ACCEPT") ? FILTER_DROP : FILTER_ACCEPT;
	c->pcnt = p;
	c->bcnt = b;
	return 0;
}

/* ":CHAIN POLICY [p:b]" */
static int chain_line(struct restore *r, char *buf)
{
	char *chain = strtok(buf + 1, " \t\n"), *policy;
	struct filter_chain *c;

	if (!chain)
		return filter_err(r->e, FILTER_E_PARAM, "%s: line %u chain name invalid",
				  r->prog, r->line);
	if (strlen(chain) > FILTER_CHAIN_MAXLEN)
		return filter_err(r->e, FILTER_E_PARAM, "Invalid chain name `%s' (%u chars max)",
				  chain, FILTER_CHAIN_MAXLEN);
	c = filter_chain_find(r->work, chain);
	if (!c || c->hook < 0) {
		if (c && r->o->noflush) {
			filter_chain_flush(c, NULL, false);
		} else if (c || !strcmp(chain, "ACCEPT") || !strcmp(chain, "DROP") ||
			   !strcmp(chain, "QUEUE") || !strcmp(chain, "RETURN")) {
			return filter_err(r->e, FILTER_E_PARAM, "error creating chain '%s':%s",
					  chain, strerror(EEXIST));
		} else if (!(c = filter_chain_add(r->work, chain))) {
			return filter_err(r->e, FILTER_E_RESOURCE, "out of memory");
		}
		c->line = r->line;
	}
	policy = strtok(NULL, " \t\n");
	if (!policy)
		return filter_err(r->e, FILTER_E_PARAM, "%s: line %u policy invalid",
				  r->prog, r->line);
	if (!strcmp(policy, "-"))
		return 0;
	return set_policy(r, c, chain, policy);
}

/* "[p:b] -A ..." and every other command line. */
static int command_line(struct restore *r, char *buf)
{
	struct filter_parse_opts po = {
		.family = r->rs->family, .table = r->curtable, .cur = r->work, .line = r->line,
	};
	struct filter_cmd cmd;
	char *start = buf, *pc = NULL, *bc = NULL;
	int argc = 0, n, rc;

	if (buf[0] == '[') {
		char *end = strchr(buf, ']');

		if (!end)
			return filter_err(r->e, FILTER_E_PARAM, "Bad line %u: need ]", r->line);
		pc = strtok(buf + 1, ":");
		if (!pc)
			return filter_err(r->e, FILTER_E_PARAM, "Bad line %u: need :", r->line);
		bc = strtok(NULL, "]");
		if (!bc)
			return filter_err(r->e, FILTER_E_PARAM, "Bad line %u: need ]", r->line);
		start = end + 1;
	}
	if (r->o->counters && pc && bc) {
		r->argv[argc++] = "--set-counters";
		r->argv[argc++] = pc;
		r->argv[argc++] = bc;
	}
	n = filter_tokenize(start, r->argv + argc, MAX_ARGS - argc, r->store, r->store_len);
	if (n < 0)
		return filter_err(r->e, FILTER_E_PARAM, "Parameter too long!");
	rc = filter_cmd_parse(argc + n, r->argv, &po, &cmd, r->e);
	if (rc)
		return rc;
	if (cmd.cmd == FILTER_CMD_LIST || cmd.cmd == FILTER_CMD_LIST_RULES) {
		filter_table_list(stdout, r->work, cmd.chain, &cmd);
		rc = 0;
	} else {
		rc = filter_cmd_apply(r->work, &cmd, r->e);
	}
	filter_cmd_free(&cmd);
	if (rc)
		r->e->line = r->line;
	return rc;
}

/* Names the rule that made a COMMIT fail, where iptables only says the line. */
static void explain(struct restore *r, const struct filter_rule *bad, const struct ulog_err *ue)
{
	char spec[1024];
	struct filter_buf b = filter_buf_init(spec, sizeof(spec));
	const char *chain = "?";
	unsigned i, j;

	if (!bad) {
		snprintf(r->e->why, sizeof(r->e->why), "%s: COMMIT of table %s: %s", r->prog,
			 r->curtable, ue->msg);
		return;
	}
	for (i = 0; i < r->work->n_chains; i++)
		for (j = 0; j < r->work->chains[i]->n_rules; j++)
			if (r->work->chains[i]->rules[j] == bad)
				chain = r->work->chains[i]->name;
	filter_rule_print(&b, bad, chain, false);
	snprintf(r->e->why, sizeof(r->e->why), "%s: COMMIT of table %s: line %u: %s: %s",
		 r->prog, r->curtable, bad->line, spec, ue->msg);
}

static int commit_line(struct restore *r)
{
	const struct filter_rule *bad = NULL;
	struct ulog_err ue;
	int rc;

	r->in_table = false;
	if (!r->work || r->o->test) {
		filter_table_free(r->work, NULL);
		r->work = NULL;
		return 0;
	}
	ulog_err_clear(&ue);
	rc = filter_table_check(r->work, r->rs->family, &bad, &ue);
	if (!rc)
		rc = filter_table_bind(r->work, r->rs->ctx, &ue);
	if (rc) {
		r->e->kind = FILTER_E_FAILED;
		r->e->line = r->line;
		explain(r, bad, &ue);
		return 1;
	}
	filter_ruleset_replace(r->rs, r->work);
	r->work = NULL;
	return 0;
}

static int one_line(struct restore *r, char *buf)
{
	if (buf[0] == '\n' || buf[0] == '#')
		return 0;
	if (!strcmp(buf, "COMMIT\n") && r->in_table)
		return commit_line(r);
	if (buf[0] == '*' && !r->in_table)
		return table_line(r, buf);
	if (!r->in_table) {
		if (skipped(r))
			return 0;
		r->e->kind = FILTER_E_FAILED;
		r->e->line = r->line;
		return 1;
	}
	if (skipped(r))
		return 0;
	if (buf[0] == ':')
		return chain_line(r, buf);
	return command_line(r, buf);
}

/* See text.h. */
int filter_restore(struct filter_ruleset *rs, const char *text, size_t len,
		   const struct filter_restore_opts *o, struct filter_error *e)
{
	struct restore r = { .rs = rs, .o = o, .e = e };
	size_t pos = 0, cap = 0;
	char *buf = NULL;
	int rc = 0;

	memset(e, 0, sizeof(*e));
	r.prog = rs->family == FILTER_V6 ? "ip6tables-restore" : "iptables-restore";
	while (pos < len && !rc) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;

		if (n + 1 > cap) {
			char *nb;

			cap = (n + 1) * 2;
			nb = realloc(buf, cap);
			free(r.store);
			r.store = malloc(cap + 16);
			r.store_len = cap + 16;
			if (!nb || !r.store) {
				free(nb ? nb : buf);
				buf = NULL;
				rc = filter_err(e, FILTER_E_RESOURCE, "out of memory");
				break;
			}
			buf = nb;
		}
		memcpy(buf, text + pos, n);
		buf[n] = 0;
		pos += n;
		r.line++;
		rc = one_line(&r, buf);
		if (rc)
			e->line = r.line;  /* every error is reported at the line that made it */
	}
	if (!rc && r.in_table) {
		rc = filter_err(e, FILTER_E_PLAIN, "COMMIT expected at line %u", r.line + 1);
		e->line = 0;
	}
	filter_table_free(r.work, NULL);
	free(buf);
	free(r.store);
	return rc;
}
