/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon object: load and build a config, start and stop instances, flush outputs. */
#include "core.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FLUSH_INTERVAL_MS 1000

struct ulog_daemon *ulog_daemon_new(const struct ulog_plugin *const *table)
{
	struct ulog_daemon *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->loop = ulog_loop_new();
	if (!d->loop) {
		free(d);
		return NULL;
	}
	ulog_plugins_init(&d->plugins, table);
	d->loglevel = -1;
	d->flush_timer = -1;
	d->sigfd = -1;
	return d;
}

void ulog_daemon_allow_dlopen(struct ulog_daemon *d, bool on)
{
	d->plugins.no_dlopen = !on;
}

void ulog_daemon_free(struct ulog_daemon *d)
{
	if (!d)
		return;
	ulog_daemon_stop(d);
	ulog_free_stacks(d);
	ulog_cfg_free(&d->cfg);
	ulog_loop_free(d->loop);
	if (d->sigfd >= 0)
		close(d->sigfd);
	ulog_plugins_free(&d->plugins);
	free(d);
}

/* Takes logfile and loglevel from [global] early, so the log can open before the build
 * logs anything; the build checks them properly. */
static void prescan_global(struct ulog_daemon *d)
{
	const struct ulog_cfg_section *g = ulog_cfg_find(&d->cfg, "global", NULL);
	unsigned i;
	char *end;
	long v;

	for (i = 0; g && i < g->n; i++) {
		const struct ulog_cfg_entry *e = &g->e[i];

		if (!e->value)
			continue;
		if (!strcmp(e->key, "logfile") && strlen(e->value) < sizeof(d->logfile))
			snprintf(d->logfile, sizeof(d->logfile), "%s", e->value);
		if (!strcmp(e->key, "loglevel")) {
			v = strtol(e->value, &end, 0);
			if (!*end && v >= 1 && v <= 8)
				d->loglevel = (int)v;
		}
	}
}

int ulog_daemon_parse_file(struct ulog_daemon *d, const char *path, struct ulog_err *err)
{
	int rc;

	ulog_err_clear(err);
	if (d->parsed)
		return ulog_errf(err, -EALREADY, "a config is already loaded");
	rc = ulog_cfg_read_file(&d->cfg, path, err);
	d->parsed = rc == 0;
	if (d->parsed)
		prescan_global(d);
	return rc;
}

int ulog_daemon_parse_buf(struct ulog_daemon *d, const char *name, const char *buf, size_t len,
			  struct ulog_err *err)
{
	int rc;

	ulog_err_clear(err);
	if (d->parsed)
		return ulog_errf(err, -EALREADY, "a config is already loaded");
	rc = ulog_cfg_parse(&d->cfg, name, buf, len, err);
	d->parsed = rc == 0;
	if (d->parsed)
		prescan_global(d);
	return rc;
}

int ulog_daemon_build(struct ulog_daemon *d, struct ulog_err *err)
{
	int rc;

	ulog_err_clear(err);
	if (!d->parsed || d->built)
		return ulog_errf(err, -EINVAL, d->built ? "already built" : "no config parsed");
	rc = ulog_build_stacks(d, err);
	d->built = rc == 0;
	return rc;
}

int ulog_daemon_load_file(struct ulog_daemon *d, const char *path, struct ulog_err *err)
{
	int rc = ulog_daemon_parse_file(d, path, err);

	return rc ? rc : ulog_daemon_build(d, err);
}

int ulog_daemon_load_buf(struct ulog_daemon *d, const char *name, const char *buf, size_t len,
			 struct ulog_err *err)
{
	int rc = ulog_daemon_parse_buf(d, name, buf, len, err);

	return rc ? rc : ulog_daemon_build(d, err);
}

const char *ulog_daemon_logfile(const struct ulog_daemon *d)
{
	return d->logfile;
}

int ulog_daemon_loglevel(const struct ulog_daemon *d)
{
	return d->loglevel;
}

struct ulog_loop *ulog_daemon_loop(struct ulog_daemon *d)
{
	return d->loop;
}

unsigned ulog_daemon_n_stacks(const struct ulog_daemon *d)
{
	return d->n_stacks;
}

struct ulog_instance *ulog_daemon_instance(struct ulog_daemon *d, unsigned stack, const char *id)
{
	unsigned i;

	if (stack >= d->n_stacks)
		return NULL;
	for (i = 0; i < d->stacks[stack]->n; i++)
		if (!strcmp(d->stacks[stack]->nodes[i]->inst.id, id))
			return &d->stacks[stack]->nodes[i]->inst;
	return NULL;
}

void ulog_daemon_flush(struct ulog_daemon *d, bool all)
{
	unsigned i;

	for (i = 0; i < d->n_nodes; i++) {
		struct ulog_node *n = d->nodes[i];
		const struct ulog_plugin *p = n->inst.plugin;
		int rc;

		if (!n->started || !p->flush || !(all || n->dirty))
			continue;
		n->dirty = false;
		rc = p->flush(&n->inst);
		if (rc < 0)
			ulog_note_error(&n->inst, "flush", rc);
	}
}

static void before_sleep(void *arg)
{
	ulog_daemon_flush(arg, false);
}

static void flush_tick(void *arg)
{
	ulog_daemon_flush(arg, true);
}

/* Start order: outputs, then interpreters, then inputs, so records never reach an unstarted instance. */
static int start_rank(const struct ulog_node *n)
{
	switch (n->inst.plugin->kind) {
	case ULOG_PLUGIN_OUTPUT: return 0;
	case ULOG_PLUGIN_INTERP: return 1;
	case ULOG_PLUGIN_INPUT: return 2;
	}
	return 1;
}

static int start_node(struct ulog_node *n, struct ulog_err *err)
{
	const struct ulog_plugin *p = n->inst.plugin;
	int rc;

	if (p->start) {
		ulog_err_clear(err);
		rc = p->start(&n->inst, err);
		if (rc < 0) {
			char msg[512];

			snprintf(msg, sizeof(msg), "%s", err ? err->msg : "");
			return ulog_errf(err, rc, "error starting %s (%s): %s", n->inst.id, p->name,
					 msg[0] ? msg : strerror(-rc));
		}
	}
	n->started = true;
	return 0;
}

int ulog_daemon_start(struct ulog_daemon *d, struct ulog_err *err)
{
	unsigned i;
	int rank, rc;

	ulog_err_clear(err);
	if (!d->built || d->started)
		return ulog_errf(err, -EINVAL, d->started ? "already started" : "not built");
	d->started = true;
	for (rank = 0; rank < 3; rank++) {
		for (i = 0; i < d->n_nodes; i++) {
			if (start_rank(d->nodes[i]) != rank)
				continue;
			rc = start_node(d->nodes[i], err);
			if (rc) {
				ulog_daemon_stop(d);
				return rc;
			}
		}
	}
	ulog_loop_set_before_sleep(d->loop, before_sleep, d);
	d->flush_timer = ulog_loop_add_timer(d->loop, FLUSH_INTERVAL_MS, flush_tick, d);
	if (d->flush_timer < 0) {
		rc = d->flush_timer;
		ulog_daemon_stop(d);
		return ulog_errf(err, rc, "flush timer: %s", strerror(-rc));
	}
	return 0;
}

void ulog_daemon_stop(struct ulog_daemon *d)
{
	int rank;
	unsigned i;

	if (!d->started)
		return;
	for (rank = 2; rank >= 0; rank--) {
		for (i = 0; i < d->n_nodes; i++) {
			struct ulog_node *n = d->nodes[i];

			if (start_rank(n) != rank || !n->started)
				continue;
			n->started = false;
			if (n->inst.plugin->stop)
				n->inst.plugin->stop(&n->inst);
		}
	}
	if (d->flush_timer >= 0)
		ulog_loop_del_timer(d->loop, d->flush_timer);
	d->flush_timer = -1;
	ulog_loop_set_before_sleep(d->loop, NULL, NULL);
	d->started = false;
}

int ulog_daemon_run(struct ulog_daemon *d)
{
	return ulog_loop_run(d->loop);
}

int ulog_daemon_status(const struct ulog_daemon *d)
{
	return d->input_failed ? 1 : 0;
}

void ulog_daemon_stats(struct ulog_daemon *d)
{
	unsigned i;

	for (i = 0; i < d->n_nodes; i++) {
		struct ulog_node *n = d->nodes[i];

		ulog_log(ULOG_NOTICE, "stats: %s (%s): records=%llu errors=%llu\n", n->inst.id,
			 n->inst.plugin->name, (unsigned long long)n->inst.n_records,
			 (unsigned long long)n->inst.n_errors);
		if (n->started && n->inst.plugin->signal)
			n->inst.plugin->signal(&n->inst, SIGUSR1);
	}
}
