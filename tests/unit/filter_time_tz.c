/* SPDX-License-Identifier: GPL-2.0-or-later */
/* time --kerneltz: the packet time shifted by the host's kernel time zone (sys_tz minutes west), as xt_time does. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "filter/text.h"
#include "lib/pkt.h"
#include "test.h"

#define DAY0 1577836800ull              /* 2020-01-01 00:00:00 UTC, a Wednesday */
#define NS 1000000000ull

/* Whether "-m time OPTS" matches a packet at @secs (UTC) on a host whose kernel
 * time zone is @tz minutes west (@host false: no host facts). -1 if it does not load. */
static int hit(const char *opts, uint64_t secs, bool host, int32_t tz)
{
	char text[512];
	struct filter_restore_opts o = { 0 };
	struct filter_ruleset *rs = filter_ruleset_new(FILTER_V4);
	struct filter_host h = { .tz_valid = true, .tz_minuteswest = tz };
	struct filter_meta meta = { .tstamp_ns = secs * NS };
	struct filter_pkt p = { 0 };
	struct filter_error e;
	struct pkt_view pv;
	uint8_t b[28] = { 0x45, 0, 0, 28, [8] = 64, [9] = IPPROTO_UDP, [12] = 10, 0, 0, 1,
			  10, 0, 0, 2, [25] = 8 };
	int v;

	snprintf(text, sizeof(text), "*filter\n-A INPUT -m time %s -j DROP\nCOMMIT\n", opts);
	if (!rs || filter_restore(rs, text, strlen(text), &o, &e)) {
		filter_ruleset_free(rs);
		return -1;
	}
	pkt_parse(&pv, b, sizeof(b), AF_INET);
	p.pv = &pv;
	p.meta = &meta;
	p.hook = FILTER_LOCAL_IN;
	p.ctx = rs->ctx;
	p.now_ns = meta.tstamp_ns;
	p.host = host ? &h : NULL;
	v = filter_eval(filter_ruleset_table(rs, "filter"), &p);
	filter_ruleset_free(rs);
	return v == FILTER_DROP;
}

int main(void)
{
	const char *noon = "--timestart 12:00 --timestop 13:00 --kerneltz";
	uint64_t t1230 = DAY0 + 12 * 3600 + 1800, t2330 = DAY0 + 23 * 3600 + 1800;

	CHECK(hit(noon, t1230, true, 0) == 1, "kerneltz 0: 12:30 UTC in 12:00-13:00");
	CHECK(hit(noon, t1230, true, -60) == 0, "kerneltz -60 (east): local 13:30");
	CHECK(hit(noon, t1230, true, 60) == 0, "kerneltz 60 (west): local 11:30");
	CHECK(hit(noon, t1230 + 3600, true, 60) == 1, "kerneltz 60: 13:30 UTC is 12:30 local");
	CHECK(hit(noon, t1230 + 3600, true, 90) == 1, "kerneltz 90: 13:30 UTC is 12:00 local");
	CHECK(hit(noon, t1230 + 3600, false, 0) == 0, "no host facts: UTC");
	CHECK(hit("--timestart 12:00 --timestop 13:00", t1230, true, -60) == 1,
	      "without --kerneltz the zone is ignored");
	CHECK(hit("--weekdays Wed --kerneltz", t2330, true, -60) == 0,
	      "weekday: Wed 23:30 UTC is Thu local (tz -60)");
	CHECK(hit("--weekdays Wed --kerneltz", t2330 + 3600, true, 60) == 1,
	      "weekday: Thu 00:30 UTC is Wed local (tz 60)");
	CHECK(hit("--datestart 2020-01-01 --kerneltz", DAY0 - 1800, true, -60) == 1,
	      "datestart compares the shifted time");
	CHECK(hit("--datestart 2020-01-01 --kerneltz", DAY0 - 1800, true, 0) == 0,
	      "datestart: before it in UTC");
	CHECK(hit("--monthdays 1 --kerneltz", DAY0 - 1800, true, -60) == 1,
	      "monthday of the shifted time");
	CHECK(hit("--kerneltz", 1800, true, 60) == 0,
	      "a shift before the epoch is before any datestart (0)");
	return test_failures ? 1 : 0;
}
