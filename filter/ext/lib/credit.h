/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Token-bucket credits in the kernel's units (xt_limit, xt_hashlimit): jiffies at HZ=250. */
#ifndef ULOG_FILTER_EXT_CREDIT_H
#define ULOG_FILTER_EXT_CREDIT_H

#include <stdint.h>

/* This kernel: CONFIG_HZ=250, so CREDITS_PER_JIFFY = 128 (POW2_BELOW32 of
 * 0xFFFFFFFF / (HZ * 86400)). */
#define XT_HZ 250u
#define XT_CREDITS_PER_JIFFY 128u

/* xt_limit's user2credits, in the kernel's 32-bit arithmetic. */
static inline uint32_t xt_user2credits(uint32_t user, uint32_t scale)
{
	if (user > 0xFFFFFFFFu / (XT_HZ * XT_CREDITS_PER_JIFFY))
		return (user / scale) * XT_HZ * XT_CREDITS_PER_JIFFY;
	return (user * XT_HZ * XT_CREDITS_PER_JIFFY) / scale;
}

/* Nanoseconds to jiffies. */
static inline uint64_t xt_jiffies(uint64_t ns)
{
	return ns / (1000000000u / XT_HZ);
}

#endif
