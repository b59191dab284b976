/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host model from plain `ip addr` and `ip route` text (iproute2's output format). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

#define MAX_TOK 48

/* Splits @line in place at blanks into @tok; returns the count. */
static int split(char *line, char **tok)
{
	int n = 0;
	char *save = NULL, *t;

	for (t = strtok_r(line, " \t\r", &save); t && n < MAX_TOK; t = strtok_r(NULL, " \t\r", &save))
		tok[n++] = t;
	return n;
}

int host_parse_prefix(const char *s, uint8_t *family, uint8_t *addr, uint8_t *plen)
{
	char buf[64];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	char *end;
	long p;

	if (n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = 0;
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, buf, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, buf, addr) == 1)
		*family = AF_INET6;
	else
		return -EINVAL;
	p = *family == AF_INET6 ? 128 : 32;
	if (slash) {
		p = strtol(slash + 1, &end, 10);
		if (*end || end == slash + 1 || p < 0 || p > (*family == AF_INET6 ? 128 : 32))
			return -EINVAL;
	}
	*plen = (uint8_t)p;
	return 0;
}

/* "4: eth1.96@eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 ..." */
static struct host_if *addr_if_line(struct host *h, char **tok, int n)
{
	char name[IFNAMSIZ * 2 + 2], *at;
	struct host_if *f;
	size_t len;
	int i;

	if (n < 2)
		return NULL;
	len = strlen(tok[1]);
	if (!len || tok[1][len - 1] != ':' || len >= sizeof(name))
		return NULL;
	memcpy(name, tok[1], len - 1);
	name[len - 1] = 0;
	at = strchr(name, '@');
	if (at)
		*at++ = 0;
	f = host_if_add(h, name, atoi(tok[0]));
	if (!f)
		return NULL;
	if (at && strcmp(at, "NONE"))
		snprintf(f->link, sizeof(f->link), "%s", at);
	for (i = 2; i < n; i++) {
		if (tok[i][0] == '<') {
			f->flags |= strstr(tok[i], "LOOPBACK") ? HOST_IF_LOOPBACK : 0;
			f->flags |= strstr(tok[i], ",UP") || strstr(tok[i], "<UP") ? HOST_IF_UP : 0;
			f->flags |= strstr(tok[i], "BROADCAST") ? HOST_IF_BROADCAST : 0;
			f->flags |= strstr(tok[i], "MULTICAST") ? HOST_IF_MULTICAST : 0;
			f->flags |= strstr(tok[i], "POINTOPOINT") ? HOST_IF_POINTOPOINT : 0;
		} else if (!strcmp(tok[i], "mtu") && i + 1 < n) {
			f->mtu = (uint32_t)strtoul(tok[++i], NULL, 10);
		}
	}
	return f;
}

/* "inet 131.159.14.3/25 brd 131.159.14.127 scope global [secondary] eth1.96" */
static int addr_line(struct host *h, const struct host_if *f, char **tok, int n)
{
	struct host_addr a = { .ifindex = f->index };
	int i;

	if (n < 2 || host_parse_prefix(tok[1], &a.family, a.addr, &a.plen))
		return -EINVAL;
	if ((a.family == AF_INET6) != !strcmp(tok[0], "inet6"))
		return -EINVAL;
	for (i = 2; i < n; i++) {
		if (!strcmp(tok[i], "brd") && i + 1 < n) {
			uint8_t fam, pl;

			if (host_parse_prefix(tok[++i], &fam, a.brd, &pl) || fam != a.family)
				return -EINVAL;
			a.has_brd = true;
		} else if (!strcmp(tok[i], "scope") && i + 1 < n) {
			snprintf(a.scope, sizeof(a.scope), "%s", tok[++i]);
		} else if (!strcmp(tok[i], "secondary")) {
			a.secondary = true;
		}
	}
	return host_addr_add(h, &a);
}

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned v[6];
	int i;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return -EINVAL;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return 0;
}

int host_text_addr(struct host *h, char *text, const char *file, struct ulog_err *err)
{
	char *save = NULL, *line, *tok[MAX_TOK];
	struct host_if *cur = NULL;
	unsigned lineno = 0;
	int n, rc;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		n = split(line, tok);
		if (!n)
			continue;
		if (line[0] >= '0' && line[0] <= '9') {
			cur = addr_if_line(h, tok, n);
			if (!cur)
				goto bad;
		} else if (!strcmp(tok[0], "inet") || !strcmp(tok[0], "inet6")) {
			if (!cur)
				goto bad;
			rc = addr_line(h, cur, tok, n);
			if (rc == -ENOMEM)
				return ulog_errf(err, rc, "%s:%u: out of memory", file, lineno);
			if (rc)
				goto bad;
		} else if (!strncmp(tok[0], "link/", 5) && cur && n > 1) {
			cur->has_mac = !parse_mac(tok[1], cur->mac);
			if (!strcmp(tok[0], "link/loopback"))
				cur->flags |= HOST_IF_LOOPBACK;
		}
	}
	return 0;
bad:
	ulog_err_at(err, file, lineno);
	return ulog_errf(err, -EINVAL, "%s:%u: cannot read this `ip addr` line", file, lineno);
}

static const char *const rtn_names[] = {
	[HOST_RTN_UNICAST] = "unicast", [HOST_RTN_LOCAL] = "local",
	[HOST_RTN_BROADCAST] = "broadcast", [HOST_RTN_ANYCAST] = "anycast",
	[HOST_RTN_MULTICAST] = "multicast", [HOST_RTN_BLACKHOLE] = "blackhole",
	[HOST_RTN_UNREACHABLE] = "unreachable", [HOST_RTN_PROHIBIT] = "prohibit",
	[HOST_RTN_THROW] = "throw",
};

int host_rtn_type(const char *s)
{
	unsigned i;

	for (i = 1; i < sizeof(rtn_names) / sizeof(rtn_names[0]); i++)
		if (rtn_names[i] && !strcmp(rtn_names[i], s))
			return (int)i;
	return -1;
}

/* Keywords of `ip route` output that take a value (others are flags). */
static bool takes_value(const char *k)
{
	static const char *const kv[] = {
		"proto", "scope", "metric", "error", "pref", "expires", "mtu", "advmss",
		"hoplimit", "realm", "realms", "weight", "rtt", "rttvar", "window", "cwnd",
		"initcwnd", "initrwnd", "ssthresh", "features", "quickack", "congctl", "from",
		"tos", "dsfield", "nhid", "encap", "label", NULL,
	};
	unsigned i;

	for (i = 0; kv[i]; i++)
		if (!strcmp(kv[i], k))
			return true;
	return false;
}

/* One route line. Returns 0, 1 (skipped: another table), or -EINVAL/-ENOMEM. */
static int route_line(struct host *h, char **tok, int n, uint8_t deffam)
{
	struct host_route r = { .type = HOST_RTN_UNICAST };
	int i = 0, t = host_rtn_type(tok[0]);
	uint8_t fam;

	if (t >= 0)
		i++;
	r.type = t >= 0 ? (uint8_t)t : HOST_RTN_UNICAST;
	if (i >= n)
		return -EINVAL;
	if (!strcmp(tok[i], "default")) {
		r.family = deffam;
		r.plen = 0;
	} else if (host_parse_prefix(tok[i], &r.family, r.dst, &r.plen)) {
		return -EINVAL;
	}
	for (i++; i < n; i++) {
		const char *k = tok[i];

		if (i + 1 < n && !strcmp(k, "via")) {
			const char *v = tok[++i];
			uint8_t pl;

			if (!strcmp(v, "inet") || !strcmp(v, "inet6"))
				v = i + 1 < n ? tok[++i] : "";
			if (host_parse_prefix(v, &fam, r.gw, &pl))
				return -EINVAL;
			r.family = fam;   /* "default via" tells the family */
			r.has_gw = true;
		} else if (i + 1 < n && !strcmp(k, "dev")) {
			const struct host_if *f = host_if_add(h, tok[++i], 0);

			if (!f)
				return -ENOMEM;
			if (!r.ifindex)
				r.ifindex = f->index;
		} else if (i + 1 < n && !strcmp(k, "src")) {
			uint8_t pl;

			if (host_parse_prefix(tok[++i], &fam, r.src, &pl))
				return -EINVAL;
			r.has_src = true;
		} else if (i + 1 < n && !strcmp(k, "metric")) {
			r.metric = (uint32_t)strtoul(tok[++i], NULL, 10);
		} else if (i + 1 < n && !strcmp(k, "table")) {
			if (host_table_word(tok[++i], &r))
				return 1;
		} else if (i + 1 < n && takes_value(k)) {
			i++;
		}
	}
	if (r.family == AF_INET6 && !r.metric && deffam == AF_INET6)
		r.metric = 1024;
	return host_route_add(h, &r);
}

int host_text_route(struct host *h, char *text, const char *file, struct ulog_err *err)
{
	char *save = NULL, *line, *tok[MAX_TOK];
	uint8_t deffam = strchr(text, ':') ? AF_INET6 : AF_INET;
	unsigned lineno = 0;
	int n, rc;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		if (line[0] == ' ' || line[0] == '\t')
			continue;           /* "nexthop ..." continuation: first dev was taken */
		n = split(line, tok);
		if (!n)
			continue;
		rc = route_line(h, tok, n, deffam);
		if (rc < 0) {
			ulog_err_at(err, file, lineno);
			return ulog_errf(err, rc, "%s:%u: cannot read this `ip route` line", file, lineno);
		}
	}
	return 0;
}

/* A rule's selector or action word at tok[*i] with its value; false if unknown. */
static bool rule_word(struct host_rule *r, char **tok, int n, int *i)
{
	const char *k = tok[*i], *v = *i + 1 < n ? tok[*i + 1] : NULL;
	int t = host_rtn_type(k);
	uint8_t fam;

	if (t >= HOST_RTN_BLACKHOLE && t <= HOST_RTN_PROHIBIT) {
		r->action = (uint8_t)t;
		return true;
	}
	if (!v)
		return !strcmp(k, "[detached]");
	++*i;
	if ((!strcmp(k, "from") || !strcmp(k, "to")) && strcmp(v, "all")) {
		bool from = k[0] == 'f';

		if (host_parse_prefix(v, &fam, from ? r->src : r->dst, from ? &r->src_len : &r->dst_len))
			return false;
		r->family = fam;
	} else if (!strcmp(k, "iif") || !strcmp(k, "oif")) {
		snprintf(k[0] == 'i' ? r->iif : r->oif, IFNAMSIZ, "%s", v);
	} else if (!strcmp(k, "fwmark")) {
		const char *slash = strchr(v, '/');

		r->has_mark = true;
		r->mark = (uint32_t)strtoul(v, NULL, 0);
		r->mask = slash ? (uint32_t)strtoul(slash + 1, NULL, 0) : 0xffffffffu;
	} else if (!strcmp(k, "lookup") || !strcmp(k, "table")) {
		long id = host_table_id(v);

		r->action = HOST_RULE_TABLE;
		r->target = (uint32_t)id;
		r->never |= id < 0;
	} else if (!strcmp(k, "goto")) {
		r->action = HOST_RULE_GOTO;
		r->target = (uint32_t)strtoul(v, NULL, 10);
	} else if (!strcmp(k, "suppress_prefixlength")) {
		r->suppress_plen = atoi(v);
	} else if (!strcmp(k, "ipproto") || !strcmp(k, "sport") || !strcmp(k, "dport") ||
		   !strcmp(k, "uidrange")) {
		r->never = true;
	} else if (strcmp(k, "from") && strcmp(k, "to") && strcmp(k, "pref") && strcmp(k, "tos") &&
		   strcmp(k, "dsfield") && strcmp(k, "realms") && strcmp(k, "proto") &&
		   strcmp(k, "protocol") && strcmp(k, "l3mdev")) {
		return false;
	}
	return true;
}

/* "100:\tnot from 10.7.0.0/24 lookup 100" into @r. 0 or -EINVAL. */
static int rule_line(char **tok, int n, struct host_rule *r)
{
	int i = 1;

	memset(r, 0, sizeof(*r));
	r->suppress_plen = -1;
	r->action = HOST_RULE_NOP;
	r->priority = (uint32_t)strtoul(tok[0], NULL, 10);
	if (i < n && !strcmp(tok[i], "not")) {
		r->invert = true;
		i++;
	}
	for (; i < n; i++)
		if (!rule_word(r, tok, n, &i))
			return -EINVAL;
	return 0;
}

int host_text_rule(struct host *h, char *text, const char *file, struct ulog_err *err)
{
	char *save = NULL, *line, *tok[MAX_TOK];
	struct host_rule *rs = NULL;
	unsigned lineno = 0, nr = 0, i;
	uint8_t fam = AF_UNSPEC;
	int n, rc = 0;

	for (line = strtok_r(text, "\n", &save); line && !rc; line = strtok_r(NULL, "\n", &save)) {
		struct host_rule *p = realloc(rs, (nr + 1) * sizeof(*rs));

		lineno++;
		n = split(line, tok);
		if (!n)
			continue;
		if (!p)
			rc = -ENOMEM;
		else if (rule_line(tok, n, &(rs = p)[nr]))
			rc = ulog_errf(err, -EINVAL, "%s:%u: cannot read this `ip rule` line", file, lineno);
		else if (!fam)
			fam = rs[nr++].family;
		else
			nr++;
	}
	if (rc == -EINVAL)
		ulog_err_at(err, file, lineno);
	for (i = 0; i < nr && !rc; i++) {
		rs[i].family = fam;
		rc = host_rule_add(h, &rs[i]);
	}
	free(rs);
	return rc;
}
