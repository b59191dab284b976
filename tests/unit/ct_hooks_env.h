/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The packet path the hooks unit tests drive: an IPv4 ruleset, tum-chair's host, optional conntrack. */
#ifndef ULOG_TEST_CT_HOOKS_ENV_H
#define ULOG_TEST_CT_HOOKS_ENV_H

#include <stdio.h>
#include <string.h>

#include "filter/filter.h"
#include "filter/text.h"
#include "kernel/hooks.h"
#include "test.h"
#include "ct_build.h"

/* tum-chair's `ip addr` and `ip route` of one day, under the shared rulesets. */
#define HOOKS_ENV_ADDR "tum-chair/ip-addr-2016-06-27_16-29-01"
#define HOOKS_ENV_ROUTE "tum-chair/ip-route-2016-06-27_16-29-01"

struct hooks_env {
	struct filter_ruleset *rs;
	struct hooks_rulesets sets;
	struct host *host;
	struct ct_table *ct;         /* NULL: no conntrack */
	struct hooks_facts facts;
	struct hooks h;
};

/*
 * Sets @e up: @rules (iptables-restore text, IPv4) restored into a new ruleset, tum-chair's
 * addresses and routes as the host, a conntrack table of @ct_max entries (0: none), the hooks
 * over them. Returns 0, or -1 (after a "# " line saying why) with @e to be freed by
 * hooks_env_free().
 */
static inline int hooks_env_init(struct hooks_env *e, const char *rules, uint32_t ct_max)
{
	struct filter_restore_opts o = { 0 };
	struct filter_error fe;
	struct ulog_err err;
	struct ct_config cfg;
	char addr[4096], route[4096];

	memset(e, 0, sizeof(*e));
	e->rs = filter_ruleset_new(FILTER_V4);
	e->host = host_new();
	if (!e->rs || !e->host)
		return -1;
	if (filter_restore(e->rs, rules, strlen(rules), &o, &fe)) {
		printf("# restore: line %u: %s %s\n", fe.line, fe.msg, fe.why);
		return -1;
	}
	if (host_load_file(e->host, test_rulesets(HOOKS_ENV_ADDR, addr, sizeof(addr)), false, &err) ||
	    host_load_file(e->host, test_rulesets(HOOKS_ENV_ROUTE, route, sizeof(route)), true, &err)) {
		printf("# host: %s\n", err.msg);
		return -1;
	}
	if (ct_max) {
		ct_config_default(&cfg);
		cfg.max = ct_max;
		if (!(e->ct = ct_table_new(&cfg)))
			return -1;
	}
	hooks_facts_init(&e->facts, e->host, e->ct);
	e->sets.v4 = e->rs;
	e->h.ct = e->ct;
	e->h.host = e->host;
	e->h.facts = &e->facts.fh;
	e->h.table = hooks_filter_table;
	e->h.table_arg = &e->sets;
	return 0;
}

/* Frees what hooks_env_init() made (any part of it). */
static inline void hooks_env_free(struct hooks_env *e)
{
	ct_table_free(e->ct);
	host_free(e->host);
	filter_ruleset_free(e->rs);
}

/*
 * hooks_env_init() for the test @name, reported: false (nothing left to free) after
 * "skip @name: PATH absent" when tum-chair's host files are not there, or after
 * "not ok @name: ruleset and host load" when setting up fails; true when @e is ready.
 */
static inline bool hooks_env_open(struct hooks_env *e, const char *name, const char *rules,
				  uint32_t ct_max)
{
	char probe[4096];

	if (!test_rulesets(HOOKS_ENV_ROUTE, probe, sizeof(probe))) {
		printf("skip %s: %s absent\n", name, probe);
		return false;
	}
	if (!hooks_env_init(e, rules, ct_max))
		return true;
	CHECK(0, "%s: ruleset and host load", name);
	hooks_env_free(e);
	return false;
}

/* Rule @n (from 0) of @chain in @table, or NULL. */
static inline struct filter_rule *hooks_env_rule(struct hooks_env *e, const char *table, const char *chain,
						 unsigned n)
{
	struct filter_chain *c = filter_chain_find(filter_ruleset_table(e->rs, table), chain);

	return c && n < c->n_rules ? c->rules[n] : NULL;
}

/* Hands @p to the hooks as arriving on @dev at @now (ns) into @b; the verdict. */
static inline enum filter_verdict hooks_env_in(struct hooks_env *e, struct tpkt *p, const char *dev,
					       uint64_t now, struct pktbuf *b)
{
	pktbuf_init(b, p->b, p->len, 0, now, dev, NULL);
	return hooks_receive(&e->h, b);
}

#endif
