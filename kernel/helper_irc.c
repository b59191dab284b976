/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IRC helper: a client's "PRIVMSG x :\1DCC SEND|CHAT|... name IP PORT" expects a connection to it (nf_conntrack_irc). */
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "ct_priv.h"
#include "helper.h"

#define IRC_MAX_SEARCH 4095      /* the kernel looks at 4 KiB of a packet at most */
#define IRC_MINMATCHLEN 5

static const char *const dcc_protos[] = { "SEND ", "CHAT ", "MOVE ", "TSEND ", "SCHAT " };

/* simple_strtoul(base 10) from @d[*i] up to @end: digits only, wraps as unsigned long. */
static unsigned long dec(const char *d, long *i, long end)
{
	unsigned long v = 0;

	while (*i < end && d[*i] >= '0' && d[*i] <= '9')
		v = v * 10 + (unsigned long)(d[(*i)++] - '0');
	return v;
}

/* parse_dcc: "name IP PORT" with a '\n' in the packet; 0 or -1. */
static int parse_dcc(const char *d, long i, long end, uint32_t *ip, uint16_t *port)
{
	long k;

	while (d[i++] != ' ')
		if (i > end - 12)
			return -1;
	for (k = i; k < end && d[k] != '\n'; k++)
		;
	if (k >= end)
		return -1;
	*ip = (uint32_t)dec(d, &i, end);
	while (i < end && d[i] == ' ')
		i++;
	if (i >= end)
		return -1;
	*port = (uint16_t)dec(d, &i, end);
	return 0;
}

/* Expects a TCP connection from anywhere to the client's @port. */
static int expect_dcc(struct ct_table *t, const struct ct_entry *ct, uint16_t port, uint64_t now)
{
	struct ct_tuple tp;

	memset(&tp, 0, sizeof(tp));
	memcpy(tp.dst, ct->tuple[CT_DIR_REPLY].dst, 16);
	tp.dport = port;
	tp.family = ct->tuple[0].family;
	tp.proto = IPPROTO_TCP;
	tp.zone = ct->tuple[0].zone;
	return ct_expect_add(t, ct, &tp, true, now) ? -1 : 0;
}

/* The DCC protocols after "\1DCC " at @i: 1 expected, 0 none, -1 drop. */
static int dcc_at(struct ct_table *t, const struct ct_entry *ct, const char *d, long *i, long end,
		  uint64_t now)
{
	uint32_t ip, client;
	uint16_t port;
	unsigned p;

	memcpy(&client, ct->tuple[CT_DIR_ORIGINAL].src, 4);
	for (p = 0; p < sizeof(dcc_protos) / sizeof(dcc_protos[0]); p++) {
		size_t n = strlen(dcc_protos[p]);

		if (*i + (long)n > end || memcmp(d + *i, dcc_protos[p], n))
			continue;
		*i += (long)n;
		if (parse_dcc(d, *i, end, &ip, &port))
			continue;
		/* the announced address must be the client's (no NAT: the
		 * original source is the reply destination) */
		if (htonl(ip) != client)
			continue;
		return expect_dcc(t, ct, port, now) ? -1 : 1;
	}
	return 0;
}

int ct_irc_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now)
{
	struct ct_tcp_payload pl;
	const char *d;
	long i = 0, end;
	int rc;

	(void)hd;
	if (ctinfo != CT_ESTABLISHED || !ct_helper_tcp_payload(pv, &pl))
		return 0;        /* only the client's side, once traffic went both ways */
	end = pl.cap > IRC_MAX_SEARCH ? IRC_MAX_SEARCH : (long)pl.cap;
	d = (const char *)pl.data;
	while (i < end - 10 && (d[i] == ' ' || d[i] == '\r' || d[i] == '\n'))
		i++;
	if (i < end - 10) {
		if (strncasecmp("PRIVMSG ", d + i, 8))
			return 0;
		i += 8;
	}
	while (i < end - (21 + IRC_MINMATCHLEN)) {
		if (memcmp(d + i, " :", 2)) {
			i++;
			continue;
		}
		i += 2;
		if (memcmp(d + i, "\1DCC ", 5))
			return 0;
		i += 5;
		rc = dcc_at(t, ct, d, &i, end, now);
		if (rc)
			return rc < 0 ? -1 : 0;
	}
	return 0;
}
