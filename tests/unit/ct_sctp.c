// SPDX-License-Identifier: GPL-2.0-or-later
/* SCTP conntrack: the kernel's chunk table, bundled chunks, first chunks, verification tags, timeouts, table-driven. */
#include <stdio.h>
#include <stdlib.h>

#include "kernel/ct.h"
#include "test.h"
#include "ct_build.h"

#define NONE 255          /* expected state: no entry */

/* Chunk codes of a step: the type, T flag as 0x100; ZERO a chunk of length 0. */
enum { DATA = 0, INIT = 1, INIT_ACK = 2, SACK = 3, HB = 4, HB_ACK = 5, ABORT = 6, SHUT = 7,
       SHUT_ACK = 8, ERROR = 9, ECHO = 10, CK_ACK = 11, SHUT_COMP = 14, T = 0x100, ZERO = 0x200,
       END = 0xffff };

/* One packet and what conntrack must make of it. */
struct step {
	char dir;             /* 'o' client->server, 'r' server->client */
	uint32_t vtag;        /* the common header's verification tag */
	uint32_t itag;        /* INIT/INIT_ACK: initiate tag */
	uint16_t chunks[4];   /* ends with END (or after 4) */
	uint8_t ctinfo;       /* expected enum ct_info */
	uint8_t state;        /* expected SCTP state after, or NONE */
	uint32_t timeout;     /* expected seconds left */
	int assured;          /* expected ASSURED bit */
	unsigned pkts;        /* expected packets counted, both directions */
};

struct scenario {
	const char *name;
	const struct step *steps;
	unsigned n;
};

#define S(...) { __VA_ARGS__ }
#define CH(...) { __VA_ARGS__, END }
#define O CT_ESTABLISHED
#define R CT_ESTABLISHED_REPLY
#define X CT_INVALID

/* client tag 0xc1 (the server's packets carry it), server tag 0x51 */
#define SETUP \
	S('o', 0, 0xc1, CH(INIT), CT_NEW, CT_SCTP_CLOSED, 10, 0, 1), \
	S('r', 0xc1, 0x51, CH(INIT_ACK), R, CT_SCTP_COOKIE_WAIT, 3, 0, 2), \
	S('o', 0x51, 0, CH(ECHO, DATA), O, CT_SCTP_COOKIE_ECHOED, 3, 0, 3), \
	S('r', 0xc1, 0, CH(CK_ACK, SACK), R, CT_SCTP_ESTABLISHED, 210, 1, 4)

static const struct step full[] = {
	SETUP,
	S('o', 0x51, 0, CH(DATA), O, CT_SCTP_ESTABLISHED, 210, 1, 5),
	S('r', 0xc1, 0, CH(SACK, DATA), R, CT_SCTP_ESTABLISHED, 210, 1, 6),
	S('o', 0x51, 0, CH(HB), O, CT_SCTP_ESTABLISHED, 210, 1, 7),
	S('r', 0xc1, 0, CH(HB_ACK), R, CT_SCTP_ESTABLISHED, 210, 1, 8),
	S('o', 0x51, 0, CH(SHUT), O, CT_SCTP_SHUTDOWN_SENT, 3, 1, 9),
	S('r', 0xc1, 0, CH(SHUT_ACK), R, CT_SCTP_SHUTDOWN_ACK_SENT, 3, 1, 10),
	S('o', 0x51, 0, CH(SHUT_COMP), O, CT_SCTP_CLOSED, 10, 1, 11),
};
static const struct step init_retrans[] = {
	S('o', 0, 0xc1, CH(INIT), CT_NEW, CT_SCTP_CLOSED, 10, 0, 1),
	/* the INIT again: let through, neither counted nor refreshed */
	S('o', 0, 0xc1, CH(INIT), CT_NEW, CT_SCTP_CLOSED, 9, 0, 1),
	S('r', 0xc1, 0x51, CH(INIT_ACK), R, CT_SCTP_COOKIE_WAIT, 3, 0, 2),
};
static const struct step wrong_tags[] = {
	SETUP,
	S('o', 0x99, 0, CH(DATA), X, CT_SCTP_ESTABLISHED, 209, 1, 4),
	S('r', 0x51, 0, CH(SACK), X, CT_SCTP_ESTABLISHED, 208, 1, 4),
	/* an INIT must carry tag 0 */
	S('o', 0x51, 0xc1, CH(INIT), X, CT_SCTP_ESTABLISHED, 207, 1, 4),
	/* ABORT: the sender's tag, or with T the one it was sent */
	S('r', 0x51, 0, CH(ABORT), X, CT_SCTP_ESTABLISHED, 206, 1, 4),
	S('r', 0xc1, 0, CH(ABORT | T), X, CT_SCTP_ESTABLISHED, 205, 1, 4),
	S('r', 0x51, 0, CH(ABORT | T), R, CT_SCTP_CLOSED, 10, 1, 5),
};
static const struct step abort_plain[] = {
	SETUP,
	S('o', 0x51, 0, CH(DATA, ABORT), O, CT_SCTP_CLOSED, 10, 1, 5),
};
static const struct step bad_first[] = {
	S('o', 0, 0, CH(DATA), X, NONE, 0, 0, 0),
	S('o', 0, 0, CH(SACK), X, NONE, 0, 0, 0),
	S('o', 0, 0, CH(ABORT), X, NONE, 0, 0, 0),
	S('o', 0, 0, CH(CK_ACK), X, NONE, 0, 0, 0),
	S('o', 0, 0, CH(SHUT_COMP), X, NONE, 0, 0, 0),
	S('o', 0x5, 0xc1, CH(INIT), X, NONE, 0, 0, 0),          /* INIT with a tag */
	S('o', 0, 0xc1, CH(INIT, DATA), X, NONE, 0, 0, 0),      /* INIT not alone */
	S('o', 0, 0, CH(HB, DATA), X, NONE, 0, 0, 0),           /* DATA cannot start */
	S('o', 0, 0, CH(SACK, ECHO), X, NONE, 0, 0, 0),         /* COOKIE_ECHO not first */
	S('o', 0, 0, CH(HB, ZERO), X, NONE, 0, 0, 0),           /* a chunk of length 0 */
	S('o', 0x5, 0, CH(ECHO), X, NONE, 0, 0, 0),             /* COOKIE_ECHO, unknown tag */
};
static const struct step heartbeat_first[] = {
	S('o', 0x77, 0, CH(HB), CT_NEW, CT_SCTP_HEARTBEAT_SENT, 30, 0, 1),
	S('r', 0x88, 0, CH(HB_ACK), R, CT_SCTP_ESTABLISHED, 210, 1, 2),
	S('o', 0x77, 0, CH(DATA), O, CT_SCTP_ESTABLISHED, 210, 1, 3),
	S('r', 0x88, 0, CH(SACK), R, CT_SCTP_ESTABLISHED, 210, 1, 4),
};
static const struct step out_of_blue[] = {
	/* COOKIE_ECHO with tag 0 and SHUTDOWN_ACK may start entries */
	S('o', 0, 0, CH(ECHO), CT_NEW, CT_SCTP_CLOSED, 10, 0, 1),
};
static const struct step shutdown_ack_first[] = {
	S('o', 0x33, 0, CH(SHUT_ACK), CT_NEW, CT_SCTP_SHUTDOWN_ACK_SENT, 3, 0, 1),
	/* the answer reflects the tag: with T it must be the original side's (0 here) */
	S('r', 0x33, 0, CH(SHUT_COMP | T), X, CT_SCTP_SHUTDOWN_ACK_SENT, 2, 0, 1),
	S('r', 0x33, 0, CH(SHUT_COMP), R, CT_SCTP_CLOSED, 10, 0, 2),
};
static const struct step server_shutdown[] = {
	SETUP,
	S('r', 0xc1, 0, CH(SHUT), R, CT_SCTP_SHUTDOWN_RECD, 3, 1, 5),
	S('o', 0x51, 0, CH(SHUT_ACK), O, CT_SCTP_SHUTDOWN_ACK_SENT, 3, 1, 6),
	S('r', 0xc1, 0, CH(SHUT_COMP), R, CT_SCTP_CLOSED, 10, 1, 7),
	/* a new INIT after the end: CLOSED again, a new tag learnt */
	S('o', 0, 0xc2, CH(INIT), O, CT_SCTP_CLOSED, 9, 1, 7),
	S('r', 0xc2, 0x52, CH(INIT_ACK), R, CT_SCTP_COOKIE_WAIT, 3, 1, 8),
};
static const struct step heartbeat_tags[] = {
	SETUP,
	/* a HEARTBEAT with another tag passes once, unrefreshed and uncounted */
	S('o', 0x99, 0, CH(HB), O, CT_SCTP_ESTABLISHED, 209, 1, 4),
	/* its answer from the other side with a new tag: the tags are learnt anew */
	S('r', 0x98, 0, CH(HB_ACK), R, CT_SCTP_ESTABLISHED, 210, 1, 5),
	S('o', 0x51, 0, CH(DATA), X, CT_SCTP_ESTABLISHED, 209, 1, 5),
	S('r', 0x98, 0, CH(DATA), R, CT_SCTP_ESTABLISHED, 210, 1, 6),
	/* a HEARTBEAT with another tag bundled with DATA: INVALID */
	S('r', 0x97, 0, CH(HB, DATA), X, CT_SCTP_ESTABLISHED, 209, 1, 6),
	/* a HEARTBEAT_ACK with another tag and no failed HEARTBEAT before: INVALID */
	S('r', 0x97, 0, CH(HB_ACK), X, CT_SCTP_ESTABLISHED, 208, 1, 6),
};
static const struct step heartbeat_state[] = {
	S('o', 0x77, 0, CH(HB), CT_NEW, CT_SCTP_HEARTBEAT_SENT, 30, 0, 1),
	/* the other way, HEARTBEAT_SENT knows only HEARTBEAT(_ACK): an INIT_ACK is INVALID */
	S('r', 0, 0x88, CH(INIT_ACK), X, CT_SCTP_HEARTBEAT_SENT, 29, 0, 1),
	/* a SHUTDOWN from the heartbeat's sender closes */
	S('o', 0x77, 0, CH(SHUT), CT_NEW, CT_SCTP_CLOSED, 10, 0, 2),
};

#define SC(n) { #n, n, sizeof(n) / sizeof(n[0]) }
static const struct scenario scenarios[] = {
	SC(full), SC(init_retrans), SC(wrong_tags), SC(abort_plain), SC(bad_first),
	SC(heartbeat_first), SC(out_of_blue), SC(shutdown_ack_first), SC(server_shutdown),
	SC(heartbeat_tags), SC(heartbeat_state),
};

/* The chunk of code @c at @p; returns its padded length. */
static uint32_t put_chunk(uint8_t *p, uint16_t c, uint32_t itag)
{
	uint32_t len = 4;

	if (c == ZERO)
		return 4;                          /* type 0, length 0 */
	p[0] = (uint8_t)c;
	p[1] = (uint8_t)(c >> 8);                  /* T */
	switch (c & 0xff) {
	case INIT:
	case INIT_ACK:
		put32(p + 4, itag);
		put32(p + 8, 65536);
		put32(p + 16, 1000);
		len = 20;
		break;
	case DATA:
		len = 16 + 5;
		p[1] = 3;
		break;
	case SACK:
		len = 16;
		break;
	case HB:
	case HB_ACK:
		put16(p + 4, 1);
		put16(p + 6, 12);
		len = 16;
		break;
	case ECHO:
	case SHUT:
		len = 12;
		break;
	}
	put16(p + 2, len);
	return (len + 3) & ~3u;
}

static struct pkt_view *build(struct tpkt *t, const struct step *s, bool v6)
{
	const char *c = v6 ? "fd00::1" : "10.0.0.1", *sv = v6 ? "fd00::2" : "10.0.0.2";
	uint8_t body[256] = { 0 };
	uint32_t n = 12, o, i;

	put16(body, s->dir == 'o' ? 40000 : 9);
	put16(body + 2, s->dir == 'o' ? 9 : 40000);
	put32(body + 4, s->vtag);
	for (i = 0; i < 4 && s->chunks[i] != END; i++)
		n += put_chunk(body + n, s->chunks[i], s->itag);
	o = s->dir == 'o' ? mk_ip(t, IPPROTO_SCTP, c, sv, n) : mk_ip(t, IPPROTO_SCTP, sv, c, n);
	memcpy(t->b + o, body, n);
	return tp_parse(t);
}

static void check_entry(const struct scenario *sc, unsigned i, const struct ct_entry *e,
			uint64_t now, bool v6)
{
	const struct step *s = &sc->steps[i];
	const char *f = v6 ? "6" : "4";

	if (s->state == NONE) {
		CHECK(!e, "sctp%s %s step %u: no entry", f, sc->name, i + 1);
		return;
	}
	CHECK(e && e->proto.sctp.state == s->state, "sctp%s %s step %u: state %s (want %s)", f,
	      sc->name, i + 1, e ? ct_sctp_state_name(e->proto.sctp.state) : "none",
	      ct_sctp_state_name(s->state));
	if (!e)
		return;
	CHECK(ct_expires_s(e, now) == s->timeout, "sctp%s %s step %u: timeout %u (want %u)", f,
	      sc->name, i + 1, ct_expires_s(e, now), s->timeout);
	CHECK(!!(e->status & CT_S_ASSURED) == s->assured, "sctp%s %s step %u: assured %d", f,
	      sc->name, i + 1, s->assured);
	CHECK(e->pkts[0] + e->pkts[1] == s->pkts, "sctp%s %s step %u: %llu packets counted (want %u)",
	      f, sc->name, i + 1, (unsigned long long)(e->pkts[0] + e->pkts[1]), s->pkts);
}

/* A table of @max entries with accounting. */
static struct ct_table *table(uint32_t max)
{
	struct ct_config cfg;

	ct_config_default(&cfg);
	cfg.max = max;
	cfg.acct = true;
	return ct_table_new(&cfg);
}

/* The conntrack and confirm hooks for @pv at @now; returns ct_in's result. */
static int feed(struct ct_table *t, struct pkt_view *pv, uint64_t now, struct ct_ref *ref)
{
	int rc = ct_in(t, pv, 0, now, ref);

	if (!rc)
		ct_confirm(t, ref, now);
	return rc;
}

static void run(const struct scenario *sc, bool v6)
{
	struct ct_table *t = table(64);
	uint64_t now = 1700000000ull * 1000000000ull;
	struct ct_tuple tp;
	struct ct_ref ref;
	struct tpkt p;
	unsigned i;
	int rc;

	for (i = 0; i < sc->n; i++) {
		now += 1000000000ull;   /* one second per step */
		rc = feed(t, build(&p, &sc->steps[i], v6), now, &ref);
		CHECK(rc == 0 && ref.ctinfo == sc->steps[i].ctinfo,
		      "sctp%s %s step %u: ctinfo %u (want %u)", v6 ? "6" : "4", sc->name, i + 1,
		      ref.ctinfo, sc->steps[i].ctinfo);
		ct_tuple_from_pkt(&p.pv, 0, &tp);
		check_entry(sc, i, ct_lookup(t, &tp, now, NULL), now, v6);
	}
	ct_table_free(t);
}

/* conntrack -L's line for an assured SCTP association. */
static void print_line(void)
{
	struct ct_table *t = table(8);
	struct ct_ref ref;
	struct tpkt p;
	uint64_t now = 1000000000ull;
	char line[CT_LINE_MAX];
	unsigned i;

	for (i = 0; i < 4; i++)
		feed(t, build(&p, &full[i], false), now, &ref);
	ct_print(t, ref.ct, now, false, line, sizeof(line));
	CHECK(!strcmp(line, "sctp     132 210 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=40000 "
		      "dport=9 packets=2 bytes=120 src=10.0.0.2 dst=10.0.0.1 sport=9 dport=40000 "
		      "packets=2 bytes=104 [ASSURED] mark=0 use=1"),
	      "sctp conntrack -L line: %s", line);
	ct_table_free(t);
}

/* DCCP: no tracker in Linux 6.18 (no NF_CT_PROTO_DCCP); generic, so one entry per address pair, no ports. */
static void dccp(void)
{
	struct ct_table *t = table(8);
	struct ct_ref ref;
	struct tpkt p;
	char line[CT_LINE_MAX];
	uint16_t sp;

	for (sp = 6001; sp <= 6002; sp++)
		feed(t, mk_udp(&p, IPPROTO_DCCP, "10.0.0.1", sp, "10.0.0.2", 7, 8), 1000000000ull, &ref);
	CHECK(ct_table_count(t) == 1 && ref.ct, "dccp: one generic entry for two port pairs");
	if (ref.ct) {
		ct_print(t, ref.ct, 1000000000ull, false, line, sizeof(line));
		CHECK(!strcmp(line, "dccp     33 600 src=10.0.0.1 dst=10.0.0.2 sport=0 dport=0 "
			      "packets=2 bytes=72 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=0 dport=0 "
			      "packets=0 bytes=0 mark=0 use=1"),
		      "dccp conntrack -L line: %s", line);
	}
	ct_table_free(t);
}

int main(void)
{
	unsigned i;

	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		run(&scenarios[i], false);
		run(&scenarios[i], true);
	}
	print_line();
	dccp();
	TEST_EXIT();
}
