/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ICMP and ICMPv6 type names and the "TYPE[/CODE]" syntax shared by the icmp and icmp6 matches. */
#ifndef ULOG_FILTER_EXT_ICMPTYPE_H
#define ULOG_FILTER_EXT_ICMPTYPE_H

#include "xt.h"

struct xt_icmp_name {
	const char *name;
	uint8_t type, code_min, code_max;
};

/* Parses a type name (any unambiguous prefix, any case), "TYPE" or
 * "TYPE/CODE". Returns 0 or -EINVAL with iptables' message. */
int xt_parse_icmp(const char *s, bool v6, uint8_t *type, uint8_t code[2], struct ulog_err *err);

/* Appends "[! ]--OPT TYPE[/CODE]" ("any" for IPv4 type 255). */
void xt_bicmp(struct filter_buf *b, const char *opt, bool v6, uint8_t type,
	      const uint8_t code[2], bool inv);

/* The -L form after " icmp": " echo-request" (names unless @numeric) or,
 * as iptables prints it, "type 3 code 1" with no space before "type". */
void xt_licmp(struct filter_buf *b, bool v6, uint8_t type, const uint8_t code[2], bool inv,
	      bool numeric);

#endif
