/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The simulated host: interfaces, addresses and routes; local-or-forward, out interface, addrtype, rpfilter. */
#ifndef ULOG_KERNEL_HOST_H
#define ULOG_KERNEL_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "../lib/err.h"

/* Route types, the kernel's RTN_* numbering (addrtype bits are 1 << these). */
enum host_rtn {
	HOST_RTN_UNSPEC = 0, HOST_RTN_UNICAST = 1, HOST_RTN_LOCAL = 2, HOST_RTN_BROADCAST = 3,
	HOST_RTN_ANYCAST = 4, HOST_RTN_MULTICAST = 5, HOST_RTN_BLACKHOLE = 6,
	HOST_RTN_UNREACHABLE = 7, HOST_RTN_PROHIBIT = 8, HOST_RTN_THROW = 9,
};

enum host_if_flag {
	HOST_IF_UP = 1u << 0,
	HOST_IF_LOOPBACK = 1u << 1,
	HOST_IF_BROADCAST = 1u << 2,
	HOST_IF_MULTICAST = 1u << 3,
	HOST_IF_POINTOPOINT = 1u << 4,
};

struct host_if {
	int index;
	char name[IFNAMSIZ];
	char link[IFNAMSIZ];     /* "eth1" for "eth1.96@eth1", else "" */
	unsigned flags;          /* enum host_if_flag */
	uint32_t mtu;
	uint8_t mac[6];
	bool has_mac;
};

struct host_addr {
	uint8_t family;          /* AF_INET, AF_INET6 */
	uint8_t addr[16];        /* network order */
	uint8_t plen;
	uint8_t brd[16];
	bool has_brd;
	bool secondary;
	int ifindex;
	char scope[8];           /* "global", "link", "host" */
};

struct host_route {
	uint8_t family;
	uint8_t dst[16];         /* masked prefix, network order */
	uint8_t plen;
	uint8_t gw[16];
	bool has_gw;
	uint8_t src[16];
	bool has_src;
	int ifindex;             /* 0 if none (blackhole, ...) */
	uint8_t type;            /* enum host_rtn */
	bool local_table;        /* table local (derived from addresses) */
	uint32_t metric;
	uint32_t table;          /* 0: main; else the table id (253 default, ...); local: local_table */
};

/* Table ids of the kernel's built-in tables. */
enum { HOST_TABLE_DEFAULT = 253, HOST_TABLE_MAIN = 254, HOST_TABLE_LOCAL = 255 };

/* What a policy routing rule does: look a table up, go to a later rule, or a drop (HOST_RTN_*). */
enum host_rule_action {
	HOST_RULE_TABLE = 1, HOST_RULE_GOTO = 2, HOST_RULE_NOP = 3,
	HOST_RULE_BLACKHOLE = HOST_RTN_BLACKHOLE, HOST_RULE_UNREACHABLE = HOST_RTN_UNREACHABLE,
	HOST_RULE_PROHIBIT = HOST_RTN_PROHIBIT,
};

/* One `ip rule` (fib rule): selectors, then the action. */
struct host_rule {
	uint8_t family;          /* AF_INET, AF_INET6 */
	uint32_t priority;
	uint8_t src[16], src_len;
	uint8_t dst[16], dst_len;
	char iif[IFNAMSIZ];      /* "" any */
	char oif[IFNAMSIZ];
	uint32_t mark, mask;     /* has_mark: (flow mark & mask) == mark */
	bool has_mark;
	bool invert;             /* "not" */
	bool never;              /* a selector the model cannot evaluate (ipproto, ports, uid): skipped */
	int suppress_plen;       /* suppress_prefixlength, -1 none */
	uint8_t action;          /* enum host_rule_action */
	uint32_t target;         /* table id (HOST_TABLE_*), or goto priority */
};

/* What a route lookup knows of the packet besides its destination (the kernel's flowi):
 * @src NULL is the unspecified address, @iif/@oif NULL or "" none. */
struct host_flow {
	const uint8_t *src;
	const char *iif;
	const char *oif;
	uint32_t mark;
};

struct host_cache;
struct host_rule_memo;
struct host_conf_memo;

/* The IPv4 routing sysctls of one net.ipv4.conf entry ("all", "default" or a device), as
 * `sysctl net.ipv4.conf` prints them; -1 where the dump did not say. */
struct host_conf {
	char name[IFNAMSIZ];
	int8_t rp_filter, accept_local, route_localnet, src_valid_mark, send_redirects, forwarding;
};

/* The values input routing uses for a packet in on a device (the kernel's IN_DEV_* macros):
 * rp_filter max(all, dev), forwarding the device's own, the others all || dev. */
struct host_conf_eff {
	int rp_filter;
	bool accept_local, route_localnet, src_valid_mark, send_redirects, forwarding;
};

struct host {
	struct host_if *ifs;
	unsigned n_ifs, cap_ifs;
	struct host_addr *addrs;
	unsigned n_addrs, cap_addrs;
	struct host_route *routes;   /* sorted: local table first, then longest prefix, metric */
	unsigned n_routes, cap_routes;
	struct host_cache *cache;    /* per-address memo of route lookups and locality (host.c) */
	struct host_rule *rules;     /* sorted by priority (stable); none of a family: local, main, default */
	unsigned n_rules, cap_rules;
	struct host_rule_memo *rule_memo; /* per-flow memo of rule lookups (host_rule_memo.c), with rules */
	struct host_conf *confs;     /* net.ipv4.conf sysctls (host_sysctl.c); none: the kernel's defaults */
	unsigned n_confs, cap_confs;
	struct host_conf_memo *conf_memo; /* host_conf_of() per device name, made with the first sysctl */
	bool accept_local;           /* accept_local on some entry (host_accepts_local), kept by host_conf_set */
};

/* Where a packet arriving at the host goes (ip_route_input). */
enum host_input {
	HOST_IN_LOCAL,           /* INPUT: a local or broadcast destination, a joined multicast group */
	HOST_IN_FORWARD,         /* FORWARD, out interface given */
	HOST_IN_DROP,            /* no route, blackhole, unreachable, prohibit, a group not joined */
};

/* An empty host. NULL on ENOMEM. */
struct host *host_new(void);
void host_free(struct host *h);

/*
 * Reads `ip addr` output (plain text as in tum-chair's ip-addr-* and
 * ip6-addr-* files, or `ip -j addr` JSON, told apart by the first
 * character) into @h: interfaces are added or merged by name, addresses
 * appended, the local table and connected routes derived. @file names the
 * source in errors. Returns 0 or -EINVAL with @err naming file:line. A
 * sysctl dump (host_is_sysctl_listing) given to host_load_addr() or
 * host_load_route() is read by host_load_sysctl() instead (--host files).
 */
int host_load_addr(struct host *h, const char *text, size_t len, const char *file,
		   struct ulog_err *err);
/* Reads `ip route` / `ip -6 route` output (text or `ip -j route` JSON):
 * main-table routes. Interfaces named by dev must exist (load addresses
 * first); unknown ones are added. Returns 0 or -EINVAL with @err. */
int host_load_route(struct host *h, const char *text, size_t len, const char *file,
		    struct ulog_err *err);
/* Reads `ip rule` / `ip -6 rule` output (`ip -j rule` JSON or text): the
 * family's rules replace the built-in local, main, default order. Routes
 * of other tables come from `ip -j route show table all`. 0 or -EINVAL. */
int host_load_rule(struct host *h, const char *text, size_t len, const char *file,
		   struct ulog_err *err);
/* True if @text (NUL-terminated) is an `ip rule` listing ("0:\tfrom all ..."
 * or JSON objects starting with "priority"). */
bool host_is_rule_listing(const char *text);
/* Reads a sysctl dump (`sysctl net.ipv4.conf` or `sysctl -a`: "net.ipv4.conf.IF.KEY = V",
 * IF's dots printed as '/'; or "/proc/sys/net/ipv4/conf/IF/KEY = V" or ":V"): rp_filter,
 * accept_local, route_localnet, src_valid_mark, send_redirects and forwarding of all,
 * default and each device; other lines are skipped. 0, -EINVAL (a value not a number)
 * or -ENOMEM with @err. */
int host_load_sysctl(struct host *h, const char *text, size_t len, const char *file,
		     struct ulog_err *err);
/* True if @text (NUL-terminated) is a sysctl dump: its first line is "a.b... = v" or a /proc/sys path. */
bool host_is_sysctl_listing(const char *text);
/* Sets sysctl @key ("rp_filter", ...) of @name ("all", "default", a device) to @value.
 * 0, 1 for a key the model does not use, or -ENOMEM. */
int host_conf_set(struct host *h, const char *name, const char *key, int value);
/* The values input routing applies to packets in on @dev (NULL: default's). Without a
 * dump the kernel's defaults (send_redirects 1, the others 0) and forwarding 1 (a
 * router). A device the dump does not name takes default's values, as the kernel gives
 * a new device. Memoised per device name until a sysctl is set; nothing is allocated. */
struct host_conf_eff host_conf_of(const struct host *h, const char *dev);
/* True if accept_local is 1 on all, default or a device: only then does the kernel forward
 * (or take in) a packet whose IPv4 source is one of the host's addresses. */
bool host_accepts_local(const struct host *h);
/* Reads a file with host_load_addr() or host_load_route() (by @is_route), or, when it is a
 * sysctl dump (host_is_sysctl_listing), host_load_sysctl(). */
int host_load_file(struct host *h, const char *path, bool is_route, struct ulog_err *err);

/* Adds or merges interface @name (index 0: next free). Returns it, or NULL on ENOMEM. */
struct host_if *host_if_add(struct host *h, const char *name, int index);
/* Interface by name / index, or NULL. */
const struct host_if *host_if_by_name(const struct host *h, const char *name);
const struct host_if *host_if_by_index(const struct host *h, int index);
/* Adds an address and derives its local-table and connected routes. 0 or -ENOMEM. */
int host_addr_add(struct host *h, const struct host_addr *a);
/* Adds a route (kept sorted). 0 or -ENOMEM. */
int host_route_add(struct host *h, const struct host_route *r);
/* Adds a rule (kept in priority order, after rules of equal priority). 0 or -ENOMEM. */
int host_rule_add(struct host *h, const struct host_rule *r);

/* The route the kernel would pick for @dst (local table, then the longest
 * prefix of main), or NULL. */
const struct host_route *host_route_lookup(const struct host *h, uint8_t family, const uint8_t *dst);
/* The route the kernel's fib rules pick for @dst and flow @fl (NULL: no
 * source, interfaces or mark), or NULL (no route). Without rules of
 * @family: host_route_lookup(). A rule's blackhole, unreachable or
 * prohibit gives a static route of that type. Answers are memoised per
 * flow (the fields the rules select on) until rules, routes or addresses
 * change; nothing is allocated. */
const struct host_route *host_route_lookup_flow(const struct host *h, uint8_t family,
						const uint8_t *dst, const struct host_flow *fl);
/* A hint: @addr's routing and locality will be asked for soon (its memo is fetched into cache). */
void host_prefetch(const struct host *h, uint8_t family, const uint8_t *addr);
/* True if @addr is one of the host's addresses (any interface). */
bool host_is_local(const struct host *h, uint8_t family, const uint8_t *addr);
/* Input routing of a packet to @dst: INPUT, FORWARD (out interface name
 * into @out, IFNAMSIZ) or DROP. */
enum host_input host_route_input(const struct host *h, uint8_t family, const uint8_t *dst,
				 char *out);
/* host_route_input() with the packet's source, in interface and mark (@fl->iif). */
enum host_input host_route_input_flow(const struct host *h, uint8_t family, const uint8_t *dst,
				      const struct host_flow *fl, char *out);
/* host_route_output() for a packet from @src (NULL: unspecified) with @mark (iif lo). */
int host_route_output_flow(const struct host *h, uint8_t family, const uint8_t *dst,
			   const uint8_t *src, uint32_t mark, char *out);
/* Output routing of a locally sent packet to @dst: 0 and the out interface
 * into @out (IFNAMSIZ; "lo" for local destinations), or -ENETUNREACH. */
int host_route_output(const struct host *h, uint8_t family, const uint8_t *dst, char *out);

/* The addrtype facts of @addr: a set of 1 << HOST_RTN_* bits, as the
 * kernel's addrtype match sees them (IPv4: one type from the local table,
 * limited to @dev when not NULL; IPv6: UNICAST/MULTICAST/UNSPEC by address
 * plus LOCAL/ANYCAST/UNREACHABLE from the route). */
uint32_t host_addr_type(const struct host *h, uint8_t family, const uint8_t *addr, const char *dev);

/* Reverse-path check of source @src arriving on @in_dev (rpfilter; flags
 * as XT_RPFILTER_LOOSE 1, _VALID_MARK 2, _ACCEPT_LOCAL 4). */
bool host_rpf_ok(const struct host *h, uint8_t family, const uint8_t *src, const char *in_dev,
		 unsigned flags);
/* host_rpf_ok() whose reverse lookup also sees the packet's destination @dst
 * (NULL: unspecified) as its source and, with _VALID_MARK, @mark (fib rules). */
bool host_rpf_check(const struct host *h, uint8_t family, const uint8_t *src, const uint8_t *dst,
		    const char *in_dev, uint32_t mark, unsigned flags);

#endif
