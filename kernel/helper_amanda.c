/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The Amanda helper: a reply's "CONNECT DATA p MESG p INDEX p" line expects TCP connections to those ports (nf_conntrack_amanda). */
#include <netinet/in.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

#define AMANDA_MASTER_TIMEOUT 300        /* the master's new lifetime, seconds (master_timeout) */

/* skb_find_text: the offset of @pat in @d[from, to), the whole pattern
 * inside, or -1. */
static long find(const uint8_t *d, long from, long to, const char *pat)
{
	size_t n = strlen(pat);
	const uint8_t *hit;

	if (to - from < (long)n)
		return -1;
	hit = memmem(d + from, (size_t)(to - from), pat, n);
	return hit ? (long)(hit - d) : -1;
}

/* Up to 5 digits from @d[off, stop) (simple_strtoul into a u16): the port, 0 if none. */
static uint16_t port_at(const uint8_t *d, long off, long stop)
{
	unsigned long v = 0;
	long i, end = off + (stop - off < 5 ? stop - off : 5);

	for (i = off; i < end && d[i] >= '0' && d[i] <= '9'; i++)
		v = v * 10 + (unsigned long)(d[i] - '0');
	return (uint16_t)v;
}

static int expect_port(struct ct_table *t, const struct ct_entry *ct, uint16_t port, uint64_t now)
{
	struct ct_tuple tp = ct->tuple[CT_DIR_ORIGINAL];

	tp.proto = IPPROTO_TCP;
	tp.sport = 0;
	tp.dport = port;
	return ct_expect_add(t, ct, &tp, false, now) ? -1 : 0;
}

int ct_amanda_help(struct ct_table *t, struct ct_entry *ct, uint8_t ctinfo,
		   const struct pkt_view *pv, struct ct_help_data *hd, uint64_t now)
{
	static const char *const keys[] = { "DATA ", "MESG ", "INDEX " };
	const uint8_t *d = pv->data + pv->l4_off + 8;
	long start, stop, off, len;
	uint16_t port;
	unsigned i;

	(void)hd;
	if (ctinfo != CT_ESTABLISHED_REPLY || !pv->l4_ok || pv->l4proto != IPPROTO_UDP)
		return 0;        /* only what the Amanda client answers */
	if (!(ct->status & CT_S_FIXED_TIMEOUT))
		ct->expires_ns = now + (uint64_t)AMANDA_MASTER_TIMEOUT * CT_NS_PER_S;
	len = (long)pv->l4_len - 8;      /* captured payload */
	if (len <= 0 || (start = find(d, 0, len, "CONNECT ")) < 0)
		return 0;
	start += 8;
	if ((stop = find(d, start, len, "\n")) < 0)
		return 0;
	for (i = 0; i < 3; i++) {
		if ((off = find(d, start, stop, keys[i])) < 0)
			continue;
		port = port_at(d, off + (long)strlen(keys[i]), stop);
		if (!port)
			break;
		if (expect_port(t, ct, port, now))
			return -1;
	}
	return 0;
}
