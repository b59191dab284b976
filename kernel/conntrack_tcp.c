/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The TCP tracker: the kernel's state table, window tracking, loose pickup and timeouts (nf_conntrack_proto_tcp). */
#include <string.h>
#include <netinet/in.h>

#include "ct_priv.h"

enum tcp_bit_set { TCP_SYN_SET, TCP_SYNACK_SET, TCP_FIN_SET, TCP_ACK_SET, TCP_RST_SET, TCP_NONE_SET };

enum {
	TH_FIN = 0x01, TH_SYN = 0x02, TH_RST = 0x04, TH_PSH = 0x08,
	TH_ACK = 0x10, TH_URG = 0x20, TH_ECE = 0x40, TH_CWR = 0x80,
};

#define sNO CT_TCP_NONE
#define sSS CT_TCP_SYN_SENT
#define sSR CT_TCP_SYN_RECV
#define sES CT_TCP_ESTABLISHED
#define sFW CT_TCP_FIN_WAIT
#define sCW CT_TCP_CLOSE_WAIT
#define sLA CT_TCP_LAST_ACK
#define sTW CT_TCP_TIME_WAIT
#define sCL CT_TCP_CLOSE
#define sS2 CT_TCP_SYN_SENT2
#define sIV CT_TCP_MAX
#define sIG CT_TCP_IGNORE

/* The kernel's tcp_conntracks[dir][flag set][old state] (Linux 6.x). */
static const uint8_t tcp_states[2][6][CT_TCP_MAX] = {
	{ /* ORIGINAL:  sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2 */
	/* syn    */ { sSS, sSS, sIG, sIG, sIG, sIG, sIG, sSS, sSS, sS2 },
	/* synack */ { sIV, sIV, sSR, sIV, sIV, sIV, sIV, sIV, sIV, sSR },
	/* fin    */ { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
	/* ack    */ { sES, sIV, sES, sES, sCW, sCW, sTW, sTW, sCL, sIV },
	/* rst    */ { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
	/* none   */ { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
	},
	{ /* REPLY:     sNO  sSS  sSR  sES  sFW  sCW  sLA  sTW  sCL  sS2 */
	/* syn    */ { sIV, sS2, sIV, sIV, sIV, sIV, sIV, sSS, sIV, sS2 },
	/* synack */ { sIV, sSR, sIG, sIG, sIG, sIG, sIG, sIG, sIG, sSR },
	/* fin    */ { sIV, sIV, sFW, sFW, sLA, sLA, sLA, sTW, sCL, sIV },
	/* ack    */ { sIV, sIG, sSR, sES, sCW, sCW, sTW, sTW, sCL, sIG },
	/* rst    */ { sIV, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL, sCL },
	/* none   */ { sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV, sIV },
	},
};

/* The fields of one segment the tracker reads. */
struct seg {
	uint32_t seq, ack, end;
	uint16_t win;
	uint8_t flags;
	const uint8_t *opt;      /* options (captured part) */
	uint32_t optlen;
};

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}
#define after(a, b) before(b, a)

static void seg_read(const struct pkt_view *pv, struct seg *s)
{
	const uint8_t *th = pv->data + pv->l4_off;
	uint32_t doff = (uint32_t)(th[12] >> 4) * 4;
	uint32_t len = ct_pkt_len(pv);

	s->seq = rd32(th + 4);
	s->ack = rd32(th + 8);
	s->flags = th[13];
	s->win = (uint16_t)(th[14] << 8 | th[15]);
	s->end = s->seq + (len - pv->l4_off - doff) + !!(s->flags & TH_SYN) + !!(s->flags & TH_FIN);
	s->opt = th + 20;
	s->optlen = doff - 20;
	if (s->optlen > pv->l4_len - 20)
		s->optlen = pv->l4_len - 20;
}

static unsigned flag_index(uint8_t f)
{
	if (f & TH_RST)
		return TCP_RST_SET;
	if (f & TH_SYN)
		return f & TH_ACK ? TCP_SYNACK_SET : TCP_SYN_SET;
	if (f & TH_FIN)
		return TCP_FIN_SET;
	if (f & TH_ACK)
		return TCP_ACK_SET;
	return TCP_NONE_SET;
}

bool ct_tcp_error(const struct pkt_view *pv)
{
	static const uint8_t ok[256] = {
		[TH_SYN] = 1, [TH_SYN | TH_URG] = 1, [TH_SYN | TH_ACK] = 1,
		[TH_RST] = 1, [TH_RST | TH_ACK] = 1,
		[TH_FIN | TH_ACK] = 1, [TH_FIN | TH_ACK | TH_URG] = 1,
		[TH_ACK] = 1, [TH_ACK | TH_URG] = 1,
	};
	const uint8_t *th;
	uint32_t doff;

	if (!pv->l4_ok)
		return true;
	th = pv->data + pv->l4_off;
	doff = (uint32_t)(th[12] >> 4) * 4;
	if (doff < 20 || ct_pkt_len(pv) < pv->l4_off + doff)
		return true;
	return !ok[th[13] & (uint8_t)~(TH_ECE | TH_CWR | TH_PSH)];
}

/* Window scale and SACK-permitted options into @side (tcp_options()). */
static void tcp_options(const struct seg *s, struct ct_tcp_side *side)
{
	const uint8_t *p = s->opt;
	int len = (int)s->optlen;

	if (!len)
		return;
	side->td_scale = 0;
	side->flags = 0;
	while (len > 0) {
		int op = *p++, sz;

		if (op == 0)
			return;
		if (op == 1) {
			len--;
			continue;
		}
		if (len < 2)
			return;
		sz = *p++;
		if (sz < 2 || sz > len)
			return;
		if (op == 4 && sz == 2)
			side->flags |= CT_TCPF_SACK_PERM;
		else if (op == 3 && sz == 3) {
			side->td_scale = p[0] > 14 ? 14 : p[0];
			side->flags |= CT_TCPF_WINDOW_SCALE;
		}
		p += sz - 2;
		len -= sz;
	}
}

/* The highest right edge of the SACK blocks, if above *@sack (tcp_sack()). */
static void tcp_sack(const struct seg *s, uint32_t *sack)
{
	const uint8_t *p = s->opt;
	int len = (int)s->optlen;

	while (len > 0) {
		int op = *p++, sz, i;

		if (op == 0)
			return;
		if (op == 1) {
			len--;
			continue;
		}
		if (len < 2)
			return;
		sz = *p++;
		if (sz < 2 || sz > len)
			return;
		if (op == 5 && sz >= 10 && !((sz - 2) % 8)) {
			for (i = 0; i < sz - 2; i += 8) {
				uint32_t edge = rd32(p + i + 4);

				if (after(edge, *sack))
					*sack = edge;
			}
			return;
		}
		p += sz - 2;
		len -= sz;
	}
}

bool ct_tcp_new(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv)
{
	struct ct_tcp *tc = &ct->proto.tcp;
	struct seg s;
	unsigned st;

	seg_read(pv, &s);
	st = tcp_states[0][flag_index(s.flags)][CT_TCP_NONE];
	if (st >= CT_TCP_MAX)
		return false;
	memset(tc, 0, sizeof(*tc));
	tc->seen[0].td_end = s.end;
	tc->seen[0].td_maxwin = s.win ? s.win : 1;
	if (st == CT_TCP_SYN_SENT) {
		tc->seen[0].td_maxend = s.end;
		tcp_options(&s, &tc->seen[0]);
	} else {
		if (!t->cfg.tcp_loose)
			return false;
		/* mid-stream pickup: history lost; assume SACK and be liberal */
		tc->seen[0].td_maxend = s.end + tc->seen[0].td_maxwin;
		tc->seen[0].flags = tc->seen[1].flags = CT_TCPF_SACK_PERM | CT_TCPF_BE_LIBERAL;
	}
	tc->last_index = TCP_NONE_SET;
	return true;
}

enum win_res { WIN_ACCEPT, WIN_IGNORE, WIN_INVALID };

static enum win_res liberal(const struct ct_table *t, const struct ct_tcp_side *sender,
			    enum win_res r)
{
	return (sender->flags & CT_TCPF_BE_LIBERAL) || t->cfg.tcp_be_liberal ? WIN_ACCEPT : r;
}

static uint32_t max_ack_window(const struct ct_tcp_side *sender)
{
	return sender->td_maxwin > 66000 ? sender->td_maxwin : 66000;
}

static void init_sender(struct ct_tcp_side *snd, struct ct_tcp_side *rcv, const struct seg *s)
{
	snd->td_end = s->end;
	snd->td_maxend = s->end + s->win;
	snd->td_maxwin = s->win ? s->win : 1;
	tcp_options(s, snd);
	/* RFC 1323: scaling only when both sides offer it */
	if (!((snd->flags & CT_TCPF_WINDOW_SCALE) && (rcv->flags & CT_TCPF_WINDOW_SCALE)))
		snd->td_scale = rcv->td_scale = 0;
}

/* Initial and re-initial sender data. Returns true when the segment is
 * accepted at once (simultaneous open). */
static bool window_init(struct ct_tcp *tc, enum ct_dir dir, const struct seg *s, uint32_t sack)
{
	struct ct_tcp_side *snd = &tc->seen[dir], *rcv = &tc->seen[!dir];
	uint32_t swin;

	if (snd->td_maxwin == 0) {
		if (s->flags & TH_SYN) {
			init_sender(snd, rcv, s);
			return !(s->flags & TH_ACK);
		}
		snd->td_end = s->end;
		swin = (uint32_t)s->win << snd->td_scale;
		snd->td_maxwin = swin ? swin : 1;
		snd->td_maxend = s->end + snd->td_maxwin;
		if (rcv->td_maxwin == 0)
			rcv->td_end = rcv->td_maxend = sack;
		else if (sack == rcv->td_end + 1)
			rcv->td_end++;
	} else if ((s->flags & TH_SYN) && after(s->end, snd->td_end) &&
		   (tc->state == CT_TCP_SYN_SENT || tc->state == CT_TCP_SYN_RECV)) {
		init_sender(snd, rcv, s);
		if (dir == CT_DIR_REPLY && !(s->flags & TH_ACK))
			return true;
	}
	return false;
}

/* Records the segment for retransmission detection (an ACK seen again). */
static void note_retrans(struct ct_tcp *tc, enum ct_dir dir, unsigned index, const struct seg *s,
			 uint32_t ack)
{
	if (index != TCP_ACK_SET)
		return;
	if (tc->last_dir == dir && tc->last_seq == s->seq && tc->last_ack == ack &&
	    tc->last_end == s->end && tc->last_win == s->win) {
		if (tc->retrans < 255)
			tc->retrans++;
		return;
	}
	tc->last_dir = (uint8_t)dir;
	tc->last_seq = s->seq;
	tc->last_ack = ack;
	tc->last_end = s->end;
	tc->last_win = s->win;
	tc->retrans = 0;
}

/* The kernel's tcp_in_window(). */
static enum win_res in_window(const struct ct_table *t, struct ct_tcp *tc, enum ct_dir dir,
			      unsigned index, const struct seg *s)
{
	struct ct_tcp_side *snd = &tc->seen[dir], *rcv = &tc->seen[!dir];
	uint32_t seq = s->seq, ack = s->ack, sack = s->ack, end = s->end, win = s->win, swin;

	if (rcv->flags & CT_TCPF_SACK_PERM)
		tcp_sack(s, &sack);
	if (window_init(tc, dir, s, sack))
		return WIN_ACCEPT;
	if (!(s->flags & TH_ACK))
		ack = sack = rcv->td_end;
	else if ((s->flags & (TH_ACK | TH_RST)) == (TH_ACK | TH_RST) && ack == 0)
		ack = sack = rcv->td_end;       /* broken stacks: RST+ACK with ack 0 */
	if ((s->flags & TH_RST) && seq == 0 && tc->state == CT_TCP_SYN_SENT)
		seq = end = snd->td_end;        /* RST answering a SYN */

	if (!before(seq, snd->td_maxend + 1)) {
		uint32_t overshot = end - snd->td_maxend + 1;
		bool ack_ok = after(sack, rcv->td_end - max_ack_window(snd) - 1);
		bool in_recv = rcv->td_maxwin && after(end, snd->td_end - rcv->td_maxwin - 1);

		if (in_recv && ack_ok && overshot <= rcv->td_maxwin && before(sack, rcv->td_end + 1)) {
			snd->td_end = end;
			snd->flags |= CT_TCPF_DATA_UNACK;
			return WIN_ACCEPT;
		}
		return liberal(t, snd, WIN_INVALID);   /* SEQ over upper bound */
	}
	if (!before(sack, rcv->td_end + 1))
		return liberal(t, snd, WIN_INVALID);   /* ACK over upper bound */
	if (rcv->td_maxwin && !after(end, snd->td_end - rcv->td_maxwin - 1))
		return liberal(t, snd, WIN_IGNORE);    /* SEQ under lower bound */
	if (!after(sack, rcv->td_end - max_ack_window(snd) - 1))
		return liberal(t, snd, WIN_IGNORE);    /* ACK under lower bound */

	if (!(s->flags & TH_SYN))
		win <<= snd->td_scale;
	swin = win + (sack - ack);
	if (snd->td_maxwin < swin)
		snd->td_maxwin = swin;
	if (after(end, snd->td_end)) {
		snd->td_end = end;
		snd->flags |= CT_TCPF_DATA_UNACK;
	}
	if (s->flags & TH_ACK) {
		if (!(snd->flags & CT_TCPF_MAXACK_SET)) {
			snd->td_maxack = ack;
			snd->flags |= CT_TCPF_MAXACK_SET;
		} else if (after(ack, snd->td_maxack)) {
			snd->td_maxack = ack;
		}
	}
	if (rcv->td_maxwin != 0 && after(end, snd->td_maxend))
		rcv->td_maxwin += end - snd->td_maxend;
	if (after(sack + win, rcv->td_maxend - 1)) {
		rcv->td_maxend = sack + win;
		if (win == 0)
			rcv->td_maxend++;
	}
	if (ack == rcv->td_end)
		rcv->flags &= (uint8_t)~CT_TCPF_DATA_UNACK;
	note_retrans(tc, dir, index, s, ack);
	return WIN_ACCEPT;
}

/* Remembers an ignored segment (sIG) so that a later answer can resync. */
static void note_ignored(struct ct_tcp *tc, enum ct_dir dir, unsigned index, unsigned old_state,
			 const struct seg *s)
{
	tc->last_index = (uint8_t)index;
	tc->last_dir = (uint8_t)dir;
	tc->last_seq = s->seq;
	tc->last_end = s->end;
	tc->last_win = s->win;
	if (index == TCP_SYN_SET && dir == CT_DIR_ORIGINAL) {
		struct ct_tcp_side seen = { 0 };

		tc->last_flags = tc->last_wscale = 0;
		tcp_options(s, &seen);
		if (seen.flags & CT_TCPF_WINDOW_SCALE) {
			tc->last_flags |= CT_TCPF_WINDOW_SCALE;
			tc->last_wscale = seen.td_scale;
		}
		if (seen.flags & CT_TCPF_SACK_PERM)
			tc->last_flags |= CT_TCPF_SACK_PERM;
		if (old_state == CT_TCP_LAST_ACK)
			tc->last_flags |= CT_TCPF_CHALLENGE_ACK;
	}
}

/* A SYN/ACK answering a SYN we ignored: take the annotated values. */
static bool resync_synack(struct ct_tcp *tc, enum ct_dir dir, unsigned index, const struct seg *s)
{
	struct ct_tcp_side *o;

	if (!(index == TCP_SYNACK_SET && tc->last_index == TCP_SYN_SET && tc->last_dir != dir &&
	      s->ack == tc->last_end))
		return false;
	o = &tc->seen[tc->last_dir];
	o->td_end = tc->last_end;
	o->td_maxend = tc->last_end;
	o->td_maxwin = tc->last_win ? tc->last_win : 1;
	o->td_scale = tc->last_wscale;
	tc->last_flags &= (uint8_t)~CT_TCPF_CHALLENGE_ACK;
	o->flags = tc->last_flags & (CT_TCPF_WINDOW_SCALE | CT_TCPF_SACK_PERM);
	memset(&tc->seen[dir], 0, sizeof(tc->seen[dir]));
	return true;
}

enum step { STEP_WINDOW, STEP_SKIP_WINDOW, STEP_ACCEPT_ASIS, STEP_INVALID, STEP_REPEAT };

/* RST checks in CLOSE (the kernel's TCP_CONNTRACK_CLOSE case). */
static enum step rst_check(const struct ct_entry *ct, enum ct_dir dir, const struct seg *s,
			   unsigned old_state, unsigned *new_state)
{
	const struct ct_tcp *tc = &ct->proto.tcp;

	if (tc->seen[!dir].flags & CT_TCPF_MAXACK_SET) {
		if (before(s->seq, tc->seen[!dir].td_maxack))
			return STEP_INVALID;            /* invalid RST */
		if (old_state == CT_TCP_ESTABLISHED && s->seq != tc->seen[!dir].td_maxack &&
		    !(tc->last_index == TCP_ACK_SET && tc->last_dir == dir && s->seq == tc->last_end))
			*new_state = old_state;         /* keep for a challenge ACK */
	}
	if ((((ct->status & CT_S_SEEN_REPLY) && tc->last_index == TCP_SYN_SET) ||
	     (!(ct->status & CT_S_ASSURED) && tc->last_index == TCP_ACK_SET)) &&
	    s->ack == tc->last_end)
		return STEP_SKIP_WINDOW;                /* RST to a SYN/ACK we let through */
	return STEP_WINDOW;
}

/* The state-table special cases before window checking. */
static enum step pre_window(struct ct_entry *ct, enum ct_dir dir, unsigned index,
			    const struct seg *s, unsigned *old_state, unsigned *new_state)
{
	struct ct_tcp *tc = &ct->proto.tcp;

	switch (*new_state) {
	case CT_TCP_SYN_SENT:
		if (*old_state < CT_TCP_TIME_WAIT)
			return STEP_WINDOW;
		if (((tc->seen[dir].flags | tc->seen[!dir].flags) & CT_TCPF_CLOSE_INIT) ||
		    (tc->last_dir == dir && tc->last_index == TCP_RST_SET))
			return STEP_REPEAT;             /* reopen: new entry */
		/* fall through */
	case CT_TCP_IGNORE:
		if (resync_synack(tc, dir, index, s)) {
			*old_state = CT_TCP_SYN_SENT;
			*new_state = CT_TCP_SYN_RECV;
			return STEP_WINDOW;
		}
		note_ignored(tc, dir, index, *old_state, s);
		return STEP_ACCEPT_ASIS;
	case CT_TCP_TIME_WAIT:
		if (*old_state == CT_TCP_LAST_ACK && index == TCP_ACK_SET && tc->last_dir != dir &&
		    tc->last_index == TCP_SYN_SET && (tc->last_flags & CT_TCPF_CHALLENGE_ACK)) {
			tc->last_flags &= (uint8_t)~CT_TCPF_CHALLENGE_ACK;
			return STEP_ACCEPT_ASIS;        /* RFC 5961 challenge ACK */
		}
		return STEP_WINDOW;
	case CT_TCP_SYN_SENT2:
		tc->last_flags |= CT_TCPF_SIMULTANEOUS_OPEN;
		return STEP_WINDOW;
	case CT_TCP_SYN_RECV:
		if (dir == CT_DIR_REPLY && index == TCP_ACK_SET &&
		    (tc->last_flags & CT_TCPF_SIMULTANEOUS_OPEN))
			*new_state = CT_TCP_ESTABLISHED;
		return STEP_WINDOW;
	case CT_TCP_CLOSE:
		if (index != TCP_RST_SET)
			return STEP_WINDOW;
		return rst_check(ct, dir, s, *old_state, new_state);
	case CT_TCP_MAX:
		return STEP_INVALID;
	default:
		return STEP_WINDOW;
	}
}

/* Out-of-window FIN/RST on an assured entry: shorten it like unacked data. */
static void handle_invalid(struct ct_table *t, struct ct_entry *ct, unsigned index, uint64_t now)
{
	uint64_t unack = (uint64_t)t->cfg.to.tcp[CT_TCP_UNACK] * CT_NS_PER_S;

	if (!(ct->status & CT_S_ASSURED) || (ct->status & CT_S_FIXED_TIMEOUT))
		return;
	if (index != TCP_FIN_SET && index != TCP_RST_SET)
		return;
	if (ct->expires_ns > now + unack)
		ct->expires_ns = now + unack;
}

static uint32_t pick_timeout(const struct ct_table *t, const struct ct_tcp *tc, unsigned index,
			     unsigned st)
{
	const uint32_t *to = t->cfg.to.tcp;

	if (tc->retrans >= t->cfg.tcp_max_retrans && to[st] > to[CT_TCP_RETRANS])
		return to[CT_TCP_RETRANS];
	if (index == TCP_RST_SET)
		return to[CT_TCP_CLOSE];
	if (((tc->seen[0].flags | tc->seen[1].flags) & CT_TCPF_DATA_UNACK) &&
	    to[st] > to[CT_TCP_UNACK])
		return to[CT_TCP_UNACK];
	if (tc->last_win == 0 && to[st] > to[CT_TCP_RETRANS])
		return to[CT_TCP_RETRANS];
	return to[st];
}

/* After an in-window segment: new state, timeout, ASSURED (tail of nf_conntrack_tcp_packet). */
static void commit_state(struct ct_table *t, struct ct_entry *ct, enum ct_dir dir, unsigned index,
			 unsigned old_state, unsigned new_state, const struct pkt_view *pv,
			 uint64_t now)
{
	struct ct_tcp *tc = &ct->proto.tcp;
	uint32_t timeout;

	tc->last_index = (uint8_t)index;
	tc->last_dir = (uint8_t)dir;
	tc->state = (uint8_t)new_state;
	if (old_state != new_state && new_state == CT_TCP_FIN_WAIT)
		tc->seen[dir].flags |= CT_TCPF_CLOSE_INIT;
	timeout = pick_timeout(t, tc, index, new_state);
	if (old_state != new_state && t->ev && ct->in_use == 2)
		t->ev(t->ev_arg, CT_EV_UPDATE, ct);

	if (!(ct->status & CT_S_SEEN_REPLY)) {
		if (index == TCP_RST_SET) {
			/* the only reply is a RST: forget the connection */
			ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now, timeout);
			ct_kill_soon(ct, now);
			return;
		}
		if (index == TCP_SYN_SET && old_state == CT_TCP_SYN_SENT)
			return;     /* SYN retransmission: neither counted nor refreshed */
		if (new_state == CT_TCP_ESTABLISHED && timeout > t->cfg.to.tcp[CT_TCP_UNACK])
			timeout = t->cfg.to.tcp[CT_TCP_UNACK];
	} else if (!(ct->status & CT_S_ASSURED) &&
		   (old_state == CT_TCP_SYN_RECV || old_state == CT_TCP_ESTABLISHED) &&
		   new_state == CT_TCP_ESTABLISHED) {
		ct->status |= CT_S_ASSURED;
	}
	ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now, timeout);
}

enum ct_verdict ct_tcp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			      enum ct_dir dir, uint64_t now)
{
	struct ct_tcp *tc = &ct->proto.tcp;
	unsigned index, old_state, new_state;
	struct seg s;

	seg_read(pv, &s);
	old_state = tc->state;
	index = flag_index(s.flags);
	new_state = tcp_states[dir][index][old_state];

	switch (pre_window(ct, dir, index, &s, &old_state, &new_state)) {
	case STEP_REPEAT:
		ct_kill(t, ct, now);
		return CT_V_REPEAT;
	case STEP_INVALID:
		return CT_V_INVALID;
	case STEP_ACCEPT_ASIS:
		t->st.ignore++;
		return CT_V_ACCEPT;
	case STEP_WINDOW:
		switch (in_window(t, tc, dir, index, &s)) {
		case WIN_IGNORE:
			t->st.ignore++;
			return CT_V_ACCEPT;
		case WIN_INVALID:
			handle_invalid(t, ct, index, now);
			return CT_V_INVALID;
		case WIN_ACCEPT:
			break;
		}
		break;
	case STEP_SKIP_WINDOW:
		break;
	}
	commit_state(t, ct, dir, index, old_state, new_state, pv, now);
	return CT_V_ACCEPT;
}
