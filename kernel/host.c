/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host model's tables: interfaces, addresses, routes kept in lookup order, and the derived local table. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "host.h"

struct host *host_new(void)
{
	return calloc(1, sizeof(struct host));
}

void host_free(struct host *h)
{
	if (!h)
		return;
	free(h->ifs);
	free(h->addrs);
	free(h->routes);
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

/* True if the first @plen bits of @a and @b agree. */
static bool prefix_eq(const uint8_t *a, const uint8_t *b, unsigned plen)
{
	unsigned bytes = plen / 8, bits = plen % 8;

	if (memcmp(a, b, bytes))
		return false;
	if (!bits)
		return true;
	return ((a[bytes] ^ b[bytes]) & (uint8_t)(0xff << (8 - bits))) == 0;
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
	       a->metric == b->metric;
}

int host_route_add(struct host *h, const struct host_route *r)
{
	struct host_route nr = *r;
	unsigned i, pos;

	mask_prefix(nr.dst, nr.plen, 16);
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
	h->addrs[h->n_addrs++] = *a;
	return derive_routes(h, a);
}

bool host_is_local(const struct host *h, uint8_t family, const uint8_t *addr)
{
	unsigned i;

	for (i = 0; i < h->n_addrs; i++)
		if (h->addrs[i].family == family && !memcmp(h->addrs[i].addr, addr, (size_t)alen(family)))
			return true;
	return false;
}

const struct host_route *host_route_lookup(const struct host *h, uint8_t family, const uint8_t *dst)
{
	unsigned i;

	for (i = 0; i < h->n_routes; i++) {
		const struct host_route *r = &h->routes[i];

		if (r->family == family && prefix_eq(r->dst, dst, r->plen))
			return r;
	}
	return NULL;
}
