/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2BIN: addresses as "0x" + 32 hex digits of the IPv6 (IPv4-mapped) form, for SQL BINARY(16) columns. */
#include <netinet/in.h>

#include "lib/ipfam.h"
#include "lib/strbuf.h"
#include "ulogd/plugin.h"

enum { IN_FAMILY, IN_PROTOCOL, IN_ADDR0 };
#define N_ADDR 6
#define BIN_LEN 34   /* "0x" + 32 hex digits */

#define OPT_ADDR(nm) { .name = (nm), .type = ULOG_T_IPADDR, .flags = ULOG_KEY_OPTIONAL }
static const struct ulog_key_def ip2bin_in[] = {
	[IN_FAMILY] = { .name = "oob.family", .type = ULOG_T_UINT8 },
	[IN_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
	OPT_ADDR("ip.saddr"), OPT_ADDR("ip.daddr"),
	OPT_ADDR("orig.ip.saddr"), OPT_ADDR("orig.ip.daddr"),
	OPT_ADDR("reply.ip.saddr"), OPT_ADDR("reply.ip.daddr"),
};

static const struct ulog_key_def ip2bin_out[N_ADDR] = {
	{ .name = "ip.saddr.bin", .type = ULOG_T_RAWSTR },
	{ .name = "ip.daddr.bin", .type = ULOG_T_RAWSTR },
	{ .name = "orig.ip.saddr.bin", .type = ULOG_T_RAWSTR },
	{ .name = "orig.ip.daddr.bin", .type = ULOG_T_RAWSTR },
	{ .name = "reply.ip.saddr.bin", .type = ULOG_T_RAWSTR },
	{ .name = "reply.ip.daddr.bin", .type = ULOG_T_RAWSTR },
};

struct ip2bin_priv {
	char bin[N_ADDR][BIN_LEN + 1];
};

/* Writes the 16-byte form of @v (IPv4 as ::ffff:a.b.c.d) as hex into @out.
 * Returns false if @v is no address. */
static bool ip2bin_format(int fam, const struct ulog_value *v, char *out)
{
	uint8_t a[16] = { [10] = 0xff, [11] = 0xff };
	struct strbuf b;

	switch (ipfam_for_value(fam, v->len)) {
	case AF_INET:
		memcpy(a + 12, v->addr, 4);
		break;
	case AF_INET6:
		memcpy(a, v->addr, 16);
		break;
	default:
		return false;
	}
	sb_init(&b, out, BIN_LEN + 1);
	sb_str(&b, "0x");
	sb_hexbytes(&b, a, sizeof(a), 0, false);
	return sb_end(&b) == BIN_LEN;
}

static int ip2bin_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	struct ip2bin_priv *p = ULOG_PRIV(inst, struct ip2bin_priv);
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
		if (v && ip2bin_format(fam, v, p->bin[i]))
			ulog_out_ptr(inst, rec, i, p->bin[i], BIN_LEN);
	}
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_IP2BIN = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "IP2BIN",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "converts addresses to 0x-prefixed hex of their 16-byte form",
	.in_keys = ip2bin_in,
	.n_in = ULOG_ARRAY_SIZE(ip2bin_in),
	.out_keys = ip2bin_out,
	.n_out = N_ADDR,
	.priv_size = sizeof(struct ip2bin_priv),
	.interp = ip2bin_interp,
};

ULOG_PLUGIN(IP2BIN)
