/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2BIN: addresses as "0x" + 32 hex digits of the IPv6 (IPv4-mapped) form, for SQL BINARY(16) columns. */
#include <netinet/in.h>

#include "lib/strbuf.h"
#include "addr_conv.h"

#define N_ADDR ADDR_N_IP
#define BIN_LEN 34   /* "0x" + 32 hex digits */

static const struct ulog_key_def ip2bin_in[] = { ADDR_IN_KEYS };

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

static void ip2bin_one(const struct ulog_instance *inst, struct ulog_record *rec, unsigned k,
		       int fam, const struct ulog_value *v)
{
	char *bin = ULOG_PRIV(inst, struct ip2bin_priv)->bin[k];

	if (ip2bin_format(fam, v, bin))
		ulog_out_ptr(inst, rec, k, bin, BIN_LEN);
}

static int ip2bin_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	return addr_conv_each(inst, rec, N_ADDR, ip2bin_one);
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
