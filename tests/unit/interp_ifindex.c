/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IFINDEX and its link table, in a private network namespace: names follow veths created, renamed, deleted. */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "interp_helpers.h"
#include "lib/ifwatch.h"
#include "test.h"
#include "ulogd/loop.h"

extern const struct ulog_plugin ulog_plugin_IFINDEX;

static void test_table(void)
{
	struct iftable t;
	char buf[256];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	bool ok;

	iftable_init(&t);
	ok = !iftable_set(&t, 7, "eth7") && !iftable_set(&t, 2, "eth2") && !iftable_set(&t, 40, "x");
	ok = ok && !strcmp(iftable_name(&t, 2), "eth2") && !strcmp(iftable_name(&t, 7), "eth7") &&
	     !strcmp(iftable_name(&t, 40), "x") && !iftable_name(&t, 3) && !iftable_name(&t, 0);
	CHECK(ok, "iftable: set and look up out of order");
	iftable_set(&t, 7, "renamed");
	iftable_del(&t, 2);
	iftable_del(&t, 99);
	CHECK(!strcmp(iftable_name(&t, 7), "renamed") && !iftable_name(&t, 2) && t.n == 2,
	      "iftable: rename and delete");

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = 12;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth12");
	CHECK(!iftable_apply(&t, nlh) && !strcmp(iftable_name(&t, 12), "veth12"),
	      "iftable: RTM_NEWLINK message adds");
	nlh->nlmsg_type = RTM_DELLINK;
	CHECK(!iftable_apply(&t, nlh) && !iftable_name(&t, 12), "iftable: RTM_DELLINK message removes");
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_len = mnl_nlmsg_size(sizeof(*ifi));   /* no IFLA_IFNAME */
	CHECK(iftable_apply(&t, nlh) == -EINVAL && !iftable_name(&t, 12),
	      "iftable: a link message without a name is refused");
	iftable_free(&t);
}

static void stop_cb(void *arg)
{
	ulog_loop_stop(arg);
}

static void tick_cb(void *arg)
{
}

/* Runs @l until oob.in of ifindex @idx reads @want ("" for none), at most ~3 s. */
static bool pump_until(struct ulog_loop *l, struct harness *h, uint32_t idx, const char *want)
{
	char buf[64];
	int i;

	for (i = 0; i < 60; i++) {
		const char *got;

		ih_clear(h);
		ih_set_u64(h, "oob.ifindex_in", idx);
		ih_set_u64(h, "oob.ifindex_out", 0);
		h->inst.plugin->interp(&h->inst, &h->rec);
		got = ih_out_text(h, (unsigned)ih_out_index(h, "oob.in"), buf, sizeof(buf));
		if (got && !strcmp(got, want))
			return true;
		ulog_loop_run(l);
	}
	printf("# ifindex %u: oob.in never became '%s'\n", idx, want);
	return false;
}

static int sh(const char *cmd)
{
	int rc = system(cmd);

	return rc == 0 ? 0 : -1;
}

static void test_plugin(void)
{
	struct harness *h = harness_new(&ulog_plugin_IFINDEX);
	struct ulog_loop *l = ulog_loop_new();
	struct ulog_err err;
	char buf[64];
	uint32_t pre, a;

	ulog_err_clear(&err);
	CHECK(sh("ip link add ut_pre type veth peer name ut_pre2") == 0, "ifindex: veth before start");
	pre = if_nametoindex("ut_pre");
	h->inst.loop = l;
	ulog_loop_set_before_sleep(l, stop_cb, l);
	ulog_loop_add_timer(l, 50, tick_cb, NULL);
	CHECK(h->inst.plugin->start(&h->inst, &err) == 0, "ifindex: start (%s)", err.msg);
	CHECK(pump_until(l, h, 1, "lo") && pump_until(l, h, pre, "ut_pre"),
	      "ifindex: interfaces present at start are named");
	CHECK(pump_until(l, h, 0, ""), "ifindex: index 0 gives an empty name");
	ih_clear(h);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(!strcmp(ih_out_text(h, 0, buf, sizeof(buf)), "") &&
	      !strcmp(ih_out_text(h, 1, buf, sizeof(buf)), ""),
	      "ifindex: absent inputs give empty names");

	CHECK(sh("ip link add ut_a type veth peer name ut_b") == 0, "ifindex: veth created");
	a = if_nametoindex("ut_a");
	CHECK(a && pump_until(l, h, a, "ut_a"), "ifindex: a new interface is named");
	CHECK(sh("ip link set ut_a name ut_c") == 0 && pump_until(l, h, a, "ut_c"),
	      "ifindex: a renamed interface gets its new name");
	CHECK(sh("ip link del ut_c") == 0 && pump_until(l, h, a, ""),
	      "ifindex: a deleted interface has no name");
	ih_clear(h);
	ih_set_u64(h, "oob.ifindex_in", 1);
	ih_set_u64(h, "oob.ifindex_out", pre);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(!strcmp(ih_out_text(h, 0, buf, sizeof(buf)), "lo") &&
	      !strcmp(ih_out_text(h, 1, buf, sizeof(buf)), "ut_pre"), "ifindex: oob.out named too");
	h->inst.plugin->stop(&h->inst);
	ulog_loop_free(l);
	harness_free(h);
	sh("ip link del ut_pre");
}

/* Lost events (a tiny receive buffer overflowed) are recovered by a re-dump. */
static void test_resync(void)
{
	struct ifwatch w;
	struct ulog_err err;
	int rcvbuf = 1, i, n = 0;
	char cmd[128];

	if (ifwatch_open(&w, &err) < 0) {
		CHECK(0, "ifwatch: open (%s)", err.msg);
		return;
	}
	setsockopt(ifwatch_fd(&w), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	for (i = 0; i < 12; i++) {
		snprintf(cmd, sizeof(cmd), "ip link add ut_r%d type veth peer name ut_s%d", i, i);
		sh(cmd);
	}
	rcvbuf = 1 << 20;
	CHECK(ifwatch_read(&w) == 0, "ifwatch: read after overflow");
	setsockopt(ifwatch_fd(&w), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	for (i = 0; i < 12; i++) {
		snprintf(cmd, sizeof(cmd), "ut_r%d", i);
		if (ifwatch_name(&w, if_nametoindex(cmd)) &&
		    !strcmp(ifwatch_name(&w, if_nametoindex(cmd)), cmd))
			n++;
	}
	CHECK(w.n_resync > 0 && n == 12, "ifwatch: ENOBUFS triggers a re-dump (%llu re-dumps, %d/12 named)",
	      (unsigned long long)w.n_resync, n);
	ifwatch_close(&w);
}

int main(void)
{
	test_table();
	if (unshare(CLONE_NEWNET) < 0) {
		printf("skip ifindex: no private network namespace (%s)\n", strerror(errno));
		TEST_EXIT();
	}
	if (system("ip link show lo >/dev/null 2>&1") != 0) {
		printf("skip ifindex: iproute2 not installed\n");
		TEST_EXIT();
	}
	test_plugin();
	test_resync();
	TEST_EXIT();
}
