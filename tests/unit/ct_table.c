// SPDX-License-Identifier: GPL-2.0-or-later
/* The conntrack table: confirm/abort, limit with early drop, zones, events, the conntrack -L printer, memory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/ct.h"
#include "test.h"
#include "ct_build.h"

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

static struct ct_table *table(uint32_t max, uint32_t buckets, bool acct)
{
	struct ct_config cfg;

	ct_config_default(&cfg);
	cfg.max = max;
	cfg.buckets = buckets;
	cfg.acct = acct;
	return ct_table_new(&cfg);
}

static void confirm_abort(void)
{
	struct ct_table *t = table(8, 0, false);
	struct tpkt p;
	struct ct_ref ref;
	struct ct_tuple tp;

	mk_tcp(&p, "10.0.0.1", 1, "10.0.0.2", 2, 100, 0, TH_SYN, 1000, 0);
	ct_in(t, &p.pv, 0, T0, &ref);
	ct_tuple_from_pkt(&p.pv, 0, &tp);
	CHECK(ref.ct && ct_table_count(t) == 1 && !ct_lookup(t, &tp, T0, NULL),
	      "ct: a new entry is not in the table before confirm");
	ct_abort(t, &ref);
	CHECK(ct_table_count(t) == 0 && !ref.ct, "ct: dropped before confirm leaves no entry");
	ct_in(t, &p.pv, 0, T0, &ref);
	ct_confirm(t, &ref, T0);
	CHECK(ct_lookup(t, &tp, T0, NULL) == ref.ct && (ref.ct->status & CT_S_CONFIRMED) &&
	      ref.ct->start_ns == T0, "ct: confirmed entry is found, start time set");
	ct_table_free(t);
}

static void udp_flow(struct ct_table *t, int i, bool reply, uint64_t now, struct ct_ref *ref)
{
	struct tpkt p;
	char a[32];

	snprintf(a, sizeof(a), "10.1.0.%d", i);
	ct_in(t, mk_udp(&p, IPPROTO_UDP, a, 1000, "10.2.0.1", 53, 0), 0, now, ref);
	ct_confirm(t, ref, now);
	if (reply) {
		struct ct_ref r2;

		ct_in(t, mk_udp(&p, IPPROTO_UDP, "10.2.0.1", 53, a, 1000, 0), 0, now + SEC, &r2);
		ct_in(t, mk_udp(&p, IPPROTO_UDP, a, 1000, "10.2.0.1", 53, 0), 0, now + 3 * SEC, &r2);
	}
}

static void early_drop(void)
{
	struct ct_table *t = table(4, 1, false);   /* one bucket: every entry is a candidate */
	struct ct_ref ref;
	int i, rc;

	for (i = 1; i <= 3; i++)
		udp_flow(t, i, true, T0, &ref);        /* assured */
	udp_flow(t, 4, false, T0, &ref);               /* not assured */
	CHECK(ct_table_count(t) == 4, "limit: table full with 4 entries");
	udp_flow(t, 5, false, T0 + 4 * SEC, &ref);
	CHECK(ref.ct && ct_table_count(t) == 4 && ct_table_stats(t)->early_drop == 1,
	      "limit: the unassured entry is early-dropped for a new one");
	/* now 3 assured + 1 unassured (flow 5): make flow 5 assured too */
	udp_flow(t, 5, true, T0 + 4 * SEC, &ref);
	{
		struct tpkt p;

		rc = ct_in(t, mk_udp(&p, IPPROTO_UDP, "10.9.9.8", 1, "10.2.0.1", 53, 0), 0, T0 + 8 * SEC, &ref);
	}
	CHECK(rc == -ENOMEM && !ref.ct && ref.ctinfo == CT_INVALID && ct_table_stats(t)->drop >= 1,
	      "limit: all assured: the packet is dropped (-ENOMEM), no entry");
	CHECK(ct_gc(t, T0 + 8 * SEC + 200 * SEC) == 4 && ct_table_count(t) == 0, "limit: gc frees expired entries");
	ct_table_free(t);
}

static void zones(void)
{
	struct ct_table *t = table(8, 0, false);
	struct tpkt p;
	struct ct_ref r0, r5;
	char line[256];

	mk_icmp(&p, "10.0.0.1", "10.0.0.2", 8, 0, 1);
	ct_in(t, &p.pv, 0, T0, &r0);
	ct_confirm(t, &r0, T0);
	ct_in(t, &p.pv, 5, T0, &r5);
	ct_confirm(t, &r5, T0);
	CHECK(r0.ct && r5.ct && r0.ct != r5.ct && r5.ctinfo == CT_NEW && ct_table_count(t) == 2,
	      "zones: the same tuple in zone 0 and 5 are two connections");
	r5.ct->mark = 7;
	ct_print(t, r5.ct, T0, false, line, sizeof(line));
	CHECK(!strcmp(line, "icmp     1 30 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=1 [UNREPLIED] "
			    "src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=1 mark=7 zone=5 use=1"),
	      "zones: printed with mark and zone as conntrack -L (%s)", line);
	ct_table_free(t);
}

static unsigned ev_new, ev_upd, ev_del;
static void on_event(void *arg, enum ct_event ev, const struct ct_entry *ct)
{
	(void)arg;
	(void)ct;
	ev_new += ev == CT_EV_NEW;
	ev_upd += ev == CT_EV_UPDATE;
	ev_del += ev == CT_EV_DESTROY;
}

static void tcp_line(void)
{
	struct ct_config cfg;
	struct ct_table *t = table(8, 0, true);
	struct tpkt p;
	struct ct_ref ref;
	char line[512];

	ct_table_set_events(t, on_event, NULL);
	ct_in(t, mk_tcp(&p, "192.168.1.10", 45678, "192.168.1.1", 22, 1, 0, TH_SYN, 64240, 0), 0, T0, &ref);
	ct_confirm(t, &ref, T0);
	ct_in(t, mk_tcp(&p, "192.168.1.1", 22, "192.168.1.10", 45678, 9, 2, TH_SYN | TH_ACK, 65160, 0), 0, T0, &ref);
	ct_in(t, mk_tcp(&p, "192.168.1.10", 45678, "192.168.1.1", 22, 2, 10, TH_ACK, 502, 0), 0, T0, &ref);
	ct_print(t, ref.ct, T0 + SEC / 1000, false, line, sizeof(line));
	CHECK(!strcmp(line, "tcp      6 431999 ESTABLISHED src=192.168.1.10 dst=192.168.1.1 sport=45678 dport=22 "
			    "packets=2 bytes=80 src=192.168.1.1 dst=192.168.1.10 sport=22 dport=45678 packets=1 "
			    "bytes=40 [ASSURED] mark=0 use=1"), "print: tcp line as conntrack -L (%s)", line);
	ct_print(t, ref.ct, T0, true, line, sizeof(line));
	CHECK(!strncmp(line, "ipv4     2 tcp      6 432000 ESTABLISHED ", 40), "print: -o extended prefix");
	CHECK(ct_print(t, ref.ct, T0, false, line, 10) > 100 && strlen(line) == 9,
	      "print: bounded buffer, full length returned");
	CHECK(ev_new == 1 && ev_upd >= 2, "events: NEW at confirm, UPDATE on state changes");
	ct_table_free(t);
	ct_config_default(&cfg);
	cfg.max = 8;
	cfg.tstamp = true;
	t = ct_table_new(&cfg);
	ct_table_set_events(t, on_event, NULL);
	ct_in(t, mk_tcp(&p, "192.168.1.10", 45679, "192.168.1.1", 22, 1, 0, TH_SYN, 64240, 0), 0, T0 + SEC - 1, &ref);
	ct_confirm(t, &ref, T0 + SEC - 1);
	ct_print(t, ref.ct, T0 + 2 * SEC, false, line, sizeof(line));
	CHECK(strstr(line, " mark=0 delta-time=2 use=1"),
	      "print: delta-time as conntrack(8): whole seconds now less whole seconds at the start (%s)", line);
	ct_flush(t, T0);
	CHECK(ev_del == 1 && ct_table_count(t) == 0, "events: DESTROY on flush");
	ct_table_free(t);
}

static void dump(void)
{
	struct ct_table *t = table(8, 0, false);
	struct tpkt p;
	struct ct_ref ref;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	unsigned n;

	ct_in(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.9", 9, "10.0.0.1", 53, 0), 0, T0, &ref);
	ct_confirm(t, &ref, T0);
	ct_in(t, mk_udp(&p, IPPROTO_UDP, "10.0.0.2", 9, "10.0.0.1", 53, 0), 0, T0 + 20 * SEC, &ref);
	ct_confirm(t, &ref, T0 + 20 * SEC);
	ct_in(t, mk_icmp(&p, "10.0.0.3", "10.0.0.1", 8, 0, 1), 0, T0 + 20 * SEC, &ref);
	ct_confirm(t, &ref, T0 + 20 * SEC);
	n = ct_dump(t, T0 + 35 * SEC, false, f);   /* the first UDP flow has expired */
	fclose(f);
	CHECK(n == 2 && !strncmp(buf, "icmp     1 15 src=10.0.0.3", 26) &&
	      strstr(buf, "\nudp      17 15 src=10.0.0.2 ") && !strstr(buf, "10.0.0.9"),
	      "dump: live entries only, sorted, one line each");
	free(buf);
	ct_table_free(t);
}

static void memory(void)
{
	struct ct_config cfg;
	struct ct_table *t;
	size_t per;

	ct_config_default(&cfg);
	t = ct_table_new(&cfg);
	per = ct_table_bytes_per_conn(t);
	printf("# memory per tracked connection: %zu bytes (entry %zu + bucket share), limit 320\n", per,
	       sizeof(struct ct_entry));
	CHECK(per <= 320, "memory: %zu bytes per connection <= 320", per);
	ct_table_free(t);
}

int main(void)
{
	confirm_abort();
	early_drop();
	zones();
	tcp_line();
	dump();
	memory();
	TEST_EXIT();
}
