/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TCPMSS target: set or clamp (to path MTU) the MSS option of TCP SYN packets. */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

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

#define TCPOPT_MSS 2
#define TCPOLEN_MSS 4

/* RFC 1624 incremental update of the 16-bit one's-complement checksum at
 * @check for a 16-bit word of the summed data going from @from to @to. */
static void csum_replace(uint8_t *check, uint16_t from, uint16_t to)
{
	uint32_t sum = (uint16_t)~(check[0] << 8 | check[1]);

	sum += (uint16_t)~from;
	sum += to;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (uint16_t)~sum;
	check[0] = (uint8_t)(sum >> 8);
	check[1] = (uint8_t)sum;
}

static uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The MSS to set: --set-mss, or the path MTU less the headers (the smaller of
 * the out interface's MTU and the route back to the source's); 0 if the host
 * facts do not tell, -1 if the path MTU is too small (the kernel drops). */
static int32_t wanted_mss(const struct tcpmss_priv *p, const struct filter_pkt *pkt)
{
	const struct pkt_view *pv = pkt->pv;
	const struct filter_host *h = pkt->host;
	bool v6 = pv->family == AF_INET6;
	uint32_t minlen = v6 ? 40 + 20 : 20 + 20, out, in;

	if (p->mss != MSS_CLAMP)
		return p->mss;
	if (!h || !h->mtu)
		return 0;
	out = h->mtu(h, pv->family, pv->data + (v6 ? 24 : 16), pkt->meta->out[0] ? pkt->meta->out : NULL);
	in = h->mtu(h, pv->family, pv->data + (v6 ? 8 : 12), NULL);
	if (!out)
		return 0;
	if (in && in < out)
		out = in;
	return out <= minlen ? -1 : (int32_t)(out - minlen);
}

/* A SYN without an MSS option and without data gets one (4 bytes more): the
 * family's default MSS if lower than @mss (536, IPv6 1220), checksums updated. */
static void add_mss(struct filter_pkt *pkt, uint32_t mss)
{
	const struct pkt_view *pv = pkt->pv;
	uint32_t off = pv->l4_off, len = pv->len - off;
	uint8_t *b = pkt->wr->writable(pkt->wr->arg, TCPOLEN_MSS), *th, *opt;
	uint16_t old_doff;

	if (!b)
		return;
	th = b + off;
	if (mss > (pv->family == AF_INET6 ? 1220u : 536u))
		mss = pv->family == AF_INET6 ? 1220u : 536u;
	opt = th + 20;
	memmove(opt + TCPOLEN_MSS, opt, len - 20);
	csum_replace(th + 16, (uint16_t)len, (uint16_t)(len + TCPOLEN_MSS));   /* pseudo-header */
	opt[0] = TCPOPT_MSS;
	opt[1] = TCPOLEN_MSS;
	wr16(opt + 2, (uint16_t)mss);
	csum_replace(th + 16, 0, rd16(opt));
	csum_replace(th + 16, 0, rd16(opt + 2));
	old_doff = rd16(th + 12);
	th[12] = (uint8_t)(th[12] + (TCPOLEN_MSS / 4 << 4));
	csum_replace(th + 16, old_doff, rd16(th + 12));
	if (pv->family == AF_INET6) {
		wr16(b + 4, (uint16_t)(rd16(b + 4) + TCPOLEN_MSS));
	} else {
		uint16_t tot = rd16(b + 2);

		wr16(b + 2, (uint16_t)(tot + TCPOLEN_MSS));
		csum_replace(b + 10, tot, (uint16_t)(tot + TCPOLEN_MSS));
	}
	pkt->wr->resized(pkt->wr->arg, pv->len + TCPOLEN_MSS);
}

/* xt_TCPMSS: lower an MSS option above the wanted value (never raise it), or
 * add one to a SYN without data that has none. A packet whose TCP header
 * does not fit is dropped, as the kernel does; so is a path MTU too small. */
static int tcpmss_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct pkt_view *pv = pkt->pv;
	uint32_t len, hlen, i;
	const uint8_t *th;
	uint8_t *b;
	int32_t mss;

	if (!pkt->wr || pv->frag_off || pv->l4proto != IPPROTO_TCP)
		return FILTER_CONTINUE;
	len = pv->len > pv->l4_off ? pv->len - pv->l4_off : 0;
	th = pv->data + pv->l4_off;
	if (!pv->l4_ok || len < 20 || (hlen = (uint32_t)(th[12] >> 4) * 4) < 20 || len < hlen)
		return FILTER_DROP;
	if ((mss = wanted_mss(FILTER_PRIV(d, const struct tcpmss_priv), pkt)) <= 0)
		return mss < 0 ? FILTER_DROP : FILTER_CONTINUE;
	for (i = 20; i + TCPOLEN_MSS <= hlen;
	     i += th[i] <= 1 || th[i + 1] == 0 ? 1 : th[i + 1]) {
		if (th[i] != TCPOPT_MSS || th[i + 1] != TCPOLEN_MSS)
			continue;
		if (rd16(th + i + 2) <= (uint32_t)mss || !(b = pkt->wr->writable(pkt->wr->arg, 0)))
			return FILTER_CONTINUE;
		csum_replace(b + pv->l4_off + 16, rd16(b + pv->l4_off + i + 2), (uint16_t)mss);
		wr16(b + pv->l4_off + i + 2, (uint16_t)mss);
		return FILTER_CONTINUE;
	}
	if (len == hlen && hlen < 60)
		add_mss(pkt, (uint32_t)mss);
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
