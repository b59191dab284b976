/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ICMP and ICMPv6 type names and the "TYPE[/CODE]" syntax of the icmp and icmp6 matches. */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "icmptype.h"

static const struct xt_icmp_name icmp4_names[] = {
	{ "any", 0xff, 0, 0xff },
	{ "echo-reply", 0, 0, 0xff }, { "pong", 0, 0, 0xff },
	{ "destination-unreachable", 3, 0, 0xff },
	{ "network-unreachable", 3, 0, 0 }, { "host-unreachable", 3, 1, 1 },
	{ "protocol-unreachable", 3, 2, 2 }, { "port-unreachable", 3, 3, 3 },
	{ "fragmentation-needed", 3, 4, 4 }, { "source-route-failed", 3, 5, 5 },
	{ "network-unknown", 3, 6, 6 }, { "host-unknown", 3, 7, 7 },
	{ "network-prohibited", 3, 9, 9 }, { "host-prohibited", 3, 10, 10 },
	{ "TOS-network-unreachable", 3, 11, 11 }, { "TOS-host-unreachable", 3, 12, 12 },
	{ "communication-prohibited", 3, 13, 13 }, { "host-precedence-violation", 3, 14, 14 },
	{ "precedence-cutoff", 3, 15, 15 },
	{ "source-quench", 4, 0, 0xff },
	{ "redirect", 5, 0, 0xff }, { "network-redirect", 5, 0, 0 },
	{ "host-redirect", 5, 1, 1 }, { "TOS-network-redirect", 5, 2, 2 },
	{ "TOS-host-redirect", 5, 3, 3 },
	{ "echo-request", 8, 0, 0xff }, { "ping", 8, 0, 0xff },
	{ "router-advertisement", 9, 0, 0xff }, { "router-solicitation", 10, 0, 0xff },
	{ "time-exceeded", 11, 0, 0xff }, { "ttl-exceeded", 11, 0, 0xff },
	{ "ttl-zero-during-transit", 11, 0, 0 }, { "ttl-zero-during-reassembly", 11, 1, 1 },
	{ "parameter-problem", 12, 0, 0xff }, { "ip-header-bad", 12, 0, 0 },
	{ "required-option-missing", 12, 1, 1 },
	{ "timestamp-request", 13, 0, 0xff }, { "timestamp-reply", 14, 0, 0xff },
	{ "address-mask-request", 17, 0, 0xff }, { "address-mask-reply", 18, 0, 0xff },
};

static const struct xt_icmp_name icmp6_names[] = {
	{ "destination-unreachable", 1, 0, 0xff },
	{ "no-route", 1, 0, 0 }, { "communication-prohibited", 1, 1, 1 },
	{ "beyond-scope", 1, 2, 2 }, { "address-unreachable", 1, 3, 3 },
	{ "port-unreachable", 1, 4, 4 }, { "failed-policy", 1, 5, 5 },
	{ "reject-route", 1, 6, 6 },
	{ "packet-too-big", 2, 0, 0xff },
	{ "time-exceeded", 3, 0, 0xff }, { "ttl-exceeded", 3, 0, 0xff },
	{ "ttl-zero-during-transit", 3, 0, 0 }, { "ttl-zero-during-reassembly", 3, 1, 1 },
	{ "parameter-problem", 4, 0, 0xff }, { "bad-header", 4, 0, 0 },
	{ "unknown-header-type", 4, 1, 1 }, { "unknown-option", 4, 2, 2 },
	{ "echo-request", 128, 0, 0xff }, { "ping", 128, 0, 0xff },
	{ "echo-reply", 129, 0, 0xff }, { "pong", 129, 0, 0xff },
	{ "router-solicitation", 133, 0, 0xff }, { "router-advertisement", 134, 0, 0xff },
	{ "neighbour-solicitation", 135, 0, 0xff }, { "neighbor-solicitation", 135, 0, 0xff },
	{ "neighbour-advertisement", 136, 0, 0xff }, { "neighbor-advertisement", 136, 0, 0xff },
	{ "redirect", 137, 0, 0xff },
};

/* See icmptype.h. */
int xt_parse_icmp(const char *s, bool v6, uint8_t *type, uint8_t code[2], struct ulog_err *err)
{
	const struct xt_icmp_name *tab = v6 ? icmp6_names : icmp4_names;
	unsigned n = v6 ? XT_ARRAY_SIZE(icmp6_names) : XT_ARRAY_SIZE(icmp4_names);
	const char *what = v6 ? "ICMPv6" : "ICMP";
	unsigned i, match = n;
	char buf[64], *slash;
	uint64_t v;

	for (i = 0; i < n; i++) {
		if (strncasecmp(tab[i].name, s, strlen(s)))
			continue;
		if (match != n)
			return ulog_errf(err, -EINVAL, "Ambiguous %s type `%s': `%s' or `%s'?",
					 what, s, tab[match].name, tab[i].name);
		match = i;
	}
	if (match != n) {
		*type = tab[match].type;
		code[0] = tab[match].code_min;
		code[1] = tab[match].code_max;
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = 0;
	if (!filter_parse_uint(buf, 0, 255, &v))
		return ulog_errf(err, -EINVAL, "Unknown %s type `%s'", what, buf);
	*type = (uint8_t)v;
	code[0] = 0;
	code[1] = 0xff;
	if (slash) {
		if (!filter_parse_uint(slash + 1, 0, 255, &v))
			return ulog_errf(err, -EINVAL, "Unknown %s code `%s'", what, s);
		code[0] = code[1] = (uint8_t)v;
	}
	return 0;
}

/* See icmptype.h. */
void xt_bicmp(struct filter_buf *b, const char *opt, bool v6, uint8_t type,
	      const uint8_t code[2], bool inv)
{
	filter_bprintf(b, "%s--%s ", inv ? "! " : "", opt);
	if (!v6 && type == 0xff) {
		filter_bprintf(b, "any");
		return;
	}
	filter_bprintf(b, "%u", type);
	if (code[0] != 0 || code[1] != 0xff)
		filter_bprintf(b, "/%u", code[0]);
}

/* See icmptype.h. */
void xt_licmp(struct filter_buf *b, bool v6, uint8_t type, const uint8_t code[2], bool inv,
	      bool numeric)
{
	const struct xt_icmp_name *tab = v6 ? icmp6_names : icmp4_names;
	unsigned i, n = v6 ? XT_ARRAY_SIZE(icmp6_names) : XT_ARRAY_SIZE(icmp4_names);

	for (i = 0; !numeric && i < n; i++)
		if (tab[i].type == type && tab[i].code_min == code[0] && tab[i].code_max == code[1]) {
			filter_bprintf(b, " %s%s", inv ? "!" : "", tab[i].name);
			return;
		}
	if (inv)
		filter_bprintf(b, " !");
	filter_bprintf(b, "type %u", type);
	if (code[0] == code[1])
		filter_bprintf(b, " code %u", code[0]);
	else if (code[0] != 0 || code[1] != 0xff)
		filter_bprintf(b, " codes %u-%u", code[0], code[1]);
}
