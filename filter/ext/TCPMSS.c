/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TCPMSS target: set or clamp (to path MTU) the MSS option of TCP SYN packets. */
#include <errno.h>
#include <netinet/in.h>

#include "lib/table.h"

#define MSS_CLAMP 0xffff

enum { O_SET, O_CLAMP };

struct tcpmss_priv {
	uint16_t mss;
};

static const struct filter_opt tcpmss_opts[] = {
	[O_SET] = { .name = "set-mss", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE },
	[O_CLAMP] = { .name = "clamp-mss-to-pmtu", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};

static int tcpmss_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct tcpmss_priv *p = FILTER_PRIV(d, struct tcpmss_priv);
	uint64_t max = std->family == FILTER_V6 ? 65535 - 40 - 20 : 65535 - 20, v;

	if (opt == O_CLAMP) {
		p->mss = MSS_CLAMP;
		return 0;
	}
	if (!filter_parse_uint(args[0], 0, max, &v))
		return ulog_errf(err, -EINVAL, "TCPMSS: bad value for option \"--set-mss\", or out of "
				 "range (0-%llu).\n", (unsigned long long)max);
	if (p->mss != MSS_CLAMP)
		p->mss = (uint16_t)v;
	return 0;
}

static int tcpmss_final(struct filter_ext_data *d, const struct filter_std *std,
			struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "TCPMSS target: At least one parameter is required");
	return 0;
}

static int tcpmss_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct tcpmss_priv *p = FILTER_PRIV(d, const struct tcpmss_priv);

	if (p->mss == MSS_CLAMP)
		return snprintf(buf, len, "--clamp-mss-to-pmtu");
	return snprintf(buf, len, "--set-mss %u", p->mss);
}

static int tcpmss_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	const struct tcpmss_priv *p = FILTER_PRIV(d, const struct tcpmss_priv);
	unsigned k;
	int rc;

	if (c->std->proto != IPPROTO_TCP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "TCPMSS target: only valid for protocol 6");
	if (p->mss == MSS_CLAMP &&
	    (rc = xt_check_where(c, "TCPMSS --clamp-mss-to-pmtu", NULL,
				 XT_H(FORWARD) | XT_H(LOCAL_OUT) | XT_H(POST_ROUTING), err)))
		return rc;
	for (k = 0; k < c->n_matches; k++)
		if (xt_tcp_requires_syn(c->matches[k]))
			return 0;
	return ulog_errf(err, -EINVAL, "TCPMSS target: Only works on TCP SYN packets");
}

static int tcpmss_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return FILTER_CONTINUE;
}

static int tcpmss_list(const struct filter_ext_data *d, const struct filter_std *std,
		       bool numeric, char *buf, size_t len)
{
	const struct tcpmss_priv *p = FILTER_PRIV(d, const struct tcpmss_priv);

	if (p->mss == MSS_CLAMP)
		return snprintf(buf, len, " TCPMSS clamp to PMTU");
	return snprintf(buf, len, " TCPMSS set %u", p->mss);
}

const struct filter_ext filter_ext_TCPMSS = {
	.abi = FILTER_EXT_ABI,
	.name = "TCPMSS",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = tcpmss_opts,
	.n_opts = XT_ARRAY_SIZE(tcpmss_opts),
	.priv_size = sizeof(struct tcpmss_priv),
	.parse = tcpmss_parse,
	.final_check = tcpmss_final,
	.print = tcpmss_print,
	.list = tcpmss_list,
	.check = tcpmss_check,
	.target = tcpmss_target,
};
