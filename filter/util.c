/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the core and the extensions: bounded printing, numbers, names, addresses. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* See util.h. */
size_t filter_bprintf(struct filter_buf *b, const char *fmt, ...)
{
	size_t room = b->pos < b->len ? b->len - b->pos : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(room ? b->buf + b->pos : NULL, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->pos += (size_t)n;
	return b->pos;
}

/* See util.h. */
size_t filter_bquote(struct filter_buf *b, const char *s)
{
	static const char plain[] = "_-0123456789abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t n = strspn(s, plain);
	const char *p;

	if (n > 0 && s[n] == 0)
		return filter_bprintf(b, "%s", s);
	filter_bprintf(b, "\"");
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '\'')
			filter_bprintf(b, "\\");
		filter_bprintf(b, "%c", *p);
	}
	return filter_bprintf(b, "\"");
}

/* See util.h. */
size_t filter_bsep(struct filter_buf *b)
{
	return b->pos ? filter_bprintf(b, " ") : 0;
}

/* See util.h. */
bool filter_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* See util.h. */
bool filter_parse_port(const char *s, const char *proto, uint16_t *out)
{
	struct servent *se;
	uint64_t v;

	if (filter_parse_uint(s, 0, 65535, &v)) {
		*out = (uint16_t)v;
		return true;
	}
	se = getservbyname(s, proto);
	if (!se)
		return false;
	*out = ntohs((uint16_t)se->s_port);
	return true;
}

/* iptables' own protocol names, looked at before /etc/protocols when printing. */
static const struct { const char *name; uint16_t num; } chain_protos[] = {
	{ "tcp", IPPROTO_TCP }, { "sctp", IPPROTO_SCTP }, { "udp", IPPROTO_UDP },
	{ "udplite", IPPROTO_UDPLITE }, { "icmp", IPPROTO_ICMP },
	{ "icmpv6", IPPROTO_ICMPV6 }, { "ipv6-icmp", IPPROTO_ICMPV6 },
	{ "esp", IPPROTO_ESP }, { "ah", IPPROTO_AH }, { "ipv6-mh", 135 },
	{ "mh", 135 }, { "all", 0 },
};

/* /etc/protocols read once (names and aliases): a restore looks up "tcp"
 * for every rule, and getprotobyname() rereads the file each call. */
struct proto_name {
	char name[32];
	uint16_t num;
};
static struct proto_name *proto_db;
static size_t proto_db_n;
static bool proto_db_done;

static void proto_db_add(const char *name, int num)
{
	struct proto_name *n;

	if (strlen(name) >= sizeof(n->name) || num < 0 || num > 255)
		return;
	n = realloc(proto_db, (proto_db_n + 1) * sizeof(*n));
	if (!n)
		return;
	proto_db = n;
	strcpy(proto_db[proto_db_n].name, name);
	proto_db[proto_db_n++].num = (uint16_t)num;
}

static void proto_db_load(void)
{
	struct protoent *pe;
	char **a;

	proto_db_done = true;
	setprotoent(1);
	while ((pe = getprotoent())) {
		proto_db_add(pe->p_name, pe->p_proto);
		for (a = pe->p_aliases; a && *a; a++)
			proto_db_add(*a, pe->p_proto);
	}
	endprotoent();
}

/* See util.h. */
bool filter_parse_proto(const char *s, uint16_t *out)
{
	uint64_t v;
	size_t i;

	if (filter_parse_uint(s, 0, 255, &v)) {
		*out = (uint16_t)v;
		return true;
	}
	if (!strcmp(s, "all")) {
		*out = 0;
		return true;
	}
	if (!proto_db_done)
		proto_db_load();
	for (i = 0; i < proto_db_n; i++)
		if (!strcmp(s, proto_db[i].name)) {
			*out = proto_db[i].num;
			return true;
		}
	for (i = 0; i < sizeof(chain_protos) / sizeof(chain_protos[0]); i++)
		if (!strcmp(s, chain_protos[i].name)) {
			*out = chain_protos[i].num;
			return true;
		}
	return false;
}

/* Names cached per number: getprotobynumber reads a file each call. */
static char proto_names[256][32];
static bool proto_names_done[256];

/* See util.h. */
const char *filter_proto_name(uint16_t proto)
{
	struct protoent *pe;
	size_t i;

	if (!proto || proto > 255)
		return NULL;
	if (!proto_names_done[proto]) {
		pe = getprotobynumber(proto);
		if (pe)
			snprintf(proto_names[proto], sizeof(proto_names[proto]), "%s", pe->p_name);
		proto_names_done[proto] = true;
	}
	if (proto_names[proto][0])
		return proto_names[proto];
	for (i = 0; i < sizeof(chain_protos) / sizeof(chain_protos[0]); i++)
		if (chain_protos[i].num == proto)
			return chain_protos[i].name;
	return NULL;
}

/* See util.h. */
const char *filter_proto_ext_name(uint16_t proto)
{
	size_t i;

	for (i = 0; i < sizeof(chain_protos) / sizeof(chain_protos[0]); i++)
		if (chain_protos[i].num == proto)
			return chain_protos[i].name;
	return NULL;
}

static int addr_len(int family)
{
	return family == 6 ? 16 : 4;
}

static void prefix_to_mask(int family, unsigned prefix, uint8_t *mask)
{
	int i, n = addr_len(family);

	for (i = 0; i < n; i++) {
		unsigned bits = prefix > 8 ? 8 : prefix;

		mask[i] = (uint8_t)(bits ? 0xff << (8 - bits) : 0);
		prefix -= bits;
	}
}

/* IPv4 as iptables reads it: 1 to 4 parts, each 0..255 in C notation
 * (010 is octal), missing parts zero ("10.1" = 10.1.0.0); a mask needs all 4. */
static bool parse_ipv4(const char *s, uint8_t *addr, bool is_mask)
{
	char buf[20], *p = buf, *q;
	uint64_t v;
	int i;

	snprintf(buf, sizeof(buf), "%s", s);
	memset(addr, 0, 4);
	for (i = 0; i < 3; i++) {
		q = strchr(p, '.');
		if (!q) {
			if (is_mask || !filter_parse_uint(p, 0, 255, &v))
				return false;
			addr[i] = (uint8_t)v;
			return true;
		}
		*q = 0;
		if (!filter_parse_uint(p, 0, 255, &v))
			return false;
		addr[i] = (uint8_t)v;
		p = q + 1;
	}
	if (!filter_parse_uint(p, 0, 255, &v))
		return false;
	addr[3] = (uint8_t)v;
	return true;
}

/* Parses the mask part after '/': a prefix length, or a dotted (IPv4) or
 * colon (IPv6) mask. */
static bool parse_mask(int family, const char *s, uint8_t *mask)
{
	uint64_t v;

	if (family == 4 && strchr(s, '.'))
		return parse_ipv4(s, mask, true);
	if (family == 6 && strchr(s, ':'))
		return inet_pton(AF_INET6, s, mask) == 1;
	if (!filter_parse_uint(s, 0, family == 6 ? 128 : 32, &v))
		return false;
	prefix_to_mask(family, (unsigned)v, mask);
	return true;
}

/* See util.h. */
int filter_parse_host(int family, const char *s, uint8_t *addr, uint8_t *mask)
{
	char tmp[INET6_ADDRSTRLEN + 64];
	char *slash;

	if (strlen(s) >= sizeof(tmp))
		return -EINVAL;
	strcpy(tmp, s);
	slash = strchr(tmp, '/');
	if (slash)
		*slash++ = 0;
	if (family == 4 ? !parse_ipv4(tmp, addr, false) : inet_pton(AF_INET6, tmp, addr) != 1)
		return -EINVAL;
	if (slash)
		return parse_mask(family, slash, mask) ? 0 : -ERANGE;
	prefix_to_mask(family, family == 6 ? 128 : 32, mask);
	return 0;
}

/* See util.h. */
bool filter_parse_addr_mask(int family, const char *s, uint8_t *addr, uint8_t *mask)
{
	return filter_parse_host(family, s, addr, mask) == 0;
}

/* See util.h. */
int filter_mask_prefix(int family, const uint8_t *mask)
{
	int i, n = addr_len(family), bits = 0;
	bool zero = false;

	for (i = 0; i < n * 8; i++) {
		bool set = mask[i / 8] & (0x80 >> (i % 8));

		if (set && zero)
			return -1;
		if (set)
			bits++;
		else
			zero = true;
	}
	return bits;
}

/* See util.h. */
size_t filter_baddr(struct filter_buf *b, int family, const uint8_t *addr)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(family == 6 ? AF_INET6 : AF_INET, addr, s, sizeof(s));
	return filter_bprintf(b, "%s", s);
}

/* See util.h. */
size_t filter_baddr_mask(struct filter_buf *b, int family, const uint8_t *addr,
			 const uint8_t *mask)
{
	int p = filter_mask_prefix(family, mask);

	filter_baddr(b, family, addr);
	if (p >= 0)
		return filter_bprintf(b, "/%d", p);
	filter_bprintf(b, "/");
	return filter_baddr(b, family, mask);
}
