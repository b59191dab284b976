/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IPv4/IPv6 fragment reassembly before the hooks (nf_defrag_ipv4/ipv6), into preallocated slots. */
#ifndef ULOG_KERNEL_DEFRAG_H
#define ULOG_KERNEL_DEFRAG_H

#include <stdbool.h>
#include <stdint.h>

#include "../lib/pkt.h"

#define DEFRAG_SLOTS 32
#define DEFRAG_MAX_PAYLOAD 65535u
#define DEFRAG_MAX_HDR 512u                      /* IPv4 header or IPv6 unfragmentable part */

enum defrag_res {
	DEFRAG_PASS,     /* not a fragment: use the packet as it is */
	DEFRAG_HELD,     /* kept until the datagram is complete (the kernel steals it) */
	DEFRAG_DONE,     /* the last piece: the whole datagram is in *out */
	DEFRAG_BAD,      /* malformed, overlapping beyond the datagram, or too big: drop */
};

struct defrag_slot {
	bool used;
	uint8_t family, proto;
	uint8_t src[16], dst[16];
	uint32_t id;
	uint64_t first_ns;
	uint32_t total;                          /* payload length once the last piece came, else 0 */
	uint32_t hdr_len;                        /* 0 until the first piece came */
	uint8_t *buf;                            /* DEFRAG_MAX_HDR + DEFRAG_MAX_PAYLOAD bytes */
	uint64_t have[DEFRAG_MAX_PAYLOAD / 8 / 64 + 1];  /* 8-byte units received */
};

struct defrag {
	struct defrag_slot slot[DEFRAG_SLOTS];
	uint64_t timeout_ns;                     /* ipfrag_time: 30 s */
	uint64_t reassembled, timed_out, bad;
};

/* Preallocates every slot's buffer. 0 or -ENOMEM. */
int defrag_init(struct defrag *d);
void defrag_free(struct defrag *d);

/*
 * Adds the packet of view @pv (a fragment or not) at @now. DEFRAG_DONE points
 * @out at the reassembled datagram of @out_len bytes (header fixed: total length,
 * no more fragments), valid until the next call. Unfinished datagrams older
 * than the timeout are dropped when their slot is needed.
 */
enum defrag_res defrag_add(struct defrag *d, const struct pkt_view *pv, uint64_t now,
			   const uint8_t **out, uint32_t *out_len);

#endif
