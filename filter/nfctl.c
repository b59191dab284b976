/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nfctl: iptables-restore, iptables-save and iptables commands on a ruleset kept in a state file. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../lib/pkt.h"
#include "ext/lib/ipset.h"
#include "text.h"

static const char usage[] =
	"usage: nfctl [-6] [--state FILE] restore [-n|--noflush] [-c|--counters] [-t|--test] [-T TABLE] [FILE]\n"
	"       nfctl [-6] [--state FILE] save [-c|--counters] [-t TABLE]\n"
	"       nfctl [-6] [--state FILE] [-t TABLE] -A|-I|-D|-R|-L|-S|-F|-Z|-N|-X|-E|-P ...\n"
	"       nfctl [-6] [--state FILE] eval [-t TABLE] [--trace] [--host FILE] < packets\n"
	"             (lines: HOOK IN|- OUT|- HEX [mac=AA:BB:CC:DD:EE:FF] [ts=NS] [mark=N] [sk=UID:GID] [ct=new|established|related|invalid|untracked] [dir=reply]\n"
	"              [tz=MINUTESWEST] [sp=in|out:esp|ah|ipcomp/transport|tunnel/spi=N/reqid=N/src=A/dst=A[,...]])\n"
	"The state file (default $NFCTL_STATE, else ./nfctl.v4 or ./nfctl.v6) holds the ruleset\n"
	"as iptables-save -c text. --sets FILE (or $NFCTL_SETS) defines the IP sets that\n"
	"-m set names, as `ipset save` text; they are kept beside the state as STATE.sets.\n";

/* Reads all of @f into a malloc'd buffer; *@len gets its size. NULL on error. */
static char *slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap), *nb;

	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	*len = n;
	return buf;
}

/* Loads the state file into @rs (absent = empty). Returns 0 or 1 with a message. */
static int state_load(struct filter_ruleset *rs, const char *path)
{
	struct filter_restore_opts o = { .counters = true };
	struct filter_error e;
	FILE *f = fopen(path, "r");
	size_t len, i;
	char *text;
	int rc;

	if (!f)
		return errno == ENOENT ? 0 : (fprintf(stderr, "nfctl: %s: %s\n", path, strerror(errno)), 1);
	text = slurp(f, &len);
	fclose(f);
	if (!text) {
		fprintf(stderr, "nfctl: %s: read error\n", path);
		return 1;
	}
	rc = filter_restore(rs, text, len, &o, &e);
	free(text);
	if (rc) {
		fprintf(stderr, "nfctl: state file %s is damaged:\n", path);
		filter_err_print(&e, "nfctl", stderr);
		return 1;
	}
	/* the file lists the newest table first */
	for (i = 0; i < rs->n_tables / 2; i++) {
		struct filter_table *t = rs->tables[i];

		rs->tables[i] = rs->tables[rs->n_tables - 1 - i];
		rs->tables[rs->n_tables - 1 - i] = t;
	}
	return 0;
}

/* Loads IP set definitions (`ipset save` text) into the ruleset's context. */
static int sets_load(struct filter_ruleset *rs, const char *path)
{
	struct ulog_err ue;
	FILE *f = fopen(path, "r");
	size_t len;
	char *text;
	int rc;

	if (!f) {
		fprintf(stderr, "nfctl: %s: %s\n", path, strerror(errno));
		return 1;
	}
	text = slurp(f, &len);
	fclose(f);
	if (!text) {
		fprintf(stderr, "nfctl: %s: read error\n", path);
		return 1;
	}
	ulog_err_clear(&ue);
	rc = xt_ipset_load(rs->ctx, text, &ue);
	free(text);
	if (rc < 0) {
		fprintf(stderr, "nfctl: %s: %s\n", path, ue.msg);
		return 1;
	}
	return 0;
}

/* Sets given once stay with the state: copied beside it as STATE.sets, and
 * read from there when --sets is not given. Returns 0 or 1. */
static int sets_remember(const char *state, const char **sets)
{
	static char side[4096];
	size_t len;
	char *text;
	FILE *in, *out;

	snprintf(side, sizeof(side), "%s.sets", state);
	if (!*sets) {
		if (access(side, R_OK) == 0)
			*sets = side;
		return 0;
	}
	if (!strcmp(*sets, side) || !(in = fopen(*sets, "r")))
		return 0;   /* sets_load() reports an unreadable file */
	text = slurp(in, &len);
	fclose(in);
	out = text ? fopen(side, "w") : NULL;
	if (out) {
		fwrite(text, 1, len, out);
		if (fclose(out))
			fprintf(stderr, "nfctl: %s: %s\n", side, strerror(errno));
	}
	free(text);
	return 0;
}

/* Writes @rs to the state file atomically. Returns 0 or 1. */
static int state_store(const struct filter_ruleset *rs, const char *path)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		fprintf(stderr, "nfctl: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	filter_ruleset_save(f, rs, NULL, true, false);
	if (fclose(f) || rename(tmp, path)) {
		fprintf(stderr, "nfctl: %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return 1;
	}
	return 0;
}

static int cmd_restore(struct filter_ruleset *rs, const char *state, int argc, char **argv)
{
	struct filter_restore_opts o = { 0 };
	const char *file = NULL;
	FILE *in = stdin;
	struct filter_error e;
	size_t len;
	char *text;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-n") || !strcmp(argv[i], "--noflush"))
			o.noflush = true;
		else if (!strcmp(argv[i], "-c") || !strcmp(argv[i], "--counters"))
			o.counters = true;
		else if (!strcmp(argv[i], "-t") || !strcmp(argv[i], "--test"))
			o.test = true;
		else if ((!strcmp(argv[i], "-T") || !strcmp(argv[i], "--table")) && i + 1 < argc)
			o.table = argv[++i];
		else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "-w") || !strcmp(argv[i], "--wait"))
			continue;
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (file && !(in = fopen(file, "r"))) {
		fprintf(stderr, "Can't open %s: %s\n", file, strerror(errno));
		return 1;
	}
	text = slurp(in, &len);
	if (in != stdin)
		fclose(in);
	if (!text) {
		fprintf(stderr, "nfctl: cannot read the rules\n");
		return 1;
	}
	rc = filter_restore(rs, text, len, &o, &e);
	free(text);
	if (rc)
		filter_err_print(&e, rs->family == FILTER_V6 ? "ip6tables-restore" : "iptables-restore",
				 stderr);
	if (!o.test && state_store(rs, state))
		return rc ? rc : 1;
	return rc;
}

static int cmd_save(struct filter_ruleset *rs, const char *state, int argc, char **argv)
{
	const char *only = NULL;
	bool counters = false;
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-c") || !strcmp(argv[i], "--counters"))
			counters = true;
		else if ((!strcmp(argv[i], "-t") || !strcmp(argv[i], "--table")) && i + 1 < argc)
			only = argv[++i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (only && !filter_table_def(only)) {
		fprintf(stderr, "%s v1.8.9 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n",
			rs->family == FILTER_V6 ? "ip6tables-save" : "iptables-save");
		return 1;
	}
	/* iptables-save -t brings the table into being, as the kernel does */
	if (only && !filter_ruleset_table(rs, only)) {
		filter_ruleset_touch(rs, only);
		if (state_store(rs, state))
			return 1;
	}
	filter_ruleset_save(stdout, rs, only, counters, true);
	return 0;
}

static int hook_by_name(const char *name)
{
	int h;

	for (h = 0; h < FILTER_NHOOKS; h++)
		if (!strcmp(filter_hook_name(h), name))
			return h;
	return -1;
}

static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;
	unsigned v;

	while (n < max && hex[0] && hex[1] && sscanf(hex, "%2x", &v) == 1) {
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

/* Prints the evaluator's TRACE steps as the kernel's prefix does. */
static void print_trace(void *arg, const char *kind, const void *what, const struct pkt_view *pv,
			const struct filter_meta *m)
{
	const struct filter_trace *t = what;

	(void)arg;
	(void)pv;
	(void)m;
	if (!strcmp(kind, "TRACE"))
		printf("TRACE: %s:%s:%s:%u\n", t->table, t->chain, t->comment, t->rulenum);
}

/*
 * A host for eval, one fact a line (IPv4 or IPv6 by the ruleset's family):
 *   local ADDR[/LEN] [DEV]      the local table's "local" entries (the host's addresses)
 *   broadcast ADDR[/LEN] [DEV]  ... its "broadcast" entries
 *   multicast ADDR[/LEN] [DEV]  ... its "multicast" entries
 *   route PREFIX|default DEV    a unicast route of the main table (rpfilter's reverse lookup)
 * as `ip -j route show table local` and `ip -j route` list them. Other lines are ignored.
 */
/* Address types as addrtype reads them (1 << RTN_*), and rpfilter's flags (XT_RPFILTER_*). */
enum {
	HT_UNICAST = 1u << 1, HT_LOCAL = 1u << 2, HT_BROADCAST = 1u << 3, HT_MULTICAST = 1u << 5,
	RPF_LOOSE = 1u << 0, RPF_ACCEPT_LOCAL = 1u << 2,
};
struct host_addr {
	uint8_t addr[16];
	uint8_t family;
	uint8_t plen;            /* prefix length: routes; full length for addresses */
	bool route;
	uint32_t type;           /* 1 << RTN_* */
	char dev[IFNAMSIZ];
};
struct host_facts {
	struct filter_host host;
	struct host_addr *a;
	unsigned n;
	struct filter_tuple *flows;    /* connections seen in this run (connlimit) */
	unsigned n_flows;
};

/* connlimit's facts: connections of this run whose masked address equals the packet's. */
static unsigned host_ct_count(const struct filter_host *h, const struct pkt_view *pv,
			      const struct filter_meta *m, const uint8_t *mask, bool by_dst)
{
	const struct host_facts *hf = h->arg;
	const uint8_t *key = by_dst ? m->ct_orig.dst : m->ct_orig.src;
	unsigned i, k, n = 0, len = pv->family == AF_INET6 ? 16 : 4;

	for (i = 0; i < hf->n_flows; i++) {
		const uint8_t *a = by_dst ? hf->flows[i].dst : hf->flows[i].src;

		for (k = 0; k < len && (a[k] & mask[k]) == (key[k] & mask[k]); k++)
			;
		n += k == len;
	}
	return n;
}

/* Records the packet's connection once (the conntrack table of this run). */
static void host_flow_add(struct host_facts *hf, const struct filter_meta *m)
{
	struct filter_tuple *n;
	unsigned i;

	for (i = 0; i < hf->n_flows; i++)
		if (!memcmp(&hf->flows[i], &m->ct_orig, sizeof(m->ct_orig)))
			return;
	n = realloc(hf->flows, (hf->n_flows + 1) * sizeof(*n));
	if (!n)
		return;
	hf->flows = n;
	hf->flows[hf->n_flows++] = m->ct_orig;
}

/* The first @plen bits of @a and @b are equal. */
static bool prefix_eq(const uint8_t *a, const uint8_t *b, unsigned plen)
{
	unsigned k = plen / 8;

	return !memcmp(a, b, k) && (plen % 8 == 0 || !((a[k] ^ b[k]) & (0xff00u >> plen % 8)));
}

/* The longest entry of @hf holding @addr among the local table's (@route false) or the
 * main table's (@route true); NULL if none. */
static const struct host_addr *host_longest(const struct host_facts *hf, uint8_t family,
					     const uint8_t *addr, bool route)
{
	const struct host_addr *best = NULL;
	unsigned i;

	for (i = 0; i < hf->n; i++) {
		const struct host_addr *a = &hf->a[i];

		if (a->family == family && a->route == route && prefix_eq(a->addr, addr, a->plen) &&
		    (!best || a->plen > best->plen))
			best = a;
	}
	return best;
}

static const struct host_addr *host_local(const struct host_facts *hf, uint8_t family,
					   const uint8_t *addr)
{
	return host_longest(hf, family, addr, false);
}

/* The fib lookup of @addr: the local table first, then the main table. */
static const struct host_addr *host_fib(const struct host_facts *hf, uint8_t family,
					 const uint8_t *addr)
{
	const struct host_addr *a = host_local(hf, family, addr);

	return a ? a : host_longest(hf, family, addr, true);
}

/* addrtype's facts: listed addresses, else multicast/broadcast by address, else unicast. */
static uint32_t host_addr_type(const struct filter_host *h, uint8_t family, const uint8_t *addr,
			       const char *dev)
{
	const struct host_facts *hf = h->arg;
	const struct host_addr *a = host_local(hf, family, addr);

	if (a)
		return !dev || !dev[0] || !strcmp(dev, a->dev) ? a->type : HT_UNICAST;
	if (family == FILTER_V6)
		return addr[0] == 0xff ? HT_MULTICAST : HT_UNICAST;
	if ((addr[0] & 0xf0) == 0xe0)
		return HT_MULTICAST;
	if (addr[0] == 255 && addr[1] == 255 && addr[2] == 255 && addr[3] == 255)
		return HT_BROADCAST;
	return HT_UNICAST;
}

/* rpfilter's facts (ipt/ip6t_rpfilter): loopback, 0.0.0.0 to broadcast/link multicast and
 * :: pass; else the reverse route of the source must be unicast (local with --accept-local) and
 * leave by the input device (any device with --loose). @flags: XT_RPFILTER_* bits. */
static bool host_rpf_ok(const struct filter_host *h, const struct pkt_view *pv,
			const struct filter_meta *m, unsigned flags)
{
	const struct host_facts *hf = h->arg;
	bool v6 = pv->family == AF_INET6;
	uint8_t family = v6 ? FILTER_V6 : FILTER_V4;
	const uint8_t *src = pkt_l3(pv, v6 ? 8 : 12, v6 ? 16 : 4), *dst = pkt_l3(pv, v6 ? 24 : 16, v6 ? 16 : 4);
	const struct host_addr *r;

	if (!src || !dst)
		return false;
	if (!strcmp(m->in, "lo"))
		return true;
	if (!v6 && !src[0] && !src[1] && !src[2] && !src[3] &&
	    ((dst[0] == 255 && dst[1] == 255 && dst[2] == 255 && dst[3] == 255) ||
	     (dst[0] == 224 && !dst[1] && !dst[2])))
		return true;
	if (v6 && !memcmp(src, (const uint8_t[16]){ 0 }, 16))
		return true;
	r = host_fib(hf, family, src);
	if (v6 && r && r->type == HT_LOCAL)        /* ip6t_rpfilter: RTF_LOCAL */
		return flags & RPF_ACCEPT_LOCAL;
	if (!r || (r->type != HT_UNICAST && (r->type != HT_LOCAL || !(flags & RPF_ACCEPT_LOCAL))))
		return false;
	return !strcmp(r->dev, m->in) || (flags & RPF_LOOSE);
}

/* One host line into @a. Returns 0, or -1 if it is not a fact. */
static int host_line(const char *line, uint8_t family, struct host_addr *a)
{
	char kind[32], addr[64], dev[IFNAMSIZ] = "", *slash;
	int k = sscanf(line, "%31s %63s %15s", kind, addr, dev);
	unsigned full = family == FILTER_V6 ? 128 : 32;

	memset(a, 0, sizeof(*a));
	if (k < 2)
		return -1;
	a->family = family;
	a->plen = (uint8_t)full;
	if (!strcmp(kind, "local") || !strcmp(kind, "broadcast") || !strcmp(kind, "multicast"))
		a->type = kind[0] == 'l' ? HT_LOCAL : kind[0] == 'b' ? HT_BROADCAST : HT_MULTICAST;
	else if (!strcmp(kind, "route") && k == 3) {
		a->route = true;
		a->type = HT_UNICAST;
		if (!strcmp(addr, "default"))
			snprintf(addr, sizeof(addr), "%s/0", family == FILTER_V6 ? "::" : "0.0.0.0");
	} else
		return -1;
	if ((slash = strchr(addr, '/'))) {
		if ((unsigned)atoi(slash + 1) > full)
			return -1;
		a->plen = (uint8_t)atoi(slash + 1);
		*slash = 0;
	}
	snprintf(a->dev, sizeof(a->dev), "%s", dev);
	return inet_pton(family == FILTER_V6 ? AF_INET6 : AF_INET, addr, a->addr) == 1 ? 0 : -1;
}

/* Reads a host file into @hf. Returns 0 or 1. */
static int host_load(struct host_facts *hf, const char *path, uint8_t family)
{
	char line[256];
	FILE *f = fopen(path, "r");
	struct host_addr *n;

	if (!f) {
		fprintf(stderr, "nfctl: %s: %s\n", path, strerror(errno));
		return 1;
	}
	hf->host.addr_type = host_addr_type;
	hf->host.ct_count = host_ct_count;
	hf->host.arg = hf;
	while (fgets(line, sizeof(line), f)) {
		n = realloc(hf->a, (hf->n + 1) * sizeof(*n));
		if (!n)
			break;
		hf->a = n;
		if (host_line(line, family, &n[hf->n]) == 0) {
			/* without any route rpfilter's fact is absent (it passes) */
			if (n[hf->n].route)
				hf->host.rpf_ok = host_rpf_ok;
			hf->n++;
		}
	}
	fclose(f);
	return 0;
}

/* A tracked packet's conntrack tuples, as the first packet of its flow makes them. */
static void ct_tuples(const struct pkt_view *pv, struct filter_meta *m)
{
	bool v6 = pv->family == AF_INET6;
	unsigned n = v6 ? 16 : 4;
	const uint8_t *src = pkt_l3(pv, v6 ? 8 : 12, n), *dst = pkt_l3(pv, v6 ? 24 : 16, n);
	const uint8_t *l4 = pkt_l4(pv, 0, 4);

	if (!src || !dst)
		return;
	memcpy(m->ct_orig.src, src, n);
	memcpy(m->ct_orig.dst, dst, n);
	m->ct_orig.proto = pv->l4proto;
	if (l4 && (pv->l4proto == IPPROTO_TCP || pv->l4proto == IPPROTO_UDP ||
		   pv->l4proto == IPPROTO_SCTP || pv->l4proto == IPPROTO_UDPLITE)) {
		m->ct_orig.sport = (uint16_t)(l4[0] << 8 | l4[1]);
		m->ct_orig.dport = (uint16_t)(l4[2] << 8 | l4[3]);
	}
	m->ct_reply = m->ct_orig;
	memcpy(m->ct_reply.src, dst, n);
	memcpy(m->ct_reply.dst, src, n);
	m->ct_reply.sport = m->ct_orig.dport;
	m->ct_reply.dport = m->ct_orig.sport;
}

/* What one packet line gives beyond struct filter_meta: the IPsec transforms
 * meta->sp_in/sp_out point to, and the kernel's time zone. */
struct eval_facts {
	struct filter_xfrm sp[2][FILTER_XFRM_MAX];    /* [0] in, [1] out */
	bool tz_set;
	int32_t tz_minuteswest;
};

/* One transform "FIELD[/FIELD...]" (esp|ah|ipcomp|NUMBER, transport|tunnel|beet,
 * spi=N, reqid=N, src=ADDR, dst=ADDR) into @x. Returns 0 or -1. */
static int sp_elem(char *text, uint8_t family, struct filter_xfrm *x)
{
	static const struct { const char *name; uint8_t v; bool mode; } words[] = {
		{ "esp", IPPROTO_ESP, false }, { "ah", IPPROTO_AH, false }, { "ipcomp", 108, false },
		{ "transport", 0, true }, { "tunnel", 1, true }, { "beet", 4, true },
	};
	int af = family == FILTER_V6 ? AF_INET6 : AF_INET;
	char *save = NULL, *f, *end;
	unsigned i;

	memset(x, 0, sizeof(*x));
	for (f = strtok_r(text, "/", &save); f; f = strtok_r(NULL, "/", &save)) {
		for (i = 0; i < sizeof(words) / sizeof(words[0]) && strcmp(f, words[i].name); i++)
			;
		if (i < sizeof(words) / sizeof(words[0]))
			*(words[i].mode ? &x->mode : &x->proto) = words[i].v;
		else if (!strncmp(f, "spi=", 4) || !strncmp(f, "reqid=", 6))
			*(f[0] == 's' ? &x->spi : &x->reqid) = (uint32_t)strtoul(strchr(f, '=') + 1, &end, 0);
		else if (!strncmp(f, "src=", 4) || !strncmp(f, "dst=", 4)) {
			if (inet_pton(af, f + 4, f[0] == 's' ? x->saddr : x->daddr) != 1)
				return -1;
		} else if (f[0] >= '0' && f[0] <= '9')
			x->proto = (uint8_t)strtoul(f, &end, 0);
		else
			return -1;
	}
	return 0;
}

/* "sp=in:ELEM[,ELEM...]" or "sp=out:...": the transforms of one direction, in the
 * kernel's order (see struct filter_meta), into @ef and @m. Returns 0 or -1. */
static int sp_word(const char *word, uint8_t family, struct eval_facts *ef, struct filter_meta *m)
{
	char text[1024], *save = NULL, *e;
	bool out = !strncmp(word, "out:", 4);
	unsigned n = 0;

	if (!out && strncmp(word, "in:", 3))
		return -1;
	word += out ? 4 : 3;
	snprintf(text, sizeof(text), "%.*s", (int)strcspn(word, " \t\r\n"), word);
	for (e = strtok_r(text, ",", &save); e; e = strtok_r(NULL, ",", &save))
		if (n == FILTER_XFRM_MAX || sp_elem(e, family, &ef->sp[out][n++]))
			return -1;
	if (out) {
		m->sp_out = ef->sp[1];
		m->sp_out_len = (uint8_t)n;
	} else {
		m->sp_in = ef->sp[0];
		m->sp_in_len = (uint8_t)n;
	}
	return 0;
}

/* Optional words after HEX: mac=AA:BB:CC:DD:EE:FF (source MAC), ts=NANOSECONDS (packet time,
 * the clock of rate matches and time), mark=N, sk=UID:GID (the sending socket's owner),
 * ct=new|established|related|invalid|untracked (invalid: no conntrack entry, the default),
 * dir=reply (a packet of the answering side), tz=MINUTESWEST (the kernel's sys_tz for
 * time --kerneltz; default this machine's), sp=in:ELEM[,ELEM...] and sp=out:... (the IPsec
 * transforms the packet came through / will go through, see sp_elem()).
 * Returns 0, or -1 for a malformed sp=. */
static int eval_options(const char *line, uint8_t family, struct filter_meta *m,
			struct eval_facts *ef)
{
	static const struct { const char *name; uint32_t bit; } states[] = {
		{ "new", FILTER_CT_NEW }, { "established", FILTER_CT_ESTABLISHED },
		{ "related", FILTER_CT_RELATED },
	};
	const char *p;
	unsigned b[6], i;

	if ((p = strstr(line, " mac=")) &&
	    sscanf(p + 5, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5]) == 6) {
		m->has_mac = true;
		for (i = 0; i < 6; i++)
			m->mac_src[i] = (uint8_t)b[i];
	}
	if ((p = strstr(line, " ts=")))
		m->tstamp_ns = strtoull(p + 4, NULL, 10);
	if ((p = strstr(line, " mark=")))
		m->mark = (uint32_t)strtoul(p + 6, NULL, 0);
	if ((p = strstr(line, " sk=")) && sscanf(p + 4, "%u:%u", &b[0], &b[1]) == 2) {
		m->sk_valid = true;
		m->sk_uid = b[0];
		m->sk_gid = b[1];
	}
	if ((ef->tz_set = (p = strstr(line, " tz=")) != NULL))
		ef->tz_minuteswest = (int32_t)strtol(p + 4, NULL, 10);
	for (p = line; (p = strstr(p, " sp=")); p += 4)
		if (sp_word(p + 4, family, ef, m))
			return -1;
	if (!(p = strstr(line, " ct=")))
		return 0;
	if (!strncmp(p + 4, "untracked", 9))
		m->notrack = true;
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (!strncmp(p + 4, states[i].name, strlen(states[i].name))) {
			m->ct_valid = true;
			m->ct_state = states[i].bit;
		}
	return 0;
}

/* Runs packets through the reference evaluator: one verdict line per packet;
 * the counters go to the state file. */
static int cmd_eval(struct filter_ruleset *rs, const char *state, int argc, char **argv)
{
	static const char *const names[] = { "CONTINUE", "ACCEPT", "DROP", "QUEUE", "STOLEN", "RETURN" };
	const struct filter_emit emit = { print_trace, NULL };
	const char *table = "filter";
	struct filter_table *t;
	bool tracing = false;
	int i;

	static struct host_facts hf;
	static struct eval_facts ef;
	struct timezone tz = { 0 };
	struct timeval tv;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-t") && i + 1 < argc)
			table = argv[++i];
		else if (!strcmp(argv[i], "--trace"))
			tracing = true;
		else if (!strcmp(argv[i], "--host") && i + 1 < argc) {
			if (host_load(&hf, argv[++i], rs->family))
				return 1;
		}
	}
	/* the kernel's time zone (time --kerneltz), read once; tz= overrides it per packet */
	gettimeofday(&tv, &tz);
	hf.host.tz_valid = true;
	filter_ctx_set_host(rs->ctx, &hf.host);
	t = filter_ruleset_table(rs, table);
	char line[70000], hook[32], in[IFNAMSIZ], out[IFNAMSIZ], hex[66000];
	static uint8_t bytes[32768];
	unsigned n = 0;

	if (!t) {
		fprintf(stderr, "nfctl: no table %s\n", table);
		return 1;
	}
	while (fgets(line, sizeof(line), stdin)) {
		struct filter_meta meta = { 0 };
		struct filter_pkt p = { 0 };
		struct pkt_view pv;
		size_t len;
		int h, v;

		n++;
		if (sscanf(line, "%31s %15s %15s %65999s", hook, in, out, hex) != 4 ||
		    (h = hook_by_name(hook)) < 0) {
			fprintf(stderr, "nfctl: eval: line %u: want HOOK IN OUT HEX\n", n);
			free(hf.a);
			free(hf.flows);
			return 2;
		}
		len = unhex(hex, bytes, sizeof(bytes));
		if (eval_options(line, rs->family, &meta, &ef)) {
			fprintf(stderr, "nfctl: eval: line %u: bad sp= (want sp=in|out:ELEM[,ELEM...])\n", n);
			free(hf.a);
			free(hf.flows);
			return 2;
		}
		hf.host.tz_minuteswest = ef.tz_set ? ef.tz_minuteswest : tz.tz_minuteswest;
		pkt_parse(&pv, bytes, (uint32_t)len, rs->family == FILTER_V6 ? AF_INET6 : AF_INET);
		if (meta.ct_valid) {
			ct_tuples(&pv, &meta);
			if (strstr(line, " dir=reply")) {
				struct filter_tuple t = meta.ct_orig;

				meta.ct_orig = meta.ct_reply;
				meta.ct_reply = t;
				meta.ct_dir = 1;
			}
			host_flow_add(&hf, &meta);
		}
		snprintf(meta.in, sizeof(meta.in), "%s", strcmp(in, "-") ? in : "");
		snprintf(meta.out, sizeof(meta.out), "%s", strcmp(out, "-") ? out : "");
		p.pv = &pv;
		p.meta = &meta;
		p.hook = (enum filter_hook)h;
		p.ctx = rs->ctx;
		p.host = filter_ctx_host(rs->ctx);
		p.now_ns = meta.tstamp_ns;
		meta.trace = tracing;
		p.out = &emit;
		v = filter_eval(t, &p);
		printf("%s\n", v >= 0 && v <= FILTER_RETURN ? names[v] : "?");
	}
	filter_ctx_set_host(rs->ctx, NULL);
	free(hf.a);
	free(hf.flows);
	return state_store(rs, state);
}

/* The iptables command on one table: working copy, command, commit. */
static int cmd_iptables(struct filter_ruleset *rs, const char *state, int argc, char **argv)
{
	const char *prog = rs->family == FILTER_V6 ? "ip6tables" : "iptables";
	struct filter_parse_opts po = { .family = rs->family };
	const struct filter_rule *bad = NULL;
	struct filter_table *cur, *work;
	struct filter_error e;
	struct filter_cmd cmd;
	const char *table = "filter";
	struct ulog_err ue;
	unsigned n_before;
	int i, rc;

	for (i = 0; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-t") || !strcmp(argv[i], "--table"))
			table = argv[i + 1];
	n_before = rs->n_tables;
	cur = filter_table_def(table) ? filter_ruleset_touch(rs, table) : NULL;
	if (!cur) {
		fprintf(stderr, "%s v1.8.9 (legacy): can't initialize %s table `%s': Table does not exist (do you need to insmod?)\n"
			"Perhaps %s or your kernel needs to be upgraded.\n", prog, prog, table, prog);
		return 3;
	}
	po.cur = cur;
	rc = filter_cmd_parse(argc, argv, &po, &cmd, &e);
	if (rc) {
		e.line = 0;
		filter_err_print(&e, prog, stderr);
		return rc;
	}
	if (cmd.cmd == FILTER_CMD_LIST || cmd.cmd == FILTER_CMD_LIST_RULES) {
		if (cmd.chain && !filter_chain_find(cur, cmd.chain)) {
			fprintf(stderr, "%s: No chain/target/match by that name.\n", prog);
			filter_cmd_free(&cmd);
			return 1;
		}
		if (cmd.cmd == FILTER_CMD_LIST)
			filter_table_list(stdout, cur, cmd.chain, &cmd);
		else
			filter_table_list_rules(stdout, cur, cmd.chain, cmd.rulenum, cmd.verbose);
		if (!cmd.list_zero) {
			filter_cmd_free(&cmd);
			/* listing a table brings it into being, as in the kernel */
			return rs->n_tables != n_before ? state_store(rs, state) : 0;
		}
		cmd.cmd = FILTER_CMD_ZERO;
		cmd.rulenum = 0;
	}
	work = filter_table_clone(cur);
	if (!work) {
		filter_cmd_free(&cmd);
		fprintf(stderr, "%s: out of memory\n", prog);
		return 4;
	}
	rc = filter_cmd_apply(work, &cmd, &e);
	filter_cmd_free(&cmd);
	if (!rc) {
		ulog_err_clear(&ue);
		if (filter_table_check(work, rs->family, &bad, &ue) < 0 ||
		    filter_table_bind(work, rs->ctx, &ue) < 0) {
			rc = filter_err(&e, FILTER_E_FAILED, "%s", ue.msg);
		}
	}
	if (rc) {
		filter_table_free(work, rs->ctx);
		if (e.kind == FILTER_E_FAILED)
			fprintf(stderr, "%s: %s.\n", prog, e.msg);
		else
			filter_err_print(&e, prog, stderr);
		return rc;
	}
	filter_ruleset_replace(rs, work);
	return state_store(rs, state);
}

int main(int argc, char **argv)
{
	uint8_t family = FILTER_V4;
	const char *state = getenv("NFCTL_STATE"), *sets = getenv("NFCTL_SETS");
	struct filter_ruleset *rs;
	int i = 1, rc;

	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-6"))
			family = FILTER_V6;
		else if (!strcmp(argv[i], "-4"))
			family = FILTER_V4;
		else if (!strcmp(argv[i], "--state") && i + 1 < argc)
			state = argv[++i];
		else if (!strcmp(argv[i], "--sets") && i + 1 < argc)
			sets = argv[++i];
		else
			break;
	}
	if (i == argc || !strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
		fputs(usage, i == argc ? stderr : stdout);
		return i == argc ? 2 : 0;
	}
	if (!state)
		state = family == FILTER_V6 ? "nfctl.v6" : "nfctl.v4";
	rs = filter_ruleset_new(family);
	if (!rs)
		return 4;
	rc = sets_remember(state, &sets);
	if (!rc && sets)
		rc = sets_load(rs, sets);
	if (!rc)
		rc = state_load(rs, state);
	if (!rc) {
		if (!strcmp(argv[i], "restore"))
			rc = cmd_restore(rs, state, argc - i - 1, argv + i + 1);
		else if (!strcmp(argv[i], "save"))
			rc = cmd_save(rs, state, argc - i - 1, argv + i + 1);
		else if (!strcmp(argv[i], "eval"))
			rc = cmd_eval(rs, state, argc - i - 1, argv + i + 1);
		else
			rc = cmd_iptables(rs, state, argc - i, argv + i);
	}
	filter_ruleset_free(rs);
	return rc;
}
