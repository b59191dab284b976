/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mac match: source MAC address of the Ethernet header, on PREROUTING, INPUT and FORWARD. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xt.h"

struct mac_priv {
	uint8_t addr[6];
	bool inv;
};

static const struct filter_opt mac_opts[] = {
	{ .name = "mac-source", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

/* The option framework's XTTYPE_ETHERMAC: six hex parts of at most two
 * digits separated by ':'. */
static bool mac_parse_addr(const char *s, uint8_t *out)
{
	const char *arg = s;
	char *end;
	unsigned i;

	for (i = 0; i < 6; i++) {
		unsigned long v = strtoul(arg, &end, 16);

		if (end - arg > 2 || v > 0xff || *end != (i < 5 ? ':' : '\0'))
			return false;
		out[i] = (uint8_t)v;
		arg = end + 1;
	}
	return true;
}

static int mac_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct mac_priv *p = FILTER_PRIV(d, struct mac_priv);

	if (!mac_parse_addr(args[0], p->addr))
		return ulog_errf(err, -EINVAL, "Invalid MAC address specified.");
	p->inv = invert;
	return 0;
}

static int mac_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	const struct mac_priv *p = FILTER_PRIV(d, const struct mac_priv);
	const uint8_t *a = p->addr;

	return snprintf(buf, len, "%s--mac-source %02x:%02x:%02x:%02x:%02x:%02x",
			p->inv ? "! " : "", a[0], a[1], a[2], a[3], a[4], a[5]);
}

static int mac_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		     struct ulog_err *err)
{
	unsigned ok = FILTER_HOOK_BIT(FILTER_PRE_ROUTING) | FILTER_HOOK_BIT(FILTER_LOCAL_IN) |
		      FILTER_HOOK_BIT(FILTER_FORWARD);

	if (c->hook_mask & ~ok)
		return ulog_errf(err, -EINVAL, "mac match: only valid in PREROUTING, INPUT and FORWARD "
				 "(chain %s)", c->chain ? c->chain : "?");
	return 0;
}

static int mac_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct mac_priv *p = FILTER_PRIV(d, const struct mac_priv);

	if (!pkt->meta->has_mac)
		return FILTER_NOMATCH;
	return (memcmp(pkt->meta->mac_src, p->addr, 6) == 0) ^ p->inv ? FILTER_MATCHED
								      : FILTER_NOMATCH;
}

static int mac_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct mac_priv *p = FILTER_PRIV(d, const struct mac_priv);
	const uint8_t *a = p->addr;

	return snprintf(buf, len, " MAC %s%02x:%02x:%02x:%02x:%02x:%02x", p->inv ? "! " : "",
			a[0], a[1], a[2], a[3], a[4], a[5]);
}

const struct filter_ext filter_ext_mac = {
	.abi = FILTER_EXT_ABI,
	.name = "mac",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = mac_opts,
	.n_opts = XT_ARRAY_SIZE(mac_opts),
	.priv_size = sizeof(struct mac_priv),
	.parse = mac_parse,
	.print = mac_print,
	.list = mac_list,
	.check = mac_check,
	.match = mac_match,
};
