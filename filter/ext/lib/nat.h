/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NAT ranges of SNAT, DNAT, MASQUERADE and REDIRECT: "--to-source ADDR[-ADDR][:PORT[-PORT]]", "--to-ports". */
#ifndef ULOG_FILTER_EXT_NAT_H
#define ULOG_FILTER_EXT_NAT_H

#include "xt.h"

/* NF_NAT_RANGE_* */
enum {
	XT_NAT_MAP_IPS = 1, XT_NAT_PROTO = 2, XT_NAT_RANDOM = 4, XT_NAT_PERSISTENT = 8,
	XT_NAT_RANDOM_FULLY = 16,
};

struct xt_nat_range {
	uint8_t min[16], max[16];    /* network order */
	uint16_t pmin, pmax;
	uint8_t flags;
};

/* True if -p names a protocol NAT can give ports to (tcp, udp, sctp, dccp, udplite). */
bool xt_nat_portok(const struct filter_std *std);

/* "--to-source"/"--to-destination" value. Returns 0 or -EINVAL with iptables' message. */
int xt_nat_parse_to(struct xt_nat_range *r, const char *arg, const struct filter_std *std,
		    struct ulog_err *err);
/* "--to-ports" value (MASQUERADE, REDIRECT). */
int xt_nat_parse_ports(struct xt_nat_range *r, const char *arg, const struct filter_std *std,
		       struct ulog_err *err);

/* Appends the address/port part as iptables-save prints it. */
void xt_nat_bto(struct filter_buf *b, const struct xt_nat_range *r, uint8_t family);
/* Appends "--to-ports A[-B]" if ports are set. */
void xt_nat_bports(struct filter_buf *b, const struct xt_nat_range *r);
/* Appends " --random", " --random-fully", " --persistent" as set. */
void xt_nat_bflags(struct filter_buf *b, const struct xt_nat_range *r);

#endif
