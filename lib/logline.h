/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The LOG line printer: one packet as "IN=.. OUT=.. MAC=.. SRC=.. DST=.. ..." into a bounded buffer. */
#ifndef ULOG_LIB_LOGLINE_H
#define ULOG_LIB_LOGLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pkt.h"

/*
 * A neutral, already decoded view of one logged packet. Whoever has the
 * packet fills it: ulogd's PRINTPKT from BASE/IP2STR/IFINDEX keys, nfcore's
 * LOG target and TRACE from its packet buffer. A field counts only when its
 * bit is set in @valid (enum logline_bit); unset numeric fields must be 0,
 * which is what ulogd2 prints for a key it reads without checking it.
 * Strings are NUL-terminated and borrowed for the duration of the call.
 */
enum logline_bit {
	LL_PREFIX, LL_IN, LL_OUT, LL_MAC, LL_UID, LL_GID, LL_MARK,
	LL_SADDR, LL_DADDR,
	LL_IP6_PLEN, LL_IP6_TC, LL_IP6_HOPLIMIT, LL_IP6_FLOWLBL, LL_IP6_FRAG,
	LL_TCP, LL_UDP, LL_SCTP, LL_AHESP, LL_ICMP, LL_ICMP_CODE,
	LL_ARP_OP, LL_ARP_SHA, LL_ARP_SPA, LL_ARP_TPA,
};

#define LL_HAS(p, bit) (((p)->valid >> (bit)) & 1u)
#define LL_SET(p, bit) ((p)->valid |= UINT64_C(1) << (bit))

struct logline_pkt {
	uint64_t valid;              /* bits of enum logline_bit */

	/* metadata */
	const char *prefix;
	const char *in, *out;        /* interface names */
	const uint8_t *mac;          /* hardware header bytes */
	uint16_t mac_len;
	uint8_t family;              /* NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_BRIDGE, NFPROTO_ARP */
	uint16_t l2proto;            /* ETH_P_* (bridge family), host order */
	uint32_t uid, gid, mark;

	/* network layer */
	const char *saddr, *daddr;   /* addresses as text */
	uint8_t proto;               /* IPv4 protocol / IPv6 upper-layer header */
	uint8_t ip_proto;            /* names AH vs ESP (ulogd2 reads ip.protocol there) */
	uint16_t totlen;             /* IPv4 tot_len */
	uint8_t tos, ttl;
	uint16_t id;
	uint16_t fragoff;            /* IPv4 flags+offset field, host order */
	uint16_t ip6_plen;
	uint8_t ip6_tc, ip6_hoplimit;
	uint32_t ip6_flowlbl;
	uint16_t ip6_fragoff;        /* as ulogd2's BASE keeps it */
	uint32_t ip6_fragid;

	/* transport: ports for TCP, UDP and SCTP */
	uint16_t sport, dport;
	uint32_t tcp_seq, tcp_ack;
	uint16_t tcp_window, tcp_urgp;
	bool urg, ack, psh, rst, syn, fin;
	uint16_t udp_len;
	uint32_t spi;
	uint8_t icmp_type, icmp_code;
	uint16_t icmp_echoid, icmp_echoseq;
	uint32_t icmp_gateway;       /* host order, as ulogd2's BASE keeps it */
	uint16_t icmp_fragmtu;

	/* ARP */
	uint16_t arp_op;
	const uint8_t *arp_sha;      /* 6 bytes */
	const char *arp_spa, *arp_tpa;
};

/*
 * Prints @p in the format of ulogd2 2.0.8's PRINTPKT (util/printpkt.c),
 * byte for byte, including the trailing "\n". That format is the kernel LOG
 * target's with these differences, all reproduced on purpose:
 *  - the prefix is followed by one space; IN=/OUT= only when both are known;
 *    "MAC=" always (empty when no hardware header);
 *  - "TOS=%02X" without "0x"; TCP always shows SEQ= and ACK=, never RES=,
 *    CWR or ECE; UDP-Lite is "PROTO=136"; a missing transport header is a
 *    bare "INCOMPLETE" with no byte count and ends the line's packet part;
 *  - ICMP's extra fields are chosen by the ICMP *code* (ulogd2 switches on
 *    the code): ID/SEQ when the code is 0 or 8, PARAMETER= when 12,
 *    GATEWAY= (bytes of the host-order value, i.e. reversed on
 *    little-endian) when 5; MTU= never; quoted packets are not printed;
 *  - IPv6 prints "FRAG: %u ID: %08x " from the fragment header keys;
 *  - MARK= whenever the mark is known, even 0.
 * Writes at most @len bytes including the NUL. Returns the length written
 * (without the NUL), or -ENOSPC when the line did not fit (then @buf holds
 * a truncated, NUL-terminated line).
 */
int logline_ulogd2(char *buf, size_t len, const struct logline_pkt *p);

/* ---- the kernel's own dialect (the LOG target, nf_log_syslog.c) ---- */

/* LOG target flags (--log-tcp-sequence, ...), with the kernel's values. */
enum {
	LOGLINE_TCPSEQ = 0x01,
	LOGLINE_TCPOPT = 0x02,
	LOGLINE_IPOPT = 0x04,
	LOGLINE_UID = 0x08,
	LOGLINE_MACDECODE = 0x20,
};

/* What the kernel knows beside the packet bytes. */
struct logline_kmeta {
	const char *prefix;          /* printed as is: the kernel adds no space */
	const char *in, *out;        /* NULL = no such device ("IN= "); in != NULL adds MAC= */
	const uint8_t *mac;          /* hardware header of the input device, or NULL */
	uint16_t mac_len;
	unsigned flags;              /* LOGLINE_* */
	uint32_t mark;               /* printed when not 0 */
	bool has_uid;                /* a local socket with a file: UID=/GID= under LOGLINE_UID */
	uint32_t uid, gid;
};

/*
 * Prints a packet as the kernel's LOG target does (without the syslog level
 * and timestamp, without a trailing newline): "PREFIXIN=.. OUT=.. MAC=..
 * SRC=.. DST=.. LEN=.. TOS=0x.. PREC=0x.. TTL=.. ID=.. DF PROTO=TCP SPT=..
 * DPT=.. WINDOW=.. RES=0x.. SYN URGP=0 ". @l3 holds @len captured bytes
 * from the IPv4 or IPv6 header (@family AF_INET or AF_INET6); fields beyond
 * them print as the kernel prints a short skb (TRUNCATED, INCOMPLETE [N
 * bytes]). ICMP errors quote the inner packet in [...] as the kernel does.
 * Returns the length, or -ENOSPC if @buf was too small (then truncated).
 */
int logline_kernel(char *buf, size_t len, const struct logline_kmeta *m, int family,
		   const uint8_t *l3, uint32_t l3len);

/* logline_kernel() over a parsed packet view (nfcore's packet buffers). */
static inline int logline_kernel_view(char *buf, size_t len, const struct logline_kmeta *m,
				      const struct pkt_view *pv)
{
	return logline_kernel(buf, len, m, pv->family, pv->data, pv->len);
}

/*
 * TRACE lines are logline_kernel() lines with the prefix
 * "TRACE: table:chain:type:rulenum " (type "rule", "return" or "policy")
 * and these flags, as the kernel's trace_packet() logs them.
 */
#define LOGLINE_TRACE_FLAGS (LOGLINE_TCPSEQ | LOGLINE_TCPOPT | LOGLINE_IPOPT | LOGLINE_UID)

/* Writes the TRACE prefix into @buf. Returns its length or -ENOSPC. */
int logline_trace_prefix(char *buf, size_t len, const char *table, const char *chain,
			 const char *type, unsigned rulenum);

#endif
