/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The expectation table: bounded slots, the kernel's replace/clash/max_expected rules, lazy expiry. */
#include <errno.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

uint32_t ct_expect_max(const struct ct_table *t)
{
	uint32_t hsize = (t->mask + 1) / 256;

	return (hsize ? hsize : 1) * 4;
}

/* The master is gone (its expectations die with it, nf_ct_remove_expectations). */
static bool master_dead(const struct ct_table *t, const struct ct_expect *e, uint64_t now)
{
	const struct ct_entry *m = &t->pool[e->master];

	return m->in_use == CT_FREE || !ct_tuple_eq(&m->tuple[0], &e->master_tuple) ||
	       (m->in_use == CT_HASHED && m->expires_ns <= now);
}

static void unlink_exp(struct ct_help_tab *h, struct ct_expect *e)
{
	e->in_use = false;
	h->exp_count--;
}

/* Removes expired expectations and those of dead masters. */
static void purge(struct ct_table *t, struct ct_help_tab *h, uint64_t now)
{
	uint32_t i, hi = 0;

	for (i = 0; i < h->exp_hi; i++) {
		struct ct_expect *e = &h->exp[i];

		if (e->in_use && (e->expires_ns <= now || master_dead(t, e, now)))
			unlink_exp(h, e);
		if (e->in_use)
			hi = i + 1;
	}
	h->exp_hi = hi;
}

/* The expectations overlap (expect_clash: the masks' intersection; the
 * source port is a wildcard in all of them, the source address in some). */
static bool exp_overlap(const struct ct_expect *e, const struct ct_tuple *b, bool any_src)
{
	const struct ct_tuple *a = &e->tuple;

	return a->family == b->family && a->proto == b->proto && a->zone == b->zone &&
	       a->dport == b->dport && !memcmp(a->dst, b->dst, 16) &&
	       (e->any_src || any_src || !memcmp(a->src, b->src, 16));
}

/* Same tuple and same mask (expect_matches). */
static bool exp_identical(const struct ct_expect *e, const struct ct_tuple *b, bool any_src)
{
	return exp_overlap(e, b, any_src) && e->any_src == any_src &&
	       (any_src || !memcmp(e->tuple.src, b->src, 16));
}

static bool of_master(const struct ct_table *t, const struct ct_expect *e,
		      const struct ct_entry *master)
{
	return e->in_use && e->master == ct_index(t, master) &&
	       ct_tuple_eq(&e->master_tuple, &master->tuple[0]);
}

/* The replace/clash pass of __nf_ct_expect_check: 0 or -EBUSY. */
static int replace_or_clash(struct ct_table *t, struct ct_help_tab *h,
			    const struct ct_entry *master, const struct ct_tuple *tp, bool any_src)
{
	uint32_t i;

	for (i = 0; i < h->exp_hi; i++) {
		struct ct_expect *e = &h->exp[i];

		if (!e->in_use || !exp_overlap(e, tp, any_src))
			continue;
		if (!of_master(t, e, master) || !exp_identical(e, tp, any_src))
			return -EBUSY;
		unlink_exp(h, e);
	}
	return 0;
}

/* Enforces the helper's max_expected: the master's oldest goes. */
static void evict_oldest(struct ct_table *t, struct ct_help_tab *h, const struct ct_entry *master,
			 unsigned max)
{
	struct ct_expect *oldest = NULL;
	unsigned n = 0;
	uint32_t i;

	for (i = 0; i < h->exp_hi; i++) {
		struct ct_expect *e = &h->exp[i];

		if (!of_master(t, e, master))
			continue;
		n++;
		if (!oldest || e->created_ns < oldest->created_ns)
			oldest = e;
	}
	if (max && n >= max && oldest)
		unlink_exp(h, oldest);
}

static struct ct_expect *free_slot(struct ct_help_tab *h)
{
	uint32_t i;

	for (i = 0; i < h->exp_max; i++)
		if (!h->exp[i].in_use) {
			if (i >= h->exp_hi)
				h->exp_hi = i + 1;
			return &h->exp[i];
		}
	return NULL;
}

int ct_expect_add(struct ct_table *t, const struct ct_entry *master, const struct ct_tuple *tp,
		  bool any_src, uint64_t now_ns)
{
	struct ct_help_tab *h = ct_help_tab(t);
	const struct ct_helper_def *def = ct_helper_get(master->helper);
	struct ct_expect *e;
	int rc;

	if (!h || !def)
		return -ESHUTDOWN;
	purge(t, h, now_ns);
	if ((rc = replace_or_clash(t, h, master, tp, any_src)))
		return rc;
	evict_oldest(t, h, master, def->max_expected);
	if (h->exp_count >= h->exp_max || !(e = free_slot(h)))
		return -EMFILE;      /* "nf_conntrack: expectation table full" */
	memset(e, 0, sizeof(*e));
	e->tuple = *tp;
	e->tuple.sport = 0;
	e->master_tuple = master->tuple[0];
	e->master = ct_index(t, master);
	e->helper = master->helper;
	e->any_src = any_src;
	e->created_ns = now_ns;
	e->expires_ns = now_ns + (uint64_t)def->expect_timeout_s * CT_NS_PER_S;
	e->in_use = true;
	h->exp_count++;
	return 0;
}

bool ct_expect_take(struct ct_table *t, const struct ct_tuple *orig, uint64_t now_ns,
		    struct ct_expect *out)
{
	struct ct_help_tab *h = t->help;
	uint32_t i;

	if (!h || !h->exp_count)
		return false;
	purge(t, h, now_ns);
	for (i = 0; i < h->exp_hi; i++) {
		struct ct_expect *e = &h->exp[i];

		if (!e->in_use || !exp_overlap(e, orig, e->any_src))
			continue;
		if (t->pool[e->master].in_use != CT_HASHED)
			return false;    /* the master is not confirmed yet */
		*out = *e;
		unlink_exp(h, e);
		return true;
	}
	return false;
}

unsigned ct_expect_count(struct ct_table *t, uint64_t now_ns)
{
	if (!t->help)
		return 0;
	purge(t, t->help, now_ns);
	return t->help->exp_count;
}
