/* SPDX-License-Identifier: GPL-2.0-or-later */
/* LOGEMU: syslog-style line format, packet time vs clock, buffering, sync, mode 0640, reopen on SIGHUP. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "test.h"
#include "ulogd/options.h"

extern const struct ulog_plugin ulog_plugin_LOGEMU;

struct lconf { char file[4096]; int sync; };   /* mirrors LOGEMU's conf */

static char dir[] = "/tmp/ulog-logemu-XXXXXX";

static void put(struct harness *h, const char *line, long sec)
{
	int s = harness_in(h, "print"), t = harness_in(h, "oob.time.sec");

	ulog_rec_clear(&h->rec);
	ulog_rec_mark(&h->rec, s);
	h->v[s].type = ULOG_T_STRING;
	h->v[s].str = line;
	h->v[s].len = (uint32_t)strlen(line);
	if (sec >= 0) {
		ulog_rec_mark(&h->rec, t);
		h->v[t].type = ULOG_T_UINT32;
		h->v[t].u64 = (uint64_t)sec;
	}
	if (h->inst.plugin->interp(&h->inst, &h->rec) < 0)
		printf("# interp failed\n");
}

static struct harness *start(const char *path, int sync)
{
	struct harness *h = harness_new(&ulog_plugin_LOGEMU);
	struct lconf *c = h->inst.conf;
	struct ulog_err err;

	ulog_err_clear(&err);
	if (ulog_opts_defaults(&ulog_plugin_LOGEMU, c, &err) < 0)
		printf("# defaults: %s\n", err.msg);
	CHECK(!strcmp(c->file, "/var/log/ulogd_syslogemu.log") && c->sync == 0,
	      "logemu defaults are ulogd2's");
	snprintf(c->file, sizeof(c->file), "%s", path);
	c->sync = sync;
	if (h->inst.plugin->start(&h->inst, &err) < 0)
		printf("# start: %s\n", err.msg);
	return h;
}

static void format_and_buffering(const char *host)
{
	char path[256], buf[4096], want[1024];
	struct harness *h;
	struct stat st;

	snprintf(path, sizeof(path), "%s/emu.log", dir);
	h = start(path, 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "logemu file created 0640");
	/* 2026-11-06 09:05:03 UTC: a one-digit day is space padded, as ctime() does */
	put(h, "pfx IN=eth0 OUT= MAC= SRC=10.0.0.1\n", 1793955903);
	put(h, "second\n", 1796257928);
	CHECK(test_slurp(path, buf, sizeof(buf)) == 0, "logemu buffers until flush");
	CHECK(h->inst.plugin->flush(&h->inst) == 0, "logemu flush");
	test_slurp(path, buf, sizeof(buf));
	snprintf(want, sizeof(want), "Nov  6 09:05:03 %s pfx IN=eth0 OUT= MAC= SRC=10.0.0.1\n"
		 "Dec  3 00:32:08 %s second\n", host, host);
	CHECK(!strcmp(buf, want), "logemu line format from oob.time.sec");
	if (strcmp(buf, want))
		printf("# got '%s'\n# want '%s'\n", buf, want);

	/* no packet time: the clock */
	{
		time_t before = time(NULL), after;
		char stamp[32];
		struct tm tm;

		put(h, "clock\n", -1);
		h->inst.plugin->flush(&h->inst);
		after = time(NULL);
		test_slurp(path, buf, sizeof(buf));
		gmtime_r(&before, &tm);
		strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
		snprintf(want, sizeof(want), "%s %s clock\n", stamp, host);
		if (!strstr(buf, want)) {
			gmtime_r(&after, &tm);
			strftime(stamp, sizeof(stamp), "%b %e %H:%M:%S", &tm);
			snprintf(want, sizeof(want), "%s %s clock\n", stamp, host);
		}
		CHECK(strstr(buf, want) != NULL, "logemu uses the clock without oob.time.sec");
	}

	/* SIGHUP after rotation: new lines go to a new file at the same path */
	{
		char rotated[300];

		snprintf(rotated, sizeof(rotated), "%s.1", path);
		rename(path, rotated);
		put(h, "before-hup\n", 1793955903);
		h->inst.plugin->signal(&h->inst, SIGHUP);
		put(h, "after-hup\n", 1793955903);
		h->inst.plugin->flush(&h->inst);
		test_slurp(rotated, buf, sizeof(buf));
		CHECK(strstr(buf, "before-hup") && !strstr(buf, "after-hup"),
		      "logemu: lines before SIGHUP end in the rotated file");
		test_slurp(path, buf, sizeof(buf));
		CHECK(strstr(buf, "after-hup") && !strstr(buf, "before-hup"),
		      "logemu: lines after SIGHUP go to the reopened file");
	}
	h->inst.plugin->stop(&h->inst);
	harness_free(h);
}

static void sync_mode(void)
{
	char path[256], buf[1024];
	struct harness *h;

	snprintf(path, sizeof(path), "%s/sync.log", dir);
	h = start(path, 1);
	put(h, "now\n", 1793955903);
	CHECK(test_slurp(path, buf, sizeof(buf)) > 0 && strstr(buf, " now\n"),
	      "logemu sync=1 writes every line at once");
	h->inst.plugin->stop(&h->inst);
	harness_free(h);
}

static void bad_path(void)
{
	struct harness *h = harness_new(&ulog_plugin_LOGEMU);
	struct lconf *c = h->inst.conf;
	struct ulog_err err;
	int rc;

	ulog_err_clear(&err);
	snprintf(c->file, sizeof(c->file), "%s/no/such/dir/x.log", dir);
	rc = h->inst.plugin->start(&h->inst, &err);
	CHECK(rc < 0 && strstr(err.msg, "no/such/dir"), "logemu: unopenable file is an error naming it");
	h->inst.plugin->stop(&h->inst);
	harness_free(h);
}

int main(void)
{
	char host[256], *dot, cmd[300];

	setenv("TZ", "UTC", 1);
	tzset();
	umask(022);
	if (!mkdtemp(dir))
		return 1;
	gethostname(host, sizeof(host));
	dot = strchr(host, '.');
	if (dot)
		*dot = '\0';
	format_and_buffering(host);
	sync_mode();
	bad_path();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# cleanup failed\n");
	TEST_EXIT();
}
