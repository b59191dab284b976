/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `ipset save` text into minimal sets (hash:ip, hash:net) kept in the ruleset context; membership test. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipset.h"

static struct xt_ipset *ipset_get(struct filter_ctx *ctx, const char *name)
{
	char key[64];

	return filter_ctx_shared(ctx, "ipset", xt_shared_name(name, key, sizeof(key)),
				 sizeof(struct xt_ipset), NULL, NULL);
}

/* See ipset.h. */
struct xt_ipset *xt_ipset_find(struct filter_ctx *ctx, const char *name)
{
	struct xt_ipset *s = ipset_get(ctx, name);

	return s && s->defined ? s : NULL;
}

static int ipset_create(struct filter_ctx *ctx, char **tok, int n, unsigned line,
			struct ulog_err *err)
{
	struct xt_ipset *s;
	int i;

	if (n < 3)
		return ulog_errf(err, -EINVAL, "ipset line %u: create needs a name and a type", line);
	s = ipset_get(ctx, tok[1]);
	if (!s)
		return ulog_errf(err, -ENOMEM, "ipset line %u: out of memory", line);
	s->defined = true;
	s->family = FILTER_V4;
	s->net = !strcmp(tok[2], "hash:net");
	s->n = 0;
	for (i = 3; i + 1 < n; i++)
		if (!strcmp(tok[i], "family"))
			s->family = !strcmp(tok[i + 1], "inet6") ? FILTER_V6 : FILTER_V4;
	return 0;
}

static int ipset_add(struct filter_ctx *ctx, char **tok, int n, unsigned line, struct ulog_err *err)
{
	struct xt_ipset *s = n >= 3 ? xt_ipset_find(ctx, tok[1]) : NULL;
	struct xt_ipset_entry *e;
	int af, full;
	char *slash;

	if (!s)
		return ulog_errf(err, -EINVAL, "ipset line %u: add to a set not created", line);
	if (s->n == XT_IPSET_MAX)
		return ulog_errf(err, -ENOSPC, "ipset line %u: set %s is full", line, tok[1]);
	af = s->family == FILTER_V6 ? AF_INET6 : AF_INET;
	full = af == AF_INET6 ? 128 : 32;
	e = &s->e[s->n];
	memset(e, 0, sizeof(*e));
	slash = strchr(tok[2], '/');
	if (slash)
		*slash++ = 0;
	if (strchr(tok[2], ','))
		*strchr(tok[2], ',') = 0;
	if (inet_pton(af, tok[2], e->addr) != 1)
		return ulog_errf(err, -EINVAL, "ipset line %u: bad address %s", line, tok[2]);
	e->plen = (uint8_t)(slash ? atoi(slash) : full);
	if (e->plen > full)
		return ulog_errf(err, -EINVAL, "ipset line %u: bad prefix /%s", line, slash);
	s->n++;
	return 0;
}

/* See ipset.h. */
int xt_ipset_load(struct filter_ctx *ctx, const char *text, struct ulog_err *err)
{
	const char *p = text;
	unsigned line = 0;

	while (*p) {
		char buf[512], *tok[32], *save = NULL, *t;
		size_t len = strcspn(p, "\n");
		int n = 0, rc = 0;

		line++;
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < sizeof(buf) ? len : sizeof(buf) - 1), p);
		p += len + (p[len] == '\n');
		for (t = strtok_r(buf, " \t", &save); t && n < 32; t = strtok_r(NULL, " \t", &save))
			tok[n++] = t;
		if (!n || tok[0][0] == '#')
			continue;
		if (!strcmp(tok[0], "create") || !strcmp(tok[0], "-N"))
			rc = ipset_create(ctx, tok, n, line, err);
		else if (!strcmp(tok[0], "add") || !strcmp(tok[0], "-A"))
			rc = ipset_add(ctx, tok, n, line, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* See ipset.h. */
bool xt_ipset_test(const struct xt_ipset *s, const uint8_t *addr)
{
	unsigned i, k;

	for (i = 0; i < s->n; i++) {
		const struct xt_ipset_entry *e = &s->e[i];
		unsigned bits = e->plen;
		bool hit = true;

		for (k = 0; hit && bits; k++) {
			unsigned b = bits > 8 ? 8 : bits;
			uint8_t m = (uint8_t)(0xff << (8 - b));

			hit = (addr[k] & m) == (e->addr[k] & m);
			bits -= b;
		}
		if (hit)
			return true;
	}
	return false;
}
