/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfnetlink_log attributes: policy tables, checked parsing into tb[], decoding into struct nfula_pkt. */
#include "nfula.h"

#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <string.h>

#define POL(t, l, n) { .type = (t), .len = (l), .name = (n) }

const struct nfula_policy nfula_policy[NFULA_TB_SIZE] = {
	[NFULA_PACKET_HDR]         = POL(MNL_TYPE_UNSPEC, sizeof(struct nfulnl_msg_packet_hdr),
					 "NFULA_PACKET_HDR"),
	[NFULA_MARK]               = POL(MNL_TYPE_U32, 4, "NFULA_MARK"),
	[NFULA_TIMESTAMP]          = POL(MNL_TYPE_UNSPEC, sizeof(struct nfulnl_msg_packet_timestamp),
					 "NFULA_TIMESTAMP"),
	[NFULA_IFINDEX_INDEV]      = POL(MNL_TYPE_U32, 4, "NFULA_IFINDEX_INDEV"),
	[NFULA_IFINDEX_OUTDEV]     = POL(MNL_TYPE_U32, 4, "NFULA_IFINDEX_OUTDEV"),
	[NFULA_IFINDEX_PHYSINDEV]  = POL(MNL_TYPE_U32, 4, "NFULA_IFINDEX_PHYSINDEV"),
	[NFULA_IFINDEX_PHYSOUTDEV] = POL(MNL_TYPE_U32, 4, "NFULA_IFINDEX_PHYSOUTDEV"),
	[NFULA_HWADDR]             = POL(MNL_TYPE_UNSPEC, sizeof(struct nfulnl_msg_packet_hw),
					 "NFULA_HWADDR"),
	[NFULA_PAYLOAD]            = POL(MNL_TYPE_UNSPEC, 0, "NFULA_PAYLOAD"),
	[NFULA_PREFIX]             = POL(MNL_TYPE_NUL_STRING, 0, "NFULA_PREFIX"),
	[NFULA_UID]                = POL(MNL_TYPE_U32, 4, "NFULA_UID"),
	[NFULA_SEQ]                = POL(MNL_TYPE_U32, 4, "NFULA_SEQ"),
	[NFULA_SEQ_GLOBAL]         = POL(MNL_TYPE_U32, 4, "NFULA_SEQ_GLOBAL"),
	[NFULA_GID]                = POL(MNL_TYPE_U32, 4, "NFULA_GID"),
	[NFULA_HWTYPE]             = POL(MNL_TYPE_U16, 2, "NFULA_HWTYPE"),
	[NFULA_HWHEADER]           = POL(MNL_TYPE_UNSPEC, 0, "NFULA_HWHEADER"),
	[NFULA_HWLEN]              = POL(MNL_TYPE_U16, 2, "NFULA_HWLEN"),
	[NFULA_CT]                 = POL(MNL_TYPE_NESTED, 0, "NFULA_CT"),
	[NFULA_CT_INFO]            = POL(MNL_TYPE_U32, 4, "NFULA_CT_INFO"),
	[NFULA_ATTR_VLAN]          = POL(MNL_TYPE_NESTED, 0, "NFULA_VLAN"),
	[NFULA_ATTR_L2HDR]         = POL(MNL_TYPE_UNSPEC, 0, "NFULA_L2HDR"),
};

const struct nfula_policy nfula_cfg_policy[NFULA_TB_SIZE] = {
	[NFULA_CFG_CMD]      = POL(MNL_TYPE_U8, sizeof(struct nfulnl_msg_config_cmd), "NFULA_CFG_CMD"),
	[NFULA_CFG_MODE]     = POL(MNL_TYPE_UNSPEC, sizeof(struct nfulnl_msg_config_mode),
				   "NFULA_CFG_MODE"),
	[NFULA_CFG_NLBUFSIZ] = POL(MNL_TYPE_U32, 4, "NFULA_CFG_NLBUFSIZ"),
	[NFULA_CFG_TIMEOUT]  = POL(MNL_TYPE_U32, 4, "NFULA_CFG_TIMEOUT"),
	[NFULA_CFG_QTHRESH]  = POL(MNL_TYPE_U32, 4, "NFULA_CFG_QTHRESH"),
	[NFULA_CFG_FLAGS]    = POL(MNL_TYPE_U16, 2, "NFULA_CFG_FLAGS"),
};

int nfula_check_attr(const struct nfula_policy *policy, const struct nlattr *a,
		     struct ulog_err *err)
{
	uint16_t type = mnl_attr_get_type(a);
	uint16_t len = mnl_attr_get_payload_len(a);
	const struct nfula_policy *pol;

	if (type >= NFULA_TB_SIZE || !policy[type].name)
		return 1;
	pol = &policy[type];
	if (pol->type == MNL_TYPE_UNSPEC && pol->len == 0)
		return 0;
	if (pol->type == MNL_TYPE_UNSPEC && len < pol->len)
		return ulog_errf(err, -EINVAL, "%s: payload of %u bytes, want at least %u",
				 pol->name, len, pol->len);
	if (pol->type != MNL_TYPE_UNSPEC && mnl_attr_validate2(a, pol->type, pol->len) < 0)
		return ulog_errf(err, -EINVAL, "%s: malformed (%u payload bytes): %s",
				 pol->name, len, strerror(errno));
	return 0;
}

struct parse_ctx {
	const struct nlattr *tb[NFULA_TB_SIZE];
	struct ulog_err *err;
	bool as_libnfl;  /* NFLOG messages: accept what nflog_nlmsg_parse() + the policy did */
};

/* libnetfilter_log's nflog_nlmsg_parse() also refuses a fixed-size struct attribute
 * (packet header, timestamp, hardware address) with a longer payload. */
static int check_exact(const struct nlattr *a, struct ulog_err *err)
{
	const struct nfula_policy *pol = &nfula_policy[mnl_attr_get_type(a)];
	uint16_t len = mnl_attr_get_payload_len(a);

	if (pol->type == MNL_TYPE_UNSPEC && pol->len && len > pol->len)
		return ulog_errf(err, -EINVAL, "%s: payload of %u bytes, want %u",
				 pol->name, len, pol->len);
	return 0;
}

/* mnl callback: check against nfula_policy, store in tb[]; one pass over the attributes. */
static int attr_cb(const struct nlattr *a, void *data)
{
	struct parse_ctx *c = data;
	uint16_t type = mnl_attr_get_type(a);
	int rc;

	/* messages as libnetfilter_log's parse then the policy check of its tb[] saw them:
	 * attributes after NFULA_CT_INFO ignored, only the last NFULA_CT checked */
	if (c->as_libnfl && type > NFULA_CT_INFO)
		return MNL_CB_OK;
	if (c->as_libnfl && type == NFULA_CT) {
		c->tb[type] = a;
		return MNL_CB_OK;
	}
	rc = nfula_check_attr(nfula_policy, a, c->err);
	if (rc == 0 && c->as_libnfl)
		rc = check_exact(a, c->err);
	if (rc < 0)
		return MNL_CB_ERROR;
	if (rc == 0)
		c->tb[type] = a;
	return MNL_CB_OK;
}

int nfula_parse_msg(const struct nlmsghdr *nlh, struct nfula_pkt *p, struct ulog_err *err)
{
	struct parse_ctx c = { .err = err, .as_libnfl = true };
	const struct nfgenmsg *nfg;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*nfg))
		return ulog_errf(err, -EINVAL, "nfnetlink_log message: %u bytes, too short",
				 nlh->nlmsg_len);
	/* libmnl walks attributes up to the aligned end; the kernel always aligns */
	if (nlh->nlmsg_len % NLMSG_ALIGNTO)
		return ulog_errf(err, -EINVAL, "nfnetlink_log message: length %u is not a "
				 "multiple of %u", nlh->nlmsg_len, NLMSG_ALIGNTO);
	if (nlh->nlmsg_type != NFULA_MSG_PACKET)
		return ulog_errf(err, -EINVAL, "netlink message type 0x%x is not NFULNL_MSG_PACKET",
				 nlh->nlmsg_type);
	if (mnl_attr_parse(nlh, sizeof(*nfg), attr_cb, &c) < 0)
		return -EINVAL;
	if (c.tb[NFULA_CT] && nfula_check_attr(nfula_policy, c.tb[NFULA_CT], err) < 0)
		return -EINVAL;
	nfula_decode(c.tb, p);
	nfg = mnl_nlmsg_get_payload(nlh);
	p->family = nfg->nfgen_family;
	p->group = ntohs(nfg->res_id);
	p->raw = nlh;
	p->raw_len = nlh->nlmsg_len;
	return 0;
}

int nfula_parse_pcap(const void *data, uint32_t len, struct nfula_pkt *p, struct ulog_err *err)
{
	struct parse_ctx c = { .err = err };
	const uint8_t *b = data;

	if (len < 4)
		return ulog_errf(err, -EINVAL, "NFLOG record of %u bytes, shorter than its header", len);
	if (mnl_attr_parse_payload(b + 4, len - 4, attr_cb, &c) < 0)
		return -EINVAL;
	nfula_decode(c.tb, p);
	p->family = b[0];
	p->group = (uint16_t)(b[2] << 8 | b[3]);
	p->raw = data;
	p->raw_len = len;
	return 0;
}

static void decode_hw(const struct nlattr *const tb[NFULA_TB_SIZE], struct nfula_pkt *p)
{
	if (tb[NFULA_HWADDR]) {
		const struct nfulnl_msg_packet_hw *hw = mnl_attr_get_payload(tb[NFULA_HWADDR]);

		p->hwaddr = hw->hw_addr;
		p->hwaddr_len = ntohs(hw->hw_addrlen);
	}
	if (tb[NFULA_HWTYPE]) {
		p->has_hwtype = true;
		p->hwtype = ntohs(mnl_attr_get_u16(tb[NFULA_HWTYPE]));
	}
	if (tb[NFULA_HWLEN])
		p->hwlen = ntohs(mnl_attr_get_u16(tb[NFULA_HWLEN]));
	if (tb[NFULA_HWHEADER]) {
		uint16_t n = mnl_attr_get_payload_len(tb[NFULA_HWHEADER]);

		p->hwheader = mnl_attr_get_payload(tb[NFULA_HWHEADER]);
		p->hwheader_len = p->hwlen < n ? p->hwlen : n;
	}
}

/* Reads an optional big-endian u32 attribute. */
static bool get_be32(const struct nlattr *a, uint32_t *out)
{
	if (!a)
		return false;
	*out = ntohl(mnl_attr_get_u32(a));
	return true;
}

int nfula_decode(const struct nlattr *const tb[NFULA_TB_SIZE], struct nfula_pkt *p)
{
	memset(p, 0, sizeof(*p));
	if (tb[NFULA_PACKET_HDR]) {
		const struct nfulnl_msg_packet_hdr *ph = mnl_attr_get_payload(tb[NFULA_PACKET_HDR]);

		p->has_hook = p->has_proto = true;
		p->hook = ph->hook;
		p->hw_protocol = ntohs(ph->hw_protocol);
	}
	p->has_mark = get_be32(tb[NFULA_MARK], &p->mark);
	if (tb[NFULA_TIMESTAMP]) {
		struct nfulnl_msg_packet_timestamp ts;

		memcpy(&ts, mnl_attr_get_payload(tb[NFULA_TIMESTAMP]), sizeof(ts));
		p->has_ts = true;
		p->ts_sec = be64toh(ts.sec);
		p->ts_usec = be64toh(ts.usec);
	}
	get_be32(tb[NFULA_IFINDEX_INDEV], &p->indev);
	get_be32(tb[NFULA_IFINDEX_OUTDEV], &p->outdev);
	get_be32(tb[NFULA_IFINDEX_PHYSINDEV], &p->physindev);
	get_be32(tb[NFULA_IFINDEX_PHYSOUTDEV], &p->physoutdev);
	decode_hw(tb, p);
	if (tb[NFULA_PAYLOAD]) {
		p->has_payload = true;
		p->payload = mnl_attr_get_payload(tb[NFULA_PAYLOAD]);
		p->payload_len = mnl_attr_get_payload_len(tb[NFULA_PAYLOAD]);
	}
	if (tb[NFULA_PREFIX]) {
		p->prefix = mnl_attr_get_str(tb[NFULA_PREFIX]);
		p->prefix_len = (uint32_t)strnlen(p->prefix, mnl_attr_get_payload_len(tb[NFULA_PREFIX]));
	}
	p->has_uid = get_be32(tb[NFULA_UID], &p->uid);
	p->has_gid = get_be32(tb[NFULA_GID], &p->gid);
	p->has_seq = get_be32(tb[NFULA_SEQ], &p->seq);
	p->has_seq_global = get_be32(tb[NFULA_SEQ_GLOBAL], &p->seq_global);
	if (tb[NFULA_CT]) {
		p->ct = mnl_attr_get_payload(tb[NFULA_CT]);
		p->ct_len = mnl_attr_get_payload_len(tb[NFULA_CT]);
	}
	return 0;
}

struct nlmsghdr *nfula_cfg_msg(void *buf, uint8_t family, uint16_t group, uint32_t seq)
{
	struct nlmsghdr *nlh = nflog_nlmsg_put_header(buf, NFULNL_MSG_CONFIG, family, group);

	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	return nlh;
}
