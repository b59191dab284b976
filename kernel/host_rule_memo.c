/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-flow memo of policy routing: a rule walk's answer kept by the fields the rules select on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

/*
 * Every lookup with rules walks them in order, and each "lookup TABLE" walks
 * that table's routes: a replay asks the same few thousand flows millions of
 * times. Direct-mapped, allocated with the first rule; an entry counts only
 * while its generation is the memo's, which any change to rules, routes or
 * addresses advances (host.c calls host_rule_memo_flush()). The key holds
 * only what some rule selects on (source bits up to the longest source
 * prefix, mark bits under some rule's mask, which of the interfaces rules
 * name the packet's are), so flows differing elsewhere share an answer,
 * which the walk would give them alike. Rules naming more than MEMO_NAMES
 * interfaces of a direction turn the memo off (lookups walk).
 */
#define MEMO_BITS 16
#define MEMO_SIZE (1u << MEMO_BITS)
#define MEMO_NAMES 8             /* interface names rules may name per direction; more: no memo */
#define KEY_WORDS 5

/* dst, src, then mark | family << 32 | iif << 40 | oif << 48 (interfaces by memo_names index) */
struct memo_key {
	uint64_t w[KEY_WORDS];
};

/* One cache line. */
struct memo_ent {
	struct memo_key k;
	const struct host_route *rt;
	uint32_t gen;
} __attribute__((aligned(64)));

/* The distinct interface names the rules name in one direction. */
struct memo_names {
	char name[MEMO_NAMES][IFNAMSIZ];
	unsigned n;
};

struct host_rule_memo {
	struct memo_ent e[MEMO_SIZE];
	uint32_t gen;
	uint32_t sel_gen;        /* the generation the selectors below were taken at */
	uint32_t mark_mask;      /* the fwmark rules' masks together */
	uint8_t src_plen;        /* the longest source prefix a rule names */
	bool off;                /* more names than MEMO_NAMES: every lookup walks */
	struct memo_names iif, oif;
	uint64_t hits, misses;
};

int host_rule_memo_new(struct host *h)
{
	if (h->rule_memo)
		return 0;
	h->rule_memo = aligned_alloc(64, sizeof(*h->rule_memo));
	if (!h->rule_memo)
		return -ENOMEM;
	memset(h->rule_memo, 0, sizeof(*h->rule_memo));
	h->rule_memo->gen = 1;
	return 0;
}

void host_rule_memo_flush(struct host *h)
{
	struct host_rule_memo *m = h->rule_memo;

	if (m && !++m->gen) {
		memset(m->e, 0, sizeof(m->e));
		m->gen = 1;
		m->sel_gen = 0;
	}
}

void host_rule_memo_stats(const struct host *h, uint64_t *hits, uint64_t *misses)
{
	*hits = h->rule_memo ? h->rule_memo->hits : 0;
	*misses = h->rule_memo ? h->rule_memo->misses : 0;
}

/* Adds @name to @ns unless there; false if @ns is full. */
static bool names_add(struct memo_names *ns, const char *name)
{
	unsigned i;

	for (i = 0; i < ns->n; i++)
		if (!strcmp(ns->name[i], name))
			return true;
	if (ns->n == MEMO_NAMES)
		return false;
	memcpy(ns->name[ns->n++], name, IFNAMSIZ);
	return true;
}

/* 1 + the index of @name in @ns, 0 for a name no rule names (or none): the rules see those alike. */
static uint64_t names_index(const struct memo_names *ns, const char *name)
{
	unsigned i;

	if (!name || !name[0])
		return 0;
	for (i = 0; i < ns->n; i++)
		if (!strcmp(ns->name[i], name))
			return i + 1;
	return 0;
}

/* What the rules select on, taken again after a change. */
static void memo_selectors(struct host_rule_memo *m, const struct host *h)
{
	unsigned i;

	m->mark_mask = 0;
	m->src_plen = 0;
	m->iif.n = m->oif.n = 0;
	m->off = false;
	for (i = 0; i < h->n_rules; i++) {
		const struct host_rule *r = &h->rules[i];

		if (r->has_mark)
			m->mark_mask |= r->mask;
		if (r->src_len > m->src_plen)
			m->src_plen = r->src_len;
		if ((r->iif[0] && !names_add(&m->iif, r->iif)) || (r->oif[0] && !names_add(&m->oif, r->oif)))
			m->off = true;
	}
	m->sel_gen = m->gen;
}

/* The first @plen bits of @a (@n bytes) into @w, which is zero. */
static void key_addr(uint64_t *w, const uint8_t *a, unsigned n, unsigned plen)
{
	uint8_t *b = (uint8_t *)w;
	unsigned i;

	for (i = 0; i < n && plen; i++, plen = plen > 8 ? plen - 8 : 0)
		b[i] = plen >= 8 ? a[i] : a[i] & (uint8_t)(0xff << (8 - plen));
}

static void memo_key(const struct host_rule_memo *m, uint8_t family, const uint8_t *dst,
		     const struct host_flow *fl, struct memo_key *k)
{
	unsigned n = family == AF_INET6 ? 16 : 4;

	memset(k, 0, sizeof(*k));
	key_addr(k->w, dst, n, 128);
	if (fl->src)
		key_addr(k->w + 2, fl->src, n, m->src_plen);
	k->w[4] = (fl->mark & m->mark_mask) | (uint64_t)family << 32 |
		  names_index(&m->iif, fl->iif) << 40 | names_index(&m->oif, fl->oif) << 48;
}

static uint32_t key_slot(const struct memo_key *k)
{
	uint64_t x = 0;
	unsigned i;

	for (i = 0; i < KEY_WORDS; i++)
		x = (x ^ k->w[i]) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(x >> (64 - MEMO_BITS));
}

const struct host_route *host_route_lookup_flow(const struct host *h, uint8_t family,
						const uint8_t *dst, const struct host_flow *fl)
{
	static const struct host_flow none;
	struct host_rule_memo *m = h->rule_memo;
	struct memo_ent *e;
	struct memo_key k;

	if (!m)
		return host_rule_walk(h, family, dst, fl);
	if (m->sel_gen != m->gen)
		memo_selectors(m, h);
	if (m->off)
		return host_rule_walk(h, family, dst, fl);
	memo_key(m, family, dst, fl ? fl : &none, &k);
	e = &m->e[key_slot(&k)];
	if (e->gen == m->gen && !memcmp(&e->k, &k, sizeof(k))) {
		m->hits++;
		return e->rt;
	}
	m->misses++;
	e->k = k;
	e->gen = m->gen;
	e->rt = host_rule_walk(h, family, dst, fl);
	return e->rt;
}
