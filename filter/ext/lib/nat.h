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

/* Applies option @name (its argument in @args[0]) of a NAT target to @d's
 * struct xt_nat_range:
 * "to-source"/"to-destination" (ADDR[-ADDR][:PORT[-PORT]]), "to-ports"
 * (PORT[-PORT]), "random", "random-fully", "persistent". Returns 0 or
 * -EINVAL with iptables' message. */
int xt_nat_parse_opt(struct filter_ext_data *d, const char *name, const char *const *args,
		     const struct filter_std *std, struct ulog_err *err);
/* Save text as iptables-save prints it: "--@to ADDR..." when @to is set
 * (SNAT/DNAT), else "--to-ports A[-B]" if ports are set; then "--random",
 * "--random-fully", "--persistent" as set. */
int xt_nat_print(const struct filter_ext_data *d, const char *to, uint8_t family,
		 char *buf, size_t len);
/* List text: " to:ADDR..." when @ports is NULL, else " @ports A[-B]" if
 * ports are set ("masq ports:", "redir ports"); then " random",
 * " random-fully", " persistent" as set. */
int xt_nat_list(const struct filter_ext_data *d, const char *ports, uint8_t family,
		char *buf, size_t len);
/* The NAT targets' verdict here (no translation is done): FILTER_ACCEPT, after
 * reporting the choice (kind "NAT", struct xt_nat_choice in emit.h). */
int xt_nat_target(struct filter_ext_data *d, struct filter_pkt *pkt);

#endif
