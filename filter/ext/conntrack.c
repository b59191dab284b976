/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The conntrack match (revision 3): state, protocol, tuple addresses and ports, status, expiry, direction. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "lib/ctstate.h"

enum {
	O_STATE, O_PROTO, O_ORIGSRC, O_ORIGDST, O_REPLSRC, O_REPLDST,
	O_ORIGSRCPORT, O_ORIGDSTPORT, O_REPLSRCPORT, O_REPLDSTPORT,
	O_STATUS, O_EXPIRE, O_DIR, O_COUNT
};

struct ct_priv {
	uint32_t state_mask, status_mask;
	uint8_t addr[4][16], mask[4][16];      /* origsrc, origdst, replsrc, repldst */
	uint16_t port[4][2];
	uint32_t expires[2];
	uint8_t l4proto;
	bool reply;                            /* --ctdir REPLY */
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt ct_opts[] = {
	[O_STATE] = { .name = "ctstate", .arg = FILTER_ARG_ONE, .flags = F },
	[O_PROTO] = { .name = "ctproto", .arg = FILTER_ARG_ONE, .flags = F },
	[O_ORIGSRC] = { .name = "ctorigsrc", .arg = FILTER_ARG_ONE, .flags = F },
	[O_ORIGDST] = { .name = "ctorigdst", .arg = FILTER_ARG_ONE, .flags = F },
	[O_REPLSRC] = { .name = "ctreplsrc", .arg = FILTER_ARG_ONE, .flags = F },
	[O_REPLDST] = { .name = "ctrepldst", .arg = FILTER_ARG_ONE, .flags = F },
	[O_ORIGSRCPORT] = { .name = "ctorigsrcport", .arg = FILTER_ARG_ONE, .flags = F },
	[O_ORIGDSTPORT] = { .name = "ctorigdstport", .arg = FILTER_ARG_ONE, .flags = F },
	[O_REPLSRCPORT] = { .name = "ctreplsrcport", .arg = FILTER_ARG_ONE, .flags = F },
	[O_REPLDSTPORT] = { .name = "ctrepldstport", .arg = FILTER_ARG_ONE, .flags = F },
	[O_STATUS] = { .name = "ctstatus", .arg = FILTER_ARG_ONE, .flags = F },
	[O_EXPIRE] = { .name = "ctexpire", .arg = FILTER_ARG_ONE, .flags = F },
	[O_DIR] = { .name = "ctdir", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};
#undef F

static const struct xt_name ct_status_names[] = {
	{ "NONE", 0 }, { "EXPECTED", 1 }, { "SEEN_REPLY", 2 }, { "ASSURED", 4 }, { "CONFIRMED", 8 },
};

static int ct_parse_states(struct ct_priv *p, const char *arg, struct ulog_err *err)
{
	const char *comma;

	do {
		uint32_t bit;

		comma = strchr(arg, ',');
		if (!comma)
			comma = arg + strlen(arg);
		bit = comma == arg ? 0 : xt_ct_state_name(arg, (size_t)(comma - arg), true);
		if (!bit)
			return ulog_errf(err, -EINVAL, "Bad ctstate \"%s\"", arg);
		p->state_mask |= bit;
		arg = comma + 1;
	} while (*comma);
	return 0;
}

static int ct_parse_status(struct ct_priv *p, const char *arg, struct ulog_err *err)
{
	const char *comma;

	do {
		size_t len;
		unsigned i;

		comma = strchr(arg, ',');
		if (!comma)
			comma = arg + strlen(arg);
		len = (size_t)(comma - arg);
		for (i = 0; len && i < XT_ARRAY_SIZE(ct_status_names); i++)
			if (!strncasecmp(arg, ct_status_names[i].name, len))
				break;
		if (!len || i == XT_ARRAY_SIZE(ct_status_names))
			return ulog_errf(err, -EINVAL, "Bad ctstatus \"%s\"", arg);
		p->status_mask |= ct_status_names[i].value;
		arg = comma + 1;
	} while (*comma);
	return 0;
}

static int ct_parse_expire(struct ct_priv *p, const char *arg, struct ulog_err *err)
{
	char buf[64], *colon;
	uint64_t lo, hi;

	snprintf(buf, sizeof(buf), "%s", arg);
	colon = strchr(buf, ':');
	if (colon)
		*colon++ = 0;
	if (!filter_parse_uint(buf, 0, UINT32_MAX, &lo) ||
	    (colon && !filter_parse_uint(colon, 0, UINT32_MAX, &hi)))
		return ulog_errf(err, -EINVAL,
				 "conntrack: bad value for option \"--ctexpire\", or out of range (0-4294967295).\n");
	p->expires[0] = (uint32_t)lo;
	p->expires[1] = colon ? (uint32_t)hi : (uint32_t)lo;
	return 0;
}

static int ct_parse_addr(struct ct_priv *p, unsigned i, const char *arg,
			 const struct filter_std *std, struct ulog_err *err)
{
	int af = xt_af(std->family);
	char host[128];

	if (filter_parse_addr_mask(af, arg, p->addr[i], p->mask[i]))
		return 0;
	snprintf(host, sizeof(host), "%.*s", (int)strcspn(arg, "/"), arg);
	if (strchr(arg, '/') && filter_parse_addr_mask(af, host, p->addr[i], p->mask[i]))
		return ulog_errf(err, -EINVAL, "conntrack: bad value for option \"--%s\", neither a "
				 "valid network mask nor valid CIDR (0-%d).\n", ct_opts[O_ORIGSRC + i].name,
				 af == 6 ? 128 : 32);
	return ulog_errf(err, -EINVAL, "host/network `%s' not found", host);
}

static int ct_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct ct_priv *p = FILTER_PRIV(d, struct ct_priv);
	uint16_t proto;

	switch (opt) {
	case O_STATE:
		return ct_parse_states(p, args[0], err);
	case O_PROTO:
		if (!filter_parse_proto(args[0], &proto))
			return ulog_errf(err, -EINVAL, "unknown protocol \"%s\" specified", args[0]);
		p->l4proto = (uint8_t)proto;
		return 0;
	case O_ORIGSRC: case O_ORIGDST: case O_REPLSRC: case O_REPLDST:
		return ct_parse_addr(p, opt - O_ORIGSRC, args[0], std, err);
	case O_ORIGSRCPORT: case O_ORIGDSTPORT: case O_REPLSRCPORT: case O_REPLDSTPORT:
		return xt_portrange_gai(args[0], "conntrack", ct_opts[opt].name,
					p->port[opt - O_ORIGSRCPORT], err);
	case O_STATUS:
		return ct_parse_status(p, args[0], err);
	case O_EXPIRE:
		return ct_parse_expire(p, args[0], err);
	case O_DIR:
		if (!strcasecmp(args[0], "ORIGINAL"))
			p->reply = false;
		else if (!strcasecmp(args[0], "REPLY"))
			p->reply = true;
		else
			return ulog_errf(err, -EINVAL,
					 "conntrack: Bad value for \"--ctdir\" option: \"%s\"", args[0]);
		return 0;
	}
	return -EINVAL;
}

static int ct_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "conntrack: At least one option is required");
	return 0;
}

static void ct_bopt(struct filter_buf *b, const struct filter_ext_data *d, unsigned opt)
{
	filter_bsep(b);
	filter_bprintf(b, "%s--%s ", filter_opt_inv(d, opt) ? "! " : "", ct_opts[opt].name);
}

static int ct_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	const struct ct_priv *p = FILTER_PRIV(d, const struct ct_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	int af = xt_af(std->family), full = af == 6 ? 128 : 32;
	unsigned o;

	for (o = 0; o < O_COUNT; o++) {
		if (!filter_opt_seen(d, o))
			continue;
		ct_bopt(&b, d, o);
		switch (o) {
		case O_STATE:
			xt_bctstates(&b, p->state_mask);
			break;
		case O_PROTO:
			filter_bprintf(&b, "%u", p->l4proto);
			break;
		case O_ORIGSRC: case O_ORIGDST: case O_REPLSRC: case O_REPLDST:
			if (filter_mask_prefix(af, p->mask[o - O_ORIGSRC]) == full)
				filter_baddr(&b, af, p->addr[o - O_ORIGSRC]);
			else
				filter_baddr_mask(&b, af, p->addr[o - O_ORIGSRC], p->mask[o - O_ORIGSRC]);
			break;
		case O_ORIGSRCPORT: case O_ORIGDSTPORT: case O_REPLSRCPORT: case O_REPLDSTPORT: {
			const uint16_t *r = p->port[o - O_ORIGSRCPORT];

			filter_bprintf(&b, r[0] == r[1] ? "%u" : "%u:%u", r[0], r[1]);
			break;
		}
		case O_STATUS:
			if (!p->status_mask)
				filter_bprintf(&b, "NONE");
			xt_bnames(&b, ct_status_names, XT_ARRAY_SIZE(ct_status_names), p->status_mask);
			break;
		case O_EXPIRE:
			filter_bprintf(&b, p->expires[0] == p->expires[1] ? "%u" : "%u:%u",
				       p->expires[0], p->expires[1]);
			break;
		case O_DIR:
			filter_bprintf(&b, "%s", p->reply ? "REPLY" : "ORIGINAL");
			break;
		}
	}
	return (int)b.pos;
}

static bool ct_addr_eq(const uint8_t *a, const uint8_t *u, const uint8_t *m, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if ((a[i] & m[i]) != (u[i] & m[i]))
			return false;
	return true;
}

/* One tuple test: false if option @o is given and the entry fails it. */
static bool ct_tuple_ok(const struct filter_ext_data *d, const struct ct_priv *p,
			const struct filter_meta *m, unsigned o, int alen)
{
	const struct filter_tuple *t = (o == O_ORIGSRC || o == O_ORIGDST ||
					o == O_ORIGSRCPORT || o == O_ORIGDSTPORT) ? &m->ct_orig : &m->ct_reply;
	bool src = o == O_ORIGSRC || o == O_REPLSRC || o == O_ORIGSRCPORT || o == O_REPLSRCPORT;
	bool hit;

	if (!filter_opt_seen(d, o))
		return true;
	if (o <= O_REPLDST) {
		hit = ct_addr_eq(src ? t->src : t->dst, p->addr[o - O_ORIGSRC], p->mask[o - O_ORIGSRC], alen);
	} else {
		const uint16_t *r = p->port[o - O_ORIGSRCPORT];
		uint16_t port = src ? t->sport : t->dport;

		hit = port >= r[0] && port <= r[1];
	}
	return hit ^ filter_opt_inv(d, o);
}

static int ct_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct ct_priv *p = FILTER_PRIV(d, const struct ct_priv);
	const struct filter_meta *m = pkt->meta;
	int alen = pkt->pv->family == AF_INET6 ? 16 : 4;
	unsigned o;

	if (filter_opt_seen(d, O_STATE) &&
	    (((p->state_mask & xt_pkt_ctstate(m, true)) != 0) ^ filter_opt_inv(d, O_STATE)) == 0)
		return FILTER_NOMATCH;
	if (!m->ct_valid)
		return filter_opt_seen(d, O_STATE) ? FILTER_MATCHED : FILTER_NOMATCH;
	if (filter_opt_seen(d, O_DIR) && (m->ct_dir == 1) != p->reply)
		return FILTER_NOMATCH;
	for (o = O_ORIGSRC; o <= O_REPLDST; o++)
		if (!ct_tuple_ok(d, p, m, o, alen))
			return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_PROTO) &&
	    ((m->ct_orig.proto == p->l4proto) ^ filter_opt_inv(d, O_PROTO)) == 0)
		return FILTER_NOMATCH;
	for (o = O_ORIGSRCPORT; o <= O_REPLDSTPORT; o++)
		if (!ct_tuple_ok(d, p, m, o, alen))
			return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_STATUS) &&
	    (((m->ct_status & p->status_mask) != 0) ^ filter_opt_inv(d, O_STATUS)) == 0)
		return FILTER_NOMATCH;
	if (filter_opt_seen(d, O_EXPIRE) &&
	    ((m->ct_expires_s >= p->expires[0] && m->ct_expires_s <= p->expires[1]) ^
	     filter_opt_inv(d, O_EXPIRE)) == 0)
		return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static int ct_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	char tmp[2048], *p, *q;
	int n;

	/* the -L form is the save form without the dashes: "ctstate NEW ctproto 6" */
	ct_print(d, std, tmp, sizeof(tmp));
	for (p = q = tmp; *p; p++) {
		if (p[0] == '-' && p[1] == '-' && (p == tmp || p[-1] == ' ')) {
			p++;
			continue;
		}
		*q++ = *p;
	}
	*q = 0;
	n = snprintf(buf, len, " %s", tmp);
	return n;
}

const struct filter_ext filter_ext_conntrack = {
	.abi = FILTER_EXT_ABI,
	.name = "conntrack",
	.revision = 3,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = ct_opts,
	.n_opts = XT_ARRAY_SIZE(ct_opts),
	.priv_size = sizeof(struct ct_priv),
	.parse = ct_parse,
	.final_check = ct_final,
	.print = ct_print,
	.list = ct_list,
	.match = ct_match,
};
