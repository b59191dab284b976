/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IPv4/IPv6 addresses to text, byte for byte as glibc's inet_ntop() writes them, without printf. */
#ifndef ULOG_LIB_IPFMT_H
#define ULOG_LIB_IPFMT_H

#include <stddef.h>
#include <stdint.h>

#define IPFMT_V4_MAX 16   /* "255.255.255.255" and its NUL */
#define IPFMT_V6_MAX 46   /* INET6_ADDRSTRLEN */

/* Writes the 4 bytes at @a as a dotted quad and a NUL into @dst (IPFMT_V4_MAX bytes).
 * Returns the length without the NUL. */
size_t ipfmt_v4(char *dst, const uint8_t *a);

/*
 * Writes the 16 bytes at @a as inet_ntop(AF_INET6) does, and a NUL, into
 * @dst (IPFMT_V6_MAX bytes): lower-case hex groups without leading zeros, the
 * first longest run of two or more zero groups as "::", and the last 32 bits
 * as a dotted quad when the first five groups are zero and the sixth is ffff
 * (v4-mapped, "::ffff:1.2.3.4") or the first six are zero and the seventh is
 * not (v4-compatible, "::1.2.3.4"; "::1" stays hex). Returns the length.
 */
size_t ipfmt_v6(char *dst, const uint8_t *a);

/* ipfmt_v4() for AF_INET, ipfmt_v6() for AF_INET6; any other @af writes "" and returns 0. */
size_t ipfmt(int af, const void *a, char *dst);

#endif
