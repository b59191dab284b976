/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The output keys of packet inputs (ulogd2 2.0.8's NFLOG keys) and their filling from a struct nfula_pkt. */
#ifndef ULOGD_INPUT_NFLOG_KEYS_H
#define ULOGD_INPUT_NFLOG_KEYS_H

#include <time.h>

#include "../../lib/nfula.h"
#include "../plugin.h"

/* In ulogd2 2.0.8's order: configs and --info list them the same way. */
enum nflog_key {
	NFLOG_KEY_RAW_MAC,
	NFLOG_KEY_RAW_PKT,
	NFLOG_KEY_RAW_PKTLEN,
	NFLOG_KEY_RAW_PKTCOUNT,
	NFLOG_KEY_OOB_PREFIX,
	NFLOG_KEY_OOB_TIME_SEC,
	NFLOG_KEY_OOB_TIME_USEC,
	NFLOG_KEY_OOB_MARK,
	NFLOG_KEY_OOB_IFINDEX_IN,
	NFLOG_KEY_OOB_IFINDEX_OUT,
	NFLOG_KEY_OOB_HOOK,
	NFLOG_KEY_RAW_MAC_LEN,
	NFLOG_KEY_OOB_SEQ_LOCAL,
	NFLOG_KEY_OOB_SEQ_GLOBAL,
	NFLOG_KEY_OOB_FAMILY,
	NFLOG_KEY_OOB_PROTOCOL,
	NFLOG_KEY_OOB_UID,
	NFLOG_KEY_OOB_GID,
	NFLOG_KEY_RAW_LABEL,
	NFLOG_KEY_RAW_TYPE,
	NFLOG_KEY_RAW_MAC_SADDR,
	NFLOG_KEY_RAW_MAC_ADDRLEN,
	NFLOG_KEY_RAW,
	NFLOG_KEY_CT,
	NFLOG_KEY_N
};

#define NFLOG_KEY(k, n, t, f, h) [k] = { .name = (n), .type = (t), .ipfix_field = (f), .help = (h) }

/* IPFIX information element ids (vendor 0, IETF) where ulogd2 names one. */
static const struct ulog_key_def nflog_keys[NFLOG_KEY_N] = {
	NFLOG_KEY(NFLOG_KEY_RAW_MAC, "raw.mac", ULOG_T_RAW, 0, "hardware header"),
	NFLOG_KEY(NFLOG_KEY_RAW_PKT, "raw.pkt", ULOG_T_RAW, 0, "packet from the network header"),
	NFLOG_KEY(NFLOG_KEY_RAW_PKTLEN, "raw.pktlen", ULOG_T_UINT32, 0, "bytes in raw.pkt"),
	NFLOG_KEY(NFLOG_KEY_RAW_PKTCOUNT, "raw.pktcount", ULOG_T_UINT32, 2, "always 1"),
	NFLOG_KEY(NFLOG_KEY_OOB_PREFIX, "oob.prefix", ULOG_T_STRING, 0, "log prefix"),
	NFLOG_KEY(NFLOG_KEY_OOB_TIME_SEC, "oob.time.sec", ULOG_T_UINT32, 150, "timestamp, seconds"),
	NFLOG_KEY(NFLOG_KEY_OOB_TIME_USEC, "oob.time.usec", ULOG_T_UINT32, 154,
		  "timestamp, microseconds"),
	NFLOG_KEY(NFLOG_KEY_OOB_MARK, "oob.mark", ULOG_T_UINT32, 0, "packet mark"),
	NFLOG_KEY(NFLOG_KEY_OOB_IFINDEX_IN, "oob.ifindex_in", ULOG_T_UINT32, 10, "input interface"),
	NFLOG_KEY(NFLOG_KEY_OOB_IFINDEX_OUT, "oob.ifindex_out", ULOG_T_UINT32, 14,
		  "output interface"),
	NFLOG_KEY(NFLOG_KEY_OOB_HOOK, "oob.hook", ULOG_T_UINT8, 0, "netfilter hook"),
	NFLOG_KEY(NFLOG_KEY_RAW_MAC_LEN, "raw.mac_len", ULOG_T_UINT16, 0, "bytes in raw.mac"),
	NFLOG_KEY(NFLOG_KEY_OOB_SEQ_LOCAL, "oob.seq.local", ULOG_T_UINT32, 0,
		  "per-group sequence number"),
	NFLOG_KEY(NFLOG_KEY_OOB_SEQ_GLOBAL, "oob.seq.global", ULOG_T_UINT32, 0,
		  "global sequence number"),
	NFLOG_KEY(NFLOG_KEY_OOB_FAMILY, "oob.family", ULOG_T_UINT8, 0, "protocol family (AF_*)"),
	NFLOG_KEY(NFLOG_KEY_OOB_PROTOCOL, "oob.protocol", ULOG_T_UINT16, 0,
		  "layer 3 protocol (ETH_P_*)"),
	NFLOG_KEY(NFLOG_KEY_OOB_UID, "oob.uid", ULOG_T_UINT32, 0, "socket owner uid"),
	NFLOG_KEY(NFLOG_KEY_OOB_GID, "oob.gid", ULOG_T_UINT32, 0, "socket owner gid"),
	NFLOG_KEY(NFLOG_KEY_RAW_LABEL, "raw.label", ULOG_T_UINT8, 0, "numeric_label option"),
	NFLOG_KEY(NFLOG_KEY_RAW_TYPE, "raw.type", ULOG_T_UINT16, 0, "hardware type (ARPHRD_*)"),
	NFLOG_KEY(NFLOG_KEY_RAW_MAC_SADDR, "raw.mac.saddr", ULOG_T_RAW, 56,
		  "hardware source address"),
	NFLOG_KEY(NFLOG_KEY_RAW_MAC_ADDRLEN, "raw.mac.addrlen", ULOG_T_UINT16, 0,
		  "bytes in raw.mac.saddr"),
	NFLOG_KEY(NFLOG_KEY_RAW, "raw", ULOG_T_RAW, 0, "the whole message or capture record"),
	NFLOG_KEY(NFLOG_KEY_CT, "ct", ULOG_T_RAW, 0, "NFULA_CT ctnetlink attributes"),
};

/*
 * Fills @rec with the keys of @p as ulogd2 2.0.8 does: family, label,
 * pktcount and mark always; the time from @p when it has a non-zero
 * timestamp, else from @now; the others when @p has them. (raw.type
 * follows NFULA_HWTYPE alone, so that a cooked capture without a hardware
 * header still has it; the kernel sends the two together.)
 */
static inline void nflog_keys_fill(const struct ulog_instance *inst, struct ulog_record *rec,
				   const struct nfula_pkt *p, uint8_t label,
				   const struct timespec *now)
{
	uint64_t sec = now->tv_sec, usec = now->tv_nsec / 1000;

	ulog_out_u64(inst, rec, NFLOG_KEY_OOB_FAMILY, p->family);
	ulog_out_u64(inst, rec, NFLOG_KEY_RAW_LABEL, label);
	if (p->has_hook)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_HOOK, p->hook);
	if (p->has_proto)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_PROTOCOL, p->hw_protocol);
	if (p->hwlen && p->hwheader) {
		ulog_out_ptr(inst, rec, NFLOG_KEY_RAW_MAC, p->hwheader, p->hwheader_len);
		ulog_out_u64(inst, rec, NFLOG_KEY_RAW_MAC_LEN, p->hwheader_len);
	}
	if (p->has_hwtype)
		ulog_out_u64(inst, rec, NFLOG_KEY_RAW_TYPE, p->hwtype);
	if (p->hwaddr) {
		uint16_t n = p->hwaddr_len < 8 ? p->hwaddr_len : 8;

		ulog_out_ptr(inst, rec, NFLOG_KEY_RAW_MAC_SADDR, p->hwaddr, n);
		ulog_out_u64(inst, rec, NFLOG_KEY_RAW_MAC_ADDRLEN, n);
	}
	if (p->has_payload) {
		ulog_out_ptr(inst, rec, NFLOG_KEY_RAW_PKT, p->payload, p->payload_len);
		ulog_out_u64(inst, rec, NFLOG_KEY_RAW_PKTLEN, p->payload_len);
	}
	ulog_out_u64(inst, rec, NFLOG_KEY_RAW_PKTCOUNT, 1);
	if (p->prefix)
		ulog_out_str(inst, rec, NFLOG_KEY_OOB_PREFIX, p->prefix, p->prefix_len);
	if (p->has_ts && p->ts_sec) {
		sec = p->ts_sec;
		usec = p->ts_usec;
	}
	ulog_out_u64(inst, rec, NFLOG_KEY_OOB_TIME_SEC, (uint32_t)sec);
	ulog_out_u64(inst, rec, NFLOG_KEY_OOB_TIME_USEC, (uint32_t)usec);
	ulog_out_u64(inst, rec, NFLOG_KEY_OOB_MARK, p->mark);
	if (p->indev)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_IFINDEX_IN, p->indev);
	if (p->outdev)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_IFINDEX_OUT, p->outdev);
	if (p->has_uid)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_UID, p->uid);
	if (p->has_gid)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_GID, p->gid);
	if (p->has_seq)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_SEQ_LOCAL, p->seq);
	if (p->has_seq_global)
		ulog_out_u64(inst, rec, NFLOG_KEY_OOB_SEQ_GLOBAL, p->seq_global);
	if (p->raw)
		ulog_out_ptr(inst, rec, NFLOG_KEY_RAW, p->raw, p->raw_len);
	if (p->ct)
		ulog_out_ptr(inst, rec, NFLOG_KEY_CT, p->ct, p->ct_len);
}

#endif
