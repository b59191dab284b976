// SPDX-License-Identifier: GPL-2.0-or-later
/* The packet path: hooks in priority order with a real ruleset (filter/), the host model and conntrack. */
#include <sys/time.h>

#include "filter/cmd.h"
#include "ct_hooks_env.h"

#define SEC 1000000000ull
#define T0 (1700000000ull * SEC)

static const char rules[] =
	"*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A PREROUTING -p udp --dport 5353 -j NOTRACK\n"
	"-A PREROUTING -p icmp -j CT --zone 3\n"
	"COMMIT\n"
	"*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
	"-A PREROUTING -p tcp\n"
	"COMMIT\n"
	"*mangle\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	":POSTROUTING ACCEPT [0:0]\n"
	"-A PREROUTING -p tcp --dport 22 -j CONNMARK --set-mark 5\n"
	"COMMIT\n"
	"*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n"
	"-A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT\n"
	"-A INPUT -m conntrack --ctstate UNTRACKED -j ACCEPT\n"
	"-A INPUT -p icmp -j ACCEPT\n"
	"-A FORWARD -i eth0 -o eth1.96 -p tcp --dport 80 -j ACCEPT\n"
	"-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
	"COMMIT\n";

static uint64_t rule_pcnt(struct hooks_env *e, const char *table, const char *chain, unsigned n)
{
	struct filter_rule *r = hooks_env_rule(e, table, chain, n);

	return r ? r->pcnt : ~0ull;
}

int main(void)
{
	struct hooks_env e;
	struct tpkt p;
	struct pktbuf b;
	uint32_t n;

	if (!hooks_env_open(&e, "hooks", rules, 256))
		TEST_EXIT();
	{
		struct timeval tv;
		struct timezone tz = { 0 };

		gettimeofday(&tv, &tz);
		CHECK(e.facts.fh.tz_valid && e.facts.fh.tz_minuteswest == tz.tz_minuteswest,
		      "hooks: time --kerneltz gets this machine's sys_tz");
	}
	mk_tcp(&p, "131.159.14.50", 40000, "131.159.14.3", 22, 1000, 0, TH_SYN, 64240, 0);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0, &b) == FILTER_ACCEPT && b.ct.ct && b.ct.ct->mark == 5 &&
	      (b.ct.ct->status & CT_S_CONFIRMED) && ct_table_count(e.ct) == 1,
	      "hooks: SYN to ssh accepted as NEW, CONNMARK from mangle, confirmed at INPUT");
	CHECK(rule_pcnt(&e, "nat", "PREROUTING", 0) == 1 && rule_pcnt(&e, "filter", "INPUT", 1) == 1,
	      "hooks: nat PREROUTING and filter INPUT rules counted");
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0 + SEC, &b) == FILTER_ACCEPT &&
	      rule_pcnt(&e, "nat", "PREROUTING", 0) == 1,
	      "hooks: a retransmitted SYN does not traverse nat again");

	mk_tcp(&p, "131.159.14.50", 40001, "131.159.14.3", 23, 1000, 0, TH_SYN, 64240, 0);
	n = ct_table_count(e.ct);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0, &b) == FILTER_DROP && ct_table_count(e.ct) == n,
	      "hooks: dropped by the INPUT policy before confirm: no entry");

	mk_tcp(&p, "131.159.14.3", 22, "131.159.14.50", 40000, 5000, 1001, TH_SYN | TH_ACK, 65160, 0);
	pktbuf_init(&b, p.b, p.len, 0, T0 + 2 * SEC, NULL, NULL);
	CHECK(hooks_send(&e.h, &b) == FILTER_ACCEPT && !strcmp(b.meta.out, "eth1.96") &&
	      b.ct.ctinfo == CT_ESTABLISHED_REPLY, "hooks: SYN/ACK sent via OUTPUT/POSTROUTING on eth1.96");
	mk_tcp(&p, "131.159.14.50", 40000, "131.159.14.3", 22, 1001, 5001, TH_ACK, 502, 0);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0 + 3 * SEC, &b) == FILTER_ACCEPT && b.ct.ctinfo == CT_ESTABLISHED &&
	      (b.ct.ct->status & CT_S_ASSURED) && rule_pcnt(&e, "filter", "INPUT", 0) == 1,
	      "hooks: the handshake's ACK is ESTABLISHED and assured");

	mk_udp(&p, IPPROTO_UDP, "131.159.14.50", 5353, "131.159.14.3", 5353, 10);
	n = ct_table_count(e.ct);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0, &b) == FILTER_ACCEPT && b.ct.ctinfo == CT_UNTRACKED &&
	      ct_table_count(e.ct) == n && rule_pcnt(&e, "filter", "INPUT", 2) == 1,
	      "hooks: NOTRACK in raw makes the packet UNTRACKED, no entry");

	mk_icmp(&p, "131.159.14.50", "131.159.14.3", 8, 0, 77);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0, &b) == FILTER_ACCEPT && b.ct.ct && b.ct.ct->tuple[0].zone == 3,
	      "hooks: CT --zone 3 in raw puts the connection in zone 3");

	mk_tcp(&p, "192.168.213.77", 33333, "131.159.14.50", 80, 1, 0, TH_SYN, 64240, 0);
	CHECK(hooks_env_in(&e, &p, "eth0", T0, &b) == FILTER_ACCEPT && !strcmp(b.meta.out, "eth1.96") &&
	      b.ct.ct && (b.ct.ct->status & CT_S_CONFIRMED) && rule_pcnt(&e, "filter", "FORWARD", 0) == 1,
	      "hooks: forwarded eth0 -> eth1.96, confirmed at POSTROUTING");
	mk_tcp(&p, "192.168.213.77", 33334, "131.159.14.50", 81, 1, 0, TH_SYN, 64240, 0);
	n = ct_table_count(e.ct);
	CHECK(hooks_env_in(&e, &p, "eth0", T0, &b) == FILTER_DROP && ct_table_count(e.ct) == n,
	      "hooks: FORWARD policy drop leaves no entry");
	mk_tcp(&p, "131.159.14.50", 80, "192.168.213.77", 33333, 9, 2, TH_SYN | TH_ACK, 64240, 0);
	CHECK(hooks_env_in(&e, &p, "eth1.96", T0, &b) == FILTER_ACCEPT && b.ct.ctinfo == CT_ESTABLISHED_REPLY &&
	      !strcmp(b.meta.out, "eth0"), "hooks: the forwarded reply is ESTABLISHED");
	CHECK(e.h.st.pkts[FILTER_PRE_ROUTING] == 9 && e.h.st.dropped == 2,
	      "hooks: per-hook and verdict statistics (%llu in, %llu dropped)",
	      (unsigned long long)e.h.st.pkts[FILTER_PRE_ROUTING], (unsigned long long)e.h.st.dropped);

	hooks_env_free(&e);
	TEST_EXIT();
}
