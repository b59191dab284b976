/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TOS values and names, DSCP classes: shared by the tos/dscp matches and the TOS/DSCP targets. */
#ifndef ULOG_FILTER_EXT_TOS_H
#define ULOG_FILTER_EXT_TOS_H

#include "xt.h"

/* "VALUE[/MASK]" (8 bits each, mask default 0xff) or a TOS name (mask 0x3f).
 * Returns true on success. */
bool xt_parse_tos(const char *s, uint8_t *val, uint8_t *mask);
/* A DSCP class name (AF11, CS3, EF, BE, any case) to its value; -1 if unknown. */
int xt_dscp_class(const char *s);
/* The packet's TOS / traffic class byte; false if no header. */
bool xt_pkt_tos(const struct pkt_view *pv, uint8_t *tos);

#endif
