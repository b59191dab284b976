/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Policy routing of the simulated host: fib rules in priority order choosing the table a route comes from. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

long host_table_id(const char *s)
{
	char *end;
	unsigned long v;

	if (!strcmp(s, "main"))
		return HOST_TABLE_MAIN;
	if (!strcmp(s, "local"))
		return HOST_TABLE_LOCAL;
	if (!strcmp(s, "default"))
		return HOST_TABLE_DEFAULT;
	v = strtoul(s, &end, 0);
	return *end || end == s || v == 0 || v > 0xffffffffUL ? -1 : (long)v;
}

int host_table_word(const char *s, struct host_route *r)
{
	long t = host_table_id(s);

	if (t < 0)
		return 1;
	r->local_table = t == HOST_TABLE_LOCAL;
	r->table = t == HOST_TABLE_MAIN || t == HOST_TABLE_LOCAL ? 0 : (uint32_t)t;
	return 0;
}

/* The first @plen bits of @a and @b are equal. */
static bool prefix_eq(const uint8_t *a, const uint8_t *b, unsigned plen)
{
	unsigned i = 0;

	for (; plen >= 8; plen -= 8, i++)
		if (a[i] != b[i])
			return false;
	return !plen || !((a[i] ^ b[i]) & (uint8_t)(0xff << (8 - plen)));
}

static bool dev_eq(const char *want, const char *have)
{
	return !want[0] || (have && !strcmp(want, have));
}

/* fib_rule_match(): every selector holds, then "not" inverts. */
static bool rule_match(const struct host_rule *r, const uint8_t *dst, const struct host_flow *fl)
{
	static const uint8_t zero[16];
	const uint8_t *src = fl->src ? fl->src : zero;
	bool m = dev_eq(r->iif, fl->iif) && dev_eq(r->oif, fl->oif) &&
		 (!r->has_mark || ((fl->mark ^ r->mark) & r->mask) == 0) &&
		 prefix_eq(src, r->src, r->src_len) && prefix_eq(dst, r->dst, r->dst_len);

	return r->invert ? !m : m;
}

/* The static answer of a rule's blackhole, unreachable or prohibit. */
static const struct host_route *drop_route(uint8_t family, uint8_t type)
{
	static const struct host_route v4[3] = {
		{ .family = AF_INET, .type = HOST_RTN_BLACKHOLE },
		{ .family = AF_INET, .type = HOST_RTN_UNREACHABLE },
		{ .family = AF_INET, .type = HOST_RTN_PROHIBIT },
	}, v6[3] = {
		{ .family = AF_INET6, .type = HOST_RTN_BLACKHOLE },
		{ .family = AF_INET6, .type = HOST_RTN_UNREACHABLE },
		{ .family = AF_INET6, .type = HOST_RTN_PROHIBIT },
	};

	return (family == AF_INET6 ? v6 : v4) + (type - HOST_RTN_BLACKHOLE);
}

/* The index of the first rule after @i of @family with priority >= @prio. */
static unsigned goto_target(const struct host *h, unsigned i, uint8_t family, uint32_t prio)
{
	for (i++; i < h->n_rules; i++)
		if (h->rules[i].family == family && h->rules[i].priority >= prio)
			break;
	return i;
}

static bool has_rules(const struct host *h, uint8_t family)
{
	unsigned i;

	for (i = 0; i < h->n_rules; i++)
		if (h->rules[i].family == family)
			return true;
	return false;
}

/* The rules that route @family: its own, else those of a listing naming no
 * address (AF_UNSPEC: `ip rule` output with only "from all" selectors). */
static uint8_t rule_set(const struct host *h, uint8_t family)
{
	return has_rules(h, family) ? family : AF_UNSPEC;
}

const struct host_route *host_rule_walk(const struct host *h, uint8_t family, const uint8_t *dst,
					const struct host_flow *fl)
{
	static const struct host_flow none;
	const struct host_route *rt;
	uint8_t set = rule_set(h, family);
	unsigned i = 0;

	if (!h->n_rules || !has_rules(h, set))
		return host_route_lookup(h, family, dst);
	fl = fl ? fl : &none;
	while (i < h->n_rules) {
		const struct host_rule *r = &h->rules[i];

		if (r->family != set || r->never || !rule_match(r, dst, fl)) {
			i++;
			continue;
		}
		if (r->action == HOST_RULE_GOTO) {
			i = goto_target(h, i, set, r->target);
			continue;
		}
		i++;
		if (r->action >= HOST_RTN_BLACKHOLE && r->action <= HOST_RTN_PROHIBIT)
			return drop_route(family, r->action);
		if (r->action != HOST_RULE_TABLE)
			continue;
		rt = host_route_walk(h, family, dst, r->target);
		/* a throw route, or a prefix suppressed, goes on with the next rule */
		if (!rt || rt->type == HOST_RTN_THROW ||
		    (r->suppress_plen >= 0 && rt->plen <= r->suppress_plen))
			continue;
		return rt;
	}
	return NULL;
}

bool host_is_rule_listing(const char *text)
{
	while (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')
		text++;
	if (*text == '[') {
		for (text++; *text == ' ' || *text == '\n' || *text == '\t' || *text == '\r'; text++)
			;
		return !strncmp(text, "{\"priority\"", 11);
	}
	while (*text >= '0' && *text <= '9')
		text++;
	return text[0] == ':' && text[1] == '\t';
}
