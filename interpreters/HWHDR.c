/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HWHDR (alias MAC2STR): the hardware header (raw.mac) as text: mac.saddr.str, mac.daddr.str, mac.str, and its type. */
#include <stdio.h>

#include "lib/strbuf.h"
#include "ulogd/plugin.h"

#define HW_ARPHRD_ETHER 1
#define HW_ARPHRD_VOID 0xffff
#define HW_ETH_ALEN 6
#define HW_ETH_HLEN 14
#define HW_MAX_BYTES 64   /* longest header rendered; longer ones leave the key unset */

enum { IN_RAW_TYPE, IN_OOB_PROTOCOL, IN_RAW_MAC, IN_RAW_MACLEN, IN_MAC_SADDR, IN_MAC_ADDRLEN };
enum { K_RAW_TYPE, K_OOB_PROTOCOL, K_MAC_SADDR, K_MAC_DADDR, K_MAC_STR, K_N };

static const struct ulog_key_def hwhdr_in[] = {
	[IN_RAW_TYPE] = { .name = "raw.type", .type = ULOG_T_UINT16, .flags = ULOG_KEY_OPTIONAL },
	[IN_OOB_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
	[IN_RAW_MAC] = { .name = "raw.mac", .type = ULOG_T_RAW, .flags = ULOG_KEY_OPTIONAL },
	[IN_RAW_MACLEN] = { .name = "raw.mac_len", .type = ULOG_T_UINT16, .flags = ULOG_KEY_OPTIONAL },
	[IN_MAC_SADDR] = { .name = "raw.mac.saddr", .type = ULOG_T_RAW, .flags = ULOG_KEY_OPTIONAL },
	[IN_MAC_ADDRLEN] = { .name = "raw.mac.addrlen", .type = ULOG_T_UINT16, .flags = ULOG_KEY_OPTIONAL },
};

static const struct ulog_key_def hwhdr_out[K_N] = {
	[K_RAW_TYPE] = { .name = "raw.type", .type = ULOG_T_UINT16 },
	[K_OOB_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 },
	[K_MAC_SADDR] = { .name = "mac.saddr.str", .type = ULOG_T_STRING },
	[K_MAC_DADDR] = { .name = "mac.daddr.str", .type = ULOG_T_STRING },
	[K_MAC_STR] = { .name = "mac.str", .type = ULOG_T_STRING },
};

struct hwhdr_priv {
	char str[K_N][HW_MAX_BYTES * 3 + 1];
};

/* Renders @len bytes at @p as "aa:bb:..." into output key @k. */
static void hwhdr_hex(const struct ulog_instance *inst, struct ulog_record *rec,
		      unsigned k, const uint8_t *p, uint32_t len)
{
	char *s = ULOG_PRIV(inst, struct hwhdr_priv)->str[k];
	struct strbuf b;

	if (!ulog_out_wanted(inst, k) || len > HW_MAX_BYTES)
		return;
	sb_init(&b, s, HW_MAX_BYTES * 3 + 1);
	sb_hexbytes(&b, p, len, ':', false);
	ulog_out_str(inst, rec, k, s, (size_t)sb_end(&b));
}

/* The bytes of RAW input @k, at most @want of them (clamped to what the
 * value holds), or NULL. */
static const uint8_t *hwhdr_raw(const struct ulog_instance *inst, const struct ulog_record *rec,
				unsigned k, unsigned klen, uint32_t *len)
{
	const struct ulog_value *v = ulog_in(inst, rec, k);
	uint32_t want;

	if (!v || !v->ptr || !ulog_in_u32(inst, rec, klen, &want))
		return NULL;
	*len = want < v->len ? want : v->len;
	return v->ptr;
}

static int hwhdr_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	const uint8_t *mac, *sa;
	uint32_t proto, type, mlen = 0, slen = 0;

	if (ulog_in_u32(inst, rec, IN_OOB_PROTOCOL, &proto))
		ulog_out_u64(inst, rec, K_OOB_PROTOCOL, proto);
	sa = hwhdr_raw(inst, rec, IN_MAC_SADDR, IN_MAC_ADDRLEN, &slen);
	if (sa) {
		hwhdr_hex(inst, rec, K_MAC_SADDR, sa, slen);
		ulog_out_u64(inst, rec, K_RAW_TYPE, HW_ARPHRD_VOID);
	}
	mac = hwhdr_raw(inst, rec, IN_RAW_MAC, IN_RAW_MACLEN, &mlen);
	if (!mac)
		return ULOG_CONTINUE;
	if (!ulog_in_u32(inst, rec, IN_RAW_TYPE, &type))
		type = mlen == HW_ETH_HLEN ? HW_ARPHRD_ETHER : HW_ARPHRD_VOID;
	ulog_out_u64(inst, rec, K_RAW_TYPE, type);
	if (type == HW_ARPHRD_ETHER && mlen >= HW_ETH_HLEN) {
		if (!sa)
			hwhdr_hex(inst, rec, K_MAC_SADDR, mac + HW_ETH_ALEN, HW_ETH_ALEN);
		hwhdr_hex(inst, rec, K_MAC_DADDR, mac, HW_ETH_ALEN);
		ulog_out_u64(inst, rec, K_OOB_PROTOCOL, (uint64_t)(mac[12] << 8 | mac[13]));
	}
	hwhdr_hex(inst, rec, K_MAC_STR, mac, mlen);
	return ULOG_CONTINUE;
}

const struct ulog_plugin ulog_plugin_HWHDR = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "HWHDR",
	.alias = "MAC2STR",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "renders the hardware header and its addresses as text",
	.in_keys = hwhdr_in,
	.n_in = ULOG_ARRAY_SIZE(hwhdr_in),
	.out_keys = hwhdr_out,
	.n_out = K_N,
	.priv_size = sizeof(struct hwhdr_priv),
	.interp = hwhdr_interp,
};

ULOG_PLUGIN(HWHDR)
