/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Config loading: every error path names file:line; ulogd2 syntax quirks; options; key resolution; --info; Debian's ulogd.conf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_plugins.h"
#include "test.h"
#include "ulogd/core.h"
#include "ulogd/daemon.h"
#include "ulogd/options.h"
#include "ulogd/plugins.h"

static int load(const char *text, struct ulog_daemon **out, struct ulog_err *err)
{
	struct ulog_daemon *d = ulog_daemon_new(test_table);
	int rc;

	ulog_err_clear(err);
	rc = ulog_daemon_load_buf(d, "t.conf", text, strlen(text), err);
	if (out)
		*out = d;
	else
		ulog_daemon_free(d);
	return rc;
}

/* The load fails with a message starting "t.conf:LINE: " and containing @needle. */
static void expect_err(const char *name, const char *text, unsigned line, const char *needle)
{
	struct ulog_err err;
	char buf[1024], want[64];
	int rc = load(text, NULL, &err);
	int ok;

	ulog_err_str(&err, buf, sizeof(buf));
	snprintf(want, sizeof(want), "t.conf:%u: ", line);
	ok = rc < 0 && strstr(buf, want) == buf && strstr(buf, needle);
	if (!ok)
		printf("# %s: rc=%d msg='%s', want '%s...%s'\n", name, rc, buf, want, needle);
	test_report(ok, "error %s", name);
}

static void expect_ok(const char *name, const char *text)
{
	struct ulog_err err;
	char buf[1024];
	int rc = load(text, NULL, &err);

	if (rc)
		printf("# %s: %s\n", name, ulog_err_str(&err, buf, sizeof(buf)));
	test_report(rc == 0, "loads %s", name);
}

#define STK "[global]\nstack=in1:TIN,d1:TDBL,out1:TOUT\n"

static void test_errors(void)
{
	/* tokenizer */
	expect_err("header without ]", "[global\nstack=a:TIN\n", 1, "without ']'");
	expect_err("empty section name", STK "[ ]\n", 3, "empty section name");
	expect_err("key outside section", "# c\nfoo=1\n[global]\n", 2, "outside");
	/* [global] */
	expect_err("no global", "[x]\na=1\n", 1, "no [global]");
	expect_err("global twice", STK "[global]\n", 3, "given twice");
	expect_err("global missing value", "[global]\nlogfile=\n" "stack=in1:TIN,out1:TOUT\n", 2,
		   "missing value");
	expect_err("global unterminated quote", "[global]\nlogfile=\"/tmp/x\n", 2, "unterminated");
	expect_err("global unknown option", STK "rmem=5\n", 3, "unknown option 'rmem'");
	expect_err("logfile twice", "[global]\nlogfile=a\n\nlogfile=b\nstack=in1:TIN,out1:TOUT\n", 4,
		   "more than once");
	expect_err("empty logfile", STK "logfile=\"\"\n", 3, "bad logfile");
	expect_err("loglevel range", STK "loglevel=9\n", 3, "out of range");
	expect_err("loglevel junk", STK "loglevel=high\n", 3, "not an integer");
	expect_err("plugin missing file", "[global]\nplugin=\"/nonexistent/libfoo.so\"\n", 2,
		   "/nonexistent/libfoo.so");
	expect_err("plugin without descriptor", "[global]\nplugin=/lib/x86_64-linux-gnu/libm.so.6\n",
		   2, "ulog_plugin_descriptor");
	expect_err("no stack", "[global]\nloglevel=1\n", 1, "no stack=");
	/* stacks */
	expect_err("stack syntax", "[global]\n\nstack=in1TIN,out1:TOUT\n", 3, "syntax error");
	expect_err("stack empty id", "[global]\nstack=:TIN,out1:TOUT\n", 2, "syntax error");
	expect_err("unknown plugin", "[global]\nstack=in1:TIN,x:NOPE,out1:TOUT\n", 2,
		   "unknown plugin 'NOPE'");
	expect_err("ulogd2 plugin we lack",
		   "[global]\nplugin=\"/usr/lib/x86_64-linux-gnu/ulogd/ulogd_output_PGSQL.so\"\n"
		   "stack=in1:TIN,p:PGSQL\n", 3, "plugin= at line 2");
	expect_err("not starting with input", "[global]\nstack=d1:TDBL,out1:TOUT\n", 2,
		   "start with an input");
	expect_err("input mid-stack", "[global]\nstack=in1:TIN,in2:TIN,out1:TOUT\n", 2,
		   "middle of a stack");
	expect_err("not ending with output", "[global]\nstack=in1:TIN,d1:TDBL\n", 2,
		   "end with an output");
	expect_err("single element", "[global]\nstack=in1:TIN\n", 2, "end with an output");
	expect_err("trailing comma", "[global]\nstack=in1:TIN,out1:TOUT,\n", 2, "empty element");
	expect_err("double comma", "[global]\nstack=in1:TIN,,out1:TOUT\n", 2, "empty element");
	expect_err("id used for two plugins",
		   "[global]\nstack=in1:TIN,out1:TOUT\nstack=in2:TIN,out1:TALL\n", 3,
		   "is TOUT at line 2 but TALL");
	expect_err("id too long",
		   "[global]\nstack=in1:TIN,a123456789a123456789a123456789a123456789a123456789"
		   "a123456789a123:TOUT\n", 2, "too long");
	/* sections in use */
	expect_err("section twice", STK "[out1]\nfile=a\n[out1]\nfile=b\n", 5, "given twice");
	expect_err("unknown option", STK "[in1]\ngroup=1\nbogus=2\n", 5, "unknown option 'bogus'");
	expect_err("malformed int", STK "[in1]\ngroup=12x\n", 4, "not an integer");
	expect_err("empty-ish int", STK "[in1]\ngroup=-\n", 4, "not an integer");
	expect_err("int above range", STK "[in1]\ngroup=65536\n", 4, "out of range 0..65535");
	expect_err("int below range", STK "[in1]\ngroup=-1\n", 4, "out of range");
	expect_err("int beyond field width", STK "[in1]\nsmall=256\n", 4, "out of range");
	expect_err("int overflow", STK "[in1]\nbig=99999999999999999999999\n", 4, "out of range");
	expect_err("string too long", STK "[in1]\nlabel=\"0123456789abcdef\"\n", 4, "longer than 15");
	expect_err("option twice", STK "[in1]\ngroup=1\ngroup=2\n", 5, "more than once");
	expect_err("option missing value", STK "[out1]\nfile=\n", 4, "missing value");
	expect_err("option unterminated quote", STK "[out1]\nfile=\"abc\n", 4, "unterminated");
	expect_err("mandatory missing in section", "[global]\nstack=in1:TIN,m1:TMAND\n[m1]\n\n", 3,
		   "mandatory option db");
	expect_err("mandatory missing, no section", "[global]\nstack=in1:TIN,m1:TMAND\n", 2,
		   "mandatory option db");
	/* keys */
	expect_err("unresolved key", "[global]\nstack=in1:TIN,out1:TOUT\n", 2,
		   "key len.double needed by out1 (TOUT) has no producer");
	expect_err("type mismatch", "[global]\n#\nstack=in1:TIN,s1:TSTR\n", 3,
		   "key raw.pktlen: in1 (TIN) makes uint32, but s1 (TSTR) wants string");
	expect_err("configure fails", "[global]\nstack=in1:TIN,f1:TFAIL\n", 2,
		   "configure of f1 (TFAIL) failed: refusing on purpose");
	expect_err("too many slots", "[global]\n\nstack=in1:TIN,wa:TWIDEA,wb:TWIDEB,c:TWIDEC\n", 3,
		   "1208 key slots, more than 1024");
	{
		char conf[4096] = "[global]\n\n\nstack=in1:TIN";
		int i;

		for (i = 0; i < 128; i++)
			sprintf(conf + strlen(conf), ",d%d:TDBL", i);
		strcat(conf, ",out1:TOUT\n");
		expect_err("stack too long", conf, 4, "a stack of 130 elements; at most 128");
	}
	expect_err("too many inputs for set_inputs", "[global]\nstack=in1:TIN,wa:TWIDEA,wb:TWIDEB,all:TALL\n",
		   2, "configure of all (TALL) failed: Argument list too long");
	expect_err("bad default in a plugin", "[global]\nstack=in1:TIN,b:TBADDEF\n", 2,
		   "bad default for option n");
	expect_err("more than 64 options", "[global]\nstack=in1:TIN,b:T65\n", 2,
		   "more than 64 options");
}

static void test_syntax(void)
{
	struct ulog_daemon *d;
	struct ulog_err err;
	const struct tin_conf *c;
	const struct tout_conf *oc;
	struct ulog_instance *in, *out;
	int rc;

	rc = load("# comment\n[global]\r\n  # indented comment\nlogfile=\"stderr\" # after\n"
		  "loglevel = 0x3 trailing words\n"
		  "stack=in1:TIN,d1:TDBL,out1:TOUT # a comment\n"
		  "[unused]\nwhatever=\nbroken=\"unterminated\nno_such_option=1\n"
		  "[in1]\ngroup 0x10 # no '=' at all, as ulogd2 allows\nlabel=\"two words\" more\n"
		  "[out1]\nfile = /tmp/some.log extra\n", &d, &err);
	CHECK(rc == 0, "syntax: quotes, comments, trailing text, unused broken section");
	if (rc)
		printf("# %s:%u: %s\n", err.file, err.line, err.msg);
	if (!rc) {
		in = ulog_daemon_instance(d, 0, "in1");
		out = ulog_daemon_instance(d, 0, "out1");
		c = ULOG_CONF(in, struct tin_conf);
		oc = ULOG_CONF(out, struct tout_conf);
		CHECK(c->group == 16, "syntax: hex value, blank separator");
		CHECK(!strcmp(c->label, "two words"), "syntax: quoted value with blank");
		CHECK(c->small == 7 && c->big == -5, "options: defaults for options not given");
		CHECK(in->opt_set == 3, "options: opt_set bits for group and label only");
		CHECK(!strcmp(oc->file, "/tmp/some.log"), "syntax: text after a bare value ignored");
		CHECK(oc->sync == 0 && out->opt_set == 1, "options: missing ones keep defaults");
		CHECK(!strcmp(ulog_daemon_logfile(d), "stderr") && ulog_daemon_loglevel(d) == 3,
		      "global: logfile and loglevel");
	}
	ulog_daemon_free(d);
	expect_ok("missing section means defaults", "[global]\nstack=in1:TIN,d1:TDBL,out1:TOUT\n");
	expect_ok("ulogd2 plugin lines, unused ones we lack",
		  "[global]\nplugin=\"/usr/lib/x86_64-linux-gnu/ulogd/ulogd_output_PGSQL.so\"\n"
		  "plugin=\"/usr/lib/x86_64-linux-gnu/ulogd/ulogd_inppkt_TIN.so\"\n"
		  "stack=in1:TIN,d1:DOUBLER,out1:TOUT\n");
	expect_ok("negative and max values", STK "[in1]\nbig=-10\nsmall=255\ngroup=65535\n");
	expect_ok("string of max length", STK "[in1]\nlabel=\"0123456789abcde\"\n");
}

static void test_option_parser(void)
{
	struct tin_conf c;
	struct ulog_err err;

	memset(&c, 0, sizeof(c));
	CHECK(ulog_opt_parse(&tin_opts[0], &c, "0x0", &err) == 0 && c.group == 0, "opt: 0x0");
	CHECK(ulog_opt_parse(&tin_opts[0], &c, "010", &err) == 0 && c.group == 10,
	      "opt: leading zero is decimal");
	CHECK(ulog_opt_parse(&tin_opts[0], &c, "", &err) == -EINVAL, "opt: empty rejected");
	CHECK(ulog_opt_parse(&tin_opts[0], &c, "0x", &err) == -EINVAL, "opt: bare 0x rejected");
	CHECK(ulog_opt_parse(&tin_opts[0], &c, " 1", &err) == -EINVAL, "opt: blank rejected");
	CHECK(ulog_opt_parse(&tin_opts[3], &c, "0x7fffffffffff", &err) == 0 &&
	      c.big == 0x7fffffffffffLL, "opt: 64-bit field");
	CHECK(ulog_opt_parse(&tin_opts[3], &c, "-11", &err) == -ERANGE, "opt: below min");
	CHECK(ulog_opt_parse(&tin_opts[2], &c, "-128", &err) == 0 && c.small == 128,
	      "opt: width-only range allows signed low end");
	CHECK(ulog_opt_parse(&tin_opts[2], &c, "-129", &err) == -ERANGE, "opt: width low end");
	CHECK(strstr(err.msg, "small") != NULL, "opt: message names the option");
}

/* Slot of the in1 input key @name as seen by @inst's input key @k. */
static void test_resolution(void)
{
	struct ulog_daemon *d;
	struct ulog_err err;
	struct ulog_instance *in, *dbl, *pfx, *out;
	int rc = load("[global]\nstack=in1:TIN,d1:TDBL,p1:TPFX,out1:TOUT\n", &d, &err);

	CHECK(rc == 0, "resolve: stack builds");
	if (rc) {
		ulog_daemon_free(d);
		return;
	}
	in = ulog_daemon_instance(d, 0, "in1");
	dbl = ulog_daemon_instance(d, 0, "d1");
	pfx = ulog_daemon_instance(d, 0, "p1");
	out = ulog_daemon_instance(d, 0, "out1");
	CHECK(in->out_slot[TIN_PKTLEN] == TIN_PKTLEN && in->out_slot[TIN_MARK] == TIN_MARK,
	      "resolve: input key k is slot k");
	CHECK(in->out_slot[TIN_UNUSED] == -1 && in->out_slot[TIN_PKT] == -1,
	      "resolve: unconsumed input keys get slot -1");
	CHECK(in->out_slot[TIN_PREFIX] == -1, "resolve: prefix shadowed by TPFX is unused");
	CHECK(dbl->in_slot[0] == TIN_PKTLEN && dbl->in_slot[1] == TIN_MARK,
	      "resolve: interpreter inputs point at input slots");
	CHECK(dbl->in_slot[2] == -1, "resolve: unresolved optional key is -1");
	CHECK(dbl->out_slot[0] >= 8 && dbl->out_slot[1] == -1,
	      "resolve: used output gets a slot past the input's, unused gets -1");
	CHECK(out->in_slot[0] == dbl->out_slot[0], "resolve: output reads interpreter slot");
	CHECK(out->in_slot[1] == pfx->out_slot[0] && pfx->out_slot[0] >= 0,
	      "resolve: nearest producer wins");
	CHECK(out->in_slot[2] == TIN_SADDR, "resolve: IPADDR producer fits IP6ADDR consumer");
	CHECK(d->stacks[0]->n_slots == 10, "resolve: slots = 8 input + 2 used downstream");
	ulog_daemon_free(d);
}

/* Two stacks share in1: one instance, started once, every emit runs both. */
static void test_shared_input(void)
{
	struct ulog_daemon *d;
	struct ulog_err err;
	struct ulog_instance *in, *o1, *o2, *all;
	struct ulog_record *r;
	struct tout_priv *p1, *p2;
	struct tall_priv *pa;
	int rc = load("[global]\nstack=in1:TIN,d1:TDBL,out1:TOUT\n"
		      "stack=in1:TIN,p1:TPFX,d1:TDBL,out1:TOUT\nstack=in1:TIN,all:TALL\n"
		      "[in1]\ngroup=3\n", &d, &err);
	unsigned i;

	CHECK(rc == 0, "shared: builds");
	if (rc) {
		printf("# %s\n", err.msg);
		ulog_daemon_free(d);
		return;
	}
	in = ulog_daemon_instance(d, 0, "in1");
	CHECK(in == ulog_daemon_instance(d, 1, "in1") && in == ulog_daemon_instance(d, 2, "in1"),
	      "shared: one input instance");
	o1 = ulog_daemon_instance(d, 0, "out1");
	o2 = ulog_daemon_instance(d, 1, "out1");
	all = ulog_daemon_instance(d, 2, "all");
	CHECK(o1 != o2, "shared: outputs with the same id are separate per stack");
	CHECK(all->n_in == 8, "upstream: TALL took every input key");
	rc = ulog_daemon_start(d, &err);
	CHECK(rc == 0 && ULOG_PRIV(in, struct tin_priv)->starts == 1, "shared: input started once");
	for (i = 1; i <= 3; i++) {
		r = ulog_input_record(in);
		ulog_out_u64(in, r, TIN_PKTLEN, 10 * i);
		ulog_out_str(in, r, TIN_PREFIX, "pfx", 3);
		ulog_out_u64(in, r, TIN_MARK, i == 2 ? 99 : 0);
		ulog_input_emit(in);
	}
	p1 = ULOG_PRIV(o1, struct tout_priv);
	p2 = ULOG_PRIV(o2, struct tout_priv);
	pa = ULOG_PRIV(all, struct tall_priv);
	CHECK(p1->n == 2 && p1->sum == 80, "emit: stack 1 ran, record with mark 99 stopped");
	CHECK(p2->n == 2 && p2->sum == 80 && !strcmp(p2->prefix, "override"),
	      "emit: stack 2 got the input's values and its own prefix");
	CHECK(!strcmp(p1->prefix, "pfx"), "emit: stack 1 kept the input prefix");
	CHECK(pa->valid_seen == 9, "emit: TALL saw 3 valid keys per record");
	CHECK(in->n_records == 3 && o1->n_records == 2, "stats: per-instance record counts");
	ulog_daemon_flush(d, false);
	CHECK(p1->flushes == 1 && p2->flushes == 1, "flush: dirty outputs flushed");
	ulog_daemon_flush(d, false);
	CHECK(p1->flushes == 1, "flush: clean outputs not flushed again");
	ulog_daemon_signal(d, 1 /* SIGHUP */);
	CHECK(ULOG_PRIV(in, struct tin_priv)->hups == 1, "signal: SIGHUP reaches instances");
	ulog_daemon_stop(d);
	CHECK(ULOG_PRIV(in, struct tin_priv)->stops == 1 && p1->stops == 1 && p2->stops == 1,
	      "stop: every instance stopped once");
	ulog_daemon_free(d);
}

static void test_info(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ulog_plugin_print_info(f, &ulog_plugin_TIN);
	ulog_plugin_print_info(f, &ulog_plugin_TDBL);
	fclose(f);
	CHECK(strstr(buf, "Name: TIN\n") != NULL, "info: name");
	CHECK(strstr(buf, "\tVar: group (Integer, Default: 0, Range: 0..65535) a group\n") != NULL,
	      "info: int option with range and help");
	CHECK(strstr(buf, "\tVar: label (String, Default: none, Max length: 15) a label\n") != NULL,
	      "info: string option with size");
	CHECK(strstr(buf, "\tKey: raw.pktlen (uint32)\n") != NULL, "info: output key and type");
	CHECK(strstr(buf, "\tKey: oob.mark (uint32, optional)\n") != NULL, "info: optional input key");
	CHECK(strstr(buf, "Alias: DOUBLER\n") != NULL, "info: alias");
	free(buf);
}

/* True if every plugin named in stack text @s exists in the registry; else names one in @miss. */
static bool stack_plugins_exist(const char *s, char *miss, size_t size)
{
	struct ulog_plugin_set set;
	char buf[512], *tok, *save = NULL;
	bool ok = true;

	ulog_plugins_init(&set, NULL);
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok && ok; tok = strtok_r(NULL, ",", &save)) {
		char *c = strchr(tok, ':');

		if (c && !ulog_plugins_find(&set, c + 1)) {
			snprintf(miss, size, "%s", c + 1);
			ok = false;
		}
	}
	ulog_plugins_free(&set);
	return ok;
}

/* Debian's config with only the stack at line @which enabled. */
static char *debian_variant(const char *text, unsigned which, char *stack, size_t ssize)
{
	char *out = malloc(strlen(text) + 16), *o = out;
	const char *p = text;
	unsigned line = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);

		line++;
		if (!strncmp(p, "stack=", 6) && line != which) {
			*o++ = '#';
		} else if (line == which && !strncmp(p, "#stack=", 7)) {
			p++;
			len--;
		}
		if (line == which)
			snprintf(stack, ssize, "%.*s", (int)(len - 6 - (p[len - 1] == '\n')), p + 6);
		memcpy(o, p, len);
		o += len;
		p += len;
	}
	*o = '\0';
	return out;
}

/* Value of @key in section @sec of @c, or NULL. */
static const char *cfg_value(const struct ulog_cfg *c, const char *sec, const char *key)
{
	const struct ulog_cfg_section *s = ulog_cfg_find(c, sec, NULL);
	unsigned i;

	for (i = 0; s && i < s->n; i++)
		if (!strcmp(s->e[i].key, key))
			return s->e[i].value;
	return NULL;
}

static bool str_is(const char *a, const char *b)
{
	return a && !strcmp(a, b);
}

/* Debian's file read as ulogd2 reads it, values with comments and blanks after them. */
static void test_debian_tokens(const char *path)
{
	struct ulog_cfg c;
	struct ulog_err err;
	int rc = ulog_cfg_read_file(&c, path, &err);

	CHECK(rc == 0, "debian tokens: file parses");
	if (rc)
		return;
	CHECK(str_is(cfg_value(&c, "log2", "group"), "1"), "debian tokens: 'group=1 # ...'");
	CHECK(str_is(cfg_value(&c, "log3", "numeric_label"), "1"), "debian tokens: numeric_label");
	CHECK(str_is(cfg_value(&c, "nacct1", "sync"), "1"), "debian tokens: 'sync = 1'");
	CHECK(str_is(cfg_value(&c, "sys2", "facility"), "LOG_LOCAL2"), "debian tokens: bare word");
	CHECK(str_is(cfg_value(&c, "emu1", "file"), "/var/log/ulog/syslogemu.log"),
	      "debian tokens: quoted path");
	CHECK(str_is(cfg_value(&c, "global", "logfile"), "syslog"), "debian tokens: global logfile");
	CHECK(cfg_value(&c, "json1", "file") == NULL, "debian tokens: commented option absent");
	ulog_cfg_free(&c);
}

/* Loads @path with each of its stacks (active or commented) enabled alone. */
static void stacks_in_turn(const char *path, const char *what)
{
	char *text, *p, stack[512], miss[64];
	unsigned line = 0, tried = 0;

	if (access(path, R_OK)) {
		printf("skip %s config: %s not found\n", what, path);
		return;
	}
	text = calloc(1, 1 << 20);
	test_slurp(path, text, 1 << 20);
	for (p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		char *variant;
		struct ulog_daemon *d;
		struct ulog_err err;
		char ebuf[1024];
		int rc;

		line++;
		if (strncmp(p, "stack=", 6) && strncmp(p, "#stack=", 7))
			continue;
		variant = debian_variant(text, line, stack, sizeof(stack));
		if (!stack_plugins_exist(stack, miss, sizeof(miss))) {
			printf("skip %s stack at line %u: no plugin %s yet (%s)\n", what, line, miss,
			       stack);
			free(variant);
			continue;
		}
		d = ulog_daemon_new(NULL);
		ulog_err_clear(&err);
		rc = ulog_daemon_load_buf(d, path, variant, strlen(variant), &err);
		if (rc)
			printf("# %s\n", ulog_err_str(&err, ebuf, sizeof(ebuf)));
		CHECK(rc == 0 && ulog_daemon_n_stacks(d) == 1, "%s stack at line %u loads: %s", what,
		      line, stack);
		ulog_daemon_free(d);
		free(variant);
		tried++;
	}
	printf("# %s config: %u stacks loaded, the others skipped\n", what, tried);
	free(text);
}

static void test_debian(void)
{
	const char *path = "/etc/ulogd.conf";

	if (access(path, R_OK)) {
		printf("skip debian config: %s not installed (package ulogd2)\n", path);
		return;
	}
	test_debian_tokens(path);
	stacks_in_turn(path, "debian");
}

/* Our example config, as shipped and with each commented stack enabled. */
static void test_contrib(void)
{
	char path[4096];
	const char *top = getenv("ULOG_TOP");
	struct ulog_daemon *d = ulog_daemon_new(NULL);
	struct ulog_err err;
	char ebuf[1024];
	int rc;

	snprintf(path, sizeof(path), "%s/contrib/ulogd.conf", top ? top : ".");
	rc = ulog_daemon_load_file(d, path, &err);
	if (rc && err.line)
		printf("# %s\n", ulog_err_str(&err, ebuf, sizeof(ebuf)));
	if (rc && strstr(err.msg, "unknown plugin"))
		printf("skip contrib config as shipped: %s\n", err.msg);
	else
		CHECK(rc == 0 && ulog_daemon_n_stacks(d) == 2, "contrib config loads as shipped");
	ulog_daemon_free(d);
	stacks_in_turn(path, "contrib");
}

/*
 * A plugin= naming one of our own .so files whose plugin is built in uses
 * the built-in (loading the file too would define the plugin twice); files
 * of plugins that are not built in are dlopen'ed (tests/integration/daemon_signals.sh).
 */
static void test_own_plugin_file(void)
{
	const char *conf = "[global]\nplugin=\"/usr/local/lib/ulog/ulog_BASE.so\"\n"
			   "plugin=\"build/plugins/ulog_BASE.so\"\n"
			   "stack=in1:TIN,all:TALL\n";
	struct ulog_daemon *d = ulog_daemon_new(test_table);
	struct ulog_err err;
	int rc;

	/* BASE is not in test_table, so the ulog_BASE.so lines must not need the file... */
	rc = ulog_daemon_load_buf(d, "t.conf", conf, strlen(conf), &err);
	CHECK(rc < 0 && err.line == 2, "plugin file: ours, not built in, missing file is an error at its line");
	ulog_daemon_free(d);
	/* ...while with the registry they map to the built-in BASE without opening anything. */
	d = ulog_daemon_new(NULL);
	conf = "[global]\nplugin=\"/nonexistent/ulog_BASE.so\"\n"
	       "plugin=\"/nonexistent/ulogd_raw2packet_BASE.so\"\n"
	       "stack=in1:NFLOG,base1:BASE,j:JSON\n";
	rc = ulog_daemon_load_buf(d, "t.conf", conf, strlen(conf), &err);
	if (strstr(err.msg, "unknown plugin"))
		printf("skip plugin file: %s\n", err.msg);
	else
		CHECK(rc == 0, "plugin file: ulog_BASE.so and ulogd_raw2packet_BASE.so map to built-in BASE");
	ulog_daemon_free(d);
}

/* parse -> dump -> parse gives the same sections and entries. */
static bool round_trips(const char *text, size_t len)
{
	struct ulog_cfg a, b;
	struct ulog_err err;
	char *dump = NULL;
	size_t dlen = 0;
	FILE *f;
	bool ok;

	if (ulog_cfg_parse(&a, "a", text, len, &err))
		return false;
	f = open_memstream(&dump, &dlen);
	ok = ulog_cfg_dump(&a, f) == 0;
	fclose(f);
	ok = ok && ulog_cfg_parse(&b, "b", dump, dlen, &err) == 0;
	ok = ok && ulog_cfg_equal(&a, &b);
	if (ok)
		ulog_cfg_free(&b);
	ulog_cfg_free(&a);
	free(dump);
	return ok;
}

static void test_round_trip(void)
{
	static const char *const texts[] = {
		"[global]\nstack=a:B,c:D\nlogfile=\"x y\" z\n[s]\nk v\nq=ab\"c\ne=\"\"\n",
		"[ spaced name ]\n=x\nmissing=\nopen=\"abc\n\"k=1\n",
		"[a\tb]\r\nk = 0x10 # c\r\n",
	};
	struct ulog_cfg c;
	struct ulog_err err;
	unsigned i;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	for (i = 0; i < ULOG_ARRAY_SIZE(texts); i++)
		CHECK(round_trips(texts[i], strlen(texts[i])), "round trip: text %u", i);
	if (ulog_cfg_read_file(&c, "/etc/ulogd.conf", &err) == 0) {
		f = open_memstream(&buf, &len);
		ulog_cfg_dump(&c, f);
		fclose(f);
		CHECK(round_trips(buf, len), "round trip: Debian's ulogd.conf");
		CHECK(strstr(buf, "[log2]\ngroup=\"1\"\n") != NULL, "round trip: dump text");
		ulog_cfg_free(&c);
		free(buf);
	}
}

/* Reading a file that is not there names the file. */
static void test_missing_file(void)
{
	struct ulog_daemon *d = ulog_daemon_new(test_table);
	struct ulog_err err;
	char buf[1024];
	int rc = ulog_daemon_load_file(d, "/nonexistent/ulogd.conf", &err);

	ulog_err_str(&err, buf, sizeof(buf));
	CHECK(rc == -ENOENT && strstr(buf, "/nonexistent/ulogd.conf: unable to read configfile") == buf,
	      "error missing config file names it");
	CHECK(ulog_daemon_build(d, &err) == -EINVAL, "error build without a parsed config");
	ulog_daemon_free(d);
}

int main(void)
{
	wide_init();
	test_missing_file();
	test_round_trip();
	test_errors();
	test_syntax();
	test_option_parser();
	test_resolution();
	test_shared_input();
	test_info();
	test_debian();
	test_contrib();
	test_own_plugin_file();
	TEST_EXIT();
}
