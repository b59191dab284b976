/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The address family of a record's addresses, from oob.family and (bridge) oob.protocol, as ulogd2 derives it. */
#ifndef ULOG_LIB_IPFAM_H
#define ULOG_LIB_IPFAM_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#define IPFAM_ETH_P_IP 0x0800
#define IPFAM_ETH_P_ARP 0x0806
#define IPFAM_ETH_P_IPV6 0x86dd

/*
 * Returns AF_INET or AF_INET6 for a record of netfilter family @family
 * (AF_INET, AF_INET6, or AF_BRIDGE with ethertype @proto: IPv4 and ARP
 * carry IPv4 addresses), or 0 when that does not say (unknown family,
 * a bridge frame of another ethertype, or inputs absent).
 */
static inline int ipfam_of(bool have_family, uint32_t family, bool have_proto, uint32_t proto)
{
	if (!have_family)
		return 0;
	if (family == AF_INET || family == AF_INET6)
		return (int)family;
	if (family != AF_BRIDGE || !have_proto)
		return 0;
	if (proto == IPFAM_ETH_P_IP || proto == IPFAM_ETH_P_ARP)
		return AF_INET;
	if (proto == IPFAM_ETH_P_IPV6)
		return AF_INET6;
	return 0;
}

/* Family to format an address value of @len bytes with, given the record's
 * family @fam from ipfam_of(): @fam when the value is wide enough for it,
 * else the value's own width (4 or 16). Returns 0 for a width that is no
 * address. */
static inline int ipfam_for_value(int fam, uint32_t len)
{
	if (fam == AF_INET && len >= 4)
		return AF_INET;
	if (len == 16)
		return AF_INET6;
	if (len == 4)
		return AF_INET;
	return 0;
}

#endif
