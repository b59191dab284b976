/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host model's tables: interfaces, addresses, routes kept in lookup order, and the derived local table. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

/*
 * The memo of host_route_lookup() and host_is_local() per address: a
 * replay asks both for the same few thousand addresses millions of times,
 * and each answer is a walk over every route or address. Direct-mapped;
 * an entry counts only while its generation is the table's, which any
 * change to addresses or routes advances.
 */
#define HOST_CACHE_SIZE 65536u

struct host_cache_ent {
	uint8_t addr[16];
	uint8_t family;
	uint8_t known;           /* HC_ROUTE, HC_LOCAL: which answers are memoised */
	bool local;
	int32_t route;           /* index into routes, -1: none */
	uint32_t gen;
};

enum { HC_ROUTE = 1, HC_LOCAL = 2 };

struct host_cache {
	uint32_t gen;
	struct host_cache_ent e[HOST_CACHE_SIZE];
};

struct host *host_new(void)
{
	struct host *h = calloc(1, sizeof(struct host));

	if (h && !(h->cache = calloc(1, sizeof(*h->cache)))) {
		free(h);
		return NULL;
	}
	if (h)
		h->cache->gen = 1;
	return h;
}

/* Forgets every memoised answer (addresses or routes changed). */
static void cache_flush(struct host *h)
{
	host_rule_memo_flush(h);
	if (h->cache && !++h->cache->gen) {
		memset(h->cache->e, 0, sizeof(h->cache->e));
		h->cache->gen = 1;
	}
}

void host_free(struct host *h)
{
	if (!h)
		return;
	free(h->cache);
	free(h->rule_memo);
	free(h->ifs);
	free(h->addrs);
	free(h->routes);
	free(h->rules);
	free(h->confs);
	free(h->conf_memo);
	free(h);
}

/* Makes room for one more element of @size in *@arr. Returns 0 or -ENOMEM. */
static int grow(void **arr, unsigned n, unsigned *cap, size_t size)
{
	void *p;
	unsigned c;

	if (n < *cap)
		return 0;
	c = *cap ? *cap * 2 : 16;
	p = realloc(*arr, (size_t)c * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*cap = c;
	return 0;
}

const struct host_if *host_if_by_name(const struct host *h, const char *name)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		if (!strcmp(h->ifs[i].name, name))
			return &h->ifs[i];
	return NULL;
}

const struct host_if *host_if_by_index(const struct host *h, int index)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		if (h->ifs[i].index == index)
			return &h->ifs[i];
	return NULL;
}

struct host_if *host_if_add(struct host *h, const char *name, int index)
{
	struct host_if *f = (struct host_if *)host_if_by_name(h, name);
	unsigned i;
	int max = 0;

	if (f)
		return f;
	if (grow((void **)&h->ifs, h->n_ifs, &h->cap_ifs, sizeof(*h->ifs)))
		return NULL;
	for (i = 0; i < h->n_ifs; i++)
		if (h->ifs[i].index > max)
			max = h->ifs[i].index;
	f = &h->ifs[h->n_ifs++];
	memset(f, 0, sizeof(*f));
	strncpy(f->name, name, IFNAMSIZ - 1);
	f->index = index > 0 ? index : max + 1;
	return f;
}

static int alen(uint8_t family)
{
	return family == AF_INET6 ? 16 : 4;
}

static void mask_prefix(uint8_t *a, unsigned plen, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		int keep = (int)plen - i * 8;

		if (keep <= 0)
			a[i] = 0;
		else if (keep < 8)
			a[i] &= (uint8_t)(0xff << (8 - keep));
	}
}

/* Lookup order: local table first, then longer prefixes, then lower metrics. */
static bool route_before(const struct host_route *a, const struct host_route *b)
{
	if (a->local_table != b->local_table)
		return a->local_table;
	if (a->plen != b->plen)
		return a->plen > b->plen;
	return a->metric < b->metric;
}

static bool route_same(const struct host_route *a, const struct host_route *b)
{
	return a->family == b->family && a->plen == b->plen && a->local_table == b->local_table &&
	       a->type == b->type && a->ifindex == b->ifindex && !memcmp(a->dst, b->dst, 16) &&
	       a->metric == b->metric && a->table == b->table;
}

int host_route_add(struct host *h, const struct host_route *r)
{
	struct host_route nr = *r;
	unsigned i, pos;

	mask_prefix(nr.dst, nr.plen, 16);
	cache_flush(h);
	for (i = 0; i < h->n_routes; i++)
		if (route_same(&h->routes[i], &nr))
			return 0;
	if (grow((void **)&h->routes, h->n_routes, &h->cap_routes, sizeof(*h->routes)))
		return -ENOMEM;
	for (pos = 0; pos < h->n_routes && !route_before(&nr, &h->routes[pos]); pos++)
		;
	memmove(&h->routes[pos + 1], &h->routes[pos], (h->n_routes - pos) * sizeof(nr));
	h->routes[pos] = nr;
	h->n_routes++;
	return 0;
}

/* The local-table and connected routes the kernel makes for address @a. */
static int derive_routes(struct host *h, const struct host_addr *a)
{
	const struct host_if *f = host_if_by_index(h, a->ifindex);
	bool lo = f && (f->flags & HOST_IF_LOOPBACK);
	struct host_route r = { .family = a->family, .ifindex = a->ifindex };
	int n = alen(a->family), rc;

	memcpy(r.src, a->addr, 16);
	r.has_src = true;
	r.local_table = true;
	r.type = HOST_RTN_LOCAL;
	memcpy(r.dst, a->addr, 16);
	r.plen = (uint8_t)(n * 8);
	rc = host_route_add(h, &r);
	if (!rc && a->has_brd) {
		r.type = HOST_RTN_BROADCAST;
		memcpy(r.dst, a->brd, 16);
		rc = host_route_add(h, &r);
	}
	if (!rc && a->family == AF_INET && !a->secondary && a->plen && a->plen < 31) {
		/* fib_add_ifaddr: the subnet's broadcast address, brd given or not */
		uint32_t v = ((uint32_t)a->addr[0] << 24 | (uint32_t)a->addr[1] << 16 |
			      (uint32_t)a->addr[2] << 8 | a->addr[3]) | (0xffffffffu >> a->plen);

		r.type = HOST_RTN_BROADCAST;
		memset(r.dst, 0, 16);
		r.dst[0] = (uint8_t)(v >> 24), r.dst[1] = (uint8_t)(v >> 16);
		r.dst[2] = (uint8_t)(v >> 8), r.dst[3] = (uint8_t)v;
		rc = host_route_add(h, &r);
	}
	if (rc || a->secondary || a->plen == n * 8)
		return rc;
	memcpy(r.dst, a->addr, 16);
	r.plen = a->plen;
	if (lo) {                    /* "local 127.0.0.0/8 dev lo" */
		r.type = HOST_RTN_LOCAL;
		return host_route_add(h, &r);
	}
	r.local_table = false;       /* the connected prefix route in main */
	r.type = HOST_RTN_UNICAST;
	r.metric = a->family == AF_INET6 ? 256 : 0;
	return host_route_add(h, &r);
}

int host_addr_add(struct host *h, const struct host_addr *a)
{
	if (grow((void **)&h->addrs, h->n_addrs, &h->cap_addrs, sizeof(*h->addrs)))
		return -ENOMEM;
	cache_flush(h);
	h->addrs[h->n_addrs++] = *a;
	return derive_routes(h, a);
}

/* The memo slot of an address given as words. */
static struct host_cache_ent *cache_slot(const struct host *h, const uint32_t *w)
{
	uint32_t x = (w[0] ^ w[1] * 0x9e3779b1u ^ w[2] * 0x85ebca77u ^ w[3] * 0xc2b2ae3du) * 0x27d4eb2fu;

	return &h->cache->e[(x >> 16 ^ x) & (HOST_CACHE_SIZE - 1)];
}

void host_prefetch(const struct host *h, uint8_t family, const uint8_t *addr)
{
	uint32_t w[4] = { 0 };

	if (!h->cache)
		return;
	memcpy(w, addr, (size_t)alen(family));
	__builtin_prefetch(cache_slot(h, w));
}

/* The memo entry of @addr: *@hit tells whether it holds this address now. */
static struct host_cache_ent *cache_ent(const struct host *h, uint8_t family, const uint8_t *addr,
					bool *hit)
{
	struct host_cache_ent *e;
	uint32_t w[4] = { 0 };

	memcpy(w, addr, (size_t)alen(family));
	e = cache_slot(h, w);
	*hit = e->gen == h->cache->gen && e->family == family && !memcmp(e->addr, w, sizeof(w));
	if (!*hit) {
		memcpy(e->addr, w, 16);
		e->family = family;
		e->gen = h->cache->gen;
		e->known = 0;
	}
	return e;
}

/* The address of @family at @a as two 64-bit words (IPv4: the first, zero-extended). */
static void addr_words(uint8_t family, const uint8_t *a, uint64_t *w)
{
	w[0] = w[1] = 0;
	memcpy(w, a, (size_t)alen(family));
}

static bool is_local_walk(const struct host *h, uint8_t family, const uint8_t *addr)
{
	uint64_t want[2], have[2];
	unsigned i;

	addr_words(family, addr, want);
	for (i = 0; i < h->n_addrs; i++) {
		if (h->addrs[i].family != family)
			continue;
		addr_words(family, h->addrs[i].addr, have);
		if (have[0] == want[0] && have[1] == want[1])
			return true;
	}
	return false;
}

bool host_is_local(const struct host *h, uint8_t family, const uint8_t *addr)
{
	struct host_cache_ent *e;
	bool hit;

	if (!h->cache)
		return is_local_walk(h, family, addr);
	e = cache_ent(h, family, addr, &hit);
	if (!(e->known & HC_LOCAL)) {
		e->local = is_local_walk(h, family, addr);
		e->known |= HC_LOCAL;
	}
	return e->local;
}

/* The first @plen bits of a network-order address as a big-endian mask of @bits bits. */
static uint64_t be_mask(unsigned plen, unsigned bits)
{
	uint64_t all = ~0ull >> (64 - bits);

	if (plen >= bits)
		return all;
	return plen ? all & ~(all >> plen) : 0;
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* True if @r belongs to @table (0: local or main). */
static bool in_table(const struct host_route *r, uint32_t table)
{
	if (!table)
		return r->local_table || !r->table;
	if (table == HOST_TABLE_LOCAL)
		return r->local_table;
	return !r->local_table && r->table == (table == HOST_TABLE_MAIN ? 0 : table);
}

/* The first route of @table in lookup order whose prefix holds @dst (prefix_eq on words). */
const struct host_route *host_route_walk(const struct host *h, uint8_t family, const uint8_t *dst,
					 uint32_t table)
{
	bool v6 = family == AF_INET6;
	uint64_t d0 = v6 ? be64(dst) : be32(dst), d1 = v6 ? be64(dst + 8) : 0;
	unsigned i;

	for (i = 0; i < h->n_routes; i++) {
		const struct host_route *r = &h->routes[i];

		if (r->family != family || !in_table(r, table))
			continue;
		if (family == AF_INET) {
			if (((d0 ^ be32(r->dst)) & be_mask(r->plen, 32)) == 0)
				return r;
		} else if (((d0 ^ be64(r->dst)) & be_mask(r->plen, 64)) == 0 &&
			   ((d1 ^ be64(r->dst + 8)) & be_mask(r->plen > 64 ? r->plen - 64u : 0, 64)) == 0) {
			return r;
		}
	}
	return NULL;
}

const struct host_route *host_route_lookup(const struct host *h, uint8_t family, const uint8_t *dst)
{
	struct host_cache_ent *e;
	const struct host_route *r;
	bool hit;

	if (!h->cache)
		return host_route_walk(h, family, dst, 0);
	e = cache_ent(h, family, dst, &hit);
	if (!(e->known & HC_ROUTE)) {
		r = host_route_walk(h, family, dst, 0);
		e->route = r ? (int32_t)(r - h->routes) : -1;
		e->known |= HC_ROUTE;
	}
	return e->route < 0 ? NULL : &h->routes[e->route];
}

int host_rule_add(struct host *h, const struct host_rule *r)
{
	unsigned pos;

	if (host_rule_memo_new(h) ||
	    grow((void **)&h->rules, h->n_rules, &h->cap_rules, sizeof(*h->rules)))
		return -ENOMEM;
	cache_flush(h);
	for (pos = h->n_rules; pos > 0 && h->rules[pos - 1].priority > r->priority; pos--)
		;
	memmove(&h->rules[pos + 1], &h->rules[pos], (h->n_rules - pos) * sizeof(*r));
	h->rules[pos] = *r;
	h->n_rules++;
	return 0;
}
