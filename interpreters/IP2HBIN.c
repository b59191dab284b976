/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2HBIN: IPv4 addresses as host-order integers ("ip.hsaddr", ...), for SQL integer columns. */
#include <arpa/inet.h>
#include <netinet/in.h>

#include "addr_conv.h"

#define N_ADDR ADDR_N_IP

static const struct ulog_key_def ip2hbin_in[] = { ADDR_IN_KEYS };

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
	return addr_conv_each(inst, rec, N_ADDR, ip2hbin_one);
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
