/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Looks extensions up in the generated registry table by name, kind and family. */
#include <string.h>

#include "ext.h"

static bool ext_has_name(const struct filter_ext *e, const char *name)
{
	const char *const *a;

	if (!strcmp(e->name, name))
		return true;
	for (a = e->aliases; a && *a; a++)
		if (!strcmp(*a, name))
			return true;
	return false;
}

/* See ext.h. */
const struct filter_ext *filter_ext_find(const char *name, enum filter_ext_kind kind,
					 unsigned family)
{
	const struct filter_ext *const *p;

	/* iptables' own hack (xtables_find_match): ICMPv6's names all mean icmp6 */
	if (kind == FILTER_EXT_MATCH && (!strcmp(name, "icmpv6") || !strcmp(name, "ipv6-icmp")))
		name = "icmp6";
	for (p = filter_ext_registry; *p; p++) {
		const struct filter_ext *e = *p;

		if (e->abi != FILTER_EXT_ABI || e->kind != kind || !(e->family & family))
			continue;
		if (ext_has_name(e, name))
			return e;
	}
	return NULL;
}
