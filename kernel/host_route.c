/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Routing decisions of the simulated host: input (INPUT or FORWARD), output, addrtype and rpfilter facts. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

static bool v4_lbcast_or_zero(const uint8_t *a)
{
	uint32_t v = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];

	/* ipv4_is_zeronet(): only 0.0.0.0 since Linux 5.x (0.0.0.0/8 is unicast) */
	return v == 0xffffffffu || v == 0;
}

static bool is_multicast(uint8_t family, const uint8_t *a)
{
	return family == AF_INET6 ? a[0] == 0xff : (a[0] & 0xf0) == 0xe0;
}

static void ifname(const struct host *h, int index, char *out)
{
	const struct host_if *f = host_if_by_index(h, index);

	memset(out, 0, IFNAMSIZ);
	if (f)
		memcpy(out, f->name, IFNAMSIZ);
}

/* True if the host has joined multicast group @a: all-nodes (ff01::1, ff02::1),
 * all-routers as a forwarding host joins them (ff01::2, ff02::2, ff05::2), the
 * solicited-node groups of its IPv6 addresses, and 224.0.0.1 (no multicast routing
 * daemon). Flags other than 0 (ff12::1) name other groups, which nobody joined. */
static bool mc_joined(const struct host *h, uint8_t family, const uint8_t *a)
{
	static const uint8_t snm[13] = { 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff };
	unsigned i;

	if (family == AF_INET)
		return a[0] == 224 && !a[1] && !a[2] && a[3] == 1;
	if (!memcmp(a + 2, "\0\0\0\0\0\0\0\0\0\0\0\0\0", 13) &&
	    ((a[15] == 1 && (a[1] == 0x01 || a[1] == 0x02)) ||
	     (a[15] == 2 && (a[1] == 0x01 || a[1] == 0x02 || a[1] == 0x05))))
		return true;
	if (memcmp(a, snm, sizeof(snm)))
		return false;
	for (i = 0; i < h->n_addrs; i++)
		if (h->addrs[i].family == AF_INET6 && !memcmp(h->addrs[i].addr + 13, a + 13, 3))
			return true;
	return false;
}

enum host_input host_route_input(const struct host *h, uint8_t family, const uint8_t *dst,
				 char *out)
{
	return host_route_input_flow(h, family, dst, NULL, out);
}

enum host_input host_route_input_flow(const struct host *h, uint8_t family, const uint8_t *dst,
				      const struct host_flow *fl, char *out)
{
	const struct host_route *r;

	memset(out, 0, IFNAMSIZ);
	if (is_multicast(family, dst))
		return mc_joined(h, family, dst) ? HOST_IN_LOCAL : HOST_IN_DROP;
	if (family == AF_INET && v4_lbcast_or_zero(dst))
		return HOST_IN_LOCAL;
	r = host_route_lookup_flow(h, family, dst, fl);
	if (!r)
		return HOST_IN_DROP;
	switch (r->type) {
	case HOST_RTN_LOCAL:
	case HOST_RTN_BROADCAST:
		return HOST_IN_LOCAL;
	case HOST_RTN_UNICAST:
		/* the kernel never forwards to link-local destinations */
		if (family == AF_INET6 && dst[0] == 0xfe && (dst[1] & 0xc0) == 0x80)
			return HOST_IN_DROP;
		ifname(h, r->ifindex, out);
		return HOST_IN_FORWARD;
	default:
		return HOST_IN_DROP;
	}
}

int host_route_output(const struct host *h, uint8_t family, const uint8_t *dst, char *out)
{
	return host_route_output_flow(h, family, dst, NULL, 0, out);
}

int host_route_output_flow(const struct host *h, uint8_t family, const uint8_t *dst,
			   const uint8_t *src, uint32_t mark, char *out)
{
	const struct host_flow fl = { .src = src, .iif = "lo", .mark = mark };
	const struct host_route *r = host_route_lookup_flow(h, family, dst, &fl);

	memset(out, 0, IFNAMSIZ);
	if (r && r->type == HOST_RTN_LOCAL) {
		memcpy(out, "lo", 3);
		return 0;
	}
	if (!r || !r->ifindex || (r->type != HOST_RTN_UNICAST && r->type != HOST_RTN_BROADCAST &&
				  r->type != HOST_RTN_MULTICAST))
		return -ENETUNREACH;
	ifname(h, r->ifindex, out);
	return 0;
}

/* IPv4: inet_dev_addr_type() - broadcast/zeronet, multicast, else the local table. */
static uint32_t addr_type4(const struct host *h, const uint8_t *a, const char *dev)
{
	const struct host_route *r;
	const struct host_if *f;

	if (v4_lbcast_or_zero(a))
		return 1u << HOST_RTN_BROADCAST;
	if (is_multicast(AF_INET, a))
		return 1u << HOST_RTN_MULTICAST;
	r = host_route_lookup(h, AF_INET, a);
	if (!r || !r->local_table)
		return 1u << HOST_RTN_UNICAST;
	f = dev ? host_if_by_name(h, dev) : NULL;
	if (dev && (!f || f->index != r->ifindex))
		return 1u << HOST_RTN_UNICAST;
	return 1u << r->type;
}

/* IPv6: the address class plus what the route says (xt_addrtype's match_type6). */
static uint32_t addr_type6(const struct host *h, const uint8_t *a, const char *dev)
{
	static const uint8_t zero[16];
	const struct host_route *r;
	uint32_t t;

	if (a[0] == 0xff)
		return 1u << HOST_RTN_MULTICAST;
	if (!memcmp(a, zero, 16))
		return 1u << HOST_RTN_UNSPEC;
	t = 1u << HOST_RTN_UNICAST;
	r = host_route_lookup(h, AF_INET6, a);
	if (!r || r->type == HOST_RTN_UNREACHABLE || r->type == HOST_RTN_BLACKHOLE ||
	    r->type == HOST_RTN_PROHIBIT)
		return t | 1u << HOST_RTN_UNREACHABLE;
	if (r->type == HOST_RTN_LOCAL) {
		const struct host_if *f = dev ? host_if_by_name(h, dev) : NULL;

		if (!dev || (f && f->index == r->ifindex))
			t |= 1u << HOST_RTN_LOCAL;
	}
	return t;
}

uint32_t host_addr_type(const struct host *h, uint8_t family, const uint8_t *addr, const char *dev)
{
	if (dev && !dev[0])
		dev = NULL;
	return family == AF_INET6 ? addr_type6(h, addr, dev) : addr_type4(h, addr, dev);
}

bool host_rpf_ok(const struct host *h, uint8_t family, const uint8_t *src, const char *in_dev,
		 unsigned flags)
{
	return host_rpf_check(h, family, src, NULL, in_dev, 0, flags);
}

/* xt_rpfilter's reverse lookup: to the source, from the destination, iif lo. */
bool host_rpf_check(const struct host *h, uint8_t family, const uint8_t *src, const uint8_t *dst,
		    const char *in_dev, uint32_t mark, unsigned flags)
{
	const struct host_if *in = in_dev ? host_if_by_name(h, in_dev) : NULL;
	const struct host_flow fl = { .src = dst, .iif = "lo", .mark = (flags & 2) ? mark : 0 };
	const struct host_route *r;

	if (in && (in->flags & HOST_IF_LOOPBACK))
		return true;
	if (family == AF_INET && v4_lbcast_or_zero(src))
		return false;
	r = host_route_lookup_flow(h, family, src, &fl);
	if (!r)
		return false;
	if (r->type == HOST_RTN_LOCAL)
		return (flags & 4) != 0;
	if (r->type != HOST_RTN_UNICAST)
		return false;
	return (flags & 1) || (in && r->ifindex == in->index);
}
