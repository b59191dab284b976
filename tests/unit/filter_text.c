/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The restore/save text format: tokenizer, transactions per table, flags, printers, error records. */
#include <stdlib.h>
#include <string.h>

#include "filter/text.h"
#include "test.h"

static char *save_str(const struct filter_ruleset *rs, bool counters)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	filter_ruleset_save(f, rs, NULL, counters, false);
	fclose(f);
	return buf;
}

static int restore(struct filter_ruleset *rs, const char *text, struct filter_restore_opts o,
		   struct filter_error *e)
{
	return filter_restore(rs, text, strlen(text), &o, e);
}

static void test_tokenizer(void)
{
	char line[] = "-A  X\t\"a b\" \"q\\\"t\" \"\" x\"y z\"w\n";
	char *argv[16], store[256];
	int n = filter_tokenize(line, argv, 16, store, sizeof(store));

	CHECK(n == 7, "tokenize: count (%d)", n);
	if (n != 7)
		return;
	CHECK(!strcmp(argv[2], "a b"), "tokenize: quoted space");
	CHECK(!strcmp(argv[3], "q\"t"), "tokenize: escaped quote");
	CHECK(!strcmp(argv[4], ""), "tokenize: empty quoted parameter");
	CHECK(!strcmp(argv[5], "xy z") && !strcmp(argv[6], "w"),
	      "tokenize: a closing quote ends the parameter");
	char open[] = "-A \"open end\n";
	n = filter_tokenize(open, argv, 16, store, sizeof(store));
	CHECK(n == 2 && !strcmp(argv[1], "open end\n"), "tokenize: unclosed quote keeps the newline");
	n = filter_tokenize(open, argv, 1, store, sizeof(store));
	CHECK(n == -1, "tokenize: too many parameters refused");
}

static void test_transactions(void)
{
	struct filter_ruleset *rs = filter_ruleset_new(FILTER_V4);
	struct filter_restore_opts o = { 0 };
	struct filter_error e;
	char *s;
	int rc;

	rc = restore(rs, "*filter\n-A INPUT -j ACCEPT\nCOMMIT\n*nat\n-A POSTROUTING -j NOPE\nCOMMIT\n",
		     o, &e);
	CHECK(rc == 2 && e.line == 5, "restore: error in the second table, line 5 (rc %d line %u)",
	      rc, e.line);
	s = save_str(rs, false);
	CHECK(strstr(s, "*nat\n:PREROUTING ACCEPT [0:0]") && strstr(s, "-A INPUT -j ACCEPT") &&
	      !strstr(s, "POSTROUTING -j"), "restore: first table committed, failed one empty");
	CHECK(s && strstr(s, "*nat") < strstr(s, "*filter"), "save: newest table first");
	free(s);

	o.noflush = true;
	rc = restore(rs, "*filter\n-A INPUT -j DROP\nCOMMIT\n", o, &e);
	s = save_str(rs, false);
	CHECK(!rc && strstr(s, "-A INPUT -j ACCEPT\n-A INPUT -j DROP\n"), "restore --noflush appends");
	free(s);

	o.noflush = false;
	o.test = true;
	rc = restore(rs, "*filter\n-F\nCOMMIT\n", o, &e);
	s = save_str(rs, false);
	CHECK(!rc && strstr(s, "-A INPUT -j DROP"), "restore --test commits nothing");
	free(s);

	o.test = false;
	o.table = "nat";
	rc = restore(rs, "*filter\n-A INPUT -j NOPE\nCOMMIT\n*nat\n-A OUTPUT -j ACCEPT\nCOMMIT\n", o, &e);
	s = save_str(rs, false);
	CHECK(!rc && strstr(s, "-A OUTPUT -j ACCEPT") && strstr(s, "-A INPUT -j DROP"),
	      "restore -T nat skips the other tables");
	free(s);

	o.table = NULL;
	o.counters = true;
	rc = restore(rs, "*filter\n:INPUT DROP [3:4]\n[5:6] -A INPUT -j ACCEPT\nCOMMIT\n", o, &e);
	s = save_str(rs, true);
	CHECK(!rc && strstr(s, ":INPUT DROP [3:4]") && strstr(s, "[5:6] -A INPUT -j ACCEPT"),
	      "restore -c keeps policy and rule counters");
	free(s);
	filter_ruleset_free(rs);
}

static void test_commit_errors(void)
{
	struct filter_ruleset *rs = filter_ruleset_new(FILTER_V4);
	struct filter_restore_opts o = { 0 };
	struct filter_error e;
	int rc;

	rc = restore(rs, "*filter\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -s 1.2.3.4 -g A\nCOMMIT\n",
		     o, &e);
	CHECK(rc == 1 && e.kind == FILTER_E_FAILED && e.line == 7, "commit: loop fails at COMMIT");
	CHECK(strstr(e.why, "line 6: -A B -s 1.2.3.4/32 -g A") != NULL,
	      "commit: the extra line names the rule that closes the loop (%s)", e.why);
	CHECK(filter_ruleset_table(rs, "filter")->n_chains == 3 &&
	      filter_ruleset_table(rs, "filter")->chains[0]->n_rules == 0,
	      "commit: the failed table applied nothing");
	filter_ruleset_free(rs);
}

static void test_printer(void)
{
	struct filter_ruleset *rs = filter_ruleset_new(FILTER_V4);
	struct filter_restore_opts o = { 0 };
	struct filter_error e;
	struct filter_rule *r;
	char small[8], big[256];
	struct filter_buf b;
	size_t n;

	restore(rs, "*filter\n-A FORWARD ! -s 10.1.2.3/8 -i eth+ ! -p udp -f -j DROP\nCOMMIT\n", o, &e);
	r = filter_chain_find(filter_ruleset_table(rs, "filter"), "FORWARD")->rules[0];
	b = filter_buf_init(big, sizeof(big));
	n = filter_rule_print(&b, r, "FORWARD", true);
	CHECK(!strcmp(big, "[0:0] -A FORWARD ! -s 10.0.0.0/8 -i eth+ ! -p udp -f -j DROP"),
	      "print: canonical rule (%s)", big);
	b = filter_buf_init(small, sizeof(small));
	CHECK(filter_rule_print(&b, r, "FORWARD", true) == n && strlen(small) == 7,
	      "print: truncates into a small buffer and returns the full length");
	b = filter_buf_init(big, sizeof(big));
	filter_rule_print_spec(&b, r, false);
	CHECK(!strcmp(big, "! -s 10.0.0.0/8 -i eth+ ! -p udp -f -j DROP"), "print: spec only");
	b = filter_buf_init(big, sizeof(big));
	filter_bquote(&b, "a b\"c");
	filter_bsep(&b);
	filter_bquote(&b, "plain-1_x");
	CHECK(!strcmp(big, "\"a b\\\"c\" plain-1_x"), "print: quoting as iptables-save (%s)", big);
	filter_ruleset_free(rs);
}

static void test_roundtrip(void)
{
	static const char text[] =
		"*mangle\n:PREROUTING ACCEPT [1:2]\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
		":OUTPUT ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n:x - [0:0]\n"
		"[3:4] -A PREROUTING -d 1.2.3.0/24 -o lo -j x\n[0:0] -A x -g x\nCOMMIT\n"
		"*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [9:9]\n"
		"[0:0] -A INPUT -s 1.0.3.0/255.0.255.0 -p gre -j ACCEPT\nCOMMIT\n";
	struct filter_ruleset *a = filter_ruleset_new(FILTER_V4), *b = filter_ruleset_new(FILTER_V4);
	struct filter_restore_opts o = { .counters = true };
	struct filter_error e;
	char *sa, *sb;

	restore(a, text, o, &e);
	sa = save_str(a, true);
	restore(b, sa, o, &e);
	sb = save_str(b, true);
	CHECK(sa && sb && !strcmp(sa, sb), "save -c / restore -c round trip");
	CHECK(sa && strstr(sa, "*filter") < strstr(sa, "*mangle"), "round trip: table order");
	free(sa);
	free(sb);
	filter_ruleset_free(a);
	filter_ruleset_free(b);
}

int main(void)
{
	test_tokenizer();
	test_transactions();
	test_commit_errors();
	test_printer();
	test_roundtrip();
	TEST_EXIT();
}
