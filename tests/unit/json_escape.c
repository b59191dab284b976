/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The bounded JSON writer: hostile strings come out as JSON that jansson and jq decode to the right text. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/jsonw.h"
#include "test.h"

struct hostile {
	const char *name;
	const char *in;      /* bytes written */
	const char *out;     /* text expected after decoding (UTF-8) */
};

static const struct hostile cases[] = {
	{ "plain", "DROP IN: ", "DROP IN: " },
	{ "quotes", "say \"hi\"", "say \"hi\"" },
	{ "backslash", "a\\b\\", "a\\b\\" },
	{ "newline and tab", "l1\nl2\tx\r", "l1\nl2\tx\r" },
	{ "control bytes", "\x01\x02\x1f\b\f\x7f", "\x01\x02\x1f\b\f\x7f" },
	{ "valid utf-8", "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac", "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac" },
	{ "lone 0xff", "a\xff" "b", "a\xef\xbf\xbd" "b" },
	{ "truncated sequence", "x\xc3", "x\xef\xbf\xbd" },
	{ "overlong slash", "\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "surrogate", "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "above U+10FFFF", "\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "continuation alone", "\x80z", "\xef\xbf\xbdz" },
	{ "64-byte prefix", "0123456789abcdef\"\\\n\x01" "0123456789abcdef0123456789abcdef012345678901",
	  "0123456789abcdef\"\\\n\x01" "0123456789abcdef0123456789abcdef012345678901" },
	{ "json injection", "\", \"dvc\": \"evil", "\", \"dvc\": \"evil" },
};

/* Writes {"oob.prefix": <in>, "n": 1} and returns the line. */
static int encode(const char *in, char *buf, size_t cap)
{
	struct jsonw w;

	jw_begin(&w, buf, cap);
	jw_key(&w, "oob.prefix");
	jw_str(&w, in, strlen(in));
	jw_key(&w, "n");
	jw_u64(&w, 1);
	return jw_end(&w);
}

static void jansson_cases(FILE *lines)
{
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[1024];
		json_error_t e;
		json_t *o;
		const char *got;
		int n = encode(cases[i].in, buf, sizeof(buf));

		o = n > 0 ? json_loads(buf, 0, &e) : NULL;
		got = o ? json_string_value(json_object_get(o, "oob.prefix")) : NULL;
		CHECK(got && !strcmp(got, cases[i].out) && json_object_size(o) == 2,
		      "json escape %s decodes with jansson", cases[i].name);
		if (!o)
			printf("# %s: %s\n", buf, e.text);
		json_decref(o);
		fprintf(lines, "%s\n", buf);
	}
}

static void layout(void)
{
	char buf[256];
	struct jsonw w;
	int n;

	jw_begin(&w, buf, sizeof(buf));
	jw_key(&w, "dvc");
	jw_str(&w, "Netfilter", 9);
	jw_key(&w, "a");
	jw_i64(&w, -5);
	jw_key(&w, "b");
	jw_u64(&w, UINT64_MAX);
	n = jw_end(&w);
	CHECK(n > 0 && !strcmp(buf, "{\"dvc\": \"Netfilter\", \"a\": -5, \"b\": 18446744073709551615}"),
	      "json layout as jansson's json_dumps(obj, 0)");
	CHECK(!strcmp((jw_begin(&w, buf, sizeof(buf)), jw_end(&w) == 2 ? buf : ""), "{}"),
	      "json empty object");
	{
		char esc[64];
		struct strbuf b;

		sb_init(&b, esc, sizeof(esc));
		jw_escape(&b, "\x01\x1f", 2);
		sb_end(&b);
		CHECK(!strcmp(esc, "\\u0001\\u001F"), "json control escapes as jansson writes them");
	}
}

static void overflow(void)
{
	char buf[16];
	int n = encode("a long prefix that will not fit", buf, sizeof(buf));

	CHECK(n == -ENOSPC && strlen(buf) < sizeof(buf), "json writer reports -ENOSPC when full");
}

/* A key prepared once with jw_key_prepare() and written with jw_key_text() gives the same
 * bytes as jw_key(), for every hostile name (escapes, invalid UTF-8, quotes). */
static void prepared_keys(void)
{
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512], a[1024], b[1024];
		struct jsonw wa, wb;
		struct strbuf kb;
		int na, nb;

		sb_init(&kb, text, sizeof(text));
		jw_key_prepare(&kb, cases[i].in);
		jw_begin(&wa, a, sizeof(a));
		jw_begin(&wb, b, sizeof(b));
		jw_key(&wa, "first");
		jw_key(&wb, "first");
		jw_u64(&wa, 1);
		jw_u64(&wb, 1);
		jw_key(&wa, cases[i].in);
		jw_key_text(&wb, text, kb.len);
		jw_str(&wa, "v", 1);
		jw_str(&wb, "v", 1);
		na = jw_end(&wa);
		nb = jw_end(&wb);
		CHECK(!kb.full && na > 0 && na == nb && !memcmp(a, b, (size_t)na),
		      "json prepared key %s writes jw_key's bytes", cases[i].name);
	}
}

/* jq reads every line and gives back the same decoded strings. */
static void jq_cases(const char *path)
{
	char cmd[512], want[4096] = "", got[4096];
	size_t n;
	unsigned i;
	FILE *p;

	if (system("command -v jq >/dev/null 2>&1") != 0) {
		printf("skip json escape jq: jq not installed\n");
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcat(want, cases[i].out);
		strcat(want, "|");
	}
	snprintf(cmd, sizeof(cmd), "jq -j '.\"oob.prefix\" + \"|\"' %s", path);
	p = popen(cmd, "r");
	n = p ? fread(got, 1, sizeof(got) - 1, p) : 0;
	got[n] = '\0';
	CHECK(p && pclose(p) == 0 && !strcmp(got, want), "json escape lines decode with jq");
}

int main(void)
{
	char path[] = "/tmp/ulog-json-escape-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (!f)
		return 1;
	jansson_cases(f);
	fclose(f);
	jq_cases(path);
	unlink(path);
	layout();
	prepared_keys();
	overflow();
	TEST_EXIT();
}
