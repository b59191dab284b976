/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interface index to name table, fed by rtnetlink link messages (kernel or nfcore). */
#ifndef ULOG_LIB_IFTABLE_H
#define ULOG_LIB_IFTABLE_H

#include <net/if.h>
#include <stdint.h>

struct nlmsghdr;

struct iftable_ent {
	uint32_t index;
	char name[IF_NAMESIZE];
};

/* Sorted by index; grows on link events only, never per packet. */
struct iftable {
	struct iftable_ent *ent;
	unsigned n, cap;
};

/* An empty table (a zeroed struct iftable is one too). */
void iftable_init(struct iftable *t);
void iftable_free(struct iftable *t);
/* Forgets every entry (before a full re-dump). */
void iftable_clear(struct iftable *t);

/* Name of interface @index, or NULL if unknown. */
const char *iftable_name(const struct iftable *t, uint32_t index);

/* Sets the name of @index (new or renamed interface). Returns 0 or -ENOMEM,
 * leaving the table unchanged on error. */
int iftable_set(struct iftable *t, uint32_t index, const char *name);

/* Removes @index if present. */
void iftable_del(struct iftable *t, uint32_t index);

/*
 * Applies one rtnetlink message: RTM_NEWLINK sets, RTM_DELLINK removes;
 * other types are ignored. Returns 0, -EINVAL for a malformed link
 * message, or -ENOMEM.
 */
int iftable_apply(struct iftable *t, const struct nlmsghdr *nlh);

#endif
