/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The conntrack table: a preallocated entry pool, a hash of both directions, limits and early drop. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

_Static_assert(sizeof(struct ct_tuple) == 40, "ct_tuple must pack into 40 bytes");

void ct_config_default(struct ct_config *c)
{
	static const uint32_t tcp[CT_TCP_TIMEOUT_MAX] = {
		[CT_TCP_SYN_SENT] = 120, [CT_TCP_SYN_RECV] = 60,
		[CT_TCP_ESTABLISHED] = 5 * 86400, [CT_TCP_FIN_WAIT] = 120,
		[CT_TCP_CLOSE_WAIT] = 60, [CT_TCP_LAST_ACK] = 30,
		[CT_TCP_TIME_WAIT] = 120, [CT_TCP_CLOSE] = 10,
		[CT_TCP_SYN_SENT2] = 120, [CT_TCP_RETRANS] = 300, [CT_TCP_UNACK] = 300,
	};
	static const uint32_t sctp[CT_SCTP_MAX] = {
		[CT_SCTP_CLOSED] = 10, [CT_SCTP_COOKIE_WAIT] = 3, [CT_SCTP_COOKIE_ECHOED] = 3,
		[CT_SCTP_ESTABLISHED] = 210, [CT_SCTP_SHUTDOWN_SENT] = 3,
		[CT_SCTP_SHUTDOWN_RECD] = 3, [CT_SCTP_SHUTDOWN_ACK_SENT] = 3,
		[CT_SCTP_HEARTBEAT_SENT] = 30,
	};

	memset(c, 0, sizeof(*c));
	c->max = 65536;
	c->tcp_loose = true;
	c->tcp_max_retrans = 3;
	memcpy(c->to.tcp, tcp, sizeof(tcp));
	memcpy(c->to.sctp, sctp, sizeof(sctp));
	c->to.udp_unreplied = 30;
	c->to.udp_replied = 120;
	c->to.icmp = 30;
	c->to.icmpv6 = 30;
	c->to.gre_unreplied = 30;
	c->to.gre_replied = 180;
	c->to.generic = 600;
}

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 1;

	while (p < n && p < (1u << 30))
		p <<= 1;
	return p;
}

struct ct_table *ct_table_new(const struct ct_config *c)
{
	struct ct_table *t;
	uint32_t i, nb;

	if (!c->max)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->cfg = *c;
	nb = pow2_at_least(c->buckets ? c->buckets : c->max);   /* as Linux >= 5.x: nf_conntrack_buckets = max */
	t->pool = calloc(c->max, sizeof(*t->pool));
	t->bucket = malloc((size_t)nb * sizeof(*t->bucket));
	if (!t->pool || !t->bucket) {
		ct_table_free(t);
		return NULL;
	}
	t->mask = nb - 1;
	for (i = 0; i < nb; i++)
		t->bucket[i] = CT_NIL;
	for (i = 0; i < c->max; i++)
		t->pool[i].next[0] = i + 1 < c->max ? i + 1 : CT_NIL;
	t->free_head = 0;
	t->seed = 0x6a09e667u;
	t->next_id = 1;
	return t;
}

void ct_table_free(struct ct_table *t)
{
	if (!t)
		return;
	ct_helper_free(t);
	free(t->pool);
	free(t->bucket);
	free(t);
}

const struct ct_config *ct_table_config(const struct ct_table *t)
{
	return &t->cfg;
}

void ct_table_set_events(struct ct_table *t, ct_event_fn fn, void *arg)
{
	t->ev = fn;
	t->ev_arg = arg;
}

uint32_t ct_table_count(const struct ct_table *t)
{
	return t->count;
}

const struct ct_stats *ct_table_stats(const struct ct_table *t)
{
	return &t->st;
}

size_t ct_table_bytes_per_conn(const struct ct_table *t)
{
	size_t buckets = (size_t)t->mask + 1;

	return sizeof(struct ct_entry) + (buckets * sizeof(uint32_t) + t->cfg.max - 1) / t->cfg.max;
}

uint32_t ct_expires_s(const struct ct_entry *ct, uint64_t now_ns)
{
	return ct->expires_ns > now_ns ? (uint32_t)((ct->expires_ns - now_ns) / CT_NS_PER_S) : 0;
}

/* ---- hash chains ---- */

static struct ct_entry *link_entry(const struct ct_table *t, uint32_t link)
{
	return &t->pool[link >> 1];
}

static void hash_insert(struct ct_table *t, struct ct_entry *ct)
{
	uint32_t idx = ct_index(t, ct);
	unsigned d;

	for (d = 0; d < 2; d++) {
		uint32_t b = ct_tuple_hash(&ct->tuple[d], t->seed) & t->mask;

		ct->next[d] = t->bucket[b];
		t->bucket[b] = idx << 1 | d;
	}
	ct->in_use = CT_HASHED;
}

static void hash_remove(struct ct_table *t, struct ct_entry *ct)
{
	uint32_t idx = ct_index(t, ct);
	unsigned d;

	for (d = 0; d < 2; d++) {
		uint32_t *p = &t->bucket[ct_tuple_hash(&ct->tuple[d], t->seed) & t->mask];

		while (*p != CT_NIL && *p != (idx << 1 | d))
			p = &link_entry(t, *p)->next[*p & 1];
		if (*p != CT_NIL)
			*p = ct->next[d];
	}
}

static void pool_put(struct ct_table *t, struct ct_entry *ct)
{
	memset(ct, 0, sizeof(*ct));
	ct->next[0] = t->free_head;
	t->free_head = ct_index(t, ct);
	t->count--;
}

/* Unhashes and frees a confirmed entry, with its DESTROY event. */
static void destroy(struct ct_table *t, struct ct_entry *ct, uint64_t now)
{
	ct->stop_ns = now;
	ct->status |= CT_S_DYING;
	if (t->ev)
		t->ev(t->ev_arg, CT_EV_DESTROY, ct);
	hash_remove(t, ct);
	pool_put(t, ct);
}

void ct_kill(struct ct_table *t, struct ct_entry *ct, uint64_t now_ns)
{
	if (ct->in_use == CT_HASHED)
		destroy(t, ct, now_ns);
}

void ct_kill_soon(struct ct_entry *ct, uint64_t now)
{
	ct->expires_ns = now;
	ct->status |= CT_S_DYING;
}

static bool expired(const struct ct_entry *ct, uint64_t now)
{
	return ct->expires_ns <= now;
}

void ct_prefetch(const struct ct_table *t, const struct pkt_view *pv)
{
	struct ct_tuple tp;

	if (ct_tuple_from_pkt(pv, 0, &tp))
		__builtin_prefetch(&t->bucket[ct_tuple_hash(&tp, t->seed) & t->mask]);
}

struct ct_entry *ct_lookup(struct ct_table *t, const struct ct_tuple *tp, uint64_t now_ns,
			   enum ct_dir *dir)
{
	uint32_t l = t->bucket[ct_tuple_hash(tp, t->seed) & t->mask];

	while (l != CT_NIL) {
		struct ct_entry *ct = link_entry(t, l);
		unsigned d = l & 1;

		l = ct->next[d];
		if (!ct_tuple_eq(&ct->tuple[d], tp))
			continue;
		if (expired(ct, now_ns)) {
			t->st.expired++;
			destroy(t, ct, now_ns);
			return NULL;
		}
		if (dir)
			*dir = (enum ct_dir)d;
		return ct;
	}
	return NULL;
}

/* Kills every unassured (or expired) entry of one bucket chain. Returns how many went. */
static unsigned early_drop_chain(struct ct_table *t, uint32_t b, uint64_t now)
{
	unsigned drops = 0;
	uint32_t l = t->bucket[b];

	while (l != CT_NIL) {
		struct ct_entry *ct = link_entry(t, l);

		l = ct->next[l & 1];
		if (expired(ct, now)) {
			t->st.expired++;
		} else if (ct->status & CT_S_ASSURED) {
			continue;
		} else {
			t->st.early_drop++;
		}
		/* the chain may hold the entry's other direction after @l: restart */
		destroy(t, ct, now);
		drops++;
		l = t->bucket[b];
	}
	return drops;
}

/* The kernel's early_drop(): up to CT_EVICTION_RANGE buckets from @hash. */
static bool early_drop(struct ct_table *t, uint32_t hash, uint64_t now)
{
	unsigned i;

	for (i = 0; i < CT_EVICTION_RANGE; i++)
		if (early_drop_chain(t, (hash + i) & t->mask, now))
			return true;
	return false;
}

struct ct_entry *ct_alloc(struct ct_table *t, const struct ct_tuple *orig,
			  const struct ct_tuple *reply, uint64_t now)
{
	struct ct_entry *ct;

	if (t->free_head == CT_NIL &&
	    !early_drop(t, ct_tuple_hash(orig, t->seed) & t->mask, now)) {
		t->st.drop++;
		return NULL;
	}
	ct = &t->pool[t->free_head];
	t->free_head = ct->next[0];
	t->count++;
	memset(ct, 0, sizeof(*ct));
	ct->tuple[0] = *orig;
	ct->tuple[1] = *reply;
	ct->next[0] = ct->next[1] = CT_NIL;
	ct->in_use = CT_UNCONFIRMED;
	ct->expires_ns = now;
	return ct;
}

void ct_refresh_acct(struct ct_table *t, struct ct_entry *ct, enum ct_dir dir, uint32_t bytes,
		     uint64_t now, uint32_t timeout_s)
{
	(void)t;
	ct->pkts[dir]++;
	ct->bytes[dir] += bytes;
	if (!(ct->status & CT_S_FIXED_TIMEOUT) && !(ct->status & CT_S_DYING))
		ct->expires_ns = now + (uint64_t)timeout_s * CT_NS_PER_S;
}

int ct_confirm(struct ct_table *t, struct ct_ref *ref, uint64_t now_ns)
{
	struct ct_entry *ct = ref->ct;

	if (!ct || ct->in_use != CT_UNCONFIRMED)
		return 0;
	/* only the original direction confirms (REJECT's reply shares the entry) */
	if (ref->ctinfo == CT_ESTABLISHED_REPLY || ref->ctinfo == CT_RELATED_REPLY)
		return 0;
	if (ct->status & CT_S_DYING) {
		/* killed by its tracker before confirm (kernel: not inserted) */
		pool_put(t, ct);
		ref->ct = NULL;
		return 0;
	}
	if (ct_lookup(t, &ct->tuple[0], now_ns, NULL) || ct_lookup(t, &ct->tuple[1], now_ns, NULL)) {
		t->st.insert_failed++;
		pool_put(t, ct);
		ref->ct = NULL;
		return -EEXIST;
	}
	ct->status |= CT_S_CONFIRMED;
	ct->start_ns = now_ns;
	ct->id = t->next_id++;
	hash_insert(t, ct);
	if (t->ev)
		t->ev(t->ev_arg, CT_EV_NEW, ct);
	return 0;
}

void ct_abort(struct ct_table *t, struct ct_ref *ref)
{
	if (ref->ct && ref->ct->in_use == CT_UNCONFIRMED)
		pool_put(t, ref->ct);
	ref->ct = NULL;
}

unsigned ct_gc(struct ct_table *t, uint64_t now_ns)
{
	unsigned n = 0;
	uint32_t i;

	for (i = 0; i < t->cfg.max; i++) {
		struct ct_entry *ct = &t->pool[i];

		if (ct->in_use == CT_HASHED && expired(ct, now_ns)) {
			t->st.expired++;
			destroy(t, ct, now_ns);
			n++;
		}
	}
	return n;
}

void ct_flush(struct ct_table *t, uint64_t now_ns)
{
	uint32_t i;

	for (i = 0; i < t->cfg.max; i++)
		if (t->pool[i].in_use == CT_HASHED)
			destroy(t, &t->pool[i], now_ns);
}

int ct_foreach(const struct ct_table *t, int (*fn)(void *arg, const struct ct_entry *ct),
	       void *arg)
{
	uint32_t b, l;
	int rc;

	for (b = 0; b <= t->mask; b++)
		for (l = t->bucket[b]; l != CT_NIL; l = link_entry(t, l)->next[l & 1]) {
			if ((l & 1) != CT_DIR_ORIGINAL)
				continue;
			rc = fn(arg, link_entry(t, l));
			if (rc)
				return rc;
		}
	return 0;
}
