/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One 8-bit IP header field compared with a value (=, !=, <, >): shared by the ttl and hl matches. */
#ifndef ULOG_FILTER_EXT_CMP8_H
#define ULOG_FILTER_EXT_CMP8_H

#include "xt.h"

/* Option indices; an extension's table is XT_CMP8_OPTS("ttl"). */
enum { XT_CMP8_EQ, XT_CMP8_LT, XT_CMP8_GT, XT_CMP8_NOPTS };
enum xt_cmp8_mode { XT_CMP8_MODE_EQ, XT_CMP8_MODE_NE, XT_CMP8_MODE_LT, XT_CMP8_MODE_GT };

#define XT_CMP8_OPTS(pfx) { \
	[XT_CMP8_EQ] = { .name = pfx "-eq", .arg = FILTER_ARG_ONE, \
			 .flags = FILTER_OPT_INVERT | FILTER_OPT_ONCE }, \
	[XT_CMP8_LT] = { .name = pfx "-lt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE }, \
	[XT_CMP8_GT] = { .name = pfx "-gt", .arg = FILTER_ARG_ONE, .flags = FILTER_OPT_ONCE }, \
}

struct xt_cmp8_priv {
	uint8_t mode, value;         /* enum xt_cmp8_mode */
};

/* What differs between the extensions using it. */
struct xt_cmp8_desc {
	const char *name;            /* "ttl": option prefix and parse messages */
	const char *tag;             /* "TTL": list text " TTL match TTL == 5" */
	const char *missing;         /* final_check message when no option was given */
	unsigned l3_off;             /* the field's offset in the network header */
};

/* Parses @arg (0-255) of option @opt (XT_CMP8_*); one option per rule. */
int xt_cmp8_parse(const struct xt_cmp8_desc *c, struct filter_ext_data *d, unsigned opt,
		  const char *arg, bool invert, struct ulog_err *err);
/* -EINVAL with c->missing unless an option was given. */
int xt_cmp8_final(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		  struct ulog_err *err);
/* Save text: "[! ]--NAME-eq N", "--NAME-lt N", "--NAME-gt N". */
int xt_cmp8_print(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		  char *buf, size_t len);
/* List text: " TAG match TAG OP N". */
int xt_cmp8_list(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		 char *buf, size_t len);

/* FILTER_MATCHED when the packet's field compares true; no header: no match. */
static inline int xt_cmp8_match(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
				const struct filter_pkt *pkt)
{
	const struct xt_cmp8_priv *p = FILTER_PRIV(d, const struct xt_cmp8_priv);
	const uint8_t *h = pkt_l3(pkt->pv, c->l3_off, 1);
	bool m = false;

	if (!h)
		return FILTER_NOMATCH;
	switch (p->mode) {
	case XT_CMP8_MODE_EQ: m = *h == p->value; break;
	case XT_CMP8_MODE_NE: m = *h != p->value; break;
	case XT_CMP8_MODE_LT: m = *h < p->value; break;
	case XT_CMP8_MODE_GT: m = *h > p->value; break;
	}
	return m ? FILTER_MATCHED : FILTER_NOMATCH;
}

#endif
