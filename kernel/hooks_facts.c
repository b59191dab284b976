/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host facts for matches and targets: addrtype, rpfilter and MTUs from the host model, connlimit counts from the conntrack table. */
#include <sys/time.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "hooks.h"

static const struct hooks_facts *facts_of(const struct filter_host *fh)
{
	return fh->arg;
}

static uint32_t facts_addr_type(const struct filter_host *fh, uint8_t family, const uint8_t *addr,
				const char *dev)
{
	return host_addr_type(facts_of(fh)->host, family == FILTER_V6 ? AF_INET6 : AF_INET, addr, dev);
}

static bool facts_rpf_ok(const struct filter_host *fh, const struct pkt_view *pv,
			 const struct filter_meta *m, unsigned flags)
{
	const uint8_t *src = pv->data + (pv->family == AF_INET6 ? 8 : 12);
	const uint8_t *dst = src + (pv->family == AF_INET6 ? 16 : 4);

	return host_rpf_check(facts_of(fh)->host, pv->family, src, dst, m->in, m->mark, flags);
}

static uint32_t facts_mtu(const struct filter_host *fh, uint8_t family, const uint8_t *addr,
			  const char *dev)
{
	const struct host *h = facts_of(fh)->host;
	const struct host_if *f;
	char out[IFNAMSIZ];

	if (!dev) {
		if (host_route_output(h, family, addr, out) < 0)
			return UINT32_MAX;
		dev = out;
	}
	f = host_if_by_name(h, dev);
	return f ? f->mtu : 0;
}

struct count_arg {
	uint8_t family;
	const uint8_t *key, *mask;
	bool by_dst;
	uint64_t now;
	unsigned n;
};

static bool masked_eq(const uint8_t *a, const uint8_t *b, const uint8_t *mask, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if ((a[i] & mask[i]) != (b[i] & mask[i]))
			return false;
	return true;
}

static int count_one(void *arg, const struct ct_entry *ct)
{
	struct count_arg *c = arg;
	const struct ct_tuple *t = &ct->tuple[CT_DIR_ORIGINAL];

	if (t->family != c->family || ct->expires_ns <= c->now)
		return 0;
	/* closed TCP connections no longer count (nf_conncount) */
	if (t->proto == IPPROTO_TCP && (ct->proto.tcp.state == CT_TCP_TIME_WAIT ||
					ct->proto.tcp.state == CT_TCP_CLOSE))
		return 0;
	if (masked_eq(c->by_dst ? t->dst : t->src, c->key, c->mask, c->family == AF_INET6 ? 16 : 4))
		c->n++;
	return 0;
}

static unsigned facts_ct_count(const struct filter_host *fh, const struct pkt_view *pv,
			       const struct filter_meta *m, const uint8_t *mask, bool by_dst)
{
	struct count_arg c = { .family = pv->family, .mask = mask, .by_dst = by_dst,
			       .now = m->tstamp_ns };

	c.key = pv->data + (pv->family == AF_INET6 ? (by_dst ? 24 : 8) : (by_dst ? 16 : 12));
	ct_foreach(facts_of(fh)->ct, count_one, &c);
	/* the packet's own new connection is not in the table yet */
	if (m->ct_valid && !(m->ct_status & CT_S_CONFIRMED))
		c.n++;
	return c.n;
}

/* time --kerneltz reads the kernel's sys_tz: that of the machine nfcore runs on, as the
 * kernel would if the ruleset ran here (gettimeofday's second argument reports it). */
static void kernel_tz(struct filter_host *fh)
{
	struct timeval tv;
	struct timezone tz = { 0 };

	if (gettimeofday(&tv, &tz) == 0) {
		fh->tz_valid = true;
		fh->tz_minuteswest = tz.tz_minuteswest;
	}
}

void hooks_facts_init(struct hooks_facts *f, const struct host *host, const struct ct_table *ct)
{
	memset(f, 0, sizeof(*f));
	f->host = host;
	f->ct = ct;
	f->fh.arg = f;
	if (host) {
		f->fh.addr_type = facts_addr_type;
		f->fh.rpf_ok = facts_rpf_ok;
		f->fh.mtu = facts_mtu;
	}
	if (ct)
		f->fh.ct_count = facts_ct_count;
	kernel_tz(&f->fh);
}
