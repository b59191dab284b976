/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers for interpreter tests: set harness inputs, print output values as text. */
#ifndef ULOG_TEST_INTERP_HELPERS_H
#define ULOG_TEST_INTERP_HELPERS_H

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>

#include "harness.h"

/* Clears every slot of @h's record. */
static inline void ih_clear(struct harness *h)
{
	ulog_rec_clear(&h->rec);
	memset(h->v, 0, sizeof(h->v));
}

/* Sets input @name to an integer of its declared type. Returns false if the
 * plugin has no such input. */
static inline bool ih_set_u64(struct harness *h, const char *name, uint64_t val)
{
	int s = harness_in(h, name);
	unsigned i;

	if (s < 0)
		return false;
	for (i = 0; i < h->inst.n_in; i++)
		if (h->in_slot[i] == s)
			h->v[s].type = (uint8_t)h->inst.in_keys[i].type;
	if (h->v[s].type == ULOG_T_BOOL)
		h->v[s].b = val != 0;
	else
		h->v[s].u64 = val;
	ulog_rec_mark(&h->rec, s);
	return true;
}

/* Sets input @name to @len bytes at @p (RAW) or a string (STRING). */
static inline bool ih_set_ptr(struct harness *h, const char *name, enum ulog_type t,
			      const void *p, uint32_t len)
{
	int s = harness_in(h, name);

	if (s < 0)
		return false;
	h->v[s].type = (uint8_t)t;
	h->v[s].ptr = p;
	h->v[s].len = len;
	ulog_rec_mark(&h->rec, s);
	return true;
}

/* Sets input @name to an address of @len bytes (4 or 16). */
static inline bool ih_set_addr(struct harness *h, const char *name, const void *a, uint32_t len)
{
	int s = harness_in(h, name);

	if (s < 0)
		return false;
	h->v[s].type = ULOG_T_IPADDR;
	memcpy(h->v[s].addr, a, len);
	h->v[s].len = len;
	ulog_rec_mark(&h->rec, s);
	return true;
}

/* The value of output key @k (index into out_keys) as text into @buf, or
 * NULL if the key is not valid. */
static inline const char *ih_out_text(const struct harness *h, unsigned k, char *buf, size_t n)
{
	const struct ulog_key_def *d = &h->inst.plugin->out_keys[k];
	int s = h->out_slot[k];
	const struct ulog_value *v;
	uint32_t i;
	size_t o = 0;

	if (s < 0 || !ulog_rec_valid(&h->rec, s))
		return NULL;
	v = &h->v[s];
	switch (d->type) {
	case ULOG_T_BOOL:
		snprintf(buf, n, "%d", v->b ? 1 : 0);
		break;
	case ULOG_T_IPADDR:
	case ULOG_T_IP6ADDR:
		if (!inet_ntop(v->len == 16 ? AF_INET6 : AF_INET, v->addr, buf, (socklen_t)n))
			snprintf(buf, n, "?");
		break;
	case ULOG_T_STRING:
		snprintf(buf, n, "%s", v->str);
		break;
	case ULOG_T_RAW:
	case ULOG_T_RAWSTR:
		buf[0] = 0;
		for (i = 0; i < v->len && o + 4 < n; i++)
			o += (size_t)snprintf(buf + o, n - o, i ? ":%02x" : "%02x",
					      ((const uint8_t *)v->ptr)[i]);
		break;
	default:
		snprintf(buf, n, "%" PRIu64, v->u64);
		break;
	}
	return buf;
}

/* Output key index of @name, or -1. */
static inline int ih_out_index(const struct harness *h, const char *name)
{
	unsigned i;

	for (i = 0; i < h->inst.plugin->n_out; i++)
		if (!strcmp(h->inst.plugin->out_keys[i].name, name))
			return (int)i;
	return -1;
}

#endif
