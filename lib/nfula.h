/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfnetlink_log (NFULA_*) attributes: one policy table, parsing into tb[], and the decoded packet. */
#ifndef ULOG_LIB_NFULA_H
#define ULOG_LIB_NFULA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libmnl/libmnl.h>
#include <libnetfilter_log/libnetfilter_log.h>

#include "err.h"

/* Attribute numbers the kernel defines beyond libnetfilter_log's header. */
#define NFULA_ATTR_VLAN  20     /* nested: NFULA_VLAN_PROTO, NFULA_VLAN_TCI */
#define NFULA_ATTR_L2HDR 21     /* full layer 2 header */
#define NFULA_ATTR_LAST  21
/* Size of an attribute table: larger than every NFULA_MAX a library may use. */
#define NFULA_TB_SIZE    32

/* One attribute's rule: libmnl data type, minimum payload length, name. */
struct nfula_policy {
	enum mnl_attr_data_type type;
	uint16_t len;           /* minimum payload length (fixed types: exact) */
	const char *name;       /* "NFULA_MARK" */
};

/* The policy of every NFULA_* packet attribute, indexed by type. Entries
 * with a NULL name are unknown types: skipped by parsers, refused by
 * emitters' tests. Shared by ulogd's parsers and nfcore's emitter. */
extern const struct nfula_policy nfula_policy[NFULA_TB_SIZE];
/* The same for NFULA_CFG_* configuration attributes. */
extern const struct nfula_policy nfula_cfg_policy[NFULA_TB_SIZE];

/* netlink message type of nfnetlink_log packet and config messages */
#define NFULA_MSG_PACKET ((NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_PACKET)
#define NFULA_MSG_CONFIG ((NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG)

/*
 * Checks one attribute against @policy (NFULA_TB_SIZE entries). Returns 0,
 * 1 if its type is unknown (to be skipped), or -EINVAL with @err naming the
 * attribute and what is wrong.
 */
int nfula_check_attr(const struct nfula_policy *policy, const struct nlattr *a,
		     struct ulog_err *err);

/*
 * A logged packet, decoded. Pointers point into the message (or capture
 * record) it was decoded from and live as long as those bytes.
 */
struct nfula_pkt {
	uint8_t family;             /* nfgen_family (AF_INET, AF_INET6, AF_BRIDGE, ...) */
	uint16_t group;             /* res_id */
	bool has_hook, has_proto;   /* NFULA_PACKET_HDR carries both */
	uint8_t hook;
	uint16_t hw_protocol;       /* host order */
	bool has_mark;
	uint32_t mark;
	bool has_ts;
	uint64_t ts_sec, ts_usec;
	uint32_t indev, outdev, physindev, physoutdev;  /* 0: absent */
	const uint8_t *hwaddr;      /* NFULA_HWADDR address bytes, or NULL */
	uint16_t hwaddr_len;        /* as sent (host order), at most 8 used */
	bool has_payload;
	const uint8_t *payload;
	uint32_t payload_len;
	const char *prefix;         /* NUL-terminated, or NULL */
	uint32_t prefix_len;        /* strlen(prefix) */
	bool has_uid, has_gid, has_seq, has_seq_global;
	uint32_t uid, gid, seq, seq_global;
	bool has_hwtype;
	uint16_t hwtype;            /* ARPHRD_* */
	uint16_t hwlen;             /* NFULA_HWLEN, 0 if absent */
	const uint8_t *hwheader;    /* NFULA_HWHEADER, or NULL */
	uint16_t hwheader_len;      /* min(hwlen, attribute payload) */
	const void *ct;             /* NFULA_CT payload (ctnetlink attributes), or NULL */
	uint32_t ct_len;
	const void *raw;            /* the whole message or record */
	uint32_t raw_len;
};

/*
 * Parses one NFULNL_MSG_PACKET message in one pass that checks every
 * attribute against nfula_policy (and, as libnetfilter_log's
 * nflog_nlmsg_parse(), refuses fixed-size structs with a longer payload),
 * and decodes it into @p (cleared first). The caller has checked that
 * nlh->nlmsg_len bytes are readable (mnl_nlmsg_ok); a length that is not a
 * multiple of 4 (never sent by the kernel) is refused. Returns 0, or -EINVAL
 * with @err saying which part is malformed.
 */
int nfula_parse_msg(const struct nlmsghdr *nlh, struct nfula_pkt *p, struct ulog_err *err);

/*
 * Parses the attributes of a DLT_NFLOG capture record (after its 4-byte
 * family/version/res_id header): TLVs laid out as netlink attributes.
 * @data/@len is the whole record. Same result and errors as nfula_parse_msg().
 */
int nfula_parse_pcap(const void *data, uint32_t len, struct nfula_pkt *p, struct ulog_err *err);

/*
 * True if a whole netlink message starts at @nlh with @len bytes left: like
 * mnl_nlmsg_ok(), which takes a length of 2^31 or more for a negative one.
 */
static inline bool nfula_nlmsg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned)len;
}

/* Decodes an attribute table (from either parser) into @p. Returns 0. */
int nfula_decode(const struct nlattr *const tb[NFULA_TB_SIZE], struct nfula_pkt *p);

/*
 * Builds an NFULNL_MSG_CONFIG request in @buf (at least MNL_SOCKET_BUFFER_SIZE
 * bytes) for @group and @family with sequence @seq and NLM_F_ACK; the caller
 * adds attributes with mnl_attr_put_*(). Returns the message.
 */
struct nlmsghdr *nfula_cfg_msg(void *buf, uint8_t family, uint16_t group, uint32_t seq);

#endif
