/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfcore's packet buffer: the bytes from the network header, their parsed view, and the skb metadata. */
#ifndef ULOG_KERNEL_PKTBUF_H
#define ULOG_KERNEL_PKTBUF_H

#include <stdbool.h>
#include <stdint.h>

#include "../filter/ext.h"
#include "../lib/pkt.h"
#include "ct.h"

/*
 * One packet on its way through the hooks. The bytes are the caller's
 * (a pcap record, an NFQUEUE message) and must outlive the buffer; nothing
 * here is allocated. meta is what matches and targets see and change
 * (interfaces, mark, trace, the conntrack facts copied in by
 * pktbuf_ct_to_meta(), connmark/notrack/zone written back by
 * pktbuf_meta_to_ct()).
 */
struct pktbuf {
	const uint8_t *data;     /* network header */
	uint32_t len;            /* captured bytes from data */
	struct pkt_view pv;
	const uint8_t *hw;       /* hardware header (Ethernet), or NULL */
	uint16_t hw_len;
	uint16_t hw_type;        /* ARPHRD_* of hw, 0 if none */
	uint8_t family;          /* AF_INET or AF_INET6 */
	struct filter_meta meta;
	struct ct_ref ct;        /* the conntrack entry and ctinfo */
	bool ct_done;            /* the conntrack hook has run (ct is meaningful) */
};

/*
 * Prepares @b for the packet at @data (@len captured bytes from the network
 * header; family from the version nibble when @family is 0), timestamp
 * @tstamp_ns, arriving on @in and/or leaving by @out (NULL or "" for none).
 * Bytes beyond the header's total length (Ethernet padding) are cut off,
 * as the kernel trims them. Returns 0, or -EINVAL if no IPv4/IPv6 header
 * could be read.
 */
int pktbuf_init(struct pktbuf *b, const void *data, uint32_t len, uint8_t family,
		uint64_t tstamp_ns, const char *in, const char *out);

/* Sets the hardware header (source MAC into meta when Ethernet). */
void pktbuf_set_hw(struct pktbuf *b, const void *hw, uint16_t len, uint16_t hw_type);

/* Copies the packet's conntrack facts into b->meta (state bits, status,
 * mark, zone, direction, tuples, expiry, counters) as of @now_ns. */
void pktbuf_ct_to_meta(struct pktbuf *b, const struct ct_table *t, uint64_t now_ns);

/* Writes what targets changed back to the entry (CONNMARK's ct_mark). */
void pktbuf_meta_to_ct(struct pktbuf *b);

/* The XT_STATE bits (enum filter_ct_state) of a ctinfo. */
uint32_t pktbuf_ctinfo_state(uint8_t ctinfo);

#endif
