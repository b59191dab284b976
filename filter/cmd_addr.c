/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -s/-d address lists: one rule per source x destination, host bits masked, no name lookups. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_priv.h"
#include "util.h"

#define MAX_ADDRS 256

struct addr_list {
	uint8_t a[MAX_ADDRS][16], m[MAX_ADDRS][16];
	unsigned n;
};

/* Parses "A[/M][,A[/M]...]" as iptables does; "0.0.0.0/0" if @s is NULL. */
static int parse_list(struct cmd_state *s, const char *str, struct addr_list *l)
{
	int fam = s->o->family == FILTER_V6 ? 6 : 4;
	char item[256];
	const char *p = str ? str : (fam == 6 ? "::/0" : "0.0.0.0/0");
	unsigned k;

	l->n = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		int rc;

		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		if (l->n == MAX_ADDRS)
			return filter_err(s->e, FILTER_E_PARAM, "too many addresses");
		memset(l->a[l->n], 0, 16);
		memset(l->m[l->n], 0, 16);
		rc = filter_parse_host(fam, item, l->a[l->n], l->m[l->n]);
		if (rc == -ERANGE)
			return filter_err(s->e, FILTER_E_PARAM, "invalid mask `%s' specified",
					  strchr(item, '/') + 1);
		if (rc)
			return filter_err(s->e, FILTER_E_PARAM, "host/network `%s' not found", item);
		for (k = 0; k < 16; k++)
			l->a[l->n][k] &= l->m[l->n][k];
		l->n++;
	}
	return 0;
}

static int add_rule(struct cmd_state *s, const uint8_t *sa, const uint8_t *sm,
		    const uint8_t *da, const uint8_t *dm)
{
	struct filter_rule *r = filter_rule_clone(s->rule), **n;

	if (!r)
		return filter_err(s->e, FILTER_E_RESOURCE, "out of memory");
	memcpy(r->src, sa, 16);
	memcpy(r->smsk, sm, 16);
	memcpy(r->dst, da, 16);
	memcpy(r->dmsk, dm, 16);
	n = realloc(s->cmd->rules, (s->cmd->n_rules + 1) * sizeof(*n));
	if (!n) {
		filter_rule_free(r, NULL, false);
		return filter_err(s->e, FILTER_E_RESOURCE, "out of memory");
	}
	s->cmd->rules = n;
	n[s->cmd->n_rules++] = r;
	return 0;
}

/* See cmd_priv.h. */
int cmd_expand_addresses(struct cmd_state *s)
{
	static __thread struct addr_list src, dst;
	unsigned i, j;
	int rc;

	if ((rc = parse_list(s, s->saddr, &src)) || (rc = parse_list(s, s->daddr, &dst)))
		return rc;
	if ((src.n > 1 || dst.n > 1) && (s->rule->src_inv || s->rule->dst_inv))
		return filter_err(s->e, FILTER_E_PARAM,
				  "! not allowed with multiple source or destination IP addresses");
	if (s->cmd->cmd == FILTER_CMD_REPLACE && (src.n != 1 || dst.n != 1))
		return filter_err(s->e, FILTER_E_PARAM,
				  "Replacement rule does not specify a unique address");
	for (i = 0; i < src.n; i++)
		for (j = 0; j < dst.n; j++)
			if ((rc = add_rule(s, src.a[i], src.m[i], dst.a[j], dst.m[j])))
				return rc;
	return 0;
}
