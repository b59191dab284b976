/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The conntrack table in the text form of conntrack-tools' `conntrack -L`. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "ct_priv.h"
#include "helper.h"

static const char *const tcp_names[CT_TCP_MAX] = {
	"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
	"CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2",
};

static const char *const sctp_names[CT_SCTP_MAX] = {
	"NONE", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_SENT", "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT", "HEARTBEAT_SENT",
};

const char *ct_tcp_state_name(unsigned s)
{
	return s < CT_TCP_MAX ? tcp_names[s] : "UNKNOWN";
}

const char *ct_sctp_state_name(unsigned s)
{
	return s < CT_SCTP_MAX ? sctp_names[s] : "UNKNOWN";
}

const char *ct_proto_name(uint8_t proto, uint8_t family)
{
	(void)family;
	switch (proto) {
	case IPPROTO_TCP: return "tcp";
	case IPPROTO_UDP: return "udp";
	case IPPROTO_UDPLITE: return "udplite";
	case IPPROTO_ICMP: return "icmp";
	case IPPROTO_ICMPV6: return "icmpv6";
	case IPPROTO_SCTP: return "sctp";
	case IPPROTO_DCCP: return "dccp";
	case IPPROTO_GRE: return "gre";
	default: return "unknown";
	}
}

/* A bounded appender with snprintf semantics. */
struct out {
	char *buf;
	size_t len, pos;
};

__attribute__((format(printf, 2, 3)))
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->pos < o->len ? o->buf + o->pos : NULL, o->pos < o->len ? o->len - o->pos : 0,
		      fmt, ap);
	va_end(ap);
	if (n > 0)
		o->pos += (size_t)n;
}

static void put_tuple(struct out *o, const struct ct_tuple *tp)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	int af = tp->family == AF_INET6 ? AF_INET6 : AF_INET;

	inet_ntop(af, tp->src, s, sizeof(s));
	inet_ntop(af, tp->dst, d, sizeof(d));
	put(o, "src=%s dst=%s ", s, d);
	switch (tp->proto) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		put(o, "sport=%u dport=%u ", tp->sport, tp->dport);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		put(o, "type=%u code=%u id=%u ", tp->dport >> 8, tp->dport & 0xff, tp->sport);
		break;
	case IPPROTO_GRE:
		put(o, "srckey=0x%x dstkey=0x%x ", tp->sport, tp->dport);
		break;
	default:
		break;
	}
}

static void put_counters(struct out *o, const struct ct_table *t, const struct ct_entry *ct,
			 enum ct_dir d)
{
	if (t->cfg.acct)
		put(o, "packets=%llu bytes=%llu ", (unsigned long long)ct->pkts[d],
		    (unsigned long long)ct->bytes[d]);
}

int ct_print(const struct ct_table *t, const struct ct_entry *ct, uint64_t now_ns,
	     bool extended, char *buf, size_t len)
{
	struct out o = { buf, len, 0 };
	const struct ct_tuple *tp = &ct->tuple[CT_DIR_ORIGINAL];

	if (len)
		buf[0] = 0;
	if (extended)
		put(&o, "%-8s %u ", tp->family == AF_INET6 ? "ipv6" : "ipv4", tp->family);
	put(&o, "%-8s %u %u ", ct_proto_name(tp->proto, tp->family), tp->proto,
	    ct_expires_s(ct, now_ns));
	if (tp->proto == IPPROTO_TCP)
		put(&o, "%s ", ct_tcp_state_name(ct->proto.tcp.state));
	else if (tp->proto == IPPROTO_SCTP)
		put(&o, "%s ", ct_sctp_state_name(ct->proto.sctp.state));
	put_tuple(&o, tp);
	put_counters(&o, t, ct, CT_DIR_ORIGINAL);
	if (!(ct->status & CT_S_SEEN_REPLY))
		put(&o, "[UNREPLIED] ");
	put_tuple(&o, &ct->tuple[CT_DIR_REPLY]);
	put_counters(&o, t, ct, CT_DIR_REPLY);
	if (ct->status & CT_S_ASSURED)
		put(&o, "[ASSURED] ");
	put(&o, "mark=%u ", ct->mark);
	if (tp->zone)
		put(&o, "zone=%u ", tp->zone);
	if (t->cfg.tstamp)     /* conntrack(8): whole seconds now less whole seconds at the start */
		put(&o, "delta-time=%llu ", (unsigned long long)(now_ns / CT_NS_PER_S > ct->start_ns / CT_NS_PER_S ?
								 now_ns / CT_NS_PER_S - ct->start_ns / CT_NS_PER_S : 0));
	if (ct->helper)
		put(&o, "helper=%s ", ct_helper_name(ct->helper));
	put(&o, "use=%u", 1 + (ct->helper ? ct_helper_children(t, ct, now_ns) : 0));
	return (int)o.pos;
}

struct dump_ctx {
	const struct ct_table *t;
	uint64_t now;
	bool extended;
	char (*lines)[CT_LINE_MAX];
	unsigned n, cap;
};

static int dump_one(void *arg, const struct ct_entry *ct)
{
	struct dump_ctx *d = arg;

	if (ct->expires_ns <= d->now || d->n == d->cap)
		return 0;
	ct_print(d->t, ct, d->now, d->extended, d->lines[d->n++], CT_LINE_MAX);
	return 0;
}

static int line_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

unsigned ct_dump(const struct ct_table *t, uint64_t now_ns, bool extended, FILE *f)
{
	struct dump_ctx d = { t, now_ns, extended, NULL, 0, ct_table_count(t) };
	unsigned i;

	if (!d.cap)
		return 0;
	d.lines = calloc(d.cap, CT_LINE_MAX);
	if (!d.lines)
		return 0;
	ct_foreach(t, dump_one, &d);
	qsort(d.lines, d.n, CT_LINE_MAX, line_cmp);
	for (i = 0; i < d.n; i++)
		fprintf(f, "%s\n", d.lines[i]);
	free(d.lines);
	return d.n;
}
