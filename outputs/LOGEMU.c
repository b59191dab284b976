/* SPDX-License-Identifier: GPL-2.0-or-later */
/* LOGEMU: writes "print" lines to a file as syslog would, "Mon DD HH:MM:SS host <line>", like ulogd2. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/filebuf.h"
#include "lib/timefmt.h"
#include "ulogd/plugin.h"

enum { K_PRINT, K_TIME_SEC };

static const struct ulog_key_def logemu_in[] = {
	[K_PRINT] = { .name = "print", .type = ULOG_T_STRING },
	[K_TIME_SEC] = { .name = "oob.time.sec", .type = ULOG_T_UINT32,
			 .flags = ULOG_KEY_OPTIONAL },
};

struct logemu_conf {
	char file[4096];
	int sync;
};

static const struct ulog_option logemu_opts[] = {
	ULOG_OPT_STR_(struct logemu_conf, file, "file", "/var/log/ulogd_syslogemu.log",
		      "file to append the lines to"),
	ULOG_OPT_INT_(struct logemu_conf, sync, "sync", "0", 0, 1,
		      "1: write every line at once instead of once per batch"),
};

struct logemu_priv {
	struct filebuf fb;
	char host[256];
	size_t host_len;
	struct timefmt stamp;
};

static int logemu_start(struct ulog_instance *inst, struct ulog_err *err)
{
	struct logemu_conf *c = ULOG_CONF(inst, struct logemu_conf);
	struct logemu_priv *p = ULOG_PRIV(inst, struct logemu_priv);
	char *dot;

	if (gethostname(p->host, sizeof(p->host) - 1) < 0)
		return ulog_errf(err, -errno, "%s: gethostname: %s", inst->id, strerror(errno));
	p->host[sizeof(p->host) - 1] = '\0';
	dot = strchr(p->host, '.');
	if (dot)
		*dot = '\0';
	p->host_len = strlen(p->host);
	timefmt_init(&p->stamp);
	return filebuf_open(&p->fb, c->file, 0, c->sync != 0, err);
}

static void logemu_stop(struct ulog_instance *inst)
{
	filebuf_close(&ULOG_PRIV(inst, struct logemu_priv)->fb);
}

static int logemu_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct logemu_priv *p = ULOG_PRIV(inst, struct logemu_priv);
	const struct ulog_value *line = ulog_in(inst, r, K_PRINT);
	uint32_t sec;
	time_t now;
	size_t need, len;
	char *dst;

	if (!line || !line->str)
		return ULOG_CONTINUE;
	now = ulog_in_u32(inst, r, K_TIME_SEC, &sec) ? (time_t)sec : time(NULL);
	timefmt_set(&p->stamp, now);
	len = line->len ? line->len : strlen(line->str);
	need = 15 + 1 + p->host_len + 1 + len;
	dst = filebuf_reserve(&p->fb, need);
	if (!dst) {  /* longer than the whole buffer: write it in pieces */
		filebuf_write(&p->fb, p->stamp.syslog, 15);
		filebuf_write(&p->fb, " ", 1);
		filebuf_write(&p->fb, p->host, p->host_len);
		filebuf_write(&p->fb, " ", 1);
		return filebuf_write(&p->fb, line->str, len) < 0 ? -EIO : ULOG_CONTINUE;
	}
	memcpy(dst, p->stamp.syslog, 15);
	dst[15] = ' ';
	memcpy(dst + 16, p->host, p->host_len);
	dst[16 + p->host_len] = ' ';
	memcpy(dst + 17 + p->host_len, line->str, len);
	return filebuf_commit(&p->fb, need) < 0 ? -EIO : ULOG_CONTINUE;
}

static int logemu_flush(struct ulog_instance *inst)
{
	return filebuf_flush(&ULOG_PRIV(inst, struct logemu_priv)->fb);
}

static void logemu_signal(struct ulog_instance *inst, int signo)
{
	struct logemu_priv *p = ULOG_PRIV(inst, struct logemu_priv);
	struct ulog_err err;

	if (signo != SIGHUP)
		return;
	ulog_log(ULOG_NOTICE, "syslogemu: reopening logfile\n");
	ulog_err_clear(&err);
	if (filebuf_reopen(&p->fb, &err) < 0)
		ulog_log(ULOG_ERROR, "can't reopen syslogemu: %s\n", err.msg);
}

const struct ulog_plugin ulog_plugin_LOGEMU = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "LOGEMU",
	.kind = ULOG_PLUGIN_OUTPUT,
	.help = "Writes PRINTPKT/PRINTFLOW lines to a file in syslog's format",
	.in_keys = logemu_in,
	.n_in = ULOG_ARRAY_SIZE(logemu_in),
	.options = logemu_opts,
	.n_options = ULOG_ARRAY_SIZE(logemu_opts),
	.conf_size = sizeof(struct logemu_conf),
	.priv_size = sizeof(struct logemu_priv),
	.start = logemu_start,
	.stop = logemu_stop,
	.interp = logemu_interp,
	.flush = logemu_flush,
	.signal = logemu_signal,
};
ULOG_PLUGIN(LOGEMU)
