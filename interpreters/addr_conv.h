/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What IP2STR, IP2BIN and IP2HBIN share: their input keys and the walk over the addresses to convert. */
#ifndef ULOG_INTERP_ADDR_CONV_H
#define ULOG_INTERP_ADDR_CONV_H

#include "lib/ipfam.h"
#include "ulogd/plugin.h"

enum { ADDR_IN_FAMILY, ADDR_IN_PROTOCOL, ADDR_IN_ADDR0 };
#define ADDR_N_IP 6     /* ip, orig.ip and reply.ip: saddr and daddr */

#define ADDR_OPT(nm) { .name = (nm), .type = ULOG_T_IPADDR, .flags = ULOG_KEY_OPTIONAL }
/* Initializers of the shared input keys: family, protocol, then the ADDR_N_IP addresses. */
#define ADDR_IN_KEYS \
	[ADDR_IN_FAMILY] = { .name = "oob.family", .type = ULOG_T_UINT8 }, \
	[ADDR_IN_PROTOCOL] = { .name = "oob.protocol", .type = ULOG_T_UINT16 }, \
	ADDR_OPT("ip.saddr"), ADDR_OPT("ip.daddr"), \
	ADDR_OPT("orig.ip.saddr"), ADDR_OPT("orig.ip.daddr"), \
	ADDR_OPT("reply.ip.saddr"), ADDR_OPT("reply.ip.daddr")

/* Converts address @v (input ADDR_IN_ADDR0 + @k) of a record whose family is @fam
 * (ipfam_of(); 0: unknown) into output key @k. */
typedef void (*addr_conv_fn)(const struct ulog_instance *inst, struct ulog_record *rec,
			     unsigned k, int fam, const struct ulog_value *v);

/*
 * Calls @fn for each of the first @n addresses whose output key is wanted
 * and whose input is set, output k from input ADDR_IN_ADDR0 + k. Returns
 * ULOG_CONTINUE (these interpreters never stop a record).
 */
static inline int addr_conv_each(const struct ulog_instance *inst, struct ulog_record *rec,
				 unsigned n, addr_conv_fn fn)
{
	uint32_t family, proto;
	bool hf = ulog_in_u32(inst, rec, ADDR_IN_FAMILY, &family);
	bool hp = ulog_in_u32(inst, rec, ADDR_IN_PROTOCOL, &proto);
	int fam = ipfam_of(hf, family, hp, proto);
	unsigned k;

	for (k = 0; k < n; k++) {
		const struct ulog_value *v;

		if (!ulog_out_wanted(inst, k))
			continue;
		v = ulog_in(inst, rec, ADDR_IN_ADDR0 + k);
		if (v)
			fn(inst, rec, k, fam, v);
	}
	return ULOG_CONTINUE;
}

#endif
