/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The multiport match (revision 1): up to 15 ports or ranges, source, destination or either. */
#include <errno.h>
#include <string.h>

#include "lib/xt.h"

#define MP_MAX 15

enum { O_SPORTS, O_SOURCE_PORTS, O_DPORTS, O_DESTINATION_PORTS, O_PORTS };
enum mp_dir { MP_SRC = 1, MP_DST, MP_EITHER };

struct mp_priv {
	uint8_t dir;                 /* enum mp_dir, 0 = none yet */
	uint8_t count;
	bool invert;
	uint16_t ports[MP_MAX];
	uint8_t pflags[MP_MAX];      /* 1: ports[i]..ports[i+1] is a range */
};

#define I FILTER_OPT_INVERT
static const struct filter_opt mp_opts[] = {
	[O_SPORTS] = { .name = "sports", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SOURCE_PORTS] = { .name = "source-ports", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DPORTS] = { .name = "dports", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DESTINATION_PORTS] = { .name = "destination-ports", .arg = FILTER_ARG_ONE, .flags = I },
	[O_PORTS] = { .name = "ports", .arg = FILTER_ARG_ONE, .flags = I },
};
#undef I

static const char *const mp_long[] = { "", "source-ports", "destination-ports", "ports" };

/* libxt_multiport's check_proto: the protocol name used for service names. */
static int mp_proto(const struct filter_std *std, const char **name, struct ulog_err *err)
{
	if (std->proto_inv)
		return ulog_errf(err, -EINVAL,
				 "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
	*name = xt_port_proto_name(std->proto);
	if (*name)
		return 0;
	if (!std->proto)
		return ulog_errf(err, -EINVAL, "multiport needs `-p tcp', `-p udp', `-p udplite', "
				 "`-p sctp' or `-p dccp'");
	return ulog_errf(err, -EINVAL, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
}

static int mp_port(const char *s, const char *proto, uint16_t *out, struct ulog_err *err)
{
	if (filter_parse_port(s, proto, out))
		return 0;
	return ulog_errf(err, -EINVAL, "invalid port/service `%s' specified", s);
}

static int mp_parse_list(struct mp_priv *m, const char *s, const char *proto, struct ulog_err *err)
{
	char buf[512];
	char *cp, *next, *range;
	unsigned i;
	int rc;

	snprintf(buf, sizeof(buf), "%s", s);
	memset(m->pflags, 0, sizeof(m->pflags));
	for (cp = buf, i = 0; cp && i < MP_MAX; cp = next, i++) {
		next = strchr(cp, ',');
		if (next)
			*next++ = 0;
		range = strchr(cp, ':');
		if (range) {
			if (i == MP_MAX - 1)
				return ulog_errf(err, -EINVAL, "too many ports specified");
			*range++ = 0;
		}
		if ((rc = mp_port(cp, proto, &m->ports[i], err)))
			return rc;
		if (range) {
			m->pflags[i] = 1;
			if ((rc = mp_port(range, proto, &m->ports[++i], err)))
				return rc;
			if (m->ports[i - 1] >= m->ports[i])
				return ulog_errf(err, -EINVAL, "invalid portrange specified");
		}
	}
	if (cp)
		return ulog_errf(err, -EINVAL, "too many ports specified");
	m->count = (uint8_t)i;
	return 0;
}

static int mp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		    bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct mp_priv *m = FILTER_PRIV(d, struct mp_priv);
	enum mp_dir dir = opt <= O_SOURCE_PORTS ? MP_SRC : opt <= O_DESTINATION_PORTS ? MP_DST : MP_EITHER;
	const char *proto;
	int rc;

	if (m->dir == dir)
		return ulog_errf(err, -EINVAL, "multiport: option \"--%s\" can only be used once.\n",
				 mp_long[dir]);
	if (m->dir) {
		enum mp_dir a = m->dir < dir ? m->dir : dir, b = m->dir < dir ? dir : m->dir;

		return ulog_errf(err, -EINVAL,
				 "multiport: option \"--%s\" cannot be used together with \"--%s\".\n",
				 mp_long[a], mp_long[b]);
	}
	if ((rc = mp_proto(std, &proto, err)))
		return rc;
	m->dir = (uint8_t)dir;
	m->invert = invert;
	return mp_parse_list(m, args[0], proto, err);
}

static int mp_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	if (!FILTER_PRIV(d, struct mp_priv)->dir)
		return ulog_errf(err, -EINVAL, "multiport expection an option");
	return 0;
}

static int mp_print(const struct filter_ext_data *d, const struct filter_std *std,
		    char *buf, size_t len)
{
	static const char *const opt[] = { "", "sports", "dports", "ports" };
	const struct mp_priv *m = FILTER_PRIV(d, const struct mp_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	filter_bprintf(&b, "%s--%s ", m->invert ? "! " : "", opt[m->dir]);
	for (i = 0; i < m->count; i++) {
		filter_bprintf(&b, "%s%u", i ? "," : "", m->ports[i]);
		if (m->pflags[i] && i + 1 < m->count) {
			filter_bprintf(&b, ":%u", m->ports[i + 1]);
			i++;
		}
	}
	return (int)b.pos;
}

static int mp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		    struct ulog_err *err)
{
	if (c->std->proto_inv || !xt_port_proto_name(c->std->proto))
		return ulog_errf(err, -EINVAL,
				 "multiport: only valid for TCP, UDP, UDPLITE, SCTP and DCCP");
	return 0;
}

static bool mp_hit(const struct mp_priv *m, uint16_t sp, uint16_t dp)
{
	unsigned i;

	for (i = 0; i < m->count; i++) {
		uint16_t s = m->ports[i], e = s;

		if (m->pflags[i] && i + 1 < m->count)
			e = m->ports[++i];
		if (m->dir != MP_DST && sp >= s && sp <= e)
			return true;
		if (m->dir != MP_SRC && dp >= s && dp <= e)
			return true;
	}
	return false;
}

static int mp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct mp_priv *m = FILTER_PRIV(d, const struct mp_priv);
	uint16_t sp, dp;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	if (!xt_pkt_ports(pkt->pv, &sp, &dp, &pkt->hotdrop)) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	return mp_hit(m, sp, dp) ^ m->invert ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int mp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		   char *buf, size_t len)
{
	static const char *const opt[] = { "", "sports", "dports", "ports" };
	const struct mp_priv *m = FILTER_PRIV(d, const struct mp_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	const char *proto = xt_port_proto_name(std->proto);
	unsigned i;

	filter_bprintf(&b, " multiport %s %s", opt[m->dir], m->invert ? " !" : "");
	for (i = 0; i < m->count; i++) {
		if (i)
			filter_bprintf(&b, ",");
		xt_lport(&b, m->ports[i], numeric, proto);
		if (m->pflags[i] && i + 1 < m->count) {
			filter_bprintf(&b, ":");
			xt_lport(&b, m->ports[++i], numeric, proto);
		}
	}
	return (int)b.pos;
}

const struct filter_ext filter_ext_multiport = {
	.abi = FILTER_EXT_ABI,
	.name = "multiport",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = mp_opts,
	.n_opts = XT_ARRAY_SIZE(mp_opts),
	.priv_size = sizeof(struct mp_priv),
	.parse = mp_parse,
	.final_check = mp_final,
	.print = mp_print,
	.list = mp_list,
	.check = mp_check,
	.match = mp_match,
};
