/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon's internal state: instances (nodes), stacks with their records, and the daemon itself. */
#ifndef ULOGD_CORE_H
#define ULOGD_CORE_H

#include <stdbool.h>

#include "conffile.h"
#include "daemon.h"
#include "plugin.h"
#include "plugins.h"

/* Elements of one stack= line at most (ulogd2's stacks have fewer than ten); keeps the
 * build, which looks upstream for every key, from going quadratic on a hostile config. */
#define ULOG_STACK_MAX_ELEMS 128

/* Where an input key's value comes from. */
struct ulog_src {
	struct ulog_node *node;  /* NULL: unresolved optional key */
	int key;                 /* index in node's plugin out_keys */
};

/* An instance with what the core keeps beside it. Plugins see only inst. */
struct ulog_node {
	struct ulog_instance inst;     /* first member: node_of() relies on it */
	struct ulog_daemon *d;
	unsigned line;                 /* the stack= line that created it */
	unsigned pos;                  /* position in its stack (inputs: 0) */
	struct ulog_stack **feeds;     /* inputs: every stack they run */
	unsigned n_feeds;
	bool *out_used;                /* per output key: some consumer reads it */
	struct ulog_src *src;          /* per input key */
	bool configured, started, dirty;
	bool done;                     /* inputs: ulog_input_done() called */
};

static inline struct ulog_node *node_of(const struct ulog_instance *inst)
{
	return (struct ulog_node *)inst;
}

struct ulog_stack {
	struct ulog_daemon *d;
	unsigned idx;
	unsigned line;
	char *text;
	struct ulog_node **nodes;
	unsigned n;
	unsigned n_slots;
	struct ulog_record rec;
	struct ulog_upstream_key *up;  /* scratch for ulog_stack_upstream() */
	unsigned n_up;
};

struct ulog_daemon {
	struct ulog_plugin_set plugins;
	struct ulog_cfg cfg;
	bool parsed, built, started;
	struct ulog_loop *loop;
	struct ulog_stack **stacks;
	unsigned n_stacks;
	struct ulog_node **nodes;      /* unique instances, in stack order */
	unsigned n_nodes;
	char logfile[4096];            /* [global] logfile, "" if not given */
	int loglevel;                  /* [global] loglevel, -1 if not given */
	int flush_timer;
	int sigfd;
	bool input_failed;             /* an input ended with status < 0 */
};

/* Builds the stacks of d->cfg (ulogd/build.c). Returns 0 or -errno with @err located. */
int ulog_build_stacks(struct ulog_daemon *d, struct ulog_err *err);

/* Frees stacks and nodes (after stop). */
void ulog_free_stacks(struct ulog_daemon *d);

/* Counts an error of @inst (its n_errors, in the statistics) and logs it, "@what failed",
 * the first time and then at every power-of-two count, so a persistent failure (a full
 * disk) cannot flood the log (ulogd/stack.c). */
void ulog_note_error(struct ulog_instance *inst, const char *what, int rc);

/* Runs stack @s on its record (ulogd/stack.c). */
void ulog_stack_run(struct ulog_stack *s);

/* Resolves keys and assigns slots for every stack (ulogd/resolve.c). */
int ulog_resolve_stacks(struct ulog_daemon *d, struct ulog_err *err);

#endif
