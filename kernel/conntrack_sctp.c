/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SCTP tracker: the kernel's chunk state table, every chunk walked, verification tags, timeouts (nf_conntrack_proto_sctp). */
#include <string.h>
#include <netinet/in.h>

#include "ct_priv.h"

enum sctp_chunk {
	C_DATA = 0, C_INIT = 1, C_INIT_ACK = 2, C_SACK = 3, C_HEARTBEAT = 4, C_HEARTBEAT_ACK = 5,
	C_ABORT = 6, C_SHUTDOWN = 7, C_SHUTDOWN_ACK = 8, C_ERROR = 9, C_COOKIE_ECHO = 10,
	C_COOKIE_ACK = 11, C_SHUTDOWN_COMPLETE = 14,
};

#define CHUNK_FLAG_T 0x01        /* ABORT / SHUTDOWN_COMPLETE: the tag is the peer's */
#define HB_VTAG_FAILED 0x01      /* ct->proto.sctp.flags: a HEARTBEAT had another tag */
#define INIT_HDR 16              /* init tag, a_rwnd, streams, initial TSN */

#define sNO CT_SCTP_NONE
#define sCL CT_SCTP_CLOSED
#define sCW CT_SCTP_COOKIE_WAIT
#define sCE CT_SCTP_COOKIE_ECHOED
#define sES CT_SCTP_ESTABLISHED
#define sSS CT_SCTP_SHUTDOWN_SENT
#define sSR CT_SCTP_SHUTDOWN_RECD
#define sSA CT_SCTP_SHUTDOWN_ACK_SENT
#define sHS CT_SCTP_HEARTBEAT_SENT
#define sIV CT_SCTP_MAX

/* Rows of the state table, by chunk type; other chunks leave the state alone. */
enum { R_INIT, R_INIT_ACK, R_ABORT, R_SHUTDOWN, R_SHUTDOWN_ACK, R_ERROR, R_COOKIE_ECHO,
       R_COOKIE_ACK, R_SHUTDOWN_COMPLETE, R_HEARTBEAT, R_HEARTBEAT_ACK, R_NONE };

static const uint8_t chunk_rows[16] = {
	[C_DATA] = R_NONE, [C_INIT] = R_INIT, [C_INIT_ACK] = R_INIT_ACK, [C_SACK] = R_NONE,
	[C_HEARTBEAT] = R_HEARTBEAT, [C_HEARTBEAT_ACK] = R_HEARTBEAT_ACK, [C_ABORT] = R_ABORT,
	[C_SHUTDOWN] = R_SHUTDOWN, [C_SHUTDOWN_ACK] = R_SHUTDOWN_ACK, [C_ERROR] = R_ERROR,
	[C_COOKIE_ECHO] = R_COOKIE_ECHO, [C_COOKIE_ACK] = R_COOKIE_ACK, [12] = R_NONE,
	[13] = R_NONE, [C_SHUTDOWN_COMPLETE] = R_SHUTDOWN_COMPLETE, [15] = R_NONE,
};

/* The kernel's sctp_conntracks[dir][chunk row][old state] (Linux 6.x: no HEARTBEAT_ACKED). */
static const uint8_t sctp_states[2][R_NONE][CT_SCTP_MAX] = {
	{ /* ORIGINAL     sNO  sCL  sCW  sCE  sES  sSS  sSR  sSA  sHS */
	/* init      */ { sCL, sCL, sCW, sCE, sES, sCL, sCL, sSA, sCW },
	/* init_ack  */ { sCL, sCL, sCW, sCE, sES, sSS, sSR, sSA, sCL },
	/* abort     */ { sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
	/* shutdown  */ { sCL, sCL, sCW, sCE, sSS, sSS, sSR, sSA, sCL },
	/* shut_ack  */ { sSA, sCL, sCW, sCE, sES, sSA, sSA, sSA, sSA },
	/* error     */ { sCL, sCL, sCW, sCE, sES, sSS, sSR, sSA, sCL },
	/* ck_echo   */ { sCL, sCL, sCE, sCE, sES, sSS, sSR, sSA, sCL },
	/* ck_ack    */ { sCL, sCL, sCW, sES, sES, sSS, sSR, sSA, sCL },
	/* shut_comp */ { sCL, sCL, sCW, sCE, sES, sSS, sSR, sCL, sCL },
	/* hb        */ { sHS, sCL, sCW, sCE, sES, sSS, sSR, sSA, sHS },
	/* hb_ack    */ { sCL, sCL, sCW, sCE, sES, sSS, sSR, sSA, sHS },
	},
	{ /* REPLY        sNO  sCL  sCW  sCE  sES  sSS  sSR  sSA  sHS */
	/* init      */ { sIV, sCL, sCW, sCE, sES, sSS, sSR, sSA, sIV },
	/* init_ack  */ { sIV, sCW, sCW, sCE, sES, sSS, sSR, sSA, sIV },
	/* abort     */ { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sIV },
	/* shutdown  */ { sIV, sCL, sCW, sCE, sSR, sSS, sSR, sSA, sIV },
	/* shut_ack  */ { sIV, sCL, sCW, sCE, sES, sSA, sSA, sSA, sIV },
	/* error     */ { sIV, sCL, sCW, sCL, sES, sSS, sSR, sSA, sIV },
	/* ck_echo   */ { sIV, sCL, sCE, sCE, sES, sSS, sSR, sSA, sIV },
	/* ck_ack    */ { sIV, sCL, sCW, sES, sES, sSS, sSR, sSA, sIV },
	/* shut_comp */ { sIV, sCL, sCW, sCE, sES, sSS, sSR, sCL, sIV },
	/* hb        */ { sIV, sCL, sCW, sCE, sES, sSS, sSR, sSA, sHS },
	/* hb_ack    */ { sIV, sCL, sCW, sCE, sES, sSS, sSR, sSA, sES },
	},
};

/* The packet as the tracker reads it: common header and the chunk walk's bounds. */
struct sctp_pkt {
	const uint8_t *l4;
	uint32_t len;            /* bytes from the SCTP header to the packet's end */
	uint32_t vtag;
	uint8_t map[32];         /* chunk types present, one bit each */
};

struct chunk {
	uint32_t off;
	uint8_t type, flags;
	uint16_t len;
};

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool has(const struct sctp_pkt *p, uint8_t type)
{
	return p->map[type >> 3] & (1u << (type & 7));
}

/* The state after chunk @type in direction @dir from @st (sctp_new_state). */
static uint8_t next_state(enum ct_dir dir, uint8_t st, uint8_t type)
{
	unsigned row = type < 16 ? chunk_rows[type] : R_NONE;

	return row == R_NONE ? st : sctp_states[dir][row][st];
}

/* The chunk at c->off, if its header is in the packet (for_each_sctp_chunk). */
static bool chunk_at(const struct sctp_pkt *p, struct chunk *c)
{
	if (c->off + 4 > p->len)
		return false;
	c->type = p->l4[c->off];
	c->flags = p->l4[c->off + 1];
	c->len = (uint16_t)(p->l4[c->off + 2] << 8 | p->l4[c->off + 3]);
	return true;
}

static void chunk_next(struct chunk *c)
{
	c->off += ((uint32_t)c->len + 3) & ~3u;
}

/* Reads the header and checks the chunks (do_basic_checks): at least one, none
 * of length 0, COOKIE_ECHO/COOKIE_ACK only first, INIT/INIT_ACK/SHUTDOWN_COMPLETE
 * alone. Fills the chunk map. False: the packet is INVALID. */
static bool sctp_read(const struct pkt_view *pv, struct sctp_pkt *p)
{
	struct chunk c = { .off = 12 };
	bool alone = false;
	unsigned n = 0;

	if (!pv->l4_ok || pv->l4_len < 12)
		return false;
	p->l4 = pv->data + pv->l4_off;
	p->len = pv->l4_len;
	if (pv->tot_len && pv->tot_len - pv->l4_off < p->len)
		p->len = pv->tot_len - pv->l4_off;
	p->vtag = rd32(p->l4 + 4);
	memset(p->map, 0, sizeof(p->map));
	for (; chunk_at(p, &c); chunk_next(&c), n++) {
		if (c.type == C_INIT || c.type == C_INIT_ACK || c.type == C_SHUTDOWN_COMPLETE)
			alone = true;
		if (((c.type == C_COOKIE_ACK || c.type == C_COOKIE_ECHO || alone) && n) || !c.len)
			return false;
		p->map[c.type >> 3] |= (uint8_t)(1u << (c.type & 7));
	}
	return n > 0;
}

/* The initiate tag of the INIT/INIT_ACK chunk @c; false if cut short. */
static bool init_tag(const struct sctp_pkt *p, const struct chunk *c, uint32_t *tag)
{
	if (c->off + 4 + INIT_HDR > p->len)
		return false;
	*tag = rd32(p->l4 + c->off + 4);
	return true;
}

/* The tags a first packet teaches (sctp_new): every chunk must be able to
 * start from NONE in the original direction; an INIT carries tag 0. */
static bool learn_first(struct ct_entry *ct, const struct sctp_pkt *p)
{
	struct chunk c = { .off = 12 };
	uint8_t st;

	for (; chunk_at(p, &c); chunk_next(&c)) {
		st = next_state(CT_DIR_ORIGINAL, CT_SCTP_NONE, c.type);
		if (st == CT_SCTP_NONE || st == CT_SCTP_MAX)
			return false;
		if (c.type == C_INIT) {
			if (p->vtag || !init_tag(p, &c, &ct->proto.sctp.vtag[CT_DIR_REPLY]))
				return false;
		} else if (c.type == C_HEARTBEAT) {
			ct->proto.sctp.vtag[CT_DIR_ORIGINAL] = p->vtag;
		} else {
			/* out of the blue: the answer (ABORT, SHUTDOWN_COMPLETE) reflects it */
			ct->proto.sctp.vtag[CT_DIR_REPLY] = p->vtag;
		}
	}
	return true;
}

bool ct_sctp_new(struct ct_entry *ct, const struct pkt_view *pv)
{
	struct sctp_pkt p;

	memset(&ct->proto.sctp, 0, sizeof(ct->proto.sctp));
	if (!sctp_read(pv, &p))
		return false;
	/* out-of-the-blue packets with these are discarded (RFC 4960 8.4) */
	if (has(&p, C_ABORT) || has(&p, C_SHUTDOWN_COMPLETE) || has(&p, C_COOKIE_ACK))
		return false;
	return learn_first(ct, &p);
}

enum check { CHK_OK, CHK_SKIP, CHK_BAD };

/* HEARTBEAT/HEARTBEAT_ACK tags: learnt if unknown; a HEARTBEAT with another tag
 * is let through unrefreshed once, and a HEARTBEAT_ACK with a new tag from the
 * other side after it re-learns the tags (a peer restarted, multihoming). */
static enum check heartbeat_tag(struct ct_entry *ct, const struct sctp_pkt *p, uint8_t type,
				enum ct_dir dir, bool *ignore)
{
	uint32_t *vtag = ct->proto.sctp.vtag;
	uint8_t *flags = &ct->proto.sctp.flags;

	if (vtag[dir] == 0) {
		vtag[dir] = p->vtag;
		return CHK_OK;
	}
	if (p->vtag == vtag[dir]) {
		*flags &= (uint8_t)~HB_VTAG_FAILED;
		return CHK_OK;
	}
	if (has(p, C_DATA) || *ignore)
		return CHK_BAD;
	if (type == C_HEARTBEAT) {
		*flags |= HB_VTAG_FAILED;
		ct->proto.sctp.last_dir = (uint8_t)dir;
		*ignore = true;
		return CHK_SKIP;
	}
	if (!(*flags & HB_VTAG_FAILED) || ct->proto.sctp.last_dir == dir)
		return CHK_BAD;
	*flags &= (uint8_t)~HB_VTAG_FAILED;
	vtag[dir] = p->vtag;
	vtag[!dir] = 0;
	return CHK_OK;
}

/* The per-chunk verification tag rules (RFC 4960 8.5.1). */
static enum check chunk_tag(struct ct_entry *ct, const struct sctp_pkt *p, const struct chunk *c,
			    enum ct_dir dir, bool *ignore)
{
	const uint32_t *vtag = ct->proto.sctp.vtag;

	switch (c->type) {
	case C_INIT:
		return p->vtag ? CHK_BAD : CHK_OK;
	case C_ABORT:
	case C_SHUTDOWN_COMPLETE:
		return p->vtag == vtag[c->flags & CHUNK_FLAG_T ? !dir : dir] ? CHK_OK : CHK_BAD;
	case C_COOKIE_ECHO:
		return p->vtag == vtag[dir] ? CHK_OK : CHK_BAD;
	case C_COOKIE_ACK:
		ct->proto.sctp.init[0] = ct->proto.sctp.init[1] = 0;
		return CHK_OK;
	case C_HEARTBEAT:
	case C_HEARTBEAT_ACK:
		return heartbeat_tag(ct, p, c->type, dir, ignore);
	default:
		return CHK_OK;
	}
}

/* INIT and INIT_ACK tell the tag the other side must use; an INIT retransmitted
 * in CLOSED does not refresh the entry. False: INVALID. */
static bool learn_init(struct ct_entry *ct, const struct sctp_pkt *p, const struct chunk *c,
		       enum ct_dir dir, uint8_t old, uint8_t st, bool *ignore)
{
	uint8_t *init = ct->proto.sctp.init;
	uint32_t *vtag = ct->proto.sctp.vtag, tag;

	if (!init_tag(p, c, &tag))
		return false;
	if (c->type == C_INIT) {
		if (init[dir] && init[!dir])
			init[!dir] = 0;
		init[dir] = 1;
		if (st == CT_SCTP_CLOSED && old == CT_SCTP_CLOSED && ct->in_use == CT_HASHED)
			*ignore = true;
	} else {
		if (!init[!dir] && vtag[!dir] && vtag[!dir] != tag)
			return false;
		if (init[dir] && init[!dir] && vtag[!dir] != tag)
			return false;       /* INIT collision answered with another tag */
	}
	vtag[!dir] = tag;
	return true;
}

/* One chunk: its tag checks, the state table, the tags it teaches. */
static enum check chunk_step(struct ct_entry *ct, const struct sctp_pkt *p, const struct chunk *c,
			     enum ct_dir dir, bool *ignore, uint8_t *st)
{
	enum check r = chunk_tag(ct, p, c, dir, ignore);
	uint8_t old = ct->proto.sctp.state;

	if (r != CHK_OK)
		return r;
	*st = next_state(dir, old, c->type);
	if (*st == CT_SCTP_MAX)
		return CHK_BAD;
	if ((c->type == C_INIT || c->type == C_INIT_ACK) &&
	    !learn_init(ct, p, c, dir, old, *st, ignore))
		return CHK_BAD;
	ct->proto.sctp.state = *st;
	if (*st == CT_SCTP_ESTABLISHED && old != *st)
		ct->status |= CT_S_ASSURED;
	return CHK_OK;
}

/* Chunks that carry their own tag rules: the packet's tag is not checked
 * against the expected one for them. */
static bool tag_exempt(const struct sctp_pkt *p)
{
	return has(p, C_INIT) || has(p, C_SHUTDOWN_COMPLETE) || has(p, C_COOKIE_ECHO) ||
	       has(p, C_ABORT) || has(p, C_SHUTDOWN_ACK) || has(p, C_HEARTBEAT) ||
	       has(p, C_HEARTBEAT_ACK);
}

enum ct_verdict ct_sctp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			       enum ct_dir dir, uint64_t now)
{
	struct sctp_pkt p;
	struct chunk c = { .off = 12 };
	uint8_t before = ct->proto.sctp.state, st = CT_SCTP_NONE;
	bool ignore = false;
	enum ct_verdict v = CT_V_ACCEPT;

	if (!sctp_read(pv, &p) || (!tag_exempt(&p) && p.vtag != ct->proto.sctp.vtag[dir]))
		return CT_V_INVALID;
	for (; chunk_at(&p, &c); chunk_next(&c)) {
		if (chunk_step(ct, &p, &c, dir, &ignore, &st) == CHK_BAD) {
			v = CT_V_INVALID;   /* what earlier chunks changed stays */
			break;
		}
	}
	if (ct->proto.sctp.state != before && t->ev && ct->in_use == CT_HASHED)
		t->ev(t->ev_arg, CT_EV_UPDATE, ct);
	if (v == CT_V_ACCEPT && !ignore)
		ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now,
				t->cfg.to.sctp[st ? st : CT_SCTP_CLOSED]);
	return v;
}
