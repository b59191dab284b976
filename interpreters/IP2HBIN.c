/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2HBIN: IPv4 addresses as host-order integers ("ip.hsaddr", ...), for SQL integer columns. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "lib/ipfam.h"
#include "ulogd/plugin.h"

enum { IN_FAMILY, IN_PROTOCOL, IN_ADDR0 };
#define N_ADDR 6

#define OPT_ADDR(nm) { .name = (nm), .type = ULOG_T_IPADDR, .flags = ULOG_KEY_OPTIONAL }
static const struct ulog_key_def ip2hbin_in[] = {
	[IN_FAMILY] = { .name = "oob.family", .type = ULOG_T_UINT8 },
	[IN_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
	OPT_ADDR("ip.saddr"), OPT_ADDR("ip.daddr"),
	OPT_ADDR("orig.ip.saddr"), OPT_ADDR("orig.ip.daddr"),
	OPT_ADDR("reply.ip.saddr"), OPT_ADDR("reply.ip.daddr"),
};

/*
 * As in ulogd2 the outputs are IPADDR keys. IPv4: v.len is 4 and the value
 * is the address as a host-order uint32_t, readable as v.u64 (the upper
 * bytes are zero) or by memcpy of 4 bytes from v.addr. IPv6: the 16 bytes
 * unchanged, v.len 16.
 */
static const struct ulog_key_def ip2hbin_out[N_ADDR] = {
	{ .name = "ip.hsaddr", .type = ULOG_T_IPADDR },
	{ .name = "ip.hdaddr", .type = ULOG_T_IPADDR },
	{ .name = "orig.ip.hsaddr", .type = ULOG_T_IPADDR },
	{ .name = "orig.ip.hdaddr", .type = ULOG_T_IPADDR },
	{ .name = "reply.ip.hsaddr", .type = ULOG_T_IPADDR },
	{ .name = "reply.ip.hdaddr", .type = ULOG_T_IPADDR },
};

static void ip2hbin_one(const struct ulog_instance *inst, struct ulog_record *rec,
			unsigned k, int fam, const struct ulog_value *v)
{
	struct ulog_value *o;
	uint32_t a;

	switch (ipfam_for_value(fam, v->len)) {
	case AF_INET:
		memcpy(&a, v->addr, 4);
		o = ulog_out(inst, rec, k);
		if (o) {
			o->u64 = ntohl(a);
			o->len = 4;
		}
		break;
	case AF_INET6:
		ulog_out_addr(inst, rec, k, v->addr, 16);
		break;
	}
}

static int ip2hbin_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	uint32_t family, proto;
	bool hf = ulog_in_u32(inst, rec, IN_FAMILY, &family);
	bool hp = ulog_in_u32(inst, rec, IN_PROTOCOL, &proto);
	int fam = ipfam_of(hf, family, hp, proto);
	unsigned i;

	for (i = 0; i < N_ADDR; i++) {
		const struct ulog_value *v;

		if (!ulog_out_wanted(inst, i))
			continue;
		v = ulog_in(inst, rec, IN_ADDR0 + i);
		if (v)
			ip2hbin_one(inst, rec, i, fam, v);
	}
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_IP2HBIN = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "IP2HBIN",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "converts IPv4 addresses to host-order integers",
	.in_keys = ip2hbin_in,
	.n_in = ULOG_ARRAY_SIZE(ip2hbin_in),
	.out_keys = ip2hbin_out,
	.n_out = N_ADDR,
	.interp = ip2hbin_interp,
};

ULOG_PLUGIN(IP2HBIN)
