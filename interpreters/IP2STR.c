/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2STR: ip/orig/reply/arp addresses to text ("ip.saddr.str", ...), buffers in the instance. */
#include "addr_conv.h"
#include "lib/ipfmt.h"

#define N_ADDR (ADDR_N_IP + 2)

static const struct ulog_key_def ip2str_in[] = {
	ADDR_IN_KEYS,
	ADDR_OPT("arp.saddr"), ADDR_OPT("arp.daddr"),
};

static const struct ulog_key_def ip2str_out[N_ADDR] = {
	{ .name = "ip.saddr.str", .type = ULOG_T_STRING },
	{ .name = "ip.daddr.str", .type = ULOG_T_STRING },
	{ .name = "orig.ip.saddr.str", .type = ULOG_T_STRING },
	{ .name = "orig.ip.daddr.str", .type = ULOG_T_STRING },
	{ .name = "reply.ip.saddr.str", .type = ULOG_T_STRING },
	{ .name = "reply.ip.daddr.str", .type = ULOG_T_STRING },
	{ .name = "arp.saddr.str", .type = ULOG_T_STRING },
	{ .name = "arp.daddr.str", .type = ULOG_T_STRING },
};

struct ip2str_priv {
	char str[N_ADDR][IPFMT_V6_MAX];
};

static void ip2str_one(const struct ulog_instance *inst, struct ulog_record *rec, unsigned k,
		       int fam, const struct ulog_value *v)
{
	char *str = ULOG_PRIV(inst, struct ip2str_priv)->str[k];
	int af = ipfam_for_value(fam, v->len);

	if (af)
		ulog_out_str(inst, rec, k, str, (uint32_t)ipfmt(af, v->addr, str));
}

static int ip2str_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	return addr_conv_each(inst, rec, N_ADDR, ip2str_one);
}

const struct ulog_plugin ulog_plugin_IP2STR = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "IP2STR",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "converts IPv4/IPv6 addresses to text",
	.in_keys = ip2str_in,
	.n_in = ULOG_ARRAY_SIZE(ip2str_in),
	.out_keys = ip2str_out,
	.n_out = N_ADDR,
	.priv_size = sizeof(struct ip2str_priv),
	.interp = ip2str_interp,
};

ULOG_PLUGIN(IP2STR)
