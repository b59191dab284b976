/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The policy match: IPsec policy the packet was (in) or will be (out) processed by, per transform element. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/table.h"

enum {
	O_DIR, O_POL, O_STRICT, O_REQID, O_SPI, O_PROTO, O_MODE, O_TUNNEL_SRC, O_TUNNEL_DST, O_NEXT
};
#define POLICY_MAX_ELEM 4

enum { E_REQID = 1, E_SPI = 2, E_PROTO = 4, E_MODE = 8, E_DST = 16, E_SRC = 32 };

struct policy_elem {
	uint32_t reqid, spi;
	uint8_t proto, mode;          /* mode 0 transport, 1 tunnel */
	uint8_t saddr[16], smask[16], daddr[16], dmask[16];
	uint8_t match, invert;        /* E_* bits */
};

struct policy_priv {
	bool out, none, strict;
	uint8_t len;
	struct policy_elem e[POLICY_MAX_ELEM];
};

#define I FILTER_OPT_INVERT
static const struct filter_opt policy_opts[] = {
	[O_DIR] = { .name = "dir", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_POL] = { .name = "pol", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_STRICT] = { .name = "strict", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
	[O_REQID] = { .name = "reqid", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SPI] = { .name = "spi", .arg = FILTER_ARG_ONE, .flags = I },
	[O_PROTO] = { .name = "proto", .arg = FILTER_ARG_ONE, .flags = I },
	[O_MODE] = { .name = "mode", .arg = FILTER_ARG_ONE, .flags = I },
	[O_TUNNEL_SRC] = { .name = "tunnel-src", .arg = FILTER_ARG_ONE, .flags = I },
	[O_TUNNEL_DST] = { .name = "tunnel-dst", .arg = FILTER_ARG_ONE, .flags = I },
	[O_NEXT] = { .name = "next", .arg = FILTER_ARG_NONE },
};
#undef I

static const struct xt_name policy_protos[] = { { "esp", 50 }, { "ah", 51 }, { "ipcomp", 108 } };

static int policy_elem_opt(struct policy_priv *p, unsigned opt, const char *arg, bool inv,
			   const struct filter_std *std, struct ulog_err *err)
{
	static const uint8_t bit[] = {
		[O_REQID] = E_REQID, [O_SPI] = E_SPI, [O_PROTO] = E_PROTO, [O_MODE] = E_MODE,
		[O_TUNNEL_SRC] = E_SRC, [O_TUNNEL_DST] = E_DST,
	};
	struct policy_elem *e = &p->e[p->len ? p->len - 1 : 0];
	uint64_t v;
	unsigned i;

	if (!p->len)
		p->len = 1;
	if (e->match & bit[opt])
		return ulog_errf(err, -EINVAL, "policy match: double --%s option", policy_opts[opt].name);
	switch (opt) {
	case O_REQID: case O_SPI:
		if (!filter_parse_uint(arg, 0, UINT32_MAX, &v))
			return ulog_errf(err, -EINVAL, "policy: bad value for option \"--%s\"",
					 policy_opts[opt].name);
		*(opt == O_REQID ? &e->reqid : &e->spi) = (uint32_t)v;
		break;
	case O_PROTO:
		for (i = 0; i < XT_ARRAY_SIZE(policy_protos); i++)
			if (!strcmp(arg, policy_protos[i].name) ||
			    (filter_parse_uint(arg, 0, 255, &v) && v == policy_protos[i].value))
				break;
		if (i == XT_ARRAY_SIZE(policy_protos))
			return ulog_errf(err, -EINVAL, "policy match: protocol must be ah/esp/ipcomp");
		e->proto = (uint8_t)policy_protos[i].value;
		break;
	case O_MODE:
		if (strcmp(arg, "transport") && strcmp(arg, "tunnel"))
			return ulog_errf(err, -EINVAL, "policy match: mode must be transport or tunnel");
		e->mode = arg[1] == 'u';
		break;
	default:
		if (!filter_parse_addr_mask(xt_af(std->family), arg,
					    opt == O_TUNNEL_SRC ? e->saddr : e->daddr,
					    opt == O_TUNNEL_SRC ? e->smask : e->dmask))
			return ulog_errf(err, -EINVAL, "host/network `%s' not found", arg);
	}
	e->match |= bit[opt];
	if (inv)
		e->invert |= bit[opt];
	return 0;
}

static int policy_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct policy_priv *p = FILTER_PRIV(d, struct policy_priv);

	switch (opt) {
	case O_DIR:
		if (strcmp(args[0], "in") && strcmp(args[0], "out"))
			return ulog_errf(err, -EINVAL, "policy match: invalid dir \"%s\"", args[0]);
		p->out = args[0][0] == 'o';
		return 0;
	case O_POL:
		if (strcmp(args[0], "none") && strcmp(args[0], "ipsec"))
			return ulog_errf(err, -EINVAL, "policy match: invalid policy \"%s\"", args[0]);
		p->none = args[0][0] == 'n';
		return 0;
	case O_STRICT:
		p->strict = true;
		return 0;
	case O_NEXT:
		if (!filter_opt_seen(d, O_STRICT))
			return ulog_errf(err, -EINVAL, "policy: option \"--next\" also requires \"--strict\".\n");
		if (!p->len || p->len == POLICY_MAX_ELEM)
			return ulog_errf(err, -EINVAL, "policy match: maximum policy depth reached");
		p->len++;
		return 0;
	default:
		return policy_elem_opt(p, opt, args[0], invert, std, err);
	}
}

static int policy_final(struct filter_ext_data *d, const struct filter_std *std,
			struct ulog_err *err)
{
	struct policy_priv *p = FILTER_PRIV(d, struct policy_priv);
	unsigned i;

	if (!filter_opt_seen(d, O_DIR))
		return ulog_errf(err, -EINVAL, "policy match: neither --dir in nor --dir out specified");
	if (p->none && p->strict)
		return ulog_errf(err, -EINVAL, "policy match: policy none but --strict given");
	if (p->none) {           /* iptables hands the kernel no elements with --pol none */
		p->len = 0;
		memset(p->e, 0, sizeof(p->e));
		return 0;
	}
	for (i = 0; i < (p->len ? p->len : 1u); i++) {
		const struct policy_elem *e = &p->e[i];

		if (p->strict && !e->match)
			return ulog_errf(err, -EINVAL, "policy match: empty policy element %u. --strict is in "
					 "effect, but at least one of reqid, spi, tunnel-src, tunnel-dst, "
					 "proto or mode is required.", i);
		/* the tunnel addresses need tunnel mode (or ! transport); no --mode is transport */
		if ((e->match & (E_SRC | E_DST)) && !(e->mode ^ !!(e->invert & E_MODE)))
			return ulog_errf(err, -EINVAL, "policy match: --tunnel-src/--tunnel-dst is only "
					 "valid in tunnel mode");
	}
	return 0;
}

static void policy_baddr(struct filter_buf *b, int af, const uint8_t *a, const uint8_t *m)
{
	if (filter_mask_prefix(af, m) == (af == 6 ? 128 : 32))
		filter_baddr(b, af, a);
	else
		filter_baddr_mask(b, af, a, m);
}

static void policy_belem(struct filter_buf *b, const struct policy_elem *e, int af)
{
	static const char *const protos[] = { [50] = "esp", [51] = "ah", [108] = "ipcomp" };
#define INV(bit) (e->invert & (bit) ? "! " : "")
	if (e->match & E_REQID)
		filter_bprintf(b, " %s--reqid %u", INV(E_REQID), e->reqid);
	if (e->match & E_SPI)
		filter_bprintf(b, " %s--spi 0x%x", INV(E_SPI), e->spi);
	if (e->match & E_PROTO)
		filter_bprintf(b, " %s--proto %s", INV(E_PROTO), protos[e->proto]);
	if (e->match & E_MODE)
		filter_bprintf(b, " %s--mode %s", INV(E_MODE), e->mode ? "tunnel" : "transport");
	if (e->match & E_DST) {
		filter_bprintf(b, " %s--tunnel-dst ", INV(E_DST));
		policy_baddr(b, af, e->daddr, e->dmask);
	}
	if (e->match & E_SRC) {
		filter_bprintf(b, " %s--tunnel-src ", INV(E_SRC));
		policy_baddr(b, af, e->saddr, e->smask);
	}
#undef INV
}

static int policy_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct policy_priv *p = FILTER_PRIV(d, const struct policy_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	filter_bprintf(&b, "--dir %s --pol %s", p->out ? "out" : "in", p->none ? "none" : "ipsec");
	if (p->strict)
		filter_bprintf(&b, " --strict");
	for (i = 0; i < p->len; i++) {
		if (i)
			filter_bprintf(&b, " --next");
		policy_belem(&b, &p->e[i], xt_af(std->family));
	}
	return (int)b.pos;
}

static int policy_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	const struct policy_priv *p = FILTER_PRIV(d, const struct policy_priv);

	if (p->out && (c->hook_mask & (XT_H(PRE_ROUTING) | XT_H(LOCAL_IN))))
		return ulog_errf(err, -EINVAL, "policy match: output policy not valid in PREROUTING "
				 "and INPUT");
	if (!p->out && (c->hook_mask & (XT_H(POST_ROUTING) | XT_H(LOCAL_OUT))))
		return ulog_errf(err, -EINVAL, "policy match: input policy not valid in POSTROUTING "
				 "and OUTPUT");
	return 0;
}

/* xt_addr_cmp: @a and @b equal under @m over @n bytes. */
static bool policy_addr_eq(const uint8_t *a, const uint8_t *m, const uint8_t *b, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if ((a[i] ^ b[i]) & m[i])
			return false;
	return true;
}

/* match_xfrm_state: every test the element names holds (a "!" one fails). With
 * the transform unknown (@x NULL) only an element without tests holds. */
static bool policy_elem_ok(const struct policy_elem *e, const struct filter_xfrm *x, unsigned alen)
{
	if (!x)
		return !e->match;
#define TEST(bit, cond) (!(e->match & (bit)) || (!!(cond) ^ !!(e->invert & (bit))))
	return TEST(E_SRC, policy_addr_eq(e->saddr, e->smask, x->saddr, alen)) &&
	       TEST(E_DST, policy_addr_eq(e->daddr, e->dmask, x->daddr, alen)) &&
	       TEST(E_PROTO, e->proto == x->proto) && TEST(E_MODE, e->mode == x->mode) &&
	       TEST(E_SPI, e->spi == x->spi) && TEST(E_REQID, e->reqid == x->reqid);
#undef TEST
}

/*
 * xt_policy's walk over @n transforms @xs (NULL: unknown) of one direction.
 * iptables always hands the kernel at least one element (an empty one for a
 * bare --pol ipsec). Not strict: any transform matching the first element.
 * Strict: as many transforms as elements, element k against the k-th
 * transform of the walk; inbound walks the secpath from its last (innermost)
 * transform (the kernel's pos = len - 1 - i; kernels before the 2025 fix
 * computed a negative index there for k > 0), outbound the bundle from its
 * first dst.
 */
static bool policy_walk(const struct policy_priv *p, const struct filter_xfrm *xs, unsigned n,
			unsigned alen)
{
	static const struct policy_elem any;
	unsigned plen = p->len ? p->len : 1, i;
	const struct filter_xfrm *x;

	if (p->strict && plen != n)
		return false;
	for (i = 0; i < n; i++) {
		x = xs ? &xs[p->out ? i : n - 1 - i] : NULL;
		if (!p->strict && policy_elem_ok(p->len ? &p->e[0] : &any, x, alen))
			return true;
		if (p->strict && !policy_elem_ok(&p->e[i], x, alen))
			return false;
	}
	return p->strict;
}

static int policy_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct policy_priv *p = FILTER_PRIV(d, const struct policy_priv);
	const struct filter_meta *m = pkt->meta;
	unsigned n = p->out ? m->sp_out_len : m->sp_in_len;

	if (n > FILTER_XFRM_MAX)
		n = FILTER_XFRM_MAX;
	if (!n)                      /* no secpath / no xfrm bundle */
		return p->none ? FILTER_MATCHED : FILTER_NOMATCH;
	if (p->none)
		return FILTER_NOMATCH;
	return policy_walk(p, p->out ? m->sp_out : m->sp_in, n,
			   pkt->pv->family == AF_INET6 ? 16 : 4) ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int policy_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		       char *buf, size_t len)
{
	const struct policy_priv *p = FILTER_PRIV(d, const struct policy_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	int af = xt_af(std->family);
	unsigned i;

	filter_bprintf(&b, " policy match dir %s pol %s", p->out ? "out" : "in",
		       p->none ? "none" : "ipsec");
	if (p->strict)
		filter_bprintf(&b, " strict");
	for (i = 0; i < p->len; i++) {
		const struct policy_elem *e = &p->e[i];
#define INV(bit) (e->invert & (bit) ? " !" : "")
		if (p->len > 1)
			filter_bprintf(&b, " [%u]", i);
		if (e->match & E_REQID)
			filter_bprintf(&b, "%s reqid %u", INV(E_REQID), e->reqid);
		if (e->match & E_SPI)
			filter_bprintf(&b, "%s spi 0x%x", INV(E_SPI), e->spi);
		if (e->match & E_PROTO)
			filter_bprintf(&b, "%s proto %u", INV(E_PROTO), e->proto);
		if (e->match & E_MODE)
			filter_bprintf(&b, "%s mode %s", INV(E_MODE), e->mode ? "tunnel" : "transport");
		if (e->match & E_DST) {
			filter_bprintf(&b, "%s tunnel-dst ", INV(E_DST));
			policy_baddr(&b, af, e->daddr, e->dmask);
		}
		if (e->match & E_SRC) {
			filter_bprintf(&b, "%s tunnel-src ", INV(E_SRC));
			policy_baddr(&b, af, e->saddr, e->smask);
		}
#undef INV
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_policy = {
	.abi = FILTER_EXT_ABI,
	.name = "policy",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = policy_opts,
	.n_opts = XT_ARRAY_SIZE(policy_opts),
	.priv_size = sizeof(struct policy_priv),
	.parse = policy_parse,
	.final_check = policy_final,
	.print = policy_print,
	.list = policy_list,
	.check = policy_check,
	.match = policy_match,
};
