/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Mark values, name lists and rates in iptables' syntax, and packet field access for the extensions. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xt.h"

static bool u32_part(const char *s, size_t n, uint32_t *out)
{
	char buf[64];
	uint64_t v;

	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (!filter_parse_uint(buf, 0, UINT32_MAX, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

/* See xt.h. */
bool xt_parse_mark(const char *s, uint32_t *val, uint32_t *mask)
{
	const char *slash = strchr(s, '/');

	*mask = UINT32_MAX;
	if (!slash)
		return u32_part(s, strlen(s), val);
	return u32_part(s, (size_t)(slash - s), val) &&
	       u32_part(slash + 1, strlen(slash + 1), mask);
}

/* See xt.h. */
void xt_bmark(struct filter_buf *b, uint32_t val, uint32_t mask)
{
	filter_bprintf(b, "0x%x", val);
	if (mask != UINT32_MAX)
		filter_bprintf(b, "/0x%x", mask);
}

/* See xt.h. */
bool xt_parse_names(const char *s, const struct xt_name *tab, unsigned n, bool nocase,
		    uint32_t *out, const char **bad, unsigned *badlen)
{
	const char *p = s;

	*out = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		unsigned i;

		for (i = 0; i < n; i++)
			if (strlen(tab[i].name) == len &&
			    !(nocase ? strncasecmp : strncmp)(p, tab[i].name, len))
				break;
		if (i == n) {
			*bad = p;
			*badlen = (unsigned)len;
			return false;
		}
		*out |= tab[i].value;
		if (!p[len])
			return true;
		p += len + 1;
	}
}

/* See xt.h. */
void xt_bnames(struct filter_buf *b, const struct xt_name *tab, unsigned n, uint32_t v)
{
	bool first = true;
	unsigned i;

	for (i = 0; i < n; i++) {
		if (!tab[i].value || (v & tab[i].value) != tab[i].value)
			continue;
		filter_bprintf(b, "%s%s", first ? "" : ",", tab[i].name);
		first = false;
	}
}

/* See xt.h. */
int xt_parse_rate(const char *s, uint32_t scale, uint64_t *period)
{
	static const struct { const char *name; uint32_t mult; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 },
	};
	const char *delim = strchr(s, '/');
	uint64_t mult = 1;
	uint32_t r;

	if (delim) {
		size_t n = strlen(delim + 1);
		unsigned i;

		if (n == 0)
			return 0;
		for (i = 0; i < XT_ARRAY_SIZE(units); i++)
			if (!strncasecmp(delim + 1, units[i].name, n))
				break;
		if (i == XT_ARRAY_SIZE(units))
			return 0;
		mult = units[i].mult;
	}
	r = (uint32_t)atoi(s);
	if (!r)
		return 0;
	*period = scale * mult / r;
	return *period ? 1 : -1;
}

/* See xt.h. */
void xt_brate(struct filter_buf *b, uint64_t period, uint64_t scale)
{
	const struct { const char *name; uint64_t mult; } rates[] = {
		{ "day", scale * 86400 }, { "hour", scale * 3600 },
		{ "min", scale * 60 }, { "sec", scale },
	};
	unsigned i;

	if (period == 0) {
		filter_bprintf(b, "inf");
		return;
	}
	for (i = 1; i < XT_ARRAY_SIZE(rates); i++)
		if (period > rates[i].mult || rates[i].mult / period < rates[i].mult % period)
			break;
	filter_bprintf(b, "%llu/%s", (unsigned long long)(rates[i - 1].mult / period),
		       rates[i - 1].name);
}

/* See xt.h. */
bool xt_pkt_ports(const struct pkt_view *pv, uint16_t *sport, uint16_t *dport, bool *hotdrop)
{
	const uint8_t *p;

	if (pv->frag_off)
		return false;
	p = pkt_l4(pv, 0, 4);
	if (!p) {
		*hotdrop = true;
		return false;
	}
	*sport = xt_get16(p);
	*dport = xt_get16(p + 2);
	return true;
}

/* See xt.h. */
const uint8_t *xt_pkt_addr(const struct pkt_view *pv, bool dst)
{
	if (!pv->l3_ok)
		return NULL;
	if (pv->family == AF_INET)
		return pkt_l3(pv, dst ? 16 : 12, 4);
	return pkt_l3(pv, dst ? 24 : 8, 16);
}

/* See xt.h. */
int xt_excl_check(const struct filter_ext_data *d, unsigned first, unsigned last,
		  const char *ext, struct ulog_err *err)
{
	unsigned i, j;

	for (i = first; i < last; i++) {
		if (!filter_opt_seen(d, i))
			continue;
		for (j = first; j < last; j++)
			if (j != i && filter_opt_seen(d, j))
				return ulog_errf(err, -EINVAL, "%s: option \"--%s\" cannot be used "
						 "together with \"--%s\".\n", ext,
						 d->ext->opts[i].name, d->ext->opts[j].name);
	}
	return 0;
}

/* See xt.h. */
int xt_excl_now(const struct filter_ext_data *d, unsigned opt, unsigned first, unsigned last,
		const char *ext, struct ulog_err *err)
{
	unsigned j;

	for (j = first; j < last; j++)
		if (j != opt && filter_opt_seen(d, j))
			return ulog_errf(err, -EINVAL, "%s: option \"--%s\" cannot be used together "
					 "with \"--%s\".\n", ext, d->ext->opts[opt].name,
					 d->ext->opts[j].name);
	return 0;
}

/* See xt.h. */
bool xt_ifname_match(const char *dev, const char *pattern)
{
	size_t n = strlen(pattern);

	if (n && pattern[n - 1] == '+')
		return !strncmp(dev, pattern, n - 1);
	return !strcmp(dev, pattern);
}

/* See xt.h. */
bool xt_parse_urange(const char *s, uint64_t max, uint64_t r[2])
{
	char buf[128], *colon;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strchr(buf, ':');
	if (colon)
		*colon++ = 0;
	r[0] = 0;
	r[1] = max;
	if ((buf[0] || !colon) && !filter_parse_uint(buf, 0, max, &r[0]))
		return false;
	if (!colon) {
		r[1] = r[0];
		return true;
	}
	return !colon[0] || filter_parse_uint(colon, 0, max, &r[1]);
}

/* See xt.h. */
const char *xt_shared_name(const char *name, char *buf, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	const char *p;

	if (strlen(name) < 64)
		return name;
	for (p = name; *p; p++)
		h = (h ^ (uint8_t)*p) * 1099511628211ull;
	snprintf(buf, len, "%.46s#%016llx", name, (unsigned long long)h);
	return buf;
}

/* See xt.h. */
int xt_list_from_save(const char *tag, const char *save, char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);
	const char *p;

	if (tag)
		filter_bprintf(&b, " %s", tag);
	if (*save)
		filter_bprintf(&b, " ");
	for (p = save; *p; p++) {
		if (p[0] == '-' && p[1] == '-' && (p == save || p[-1] == ' ')) {
			p++;
			continue;
		}
		filter_bprintf(&b, "%c", *p);
	}
	return (int)b.pos;
}
