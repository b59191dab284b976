/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2STR: ip/orig/reply/arp addresses to text ("ip.saddr.str", ...), buffers in the instance. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "lib/ipfam.h"
#include "ulogd/plugin.h"

enum { IN_FAMILY, IN_PROTOCOL, IN_ADDR0 };
#define N_ADDR 8

#define OPT_ADDR(nm) { .name = (nm), .type = ULOG_T_IPADDR, .flags = ULOG_KEY_OPTIONAL }
static const struct ulog_key_def ip2str_in[] = {
	[IN_FAMILY] = { .name = "oob.family", .type = ULOG_T_UINT8 },
	[IN_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
	OPT_ADDR("ip.saddr"), OPT_ADDR("ip.daddr"),
	OPT_ADDR("orig.ip.saddr"), OPT_ADDR("orig.ip.daddr"),
	OPT_ADDR("reply.ip.saddr"), OPT_ADDR("reply.ip.daddr"),
	OPT_ADDR("arp.saddr"), OPT_ADDR("arp.daddr"),
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
	char str[N_ADDR][INET6_ADDRSTRLEN];
};

static int ip2str_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	struct ip2str_priv *p = ULOG_PRIV(inst, struct ip2str_priv);
	uint32_t family, proto;
	bool hf = ulog_in_u32(inst, rec, IN_FAMILY, &family);
	bool hp = ulog_in_u32(inst, rec, IN_PROTOCOL, &proto);
	int fam = ipfam_of(hf, family, hp, proto);
	unsigned i;

	for (i = 0; i < N_ADDR; i++) {
		const struct ulog_value *v;
		int af;

		if (!ulog_out_wanted(inst, i))
			continue;
		v = ulog_in(inst, rec, IN_ADDR0 + i);
		if (!v)
			continue;
		af = ipfam_for_value(fam, v->len);
		if (!af || !inet_ntop(af, v->addr, p->str[i], sizeof(p->str[i])))
			continue;
		ulog_out_str(inst, rec, i, p->str[i], (uint32_t)strlen(p->str[i]));
	}
	return ULOG_CONTINUE;
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
