// SPDX-License-Identifier: GPL-2.0-or-later
/* The host model's martians: the sources and destinations IPv4 input routing drops (ip_route_input_slow/_mc). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel/host.h"
#include "test.h"

/* A router: r0 10.9.1.1/24 brd 10.9.1.255 (clients), r1 10.9.2.1/24 (servers; no brd given,
 * the kernel makes 10.9.2.255 a broadcast route all the same), lo. */
static const char addr_json[] =
	"[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\"],\"mtu\":65536,\"addr_info\":["
	"{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":\"host\"}]},"
	"{\"ifindex\":2,\"ifname\":\"r0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\"],\"mtu\":1500,\"addr_info\":["
	"{\"family\":\"inet\",\"local\":\"10.9.1.1\",\"prefixlen\":24,\"broadcast\":\"10.9.1.255\",\"scope\":\"global\"}]},"
	"{\"ifindex\":3,\"ifname\":\"r1\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\"],\"mtu\":1500,\"addr_info\":["
	"{\"family\":\"inet\",\"local\":\"10.9.2.1\",\"prefixlen\":24,\"scope\":\"global\"}]}]";

/* source, destination, in interface -> "INPUT", "DROP" or the out interface. */
struct row { const char *src, *dst, *in, *want; };

/* No custom rules: fib_validate_source's fast path (a source is invalid only if it is a local address). */
static const struct row plain[] = {
	{ "10.9.1.2", "10.9.2.2", "r0", "r1" },            /* controls */
	{ "10.9.1.2", "10.9.1.1", "r0", "INPUT" },
	{ "10.9.1.2", "10.9.2.1", "r0", "INPUT" },
	{ "0.0.0.0", "255.255.255.255", "r0", "INPUT" },   /* DHCP discover */
	{ "10.9.1.2", "255.255.255.255", "r0", "INPUT" },
	{ "10.9.1.2", "10.9.1.255", "r0", "INPUT" },       /* subnet broadcast */
	{ "10.9.1.2", "10.9.2.255", "r0", "INPUT" },       /* r1's, derived without brd */
	{ "0.0.0.0", "0.0.0.0", "r0", "INPUT" },           /* brd_input */
	{ "0.0.0.0", "224.0.0.1", "r0", "INPUT" },         /* zeronet to a local group */
	{ "10.9.1.2", "224.0.0.1", "r0", "INPUT" },
	{ "0.1.2.3", "10.9.2.2", "r0", "r1" },             /* 0/8 is unicast (only 0.0.0.0 is zeronet) */
	{ "240.1.2.3", "10.9.2.2", "r0", "r1" },           /* class E is unicast */
	{ "10.9.2.255", "10.9.1.1", "r0", "INPUT" },       /* a broadcast source passes the fast path */
	{ "10.9.1.2", "10.9.1.5", "r0", "r0" },            /* back out r0: send_redirects, full check */
	{ "10.9.1.255", "10.9.1.5", "r0", "DROP" },
	{ "127.0.0.2", "255.255.255.255", "r0", "INPUT" }, /* brd_input before the loopback check */
	{ "224.1.2.3", "10.9.2.2", "r0", "DROP" },         /* martian sources */
	{ "224.1.2.3", "224.0.0.1", "r0", "DROP" },
	{ "255.255.255.255", "10.9.1.1", "r0", "DROP" },
	{ "127.0.0.1", "10.9.1.1", "r0", "DROP" },
	{ "127.0.0.1", "10.9.2.2", "r0", "DROP" },
	{ "127.0.0.1", "255.255.255.255", "r0", "DROP" },  /* 127.0.0.1 is a local address */
	{ "127.0.0.1", "224.0.0.1", "r0", "DROP" },
	{ "0.0.0.0", "10.9.1.1", "r0", "DROP" },
	{ "0.0.0.0", "10.9.2.2", "r0", "DROP" },
	{ "0.0.0.0", "239.1.1.1", "r0", "DROP" },          /* not joined either */
	{ "10.9.2.1", "10.9.1.1", "r0", "DROP" },          /* a local source */
	{ "10.9.1.1", "10.9.2.2", "r0", "DROP" },
	{ "10.9.2.1", "255.255.255.255", "r0", "DROP" },
	{ "10.9.2.1", "224.0.0.1", "r0", "DROP" },
	{ "10.9.1.2", "0.0.0.0", "r0", "DROP" },           /* martian destinations */
	{ "10.9.1.2", "127.0.0.1", "r0", "DROP" },
	{ "127.0.0.1", "127.0.0.1", "lo", "INPUT" },       /* the host's own packets: never martians */
	{ "10.9.1.1", "10.9.1.1", "lo", "INPUT" },
};

/* With a custom rule: the full check (a reverse lookup), so a broadcast source is refused too. */
static const struct row ruled[] = {
	{ "10.9.1.2", "10.9.2.2", "r0", "r1" },
	{ "10.9.1.2", "10.9.1.1", "r0", "INPUT" },
	{ "10.9.2.255", "10.9.1.1", "r0", "DROP" },
	{ "10.9.1.255", "10.9.2.2", "r0", "DROP" },
	{ "10.9.2.1", "10.9.1.1", "r0", "DROP" },
	{ "8.8.8.8", "10.9.1.1", "r0", "INPUT" },          /* no route back: a lookup error passes */
	{ "127.0.0.2", "255.255.255.255", "r0", "DROP" },  /* 127/8 is local in the full check */
	{ "0.1.2.3", "10.9.2.2", "r0", "r1" },
};

/*
 * The sysctls (net.ipv4.conf, fib_validate_source): each case a dump and the fates it decides on
 * the router with 10.9.50.0/24 routed via r1, 10.9.60.0/24 a blackhole and r2 without addresses.
 */
struct sysctl_case {
	const char *tag, *dump;
	uint32_t mark;           /* the packets' mark; with a mark, the host has "fwmark 1 lookup 100" */
	struct row rows[8];
};

static const struct sysctl_case sysctl_cases[] = {
	{ "strict all", "net.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.r0.rp_filter = 0\n", 0, {
		{ "10.9.1.2", "10.9.2.2", "r0", "r1" },
		{ "10.9.50.2", "10.9.2.2", "r0", "DROP" },   /* routed back out r1 */
		{ "10.9.50.2", "10.9.1.1", "r0", "DROP" },   /* local delivery too */
		{ "8.8.8.8", "10.9.1.1", "r0", "DROP" },     /* no route */
		{ "10.9.50.2", "224.0.0.1", "r0", "DROP" },
		{ "0.0.0.0", "255.255.255.255", "r0", "INPUT" },
		{ "10.9.1.2", "10.9.1.5", "r0", "r0" },
		{ "10.9.50.2", "10.9.1.2", "r1", "r0" } } },
	{ "loose r0", "net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.r0.rp_filter = 2\n", 0, {
		{ "10.9.50.2", "10.9.2.2", "r0", "r1" },
		{ "8.8.8.8", "10.9.1.1", "r0", "DROP" },
		{ "8.8.8.8", "10.9.2.2", "r0", "DROP" },
		{ "10.9.60.1", "10.9.2.2", "r0", "DROP" },   /* a blackhole is a lookup error */
		{ "10.9.2.1", "10.9.1.1", "r0", "DROP" },    /* local without accept_local */
		{ "10.9.2.255", "10.9.1.1", "r0", "DROP" },  /* broadcast */
		{ "8.8.8.8", "10.9.1.2", "r1", "r0" },       /* r1 is 0 */
		{ "10.9.50.2", "10.9.2.2", "r2", "r1" } } }, /* r2 takes default's 0 */
	{ "max", "/proc/sys/net/ipv4/conf/all/rp_filter = 2\n/proc/sys/net/ipv4/conf/r0/rp_filter:1\n"
		 "/proc/sys/net/ipv4/conf/default/rp_filter = 2\n", 0, {
		{ "10.9.50.2", "10.9.2.2", "r0", "r1" },     /* max(2, 1) is 2: loose */
		{ "10.9.50.2", "10.9.2.2", "r2", "DROP" },   /* no address on r2: any rp_filter fails */
		{ "10.9.1.2", "10.9.2.2", "r2", "DROP" },
		{ "10.9.2.2", "10.9.1.2", "r2", "DROP" },
		{ "8.8.8.8", "10.9.2.2", "r0", "DROP" } } },
	{ "accept_local", "net.ipv4.conf.r0.accept_local = 1\n", 0, {
		{ "10.9.2.1", "10.9.1.1", "r0", "INPUT" },
		{ "10.9.1.1", "10.9.2.2", "r0", "r1" },
		{ "127.0.0.1", "10.9.1.1", "r0", "DROP" },   /* loopback without route_localnet */
		{ "10.9.2.1", "10.9.1.1", "r1", "DROP" } } },
	{ "accept_local strict", "net.ipv4.conf.all.accept_local = 1\nnet.ipv4.conf.all.rp_filter = 1\n", 0, {
		{ "10.9.1.1", "10.9.2.2", "r0", "r1" },      /* local route through r0 */
		{ "10.9.2.1", "10.9.1.1", "r0", "DROP" },    /* through r1 */
		{ "10.9.2.255", "10.9.1.1", "r0", "DROP" } } },
	{ "accept_local loose", "net.ipv4.conf.all.accept_local = 1\nnet.ipv4.conf.all.rp_filter = 2\n", 0, {
		{ "10.9.2.1", "10.9.1.1", "r0", "INPUT" } } },
	{ "route_localnet", "net.ipv4.conf.all.route_localnet = 1\n", 0, {
		{ "10.9.1.2", "127.0.0.1", "r0", "INPUT" },
		{ "127.0.0.2", "10.9.2.2", "r0", "r1" },
		{ "127.0.0.1", "10.9.1.1", "r0", "DROP" },   /* one of the host's addresses */
		{ "127.0.0.2", "224.0.0.1", "r0", "INPUT" },
		{ "0.0.0.0", "127.0.0.1", "r0", "DROP" } } },
	{ "route_localnet strict", "net.ipv4.conf.r0.route_localnet = 1\nnet.ipv4.conf.r0.rp_filter = 1\n", 0, {
		{ "127.0.0.2", "10.9.1.1", "r0", "DROP" },   /* a local route in the full check */
		{ "10.9.1.2", "127.0.0.1", "r0", "INPUT" },
		{ "127.0.0.2", "10.9.2.2", "r1", "DROP" } } }, /* r1: no route_localnet */
	{ "send_redirects", "net.ipv4.conf.all.send_redirects = 0\nnet.ipv4.conf.r0.send_redirects = 0\n", 0, {
		{ "10.9.1.255", "10.9.1.5", "r0", "r0" } } },  /* hairpin without redirects: fast path */
	{ "forwarding", "net.ipv4.conf.r0.forwarding = 0\nnet.ipv4.conf.all.forwarding = 0\n"
		"net.ipv4.conf.r1.forwarding = 1\n", 0, {
		{ "10.9.1.2", "10.9.2.2", "r0", "DROP" },    /* r0 does not forward */
		{ "10.9.1.2", "10.9.1.1", "r0", "INPUT" },
		{ "10.9.1.2", "255.255.255.255", "r0", "INPUT" },
		{ "10.9.2.2", "10.9.1.2", "r1", "r0" } } },  /* the device's own value, not all's */
	{ "src_valid_mark", "net.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.r0.src_valid_mark = 1\n", 1, {
		{ "10.9.50.2", "10.9.2.2", "r0", "r1" },     /* table 100 routes it back via r0 */
		{ "10.9.50.2", "10.9.2.2", "r1", "r1" } } }, /* r1 without it: the mark unused */
	{ "src_valid_mark r1", "net.ipv4.conf.all.rp_filter = 1\nnet.ipv4.conf.r0.src_valid_mark = 1\n", 2, {
		{ "10.9.50.2", "10.9.2.2", "r0", "DROP" } } }, /* mark 2: main routes it via r1 */
	{ "no src_valid_mark", "net.ipv4.conf.all.rp_filter = 1\n", 1, {
		{ "10.9.50.2", "10.9.2.2", "r0", "DROP" },   /* the reverse lookup without the mark */
		{ "10.9.50.2", "10.9.2.2", "r1", "r1" } } },
};

static void run_marked(const struct host *h, const char *tag, const struct row *rows, unsigned n,
		       uint32_t mark)
{
	char out[IFNAMSIZ];
	unsigned i;

	for (i = 0; i < n; i++) {
		uint8_t src[16] = { 0 }, dst[16] = { 0 };
		const struct host_flow fl = { .src = src, .iif = rows[i].in, .mark = mark };
		enum host_input w;
		const char *got;

		inet_pton(AF_INET, rows[i].src, src);
		inet_pton(AF_INET, rows[i].dst, dst);
		w = host_route_input_flow(h, AF_INET, dst, &fl, out);
		got = w == HOST_IN_LOCAL ? "INPUT" : w == HOST_IN_DROP ? "DROP" : out;

		CHECK(!strcmp(got, rows[i].want), "martian %s: %s -> %s in %s: %s (got %s)", tag, rows[i].src,
		      rows[i].dst, rows[i].in, rows[i].want, got);
	}
}

static void run(const struct host *h, const char *tag, const struct row *rows, unsigned n)
{
	run_marked(h, tag, rows, n, 0);
}

/* The router of sysctl_cases: addresses, routes, r2 and, for src_valid_mark, "fwmark 1 lookup 100". */
static struct host *sysctl_host(const char *dump, bool marks)
{
	struct host *h = host_new();
	struct ulog_err err;
	struct host_route r = { .family = AF_INET, .dst = { 10, 9, 50, 0 }, .plen = 24,
				.gw = { 10, 9, 2, 2 }, .has_gw = true, .ifindex = 3,
				.type = HOST_RTN_UNICAST };
	int rc;

	ulog_err_clear(&err);
	if (!h || host_load_addr(h, addr_json, sizeof(addr_json) - 1, "addr.json", &err) ||
	    host_route_add(h, &r) || !host_if_add(h, "r2", 0))
		return h;
	r.dst[2] = 60, r.type = HOST_RTN_BLACKHOLE, r.ifindex = 0, r.has_gw = false;
	rc = host_route_add(h, &r);
	if (marks) {
		const struct host_rule m = { .family = AF_INET, .priority = 10, .mark = 1, .mask = ~0u,
					     .has_mark = true, .suppress_plen = -1,
					     .action = HOST_RULE_TABLE, .target = 100 };

		r.dst[2] = 50, r.type = HOST_RTN_UNICAST, r.ifindex = 2, r.table = 100;
		memcpy(r.gw, (uint8_t[]){ 10, 9, 1, 2 }, 4), r.has_gw = true;
		rc |= host_route_add(h, &r);
		rc |= host_rule_add(h, &(struct host_rule){ .family = AF_INET, .priority = 0,
			.suppress_plen = -1, .action = HOST_RULE_TABLE, .target = HOST_TABLE_LOCAL });
		rc |= host_rule_add(h, &m);
		rc |= host_rule_add(h, &(struct host_rule){ .family = AF_INET, .priority = 32766,
			.suppress_plen = -1, .action = HOST_RULE_TABLE, .target = HOST_TABLE_MAIN });
	}
	CHECK(rc == 0 && host_load_route(h, dump, strlen(dump), "sysctl.txt", &err) == 0,
	      "martian sysctl: the dump loads (%s)", err.msg);
	return h;
}

/* The dump's recognition and parsing: names with '/', the /proc form, errors. */
static void sysctl_parse(void)
{
	static const char vlan[] = "abi.vsyscall32 = 1\nnet.ipv4.conf.eth1/96.rp_filter = 2\n"
				   "net.ipv4.conf.eth1/96.arp_filter = x\nnet.ipv4.ip_forward = 1\n";
	struct host *h = host_new();
	struct ulog_err err;
	struct host_conf_eff c;

	ulog_err_clear(&err);
	CHECK(host_is_sysctl_listing(vlan) && host_is_sysctl_listing("/proc/sys/net/ipv4/conf/all/rp_filter:1") &&
	      !host_is_sysctl_listing("default via 10.0.0.1 dev eth0\n") &&
	      !host_is_sysctl_listing("1: lo: <LOOPBACK,UP>") && !host_is_sysctl_listing("[{\"dst\":\"default\"}]") &&
	      !host_is_sysctl_listing("0:\tfrom all lookup local"),
	      "martian sysctl: dumps told from ip listings");
	CHECK(h && host_load_addr(h, vlan, sizeof(vlan) - 1, "vlan.txt", &err) == 0,
	      "martian sysctl: sysctl -a lines other than the model's keys are skipped (%s)", err.msg);
	c = host_conf_of(h, "eth1.96");
	CHECK(c.rp_filter == 2 && c.send_redirects && !c.accept_local,
	      "martian sysctl: eth1/96 is eth1.96 (rp_filter %d)", c.rp_filter);
	c = host_conf_of(h, "eth0");
	CHECK(c.rp_filter == 0 && c.send_redirects, "martian sysctl: unnamed entries keep the kernel's defaults");
	CHECK(host_conf_set(h, "eth1.96", "rp_filter", 1) == 0 && host_conf_of(h, "eth1.96").rp_filter == 1 &&
	      host_conf_set(h, "eth1.96", "arp_filter", 1) == 1,
	      "martian sysctl: a sysctl set after a lookup is seen (the memo is reset)");
	CHECK(host_load_sysctl(h, "net.ipv4.conf.all.rp_filter = x\n", 32, "bad.txt", &err) == -EINVAL &&
	      strstr(err.msg, "bad.txt:1"), "martian sysctl: a value not a number is an error (%s)", err.msg);
	host_free(h);
}

int main(void)
{
	struct host *h = host_new();
	struct ulog_err err;
	char out[IFNAMSIZ];
	static const uint8_t zero[16];
	static const uint32_t prio[4] = { 0, 100, 32766, 32767 };
	static const uint32_t table[4] = { HOST_TABLE_LOCAL, HOST_TABLE_MAIN, HOST_TABLE_MAIN,
					   HOST_TABLE_DEFAULT };
	unsigned i;
	int rc = 0;

	ulog_err_clear(&err);
	CHECK(h && host_load_addr(h, addr_json, sizeof(addr_json) - 1, "addr.json", &err) == 0,
	      "martian: the router's addresses load (%s)", err.msg);
	run(h, "plain", plain, sizeof(plain) / sizeof(plain[0]));
	CHECK(host_route_input(h, AF_INET, zero, out) == HOST_IN_LOCAL,
	      "martian: without a source (a looped-back copy) nothing is checked");
	for (i = 0; i < 4; i++) {
		/* the kernel's three rules and "from 10.9.7.0/24 lookup main" at 100 */
		const struct host_rule r = {
			.family = AF_INET, .priority = prio[i], .src = { 10, 9, 7, 0 },
			.src_len = i == 1 ? 24 : 0, .suppress_plen = -1, .action = HOST_RULE_TABLE,
			.target = table[i],
		};

		rc |= host_rule_add(h, &r);
	}
	CHECK(rc == 0, "martian: the default rules and a custom one are added");
	run(h, "defaults", plain, 3);
	run(h, "rules", ruled, sizeof(ruled) / sizeof(ruled[0]));
	host_free(h);
	for (i = 0; i < sizeof(sysctl_cases) / sizeof(sysctl_cases[0]); i++) {
		const struct sysctl_case *sc = &sysctl_cases[i];
		unsigned n;

		h = sysctl_host(sc->dump, sc->mark != 0);
		for (n = 0; n < 8 && sc->rows[n].src; n++)
			;
		run_marked(h, sc->tag, sc->rows, n, sc->mark);
		host_free(h);
	}
	sysctl_parse();
	TEST_EXIT();
}
