/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A chain's rule index (eval_index.c) and the cursor filter_eval walks it with. */
#ifndef ULOG_FILTER_EVAL_INDEX_H
#define ULOG_FILTER_EVAL_INDEX_H

#include <stdint.h>
#include <string.h>

#include "filter.h"

#define FCI_END UINT32_MAX       /* ends every list of rule positions */
#define FCI_DIMS 4               /* source, destination, in interface, out interface */
#define FCI_MAX_LEN 8            /* prefix lengths per dimension */
#define FCI_MAX_HEADS (1 + FCI_DIMS * FCI_MAX_LEN)

/* One key of a dimension's hash table: the rules (positions, ascending,
 * FCI_END after the last) whose standard part asks for exactly this key. */
struct fci_slot {
	uint64_t k[2];               /* masked address or interface name as two words */
	uint32_t off, cnt;           /* list start in pos[]; cnt 0 = empty slot */
	uint32_t len;                /* prefix length (which mask): bits */
};

/* A dimension while the index is built: its prefix lengths with their masks, and its table. */
struct fci_dim {
	unsigned n_len, bits;        /* prefix lengths in use; log2 of the table size */
	uint32_t len[FCI_MAX_LEN];
	uint64_t mask[FCI_MAX_LEN][2];
	uint8_t first_set[FCI_MAX_LEN];   /* building: its group is recorded */
	struct fci_slot *tab;
};

/* The rules of one prefix length of one dimension: looked up only once the
 * walk reaches the first of them. What a lookup needs is here, in one line. */
struct fci_group {
	uint64_t mask[2];            /* applied to the packet's key words */
	uint64_t bloom;              /* bit FCI_BLOOM(hash) of each key: a clear bit = no key */
	const struct fci_slot *tab;  /* the dimension's table, 2^bits slots */
	uint32_t first;              /* position of its first rule */
	uint32_t len;                /* prefix length (part of the key) */
	uint8_t dim, bits;
	uint8_t j;                   /* building: index into the dimension's len[] */
};

/*
 * Every rule of the chain is in exactly one list: keyed by one criterion of
 * its standard part that a packet must meet exactly (a source or destination
 * prefix without '!', an interface name without '+' or '!'), or else the
 * "other" list. A packet's standard part can only match the rules of the
 * lists of its own keys and the other list; the walk visits the merge of
 * those lists, in rule order, and skips the rest.
 */
struct filter_chain_index {
	struct filter_rule **rules;  /* c->rules and c->n_rules when built: unchanged = valid */
	unsigned n_rules;
	unsigned width;              /* address bytes: 4 or 16 */
	unsigned n_groups;
	uint32_t *pos;               /* the lists, each ended by FCI_END; the other list first */
	struct fci_group group[FCI_DIMS * FCI_MAX_LEN];  /* by first rule, ascending */
	struct fci_dim dim[FCI_DIMS];
};

/* A packet's keys: source, destination, in and out interface as words,
 * the interfaces derived on first use. */
struct fci_key {
	uint64_t k[FCI_DIMS][2];
	unsigned have;               /* bit d: k[d] is set */
	const char *iface[2];        /* the in and out interface names */
};

/* Where a walk stands in a chain: the heads of the lists opened so far
 * (the other list first), and the next group not yet looked up. */
struct fci_cur {
	const struct filter_chain_index *x;   /* NULL: no index, rule by rule */
	unsigned n, g;
	const uint32_t *p[FCI_MAX_HEADS];
};

/* Interface name @name (up to IFNAMSIZ bytes, NUL-ended or not) as key words, NUL-padded. */
void fci_iface_words(const char *name, uint64_t k[2]);

/* The bit of hash @h in a group's bloom word (other bits than the slot's). */
#define FCI_BLOOM(h) (1ull << (((h) >> 20) & 63))

/* The hash of key words @k0, @k1 of prefix length @len (the top bits select the slot). */
static inline uint64_t fci_hash(uint64_t k0, uint64_t k1, uint32_t len)
{
	return (k0 ^ (k1 * 0x9e3779b97f4a7c15ull) ^ (k0 >> 29) ^ len) * 0xff51afd7ed558ccdull;
}

/* Looks up the groups that could hold a rule before @m (the walk is at @i);
 * returns the first rule at or after @i of all lists open then. */
uint32_t fci_probe(struct fci_cur *cur, struct fci_key *key, unsigned i, uint32_t m);

/* Opens @c for a walk: its index when valid for @width, else none (rule by rule). */
static inline void fci_open(struct fci_cur *cur, const struct filter_chain *c, const struct fci_key *key,
			    unsigned width)
{
	const struct filter_chain_index *x = c->index;

	cur->x = NULL;
	if (!key || !x || x->rules != c->rules || x->n_rules != c->n_rules || x->width != width)
		return;
	cur->x = x;
	cur->n = 1;
	cur->g = 0;
	cur->p[0] = x->pos;
}

/* The first rule at or after @i that the packet's keys leave possible
 * (@n = none); @i itself without an index. */
static inline unsigned fci_next(struct fci_cur *cur, struct fci_key *key, unsigned i, unsigned n)
{
	uint32_t m = FCI_END;
	unsigned k;

	if (!cur->x)
		return i;
	for (k = 0; k < cur->n; k++) {
		while (*cur->p[k] < i)
			cur->p[k]++;
		if (*cur->p[k] < m)
			m = *cur->p[k];
	}
	if (cur->g < cur->x->n_groups && cur->x->group[cur->g].first < m)
		m = fci_probe(cur, key, i, m);
	return m < n ? m : n;
}

#endif
