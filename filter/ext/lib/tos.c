/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TOS and DSCP syntaxes (xtables_parse_tos-like, DSCP class table) and the packet's TOS byte. */
#include <string.h>
#include <strings.h>

#include "tos.h"

static const struct xt_name tos_names[] = {
	{ "Minimize-Delay", 0x10 }, { "Maximize-Throughput", 0x08 },
	{ "Maximize-Reliability", 0x04 }, { "Minimize-Cost", 0x02 }, { "Normal-Service", 0x00 },
};

static const struct xt_name dscp_classes[] = {
	{ "CS0", 0x00 }, { "CS1", 0x08 }, { "CS2", 0x10 }, { "CS3", 0x18 }, { "CS4", 0x20 },
	{ "CS5", 0x28 }, { "CS6", 0x30 }, { "CS7", 0x38 }, { "BE", 0x00 }, { "AF11", 0x0a },
	{ "AF12", 0x0c }, { "AF13", 0x0e }, { "AF21", 0x12 }, { "AF22", 0x14 }, { "AF23", 0x16 },
	{ "AF31", 0x1a }, { "AF32", 0x1c }, { "AF33", 0x1e }, { "AF41", 0x22 }, { "AF42", 0x24 },
	{ "AF43", 0x26 }, { "EF", 0x2e },
};

/* See tos.h. */
bool xt_parse_tos(const char *s, uint8_t *val, uint8_t *mask)
{
	char buf[64], *slash;
	uint64_t v, m = 0xff;
	unsigned i;

	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = 0;
	if (filter_parse_uint(buf, 0, 255, &v) && (!slash || filter_parse_uint(slash, 0, 255, &m))) {
		*val = (uint8_t)v;
		*mask = (uint8_t)m;
		return true;
	}
	for (i = 0; i < XT_ARRAY_SIZE(tos_names); i++)
		if (!strcasecmp(s, tos_names[i].name)) {
			*val = (uint8_t)tos_names[i].value;
			*mask = 0x3f;
			return true;
		}
	return false;
}

/* See tos.h. */
int xt_dscp_class(const char *s)
{
	unsigned i;

	for (i = 0; i < XT_ARRAY_SIZE(dscp_classes); i++)
		if (!strcasecmp(s, dscp_classes[i].name))
			return (int)dscp_classes[i].value;
	return -1;
}

/* See tos.h. */
bool xt_pkt_tos(const struct pkt_view *pv, uint8_t *tos)
{
	const uint8_t *h = pkt_l3(pv, 0, 2);

	if (!h)
		return false;
	*tos = pv->family == AF_INET6 ? (uint8_t)((h[0] << 4) | (h[1] >> 4)) : h[1];
	return true;
}
