/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pkttype match: link-layer packet type (unicast, broadcast, multicast, otherhost). */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "lib/xt.h"

#define PKT_LOOPBACK 5

struct pkttype_priv {
	uint8_t type;
	bool inv;
};

static const struct filter_opt pkttype_opts[] = {
	{ .name = "pkt-type", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_INVERT | FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

/* PACKET_* numbers; the first name of each is the one saved */
static const struct xt_name pkttype_names[] = {
	{ "unicast", 0 }, { "broadcast", 1 }, { "multicast", 2 }, { "otherhost", 3 }, { "host", 0 },
};

static int pkttype_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct pkttype_priv *p = FILTER_PRIV(d, struct pkttype_priv);
	unsigned i;

	for (i = 0; i < XT_ARRAY_SIZE(pkttype_names); i++)
		if (!strcasecmp(args[0], pkttype_names[i].name)) {
			p->type = (uint8_t)pkttype_names[i].value;
			p->inv = invert;
			return 0;
		}
	return ulog_errf(err, -EINVAL, "Bad packet type '%s'", args[0]);
}

static int pkttype_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	const struct pkttype_priv *p = FILTER_PRIV(d, const struct pkttype_priv);

	return snprintf(buf, len, "%s--pkt-type %s", p->inv ? "! " : "",
			pkttype_names[p->type < 4 ? p->type : 0].name);
}

static int pkttype_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct pkttype_priv *p = FILTER_PRIV(d, const struct pkttype_priv);
	uint8_t type = pkt->meta->pkttype;

	if (type == PKT_LOOPBACK) {
		const uint8_t *dst = xt_pkt_addr(pkt->pv, true);
		bool mc = dst && (pkt->pv->family == AF_INET6 ? dst[0] == 0xff : (dst[0] & 0xf0) == 0xe0);

		type = mc ? 2 : 1;
	}
	return (type == p->type) ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int pkttype_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	const struct pkttype_priv *p = FILTER_PRIV(d, const struct pkttype_priv);

	return snprintf(buf, len, " PKTTYPE %s= %s", p->inv ? "!" : "",
			pkttype_names[p->type < 4 ? p->type : 0].name);
}

const struct filter_ext filter_ext_pkttype = {
	.abi = FILTER_EXT_ABI,
	.name = "pkttype",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = pkttype_opts,
	.n_opts = XT_ARRAY_SIZE(pkttype_opts),
	.priv_size = sizeof(struct pkttype_priv),
	.parse = pkttype_parse,
	.print = pkttype_print,
	.list = pkttype_list,
	.match = pkttype_match,
};
