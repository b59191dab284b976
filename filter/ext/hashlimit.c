/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hashlimit match (revision 3): token buckets per source/destination address and port, per name. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/hlrate.h"

enum {
	O_UPTO, O_ABOVE, O_LIMIT, O_SRCMASK, O_DSTMASK, O_BURST, O_SIZE, O_MAX, O_GCINT, O_EXPIRE,
	O_MODE, O_NAME, O_RATEMATCH, O_INTERVAL
};
enum { M_SIP = 1, M_DIP = 2, M_SPT = 4, M_DPT = 8, M_INVERT = 0x10, M_BYTES = 0x20,
       M_RATEMATCH = 0x40 };

#define HL_SLOTS 1024

struct hl_priv {
	uint64_t avg, burst;
	uint32_t mode, size, max, gc_interval, expire, interval, mult;
	uint8_t srcmask, dstmask;
	bool v6;                     /* tables are per family, as in the kernel */
	char name[256];
};

struct hl_entry {
	uint8_t key[36];
	bool used;
	uint64_t expires, prev, credit, cap, cost;
};

struct hl_table {
	struct hl_entry e[HL_SLOTS];
};

#define O FILTER_OPT_ONCE
static const struct filter_opt hl_opts[] = {
	[O_UPTO] = { .name = "hashlimit-upto", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_ABOVE] = { .name = "hashlimit-above", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_LIMIT] = { .name = "hashlimit", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_SRCMASK] = { .name = "hashlimit-srcmask", .arg = FILTER_ARG_ONE, .flags = O },
	[O_DSTMASK] = { .name = "hashlimit-dstmask", .arg = FILTER_ARG_ONE, .flags = O },
	[O_BURST] = { .name = "hashlimit-burst", .arg = FILTER_ARG_ONE, .flags = O },
	[O_SIZE] = { .name = "hashlimit-htable-size", .arg = FILTER_ARG_ONE, .flags = O },
	[O_MAX] = { .name = "hashlimit-htable-max", .arg = FILTER_ARG_ONE, .flags = O },
	[O_GCINT] = { .name = "hashlimit-htable-gcinterval", .arg = FILTER_ARG_ONE, .flags = O },
	[O_EXPIRE] = { .name = "hashlimit-htable-expire", .arg = FILTER_ARG_ONE, .flags = O },
	[O_MODE] = { .name = "hashlimit-mode", .arg = FILTER_ARG_ONE, .flags = O },
	[O_NAME] = { .name = "hashlimit-name", .arg = FILTER_ARG_ONE,
		     .flags = O | FILTER_OPT_MANDATORY },
	[O_RATEMATCH] = { .name = "hashlimit-rate-match", .arg = FILTER_ARG_NONE, .flags = O },
	[O_INTERVAL] = { .name = "hashlimit-rate-interval", .arg = FILTER_ARG_ONE, .flags = O },
};
#undef O

static void hl_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct hl_priv *p = FILTER_PRIV(d, struct hl_priv);

	p->burst = 5;
	p->gc_interval = 1000;
	p->srcmask = p->dstmask = std->family == FILTER_V6 ? 128 : 32;
	p->v6 = std->family == FILTER_V6;
	p->mult = 1;
}

static uint32_t hl_factor(char c)
{
	return c == 'm' ? 1024 * 1024 : c == 'k' ? 1024 : 1;
}

/* "Nb/s", "Nkb/s", "Nmb/s": returns 1 if a byte rate, 0 if not, -1 on error. */
static int hl_parse_bytes(struct hl_priv *p, const char *s, struct ulog_err *err)
{
	const char *b = strstr(s, "b/s");
	uint64_t r, tmp;

	if (!b || b == s)
		return 0;
	r = strtoull(s, NULL, 10);
	if (!r)
		return 0;
	tmp = hl_bytes_to_cost(r * hl_factor(b[-1]));
	if (!tmp)
		return ulog_errf(err, -EINVAL, "Rate too high \"%s\"", s), -1;
	p->avg = tmp;
	p->mode |= M_BYTES;
	p->mult = 15;
	return 1;
}

static int hl_parse_rate(struct hl_priv *p, unsigned opt, const char *s, struct ulog_err *err)
{
	static const char *const names[] = { "--hashlimit-upto", "--hashlimit-above", "--hashlimit-upto" };
	static const struct { const char *u; uint32_t m; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 },
	};
	const char *delim = strchr(s, '/');
	uint64_t r;
	int b = hl_parse_bytes(p, s, err);

	if (b)
		return b < 0 ? -EINVAL : 0;
	p->mult = 1;
	if (delim) {
		size_t n = strlen(delim + 1);
		unsigned i;

		for (i = 0; n && i < XT_ARRAY_SIZE(units); i++)
			if (!strncasecmp(delim + 1, units[i].u, n))
				break;
		if (!n || i == XT_ARRAY_SIZE(units))
			goto bad;
		p->mult = units[i].m;
	}
	r = strtoull(s, NULL, 10);
	if (!r)
		goto bad;
	p->avg = HL_SCALE * p->mult / r;
	if (!p->avg)
		return ulog_errf(err, -EINVAL, "Rate too fast \"%s\"", s);
	return 0;
bad:
	return ulog_errf(err, -EINVAL, "hashlimit: Bad value for \"%s\" option: \"%s\"", names[opt], s);
}

static int hl_parse_mode(struct hl_priv *p, const char *s, struct ulog_err *err)
{
	static const struct xt_name modes[] = {
		{ "dstip", M_DIP }, { "srcip", M_SIP }, { "srcport", M_SPT }, { "dstport", M_DPT },
	};
	char buf[128], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
		unsigned i;

		for (i = 0; i < XT_ARRAY_SIZE(modes) && strcmp(tok, modes[i].name); i++)
			;
		if (i == XT_ARRAY_SIZE(modes))
			return ulog_errf(err, -EINVAL, "hashlimit: Bad value for \"--hashlimit-mode\" "
					 "option: \"%s\"", s);
		p->mode |= modes[i].value;
	}
	return 0;
}

static int hl_parse_burst(struct hl_priv *p, const char *s, struct ulog_err *err)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);

	if (!*s || *s == '-' || v < 1 || (!*end && v > 1000000) || (*end && !strchr("km", *end)))
		return ulog_errf(err, -EINVAL, "bad value for option \"--hashlimit-burst\", or out of "
				 "range (1-1000000).");
	p->burst = v * hl_factor(*end);
	return 0;
}

static int hl_parse_u32(const char *s, uint64_t min, uint64_t max, uint32_t *out, unsigned opt,
			struct ulog_err *err)
{
	uint64_t v;

	if (!filter_parse_uint(s, min, max, &v))
		return ulog_errf(err, -EINVAL, "hashlimit: bad value for option \"--%s\", or out of "
				 "range (%llu-%llu).\n", hl_opts[opt].name, (unsigned long long)min,
				 (unsigned long long)max);
	*out = (uint32_t)v;
	return 0;
}

static int hl_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct hl_priv *p = FILTER_PRIV(d, struct hl_priv);
	uint32_t v = 0;
	int rc;

	switch (opt) {
	case O_UPTO: case O_LIMIT: case O_ABOVE:
		if ((opt == O_ABOVE) != invert)
			p->mode |= M_INVERT;
		return hl_parse_rate(p, opt, args[0], err);
	case O_SRCMASK: case O_DSTMASK:
		if ((rc = hl_parse_u32(args[0], 0, std->family == FILTER_V6 ? 128 : 32, &v, opt, err)))
			return rc;
		*(opt == O_SRCMASK ? &p->srcmask : &p->dstmask) = (uint8_t)v;
		return 0;
	case O_BURST:
		return hl_parse_burst(p, args[0], err);
	case O_SIZE:
		return hl_parse_u32(args[0], 0, UINT32_MAX, &p->size, opt, err);
	case O_MAX:
		return hl_parse_u32(args[0], 0, UINT32_MAX, &p->max, opt, err);
	case O_GCINT:
		return hl_parse_u32(args[0], 0, UINT32_MAX, &p->gc_interval, opt, err);
	case O_EXPIRE:
		return hl_parse_u32(args[0], 0, UINT32_MAX, &p->expire, opt, err);
	case O_MODE:
		return hl_parse_mode(p, args[0], err);
	case O_NAME:
		snprintf(p->name, sizeof(p->name), "%s", args[0]);
		return 0;
	case O_RATEMATCH:
		p->mode |= M_RATEMATCH;
		return 0;
	default:
		if (atoi(args[0]) <= 0)
			return ulog_errf(err, -EINVAL, "hashlimit: Bad value for "
					 "\"--hashlimit-rate-interval\" option: \"%s\"", args[0]);
		p->interval = (uint32_t)atoi(args[0]);
		return 0;
	}
}

static int hl_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	struct hl_priv *p = FILTER_PRIV(d, struct hl_priv);
	uint64_t unit;

	if (!filter_opt_seen(d, O_UPTO) && !filter_opt_seen(d, O_ABOVE) &&
	    !filter_opt_seen(d, O_LIMIT))
		return ulog_errf(err, -EINVAL, "You have to specify --hashlimit");
	if (xt_excl_check(d, O_UPTO, O_ABOVE + 1, "hashlimit", err))
		return -EINVAL;
	if (!filter_opt_seen(d, O_EXPIRE))
		p->expire = p->mult * 1000;
	if (p->mode & M_BYTES) {
		uint64_t burst = 0;

		unit = hl_cost_to_bytes(p->avg);
		if (filter_opt_seen(d, O_BURST)) {
			if (p->burst < unit)
				return ulog_errf(err, -EINVAL, "burst cannot be smaller than %llub",
						 (unsigned long long)unit);
			burst = p->burst / unit + (p->burst % unit ? 1 : 0);
			if (!filter_opt_seen(d, O_EXPIRE))
				p->expire = 60 * 1000;
		}
		p->burst = burst;
	}
	if (p->mode & M_RATEMATCH) {
		if (!(p->mode & M_BYTES))
			p->avg /= p->mult;
		if (!p->interval)
			p->interval = p->mode & M_BYTES ? 1 : p->mult;
	}
	return 0;
}

/* Prints a packet rate; returns the printed unit in milliseconds. */
static uint64_t hl_brate(struct filter_buf *b, uint64_t period)
{
	static const struct { const char *n; uint64_t m; } r[] = {
		{ "day", HL_SCALE * 86400 }, { "hour", HL_SCALE * 3600 }, { "min", HL_SCALE * 60 },
		{ "sec", HL_SCALE },
	};
	unsigned i;

	if (!period) {
		filter_bprintf(b, "inf");
		return 0;
	}
	for (i = 1; i < XT_ARRAY_SIZE(r); i++)
		if (period > r[i].m || r[i].m / period < r[i].m % period)
			break;
	filter_bprintf(b, "%llu/%s", (unsigned long long)(r[i - 1].m / period), r[i - 1].n);
	return r[i - 1].m / HL_SCALE * 1000;
}

/* Prints a byte rate (and burst); returns the implied expire in milliseconds. */
static uint64_t hl_bbytes(struct filter_buf *b, uint64_t avg, uint64_t burst)
{
	static const struct { const char *n; uint32_t t; } u[] = { { "m", 1 << 20 }, { "k", 1024 }, { "", 1 } };
	unsigned long long r = hl_cost_to_bytes(avg);
	unsigned i;

	for (i = 0; i < 2; i++)
		if (r >= u[i].t && hl_bytes_to_cost(r & ~(unsigned long long)(u[i].t - 1)) == avg)
			break;
	filter_bprintf(b, "%llu%sb/s", r / u[i].t, u[i].n);
	if (!burst)
		return 15000;
	r *= burst;
	for (i = 0; i < 2 && r < u[i].t; i++)
		;
	filter_bprintf(b, " --hashlimit-burst %llu%sb", r / u[i].t, u[i].n);
	return 60000;
}

static void hl_bmode(struct filter_buf *b, uint32_t mode)
{
	static const struct xt_name order[] = {
		{ "srcip", M_SIP }, { "srcport", M_SPT }, { "dstip", M_DIP }, { "dstport", M_DPT },
	};

	if (!(mode & (M_SIP | M_SPT | M_DIP | M_DPT)))
		return;
	filter_bprintf(b, " --hashlimit-mode ");
	xt_bnames(b, order, XT_ARRAY_SIZE(order), mode);
}

static int hl_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned dmask = std->family == FILTER_V6 ? 128 : 32;
	uint64_t quantum;

	filter_bprintf(&b, "%s ", p->mode & M_INVERT ? "--hashlimit-above" : "--hashlimit-upto");
	if (p->mode & M_BYTES) {
		quantum = hl_bbytes(&b, p->avg, p->burst);
	} else {
		quantum = hl_brate(&b, p->avg);
		filter_bprintf(&b, " --hashlimit-burst %llu", (unsigned long long)p->burst);
	}
	hl_bmode(&b, p->mode);
	filter_bprintf(&b, " --hashlimit-name %s", p->name);
	if (p->size)
		filter_bprintf(&b, " --hashlimit-htable-size %u", p->size);
	if (p->max)
		filter_bprintf(&b, " --hashlimit-htable-max %u", p->max);
	if (p->gc_interval != 1000)
		filter_bprintf(&b, " --hashlimit-htable-gcinterval %u", p->gc_interval);
	if (p->expire != quantum)
		filter_bprintf(&b, " --hashlimit-htable-expire %u", p->expire);
	if (p->srcmask != dmask)
		filter_bprintf(&b, " --hashlimit-srcmask %u", p->srcmask);
	if (p->dstmask != dmask)
		filter_bprintf(&b, " --hashlimit-dstmask %u", p->dstmask);
	if (p->mode & M_RATEMATCH) {
		filter_bprintf(&b, " --hashlimit-rate-match");
		if (p->interval != 1)
			filter_bprintf(&b, " --hashlimit-rate-interval %u", p->interval);
	}
	return (int)b.pos;
}

static int hl_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		    struct ulog_err *err)
{
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);

	if (!p->gc_interval || !p->expire)
		return ulog_errf(err, -EINVAL, "hashlimit: gcinterval and expire must not be 0");
	if (!(p->mode & (M_BYTES | M_RATEMATCH)) &&
	    (!p->burst || hl_user2credits(p->avg * p->burst) < hl_user2credits(p->avg)))
		return ulog_errf(err, -ERANGE, "hashlimit: overflow, try lower: %llu/%llu",
				 (unsigned long long)p->avg, (unsigned long long)p->burst);
	return 0;
}

static int hl_bind(struct filter_ext_data *d, struct filter_ctx *ctx, struct ulog_err *err)
{
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);
	char key[64];

	d->state = filter_ctx_shared(ctx, p->v6 ? "hashlimit6" : "hashlimit4",
				     xt_shared_name(p->name, key, sizeof(key)), sizeof(struct hl_table),
				     NULL, NULL);
	if (!d->state)
		return ulog_errf(err, -ENOMEM, "hashlimit: cannot create table \"%s\"", p->name);
	return 0;
}

static void hl_unbind(struct filter_ext_data *d, struct filter_ctx *ctx)
{
	d->state = NULL;
}

static void hl_mask(uint8_t *out, const uint8_t *a, unsigned bits, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		unsigned b = bits > 8 ? 8 : bits;

		out[i] = (uint8_t)(a[i] & (b ? 0xff << (8 - b) : 0));
		bits -= b;
	}
}

/* The bucket key of a packet: masked addresses and ports as the mode says. */
static bool hl_key(const struct hl_priv *p, struct filter_pkt *pkt, uint8_t *key)
{
	const struct pkt_view *pv = pkt->pv;
	unsigned n = pv->family == AF_INET6 ? 16 : 4;
	uint16_t sp = 0, dp = 0;

	const uint8_t *sa = xt_pkt_addr(pv, false), *da = xt_pkt_addr(pv, true);

	memset(key, 0, 36);
	if (!sa || !da)
		return false;
	if (p->mode & M_SIP)
		hl_mask(key, sa, p->srcmask, n);
	if (p->mode & M_DIP)
		hl_mask(key + 16, da, p->dstmask, n);
	if (p->mode & (M_SPT | M_DPT)) {
		if (!pkt_ports(pv, &sp, &dp) && pv->frag_off == 0 && !pv->l4_ok &&
		    pkt_l4_min_len(pv->l4proto))
			return false;
		key[32] = (uint8_t)(sp >> 8);
		key[33] = (uint8_t)sp;
		key[34] = (uint8_t)(dp >> 8);
		key[35] = (uint8_t)dp;
		if (!(p->mode & M_SPT))
			key[32] = key[33] = 0;
		if (!(p->mode & M_DPT))
			key[34] = key[35] = 0;
	}
	return true;
}

static struct hl_entry *hl_lookup(struct hl_table *t, const uint8_t *key, uint64_t now, bool *fresh)
{
	unsigned h = 2166136261u, i, slot;
	struct hl_entry *victim = NULL;

	for (i = 0; i < 36; i++)
		h = (h ^ key[i]) * 16777619u;
	for (i = 0; i < 32; i++) {
		struct hl_entry *e = &t->e[(h + i) % HL_SLOTS];

		if (e->used && e->expires > now && !memcmp(e->key, key, 36)) {
			*fresh = false;
			return e;
		}
		if (!victim && (!e->used || e->expires <= now))
			victim = e;
	}
	slot = h % HL_SLOTS;
	if (!victim)
		victim = &t->e[slot];
	*fresh = true;
	memset(victim, 0, sizeof(*victim));
	memcpy(victim->key, key, 36);
	victim->used = true;
	return victim;
}

static int hl_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);
	uint64_t now = xt_jiffies(pkt->now_ns), cost;
	struct hl_entry *e;
	uint8_t key[36];
	bool fresh;

	if (!d->state || !hl_key(p, pkt, key))
		return FILTER_NOMATCH;
	e = hl_lookup(d->state, key, now, &fresh);
	e->expires = now + (uint64_t)p->expire * XT_HZ / 1000;
	if (fresh) {
		e->prev = now;
		if (p->mode & M_BYTES) {
			e->credit = (UINT32_MAX / p->avg) * (p->burst ? p->burst : 1);
			e->cost = p->avg;
		} else {
			e->credit = hl_user2credits(p->avg * p->burst);
			e->cost = hl_user2credits(p->avg);
		}
		e->cap = e->credit;
	} else if (now > e->prev) {
		uint64_t add = (now - e->prev) * ((p->mode & M_BYTES) ? 1 : HL_CPJ);

		e->prev = now;
		e->credit = add > e->cap - e->credit ? e->cap : e->credit + add;
	}
	cost = (p->mode & M_BYTES) ? e->cost * (pkt->pv->len >> HL_BYTE_SHIFT) : e->cost;
	if (e->credit >= cost) {
		e->credit -= cost;
		return !(p->mode & M_INVERT) ? FILTER_MATCHED : FILTER_NOMATCH;
	}
	return (p->mode & M_INVERT) ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int hl_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	static const struct xt_name order[] = {
		{ "srcip", M_SIP }, { "srcport", M_SPT }, { "dstip", M_DIP }, { "dstport", M_DPT },
	};
	const struct hl_priv *p = FILTER_PRIV(d, const struct hl_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned dmask = std->family == FILTER_V6 ? 128 : 32, i;
	uint64_t quantum;
	const char *sep = "";

	filter_bprintf(&b, " limit: %s ", p->mode & M_INVERT ? "above" : "up to");
	if (p->mode & M_BYTES) {
		char tmp[128];
		char *bu;

		quantum = hl_bbytes(&b, p->avg, 0) == 15000 && p->burst ? 60000 : 15000;
		if (p->burst) {
			struct filter_buf t = filter_buf_init(tmp, sizeof(tmp));

			hl_bbytes(&t, p->avg, p->burst);
			bu = strstr(tmp, " --hashlimit-burst ");
			if (bu)
				filter_bprintf(&b, " burst %s", bu + strlen(" --hashlimit-burst "));
		}
	} else {
		/* revision 3 lists the period times the rate interval */
		quantum = hl_brate(&b, p->avg * (p->interval ? p->interval : 1));
		filter_bprintf(&b, " burst %llu", (unsigned long long)p->burst);
	}
	if (p->mode & (M_SIP | M_SPT | M_DIP | M_DPT)) {
		filter_bprintf(&b, " mode ");
		for (i = 0; i < XT_ARRAY_SIZE(order); i++)
			if (p->mode & order[i].value) {
				filter_bprintf(&b, "%s%s", sep, order[i].name);
				sep = "-";
			}
	}
	if (p->size)
		filter_bprintf(&b, " htable-size %u", p->size);
	if (p->max)
		filter_bprintf(&b, " htable-max %u", p->max);
	if (p->gc_interval != 1000)
		filter_bprintf(&b, " htable-gcinterval %u", p->gc_interval);
	if (p->expire != quantum)
		filter_bprintf(&b, " htable-expire %u", p->expire);
	if (p->srcmask != dmask)
		filter_bprintf(&b, " srcmask %u", p->srcmask);
	if (p->dstmask != dmask)
		filter_bprintf(&b, " dstmask %u", p->dstmask);
	if (p->mode & M_RATEMATCH) {
		filter_bprintf(&b, " rate-match");
		if (p->interval != 1)
			filter_bprintf(&b, " rate-interval %u", p->interval);
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_hashlimit = {
	.abi = FILTER_EXT_ABI,
	.name = "hashlimit",
	.revision = 3,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = hl_opts,
	.n_opts = XT_ARRAY_SIZE(hl_opts),
	.priv_size = sizeof(struct hl_priv),
	.init = hl_init,
	.parse = hl_parse,
	.final_check = hl_final,
	.print = hl_print,
	.list = hl_list,
	.check = hl_check,
	.bind = hl_bind,
	.unbind = hl_unbind,
	.match = hl_match,
};
