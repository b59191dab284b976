/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hashlimit's rate units (revision 3): packet rates in 1/1000000 s, byte rates as costs; credit arithmetic. */
#ifndef ULOG_FILTER_EXT_HLRATE_H
#define ULOG_FILTER_EXT_HLRATE_H

#include "credit.h"
#include "xt.h"

#define HL_SCALE 1000000ull
#define HL_BYTE_SHIFT 4
/* xt_hashlimit v2+: POW2_BELOW64(0xFFFFFFFFFFFFFFFF / (HZ*86400)) at HZ=250 */
#define HL_CPJ (1ull << 39)

static inline uint64_t hl_cost_to_bytes(uint64_t cost)
{
	uint64_t r = cost ? UINT32_MAX / cost : UINT32_MAX;

	return (r - 1) << HL_BYTE_SHIFT;
}

static inline uint64_t hl_bytes_to_cost(uint64_t bytes)
{
	uint32_t r = (uint32_t)(bytes >> HL_BYTE_SHIFT);

	return UINT32_MAX / ((uint64_t)r + 1);
}

/* The kernel's user2credits for revision 2+ (constants divided first), in
 * wrapping 64-bit arithmetic. */
static inline uint64_t hl_user2credits(uint64_t user)
{
	return user * (XT_HZ * HL_CPJ / HL_SCALE);
}

#endif
