/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Packet builders for the conntrack unit tests: IPv4/IPv6 with TCP, UDP, ICMP headers, parsed with lib/pkt. */
#ifndef ULOG_TEST_CT_BUILD_H
#define ULOG_TEST_CT_BUILD_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/pkt.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

struct tpkt {
	uint8_t b[4096];
	uint32_t len;
	struct pkt_view pv;
};

static inline void put16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v); }

/* Network header for @l4len bytes of protocol @proto; returns the L4 offset. */
static inline uint32_t mk_ip(struct tpkt *t, uint8_t proto, const char *src, const char *dst,
			     uint32_t l4len)
{
	memset(t->b, 0, sizeof(t->b));
	if (strchr(src, ':')) {
		t->b[0] = 0x60;
		put16(t->b + 4, l4len);
		t->b[6] = proto;
		t->b[7] = 64;
		inet_pton(AF_INET6, src, t->b + 8);
		inet_pton(AF_INET6, dst, t->b + 24);
		t->len = 40 + l4len;
		return 40;
	}
	t->b[0] = 0x45;
	put16(t->b + 2, 20 + l4len);
	t->b[8] = 64;
	t->b[9] = proto;
	inet_pton(AF_INET, src, t->b + 12);
	inet_pton(AF_INET, dst, t->b + 16);
	t->len = 20 + l4len;
	return 20;
}

static inline struct pkt_view *tp_parse(struct tpkt *t)
{
	pkt_parse(&t->pv, t->b, t->len, 0);
	return &t->pv;
}

/* TCP with @opt (@optlen, a multiple of 4) and @pay payload bytes. */
static inline struct pkt_view *mk_tcp_opt(struct tpkt *t, const char *s, uint16_t sp, const char *d,
					  uint16_t dp, uint32_t seq, uint32_t ack, uint8_t flags,
					  uint16_t win, uint32_t pay, const uint8_t *opt, uint32_t optlen)
{
	uint32_t o = mk_ip(t, IPPROTO_TCP, s, d, 20 + optlen + pay);
	uint8_t *th = t->b + o;

	put16(th, sp);
	put16(th + 2, dp);
	put32(th + 4, seq);
	put32(th + 8, ack);
	th[12] = (uint8_t)(((20 + optlen) / 4) << 4);
	th[13] = flags;
	put16(th + 14, win);
	if (optlen)
		memcpy(th + 20, opt, optlen);
	return tp_parse(t);
}

static inline struct pkt_view *mk_tcp(struct tpkt *t, const char *s, uint16_t sp, const char *d,
				      uint16_t dp, uint32_t seq, uint32_t ack, uint8_t flags,
				      uint16_t win, uint32_t pay)
{
	return mk_tcp_opt(t, s, sp, d, dp, seq, ack, flags, win, pay, NULL, 0);
}

static inline struct pkt_view *mk_udp(struct tpkt *t, uint8_t proto, const char *s, uint16_t sp,
				      const char *d, uint16_t dp, uint32_t pay)
{
	uint32_t o = mk_ip(t, proto, s, d, 8 + pay);

	put16(t->b + o, sp);
	put16(t->b + o + 2, dp);
	put16(t->b + o + 4, proto == IPPROTO_UDPLITE ? 0 : 8 + pay);
	return tp_parse(t);
}

/* ICMP/ICMPv6 echo-style message (type, code, id, seq). */
static inline struct pkt_view *mk_icmp(struct tpkt *t, const char *s, const char *d, uint8_t type,
				       uint8_t code, uint16_t id)
{
	uint8_t proto = strchr(s, ':') ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	uint32_t o = mk_ip(t, proto, s, d, 8 + 56);

	t->b[o] = type;
	t->b[o + 1] = code;
	put16(t->b + o + 4, id);
	put16(t->b + o + 6, 1);
	return tp_parse(t);
}

/* ICMP error (type/code) from @s to @d quoting the first @qlen bytes of @inner. */
static inline struct pkt_view *mk_icmp_err(struct tpkt *t, const char *s, const char *d, uint8_t type,
					   uint8_t code, const struct tpkt *inner, uint32_t qlen)
{
	uint8_t proto = strchr(s, ':') ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	uint32_t o;

	if (qlen > inner->len)
		qlen = inner->len;
	o = mk_ip(t, proto, s, d, 8 + qlen);
	t->b[o] = type;
	t->b[o + 1] = code;
	memcpy(t->b + o + 8, inner->b, qlen);
	return tp_parse(t);
}

#endif
