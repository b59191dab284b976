/* SPDX-License-Identifier: GPL-2.0-or-later */
/* iptables -L and -S output in iptables' layout (no name lookups: addresses stay numeric). */
#include <string.h>

#include "text.h"

struct fmt {
	bool numeric, verbose, exact, linenum;
};

/* xtables_print_num(): K/M/G/T unless -x; @table pads the columns. */
static void print_num(FILE *f, unsigned long long n, const struct fmt *ft, bool table)
{
	static const char units[] = "KMGT";
	int u = -1;

	if (ft->exact) {
		fprintf(f, table ? "%8llu " : "%llu ", n);
		return;
	}
	if (n <= 99999) {
		fprintf(f, table ? "%5llu " : "%llu ", n);
		return;
	}
	while (u < 3) {
		n = (n + 500) / 1000;
		u++;
		if (n <= 9999)
			break;
	}
	fprintf(f, table ? "%4llu%c " : "%llu%c ", n, units[u]);
}

static unsigned references(const struct filter_table *t, const char *name)
{
	unsigned i, j, n = 0;

	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++) {
			const struct filter_rule *r = t->chains[i]->rules[j];

			if ((r->tkind == FILTER_TGT_JUMP || r->tkind == FILTER_TGT_GOTO) &&
			    !strcmp(r->jump, name))
				n++;
		}
	return n;
}

static void print_header(FILE *f, const struct filter_table *t, const struct filter_chain *c,
			 const struct fmt *ft)
{
	fprintf(f, "Chain %s", c->name);
	if (c->hook >= 0) {
		fprintf(f, " (policy %s", c->policy == FILTER_DROP ? "DROP" : "ACCEPT");
		if (ft->verbose) {
			fputc(' ', f);
			print_num(f, c->pcnt, ft, false);
			fputs("packets, ", f);
			print_num(f, c->bcnt, ft, false);
			fputs("bytes", f);
		}
		fprintf(f, ")\n");
	} else {
		fprintf(f, " (%u references)\n", references(t, c->name));
	}
	if (ft->linenum)
		fprintf(f, "%-4s ", "num");
	if (ft->verbose)
		fprintf(f, ft->exact ? "%8s %10s " : "%5s %5s ", "pkts", "bytes");
	fprintf(f, "%-9s  prot opt", "target");
	if (ft->verbose)
		fprintf(f, " %-6s %-6s ", "in", "out");
	fprintf(f, " %-19s  %-19s \n", "source", "destination");
}

static const char *target_name(const struct filter_rule *r)
{
	switch (r->tkind) {
	case FILTER_TGT_NONE:
		return "";
	case FILTER_TGT_VERDICT:
		return r->verdict == FILTER_ACCEPT ? "ACCEPT" : r->verdict == FILTER_DROP ? "DROP" :
		       r->verdict == FILTER_QUEUE ? "QUEUE" : "RETURN";
	case FILTER_TGT_JUMP:
	case FILTER_TGT_GOTO:
		return r->jump;
	case FILTER_TGT_EXT:
		return r->target->ext->list_name ? r->target->ext->list_name :
		       r->target->ext->save_name ? r->target->ext->save_name : r->target->ext->name;
	}
	return "";
}

static void print_iface(FILE *f, const char *name, bool inv, bool numeric, const char *fmt)
{
	char s[IFNAMSIZ + 8];

	snprintf(s, sizeof(s), "%s%s", inv ? "!" : "", name[0] ? name : numeric ? "*" : "any");
	fprintf(f, fmt, s);
}

static void print_host(FILE *f, const uint8_t *a, const uint8_t *m, bool inv, int family,
		       bool numeric)
{
	char s[128];
	struct filter_buf b = filter_buf_init(s, sizeof(s));
	int p = filter_mask_prefix(family, m);

	fputc(inv ? '!' : ' ', f);
	if (p == 0 && !numeric) {
		fprintf(f, "%-19s ", "anywhere");
		return;
	}
	filter_baddr(&b, family, a);
	if (p < 0) {
		filter_bprintf(&b, "/");
		filter_baddr(&b, family, m);
	} else if (p != (family == 6 ? 128 : 32)) {
		filter_bprintf(&b, "/%d", p);
	}
	fprintf(f, "%-19s ", s);
}

static void print_ext_list(FILE *f, const struct filter_ext_data *d, const struct filter_std *std,
			   bool numeric)
{
	char s[2048];

	s[0] = 0;
	if (d->ext->list) {
		d->ext->list(d, std, numeric, s, sizeof(s));
		fputs(s, f);
		return;
	}
	if (d->ext->print)
		d->ext->print(d, std, s, sizeof(s));
	if (d->ext->kind == FILTER_EXT_MATCH)
		fprintf(f, "%s ", d->ext->name);
	if (s[0])
		fprintf(f, "%s ", s);
}

static void print_rule(FILE *f, const struct filter_rule *r, unsigned num, const struct fmt *ft)
{
	int family = r->std.family == FILTER_V6 ? 6 : 4;
	const char *pname = ft->numeric ? NULL : r->std.proto ? filter_proto_name(r->std.proto) : "all";
	unsigned i;

	if (ft->linenum)
		fprintf(f, "%-4u ", num);
	if (ft->verbose) {
		print_num(f, r->pcnt, ft, true);
		print_num(f, r->bcnt, ft, true);
	}
	fprintf(f, "%-9s ", target_name(r));
	fputc(r->std.proto_inv ? '!' : ' ', f);
	/* "%-4s " as iptables 1.8.9: a longer name still gets its space (ipv6-icmp --) */
	if (pname)
		fprintf(f, "%-4s ", pname);
	else
		fprintf(f, "%-4u ", r->std.proto);
	fprintf(f, "%c%c ", r->std.frag_inv ? '!' : '-', r->std.frag ? 'f' : '-');
	if (ft->verbose) {
		print_iface(f, r->in, r->in_inv, ft->numeric, " %-6s ");
		print_iface(f, r->out, r->out_inv, ft->numeric, "%-6s ");
	}
	print_host(f, r->src, r->smsk, r->src_inv, family, ft->numeric);
	print_host(f, r->dst, r->dmsk, r->dst_inv, family, ft->numeric);
	if (r->tkind == FILTER_TGT_GOTO)
		fprintf(f, "[goto] ");
	for (i = 0; i < r->n_matches; i++)
		print_ext_list(f, r->matches[i], &r->std, ft->numeric);
	if (r->target)
		print_ext_list(f, r->target, &r->std, ft->numeric);
	fputc('\n', f);
}

/* See text.h. */
void filter_table_list(FILE *f, const struct filter_table *t, const char *chain,
		       const struct filter_cmd *o)
{
	struct fmt ft = { o->numeric, o->verbose, o->exact, o->line_numbers };
	bool first = true;
	unsigned i, j;

	for (i = 0; i < t->n_chains; i++) {
		const struct filter_chain *c = t->chains[i];

		if (chain && strcmp(chain, c->name))
			continue;
		if (!first)
			fputc('\n', f);
		first = false;
		print_header(f, t, c, &ft);
		for (j = 0; j < c->n_rules; j++)
			if (!o->rulenum || (long)j + 1 == o->rulenum)
				print_rule(f, c->rules[j], j + 1, &ft);
	}
}

static void list_chain_rules(FILE *f, const struct filter_chain *c, long rulenum, bool counters)
{
	char s[4096];
	unsigned j;

	for (j = 0; j < c->n_rules; j++) {
		const struct filter_rule *r = c->rules[j];
		struct filter_buf b = filter_buf_init(s, sizeof(s));

		if (rulenum && (long)j + 1 != rulenum)
			continue;
		filter_bprintf(&b, "-A %s", c->name);
		if (r->n_matches || r->tkind != FILTER_TGT_NONE || counters ||
		    memcmp(r->smsk, (uint8_t[16]){ 0 }, 16) || memcmp(r->dmsk, (uint8_t[16]){ 0 }, 16) ||
		    r->src_inv || r->dst_inv || r->in[0] || r->out[0] || r->std.proto || r->std.frag)
			filter_bprintf(&b, " ");
		filter_rule_print_spec(&b, r, counters);
		fprintf(f, "%s\n", s);
	}
}

/* See text.h. */
void filter_table_list_rules(FILE *f, const struct filter_table *t, const char *chain,
			     long rulenum, bool counters)
{
	unsigned i;

	for (i = 0; i < t->n_chains; i++) {
		const struct filter_chain *c = t->chains[i];

		if (chain && strcmp(chain, c->name))
			continue;
		if (rulenum)
			continue;
		if (c->hook >= 0 && counters)
			fprintf(f, "-P %s %s -c %llu %llu\n", c->name,
				c->policy == FILTER_DROP ? "DROP" : "ACCEPT",
				(unsigned long long)c->pcnt, (unsigned long long)c->bcnt);
		else if (c->hook >= 0)
			fprintf(f, "-P %s %s\n", c->name, c->policy == FILTER_DROP ? "DROP" : "ACCEPT");
		else
			fprintf(f, "-N %s\n", c->name);
	}
	for (i = 0; i < t->n_chains; i++)
		if (!chain || !strcmp(chain, t->chains[i]->name))
			list_chain_rules(f, t->chains[i], rulenum, counters);
}
