// SPDX-License-Identifier: GPL-2.0-or-later
/* IPv6 packets the kernel refuses before PREROUTING (ip6_rcv_core, RFC 4291 2.7): no hook sees them. */
#include <stdio.h>
#include <string.h>

#include "kernel/hooks.h"
#include "test.h"
#include "ct_build.h"

static enum filter_verdict rcv(struct hooks *h, const char *src, const char *dst, const char *dev)
{
	static struct tpkt p;
	struct pktbuf b;

	mk_udp(&p, IPPROTO_UDP, src, 4000, dst, 5000, 4);
	pktbuf_init(&b, p.b, p.len, 0, 1000000000ull, dev, NULL);
	return hooks_receive(h, &b);
}

int main(void)
{
	struct hooks h;

	memset(&h, 0, sizeof(h));
	CHECK(rcv(&h, "2001:db8::2", "ff00::1", "eth0") == FILTER_DROP && h.st.route_drop == 1 &&
	      h.st.pkts[FILTER_PRE_ROUTING] == 0, "v6rcv: a multicast destination of scope 0 never reaches PREROUTING");
	CHECK(rcv(&h, "2001:db8::2", "ff01::1", "eth0") == FILTER_DROP && h.st.pkts[FILTER_PRE_ROUTING] == 0,
	      "v6rcv: interface-local multicast from another node is refused");
	CHECK(rcv(&h, "ff02::1", "2001:db8::1", "eth0") == FILTER_DROP && h.st.pkts[FILTER_PRE_ROUTING] == 0,
	      "v6rcv: a multicast source is refused");
	CHECK(rcv(&h, "::1", "ff01::1", "lo") == FILTER_ACCEPT && h.st.pkts[FILTER_PRE_ROUTING] == 1,
	      "v6rcv: interface-local multicast over lo is received");
	CHECK(rcv(&h, "2001:db8::2", "ff02::1", "eth0") == FILTER_ACCEPT && h.st.pkts[FILTER_PRE_ROUTING] == 2 &&
	      h.st.route_drop == 3, "v6rcv: link-local all-nodes traverses the hooks");
	TEST_EXIT();
}
