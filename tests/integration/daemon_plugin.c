/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test plugins built as shared objects by tests/integration/daemon_*.sh: TICK (timer input) or TFILE (line output). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ulogd/loop.h"
#include "ulogd/plugin.h"

#ifndef TICK_ABI
#define TICK_ABI ULOG_PLUGIN_ABI
#endif

#ifdef TEST_TICK
/* TICK: one record every `interval` ms with a counter and a prefix. */
struct tick_conf {
	int interval;
	char prefix[32];
};
struct tick_priv {
	int timer;
	uint64_t n;
};
static const struct ulog_key_def tick_out[] = {
	{ .name = "tick.n", .type = ULOG_T_UINT64 },
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
};
static const struct ulog_option tick_opts[] = {
	ULOG_OPT_INT_(struct tick_conf, interval, "interval", "20", 1, 60000, "ms between records"),
	ULOG_OPT_STR_(struct tick_conf, prefix, "prefix", "tick", "oob.prefix value"),
};

static void on_tick(void *arg)
{
	struct ulog_instance *inst = arg;
	struct tick_priv *p = ULOG_PRIV(inst, struct tick_priv);
	const struct tick_conf *c = ULOG_CONF(inst, struct tick_conf);
	struct ulog_record *r = ulog_input_record(inst);

	ulog_out_u64(inst, r, 0, ++p->n);
	ulog_out_str(inst, r, 1, c->prefix, (uint32_t)strlen(c->prefix));
	ulog_input_emit(inst);
}

static int tick_start(struct ulog_instance *inst, struct ulog_err *err)
{
	struct tick_priv *p = ULOG_PRIV(inst, struct tick_priv);

	p->timer = ulog_loop_add_timer(inst->loop, (unsigned)ULOG_CONF(inst, struct tick_conf)->interval,
				       on_tick, inst);
	return p->timer < 0 ? ulog_errf(err, p->timer, "timer") : 0;
}

static void tick_stop(struct ulog_instance *inst)
{
	ulog_loop_del_timer(inst->loop, ULOG_PRIV(inst, struct tick_priv)->timer);
}

static void tick_signal(struct ulog_instance *inst, int signo)
{
	if (signo == SIGUSR1)
		ulog_log(ULOG_NOTICE, "TICK %s: emitted %llu\n", inst->id,
			 (unsigned long long)ULOG_PRIV(inst, struct tick_priv)->n);
}

const struct ulog_plugin ulog_plugin_TICK = {
	.abi = TICK_ABI, .name = "TICK", .kind = ULOG_PLUGIN_INPUT, .help = "test ticker",
	.out_keys = tick_out, .n_out = 2, .options = tick_opts, .n_options = 2,
	.conf_size = sizeof(struct tick_conf), .priv_size = sizeof(struct tick_priv),
	.start = tick_start, .stop = tick_stop, .signal = tick_signal,
};
const struct ulog_plugin *ulog_plugin_descriptor = &ulog_plugin_TICK;
#else
/* TFILE: "prefix n" lines to `file`, buffered, flushed by the core, reopened on SIGHUP. */
struct tfile_conf {
	char file[256];
};
struct tfile_priv {
	FILE *f;
};
static const struct ulog_key_def tfile_in[] = {
	{ .name = "tick.n", .type = ULOG_T_UINT64 },
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
};
static const struct ulog_option tfile_opts[] = {
	ULOG_OPT_STR_(struct tfile_conf, file, "file", "/dev/null", "output file"),
};

static int tfile_open(struct ulog_instance *inst)
{
	int fd = open(ULOG_CONF(inst, struct tfile_conf)->file, O_WRONLY | O_APPEND | O_CREAT, 0640);

	if (fd < 0)
		return -errno;
	ULOG_PRIV(inst, struct tfile_priv)->f = fdopen(fd, "a");
	return 0;
}

static int tfile_start(struct ulog_instance *inst, struct ulog_err *err)
{
	int rc = tfile_open(inst);

	return rc ? ulog_errf(err, rc, "can't open %s", ULOG_CONF(inst, struct tfile_conf)->file) : 0;
}

static void tfile_stop(struct ulog_instance *inst)
{
	struct tfile_priv *p = ULOG_PRIV(inst, struct tfile_priv);

	if (p->f)
		fclose(p->f);
	p->f = NULL;
}

static int tfile_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	FILE *f = ULOG_PRIV(inst, struct tfile_priv)->f;
	const char *s = ulog_in_str(inst, r, 1);
	uint64_t n = 0;

	ulog_in_u64(inst, r, 0, &n);
	return fprintf(f, "%s %llu\n", s ? s : "-", (unsigned long long)n) < 0 ? -EIO : ULOG_CONTINUE;
}

static int tfile_flush(struct ulog_instance *inst)
{
	return fflush(ULOG_PRIV(inst, struct tfile_priv)->f) ? -errno : 0;
}

static void tfile_signal(struct ulog_instance *inst, int signo)
{
	if (signo != SIGHUP)
		return;
	tfile_stop(inst);
	tfile_open(inst);
}

const struct ulog_plugin ulog_plugin_TFILE = {
	.abi = ULOG_PLUGIN_ABI, .name = "TFILE", .kind = ULOG_PLUGIN_OUTPUT, .help = "test lines",
	.in_keys = tfile_in, .n_in = 2, .options = tfile_opts, .n_options = 1,
	.conf_size = sizeof(struct tfile_conf), .priv_size = sizeof(struct tfile_priv),
	.start = tfile_start, .stop = tfile_stop, .interp = tfile_interp, .flush = tfile_flush,
	.signal = tfile_signal,
};
const struct ulog_plugin *ulog_plugin_descriptor = &ulog_plugin_TFILE;
#endif
