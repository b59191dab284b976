/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The REJECT target's shared parts: a table of reply types per family, parsed and printed alike. */
#ifndef ULOG_FILTER_EXT_REJECT_H
#define ULOG_FILTER_EXT_REJECT_H

#include "xt.h"

struct xt_reject_type {
	const char *name, *alias;
	uint8_t with;                /* the kernel's ipt/ip6t_reject_with value */
	bool tcp_reset;
};

struct xt_reject_priv {
	uint8_t with;
	uint8_t idx;                 /* row of the family's table */
};

/* Parses @arg (a prefix of a name or alias, any case; first row wins). */
int xt_reject_parse(const struct xt_reject_type *tab, unsigned n, struct xt_reject_priv *p,
		    const char *arg, struct ulog_err *err);
/* "--reject-with NAME". */
int xt_reject_print(const struct xt_reject_type *tab, const struct xt_reject_priv *p,
		    char *buf, size_t len);
/* The kernel's checks: filter table, INPUT/FORWARD/OUTPUT, tcp-reset only with -p tcp. */
int xt_reject_check(const struct xt_reject_type *tab, const struct xt_reject_priv *p,
		    const struct filter_check_ctx *c, struct ulog_err *err);
/* Drops the packet and reports the reply to emit. */
int xt_reject_target(struct filter_ext_data *d, struct filter_pkt *pkt);

#endif
