/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The reference evaluator: walks a table's chains for one packet exactly as the kernel does. */
#include <string.h>
#include <sys/socket.h>

#include "eval_index.h"
#include "filter.h"

#define EVAL_MAX_DEPTH 512
#define EVAL_INDEX_DEPTH 32      /* chains deeper than this are walked rule by rule */

/* Derives the rule's evaluation aids (struct filter_rule_prep) once. */
static void prep_rule(struct filter_rule *r)
{
	static const uint8_t zero[16];
	struct filter_rule_prep *q = &r->prep;
	size_t in = strnlen(r->in, IFNAMSIZ - 1), out = strnlen(r->out, IFNAMSIZ - 1);

	memset(q, 0, sizeof(*q));
	memcpy(q->in, r->in, IFNAMSIZ);
	memcpy(q->out, r->out, IFNAMSIZ);
	/* "eth+": the prefix before '+'; "eth0": the name and its NUL */
	q->in_n = (uint8_t)(in && r->in[in - 1] == '+' ? in - 1 : in + 1);
	q->out_n = (uint8_t)(out && r->out[out - 1] == '+' ? out - 1 : out + 1);
	memcpy(&q->a4[0], r->src, 4);
	memcpy(&q->a4[1], r->smsk, 4);
	memcpy(&q->a4[2], r->dst, 4);
	memcpy(&q->a4[3], r->dmsk, 4);
	q->inv = (uint8_t)((r->src_inv ? FILTER_PREP_INV_SRC : 0) | (r->dst_inv ? FILTER_PREP_INV_DST : 0) |
			   (r->in_inv ? FILTER_PREP_INV_IN : 0) | (r->out_inv ? FILTER_PREP_INV_OUT : 0));
	q->flags = FILTER_PREP_READY;
	if (!memcmp(r->smsk, zero, 16) && !memcmp(r->dmsk, zero, 16) && !r->src_inv && !r->dst_inv)
		q->flags |= FILTER_PREP_ANY_ADDR;
}

/* Interface test with iptables' '+' wildcard ("eth+" = any name starting "eth"):
 * @n bytes of the rule's name against the device's (both IFNAMSIZ arrays). */
static inline bool iface_match(const char *rule, const char *dev, unsigned n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t a[2], b[2], x;

	memcpy(a, rule, 16);
	memcpy(b, dev, 16);
	x = a[0] ^ b[0];
	if (n >= 8) {
		if (x)
			return false;
		x = a[1] ^ b[1];
		n -= 8;
	}
	/* the first n bytes are the low n bytes of the word */
	return !(x & (n >= 8 ? ~0ull : (1ull << (8 * n)) - 1));
#else
	return !memcmp(rule, dev, n);
#endif
}

static inline uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* (pkt & mask) == addr on 64-bit words (IPv6). */
static inline bool addr_match6(const uint8_t *pkt, const uint8_t *addr, const uint8_t *mask)
{
	return (rd64(pkt) & rd64(mask)) == rd64(addr) &&
	       (rd64(pkt + 8) & rd64(mask + 8)) == rd64(addr + 8);
}

/* The packet's addresses, read once per walk. */
struct addrs {
	const uint8_t *src, *dst;
	int n;
	uint32_t src4, dst4;     /* IPv4: as loaded */
};

/* Source and destination tests, each inverted by its '!'. */
static inline bool addrs_match(const struct filter_rule *r, const struct addrs *a)
{
	const struct filter_rule_prep *q = &r->prep;

	if (a->n == 4)
		return ((a->src4 & q->a4[1]) == q->a4[0]) != !!(q->inv & FILTER_PREP_INV_SRC) &&
		       ((a->dst4 & q->a4[3]) == q->a4[2]) != !!(q->inv & FILTER_PREP_INV_DST);
	return addr_match6(a->src, r->src, r->smsk) != !!(q->inv & FILTER_PREP_INV_SRC) &&
	       addr_match6(a->dst, r->dst, r->dmsk) != !!(q->inv & FILTER_PREP_INV_DST);
}

/* The standard part: ip_packet_match() / ip6_packet_match(). Every test
 * must pass, so they run cheapest and most selective first; an IPv4 rule's
 * tests read only its first cache line (std and prep). */
static bool std_match(struct filter_rule *r, const struct filter_pkt *p, const struct addrs *a)
{
	const struct pkt_view *pv = p->pv;
	const struct filter_rule_prep *q = &r->prep;

	if (!a->src)
		return false;
	if (!(q->flags & FILTER_PREP_READY))
		prep_rule(r);
	if (r->std.proto && (pv->l4proto == r->std.proto) == r->std.proto_inv)
		return false;
	if (!(q->flags & FILTER_PREP_ANY_ADDR) && !addrs_match(r, a))
		return false;
	if (q->in[0] && iface_match(q->in, p->meta->in, q->in_n) == !!(q->inv & FILTER_PREP_INV_IN))
		return false;
	if (q->out[0] && iface_match(q->out, p->meta->out, q->out_n) == !!(q->inv & FILTER_PREP_INV_OUT))
		return false;
	if (r->std.frag && (pv->frag_off != 0) == r->std.frag_inv)
		return false;
	return true;
}

/* The rule's matches in order, after its standard part matched. */
static int ext_matches(const struct filter_rule *r, struct filter_pkt *p)
{
	unsigned i;

	for (i = 0; i < r->n_matches; i++) {
		struct filter_ext_data *d = r->matches[i];

		if (!d->ext->match || d->ext->match(d, p) != FILTER_MATCHED)
			return 0;
	}
	return 1;
}

static struct filter_chain *hook_chain(const struct filter_table *t, enum filter_hook h)
{
	unsigned i;

	for (i = 0; i < t->n_builtin; i++)
		if (t->chains[i]->hook == (int)h)
			return t->chains[i];
	return NULL;
}

/* The kernel's unconditional(): no criteria at all in the standard part. */
static bool unconditional(const struct filter_rule *r)
{
	static const uint8_t zero[16];

	return !r->n_matches && !memcmp(r->smsk, zero, 16) && !memcmp(r->dmsk, zero, 16) &&
	       !r->src_inv && !r->dst_inv && !r->in[0] && !r->out[0] && !r->in_inv &&
	       !r->out_inv && !r->std.proto && !r->std.proto_inv && !r->std.frag;
}

/* TRACE as ipt_do_table reports it: a matched rule is a "rule", except an
 * unconditional verdict, which the kernel cannot tell from a chain's tail and
 * calls "policy" (built-in chain) or "return" (user chain). */
static void trace(struct filter_pkt *p, const struct filter_chain *c, const struct filter_chain *base,
		  const struct filter_rule *r, unsigned rulenum)
{
	struct filter_trace t = { p->table, c->name, "rule", rulenum };

	if (!p->meta->trace || !p->out || !p->out->emit)
		return;
	if (!r || (r->tkind == FILTER_TGT_VERDICT && unconditional(r)))
		t.comment = c == base ? "policy" : "return";
	p->out->emit(p->out->arg, "TRACE", &t, p->pv, p->meta);
}

struct frame {
	struct filter_chain *chain;
	unsigned next;
};

/* The packet's index keys (interfaces on first use); NULL when it has no
 * addresses (no rule matches then). */
static struct fci_key *key_of(struct fci_key *key, const struct addrs *a, const struct filter_meta *m)
{
	int d;

	if (!a->src)
		return NULL;
	for (d = 0; d < 2; d++) {
		const uint8_t *p = d ? a->dst : a->src;

		if (a->n == 4) {
			key->k[d][0] = d ? a->dst4 : a->src4;
			key->k[d][1] = 0;
		} else {
			key->k[d][0] = rd64(p);
			key->k[d][1] = rd64(p + 8);
		}
	}
	key->have = 3;
	key->iface[0] = m->in;
	key->iface[1] = m->out;
	return key;
}

/* See filter.h. */
enum filter_verdict filter_eval(struct filter_table *t, struct filter_pkt *p)
{
	struct filter_chain *base = hook_chain(t, p->hook), *c = base;
	struct frame stack[EVAL_MAX_DEPTH];
	struct fci_key keybuf, *key;
	struct fci_cur curs[EVAL_INDEX_DEPTH], lin, *cur = curs;
	unsigned depth = 0, i = 0;
	uint64_t len = p->pv->len;
	bool v6 = p->pv->family == AF_INET6;
	struct addrs a = { pkt_l3(p->pv, v6 ? 8 : 12, v6 ? 16 : 4),
			   pkt_l3(p->pv, v6 ? 24 : 16, v6 ? 16 : 4), v6 ? 16 : 4, 0, 0 };

	if (!c)
		return FILTER_ACCEPT;
	if (!a.dst)
		a.src = NULL;
	if (a.src && !v6) {
		memcpy(&a.src4, a.src, 4);
		memcpy(&a.dst4, a.dst, 4);
	}
	p->table = t->def->name;
	p->hotdrop = false;
	lin.x = NULL;                /* never opened: deeper chains walk rule by rule */
	key = key_of(&keybuf, &a, p->meta);
	fci_open(cur, c, key, (unsigned)a.n);
	for (;;) {
		struct filter_rule *r;
		int v;

		if (p->hotdrop)
			return FILTER_DROP;
		i = fci_next(cur, key, i, c->n_rules);
		if (i >= c->n_rules) {
			/* the chain's tail: a built-in chain's policy, a user chain's RETURN */
			trace(p, c, base, NULL, c->n_rules + 1);
			if (c == base) {
				base->pcnt++;
				base->bcnt += len;
				return base->policy;
			}
			goto do_return;
		}
		r = c->rules[i];
		if (!cur->x && i + 2 < c->n_rules)
			__builtin_prefetch(c->rules[i + 2]);
		if (!std_match(r, p, &a)) {
			i++;
			continue;
		}
		p->chain = c->name;          /* what matches and targets see */
		p->rulenum = i + 1;
		if (!ext_matches(r, p)) {
			i++;
			continue;
		}
		r->pcnt++;
		r->bcnt += len;
		trace(p, c, base, r, i + 1);
		switch (r->tkind) {
		case FILTER_TGT_NONE:
			i++;
			continue;
		case FILTER_TGT_VERDICT:
			if (r->verdict != FILTER_RETURN)
				return r->verdict;
			goto do_return;
		case FILTER_TGT_JUMP:
		case FILTER_TGT_GOTO:
			if (r->tkind == FILTER_TGT_JUMP) {
				if (depth == EVAL_MAX_DEPTH)
					return FILTER_DROP;
				stack[depth].chain = c;
				stack[depth++].next = i + 1;
				cur = depth < EVAL_INDEX_DEPTH ? &curs[depth] : &lin;
			}
			c = r->jump_to;
			i = 0;
			if (cur != &lin)
				fci_open(cur, c, key, (unsigned)a.n);
			continue;
		case FILTER_TGT_EXT:
			v = r->target->ext->target ? r->target->ext->target(r->target, p) : FILTER_CONTINUE;
			len = p->pv->len;    /* a target may have resized the packet (TCPMSS) */
			if (p->hotdrop)
				return FILTER_DROP;
			if (v == FILTER_CONTINUE) {
				i++;
				continue;
			}
			if (v != FILTER_RETURN)
				return (enum filter_verdict)v;
			goto do_return;
		}
		continue;
do_return:
		/* pop the return point, or with nothing pushed go to the policy */
		if (depth) {
			depth--;
			c = stack[depth].chain;
			i = stack[depth].next;
			cur = depth < EVAL_INDEX_DEPTH ? &curs[depth] : &lin;
		} else {
			c = base;
			i = base->n_rules;
			cur->x = NULL;
		}
	}
}
