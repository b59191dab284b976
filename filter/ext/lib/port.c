/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Port and port-range syntaxes of iptables (old tcp style and the option framework's), and their printer. */
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "xt.h"

/* See xt.h. */
bool xt_port_gai(const char *s, uint16_t *out)
{
	struct addrinfo *res = NULL, *p;
	const char *q;
	int ret = -1;

	for (q = s; *q && isdigit((unsigned char)*q); q++)
		;
	if (*s && !*q) {
		*out = (uint16_t)strtoull(s, NULL, 10);
		return true;
	}
	if (getaddrinfo(NULL, s, NULL, &res) != 0)
		return false;
	for (p = res; p; p = p->ai_next) {
		if (p->ai_family == AF_INET6) {
			ret = ntohs(((struct sockaddr_in6 *)(void *)p->ai_addr)->sin6_port);
			break;
		}
		if (p->ai_family == AF_INET) {
			ret = ntohs(((struct sockaddr_in *)(void *)p->ai_addr)->sin_port);
			break;
		}
	}
	freeaddrinfo(res);
	if (ret < 0)
		return false;
	*out = (uint16_t)ret;
	return true;
}

static int port_old(const char *s, const char *proto, uint16_t *out, struct ulog_err *err)
{
	if (filter_parse_port(s, proto, out))
		return 0;
	return ulog_errf(err, -EINVAL, "invalid port/service `%s' specified", s);
}

/* See xt.h. */
int xt_portrange_old(const char *s, const char *proto, uint16_t r[2], struct ulog_err *err)
{
	char buf[256];
	char *colon;
	int rc;

	snprintf(buf, sizeof(buf), "%s", s);
	colon = strchr(buf, ':');
	if (!colon) {
		rc = port_old(buf, proto, &r[0], err);
		r[1] = r[0];
		return rc;
	}
	*colon++ = 0;
	r[0] = 0;
	r[1] = 0xffff;
	if (buf[0] && (rc = port_old(buf, proto, &r[0], err)))
		return rc;
	if (colon[0] && (rc = port_old(colon, proto, &r[1], err)))
		return rc;
	if (r[0] > r[1])
		return ulog_errf(err, -EINVAL, "invalid portrange (min > max)");
	return 0;
}

/* See xt.h. */
int xt_portrange_gai(const char *s, const char *ext, const char *opt, uint16_t r[2],
		     struct ulog_err *err)
{
	char buf[256];
	char *wp = buf, *arg;
	unsigned n = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	r[0] = 0;
	r[1] = 0xffff;
	while ((arg = strsep(&wp, ":")) != NULL) {
		if (n == 2)
			return ulog_errf(err, -EINVAL,
					 "%s: Too many components for option \"--%s\" (max: 2)\n",
					 ext, opt);
		if (*arg && !xt_port_gai(arg, &r[n]))
			return ulog_errf(err, -EINVAL, "Port \"%s\" does not resolve to anything.\n",
					 arg);
		n++;
	}
	if (n == 1)
		r[1] = r[0];
	return 0;
}

/* See xt.h. */
void xt_bportrange(struct filter_buf *b, const char *opt, const uint16_t r[2], bool inv)
{
	if (r[0] == 0 && r[1] == 0xffff)
		return;
	filter_bsep(b);
	filter_bprintf(b, "%s--%s ", inv ? "! " : "", opt);
	if (r[0] == r[1])
		filter_bprintf(b, "%u", r[0]);
	else
		filter_bprintf(b, "%u:%u", r[0], r[1]);
}

/* See xt.h. */
const char *xt_port_proto_name(uint16_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case 136:
		return "udplite";
	case IPPROTO_SCTP:
		return "sctp";
	case 33:
		return "dccp";
	}
	return NULL;
}

/* See xt.h. */
void xt_lport(struct filter_buf *b, uint16_t port, bool numeric, const char *proto)
{
	struct servent *se = numeric ? NULL : getservbyport(htons(port), proto);

	if (se)
		filter_bprintf(b, "%s", se->s_name);
	else
		filter_bprintf(b, "%u", port);
}

/* See xt.h. */
void xt_lports(struct filter_buf *b, const char *tag, const uint16_t r[2], bool inv,
	       bool numeric, const char *proto)
{
	if (r[0] == 0 && r[1] == 0xffff && !inv)
		return;
	if (r[0] == r[1]) {
		filter_bprintf(b, " %s:%s", tag, inv ? "!" : "");
		xt_lport(b, r[0], numeric, proto);
		return;
	}
	filter_bprintf(b, " %ss:%s", tag, inv ? "!" : "");
	xt_lport(b, r[0], numeric, proto);
	filter_bprintf(b, ":");
	xt_lport(b, r[1], numeric, proto);
}
