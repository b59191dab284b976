/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test tool: runs filter/ext/<name>.t rule rows through the extension modules alone (parse, final check, check, print). */
/*
 * Usage: extcheck [-v] FILE.t...
 * A minimal rule reader of its own (-p, ! -p, -m, -j and extension options)
 * so that extensions are tested without the restore parser; nfctl-based
 * and kernel-based checks live in filter/tests/ext_t.sh. Prints one
 * "not ok" line per failing row and chain and one "ok" line per passing
 * file (-v: per row). Exit status 1 if any row failed. With $EXTCHECK_PKT
 * (the tests/tools/pkt tool) packet rows are run too: the rule's -p test and
 * matches on the bytes, with a simulated clock (1 ms per packet, plus sleep=).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "filter/ext.h"
#include "filter/ext/lib/ipset.h"
#include "filter/filter.h"
#include "filter/util.h"

#define MAXTOK 128

static struct filter_ctx *g_ctx;    /* commit context: the sets ext_t.sh creates in its namespace */
#define MAXEXT 16

struct rule {
	struct filter_std std;
	struct filter_ext_data *ext[MAXEXT];
	bool is_target[MAXEXT];
	unsigned n;
	const char *verdict;            /* -j ACCEPT etc. */
};

/* iptables-restore's tokenizer: blanks split, double quotes group, a
 * backslash inside quotes takes the next character literally. */
static int tokenize(const char *s, char *store, char **tok)
{
	int n = 0;

	while (*s) {
		bool quoted = false, any = false;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		tok[n] = store;
		while (*s && (quoted || (*s != ' ' && *s != '\t'))) {
			if (*s == '"') {
				quoted = !quoted;
				any = true;
				s++;
				continue;
			}
			if (quoted && *s == '\\' && s[1])
				s++;
			*store++ = *s++;
			any = true;
		}
		(void)any;
		*store++ = 0;
		if (++n == MAXTOK)
			break;
	}
	return n;
}

static struct filter_ext_data *ext_new(const struct filter_ext *e, const struct filter_std *std)
{
	struct filter_ext_data *d = calloc(1, sizeof(*d) + e->priv_size + 16);

	d->ext = e;
	d->priv_size = e->priv_size;
	if (e->init)
		e->init(d, std);
	return d;
}

static void rule_free(struct rule *r)
{
	unsigned i;

	for (i = 0; i < r->n; i++)
		free(r->ext[i]);
	r->n = 0;
}

static const char *implicit_match(const struct filter_std *std)
{
	switch (std->proto) {
	case 6: return "tcp";
	case 17: return "udp";
	case 1: return std->family == FILTER_V4 ? "icmp" : NULL;
	case 58: return std->family == FILTER_V6 ? "icmp6" : NULL;
	case 132: return "sctp";
	case 33: return "dccp";
	case 136: return "udplite";
	}
	return NULL;
}

static int find_opt(const struct filter_ext *e, const char *name)
{
	unsigned i;

	for (i = 0; i < e->n_opts; i++)
		if (!strcmp(e->opts[i].name, name))
			return (int)i;
	return -1;
}

/* getopt_long: a unique prefix of one option of the loaded extensions. */
static int find_prefix(const struct rule *r, const char *name, int *which)
{
	size_t n = strlen(name);
	int found = -1;
	unsigned k, i;

	for (k = 0; k < r->n; k++)
		for (i = 0; i < r->ext[k]->ext->n_opts; i++)
			if (!strncmp(r->ext[k]->ext->opts[i].name, name, n)) {
				if (found >= 0)
					return -1;
				found = (int)i;
				*which = (int)k;
			}
	return found;
}

/* Generic option framework behaviour (the core's job in nfctl). */
static int give_opt(struct filter_ext_data *d, int oi, char **tok, int *i, int n, bool inv,
		    const struct filter_std *std, struct ulog_err *err)
{
	const struct filter_opt *o = &d->ext->opts[oi];
	const char *args[2] = { NULL, NULL };
	int need = o->arg == FILTER_ARG_NONE ? 0 : o->arg == FILTER_ARG_ONE ? 1 : 2;
	int k, rc;

	for (k = 0; k < need; k++) {
		if (*i + 1 >= n)
			return need == 2 ? ulog_errf(err, -EINVAL, "--%s requires two args.", o->name)
					 : ulog_errf(err, -EINVAL, "option \"--%s\" requires an argument",
						     o->name);
		args[k] = tok[++*i];
	}
	if (inv && !(o->flags & FILTER_OPT_INVERT))
		return ulog_errf(err, -EINVAL, "%s: option \"--%s\" cannot be inverted.\n",
				 d->ext->name, o->name);
	if ((o->flags & FILTER_OPT_ONCE) && filter_opt_seen(d, (unsigned)oi))
		return ulog_errf(err, -EINVAL, "%s: option \"--%s\" can only be used once.\n",
				 d->ext->name, o->name);
	if ((rc = d->ext->parse(d, (unsigned)oi, args, inv, std, err)))
		return rc;
	d->seen |= 1ull << oi;
	if (inv)
		d->inverted |= 1ull << oi;
	return 0;
}

static int parse_rule(struct rule *r, char **tok, int n, struct ulog_err *err)
{
	bool inv = false;
	int i, rc;

	for (i = 0; i < n; i++) {
		const char *t = tok[i];

		if (!strcmp(t, "!")) {
			inv = true;
			continue;
		}
		if (!strcmp(t, "-p") && i + 1 < n) {
			if (!filter_parse_proto(tok[++i], &r->std.proto))
				return ulog_errf(err, -EINVAL, "unknown protocol \"%s\" specified", tok[i]);
			r->std.proto_inv = inv;
		} else if ((!strcmp(t, "-m") || !strcmp(t, "-j")) && i + 1 < n) {
			bool tg = t[1] == 'j';
			const struct filter_ext *e = filter_ext_find(tok[++i],
				tg ? FILTER_EXT_TARGET : FILTER_EXT_MATCH, r->std.family);

			if (tg && (!strcmp(tok[i], "ACCEPT") || !strcmp(tok[i], "DROP") ||
				   !strcmp(tok[i], "RETURN"))) {
				r->verdict = tok[i];
			} else {
				if (!e)
					return ulog_errf(err, -ENOENT, "no extension %s", tok[i]);
				r->is_target[r->n] = tg;
				r->ext[r->n++] = ext_new(e, &r->std);
			}
		} else if (!strncmp(t, "--", 2)) {
			int k, oi = -1;

			for (k = (int)r->n - 1; k >= 0 && oi < 0; k--)
				oi = find_opt(r->ext[k]->ext, t + 2);
			k++;
			if (oi < 0)
				oi = find_prefix(r, t + 2, &k);
			if (oi < 0 && implicit_match(&r->std)) {
				const struct filter_ext *e = filter_ext_find(implicit_match(&r->std),
						FILTER_EXT_MATCH, r->std.family);

				if (e && find_opt(e, t + 2) >= 0) {
					memmove(&r->ext[1], &r->ext[0], r->n * sizeof(r->ext[0]));
					memmove(&r->is_target[1], &r->is_target[0], r->n);
					r->ext[0] = ext_new(e, &r->std);
					r->is_target[0] = false;
					r->n++;
					k = 0;
					oi = find_opt(e, t + 2);
				}
			}
			if (oi < 0)
				return ulog_errf(err, -EINVAL, "unknown option \"%s\"", t);
			if ((rc = give_opt(r->ext[k], oi, tok, &i, n, inv, &r->std, err)))
				return rc;
		} else {
			return ulog_errf(err, -EINVAL, "Bad argument `%s'", t);
		}
		inv = false;
	}
	return 0;
}

static int final_rule(struct rule *r, struct ulog_err *err)
{
	unsigned k, i;
	int rc;

	for (k = 0; k < r->n; k++) {
		struct filter_ext_data *d = r->ext[k];

		for (i = 0; i < d->ext->n_opts; i++)
			if ((d->ext->opts[i].flags & FILTER_OPT_MANDATORY) && !filter_opt_seen(d, i))
				return ulog_errf(err, -EINVAL, "%s: option \"--%s\" must be specified\n",
						 d->ext->name, d->ext->opts[i].name);
		if (d->ext->final_check && (rc = d->ext->final_check(d, &r->std, err)))
			return rc;
	}
	return 0;
}

static void print_rule(const struct rule *r, char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned k;

	if (r->std.proto) {
		const char *pn = filter_proto_name(r->std.proto);

		filter_bprintf(&b, "%s-p ", r->std.proto_inv ? "! " : "");
		if (pn)
			filter_bprintf(&b, "%s", pn);
		else
			filter_bprintf(&b, "%u", r->std.proto);
	} else if (r->std.proto_inv) {
		filter_bprintf(&b, "! -p all");
	}
	for (k = 0; k < r->n; k++) {
		const struct filter_ext_data *d = r->ext[k];
		char tmp[4096];
		const char *name = d->ext->save_name ? d->ext->save_name : d->ext->name;

		if (r->is_target[k])
			continue;
		filter_bsep(&b);
		filter_bprintf(&b, "-m %s", name);
		d->ext->print(d, &r->std, tmp, sizeof(tmp));
		if (tmp[0])
			filter_bprintf(&b, " %s", tmp);
	}
	for (k = 0; k < r->n; k++) {
		const struct filter_ext_data *d = r->ext[k];
		char tmp[4096];

		if (!r->is_target[k])
			continue;
		filter_bsep(&b);
		filter_bprintf(&b, "-j %s", d->ext->save_name ? d->ext->save_name : d->ext->name);
		d->ext->print(d, &r->std, tmp, sizeof(tmp));
		if (tmp[0])
			filter_bprintf(&b, " %s", tmp);
	}
	if (r->verdict) {
		filter_bsep(&b);
		filter_bprintf(&b, "-j %s", r->verdict);
	}
}

static int hook_of(const char *chain)
{
	static const char *const names[] = { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" };
	int h;

	for (h = 0; h < 5; h++)
		if (!strcmp(chain, names[h]))
			return h;
	return -1;
}

static int check_rule(struct rule *r, const char *table, const char *chain, struct ulog_err *err)
{
	struct filter_check_ctx c = { .table = table, .std = &r->std, .chain = chain };
	int h = hook_of(chain);
	unsigned k;
	int rc;

	struct filter_ext_data *m[MAXEXT];
	unsigned nm = 0;

	for (k = 0; k < r->n; k++)
		if (!r->is_target[k])
			m[nm++] = r->ext[k];
	c.matches = m;
	c.n_matches = nm;
	c.hook_mask = h >= 0 ? FILTER_HOOK_BIT(h) : 0;
	for (k = 0; k < r->n; k++)
		if (r->ext[k]->ext->check && (rc = r->ext[k]->ext->check(r->ext[k], &c, err)))
			return rc;
	/* commit also binds (set names must exist, named state is created) */
	for (k = 0; k < r->n; k++) {
		const struct filter_ext *e = r->ext[k]->ext;

		if (e->bind && (rc = e->bind(r->ext[k], g_ctx, err)))
			return rc;
		if (e->unbind)
			e->unbind(r->ext[k], g_ctx);
	}
	return 0;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = 0;
}

struct tfile {
	const char *path;
	uint8_t family;
	char table[32];
	char chains[256];
	unsigned fails, oks;
};

static bool verbose;

/* Packet rows: the last loading rule stays built and bound, so state carries
 * over from packet to packet; time advances 1 ms per packet and by sleep=. */
static struct rule g_live;
static bool g_live_ok;
static char g_live_chain[32];
static uint64_t g_now = 1000000000000000ull;
static const char *g_pkt_tool;        /* $EXTCHECK_PKT: tests/tools/pkt, or NULL */

static void live_release(void)
{
	unsigned k;

	if (!g_live_ok)
		return;
	for (k = 0; k < g_live.n; k++)
		if (g_live.ext[k]->ext->unbind)
			g_live.ext[k]->ext->unbind(g_live.ext[k], g_ctx);
	rule_free(&g_live);
	g_live_ok = false;
}

/* Keeps the rule of a loading row built and bound for the packet rows after it. */
static void live_rule(const struct tfile *tf, const char *line, bool refused)
{
	char store[8192], *tok[MAXTOK], chains[256], *save = NULL, *c;
	struct ulog_err err;
	unsigned k;
	int n;

	live_release();
	g_live_chain[0] = 0;
	snprintf(chains, sizeof(chains), "%s", tf->chains);
	for (c = strtok_r(chains, ",", &save); c; c = strtok_r(NULL, ",", &save))
		if (!strcmp(c, "PREROUTING") || !strcmp(c, "INPUT")) {
			snprintf(g_live_chain, sizeof(g_live_chain), "%s", c);
			break;
		}
	if (refused || !g_pkt_tool || !g_live_chain[0])
		return;
	memset(&g_live, 0, sizeof(g_live));
	g_live.std.family = tf->family;
	n = tokenize(line, store, tok);
	if (parse_rule(&g_live, tok, n, &err) || final_rule(&g_live, &err)) {
		rule_free(&g_live);
		return;
	}
	for (k = 0; k < g_live.n; k++)
		if (g_live.ext[k]->ext->bind && g_live.ext[k]->ext->bind(g_live.ext[k], g_ctx, &err)) {
			g_live.n = k;    /* unbind only what was bound */
			g_live_ok = true;
			live_release();
			return;
		}
	g_live_ok = true;
}

/* The bytes of a packet spec, from the pkt tool. Returns the length or 0. */
static size_t spec_bytes(uint8_t family, const char *spec, uint8_t *out, size_t max)
{
	char cmd[2048], hex[8192];
	size_t n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "%s hex -%c %s", g_pkt_tool, family == FILTER_V6 ? '6' : '4', spec);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	if (!fgets(hex, sizeof(hex), p))
		hex[0] = 0;
	pclose(p);
	while (hex[2 * n] && hex[2 * n + 1] && n < max) {
		unsigned v;

		if (sscanf(hex + 2 * n, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
	}
	return n;
}

/* The receiving namespace of ext_t.sh as host facts: it owns 10.77.0.2/24 and
 * fd77::2/64 on its one veth and has no other route. */
static uint32_t test_addr_type(const struct filter_host *h, uint8_t family, const uint8_t *a,
			       const char *dev)
{
	static const uint8_t me6[16] = { 0xfd, 0x77, [15] = 2 };
	static const uint8_t zero[16];

	if (family == FILTER_V6) {
		if (!memcmp(a, me6, 16))
			return 1u << 2;                         /* RTN_LOCAL */
		if (a[0] == 0xff)
			return 1u << 5;                         /* RTN_MULTICAST */
		return !memcmp(a, zero, 16) ? 1u << 0 : 1u << 1;
	}
	if (a[0] == 10 && a[1] == 77 && a[2] == 0 && a[3] == 2)
		return 1u << 2;
	if ((a[0] & 0xf0) == 0xe0)
		return 1u << 5;
	if ((a[0] == 10 && a[1] == 77 && a[2] == 0 && a[3] == 255) ||
	    (a[0] == 255 && a[1] == 255 && a[2] == 255 && a[3] == 255) || !memcmp(a, zero, 4))
		return 1u << 3;                                 /* RTN_BROADCAST */
	return 1u << 1;                                         /* RTN_UNICAST */
}

/* Reverse path: only the veth's subnet routes back. */
static bool test_rpf_ok(const struct filter_host *h, const struct pkt_view *pv,
			const struct filter_meta *m, unsigned flags)
{
	const uint8_t *s = pkt_l3(pv, pv->family == AF_INET6 ? 8 : 12, pv->family == AF_INET6 ? 16 : 4);

	if (!s)
		return false;
	if (pv->family == AF_INET6)
		return s[0] == 0xfd && s[1] == 0x77;
	return s[0] == 10 && s[1] == 77 && s[2] == 0;
}

static const struct filter_host g_host = { .addr_type = test_addr_type, .rpf_ok = test_rpf_ok };

/* Metadata from the spec: "mac=" the source MAC of the frame; conntrack facts of
 * "ct=new" (the first packet of a flow: a new entry, original direction, tuples
 * from the packet) or "ct=invalid" (no entry). */
static void spec_meta(const char *spec, const struct pkt_view *pv, struct filter_meta *m)
{
	const char *ct = strstr(spec, "ct=");
	const uint8_t *s, *d;
	uint16_t sp = 0, dp = 0;
	unsigned n = pv->family == AF_INET6 ? 16 : 4;

	const char *mac = strstr(spec, "mac=");
	unsigned a[6];

	if (mac && sscanf(mac + 4, "%x:%x:%x:%x:%x:%x", &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]) == 6) {
		unsigned i;

		m->has_mac = true;
		for (i = 0; i < 6; i++)
			m->mac_src[i] = (uint8_t)a[i];
	}
	if (!ct || strncmp(ct + 3, "new", 3))
		return;
	s = pkt_l3(pv, pv->family == AF_INET6 ? 8 : 12, n);
	d = pkt_l3(pv, pv->family == AF_INET6 ? 24 : 16, n);
	if (!s || !d)
		return;
	pkt_ports(pv, &sp, &dp);
	m->ct_valid = true;
	m->ct_state = FILTER_CT_NEW;
	m->ct_dir = 0;
	memcpy(m->ct_orig.src, s, n);
	memcpy(m->ct_orig.dst, d, n);
	memcpy(m->ct_reply.src, d, n);
	memcpy(m->ct_reply.dst, s, n);
	m->ct_orig.sport = m->ct_reply.dport = sp;
	m->ct_orig.dport = m->ct_reply.sport = dp;
	m->ct_orig.proto = m->ct_reply.proto = pv->l4proto;
}

/* One packet row ">SPEC;match|nomatch[;kernel]" against the live rule: the
 * -p test and every match in order (targets are not run). */
static void run_packet(struct tfile *tf, char *line, unsigned lineno, bool stateful)
{
	static uint8_t bytes[4096];
	char spec[1024], *semi = strchr(line, ';'), *sl;
	struct filter_meta meta = { 0 };
	struct filter_pkt pkt = { 0 };
	struct filter_host host;
	struct pkt_view pv;
	const char *want, *only;
	bool hit = true;
	unsigned k;
	size_t len;

	if (!g_live_ok || !semi)
		return;
	*semi = 0;
	want = semi + 1;
	only = strchr(want, ';');
	snprintf(spec, sizeof(spec), "%.1000s", line + 1);
	if (only && !stateful && !strstr(spec, "ct=") && !strstr(spec, "mac=") && !strstr(spec, "ts="))
		return;         /* needs kernel facts (routes) this tool does not model */
	g_now += 1000000;
	if ((sl = strstr(spec, "sleep=")) != NULL) {
		g_now += (uint64_t)(atof(sl + 6) * 1e9);
		memset(sl, ' ', strcspn(sl, " "));
	}
	len = spec_bytes(g_live.std.family, spec, bytes, sizeof(bytes));
	pkt_parse(&pv, bytes, (uint32_t)len, g_live.std.family == FILTER_V6 ? AF_INET6 : AF_INET);
	spec_meta(spec, &pv, &meta);
	pkt.pv = &pv;
	pkt.meta = &meta;
	pkt.hook = !strcmp(g_live_chain, "INPUT") ? FILTER_LOCAL_IN : FILTER_PRE_ROUTING;
	pkt.now_ns = g_now;
	pkt.ctx = g_ctx;
	pkt.host = &g_host;
	/* "ts=NS" a fixed packet time, "tz=MINUTESWEST" the kernel's time zone (time.t) */
	if ((sl = strstr(spec, "ts=")) != NULL)
		pkt.now_ns = strtoull(sl + 3, NULL, 10);
	if ((sl = strstr(spec, "tz=")) != NULL) {
		host = g_host;
		host.tz_valid = true;
		host.tz_minuteswest = (int32_t)strtol(sl + 3, NULL, 10);
		pkt.host = &host;
	}
	if (g_live.std.proto && ((pv.l4proto == g_live.std.proto) == g_live.std.proto_inv))
		hit = false;
	for (k = 0; hit && k < g_live.n; k++)
		if (!g_live.is_target[k] && g_live.ext[k]->ext->match(g_live.ext[k], &pkt) != FILTER_MATCHED)
			hit = false;
	if (!strncmp(want, hit ? "match" : "nomatch", hit ? 5 : 7) &&
	    (want[hit ? 5 : 7] == 0 || want[hit ? 5 : 7] == ';')) {
		tf->oks++;
		return;
	}
	printf("not ok %s:%u packet %s: got %s, want %s\n", tf->path, lineno, spec,
	       hit ? "match" : "nomatch", want);
	tf->fails++;
}

/* One row "RULE;EXPECTED" where EXPECTED is "=", a save text, "FAIL",
 * "FAIL;MESSAGE" or "FAIL;@commit". */
static void run_row(struct tfile *tf, char *line, unsigned lineno)
{
	char *semi = strchr(line, ';');
	char store[8192], *tok[MAXTOK], chains[256], *save = NULL, *chain;
	const char *want;
	int n;

	if (!semi) {
		printf("not ok %s:%u: row without ';'\n", tf->path, lineno);
		tf->fails++;
		return;
	}
	*semi = 0;
	want = semi + 1;
	if (!strcmp(want, "="))
		want = line;
	snprintf(chains, sizeof(chains), "%s", tf->chains);
	for (chain = strtok_r(chains, ",", &save); chain; chain = strtok_r(NULL, ",", &save)) {
		struct rule r = { .std.family = tf->family };
		struct ulog_err err;
		char got[8192];
		int rc;

		ulog_err_clear(&err);
		n = tokenize(line, store, tok);
		rc = parse_rule(&r, tok, n, &err);
		if (!rc)
			rc = final_rule(&r, &err);
		if (rc) {
			char *nl;

			while ((nl = strrchr(err.msg, '\n')) && !nl[1])
				*nl = 0;
			snprintf(got, sizeof(got), "FAIL;%s", err.msg);
		} else if ((rc = check_rule(&r, tf->table, chain, &err))) {
			snprintf(got, sizeof(got), "FAIL;@commit");
		} else {
			print_rule(&r, got, sizeof(got));
		}
		rule_free(&r);
		if (!strcmp(got, want) || (!strcmp(want, "FAIL") && !strncmp(got, "FAIL", 4))) {
			tf->oks++;
			if (verbose)
				printf("ok %s:%u %s %s\n", tf->path, lineno, tf->table, chain);
		} else {
			printf("not ok %s:%u %s %s: %s\n#   got:  %s%s%s\n#   want: %s\n", tf->path,
			       lineno, tf->table, chain, line, got,
			       rc && strcmp(got, "FAIL;@commit") == 0 ? " -- " : "",
			       rc && strcmp(got, "FAIL;@commit") == 0 ? err.msg : "", want);
			tf->fails++;
		}
	}
	live_rule(tf, line, !strncmp(want, "FAIL", 4));
}

static unsigned run_file(const char *path)
{
	struct tfile tf = { .path = path, .family = FILTER_V4, .table = "filter", .chains = "INPUT" };
	char line[8192];
	unsigned lineno = 0;
	FILE *f = fopen(path, "r");
	/* rows marked ";kernel" are checked here too where only time matters */
	/* ";kernel" rows this tool can model too: time, sets, the test host's routes */
	bool stateful = strstr(path, "limit.t") || strstr(path, "recent.t") || strstr(path, "set.t") ||
			strstr(path, "addrtype.t") || strstr(path, "rpfilter.t");

	if (!f) {
		printf("not ok %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		chomp(line);
		if (line[0] == '>') {
			run_packet(&tf, line, lineno, stateful);
			continue;
		}
		if (!line[0] || line[0] == '#')
			continue;
		if (!strcmp(line, "-4") || !strcmp(line, "-6"))
			tf.family = line[1] == '4' ? FILTER_V4 : FILTER_V6;
		else if (line[0] == '*')
			snprintf(tf.table, sizeof(tf.table), "%.31s", line + 1);
		else if (line[0] == ':')
			snprintf(tf.chains, sizeof(tf.chains), "%.255s", line + 1);
		else
			run_row(&tf, line, lineno);
	}
	fclose(f);
	live_release();
	if (!tf.fails)
		printf("ok extcheck %s (%u rows x chains)\n", path, tf.oks);
	return tf.fails;
}

int main(int argc, char **argv)
{
	unsigned fails = 0;
	struct ulog_err err;
	int i;

	g_pkt_tool = getenv("EXTCHECK_PKT");
	g_ctx = filter_ctx_new();
	/* the sets ext_t.sh creates in its namespaces, with the same members */
	if (!g_ctx || xt_ipset_load(g_ctx, "create t4 hash:ip family inet\n"
				    "add t4 10.77.0.1\n"
				    "create n4 hash:net family inet\n"
				    "add n4 10.77.0.0/30\n"
				    "create t6 hash:ip family inet6\n"
				    "add t6 fd77::1\n", &err)) {
		fprintf(stderr, "extcheck: cannot set up the context\n");
		return 2;
	}

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-v")) {
			verbose = true;
			continue;
		}
		fails += run_file(argv[i]);
	}
	filter_ctx_free(g_ctx);
	return fails ? 1 : 0;
}
