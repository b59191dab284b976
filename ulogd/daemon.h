/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ulogd as a library: load a config (file or buffer), build its stacks, start, run, stop. */
#ifndef ULOGD_DAEMON_H
#define ULOGD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../lib/err.h"
#include "loop.h"
#include "plugin.h"

struct ulog_daemon;

/*
 * A daemon over the plugins of @table (NULL-terminated; NULL means the
 * generated registry). Its loop exists from here on. Returns NULL on
 * allocation failure.
 */
struct ulog_daemon *ulog_daemon_new(const struct ulog_plugin *const *table);

/* Allows (default) or refuses dlopen() of plugin= files that are not built in (fuzzers). */
void ulog_daemon_allow_dlopen(struct ulog_daemon *d, bool on);

/* Stops (if started) and frees everything. NULL is fine. */
void ulog_daemon_free(struct ulog_daemon *d);

/* Parses a config file, or @len bytes named @name, without building. Returns 0 or -errno. */
int ulog_daemon_parse_file(struct ulog_daemon *d, const char *path, struct ulog_err *err);
int ulog_daemon_parse_buf(struct ulog_daemon *d, const char *name, const char *buf, size_t len,
			  struct ulog_err *err);

/*
 * Reads [global] (logfile, loglevel, plugin=, stack=), creates the
 * instances, parses their options, configures them and resolves every
 * key into slots. Nothing is opened yet. Returns 0 or -errno with @err
 * naming file:line.
 */
int ulog_daemon_build(struct ulog_daemon *d, struct ulog_err *err);

/* parse + build. */
int ulog_daemon_load_file(struct ulog_daemon *d, const char *path, struct ulog_err *err);
int ulog_daemon_load_buf(struct ulog_daemon *d, const char *name, const char *buf, size_t len,
			 struct ulog_err *err);

/* [global] logfile ("" if not given) and loglevel (-1 if not given), known once parsed. */
const char *ulog_daemon_logfile(const struct ulog_daemon *d);
int ulog_daemon_loglevel(const struct ulog_daemon *d);

/* Prints the stacks, instances, slots and key sources (--check). */
void ulog_daemon_print(const struct ulog_daemon *d, FILE *f);

/*
 * Starts every instance (outputs first, inputs last) and the 1 s flush
 * timer; outputs also flush at the end of each loop round. On error stops
 * what was started and returns -errno with @err naming the instance.
 */
int ulog_daemon_start(struct ulog_daemon *d, struct ulog_err *err);

/*
 * Reads SIGTERM, SIGINT, SIGHUP, SIGUSR1 and SIGUSR2 through a signalfd in
 * the loop; call ulog_signals_block() first (before any thread starts).
 * Returns 0 or -errno.
 */
int ulog_daemon_watch_signals(struct ulog_daemon *d);

/* Blocks the signals the daemon reads through its signalfd; ignores SIGPIPE. */
void ulog_signals_block(void);

/* Acts on @signo as if received: TERM/INT stop the loop, HUP reopens, USR1 logs statistics. */
void ulog_daemon_signal(struct ulog_daemon *d, int signo);

/* Runs the loop until a terminal signal, every input is done (ulog_input_done()) or
 * ulog_loop_stop(). Returns 0 or -errno. */
int ulog_daemon_run(struct ulog_daemon *d);

/* The exit status the run deserves: 1 if an input ended with an error, else 0. */
int ulog_daemon_status(const struct ulog_daemon *d);

/* Stops every started instance: inputs first, outputs last (they flush). */
void ulog_daemon_stop(struct ulog_daemon *d);

/* Calls flush() on every output that has records since its last flush (all if @all). */
void ulog_daemon_flush(struct ulog_daemon *d, bool all);

/* Writes per-instance statistics to the daemon log and passes SIGUSR1 on. */
void ulog_daemon_stats(struct ulog_daemon *d);

struct ulog_loop *ulog_daemon_loop(struct ulog_daemon *d);
unsigned ulog_daemon_n_stacks(const struct ulog_daemon *d);

/* The instance @id in stack @stack (0-based, in config order), or NULL. */
struct ulog_instance *ulog_daemon_instance(struct ulog_daemon *d, unsigned stack,
					   const char *id);

/* --info: prints the plugin called @what (a name, or a plugin file path). Returns 0 or -ENOENT. */
int ulog_daemon_info(struct ulog_daemon *d, FILE *f, const char *what, struct ulog_err *err);

#endif
