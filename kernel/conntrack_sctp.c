/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The SCTP tracker, basic: association set-up, shutdown and abort by chunk type, with the kernel's timeouts. */
#include <netinet/in.h>

#include "ct_priv.h"

enum sctp_chunk {
	C_DATA = 0, C_INIT = 1, C_INIT_ACK = 2, C_SACK = 3, C_HEARTBEAT = 4, C_HEARTBEAT_ACK = 5,
	C_ABORT = 6, C_SHUTDOWN = 7, C_SHUTDOWN_ACK = 8, C_ERROR = 9, C_COOKIE_ECHO = 10,
	C_COOKIE_ACK = 11, C_SHUTDOWN_COMPLETE = 14,
};

/* The state after chunk @type in direction @dir from @st. */
static uint8_t sctp_next(uint8_t st, uint8_t type, enum ct_dir dir)
{
	switch (type) {
	case C_INIT:
		return st <= CT_SCTP_COOKIE_WAIT ? CT_SCTP_COOKIE_WAIT : st;
	case C_COOKIE_ECHO:
		return st == CT_SCTP_COOKIE_WAIT || st == CT_SCTP_CLOSED ? CT_SCTP_COOKIE_ECHOED : st;
	case C_COOKIE_ACK:
		return st == CT_SCTP_COOKIE_ECHOED ? CT_SCTP_ESTABLISHED : st;
	case C_SHUTDOWN:
		if (st != CT_SCTP_ESTABLISHED)
			return st;
		return dir == CT_DIR_ORIGINAL ? CT_SCTP_SHUTDOWN_SENT : CT_SCTP_SHUTDOWN_RECD;
	case C_SHUTDOWN_ACK:
		return st == CT_SCTP_SHUTDOWN_SENT || st == CT_SCTP_SHUTDOWN_RECD ?
		       CT_SCTP_SHUTDOWN_ACK_SENT : st;
	case C_SHUTDOWN_COMPLETE:
	case C_ABORT:
		return CT_SCTP_CLOSED;
	case C_HEARTBEAT:
		return st == CT_SCTP_NONE ? CT_SCTP_HEARTBEAT_SENT : st;
	case C_HEARTBEAT_ACK:
		return st == CT_SCTP_HEARTBEAT_SENT ? CT_SCTP_ESTABLISHED : st;
	default:
		return st;
	}
}

/* First chunk type of the packet, or -1 if there is none. */
static int first_chunk(const struct pkt_view *pv)
{
	return pv->l4_ok && pv->l4_len >= 16 ? pv->data[pv->l4_off + 12] : -1;
}

bool ct_sctp_new(struct ct_entry *ct, const struct pkt_view *pv)
{
	int c = first_chunk(pv);

	if (c != C_INIT && c != C_HEARTBEAT)
		return false;
	ct->proto.sctp.state = CT_SCTP_NONE;
	return true;
}

enum ct_verdict ct_sctp_packet(struct ct_table *t, struct ct_entry *ct, const struct pkt_view *pv,
			       enum ct_dir dir, uint64_t now)
{
	const uint8_t *p;
	uint32_t off = 12, avail;
	uint8_t old = ct->proto.sctp.state, st = old;

	if (!pv->l4_ok || pv->l4_len < 16)
		return CT_V_INVALID;
	p = pv->data + pv->l4_off;
	avail = pv->l4_len;
	while (off + 4 <= avail) {
		uint32_t clen = (uint32_t)(p[off + 2] << 8 | p[off + 3]);

		st = sctp_next(st, p[off], dir);
		if (clen < 4)
			break;
		off += (clen + 3) & ~3u;
	}
	ct->proto.sctp.state = st;
	if (st == CT_SCTP_ESTABLISHED && old != st && (ct->status & CT_S_SEEN_REPLY || dir))
		ct->status |= CT_S_ASSURED;
	if (st != old && t->ev && ct->in_use == 2)
		t->ev(t->ev_arg, CT_EV_UPDATE, ct);
	ct_refresh_acct(t, ct, dir, ct_pkt_len(pv), now, t->cfg.to.sctp[st ? st : CT_SCTP_CLOSED]);
	return CT_V_ACCEPT;
}
