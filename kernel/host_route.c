/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Routing decisions of the simulated host: input (INPUT or FORWARD), output, addrtype and rpfilter facts. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include "host_priv.h"

static uint32_t v4(const uint8_t *a)
{
	return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

static bool v4_lbcast_or_zero(const uint8_t *a)
{
	uint32_t v = v4(a);

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

/* The route lookup of ip_route_input (no source checks): the route into @rp when there is one. */
static enum host_input route_input(const struct host *h, uint8_t family, const uint8_t *dst,
				   const struct host_flow *fl, char *out, const struct host_route **rp)
{
	const struct host_route *r;

	if (is_multicast(family, dst))
		return mc_joined(h, family, dst) ? HOST_IN_LOCAL : HOST_IN_DROP;
	if (family == AF_INET && v4_lbcast_or_zero(dst))
		return HOST_IN_LOCAL;
	r = host_route_lookup_flow(h, family, dst, fl);
	*rp = r;
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

/* fib4_has_custom_rules(): a rule other than the kernel's local (0), main (32766) and default (32767). */
static bool custom_rules(const struct host *h)
{
	static const uint32_t prio[3] = { 0, 32766, 32767 };
	static const uint32_t table[3] = { HOST_TABLE_LOCAL, HOST_TABLE_MAIN, HOST_TABLE_DEFAULT };
	unsigned i, k;

	for (i = 0; i < h->n_rules; i++) {
		const struct host_rule *r = &h->rules[i];

		if (r->family != AF_INET)
			continue;
		for (k = 0; k < 3 && r->priority != prio[k]; k++)
			;
		if (k == 3 || r->action != HOST_RULE_TABLE || r->target != table[k] || r->src_len ||
		    r->dst_len || r->iif[0] || r->oif[0] || r->has_mark || r->invert || r->never ||
		    r->suppress_plen >= 0)
			return true;
	}
	return false;
}

/* True if device @dev has an IPv4 address (the kernel's in_dev->ifa_list). */
static bool has_v4_addr(const struct host *h, const struct host_if *dev)
{
	unsigned i;

	for (i = 0; dev && i < h->n_addrs; i++)
		if (h->addrs[i].family == AF_INET && h->addrs[i].ifindex == dev->index)
			return true;
	return false;
}

/* What fib_validate_source knows of the packet besides its addresses: the in
 * device (name, model entry), the mark and the device's sysctls. */
struct src_in {
	const char *name;
	const struct host_if *dev;
	uint32_t mark;
	struct host_conf_eff c;
};

/*
 * __fib_validate_source(): the reverse lookup of source @src from @dst (NULL:
 * 0.0.0.0) in from @out (or lo), with the packet's mark under src_valid_mark.
 * A lookup error (no route, blackhole, unreachable, prohibit) passes only with
 * rp_filter 0; a route other than unicast (or local under accept_local) fails;
 * one through the in device passes; else strict (1) fails, and so does any
 * rp_filter when the in device has no IPv4 address; loose (2) passes.
 */
static bool full_check(const struct host *h, const uint8_t *src, const uint8_t *dst,
		       const struct src_in *in, const char *out)
{
	const struct host_flow fl = { .src = dst, .iif = out[0] ? out : "lo",
				      .mark = in->c.src_valid_mark ? in->mark : 0 };
	const struct host_route *r = host_route_lookup_flow(h, AF_INET, src, &fl);
	int rpf = in->c.rp_filter;

	if (!r || r->type == HOST_RTN_BLACKHOLE || r->type == HOST_RTN_UNREACHABLE ||
	    r->type == HOST_RTN_PROHIBIT)
		return !rpf;
	if (r->type != HOST_RTN_UNICAST && (r->type != HOST_RTN_LOCAL || !in->c.accept_local))
		return false;
	if (in->dev && r->ifindex == in->dev->index)
		return true;
	return !rpf || (rpf != 1 && has_v4_addr(h, in->dev));
}

/*
 * fib_validate_source(): true if source @src of a packet to @dst (NULL:
 * 0.0.0.0) in on @in, leaving by @out ("" for local delivery), is valid under
 * the in device's sysctls. With rp_filter 0, unless forwarded back out its in
 * interface with send_redirects on: accept_local passes it, and without
 * custom rules it is valid unless one of the host's addresses; otherwise the
 * full check (full_check()).
 */
static bool source_valid(const struct host *h, const uint8_t *src, const uint8_t *dst,
			 const struct src_in *in, const char *out)
{
	if (!in->c.rp_filter && (strcmp(in->name, out) || !in->c.send_redirects)) {
		if (in->c.accept_local)
			return true;
		if (!custom_rules(h))
			return !host_is_local(h, AF_INET, src);
	}
	return full_check(h, src, dst, in, out);
}

/*
 * The kernel's martians: true if IPv4 routing drops a packet from fl->src to
 * @dst that the lookup sent to @where (route @r, out interface @out), as
 * ip_route_input_slow and, for multicast, ip_route_input_mc do under the in
 * interface's sysctls (bc_forwarding 0). Source: multicast or
 * 255.255.255.255; to a group: loopback (unless route_localnet), 0.0.0.0
 * outside 224.0.0.0/24, invalid (source_valid); to 255.255.255.255 (or
 * 0.0.0.0 from 0.0.0.0): invalid unless 0.0.0.0; then 0.0.0.0 either side,
 * loopback either side unless route_localnet; then forwarded from a device
 * with forwarding 0 (ip_route_input_slow's no_route); then invalid. Packets from lo
 * (the host's own, routed when sent) and flows without a source are never
 * martians.
 */
static bool martian(const struct host *h, const uint8_t *dst, const struct host_flow *fl,
		    enum host_input where, const struct host_route *r, const char *out)
{
	struct src_in in;
	uint32_t s, d = v4(dst);

	if (!fl || !fl->src || !fl->iif || !fl->iif[0] || !strcmp(fl->iif, "lo"))
		return false;
	in.dev = host_if_by_name(h, fl->iif);
	if (in.dev && (in.dev->flags & HOST_IF_LOOPBACK))
		return false;
	s = v4(fl->src);
	if (is_multicast(AF_INET, fl->src) || s == 0xffffffffu)
		return true;
	in.name = fl->iif;
	in.mark = fl->mark;
	in.c = host_conf_of(h, fl->iif);
	if (is_multicast(AF_INET, dst)) {
		if ((s >> 24 == 127 && !in.c.route_localnet) || (!s && d >> 8 != 0xe00000))
			return true;
		return s && !source_valid(h, fl->src, NULL, &in, "");
	}
	if (d == 0xffffffffu || (!s && !d))
		return s && !source_valid(h, fl->src, NULL, &in, "");
	if (!s || !d || ((s >> 24 == 127 || d >> 24 == 127) && !in.c.route_localnet))
		return true;
	if (where == HOST_IN_FORWARD)   /* a device not forwarding: no route (-EHOSTUNREACH) */
		return !in.c.forwarding || !source_valid(h, fl->src, dst, &in, out);
	return !source_valid(h, fl->src, r && r->type == HOST_RTN_BROADCAST ? NULL : dst, &in, "");
}

enum host_input host_route_input_flow(const struct host *h, uint8_t family, const uint8_t *dst,
				      const struct host_flow *fl, char *out)
{
	const struct host_route *r = NULL;
	enum host_input where;

	memset(out, 0, IFNAMSIZ);
	where = route_input(h, family, dst, fl, out, &r);
	if (where != HOST_IN_DROP && family == AF_INET && martian(h, dst, fl, where, r, out))
		return HOST_IN_DROP;
	return where;
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
