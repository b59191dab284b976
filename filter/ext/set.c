/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The set match (revision 4): packet addresses in a named IP set (see lib/ipset.h for the sets). */
#include <errno.h>
#include <string.h>

#include "lib/ipset.h"

enum {
	O_MATCH_SET, O_SET, O_RETURN_NOMATCH, O_UPDATE_COUNTERS, O_UPDATE_SUBCOUNTERS,
	O_PKTS_EQ, O_PKTS_LT, O_PKTS_GT, O_BYTES_EQ, O_BYTES_LT, O_BYTES_GT, O_N
};

struct set_priv {
	char name[32];
	uint8_t dim;
	bool dst[6];
	bool inv;
	uint64_t counter[O_N];
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt set_opts[] = {
	[O_MATCH_SET] = { .name = "match-set", .arg = FILTER_ARG_TWO, .flags = F },
	[O_SET] = { .name = "set", .arg = FILTER_ARG_TWO, .flags = F },
	[O_RETURN_NOMATCH] = { .name = "return-nomatch", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_UPDATE_COUNTERS] = { .name = "update-counters", .arg = FILTER_ARG_NONE, .flags = F },
	[O_UPDATE_SUBCOUNTERS] = { .name = "update-subcounters", .arg = FILTER_ARG_NONE, .flags = F },
	[O_PKTS_EQ] = { .name = "packets-eq", .arg = FILTER_ARG_ONE, .flags = F },
	[O_PKTS_LT] = { .name = "packets-lt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_PKTS_GT] = { .name = "packets-gt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_BYTES_EQ] = { .name = "bytes-eq", .arg = FILTER_ARG_ONE, .flags = F },
	[O_BYTES_LT] = { .name = "bytes-lt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_BYTES_GT] = { .name = "bytes-gt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
};
#undef F

static int set_parse_dirs(struct set_priv *p, const char *s, struct ulog_err *err)
{
	char buf[128], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", s);
	p->dim = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (p->dim == 6)
			return ulog_errf(err, -EINVAL, "Can't be more src/dst options than 6.");
		if (strcmp(tok, "src") && strcmp(tok, "dst"))
			return ulog_errf(err, -EINVAL, "You must spefify (the comma separated list of) "
					 "'src' or 'dst'.");
		p->dst[p->dim++] = tok[0] == 'd';
	}
	return 0;
}

static int set_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct set_priv *p = FILTER_PRIV(d, struct set_priv);
	uint64_t v;

	switch (opt) {
	case O_MATCH_SET: case O_SET:
		if (!args[0] || !args[1])
			return ulog_errf(err, -EINVAL, "--match-set requires two args.");
		if (strlen(args[0]) >= sizeof(p->name))
			return ulog_errf(err, -EINVAL, "setname `%s' too long, max 31 characters.", args[0]);
		snprintf(p->name, sizeof(p->name), "%s", args[0]);
		p->inv = invert;
		return set_parse_dirs(p, args[1], err);
	case O_RETURN_NOMATCH: case O_UPDATE_COUNTERS: case O_UPDATE_SUBCOUNTERS:
		return 0;
	default:
		if (!filter_parse_uint(args[0], 0, UINT64_MAX, &v))
			return ulog_errf(err, -EINVAL, "set: bad value for option \"--%s\"",
					 set_opts[opt].name);
		p->counter[opt] = v;
		return 0;
	}
}

static int set_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!filter_opt_seen(d, O_MATCH_SET) && !filter_opt_seen(d, O_SET))
		return ulog_errf(err, -EINVAL, "You must specify `--match-set' with proper arguments");
	return 0;
}

static int set_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	static const char *const cnt[] = {
		[O_PKTS_EQ] = "packets-eq", [O_PKTS_LT] = "packets-lt", [O_PKTS_GT] = "packets-gt",
		[O_BYTES_EQ] = "bytes-eq", [O_BYTES_LT] = "bytes-lt", [O_BYTES_GT] = "bytes-gt",
	};
	const struct set_priv *p = FILTER_PRIV(d, const struct set_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	filter_bprintf(&b, "%s--match-set %s ", p->inv ? "! " : "", p->name);
	for (i = 0; i < p->dim; i++)
		filter_bprintf(&b, "%s%s", i ? "," : "", p->dst[i] ? "dst" : "src");
	if (filter_opt_seen(d, O_RETURN_NOMATCH))
		filter_bprintf(&b, " --return-nomatch");
	if (filter_opt_seen(d, O_UPDATE_COUNTERS) && filter_opt_inv(d, O_UPDATE_COUNTERS))
		filter_bprintf(&b, " ! --update-counters");
	if (filter_opt_seen(d, O_UPDATE_SUBCOUNTERS) && filter_opt_inv(d, O_UPDATE_SUBCOUNTERS))
		filter_bprintf(&b, " ! --update-subcounters");
	for (i = O_PKTS_EQ; i < O_N; i++)
		if (filter_opt_seen(d, i))
			filter_bprintf(&b, " %s--%s %llu", filter_opt_inv(d, i) ? "! " : "", cnt[i],
				       (unsigned long long)p->counter[i]);
	return (int)b.pos;
}

static int set_bind(struct filter_ext_data *d, struct filter_ctx *ctx, struct ulog_err *err)
{
	const struct set_priv *p = FILTER_PRIV(d, const struct set_priv);

	d->state = xt_ipset_find(ctx, p->name);
	if (!d->state)
		return ulog_errf(err, -ENOENT, "Set %s doesn't exist.", p->name);
	return 0;
}

static void set_unbind(struct filter_ext_data *d, struct filter_ctx *ctx)
{
	d->state = NULL;
}

static int set_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct set_priv *p = FILTER_PRIV(d, const struct set_priv);
	const struct xt_ipset *s = d->state;
	const uint8_t *a;
	bool hit = false;

	if (s && p->dim && (s->family == FILTER_V6) == (pkt->pv->family == AF_INET6)) {
		a = xt_pkt_addr(pkt->pv, p->dst[0]);
		hit = a && xt_ipset_test(s, a);
	}
	return hit ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int set_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	char tmp[1024];

	set_print(d, std, tmp, sizeof(tmp));
	return xt_list_from_save(NULL, tmp, buf, len);
}

const struct filter_ext filter_ext_set = {
	.abi = FILTER_EXT_ABI,
	.name = "set",
	.revision = 4,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = set_opts,
	.n_opts = XT_ARRAY_SIZE(set_opts),
	.priv_size = sizeof(struct set_priv),
	.parse = set_parse,
	.final_check = set_final,
	.print = set_print,
	.list = set_list,
	.bind = set_bind,
	.unbind = set_unbind,
	.match = set_match,
};
