/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture replay: set-up from files, and each captured packet sent through the receive or send path. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_packet.h>
#include <sys/socket.h>

#include "../filter/filter.h"
#include "../filter/text.h"
#include "../filter/ext/lib/emit.h"
#include "../lib/logline.h"
#include "../lib/pcapio.h"
#include "replay.h"

/* Reads a whole file into a NUL-terminated buffer (freed by the caller). */
static char *slurp(const char *path, size_t *len, struct ulog_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n;

	*len = 0;
	if (!f) {
		ulog_errf(err, -errno, "%s: %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (*len + 4096 + 1 > cap) {
			char *p = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!p) {
				free(buf);
				fclose(f);
				ulog_errf(err, -ENOMEM, "%s: out of memory", path);
				return NULL;
			}
			buf = p;
		}
		n = fread(buf + *len, 1, cap - *len - 1, f);
		*len += n;
	} while (n);
	fclose(f);
	buf[*len] = 0;
	return buf;
}

static int load_rules(struct filter_ruleset *rs, const char *path, struct ulog_err *err)
{
	struct filter_restore_opts o = { 0 };
	struct filter_error fe;
	size_t len;
	char *text = slurp(path, &len, err);
	int rc;

	if (!text)
		return err->msg[0] ? -EINVAL : -ENOMEM;
	rc = filter_restore(rs, text, len, &o, &fe);
	free(text);
	if (rc) {
		ulog_err_at(err, path, fe.line);
		return ulog_errf(err, -EINVAL, "%s:%u: %s%s%s", path, fe.line, fe.msg,
				 fe.why[0] ? " " : "", fe.why);
	}
	return 0;
}

/* An `ip addr` listing starts "1: lo: ..." (text) or has "ifname" (JSON). */
static bool is_addr_listing(const char *text)
{
	while (*text == ' ' || *text == '\n' || *text == '\t')
		text++;
	if (*text == '[')
		return strstr(text, "\"ifname\"") != NULL;
	while (*text >= '0' && *text <= '9')
		text++;
	return text[0] == ':' && text[1] == ' ';
}

static int load_host(struct host *h, const char *path, struct ulog_err *err)
{
	size_t len;
	char *text = slurp(path, &len, err);
	int rc;

	if (!text)
		return -EINVAL;
	if (host_is_rule_listing(text))
		rc = host_load_rule(h, text, len, path, err);
	else
		rc = is_addr_listing(text) ? host_load_addr(h, text, len, path, err)
					   : host_load_route(h, text, len, path, err);
	free(text);
	return rc;
}

/* True if a rule of @rs needs connection tracking (the kernel's nf_ct_netns_get). */
static bool uses_conntrack(const struct filter_ruleset *rs)
{
	static const char *const names[] = {
		"state", "conntrack", "connmark", "CONNMARK", "connlimit", "CT", "NOTRACK",
		"helper", "connbytes", "connlabel", NULL,
	};
	unsigned t, c, i, m, k;

	for (t = 0; t < rs->n_tables; t++) {
		const struct filter_table *tb = rs->tables[t];

		if (!strcmp(tb->def->name, "nat"))
			return true;
		for (c = 0; c < tb->n_chains; c++)
			for (i = 0; i < tb->chains[c]->n_rules; i++) {
				const struct filter_rule *r = tb->chains[c]->rules[i];

				for (m = 0; m <= r->n_matches; m++) {
					const struct filter_ext_data *d =
						m < r->n_matches ? r->matches[m] : r->target;

					for (k = 0; d && names[k]; k++)
						if (!strcmp(d->ext->name, names[k]))
							return true;
				}
			}
	}
	return false;
}

/* @prefix, then the packet as the kernel's LOG line prints it, into @f */
static void print_line(struct replay *r, FILE *f, const char *prefix, const struct pkt_view *pv,
		       const struct filter_meta *m)
{
	char line[2048];
	struct logline_kmeta km = { 0 };

	km.prefix = prefix;
	km.in = m->in[0] ? m->in : NULL;
	if (km.in && r->cur_hw) {
		km.mac = r->cur_hw;
		km.mac_len = r->cur_hw_len;
	}
	km.out = m->out[0] ? m->out : NULL;
	km.flags = LOGLINE_TRACE_FLAGS;
	km.mark = m->mark;
	logline_kernel_view(line, sizeof(line), &km, pv);
	fprintf(f, "%s\n", line);
}

/* TRACE lines, and NAT lines: "NAT: table:chain:rule:N TARGET " then the packet */
static void trace_emit(void *arg, const char *kind, const void *ext_priv,
		       const struct pkt_view *pv, const struct filter_meta *m)
{
	struct replay *r = arg;
	char prefix[128];

	if (r->trace && !strcmp(kind, "TRACE")) {
		const struct filter_trace *t = ext_priv;

		if (logline_trace_prefix(prefix, sizeof(prefix), t->table, t->chain, t->comment, t->rulenum) >= 0)
			print_line(r, r->trace, prefix, pv, m);
	} else if (r->nat && !strcmp(kind, "NAT")) {
		const struct xt_nat_choice *c = ext_priv;

		snprintf(prefix, sizeof(prefix), "NAT: %s:%s:rule:%u %s ", c->table, c->chain, c->rulenum,
			 c->target);
		print_line(r, r->nat, prefix, pv, m);
	}
}

int replay_open(struct replay *r, const struct replay_opts *o, struct ulog_err *err)
{
	struct ct_config cfg;
	unsigned i;
	int rc = -ENOMEM;

	memset(r, 0, sizeof(*r));
	r->rs4 = filter_ruleset_new(FILTER_V4);
	r->rs6 = filter_ruleset_new(FILTER_V6);
	r->host = host_new();
	if (!r->rs4 || !r->rs6 || !r->host)
		return ulog_errf(err, -ENOMEM, "replay: out of memory");
	if ((o->rules4 && (rc = load_rules(r->rs4, o->rules4, err))) ||
	    (o->rules6 && (rc = load_rules(r->rs6, o->rules6, err))))
		return rc;
	for (i = 0; i < o->n_host; i++)
		if ((rc = load_host(r->host, o->host_files[i], err)))
			return rc;
	r->track[0] = o->conntrack > 0 || (o->conntrack < 0 && uses_conntrack(r->rs4));
	r->track[1] = o->conntrack > 0 || (o->conntrack < 0 && uses_conntrack(r->rs6));
	if (r->track[0] || r->track[1]) {
		ct_config_default(&cfg);
		cfg.acct = o->acct;
		cfg.tstamp = o->tstamp;
		if (o->ct_max)
			cfg.max = o->ct_max;
		r->ct = ct_table_new(&cfg);
		if (!r->ct)
			return ulog_errf(err, -ENOMEM, "replay: conntrack table of %u entries", cfg.max);
	}
	if (defrag_init(&r->defrag))
		return ulog_errf(err, -ENOMEM, "replay: fragment reassembly buffers");
	r->sets.v4 = r->rs4;
	r->sets.v6 = r->rs6;
	hooks_facts_init(&r->facts, r->host, r->ct);
	r->emit.emit = trace_emit;
	r->emit.arg = r;
	r->trace = o->trace;
	r->nat = o->nat;
	r->owner = o->owner;
	r->owner_uid = o->owner_uid;
	r->owner_gid = o->owner_gid;
	memcpy(r->owners, o->owners, sizeof(r->owners));
	r->n_owners = o->n_owners;
	r->from_ns = o->from_ns;
	r->until_ns = o->until_ns;
	r->in = o->in;
	r->h.host = r->host->n_routes ? r->host : NULL;
	r->h.facts = &r->facts.fh;
	r->h.emit = &r->emit;
	r->h.table = hooks_filter_table;
	r->h.table_arg = &r->sets;
	return 0;
}

void replay_close(struct replay *r)
{
	filter_ruleset_free(r->rs4);
	filter_ruleset_free(r->rs6);
	host_free(r->host);
	ct_table_free(r->ct);
	defrag_free(&r->defrag);
	memset(r, 0, sizeof(*r));
}
