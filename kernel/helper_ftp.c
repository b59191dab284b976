/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The FTP helper: PORT/EPRT and 227/229 lines on the control connection expect the data connection (nf_conntrack_ftp). */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

#include "ct_priv.h"
#include "helper.h"

typedef int (*ftp_getnum)(const char *d, uint32_t dlen, struct ct_ftp_cmd *cmd, char term,
			  uint8_t family);

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* @n numbers separated by @sep, ended by @term (any non-digit if 0):
 * the length read, or 0. Values wrap as the kernel's u32 do. */
static uint32_t try_number(const char *d, uint32_t dlen, uint32_t *arr, uint32_t n, char sep,
			   char term)
{
	uint32_t i = 0, len;

	memset(arr, 0, n * sizeof(*arr));
	for (len = 0; len < dlen && i < n; len++, d++) {
		if (is_digit(*d))
			arr[i] = arr[i] * 10 + (uint32_t)(*d - '0');
		else if (*d == sep)
			i++;
		else
			return (*d == term || !term) && i == n - 1 ? len : 0;
	}
	return 0;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* h1,h2,h3,h4,p1,p2 (RFC 959) */
static int try_rfc959(const char *d, uint32_t dlen, struct ct_ftp_cmd *cmd, char term,
		      uint8_t family)
{
	uint32_t a[6], len = try_number(d, dlen, a, 6, ',', term);

	(void)family;
	if (!len)
		return 0;
	put_be32(cmd->addr, a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]);
	cmd->port = (uint16_t)(a[4] << 8 | a[5]);
	return (int)len;
}

/* 227 replies: the numbers start at the first digit (RFC 1123), any end. */
static int try_rfc1123(const char *d, uint32_t dlen, struct ct_ftp_cmd *cmd, char term,
		       uint8_t family)
{
	uint32_t i;

	(void)term;
	for (i = 0; i < dlen && !is_digit(d[i]); i++)
		;
	return i == dlen ? 0 : try_rfc959(d + i, dlen - i, cmd, 0, family);
}

/* A non-zero port up to @delim from @start: the offset after it, or 0. */
static int get_port(const char *d, uint32_t start, uint32_t dlen, char delim, uint16_t *port)
{
	uint16_t v = 0;
	uint32_t i;

	for (i = start; i < dlen; i++) {
		if (d[i] == delim) {
			if (!v)
				return 0;
			*port = v;
			return (int)i + 1;
		}
		if (!is_digit(d[i]))
			return 0;
		v = (uint16_t)(v * 10 + (d[i] - '0'));
	}
	return 0;
}

static bool bad_delim(char c)
{
	return is_digit(c) || c < 33 || c > 126;
}

/* An IPv6 address up to @delim (in6_pton): its length, or 0. */
static uint32_t get_ipv6(const char *d, uint32_t dlen, uint8_t *addr, char delim)
{
	char buf[64];
	uint32_t n;

	for (n = 0; n < dlen && d[n] != delim && d[n]; n++)
		;
	if (!n || n >= sizeof(buf))
		return 0;
	memcpy(buf, d, n);
	buf[n] = 0;
	return inet_pton(AF_INET6, buf, addr) == 1 ? n : 0;
}

/* |1|132.235.1.2|6275| or |2|3ffe::1|6275| */
static int try_eprt(const char *d, uint32_t dlen, struct ct_ftp_cmd *cmd, char term,
		    uint8_t family)
{
	uint32_t a[4], len;
	char delim;

	(void)term;
	if (dlen <= 3)
		return 0;
	delim = d[0];
	if (bad_delim(delim) || d[2] != delim)
		return 0;
	if ((family == AF_INET && d[1] != '1') || (family == AF_INET6 && d[1] != '2'))
		return 0;
	if (d[1] == '1') {
		len = try_number(d + 3, dlen - 3, a, 4, '.', delim);
		if (len)
			put_be32(cmd->addr, a[0] << 24 | a[1] << 16 | a[2] << 8 | a[3]);
	} else {
		len = get_ipv6(d + 3, dlen - 3, cmd->addr, delim);
	}
	return len ? get_port(d, 3 + len + 1, dlen, delim, &cmd->port) : 0;
}

/* (|||6446|) */
static int try_epsv(const char *d, uint32_t dlen, struct ct_ftp_cmd *cmd, char term,
		    uint8_t family)
{
	(void)term;
	(void)family;
	if (dlen <= 3 || bad_delim(d[0]) || d[1] != d[0] || d[2] != d[0])
		return 0;
	return get_port(d, 3, dlen, d[0], &cmd->port);
}

static const struct ftp_pattern {
	const char *pattern;
	uint32_t plen;
	char skip, term;
	ftp_getnum getnum;
} patterns[2][2] = {
	{ { "PORT", 4, ' ', '\r', try_rfc959 }, { "EPRT", 4, ' ', '\r', try_eprt } },
	{ { "227 ", 4, 0, 0, try_rfc1123 }, { "229 ", 4, '(', ')', try_epsv } },
};

/* 1 match, 0 none, -1 partial (find_pattern). */
static int find_pattern(const char *d, uint32_t dlen, const struct ftp_pattern *p,
			struct ct_ftp_cmd *cmd, uint8_t family)
{
	uint32_t i = p->plen;

	if (dlen <= p->plen)
		return strncasecmp(d, p->pattern, dlen) ? 0 : -1;
	if (strncasecmp(d, p->pattern, p->plen))
		return 0;
	if (p->skip) {
		for (; d[i] != p->skip; i++)
			if (i == dlen - 1)
				return -1;
		i++;
	}
	return p->getnum(d + i, dlen - i, cmd, p->term, family) ? 1 : -1;
}

int ct_ftp_parse(const char *data, uint32_t len, int dir, uint8_t family, struct ct_ftp_cmd *cmd)
{
	int i, found = 0;

	for (i = 0; i < 2 && !found; i++)
		found = find_pattern(data, len, &patterns[dir & 1][i], cmd, family);
	return found;
}

static bool seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

static bool after_nl(const struct ct_help_data *hd, int dir, uint32_t seq)
{
	unsigned i;

	for (i = 0; i < hd->seq_aft_nl_num[dir]; i++)
		if (hd->seq_aft_nl[dir][i] == seq)
			return true;
	return false;
}

/* Remembers @seq as just after a '\n' (two per direction, the newest). */
static void update_nl(struct ct_help_data *hd, int dir, uint32_t seq)
{
	uint32_t *s = hd->seq_aft_nl[dir];
	unsigned oldest;

	if (after_nl(hd, dir, seq))
		return;
	if (hd->seq_aft_nl_num[dir] < 2) {
		s[hd->seq_aft_nl_num[dir]++] = seq;
		return;
	}
	oldest = seq_before(s[0], s[1]) ? 0 : 1;
	if (seq_before(s[oldest], seq))
		s[oldest] = seq;
}

/* Expects the data connection a command announced; 0 or -1 (drop). */
static int expect_data(struct ct_table *t, const struct ct_entry *ct, int dir,
		       const struct ct_ftp_cmd *cmd, uint64_t now)
{
	struct ct_tuple tp;

	if (memcmp(cmd->addr, ct->tuple[dir].src, 16))
		return 0;            /* another host than the sender: not recorded (loose=0) */
	memset(&tp, 0, sizeof(tp));
	memcpy(tp.src, ct->tuple[!dir].src, 16);
	memcpy(tp.dst, ct->tuple[!dir].dst, 16);
	tp.dport = cmd->port;
	tp.family = ct->tuple[0].family;
	tp.proto = IPPROTO_TCP;
	tp.zone = ct->tuple[0].zone;
	return ct_expect_add(t, ct, &tp, false, now) ? -1 : 0;
}

int ct_ftp_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now)
{
	struct ct_tcp_payload pl;
	struct ct_ftp_cmd cmd;
	uint32_t datalen, seq;
	const char *data;
	int dir, found, rc = 0;

	if ((ctinfo != CT_ESTABLISHED && ctinfo != CT_ESTABLISHED_REPLY) ||
	    !ct_helper_tcp_payload(pv, &pl))
		return 0;
	data = (const char *)pl.data;
	datalen = pl.cap;
	seq = pl.seq;
	dir = ctinfo == CT_ESTABLISHED ? 0 : 1;
	if (after_nl(hd, dir, seq)) {
		memcpy(cmd.addr, ct->tuple[dir].src, 16);
		cmd.port = 0;
		found = ct_ftp_parse(data, datalen, dir, ct->tuple[0].family, &cmd);
		if (found < 0)
			return -1;   /* "partial matching": dropped, nothing remembered */
		if (found > 0)
			rc = expect_data(t, ct, dir, &cmd, now);
	}
	if (data[datalen - 1] == '\n')
		update_nl(hd, dir, seq + datalen);
	return rc;
}
