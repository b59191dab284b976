/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Minimal IP sets for the set match: loaded from `ipset save` text, hash:ip and hash:net membership. */
#ifndef ULOG_FILTER_EXT_IPSET_H
#define ULOG_FILTER_EXT_IPSET_H

#include "xt.h"

#define XT_IPSET_MAX 4096

struct xt_ipset_entry {
	uint8_t addr[16];
	uint8_t plen;
};

/* One set, kept in the ruleset context as filter_ctx_shared(ctx, "ipset", name). */
struct xt_ipset {
	bool defined;
	uint8_t family;              /* FILTER_V4 or FILTER_V6 */
	bool net;                    /* hash:net (prefixes) rather than hash:ip */
	unsigned n;
	struct xt_ipset_entry e[XT_IPSET_MAX];
};

/*
 * Loads `ipset save` text ("create NAME TYPE [family inet|inet6] ..." and
 * "add NAME ENTRY ..." lines) into @ctx. Types other than hash:ip and
 * hash:net are created (so rules naming them load) but hold no members.
 * Returns 0, or -EINVAL/-ENOSPC with @err naming the line.
 */
int xt_ipset_load(struct filter_ctx *ctx, const char *text, struct ulog_err *err);

/* The set called @name if it was created, else NULL. */
struct xt_ipset *xt_ipset_find(struct filter_ctx *ctx, const char *name);

/* True if @addr (network order, family of the set) is a member of @s. */
bool xt_ipset_test(const struct xt_ipset *s, const uint8_t *addr);

#endif
