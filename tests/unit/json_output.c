/* SPDX-License-Identifier: GPL-2.0-or-later */
/* JSON output: values, ulogd2's field names, timestamp with UTC offset, options, file and socket modes. */
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>

#include "harness.h"
#include "test.h"
#include "ulogd/options.h"

extern const struct ulog_plugin ulog_plugin_JSON;

struct jconf {  /* mirrors JSON's conf */
	char file[4096];
	int sync, timestamp, eventv1;
	char device[256];
	int boolean_label;
	char mode[16], host[256], port[32];
};

enum { K_PREFIX, K_SEC, K_USEC, K_SADDR_STR, K_DADDR_STR, K_SPORT, K_DPORT, K_SYN,
       K_LABEL, K_NEG, K_BIG, K_SADDR, K_RAW, K_N };

static const struct ulog_key_def keys[K_N] = {
	[K_PREFIX] = { .name = "oob.prefix", .type = ULOG_T_STRING },
	[K_SEC] = { .name = "oob.time.sec", .type = ULOG_T_UINT32 },
	[K_USEC] = { .name = "oob.time.usec", .type = ULOG_T_UINT32 },
	[K_SADDR_STR] = { .name = "ip.saddr.str", .type = ULOG_T_STRING },
	[K_DADDR_STR] = { .name = "ip.daddr.str", .type = ULOG_T_STRING },
	[K_SPORT] = { .name = "tcp.sport", .type = ULOG_T_UINT16 },
	[K_DPORT] = { .name = "tcp.dport", .type = ULOG_T_UINT16 },
	[K_SYN] = { .name = "tcp.syn", .type = ULOG_T_BOOL },
	[K_LABEL] = { .name = "raw.label", .type = ULOG_T_UINT8 },
	[K_NEG] = { .name = "test.neg", .type = ULOG_T_INT32 },
	[K_BIG] = { .name = "test.big", .type = ULOG_T_UINT64 },
	[K_SADDR] = { .name = "ip.saddr", .type = ULOG_T_IPADDR },
	[K_RAW] = { .name = "raw.pkt", .type = ULOG_T_RAW },
};

static char dir[] = "/tmp/ulog-json-XXXXXX";

static struct harness *make(void)
{
	struct harness *h = harness_new(&ulog_plugin_JSON);
	struct ulog_err err;
	unsigned i;

	h->inst.in_keys = keys;
	h->inst.n_in = K_N;
	for (i = 0; i < K_N; i++)
		h->in_slot[i] = (int)i;
	h->rec.n = K_N;
	ulog_err_clear(&err);
	if (ulog_opts_defaults(&ulog_plugin_JSON, h->inst.conf, &err) < 0)
		printf("# defaults: %s\n", err.msg);
	return h;
}

static void set(struct harness *h, unsigned k, uint64_t v)
{
	ulog_rec_mark(&h->rec, (int)k);
	h->v[k].type = (uint8_t)keys[k].type;
	h->v[k].u64 = v;
}

static void set_s(struct harness *h, unsigned k, const char *s)
{
	ulog_rec_mark(&h->rec, (int)k);
	h->v[k].type = ULOG_T_STRING;
	h->v[k].str = s;
	h->v[k].len = (uint32_t)strlen(s);
}

static void fill(struct harness *h, const char *prefix)
{
	static const uint8_t raw[4] = { 1, 2, 3, 4 };

	ulog_rec_clear(&h->rec);
	set_s(h, K_PREFIX, prefix);
	set(h, K_SEC, 1793955903);
	set(h, K_USEC, 42);
	set_s(h, K_SADDR_STR, "10.0.0.1");
	set_s(h, K_DADDR_STR, "fd00::2");
	set(h, K_SPORT, 40000);
	set(h, K_DPORT, 80);
	set(h, K_SYN, 1);
	set(h, K_LABEL, 1);
	set(h, K_NEG, (uint64_t)(int64_t)-7);
	set(h, K_BIG, UINT64_MAX);
	set(h, K_SADDR, 0);
	memcpy(h->v[K_SADDR].addr, raw, 4);
	set(h, K_RAW, 0);
	h->v[K_RAW].ptr = raw;
	h->v[K_RAW].len = 4;
}

static int start(struct harness *h)
{
	struct ulog_err err;
	int rc;

	ulog_err_clear(&err);
	rc = h->inst.plugin->start(&h->inst, &err);
	if (rc < 0)
		printf("# start: %s\n", err.msg);
	return rc;
}

static json_t *read_line(const char *path, unsigned idx)
{
	char buf[8192];
	FILE *f = fopen(path, "r");
	json_t *o = NULL;
	unsigned i;

	for (i = 0; f && fgets(buf, sizeof(buf), f); i++) {
		if (i == idx) {
			o = json_loads(buf, 0, NULL);
			break;
		}
	}
	if (f)
		fclose(f);
	return o;
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "(none)";
}

static void values(void)
{
	struct harness *h = make();
	struct jconf *c = h->inst.conf;
	char path[256];
	struct stat st;
	json_t *o;

	CHECK(!strcmp(c->file, "/var/log/ulogd.json") && !strcmp(c->device, "Netfilter") &&
	      c->timestamp == 1 && !strcmp(c->mode, "file"), "json defaults are ulogd2's");
	snprintf(path, sizeof(path), "%s/a.json", dir);
	snprintf(c->file, sizeof(c->file), "%s", path);
	if (start(h) < 0)
		return;
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "json file created 0640");
	fill(h, "DROP \"x\"\n");
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(stat(path, &st) == 0 && st.st_size == 0, "json buffers until flush");
	h->inst.plugin->flush(&h->inst);
	o = read_line(path, 0);
	CHECK(o != NULL, "json line decodes");
	CHECK(!strcmp(str(o, "timestamp"), "2026-11-06T09:05:03.000042+0000"),
	      "json timestamp keeps +0000 on UTC (got %s)", str(o, "timestamp"));
	CHECK(!strcmp(str(o, "dvc"), "Netfilter"), "json dvc");
	CHECK(!strcmp(str(o, "oob.prefix"), "DROP \"x\"\n"), "json prefix round trip");
	CHECK(!strcmp(str(o, "src_ip"), "10.0.0.1") && !strcmp(str(o, "dest_ip"), "fd00::2") &&
	      !json_object_get(o, "ip.saddr.str"), "json src_ip/dest_ip renames");
	CHECK(json_integer_value(json_object_get(o, "src_port")) == 40000 &&
	      json_integer_value(json_object_get(o, "dest_port")) == 80, "json src_port/dest_port");
	CHECK(json_is_integer(json_object_get(o, "tcp.syn")) &&
	      json_integer_value(json_object_get(o, "tcp.syn")) == 1, "json bool as integer like ulogd2");
	CHECK(json_integer_value(json_object_get(o, "raw.label")) == 1 &&
	      !json_object_get(o, "action"), "json raw.label without boolean_label");
	CHECK(json_integer_value(json_object_get(o, "test.neg")) == -7, "json signed value");
	CHECK(json_integer_value(json_object_get(o, "test.big")) == -1,
	      "json uint64 above INT64_MAX wraps as in ulogd2 (jansson int64)");
	CHECK(!json_object_get(o, "ip.saddr") && !json_object_get(o, "raw.pkt"),
	      "json skips address and raw keys like ulogd2");
	CHECK(json_integer_value(json_object_get(o, "oob.time.sec")) == 1793955903,
	      "json oob.time.sec also as a field");
	json_decref(o);
	h->inst.plugin->stop(&h->inst);
	harness_free(h);
}

/* More key text than the instance prepares at start (16 KiB): the keys past it are escaped
 * per record and every key still comes out with its value. */
static void many_keys(void)
{
	enum { N = 300 };
	static struct ulog_key_def many[N];
	static char names[N][80];
	static char line[48 * 1024];
	struct harness *h = make();
	struct jconf *c = h->inst.conf;
	unsigned i, good = 0;
	char path[256];
	json_t *o;
	FILE *f;

	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "test.a-much-longer-key-name-to-overflow-the-prepared-key-texts.%u", i);
		many[i] = (struct ulog_key_def){ .name = names[i], .type = ULOG_T_UINT32 };
		h->in_slot[i] = (int)i;
	}
	h->inst.in_keys = many;
	h->inst.n_in = N;
	h->rec.n = N;
	c->timestamp = 0;
	snprintf(path, sizeof(path), "%s/many.json", dir);
	snprintf(c->file, sizeof(c->file), "%s", path);
	if (start(h) < 0)
		return;
	ulog_rec_clear(&h->rec);
	for (i = 0; i < N; i++) {
		ulog_rec_mark(&h->rec, (int)i);
		h->v[i].type = ULOG_T_UINT32;
		h->v[i].u64 = i * 7;
	}
	h->inst.plugin->interp(&h->inst, &h->rec);
	h->inst.plugin->stop(&h->inst);
	f = fopen(path, "r");
	o = f && fgets(line, sizeof(line), f) ? json_loads(line, 0, NULL) : NULL;
	if (f)
		fclose(f);
	for (i = 0; o && i < N; i++)
		good += json_integer_value(json_object_get(o, names[i])) == (json_int_t)i * 7;
	CHECK(o && good == N && json_object_size(o) == N + 1 && strlen(line) > 20 * 1024,
	      "json %u long keys (a %zu-byte line): all %u written (%u right)", N,
	      strlen(line), N, good);
	json_decref(o);
	harness_free(h);
}

/* Time zones with odd offsets, from POSIX TZ strings (no tzdata needed). */
static void offsets(void)
{
	static const struct { const char *tz, *want; } z[] = {
		{ "XST-05:30", "2026-11-06T14:35:03.000042+0530" },
		{ "YST+03:30", "2026-11-06T05:35:03.000042-0330" },
		{ "ZST+00:30", "2026-11-06T08:35:03.000042-0030" },
		{ "UTC0", "2026-11-06T09:05:03.000042+0000" },
	};
	unsigned i;

	for (i = 0; i < sizeof(z) / sizeof(z[0]); i++) {
		struct harness *h = make();
		struct jconf *c = h->inst.conf;
		json_t *o;

		setenv("TZ", z[i].tz, 1);
		tzset();
		snprintf(c->file, sizeof(c->file), "%s/tz%u.json", dir, i);
		c->sync = 1;
		if (start(h) < 0)
			continue;
		fill(h, "p");
		h->inst.plugin->interp(&h->inst, &h->rec);
		o = read_line(c->file, 0);
		CHECK(!strcmp(str(o, "timestamp"), z[i].want), "json timestamp in %s: %s", z[i].tz,
		      str(o, "timestamp"));
		json_decref(o);
		h->inst.plugin->stop(&h->inst);
		harness_free(h);
	}
	setenv("TZ", "UTC", 1);
	tzset();
}

static void options(void)
{
	struct harness *h = make();
	struct jconf *c = h->inst.conf;
	char buf[4096];
	json_t *o;

	snprintf(c->file, sizeof(c->file), "%s/opt.json", dir);
	c->eventv1 = 1;
	c->boolean_label = 1;
	snprintf(c->device, sizeof(c->device), "fw1");
	c->sync = 1;
	if (start(h) < 0)
		return;
	fill(h, "p");
	h->inst.plugin->interp(&h->inst, &h->rec);
	o = read_line(c->file, 0);
	CHECK(json_integer_value(json_object_get(o, "@version")) == 1 &&
	      json_object_get(o, "@timestamp") && !json_object_get(o, "timestamp"),
	      "json eventv1 adds @version and @timestamp");
	CHECK(!strcmp(str(o, "dvc"), "fw1"), "json device option");
	CHECK(!strcmp(str(o, "action"), "allowed") && !json_object_get(o, "raw.label"),
	      "json boolean_label: raw.label 1 is allowed");
	json_decref(o);
	set(h, K_LABEL, 0);
	h->inst.plugin->interp(&h->inst, &h->rec);
	o = read_line(c->file, 1);
	CHECK(!strcmp(str(o, "action"), "blocked"), "json boolean_label: raw.label 0 is blocked");
	json_decref(o);
	h->inst.plugin->stop(&h->inst);
	harness_free(h);

	/* timestamp=0: the exact line, in jansson's layout */
	h = make();
	c = h->inst.conf;
	snprintf(c->file, sizeof(c->file), "%s/exact.json", dir);
	c->timestamp = 0;
	if (start(h) < 0)
		return;
	ulog_rec_clear(&h->rec);
	set_s(h, K_PREFIX, "a");
	set(h, K_DPORT, 22);
	h->inst.plugin->interp(&h->inst, &h->rec);
	h->inst.plugin->stop(&h->inst);
	test_slurp(c->file, buf, sizeof(buf));
	CHECK(!strcmp(buf, "{\"dvc\": \"Netfilter\", \"oob.prefix\": \"a\", \"dest_port\": 22}\n"),
	      "json exact line without timestamp");
	harness_free(h);
}

static void reopen(void)
{
	struct harness *h = make();
	struct jconf *c = h->inst.conf;
	char rotated[300];
	json_t *o;

	snprintf(c->file, sizeof(c->file), "%s/r.json", dir);
	snprintf(rotated, sizeof(rotated), "%s/r.json.1", dir);
	if (start(h) < 0)
		return;
	fill(h, "before");
	h->inst.plugin->interp(&h->inst, &h->rec);
	rename(c->file, rotated);
	h->inst.plugin->signal(&h->inst, SIGHUP);
	fill(h, "after");
	h->inst.plugin->interp(&h->inst, &h->rec);
	h->inst.plugin->stop(&h->inst);
	o = read_line(rotated, 0);
	CHECK(!strcmp(str(o, "oob.prefix"), "before") && !read_line(rotated, 1),
	      "json SIGHUP: the rotated file holds the earlier record");
	json_decref(o);
	o = read_line(c->file, 0);
	CHECK(!strcmp(str(o, "oob.prefix"), "after"), "json SIGHUP: a new file at the path");
	json_decref(o);
	harness_free(h);
}

static void socket_modes(void)
{
	struct sockaddr_un ua = { .sun_family = AF_UNIX };
	struct sockaddr_in ia = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(ia);
	struct harness *h;
	struct jconf *c;
	char buf[4096];
	int ls, us, cs;
	ssize_t n;
	json_t *o;

	/* unix stream */
	ls = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(ua.sun_path, sizeof(ua.sun_path), "%s/s", dir);
	bind(ls, (struct sockaddr *)&ua, sizeof(ua));
	listen(ls, 1);
	h = make();
	c = h->inst.conf;
	snprintf(c->mode, sizeof(c->mode), "UNIX");
	snprintf(c->file, sizeof(c->file), "%s", ua.sun_path);
	if (start(h) == 0) {
		cs = accept(ls, NULL, NULL);
		fill(h, "unix");
		h->inst.plugin->interp(&h->inst, &h->rec);
		n = recv(cs, buf, sizeof(buf) - 1, MSG_DONTWAIT);
		CHECK(n < 0, "json mode unix batches until flush");
		h->inst.plugin->flush(&h->inst);
		n = read(cs, buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = '\0';
		o = json_loads(buf, JSON_DISABLE_EOF_CHECK, NULL);
		CHECK(n > 0 && buf[n - 1] == '\n' && !strcmp(str(o, "oob.prefix"), "unix"),
		      "json mode unix sends one line per record");
		json_decref(o);
		close(cs);
		h->inst.plugin->stop(&h->inst);
	} else {
		CHECK(0, "json mode unix connects");
	}
	harness_free(h);
	close(ls);

	/* udp */
	us = socket(AF_INET, SOCK_DGRAM, 0);
	bind(us, (struct sockaddr *)&ia, sizeof(ia));
	getsockname(us, (struct sockaddr *)&ia, &alen);
	h = make();
	c = h->inst.conf;
	snprintf(c->mode, sizeof(c->mode), "udp");
	snprintf(c->port, sizeof(c->port), "%u", ntohs(ia.sin_port));
	if (start(h) == 0) {
		fill(h, "udp");
		h->inst.plugin->interp(&h->inst, &h->rec);
		n = recv(us, buf, sizeof(buf) - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
		o = json_loads(buf, JSON_DISABLE_EOF_CHECK, NULL);
		CHECK(n > 0 && !strcmp(str(o, "oob.prefix"), "udp"), "json mode udp sends a datagram");
		json_decref(o);
		h->inst.plugin->stop(&h->inst);
	} else {
		CHECK(0, "json mode udp connects");
	}
	harness_free(h);
	close(us);

	/* tcp */
	ls = socket(AF_INET, SOCK_STREAM, 0);
	ia.sin_port = 0;
	alen = sizeof(ia);
	bind(ls, (struct sockaddr *)&ia, sizeof(ia));
	listen(ls, 1);
	getsockname(ls, (struct sockaddr *)&ia, &alen);
	h = make();
	c = h->inst.conf;
	snprintf(c->mode, sizeof(c->mode), "tcp");
	snprintf(c->port, sizeof(c->port), "%u", ntohs(ia.sin_port));
	if (start(h) == 0) {
		cs = accept(ls, NULL, NULL);
		fill(h, "tcp1");
		h->inst.plugin->interp(&h->inst, &h->rec);
		fill(h, "tcp2");
		h->inst.plugin->interp(&h->inst, &h->rec);
		h->inst.plugin->stop(&h->inst);
		n = 0;
		for (;;) {
			ssize_t r = read(cs, buf + n, sizeof(buf) - 1 - (size_t)n);

			if (r <= 0)
				break;
			n += r;
		}
		buf[n > 0 ? n : 0] = '\0';
		{
			int lines = 0;
			ssize_t j;

			for (j = 0; j < n; j++)
				lines += buf[j] == '\n';
			CHECK(n > 0 && buf[n - 1] == '\n' && lines == 2 && strstr(buf, "\"tcp1\"") &&
			      strchr(buf, '\n') < strstr(buf, "\"tcp2\""),
			      "json mode tcp streams one line per record");
		}
		close(cs);
	} else {
		CHECK(0, "json mode tcp connects");
	}
	harness_free(h);
	close(ls);

	h = make();
	c = h->inst.conf;
	snprintf(c->mode, sizeof(c->mode), "carrier-pigeon");
	{
		struct ulog_err err;

		ulog_err_clear(&err);
		CHECK(h->inst.plugin->start(&h->inst, &err) < 0 && strstr(err.msg, "carrier-pigeon"),
		      "json unknown mode is an error naming it");
	}
	h->inst.plugin->stop(&h->inst);
	harness_free(h);
}

int main(void)
{
	char cmd[300];

	setenv("TZ", "UTC", 1);
	tzset();
	umask(022);
	if (!mkdtemp(dir))
		return 1;
	values();
	many_keys();
	offsets();
	options();
	reopen();
	socket_modes();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (getenv("KEEP") == NULL && system(cmd) != 0)
		printf("# cleanup failed\n");
	TEST_EXIT();
}
