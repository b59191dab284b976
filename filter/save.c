/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Printers of rules and tables exactly as iptables-legacy-save writes them. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "text.h"

static int fam(const struct filter_rule *r)
{
	return r->std.family == FILTER_V6 ? 6 : 4;
}

static bool all_zero(const uint8_t *p, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* print_ip(): nothing for 0/0 unless inverted. */
static void print_addr(struct filter_buf *b, const char *opt, const uint8_t *a, const uint8_t *m,
		       bool inv, int family)
{
	int n = family == 6 ? 16 : 4;

	if (all_zero(a, n) && all_zero(m, n) && !inv)
		return;
	filter_bprintf(b, "%s %s ", inv ? " !" : "", opt);
	filter_baddr_mask(b, family, a, m);
}

/* print_iface(): nothing for "" or "+" (an all-zero mask), even inverted. */
static void print_iface(struct filter_buf *b, char letter, const char *name, bool inv)
{
	if (!name[0] || !strcmp(name, "+"))
		return;
	filter_bprintf(b, "%s -%c %s", inv ? " !" : "", letter, name);
}

static void print_ext(struct filter_buf *b, const struct filter_ext_data *d,
		      const struct filter_std *std, const char *flag)
{
	const struct filter_ext *e = d->ext;
	size_t room;
	int n;

	filter_bprintf(b, " %s %s", flag, e->save_name ? e->save_name : e->name);
	if (!e->print)
		return;
	/* options go straight into the buffer after a space, dropped if empty */
	filter_bprintf(b, " ");
	room = b->pos < b->len ? b->len - b->pos : 0;
	n = e->print(d, std, room ? b->buf + b->pos : NULL, room);
	if (n <= 0) {
		b->pos--;
		if (b->pos < b->len)
			b->buf[b->pos] = 0;
		return;
	}
	b->pos += (size_t)n;
}

static const char *verdict_name(enum filter_verdict v)
{
	switch (v) {
	case FILTER_ACCEPT:
		return "ACCEPT";
	case FILTER_DROP:
		return "DROP";
	case FILTER_QUEUE:
		return "QUEUE";
	case FILTER_RETURN:
		return "RETURN";
	case FILTER_CONTINUE:
	case FILTER_STOLEN:
		break;
	}
	return "?";
}

static void print_target(struct filter_buf *b, const struct filter_rule *r)
{
	switch (r->tkind) {
	case FILTER_TGT_NONE:
		return;
	case FILTER_TGT_VERDICT:
		filter_bprintf(b, " -j %s", verdict_name(r->verdict));
		return;
	case FILTER_TGT_JUMP:
		filter_bprintf(b, " -j %s", r->jump);
		return;
	case FILTER_TGT_GOTO:
		filter_bprintf(b, " -g %s", r->jump);
		return;
	case FILTER_TGT_EXT:
		print_ext(b, r->target, &r->std, "-j");
		return;
	}
}

/* The standard part and the matches, each item with a leading space. */
static void print_body(struct filter_buf *b, const struct filter_rule *r)
{
	const char *pname;
	unsigned i;

	print_addr(b, "-s", r->src, r->smsk, r->src_inv, fam(r));
	print_addr(b, "-d", r->dst, r->dmsk, r->dst_inv, fam(r));
	print_iface(b, 'i', r->in, r->in_inv);
	print_iface(b, 'o', r->out, r->out_inv);
	if (r->std.proto) {
		pname = filter_proto_name(r->std.proto);
		if (pname)
			filter_bprintf(b, "%s -p %s", r->std.proto_inv ? " !" : "", pname);
		else
			filter_bprintf(b, "%s -p %u", r->std.proto_inv ? " !" : "", r->std.proto);
	}
	if (r->std.frag)
		filter_bprintf(b, "%s -f", r->std.frag_inv ? " !" : "");
	for (i = 0; i < r->n_matches; i++)
		print_ext(b, r->matches[i], &r->std, "-m");
}

/* See text.h. */
size_t filter_rule_print(struct filter_buf *b, const struct filter_rule *r, const char *chain,
			 bool counters)
{
	if (counters)
		filter_bprintf(b, "[%llu:%llu] ", (unsigned long long)r->pcnt,
			       (unsigned long long)r->bcnt);
	filter_bprintf(b, "-A %s", chain);
	print_body(b, r);
	print_target(b, r);
	return b->pos;
}

/* See text.h. */
size_t filter_rule_print_spec(struct filter_buf *b, const struct filter_rule *r, bool counters)
{
	char tmp[4096];
	struct filter_buf t = filter_buf_init(tmp, sizeof(tmp));

	print_body(&t, r);
	if (counters)
		filter_bprintf(&t, " -c %llu %llu", (unsigned long long)r->pcnt,
			       (unsigned long long)r->bcnt);
	print_target(&t, r);
	return filter_bprintf(b, "%s", tmp[0] == ' ' ? tmp + 1 : tmp);
}

static void write_rule(FILE *f, const struct filter_rule *r, const char *chain, bool counters)
{
	char small[1024];
	struct filter_buf b = filter_buf_init(small, sizeof(small));
	char *big;

	filter_rule_print(&b, r, chain, counters);
	if (b.pos < sizeof(small)) {
		small[b.pos] = '\n';
		fwrite(small, 1, b.pos + 1, f);
		return;
	}
	big = malloc(b.pos + 1);
	if (!big)
		return;
	b = filter_buf_init(big, b.pos + 1);
	filter_rule_print(&b, r, chain, counters);
	fprintf(f, "%s\n", big);
	free(big);
}

/* See text.h. */
void filter_table_save(FILE *f, const struct filter_table *t, bool counters)
{
	unsigned i, j;

	fprintf(f, "*%s\n", t->def->name);
	for (i = 0; i < t->n_chains; i++) {
		const struct filter_chain *c = t->chains[i];

		if (c->hook >= 0)
			fprintf(f, ":%s %s [%llu:%llu]\n", c->name, verdict_name(c->policy),
				(unsigned long long)c->pcnt, (unsigned long long)c->bcnt);
		else
			fprintf(f, ":%s - [0:0]\n", c->name);
	}
	for (i = 0; i < t->n_chains; i++)
		for (j = 0; j < t->chains[i]->n_rules; j++)
			write_rule(f, t->chains[i]->rules[j], t->chains[i]->name, counters);
	fprintf(f, "COMMIT\n");
}

/* See text.h. */
void filter_ruleset_save(FILE *f, const struct filter_ruleset *rs, const char *only,
			 bool counters, bool comments)
{
	const char *prog = rs->family == FILTER_V6 ? "ip6tables-save" : "iptables-save";
	char when[64];
	time_t now = time(NULL);
	int i;

	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", localtime(&now));
	for (i = (int)rs->n_tables - 1; i >= 0; i--) {
		const struct filter_table *t = rs->tables[i];

		if (only && strcmp(only, t->def->name))
			continue;
		if (comments)
			fprintf(f, "# Generated by %s v1.8.9 on %s\n", prog, when);
		filter_table_save(f, t, counters);
		if (comments)
			fprintf(f, "# Completed on %s\n", when);
	}
}
