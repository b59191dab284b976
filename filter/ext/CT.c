/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The CT target (raw table): notrack, conntrack helper, zone and event mask for new connections. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>

#include "lib/table.h"

enum { O_NOTRACK, O_HELPER, O_TIMEOUT, O_ZONE, O_ZONE_ORIG, O_ZONE_REPLY, O_CTEVENTS, O_EXPEVENTS };

struct ct_tg_priv {
	char helper[16], timeout[32];
	uint32_t ct_events, exp_events;
	uint16_t zone;
	uint8_t zone_dir;            /* 0 both, 1 orig, 2 reply */
	bool notrack;
};

#define O FILTER_OPT_ONCE
static const struct filter_opt ct_tg_opts[] = {
	[O_NOTRACK] = { .name = "notrack", .arg = FILTER_ARG_NONE, .flags = O },
	[O_HELPER] = { .name = "helper", .arg = FILTER_ARG_ONE, .flags = O },
	[O_TIMEOUT] = { .name = "timeout", .arg = FILTER_ARG_ONE, .flags = O },
	[O_ZONE] = { .name = "zone", .arg = FILTER_ARG_ONE, .flags = O },
	[O_ZONE_ORIG] = { .name = "zone-orig", .arg = FILTER_ARG_ONE, .flags = O },
	[O_ZONE_REPLY] = { .name = "zone-reply", .arg = FILTER_ARG_ONE, .flags = O },
	[O_CTEVENTS] = { .name = "ctevents", .arg = FILTER_ARG_ONE, .flags = O },
	[O_EXPEVENTS] = { .name = "expevents", .arg = FILTER_ARG_ONE, .flags = O },
};
#undef O

static const struct xt_name ct_events[] = {
	{ "new", 1 << 0 }, { "related", 1 << 1 }, { "destroy", 1 << 2 }, { "reply", 1 << 3 },
	{ "assured", 1 << 4 }, { "protoinfo", 1 << 5 }, { "helper", 1 << 6 }, { "mark", 1 << 7 },
	{ "natseqinfo", 1 << 8 }, { "secmark", 1 << 9 },
};
static const struct xt_name exp_events[] = { { "new", 1 << 0 } };

/* Helpers this kernel has built in, by name and L4 protocol. */
static const struct { const char *name; uint8_t proto; bool v4only; } ct_helpers[] = {
	{ "ftp", IPPROTO_TCP, false }, { "irc", IPPROTO_TCP, true }, { "sip", IPPROTO_UDP, false },
	{ "sip", IPPROTO_TCP, false }, { "tftp", IPPROTO_UDP, false }, { "amanda", IPPROTO_UDP, false },
	{ "pptp", IPPROTO_TCP, true }, { "sane", IPPROTO_TCP, false }, { "snmp", IPPROTO_UDP, true },
	{ "netbios-ns", IPPROTO_UDP, true }, { "RAS", IPPROTO_UDP, false }, { "Q.931", IPPROTO_TCP, false },
};

static int ct_parse_events(const struct xt_name *tab, unsigned n, const char *arg,
			   uint32_t *out, struct ulog_err *err)
{
	char buf[256], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned i;

		for (i = 0; i < n && strcmp(tok, tab[i].name); i++)
			;
		if (i == n)
			return ulog_errf(err, -EINVAL, "Unknown event type \"%s\"", tok);
		*out |= tab[i].value;
	}
	return 0;
}

static int ct_tg_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct ct_tg_priv *p = FILTER_PRIV(d, struct ct_tg_priv);
	uint64_t v;

	switch (opt) {
	case O_NOTRACK:
		p->notrack = true;
		return 0;
	case O_HELPER:
		snprintf(p->helper, sizeof(p->helper), "%.15s", args[0]);
		return 0;
	case O_TIMEOUT:
		snprintf(p->timeout, sizeof(p->timeout), "%.31s", args[0]);
		return 0;
	case O_ZONE: case O_ZONE_ORIG: case O_ZONE_REPLY:
		if (!filter_parse_uint(args[0], 0, 65535, &v))
			return ulog_errf(err, -EINVAL, "Cannot parse %s as a zone ID\n", args[0]);
		p->zone = (uint16_t)v;
		p->zone_dir = (uint8_t)(opt - O_ZONE);
		return 0;
	case O_CTEVENTS:
		return ct_parse_events(ct_events, XT_ARRAY_SIZE(ct_events), args[0], &p->ct_events, err);
	default:
		return ct_parse_events(exp_events, 1, args[0], &p->exp_events, err);
	}
}

static int ct_tg_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	static const char *const zone_opt[] = { "--zone", "--zone-orig", "--zone-reply" };
	const struct ct_tg_priv *p = FILTER_PRIV(d, const struct ct_tg_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	if (p->notrack)
		filter_bprintf(&b, "--notrack");
	if (p->helper[0]) {
		filter_bsep(&b);
		filter_bprintf(&b, "--helper %s", p->helper);
	}
	if (p->timeout[0]) {
		filter_bsep(&b);
		filter_bprintf(&b, "--timeout %s", p->timeout);
	}
	if (p->ct_events) {
		filter_bsep(&b);
		filter_bprintf(&b, "--ctevents ");
		xt_bnames(&b, ct_events, XT_ARRAY_SIZE(ct_events), p->ct_events);
	}
	if (p->exp_events) {
		filter_bsep(&b);
		filter_bprintf(&b, "--expevents ");
		xt_bnames(&b, exp_events, 1, p->exp_events);
	}
	if (p->zone) {
		filter_bsep(&b);
		filter_bprintf(&b, "%s %u", zone_opt[p->zone_dir], p->zone);
	}
	return (int)b.pos;
}

static int ct_tg_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		       struct ulog_err *err)
{
	const struct ct_tg_priv *p = FILTER_PRIV(d, const struct ct_tg_priv);
	unsigned i;
	int rc;

	if ((rc = xt_check_where(c, "CT target", "raw", 0, err)))
		return rc;
	if (p->notrack)
		return 0;
	if (p->timeout[0])
		return ulog_errf(err, -ENOENT, "CT target: no timeout policy \"%s\"", p->timeout);
	if (!p->helper[0])
		return 0;
	if (!c->std->proto || c->std->proto_inv)
		return ulog_errf(err, -ENOENT, "CT target: you must specify a L4 protocol and not use "
				 "inversions on it");
	for (i = 0; i < XT_ARRAY_SIZE(ct_helpers); i++)
		if (!strcmp(ct_helpers[i].name, p->helper) && ct_helpers[i].proto == c->std->proto &&
		    !(ct_helpers[i].v4only && c->std->family == FILTER_V6))
			return 0;
	return ulog_errf(err, -ENOENT, "CT target: no such helper \"%s\"", p->helper);
}

static int ct_tg_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct ct_tg_priv *p = FILTER_PRIV(d, const struct ct_tg_priv);
	struct filter_meta *m = pkt->meta;

	if (p->notrack) {
		m->notrack = true;
		return FILTER_CONTINUE;
	}
	if (p->helper[0])
		snprintf(m->ct_helper, sizeof(m->ct_helper), "%s", p->helper);
	m->ct_zone = p->zone;
	return FILTER_CONTINUE;
}

static int ct_tg_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	char tmp[1024];

	ct_tg_print(d, std, tmp, sizeof(tmp));
	return xt_list_from_save("CT", tmp, buf, len);
}

const struct filter_ext filter_ext_CT = {
	.abi = FILTER_EXT_ABI,
	.name = "CT",
	.revision = 2,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = ct_tg_opts,
	.n_opts = XT_ARRAY_SIZE(ct_tg_opts),
	.priv_size = sizeof(struct ct_tg_priv),
	.parse = ct_tg_parse,
	.print = ct_tg_print,
	.list = ct_tg_list,
	.check = ct_tg_check,
	.target = ct_tg_target,
};
