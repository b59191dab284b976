/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table and hook restrictions of targets (the kernel's .table/.hooks), with one message format. */
#ifndef ULOG_FILTER_EXT_TABLE_H
#define ULOG_FILTER_EXT_TABLE_H

#include <errno.h>
#include <string.h>

#include "xt.h"

#define XT_H(h) FILTER_HOOK_BIT(FILTER_##h)

/* 0 if @c is in table @table (NULL = any) and reaches only hooks in @hooks
 * (0 = any), else -EINVAL naming @what. */
static inline int xt_check_where(const struct filter_check_ctx *c, const char *what,
				 const char *table, unsigned hooks, struct ulog_err *err)
{
	if (table && strcmp(c->table, table))
		return ulog_errf(err, -EINVAL, "%s: only valid in the %s table, not %s", what, table,
				 c->table);
	if (hooks && (c->hook_mask & ~hooks))
		return ulog_errf(err, -EINVAL, "%s: not valid in chain %s (hook mask 0x%x)", what,
				 c->chain ? c->chain : "?", c->hook_mask);
	return 0;
}

#endif
