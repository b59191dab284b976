// SPDX-License-Identifier: GPL-2.0-or-later
/* The host model: tum-chair's plain `ip addr`/`ip route` files and `ip -j` JSON; routing, addrtype, rpfilter. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "kernel/host.h"
#include "test.h"

#define TUM "tum-chair/"
#define BIT(t) (1u << HOST_RTN_##t)

static const uint8_t *ip(const char *s)
{
	static uint8_t b[4][16];
	static unsigned n;
	uint8_t *p = b[n++ % 4];

	memset(p, 0, 16);
	if (inet_pton(AF_INET, s, p) != 1)
		inet_pton(AF_INET6, s, p);
	return p;
}

static uint8_t fam(const char *s)
{
	return strchr(s, ':') ? AF_INET6 : AF_INET;
}

/* dst -> expected "INPUT", "DROP" or the out interface of a FORWARD. */
static const struct { const char *dst, *want; } input_rows[] = {
	{ "131.159.14.3", "INPUT" },           /* eth1.96 primary */
	{ "131.159.14.126", "INPUT" },         /* eth1.96 secondary */
	{ "131.159.14.127", "INPUT" },         /* eth1.96 broadcast */
	{ "127.0.0.5", "INPUT" },              /* local 127.0.0.0/8 */
	{ "255.255.255.255", "INPUT" },
	{ "224.0.0.1", "INPUT" },              /* all hosts: joined */
	{ "239.1.2.3", "DROP" },               /* a group nobody joined */
	{ "131.159.14.50", "eth1.96" },
	{ "131.159.14.130", "eth1.108" },
	{ "131.159.21.1", "eth1.1011" },       /* host route beats 131.159.21.0/24 */
	{ "131.159.21.2", "eth1.173" },
	{ "192.168.213.77", "eth0" },
	{ "8.8.8.8", "eth1.110" },             /* default: metric 0 beats 512 */
	{ "0.0.0.1", "eth1.110" },             /* 0.0.0.0/8 is unicast (Linux >= 5.x) */
	{ "2001:4ca0:2001:10::1", "INPUT" },
	{ "2001:4ca0:2001:10::99", "eth1.96" },
	{ "2001:4ca0:2001:8000::5", "eth1.171" },
	{ "2001:4ca0:2001:99::1", "DROP" },    /* unreachable 2001:4ca0:2001::/48 */
	{ "fe80::1", "DROP" },                 /* never forwarded */
	{ "ff02::1", "INPUT" },
	{ "ff02::2", "INPUT" },                /* all routers */
	{ "ff02::16", "DROP" },                /* MLDv2 routers: not joined */
	{ "ff05::2", "INPUT" },                /* site-local all routers (forwarding) */
	{ "ff05::1", "DROP" },                 /* no site-local all-nodes group */
	{ "ff12::1", "DROP" },                 /* transient flag: another group */
	{ "ff03::2", "DROP" },
	{ "ff02::1:ff00:1", "INPUT" },         /* solicited-node of 2001:4ca0:2001:10::1 */
	{ "ff02::1:ff12:3456", "DROP" },
	{ "::1", "INPUT" },
};

static void tum(void)
{
	struct host *h = host_new();
	struct ulog_err err;
	const struct host_if *f;
	char out[IFNAMSIZ];
	unsigned i;
	int rc = 0;

	static const char *const files[] = {
		TUM "ip-addr-2016-06-27_16-29-01", TUM "ip6-addr-2016-06-27_16-29-01",
		TUM "ip-route-2016-06-27_16-29-01", TUM "ip6-route-2016-06-27_16-29-01",
	};
	char path[4096];

	ulog_err_clear(&err);
	for (i = 0; i < 4; i++) {
		if (!test_rulesets(files[i], path, sizeof(path))) {
			printf("skip host tum: %s absent\n", path);
			host_free(h);
			return;
		}
		rc |= host_load_file(h, path, i >= 2, &err);
	}
	CHECK(rc == 0, "host tum: the four files load (%s)", err.msg);
	f = host_if_by_name(h, "eth1.96");
	CHECK(f && f->index == 4 && !strcmp(f->link, "eth1") && (f->flags & HOST_IF_UP) && f->mtu == 1500,
	      "host tum: eth1.96@eth1 is interface 4, up, mtu 1500");
	CHECK(host_if_by_name(h, "lo") && (host_if_by_name(h, "lo")->flags & HOST_IF_LOOPBACK),
	      "host tum: lo is the loopback");
	for (i = 0; i < sizeof(input_rows) / sizeof(input_rows[0]); i++) {
		enum host_input in = host_route_input(h, fam(input_rows[i].dst), ip(input_rows[i].dst), out);
		const char *got = in == HOST_IN_LOCAL ? "INPUT" : in == HOST_IN_DROP ? "DROP" : out;

		CHECK(!strcmp(got, input_rows[i].want), "host tum: to %s -> %s (got %s)", input_rows[i].dst,
		      input_rows[i].want, got);
	}
	CHECK(host_route_output(h, AF_INET, ip("131.159.15.70"), out) == 0 && !strcmp(out, "eth1.1016"),
	      "host tum: output to 131.159.15.70 leaves via eth1.1016 (%s)", out);
	CHECK(host_route_output(h, AF_INET, ip("131.159.14.3"), out) == 0 && !strcmp(out, "lo"),
	      "host tum: output to a local address goes via lo");

	CHECK(host_addr_type(h, AF_INET, ip("131.159.14.3"), NULL) == BIT(LOCAL), "addrtype: own address LOCAL");
	CHECK(host_addr_type(h, AF_INET, ip("131.159.14.3"), "eth1.96") == BIT(LOCAL) &&
	      host_addr_type(h, AF_INET, ip("131.159.14.3"), "eth0") == BIT(UNICAST),
	      "addrtype: --limit-iface: LOCAL only on its own interface");
	CHECK(host_addr_type(h, AF_INET, ip("131.159.14.127"), NULL) == BIT(BROADCAST) &&
	      host_addr_type(h, AF_INET, ip("255.255.255.255"), NULL) == BIT(BROADCAST) &&
	      host_addr_type(h, AF_INET, ip("0.0.0.0"), NULL) == BIT(BROADCAST),
	      "addrtype: subnet and limited broadcast, zeronet BROADCAST");
	CHECK(host_addr_type(h, AF_INET, ip("239.1.2.3"), NULL) == BIT(MULTICAST) &&
	      host_addr_type(h, AF_INET, ip("8.8.8.8"), NULL) == BIT(UNICAST),
	      "addrtype: multicast, remote unicast");
	CHECK(host_addr_type(h, AF_INET6, ip("2001:4ca0:2001:10::1"), NULL) == (BIT(UNICAST) | BIT(LOCAL)) &&
	      host_addr_type(h, AF_INET6, ip("2001:4ca0:2001:99::1"), NULL) == (BIT(UNICAST) | BIT(UNREACHABLE)) &&
	      host_addr_type(h, AF_INET6, ip("ff02::1"), NULL) == BIT(MULTICAST) &&
	      host_addr_type(h, AF_INET6, ip("::"), NULL) == BIT(UNSPEC),
	      "addrtype: IPv6 local, unreachable, multicast, unspecified");

	CHECK(host_rpf_ok(h, AF_INET, ip("131.159.14.50"), "eth1.96", 0) &&
	      !host_rpf_ok(h, AF_INET, ip("131.159.14.50"), "eth0", 0) &&
	      host_rpf_ok(h, AF_INET, ip("131.159.14.50"), "eth0", 1),
	      "rpfilter: strict by interface, loose accepts any route");
	CHECK(!host_rpf_ok(h, AF_INET, ip("131.159.14.3"), "eth1.96", 0) &&
	      host_rpf_ok(h, AF_INET, ip("131.159.14.3"), "eth1.96", 4),
	      "rpfilter: a local source needs --accept-local");
	CHECK(host_rpf_ok(h, AF_INET, ip("8.8.8.8"), "eth1.110", 0) &&
	      !host_rpf_ok(h, AF_INET6, ip("2001:4ca0:2001:99::1"), "eth1.96", 1),
	      "rpfilter: default route; unreachable source fails even loose");
	host_free(h);
}

static const char addr_json[] =
	"[{\"ifindex\":1,\"ifname\":\"lo\",\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],\"mtu\":65536,"
	"\"link_type\":\"loopback\",\"address\":\"00:00:00:00:00:00\",\"addr_info\":[{\"family\":\"inet\","
	"\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":\"host\",\"label\":\"lo\"},{\"family\":\"inet6\","
	"\"local\":\"::1\",\"prefixlen\":128,\"scope\":\"host\"}]},"
	"{\"ifindex\":3,\"link\":\"v1\",\"ifname\":\"v0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],"
	"\"mtu\":1500,\"link_type\":\"ether\",\"address\":\"26:54:87:35:a5:cf\",\"addr_info\":[{\"family\":\"inet\","
	"\"local\":\"10.9.0.1\",\"prefixlen\":24,\"broadcast\":\"10.9.0.255\",\"scope\":\"global\",\"label\":\"v0\"},"
	"{\"family\":\"inet6\",\"local\":\"2001:db8:9::1\",\"prefixlen\":64,\"scope\":\"global\"}]}]";
static const char route_json[] =
	"[{\"dst\":\"10.9.0.0/24\",\"dev\":\"v0\",\"protocol\":\"kernel\",\"scope\":\"link\",\"prefsrc\":\"10.9.0.1\",\"flags\":[]},"
	"{\"dst\":\"10.20.0.0/16\",\"gateway\":\"10.9.0.254\",\"dev\":\"v0\",\"flags\":[]},"
	"{\"type\":\"blackhole\",\"dst\":\"10.30.0.0/16\",\"flags\":[]},"
	"{\"dst\":\"default\",\"gateway\":\"10.9.0.1\",\"dev\":\"v0\",\"flags\":[]}]";

static void json(void)
{
	struct host *h = host_new();
	struct ulog_err err;
	const struct host_if *f;
	char out[IFNAMSIZ];
	int rc;

	ulog_err_clear(&err);
	rc = host_load_addr(h, addr_json, sizeof(addr_json) - 1, "addr.json", &err);
	rc |= host_load_route(h, route_json, sizeof(route_json) - 1, "route.json", &err);
	f = host_if_by_name(h, "v0");
	CHECK(rc == 0 && f && f->index == 3 && f->has_mac && f->mac[0] == 0x26 && !strcmp(f->link, "v1"),
	      "host json: ip -j addr read (%s)", err.msg);
	CHECK(host_route_input(h, AF_INET, ip("10.9.0.1"), out) == HOST_IN_LOCAL &&
	      host_route_input(h, AF_INET, ip("10.20.1.1"), out) == HOST_IN_FORWARD && !strcmp(out, "v0") &&
	      host_route_input(h, AF_INET, ip("10.30.1.1"), out) == HOST_IN_DROP &&
	      host_route_input(h, AF_INET, ip("10.99.1.1"), out) == HOST_IN_FORWARD &&
	      host_addr_type(h, AF_INET, ip("10.9.0.255"), NULL) == BIT(BROADCAST),
	      "host json: local, gateway route, blackhole, default, broadcast");
	CHECK(host_load_addr(h, "[{\"ifname\":\"x\",\"addr_info\":[{\"local\":\"bad\",\"prefixlen\":1}]}]", 60,
			     "bad.json", &err) == -EINVAL && strstr(err.msg, "bad.json"),
	      "host json: a bad address is an error naming the file (%s)", err.msg);
	CHECK(host_load_route(h, "{", 1, "x.json", &err) != 0, "host json: malformed JSON is an error");
	host_free(h);
}

static void text_errors(void)
{
	struct host *h = host_new();
	struct ulog_err err;
	static const char bad_addr[] = "1: lo: <LOOPBACK,UP> mtu 65536\n    inet 300.1.1.1/8 scope host lo\n";
	static const char bad_route[] = "10.0.0.0/8 dev eth0\n10.0.0.0/99 dev eth0\n";

	ulog_err_clear(&err);
	CHECK(host_load_addr(h, bad_addr, sizeof(bad_addr) - 1, "a.txt", &err) == -EINVAL && err.line == 2,
	      "host text: bad address names line 2 (%s)", err.msg);
	CHECK(host_load_route(h, bad_route, sizeof(bad_route) - 1, "r.txt", &err) == -EINVAL && err.line == 2,
	      "host text: bad prefix length names line 2 (%s)", err.msg);
	host_free(h);
}

int main(void)
{
	tum();
	json();
	text_errors();
	TEST_EXIT();
}
