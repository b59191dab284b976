/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host model internals shared by its text and JSON readers. */
#ifndef ULOG_KERNEL_HOST_PRIV_H
#define ULOG_KERNEL_HOST_PRIV_H

#include "host.h"

/* "10.0.0.0/8", "2001:db8::1" (no length: full) into @family/@addr/@plen. 0 or -EINVAL. */
int host_parse_prefix(const char *s, uint8_t *family, uint8_t *addr, uint8_t *plen);
/* HOST_RTN_* of a route type word ("blackhole"), or -1. */
int host_rtn_type(const char *s);

/* Sets @r's table from an `ip route` table word ("main", "local", "100").
 * 0, or 1 for a table name the model cannot number (skip the route). */
int host_table_word(const char *s, struct host_route *r);
/* Table id of a rule's table word ("main" 254, "local" 255, "100"), or -1. */
long host_table_id(const char *s);
/* The first route of @table (HOST_TABLE_*, or 0 for local then main) holding @dst, or NULL. */
const struct host_route *host_route_walk(const struct host *h, uint8_t family, const uint8_t *dst,
					 uint32_t table);
/* host_route_lookup_flow() without its memo: the fib rules walked in order. */
const struct host_route *host_rule_walk(const struct host *h, uint8_t family, const uint8_t *dst,
					const struct host_flow *fl);

/* Makes the per-flow memo of host_route_lookup_flow() (host_rule_memo.c, 4 MiB) unless there:
 * host_rule_add() calls it, so a host without rules has none. 0 or -ENOMEM. */
int host_rule_memo_new(struct host *h);
/* Forgets every memoised answer (rules, routes or addresses changed). NULL memo: nothing. */
void host_rule_memo_flush(struct host *h);
/* Lookups answered from the memo (@hits) and by a walk (@misses) since host_rule_memo_new(). */
void host_rule_memo_stats(const struct host *h, uint64_t *hits, uint64_t *misses);

/* Readers; @text is NUL-terminated and may be modified. 0 or -errno with @err. */
int host_text_addr(struct host *h, char *text, const char *file, struct ulog_err *err);
int host_text_route(struct host *h, char *text, const char *file, struct ulog_err *err);
int host_json_addr(struct host *h, const char *text, const char *file, struct ulog_err *err);
int host_json_route(struct host *h, const char *text, const char *file, struct ulog_err *err);
int host_json_rule(struct host *h, const char *text, const char *file, struct ulog_err *err);
int host_text_rule(struct host *h, char *text, const char *file, struct ulog_err *err);
int host_text_sysctl(struct host *h, char *text, const char *file, struct ulog_err *err);

#endif
