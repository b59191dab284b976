/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NAT range syntax (libxt_NAT's parse_to/parse_ports) and its save form. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "nat.h"

/* See nat.h. */
bool xt_nat_portok(const struct filter_std *std)
{
	if (std->proto_inv)
		return false;
	switch (std->proto) {
	case IPPROTO_TCP: case IPPROTO_UDP: case IPPROTO_SCTP: case 33: case 136:
		return true;
	}
	return false;
}

static int nat_ports(struct xt_nat_range *r, char *s, struct ulog_err *err)
{
	char *dash;
	int lo, hi;

	if (strchr(s, ':'))
		return ulog_errf(err, -EINVAL, "Invalid port:port syntax - use dash\n");
	lo = atoi(s);
	if (lo <= 0 || lo > 65535)
		return ulog_errf(err, -EINVAL, "Port `%s' not valid\n", s);
	dash = strchr(s, '-');
	hi = lo;
	if (dash) {
		hi = atoi(dash + 1);
		if (hi <= 0 || hi > 65535)
			return ulog_errf(err, -EINVAL, "Port `%s' not valid\n", dash + 1);
		if (hi < lo)
			return ulog_errf(err, -EINVAL, "Port range `%s' funky\n", dash + 1);
	}
	r->flags |= XT_NAT_PROTO;
	r->pmin = (uint16_t)lo;
	r->pmax = (uint16_t)hi;
	return 0;
}

static bool nat_addr(uint8_t family, const char *s, uint8_t *out)
{
	return inet_pton(family == FILTER_V6 ? AF_INET6 : AF_INET, s, out) == 1;
}

static int nat_addrs(struct xt_nat_range *r, char *s, uint8_t family, struct ulog_err *err)
{
	char *dash = strchr(s, '-');

	if (dash)
		*dash++ = 0;
	if (!nat_addr(family, s, r->min))
		return ulog_errf(err, -EINVAL, "Bad IP address \"%s\"\n", s);
	if (dash && !nat_addr(family, dash, r->max))
		return ulog_errf(err, -EINVAL, "Bad IP address \"%s\"\n", dash);
	if (!dash)
		memcpy(r->max, r->min, 16);
	r->flags |= XT_NAT_MAP_IPS;
	return 0;
}

static int nat_parse_to(struct xt_nat_range *r, const char *arg, const struct filter_std *std,
			struct ulog_err *err)
{
	char buf[256], *addr = buf, *ports = NULL;
	int rc;

	snprintf(buf, sizeof(buf), "%s", arg);
	if (std->family == FILTER_V6) {
		if (buf[0] == '[') {
			char *end = strchr(buf, ']');

			if (!end)
				return ulog_errf(err, -EINVAL, "Invalid address format\n");
			*end = 0;
			addr = buf + 1;
			if (end[1] == ':')
				ports = end + 2;
		}
	} else {
		ports = strchr(buf, ':');
		if (ports)
			*ports++ = 0;
	}
	if (ports) {
		if (!xt_nat_portok(std))
			return ulog_errf(err, -EINVAL,
					 "Need TCP, UDP, SCTP or DCCP with port specification");
		if ((rc = nat_ports(r, ports, err)))
			return rc;
		if (!addr[0])
			return 0;
	}
	return nat_addrs(r, addr, std->family, err);
}

static int nat_parse_ports(struct xt_nat_range *r, const char *arg,
			   const struct filter_std *std, struct ulog_err *err)
{
	char buf[128];

	if (!xt_nat_portok(std))
		return ulog_errf(err, -EINVAL, "Need TCP, UDP, SCTP or DCCP with port specification");
	snprintf(buf, sizeof(buf), "%s", arg);
	return nat_ports(r, buf, err);
}

static void nat_bto(struct filter_buf *b, const struct xt_nat_range *r, uint8_t family)
{
	int af = xt_af(family);
	bool v6_ports = family == FILTER_V6 && (r->flags & XT_NAT_PROTO);

	if (r->flags & XT_NAT_MAP_IPS) {
		if (v6_ports)
			filter_bprintf(b, "[");
		filter_baddr(b, af, r->min);
		if (memcmp(r->min, r->max, af == 6 ? 16 : 4)) {
			filter_bprintf(b, "-");
			filter_baddr(b, af, r->max);
		}
		if (v6_ports)
			filter_bprintf(b, "]");
	}
	if (r->flags & XT_NAT_PROTO) {
		filter_bprintf(b, ":%u", r->pmin);
		if (r->pmax != r->pmin)
			filter_bprintf(b, "-%u", r->pmax);
	}
}

static void nat_bports(struct filter_buf *b, const struct xt_nat_range *r)
{
	if (!(r->flags & XT_NAT_PROTO))
		return;
	filter_bsep(b);
	filter_bprintf(b, "--to-ports %u", r->pmin);
	if (r->pmax != r->pmin)
		filter_bprintf(b, "-%u", r->pmax);
}

static void nat_bflags(struct filter_buf *b, const struct xt_nat_range *r)
{
	if (r->flags & XT_NAT_RANDOM) {
		filter_bsep(b);
		filter_bprintf(b, "--random");
	}
	if (r->flags & XT_NAT_RANDOM_FULLY) {
		filter_bsep(b);
		filter_bprintf(b, "--random-fully");
	}
	if (r->flags & XT_NAT_PERSISTENT) {
		filter_bsep(b);
		filter_bprintf(b, "--persistent");
	}
}

/* See nat.h. */
int xt_nat_parse_opt(struct filter_ext_data *d, const char *name, const char *const *args,
		     const struct filter_std *std, struct ulog_err *err)
{
	struct xt_nat_range *r = FILTER_PRIV(d, struct xt_nat_range);

	if (!strncmp(name, "to-", 3))
		return !strcmp(name, "to-ports") ? nat_parse_ports(r, args[0], std, err)
						 : nat_parse_to(r, args[0], std, err);
	if (!strcmp(name, "random"))
		r->flags |= XT_NAT_RANDOM;
	else if (!strcmp(name, "random-fully"))
		r->flags |= XT_NAT_RANDOM_FULLY;
	else
		r->flags |= XT_NAT_PERSISTENT;
	return 0;
}

/* See nat.h. */
int xt_nat_print(const struct filter_ext_data *d, const char *to, uint8_t family,
		 char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	if (to) {
		filter_bprintf(&b, "--%s ", to);
		nat_bto(&b, r, family);
	} else {
		nat_bports(&b, r);
	}
	nat_bflags(&b, r);
	return (int)b.pos;
}

/* See nat.h. */
int xt_nat_list(const struct filter_ext_data *d, const char *ports, uint8_t family,
		char *buf, size_t len)
{
	const struct xt_nat_range *r = FILTER_PRIV(d, const struct xt_nat_range);
	struct filter_buf b = filter_buf_init(buf, len);

	if (!ports) {
		filter_bprintf(&b, " to:");
		nat_bto(&b, r, family);
	} else if (r->flags & XT_NAT_PROTO) {
		filter_bprintf(&b, " %s %u", ports, r->pmin);
		if (r->pmax != r->pmin)
			filter_bprintf(&b, "-%u", r->pmax);
	}
	if (r->flags & XT_NAT_RANDOM)
		filter_bprintf(&b, " random");
	if (r->flags & XT_NAT_RANDOM_FULLY)
		filter_bprintf(&b, " random-fully");
	if (r->flags & XT_NAT_PERSISTENT)
		filter_bprintf(&b, " persistent");
	return (int)b.pos;
}

/* See nat.h. */
int xt_nat_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	struct xt_nat_choice c = { d->ext->name, pkt->table, pkt->chain, pkt->rulenum };

	if (pkt->out && pkt->out->emit)
		pkt->out->emit(pkt->out->arg, "NAT", &c, pkt->pv, pkt->meta);
	return FILTER_ACCEPT;
}
