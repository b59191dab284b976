/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds each chain's rule index: which rules a packet's addresses and interfaces leave possible. */
#include <stdlib.h>
#include <string.h>

#include "eval_index.h"

#define FCI_MIN_KEYED 4          /* fewer keyed rules: walk the chain rule by rule */
#define FCI_OTHER FCI_DIMS       /* the class of a rule in no dimension */
#define FCI_IFACE_LEN 128        /* the one "prefix length" of an interface dimension */

/* The prefix length of @mask (@width bytes): 0 for none, -1 if not a prefix. */
static int prefix_len(const uint8_t *mask, unsigned width)
{
	unsigned i = 0, len = 0;

	while (i < width && mask[i] == 0xff)
		i++, len += 8;
	if (i < width) {
		uint8_t m = mask[i++];

		while (m & 0x80)
			m = (uint8_t)(m << 1), len++;
		if (m)
			return -1;
	}
	for (; i < width; i++)
		if (mask[i])
			return -1;
	return (int)len;
}

/* @width bytes of @a (zero beyond) as the two words a packet's key gives. */
static void key_words(const uint8_t *a, unsigned width, uint64_t k[2])
{
	uint8_t b[16] = { 0 };
	uint32_t v4;

	memcpy(b, a, width);
	if (width == 4) {
		memcpy(&v4, b, 4);
		k[0] = v4;
		k[1] = 0;
		return;
	}
	memcpy(&k[0], b, 8);
	memcpy(&k[1], b + 8, 8);
}

/* See eval_index.h: an interface name (NUL-padded) as key words. */
void fci_iface_words(const char *name, uint64_t k[2])
{
	uint8_t b[16] = { 0 };

	memcpy(b, name, strnlen(name, IFNAMSIZ - 1));
	memcpy(&k[0], b, 8);
	memcpy(&k[1], b + 8, 8);
}

/* The mask words of prefix length @len over @width bytes. */
static void mask_words(unsigned len, unsigned width, uint64_t k[2])
{
	uint8_t m[16] = { 0 };
	unsigned i;

	for (i = 0; i < len / 8; i++)
		m[i] = 0xff;
	if (len % 8)
		m[i] = (uint8_t)(0xff << (8 - len % 8));
	key_words(m, width, k);
}

/* True when @name names one interface exactly (no '+', no '!'). */
static bool iface_exact(const char *name, bool inv)
{
	size_t n = strnlen(name, IFNAMSIZ - 1);

	return n && !inv && name[n - 1] != '+';
}

/* Rule @r's key in dimension @d: words and prefix length. */
static void rule_key(const struct filter_rule *r, unsigned d, unsigned width, uint64_t k[2], uint32_t *len)
{
	uint64_t m[2];

	if (d >= 2) {
		fci_iface_words(d == 2 ? r->in : r->out, k);
		*len = FCI_IFACE_LEN;
		return;
	}
	*len = (uint32_t)prefix_len(d ? r->dmsk : r->smsk, width);
	key_words(d ? r->dst : r->src, width, k);
	mask_words(*len, width, m);
	k[0] &= m[0];
	k[1] &= m[1];
}

/* The index of prefix length @len in @dm, taken in if new and there is room; -1 when full. */
static int dim_len(struct fci_dim *dm, uint32_t len, unsigned width)
{
	unsigned j;

	for (j = 0; j < dm->n_len; j++)
		if (dm->len[j] == len)
			return (int)j;
	if (dm->n_len == FCI_MAX_LEN)
		return -1;
	dm->len[dm->n_len] = len;
	if (len == FCI_IFACE_LEN)
		dm->mask[dm->n_len][0] = dm->mask[dm->n_len][1] = ~0ull;
	else
		mask_words(len, width, dm->mask[dm->n_len]);
	return (int)dm->n_len++;
}

/* Files rule @i under dimension @d, prefix length @len, if it has room: its group's first rule. */
static bool take(struct filter_chain_index *x, unsigned i, unsigned d, int len)
{
	int j;

	if (len <= 0 || (j = dim_len(&x->dim[d], (uint32_t)len, x->width)) < 0)
		return false;
	if (!x->dim[d].first_set[j]) {
		x->dim[d].first_set[j] = 1;
		x->group[x->n_groups++] = (struct fci_group){ .first = i, .dim = (uint8_t)d, .j = (uint8_t)j };
	}
	return true;
}

/* The dimension rule @r is keyed by: the longer of its address prefixes,
 * else its in, else its out interface, else FCI_OTHER (also when the
 * dimension has no room left for its prefix length). */
static unsigned rule_class(struct filter_chain_index *x, unsigned i, const struct filter_rule *r)
{
	int ps = r->src_inv ? -1 : prefix_len(r->smsk, x->width);
	int pd = r->dst_inv ? -1 : prefix_len(r->dmsk, x->width);

	if (ps >= pd && take(x, i, 0, ps))
		return 0;
	if (take(x, i, 1, pd))
		return 1;
	if (take(x, i, 0, ps))
		return 0;
	if (iface_exact(r->in, r->in_inv) && take(x, i, 2, FCI_IFACE_LEN))
		return 2;
	if (iface_exact(r->out, r->out_inv) && take(x, i, 3, FCI_IFACE_LEN))
		return 3;
	return FCI_OTHER;
}

/* The slot of @k/@len in @dm: its own, or the empty one it goes to. */
static struct fci_slot *slot_of(struct fci_dim *dm, const uint64_t k[2], uint32_t len)
{
	uint64_t mask = (1ull << dm->bits) - 1;
	uint64_t s = fci_hash(k[0], k[1], len) >> (64 - dm->bits);

	for (;; s = (s + 1) & mask) {
		struct fci_slot *e = &dm->tab[s];

		if (!e->cnt || (e->k[0] == k[0] && e->k[1] == k[1] && e->len == len))
			return e;
	}
}

/* The slot rule @i of @c (class @d) belongs to. */
static struct fci_slot *rule_slot(struct filter_chain_index *x, const struct filter_chain *c,
				  unsigned i, unsigned d)
{
	uint64_t k[2];
	uint32_t len;
	struct fci_slot *e;

	rule_key(c->rules[i], d, x->width, k, &len);
	e = slot_of(&x->dim[d], k, len);
	e->k[0] = k[0];
	e->k[1] = k[1];
	e->len = len;
	return e;
}

/* Sets the bloom bit of slot @e's key in its group (dimension @d, its length). */
static struct fci_slot *note_key(struct filter_chain_index *x, struct fci_slot *e, unsigned d)
{
	unsigned g;

	for (g = 0; g < x->n_groups; g++)
		if (x->group[g].dim == d && x->group[g].len == e->len)
			x->group[g].bloom |= FCI_BLOOM(fci_hash(e->k[0], e->k[1], e->len));
	return e;
}

/* Counts the rules per key, then lays the lists out after the other list. */
static void lay_out(struct filter_chain_index *x, const struct filter_chain *c, const uint8_t *cls,
		    unsigned n_other)
{
	unsigned i, d, off = n_other + 1;

	for (i = 0; i < c->n_rules; i++)
		if (cls[i] != FCI_OTHER)
			note_key(x, rule_slot(x, c, i, cls[i]), cls[i])->cnt++;
	for (d = 0; d < FCI_DIMS; d++)
		for (i = 0; i < 1u << x->dim[d].bits; i++) {
			struct fci_slot *e = &x->dim[d].tab[i];

			if (!e->cnt)
				continue;
			e->off = off;
			x->pos[off + e->cnt] = FCI_END;
			off += e->cnt + 1;
		}
}

/* Fills the lists in rule order; each slot's off ends at its FCI_END, then steps back. */
static void fill(struct filter_chain_index *x, const struct filter_chain *c, const uint8_t *cls)
{
	unsigned i, d, o = 0;

	for (i = 0; i < c->n_rules; i++) {
		if (cls[i] == FCI_OTHER)
			x->pos[o++] = i;
		else
			x->pos[rule_slot(x, c, i, cls[i])->off++] = i;
	}
	x->pos[o] = FCI_END;
	for (d = 0; d < FCI_DIMS; d++)
		for (i = 0; i < 1u << x->dim[d].bits; i++)
			x->dim[d].tab[i].off -= x->dim[d].tab[i].cnt;
}

static unsigned table_bits(unsigned n)
{
	unsigned b = 1;

	while ((1u << b) < 2 * n)
		b++;
	return b;
}

static void index_free(struct filter_chain_index *x)
{
	unsigned d;

	if (!x)
		return;
	for (d = 0; d < FCI_DIMS; d++)
		free(x->dim[d].tab);
	free(x->pos);
	free(x);
}

/* Allocates the tables for @n[d] keyed rules and the lists; false on ENOMEM. */
static bool index_alloc(struct filter_chain_index *x, const unsigned *n, unsigned n_rules)
{
	unsigned d;

	for (d = 0; d < FCI_DIMS; d++) {
		x->dim[d].bits = table_bits(n[d]);
		x->dim[d].tab = calloc(1u << x->dim[d].bits, sizeof(struct fci_slot));
		if (!x->dim[d].tab)
			return false;
	}
	for (d = 0; d < x->n_groups; d++) {
		struct fci_group *g = &x->group[d];
		const struct fci_dim *dm = &x->dim[g->dim];

		memcpy(g->mask, dm->mask[g->j], sizeof(g->mask));
		g->len = dm->len[g->j];
		g->tab = dm->tab;
		g->bits = (uint8_t)dm->bits;
	}
	/* every rule once, one FCI_END per list: at most 2 * n_rules + 1 */
	x->pos = malloc((2 * (size_t)n_rules + 1) * sizeof(uint32_t));
	return x->pos != NULL;
}

/* The index of @c for addresses of @width bytes, or NULL (too few keyed rules, ENOMEM). */
static struct filter_chain_index *index_build(const struct filter_chain *c, unsigned width)
{
	struct filter_chain_index *x = calloc(1, sizeof(*x));
	unsigned n[FCI_DIMS + 1] = { 0 }, i;
	uint8_t *cls = malloc(c->n_rules ? c->n_rules : 1);

	if (!x || !cls)
		goto fail;
	x->rules = c->rules;
	x->n_rules = c->n_rules;
	x->width = width;
	for (i = 0; i < c->n_rules; i++)
		n[cls[i] = (uint8_t)rule_class(x, i, c->rules[i])]++;
	if (c->n_rules - n[FCI_OTHER] < FCI_MIN_KEYED || !index_alloc(x, n, c->n_rules))
		goto fail;
	lay_out(x, c, cls, n[FCI_OTHER]);
	fill(x, c, cls);
	free(cls);
	return x;
fail:
	free(cls);
	index_free(x);
	return NULL;
}

/* The list of group @g for key words @k, or NULL. */
static const uint32_t *find(const struct filter_chain_index *x, const struct fci_group *g, const uint64_t *k)
{
	uint64_t k0 = k[0] & g->mask[0], k1 = k[1] & g->mask[1];
	uint64_t mask = (1ull << g->bits) - 1, h = fci_hash(k0, k1, g->len), s = h >> (64 - g->bits);

	if (!(g->bloom & FCI_BLOOM(h)))
		return NULL;

	for (;; s = (s + 1) & mask) {
		const struct fci_slot *e = &g->tab[s];

		if (!e->cnt)
			return NULL;
		if (e->k[0] == k0 && e->k[1] == k1 && e->len == g->len)
			return x->pos + e->off;
	}
}

/* See eval_index.h. */
uint32_t fci_probe(struct fci_cur *cur, struct fci_key *key, unsigned i, uint32_t m)
{
	const struct filter_chain_index *x = cur->x;

	for (; cur->g < x->n_groups && x->group[cur->g].first < m; cur->g++) {
		const struct fci_group *g = &x->group[cur->g];
		const uint32_t *l;

		if (!(key->have & (1u << g->dim))) {
			fci_iface_words(key->iface[g->dim - 2], key->k[g->dim]);
			key->have |= 1u << g->dim;
		}
		l = find(x, g, key->k[g->dim]);
		if (!l)
			continue;
		while (*l < i)
			l++;
		cur->p[cur->n++] = l;
		if (*l < m)
			m = *l;
	}
	return m;
}

/* See filter.h. */
void filter_chain_index_free(struct filter_chain *c)
{
	index_free(c->index);
	c->index = NULL;
}

/* See filter.h. */
void filter_table_index(struct filter_table *t, uint8_t family)
{
	unsigned i;

	for (i = 0; i < t->n_chains; i++) {
		filter_chain_index_free(t->chains[i]);
		t->chains[i]->index = index_build(t->chains[i], family == FILTER_V6 ? 16 : 4);
	}
}
