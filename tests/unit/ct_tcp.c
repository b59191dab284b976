// SPDX-License-Identifier: GPL-2.0-or-later
/* TCP conntrack: state transitions, window tracking, pickup, invalid flags, table-driven. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/ct.h"
#include "test.h"
#include "ct_build.h"

#define A "10.0.0.1"
#define B "10.0.0.2"
#define NONE 255          /* expected state: no entry */
#define ANY 0xffffffffu   /* timeout: not checked */

/* One segment and what conntrack must make of it. */
struct step {
	char dir;             /* 'o' A->B, 'r' B->A */
	uint8_t flags;
	uint32_t seq, ack;
	uint16_t win;
	uint32_t pay;
	uint8_t ctinfo;       /* expected enum ct_info */
	uint8_t state;        /* expected TCP state after, or NONE */
	uint32_t timeout;     /* expected seconds left, or ANY */
	int assured;          /* expected ASSURED bit (0/1), -1 unchecked */
};

struct scenario {
	const char *name;
	bool loose;
	const struct step *steps;
	unsigned n;
};

#define S(...) { __VA_ARGS__ }
#define SA TH_SYN
#define SAK (TH_SYN | TH_ACK)
#define AK TH_ACK
#define PA (TH_PSH | TH_ACK)
#define FA (TH_FIN | TH_ACK)
#define RA (TH_RST | TH_ACK)

/* The three-way handshake every scenario below starts with. */
#define HANDSHAKE \
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0), \
	S('r', SAK, 5000, 1001, 65160, 0, CT_ESTABLISHED_REPLY, CT_TCP_SYN_RECV, 60, 0), \
	S('o', AK, 1001, 5001, 502, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 432000, 1)

static const struct step handshake[] = { HANDSHAKE };
static const struct step data[] = {
	HANDSHAKE,
	S('o', PA, 1001, 5001, 502, 100, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 300, 1),  /* unacked */
	S('r', AK, 5001, 1101, 509, 0, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 432000, 1),
	S('r', PA, 5001, 1101, 509, 200, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 300, 1),
	S('o', AK, 1101, 5201, 502, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 432000, 1),
};
static const struct step fin[] = {
	HANDSHAKE,
	S('o', FA, 1001, 5001, 502, 0, CT_ESTABLISHED, CT_TCP_FIN_WAIT, 120, 1),
	S('r', AK, 5001, 1002, 509, 0, CT_ESTABLISHED_REPLY, CT_TCP_CLOSE_WAIT, 60, 1),
	S('r', FA, 5001, 1002, 509, 0, CT_ESTABLISHED_REPLY, CT_TCP_LAST_ACK, 30, 1),
	S('o', AK, 1002, 5002, 502, 0, CT_ESTABLISHED, CT_TCP_TIME_WAIT, 120, 1),
	/* a new SYN on the same ports reopens: fresh entry */
	S('o', SA, 90000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0),
};
static const struct step rst[] = {
	HANDSHAKE,
	S('r', RA, 5001, 1001, 0, 0, CT_ESTABLISHED_REPLY, CT_TCP_CLOSE, 10, 1),
};
static const struct step refused[] = {
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0),
	/* port closed: the only reply is a RST, the entry is forgotten */
	S('r', RA, 0, 1001, 0, 0, CT_ESTABLISHED_REPLY, NONE, ANY, -1),
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0),
};
static const struct step syn_retrans[] = {
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0),
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 119, 0),  /* timer kept */
};
static const struct step pickup[] = {
	/* loose: a mid-stream ACK picks the connection up, capped at UNACK */
	S('o', PA, 777777, 333333, 1000, 50, CT_NEW, CT_TCP_ESTABLISHED, 300, 0),
	/* the first reply: SEEN_REPLY is set only after it, still capped */
	S('r', AK, 333333, 777827, 1000, 0, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 300, 0),
	S('o', AK, 777827, 333333, 1000, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 432000, 1),
};
static const struct step nopickup[] = {
	S('o', PA, 777777, 333333, 1000, 50, CT_INVALID, NONE, ANY, -1),
};
static const struct step bad_first[] = {
	S('o', SAK, 1000, 1, 1000, 0, CT_INVALID, NONE, ANY, -1),          /* SYN/ACK first */
	S('o', FA, 1000, 1, 1000, 0, CT_INVALID, NONE, ANY, -1),           /* FIN first */
	S('o', RA, 1000, 1, 1000, 0, CT_INVALID, NONE, ANY, -1),           /* RST first */
};
static const struct step bad_flags[] = {
	S('o', TH_SYN | TH_FIN, 1000, 0, 1000, 0, CT_INVALID, NONE, ANY, -1),
	S('o', TH_SYN | TH_RST, 1000, 0, 1000, 0, CT_INVALID, NONE, ANY, -1),
	S('o', 0, 1000, 0, 1000, 0, CT_INVALID, NONE, ANY, -1),            /* NULL scan */
	S('o', TH_FIN | TH_PSH | TH_URG, 1000, 0, 1000, 0, CT_INVALID, NONE, ANY, -1), /* Xmas */
	S('o', TH_FIN, 1000, 0, 1000, 0, CT_INVALID, NONE, ANY, -1),       /* FIN without ACK */
	HANDSHAKE,
	/* bad flags on an established connection: INVALID, state untouched */
	S('o', TH_SYN | TH_FIN, 1001, 5001, 502, 0, CT_INVALID, CT_TCP_ESTABLISHED, 431999, 1),
};
static const struct step window[] = {
	HANDSHAKE,
	/* sequence far beyond the receiver's window */
	/* (invalid and ignored segments do not refresh the timer: one second per step passes) */
	S('o', PA, 1001 + 10000000, 5001, 502, 10, CT_INVALID, CT_TCP_ESTABLISHED, 431999, 1),
	/* acknowledges data never sent */
	S('r', AK, 5001, 1001 + 500000, 509, 0, CT_INVALID, CT_TCP_ESTABLISHED, 431998, 1),
	/* data well in window */
	S('o', PA, 1001, 5001, 502, 1000, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 300, 1),
	S('r', AK, 5001, 2001, 509, 0, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 432000, 1),
	/* an old segment far below the window: ignored (still ESTABLISHED, nothing counted) */
	S('o', PA, 1001 - 3000000, 5001, 502, 10, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 431999, 1),
	/* a FIN out of window on an assured connection: INVALID, timeout shrinks to UNACK */
	S('o', FA, 1001 + 10000000, 5001, 502, 0, CT_INVALID, CT_TCP_ESTABLISHED, 300, 1),
};
static const struct step ignored_syn[] = {
	HANDSHAKE,
	/* a SYN on an established connection is ignored, not a state change */
	S('o', SA, 424242, 0, 64240, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 431999, 1),
	/* SYN/ACK in the original direction after the handshake: INVALID */
	S('o', SAK, 1001, 5001, 502, 0, CT_INVALID, CT_TCP_ESTABLISHED, 431998, 1),
};

static const struct step simultaneous[] = {
	S('o', SA, 1000, 0, 64240, 0, CT_NEW, CT_TCP_SYN_SENT, 120, 0),
	/* both ends open: the peer's own SYN (a SYN retransmission keeps the timer) */
	S('r', SA, 5000, 0, 64240, 0, CT_ESTABLISHED_REPLY, CT_TCP_SYN_SENT2, 119, 0),
	S('o', SAK, 1000, 5001, 64240, 0, CT_ESTABLISHED, CT_TCP_SYN_RECV, 60, 0),
	/* the peer's SYN/ACK in SYN_RECV is ignored */
	S('r', SAK, 5000, 1001, 64240, 0, CT_ESTABLISHED_REPLY, CT_TCP_SYN_RECV, 59, 0),
	/* its ACK completes the simultaneous open */
	S('r', AK, 5001, 1001, 502, 0, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 432000, 1),
};
static const struct step resync[] = {
	HANDSHAKE,
	/* the client restarts with a new sequence: ignored and noted ... */
	S('o', SA, 777000, 0, 64240, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 431999, 1),
	/* ... the server's SYN/ACK acknowledges it: conntrack gets back in sync */
	S('r', SAK, 900000, 777001, 65160, 0, CT_ESTABLISHED_REPLY, CT_TCP_SYN_RECV, 60, 1),
	S('o', AK, 777001, 900001, 502, 0, CT_ESTABLISHED, CT_TCP_ESTABLISHED, 432000, 1),
};
static const struct step rst_seq[] = {
	HANDSHAKE,
	/* a reset below what the peer acknowledged: INVALID */
	S('r', RA, 4000, 1001, 0, 0, CT_INVALID, CT_TCP_ESTABLISHED, 431999, 1),
	/* in window but not the exact sequence: state kept for a challenge ACK, short timer */
	S('r', RA, 5101, 1001, 0, 0, CT_ESTABLISHED_REPLY, CT_TCP_ESTABLISHED, 10, 1),
	/* the exact sequence closes */
	S('r', RA, 5001, 1001, 0, 0, CT_ESTABLISHED_REPLY, CT_TCP_CLOSE, 10, 1),
};

#define SC(n, loose) { #n, loose, n, sizeof(n) / sizeof(n[0]) }
static const struct scenario scenarios[] = {
	SC(handshake, true), SC(data, true), SC(fin, true), SC(rst, true), SC(refused, true),
	SC(syn_retrans, true), SC(pickup, true), SC(nopickup, false), SC(bad_first, true),
	SC(bad_flags, true), SC(window, true), SC(ignored_syn, true), SC(simultaneous, true),
	SC(resync, true), SC(rst_seq, true),
};

static struct pkt_view *build(struct tpkt *p, const struct step *s)
{
	/* SYNs carry MSS, SACK-permitted, window scale 7 as Linux sends them */
	static const uint8_t opt[] = { 2, 4, 5, 0xb4, 4, 2, 1, 3, 3, 7, 1, 1 };

	if (s->flags & TH_SYN)
		return s->dir == 'o'
			? mk_tcp_opt(p, A, 40000, B, 80, s->seq, s->ack, s->flags, s->win, s->pay, opt, 12)
			: mk_tcp_opt(p, B, 80, A, 40000, s->seq, s->ack, s->flags, s->win, s->pay, opt, 12);
	return s->dir == 'o' ? mk_tcp(p, A, 40000, B, 80, s->seq, s->ack, s->flags, s->win, s->pay)
			     : mk_tcp(p, B, 80, A, 40000, s->seq, s->ack, s->flags, s->win, s->pay);
}

static void run(const struct scenario *sc)
{
	struct ct_config cfg;
	struct ct_table *t;
	unsigned i;
	uint64_t now = 1700000000ull * 1000000000ull;

	ct_config_default(&cfg);
	cfg.max = 64;
	cfg.tcp_loose = sc->loose;
	t = ct_table_new(&cfg);
	for (i = 0; i < sc->n; i++) {
		const struct step *s = &sc->steps[i];
		struct tpkt p;
		struct ct_ref ref;
		struct ct_tuple tp;
		struct ct_entry *e;
		int rc;

		now += 1000000000ull;   /* one second per step */
		rc = ct_in(t, build(&p, s), 0, now, &ref);
		if (!rc)
			ct_confirm(t, &ref, now);
		ct_tuple_from_pkt(&p.pv, 0, &tp);
		e = ct_lookup(t, &tp, now, NULL);
		CHECK(rc == 0 && ref.ctinfo == s->ctinfo, "tcp %s step %u: ctinfo %u (want %u)",
		      sc->name, i + 1, ref.ctinfo, s->ctinfo);
		if (s->state == NONE) {
			CHECK(!e, "tcp %s step %u: no entry", sc->name, i + 1);
			continue;
		}
		CHECK(e && e->proto.tcp.state == s->state, "tcp %s step %u: state %s (want %s)", sc->name,
		      i + 1, e ? ct_tcp_state_name(e->proto.tcp.state) : "none",
		      ct_tcp_state_name(s->state));
		if (e && s->timeout != ANY)
			CHECK(ct_expires_s(e, now) == s->timeout, "tcp %s step %u: timeout %u (want %u)",
			      sc->name, i + 1, ct_expires_s(e, now), s->timeout);
		if (e && s->assured >= 0)
			CHECK(!!(e->status & CT_S_ASSURED) == s->assured, "tcp %s step %u: assured %d",
			      sc->name, i + 1, s->assured);
	}
	ct_table_free(t);
}

/* Counters: ignored segments are not counted, the others are. */
static void counters(void)
{
	struct ct_config cfg;
	struct ct_table *t;
	struct ct_ref ref;
	struct tpkt p;
	struct ct_tuple tp;
	struct ct_entry *e;
	uint64_t now = 5000000000ull;
	unsigned i;

	ct_config_default(&cfg);
	cfg.max = 8;
	cfg.acct = true;
	t = ct_table_new(&cfg);
	for (i = 0; i < 3; i++) {
		ct_in(t, build(&p, &handshake[i]), 0, now, &ref);
		ct_confirm(t, &ref, now);
	}
	ct_in(t, build(&p, &window[6]), 0, now, &ref);   /* ignored old segment */
	ct_tuple_from_pkt(&p.pv, 0, &tp);
	e = ct_lookup(t, &tp, now, NULL);
	CHECK(e && e->pkts[0] == 2 && e->pkts[1] == 1 && e->bytes[0] == 52 + 40 && e->bytes[1] == 52,
	      "tcp counters: 2+1 packets, ignored segment not counted");
	ct_table_free(t);
}

int main(void)
{
	unsigned i;

	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		run(&scenarios[i]);
	counters();
	TEST_EXIT();
}
