/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recent match: named lists of recently seen addresses with timestamps (set, check, update, remove). */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "lib/credit.h"
#include "lib/xt.h"

enum {
	O_SET, O_RCHECK, O_UPDATE, O_REMOVE, O_SECONDS, O_REAP, O_HITCOUNT, O_RTTL, O_NAME,
	O_RSOURCE, O_RDEST, O_MASK, O_N
};

#define RECENT_NAME_LEN 200
#define RECENT_MAX_ENTRIES 200       /* ip_list_tot */
#define RECENT_MAX_STAMPS 256        /* ring per entry: ip_pkt_list_tot 255 rounded up */

struct recent_priv {
	uint32_t seconds, hitcount;
	uint8_t mode;                    /* O_SET .. O_REMOVE */
	bool invert, reap, rttl, rdest;
	uint8_t mask[16];
	char name[RECENT_NAME_LEN];
};

struct recent_entry {
	uint8_t addr[16];
	uint8_t family, ttl;
	bool used;
	uint16_t nstamps, index;         /* stamps held, next slot */
	uint64_t last;                   /* jiffies of the newest stamp (LRU) */
	uint64_t stamps[RECENT_MAX_STAMPS];
};

/* One named list, shared by every rule naming it (filter_ctx_shared). */
struct recent_table {
	uint8_t mask[16];
	bool mask_set;
	struct recent_entry e[RECENT_MAX_ENTRIES];
};

#define F FILTER_OPT_INVERT
static const struct filter_opt recent_opts[] = {
	[O_SET] = { .name = "set", .arg = FILTER_ARG_NONE, .flags = F },
	[O_RCHECK] = { .name = "rcheck", .arg = FILTER_ARG_NONE, .flags = F },
	[O_UPDATE] = { .name = "update", .arg = FILTER_ARG_NONE, .flags = F },
	[O_REMOVE] = { .name = "remove", .arg = FILTER_ARG_NONE, .flags = F },
	[O_SECONDS] = { .name = "seconds", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_REAP] = { .name = "reap", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_HITCOUNT] = { .name = "hitcount", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_RTTL] = { .name = "rttl", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_NAME] = { .name = "name", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_RSOURCE] = { .name = "rsource", .arg = FILTER_ARG_NONE },
	[O_RDEST] = { .name = "rdest", .arg = FILTER_ARG_NONE },
	[O_MASK] = { .name = "mask", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};
#undef F

static void recent_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct recent_priv *p = FILTER_PRIV(d, struct recent_priv);

	strcpy(p->name, "DEFAULT");
	memset(p->mask, 0xff, sizeof(p->mask));
}

static int recent_parse_num(struct recent_priv *p, unsigned opt, const char *arg,
			    struct ulog_err *err)
{
	uint64_t v;

	if (opt == O_SECONDS) {
		if (!filter_parse_uint(arg, 1, UINT32_MAX, &v))
			return ulog_errf(err, -EINVAL, "recent: bad value for option \"--seconds\", or out "
					 "of range (1-4294967295).\n");
		p->seconds = (uint32_t)v;
		return 0;
	}
	if (!filter_parse_uint(arg, 0, UINT32_MAX, &v))
		return ulog_errf(err, -EINVAL, "recent: bad value for option \"--hitcount\", or out of "
				 "range (0-4294967295).\n");
	p->hitcount = (uint32_t)v;
	return 0;
}

static int recent_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct recent_priv *p = FILTER_PRIV(d, struct recent_priv);

	switch (opt) {
	case O_SET: case O_RCHECK: case O_UPDATE: case O_REMOVE:
		p->mode = (uint8_t)opt;
		p->invert = invert;
		return 0;
	case O_SECONDS: case O_HITCOUNT:
		return recent_parse_num(p, opt, args[0], err);
	case O_REAP:
		p->reap = true;
		return 0;
	case O_RTTL:
		p->rttl = true;
		return 0;
	case O_NAME:
		snprintf(p->name, sizeof(p->name), "%.199s", args[0]);
		return 0;
	case O_RSOURCE: case O_RDEST:
		p->rdest = opt == O_RDEST;
		return 0;
	default:
		if (inet_pton(std->family == FILTER_V6 ? AF_INET6 : AF_INET, args[0], p->mask) != 1)
			return ulog_errf(err, -EINVAL, "recent: bad value for option \"--mask\" \"%s\"",
					 args[0]);
		return 0;
	}
}

static int recent_final(struct filter_ext_data *d, const struct filter_std *std,
			struct ulog_err *err)
{
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);
	unsigned i;

	for (i = O_SET; i <= O_REMOVE && !filter_opt_seen(d, i); i++)
		;
	if (i > O_REMOVE)
		return ulog_errf(err, -EINVAL, "recent: you must specify one of `--set', `--rcheck' "
				 "`--update' or `--remove'");
	if (xt_excl_check(d, O_SET, O_REMOVE + 1, "recent", err))
		return -EINVAL;
	if (p->reap && !filter_opt_seen(d, O_SECONDS))
		return ulog_errf(err, -EINVAL, "recent: option \"--reap\" also requires \"--seconds\".\n");
	return 0;
}

static int recent_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	static const char *const mode[] = { "--set", "--rcheck", "--update", "--remove" };
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s%s", p->invert ? "! " : "", mode[p->mode]);
	if (p->seconds)
		filter_bprintf(&b, " --seconds %d", (int)p->seconds);
	if (p->reap)
		filter_bprintf(&b, " --reap");
	if (p->hitcount)
		filter_bprintf(&b, " --hitcount %d", (int)p->hitcount);
	if (p->rttl)
		filter_bprintf(&b, " --rttl");
	filter_bprintf(&b, " --name %s --mask ", p->name);
	filter_baddr(&b, xt_af(std->family), p->mask);
	filter_bprintf(&b, " %s", p->rdest ? "--rdest" : "--rsource");
	return (int)b.pos;
}

static int recent_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);

	if ((p->mode == O_SET || p->mode == O_REMOVE) &&
	    (p->seconds || p->hitcount || p->reap || p->rttl))
		return ulog_errf(err, -EINVAL, "recent: --seconds, --hitcount, --rttl and --reap need "
				 "--rcheck or --update");
	if (p->hitcount >= 65536)
		return ulog_errf(err, -EINVAL, "recent: hitcount %u too large", p->hitcount);
	if (!p->name[0] || strchr(p->name, '/'))
		return ulog_errf(err, -EINVAL, "recent: bad list name \"%s\"", p->name);
	return 0;
}

static int recent_bind(struct filter_ext_data *d, struct filter_ctx *ctx, struct ulog_err *err)
{
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);
	char key[64];
	struct recent_table *t = filter_ctx_shared(ctx, "recent",
						   xt_shared_name(p->name, key, sizeof(key)),
						   sizeof(*t), NULL, NULL);

	if (!t)
		return ulog_errf(err, -ENOMEM, "recent: cannot create list \"%s\"", p->name);
	if (!t->mask_set) {
		memcpy(t->mask, p->mask, sizeof(t->mask));
		t->mask_set = true;
	}
	d->state = t;
	return 0;
}

static void recent_unbind(struct filter_ext_data *d, struct filter_ctx *ctx)
{
	d->state = NULL;    /* the list outlives the rule, as in the kernel */
}

static struct recent_entry *recent_find(struct recent_table *t, const uint8_t *a, uint8_t fam,
					uint8_t ttl)
{
	unsigned i;

	for (i = 0; i < RECENT_MAX_ENTRIES; i++) {
		struct recent_entry *e = &t->e[i];

		if (e->used && e->family == fam && !memcmp(e->addr, a, 16) && (!ttl || ttl == e->ttl))
			return e;
	}
	return NULL;
}

/* A free slot, or the least recently seen entry (the kernel drops the oldest). */
static struct recent_entry *recent_new(struct recent_table *t)
{
	struct recent_entry *old = &t->e[0];
	unsigned i;

	for (i = 0; i < RECENT_MAX_ENTRIES; i++) {
		if (!t->e[i].used)
			return &t->e[i];
		if (t->e[i].last < old->last)
			old = &t->e[i];
	}
	return old;
}

static void recent_stamp(struct recent_entry *e, uint64_t now, uint8_t ttl)
{
	e->stamps[e->index] = now;
	e->index = (uint16_t)((e->index + 1) % RECENT_MAX_STAMPS);
	if (e->nstamps < RECENT_MAX_STAMPS)
		e->nstamps++;
	e->last = now;
	e->ttl = ttl;
}

static bool recent_hits(const struct recent_priv *p, struct recent_entry *e, uint64_t now)
{
	uint64_t window = (uint64_t)p->seconds * XT_HZ;
	unsigned i, hits = 0, keep = 0;
	bool hit = false;

	/* the kernel skips stamps before now - seconds (time_after); without underflow here */
	for (i = 0; i < e->nstamps; i++) {
		if (p->seconds && now - e->stamps[i] > window)
			continue;
		if (!p->hitcount || ++hits >= p->hitcount) {
			hit = true;
			break;
		}
	}
	if (p->reap) {
		for (i = 0; i < e->nstamps; i++)
			if (now - e->stamps[i] <= window)
				e->stamps[keep++] = e->stamps[i];
		e->nstamps = (uint16_t)keep;
		e->index = (uint16_t)(keep % RECENT_MAX_STAMPS);
		if (!keep)
			e->used = false;
	}
	return hit;
}

static int recent_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);
	struct recent_table *t = d->state;
	const uint8_t *a = xt_pkt_addr(pkt->pv, p->rdest);
	bool v6 = pkt->pv->family == AF_INET6, ret = p->invert;
	uint64_t now = xt_jiffies(pkt->now_ns);
	const uint8_t *ttlp = pkt_l3(pkt->pv, v6 ? 7 : 8, 1);
	uint8_t key[16] = { 0 }, ttl = ttlp ? *ttlp : 0;
	struct recent_entry *e;
	unsigned i, n = v6 ? 16 : 4;

	if (!t || !a)
		return ret ? FILTER_MATCHED : FILTER_NOMATCH;
	if (pkt->meta->out[0] && !pkt->meta->sk_valid)
		ttl++;
	for (i = 0; i < n; i++)
		key[i] = a[i] & t->mask[i];
	e = recent_find(t, key, v6 ? 6 : 4, p->rttl ? ttl : 0);
	if (!e) {
		if (p->mode != O_SET)
			return ret ? FILTER_MATCHED : FILTER_NOMATCH;
		e = recent_new(t);
		memset(e, 0, sizeof(*e));
		memcpy(e->addr, key, 16);
		e->family = v6 ? 6 : 4;
		e->used = true;
		recent_stamp(e, now, ttl);
		return !ret ? FILTER_MATCHED : FILTER_NOMATCH;
	}
	if (p->mode == O_SET) {
		ret = !ret;
	} else if (p->mode == O_REMOVE) {
		e->used = false;
		ret = !ret;
	} else if (recent_hits(p, e, now)) {
		ret = !ret;
	}
	if (e->used && (p->mode == O_SET || (p->mode == O_UPDATE && ret)))
		recent_stamp(e, now, ttl);
	return ret ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int recent_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		       char *buf, size_t len)
{
	static const char *const mode[] = { "SET", "CHECK", "UPDATE", "REMOVE" };
	const struct recent_priv *p = FILTER_PRIV(d, const struct recent_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s recent: %s", p->invert ? " !" : "", mode[p->mode]);
	if (p->seconds)
		filter_bprintf(&b, " seconds: %d", (int)p->seconds);
	if (p->reap)
		filter_bprintf(&b, " reap");
	if (p->hitcount)
		filter_bprintf(&b, " hit_count: %d", (int)p->hitcount);
	if (p->rttl)
		filter_bprintf(&b, " TTL-Match");
	filter_bprintf(&b, " name: %s side: %s mask: ", p->name, p->rdest ? "dest" : "source");
	filter_baddr(&b, xt_af(std->family), p->mask);
	return (int)b.pos;
}

const struct filter_ext filter_ext_recent = {
	.abi = FILTER_EXT_ABI,
	.name = "recent",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = recent_opts,
	.n_opts = XT_ARRAY_SIZE(recent_opts),
	.priv_size = sizeof(struct recent_priv),
	.init = recent_init,
	.parse = recent_parse,
	.final_check = recent_final,
	.print = recent_print,
	.list = recent_list,
	.check = recent_check,
	.bind = recent_bind,
	.unbind = recent_unbind,
	.match = recent_match,
};
