/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Conntrack state and status names shared by the state and conntrack matches, and the state test. */
#ifndef ULOG_FILTER_EXT_CTSTATE_H
#define ULOG_FILTER_EXT_CTSTATE_H

#include "xt.h"

/* Parses one state name: any prefix of INVALID, NEW, ESTABLISHED, RELATED,
 * UNTRACKED (and SNAT, DNAT when @ct), any case, first hit wins, @len bytes
 * of @s. Returns the FILTER_CT_* bit or 0. */
uint32_t xt_ct_state_name(const char *s, size_t len, bool ct);

/* Appends the state bits in save order (INVALID,NEW,RELATED,ESTABLISHED,
 * UNTRACKED,SNAT,DNAT). */
void xt_bctstates(struct filter_buf *b, uint32_t mask);

/* The state bits of the packet as the kernel's state/conntrack matches see
 * them (INVALID without an entry, UNTRACKED for notrack; SNAT/DNAT from the
 * status when @with_nat). */
uint32_t xt_pkt_ctstate(const struct filter_meta *m, bool with_nat);

#endif
