/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -s/-d address lists: one rule per source x destination, host bits masked, host names resolved as iptables does. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
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

/* Addresses of @name as iptables finds them: getaddrinfo with the same hints
 * (one family, SOCK_RAW), in the resolver's order, so both tools agree on
 * every machine; returns how many (at most @max). */
static unsigned hosts_lookup(int fam, const char *name, uint8_t (*out)[16], unsigned max)
{
	struct addrinfo hints = {
		.ai_family = fam == 6 ? AF_INET6 : AF_INET,
		.ai_socktype = SOCK_RAW,
	};
	struct addrinfo *res, *ai;
	unsigned n = 0;

	if (getaddrinfo(name, NULL, &hints, &res))
		return 0;
	for (ai = res; ai && n < max; ai = ai->ai_next) {
		memset(out[n], 0, 16);
		if (fam == 6)
			memcpy(out[n++], &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
		else
			memcpy(out[n++], &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
	}
	freeaddrinfo(res);
	return n;
}

/* One "A[/M]" item: a numeric address, or a host name, giving one entry
 * per address. */
static int parse_item(struct cmd_state *s, int fam, char *item, struct addr_list *l)
{
	static const uint8_t ones[16] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	uint8_t addrs[8][16], mask[16], dummy[16];
	char *slash = strchr(item, '/');
	unsigned n, i, k;
	int rc;

	if (l->n == MAX_ADDRS)
		return filter_err(s->e, FILTER_E_PARAM, "too many addresses");
	memset(addrs[0], 0, 16);
	memset(mask, 0, 16);
	rc = filter_parse_host(fam, item, addrs[0], mask);
	if (rc == -ERANGE)
		return filter_err(s->e, FILTER_E_PARAM, "invalid mask `%s' specified", slash + 1);
	n = 1;
	if (rc) {
		if (slash)
			*slash = 0;
		n = hosts_lookup(fam, item, addrs, 8);
		if (slash)
			*slash = '/';
		if (!n)
			return filter_err(s->e, FILTER_E_PARAM, "host/network `%s' not found", item);
		memcpy(mask, ones, 16);
		if (fam == 4)
			memset(mask + 4, 0, 12);
		if (slash) {
			char probe[80];

			snprintf(probe, sizeof(probe), "%s%s", fam == 6 ? "::" : "0.0.0.0", slash);
			if (filter_parse_host(fam, probe, dummy, mask))
				return filter_err(s->e, FILTER_E_PARAM, "invalid mask `%s' specified",
						  slash + 1);
		}
	}
	for (i = 0; i < n && l->n < MAX_ADDRS; i++, l->n++) {
		for (k = 0; k < 16; k++)
			l->a[l->n][k] = addrs[i][k] & mask[k];
		memcpy(l->m[l->n], mask, 16);
	}
	return 0;
}

/* Parses "A[/M][,A[/M]...]" as iptables does; "0.0.0.0/0" if @str is NULL. */
static int parse_list(struct cmd_state *s, const char *str, struct addr_list *l)
{
	int fam = s->o->family == FILTER_V6 ? 6 : 4;
	char item[256];
	const char *p = str ? str : (fam == 6 ? "::/0" : "0.0.0.0/0");
	int rc;

	l->n = 0;
	while (*p) {
		size_t n = strcspn(p, ",");

		snprintf(item, sizeof(item), "%.*s", (int)n, p);
		p += n + (p[n] == ',');
		if ((rc = parse_item(s, fam, item, l)))
			return rc;
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
