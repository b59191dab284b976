// SPDX-License-Identifier: GPL-2.0-or-later
/* The host model's martians: the sources and destinations IPv4 input routing drops (ip_route_input_slow/_mc). */
#include <arpa/inet.h>
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

static void run(const struct host *h, const char *tag, const struct row *rows, unsigned n)
{
	char out[IFNAMSIZ];
	unsigned i;

	for (i = 0; i < n; i++) {
		uint8_t src[16] = { 0 }, dst[16] = { 0 };
		const struct host_flow fl = { .src = src, .iif = rows[i].in };
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
	TEST_EXIT();
}
