/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plugin contract: one const descriptor per plugin, instances, options and typed key access. */
#ifndef ULOGD_PLUGIN_H
#define ULOGD_PLUGIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "../lib/err.h"
#include "key.h"

#define ULOG_PLUGIN_ABI 1

enum ulog_plugin_kind {
	ULOG_PLUGIN_INPUT,
	ULOG_PLUGIN_INTERP,
	ULOG_PLUGIN_OUTPUT,
};

/* ---- options: data tables read by one parser (ulogd/options.c) ---- */

enum ulog_opt_type {
	ULOG_OPT_INT,     /* int, decimal or 0x hex; range min..max */
	ULOG_OPT_STRING,  /* char[size] in the conf struct */
};

enum {
	ULOG_OPT_MANDATORY = 1u << 0,
};

struct ulog_option {
	const char *name;
	enum ulog_opt_type type;
	size_t offset;        /* into the plugin's conf struct */
	size_t size;          /* STRING: buffer size including NUL */
	const char *def;      /* default as text, parsed like a config value; NULL = 0/"" */
	long long min, max;   /* INT range (inclusive) */
	unsigned flags;
	const char *help;
};

#define ULOG_OPT_INT_(conf, field, name_, def_, min_, max_, help_) \
	{ .name = (name_), .type = ULOG_OPT_INT, \
	  .offset = offsetof(conf, field), .size = sizeof(((conf *)0)->field), \
	  .def = (def_), .min = (min_), .max = (max_), .help = (help_) }
#define ULOG_OPT_STR_(conf, field, name_, def_, help_) \
	{ .name = (name_), .type = ULOG_OPT_STRING, \
	  .offset = offsetof(conf, field), .size = sizeof(((conf *)0)->field), \
	  .def = (def_), .help = (help_) }

#define ULOG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct ulog_instance;
struct ulog_loop;
struct ulog_stack;

/* Verdicts of interp(). */
enum ulog_verdict {
	ULOG_CONTINUE = 0,  /* pass the record downstream */
	ULOG_STOP = 1,      /* filter: drop this record for the rest of the stack */
};

struct ulog_plugin {
	uint32_t abi;                  /* ULOG_PLUGIN_ABI */
	const char *name;              /* "BASE" */
	const char *alias;             /* another name it answers to ("MAC2STR"), or NULL */
	enum ulog_plugin_kind kind;
	const char *help;

	const struct ulog_key_def *in_keys;
	unsigned n_in;
	const struct ulog_key_def *out_keys;
	unsigned n_out;

	const struct ulog_option *options;
	unsigned n_options;
	size_t conf_size;              /* size of the conf struct the options fill */
	size_t priv_size;              /* per-instance private area, zeroed */

	/*
	 * Called once the instance's options are parsed and, for non-inputs,
	 * the upstream keys are known (ulog_stack_upstream()). May replace its
	 * input keys with ulog_instance_set_inputs() (JSON, SQL outputs).
	 * Returns 0 or a negative errno with @err filled.
	 */
	int (*configure)(struct ulog_instance *inst, struct ulog_err *err);
	/* Opens sockets and files; inputs register fds with inst->loop. */
	int (*start)(struct ulog_instance *inst, struct ulog_err *err);
	/* Closes what start opened; outputs flush first. */
	void (*stop)(struct ulog_instance *inst);
	/* Interpreters and outputs: one record. Returns enum ulog_verdict or -errno. */
	int (*interp)(struct ulog_instance *inst, struct ulog_record *rec);
	/* Outputs: end of a batch or the flush timer: write out what is buffered. */
	int (*flush)(struct ulog_instance *inst);
	/* SIGHUP (reopen files), SIGUSR1 (statistics), ... */
	void (*signal)(struct ulog_instance *inst, int signo);
};

/* An instance: one id in the config ("base1"), with its options and state. */
struct ulog_instance {
	const struct ulog_plugin *plugin;
	char id[64];
	struct ulog_loop *loop;
	struct ulog_stack *stack;          /* inputs: the first stack they appear in */
	void *conf;                        /* plugin->conf_size bytes */
	void *priv;                        /* plugin->priv_size bytes */
	uint64_t opt_set;                  /* bit i: option i given in the config */

	/* input keys as used by this instance (plugin's, or set at configure) */
	const struct ulog_key_def *in_keys;
	unsigned n_in;
	int *in_slot;                      /* slot per input key, -1 if unresolved */
	int *out_slot;                     /* slot per output key, -1 if nothing consumes it */

	/* statistics (SIGUSR1) */
	uint64_t n_records;
	uint64_t n_errors;
};

/* Conf and private area, typed. */
#define ULOG_CONF(inst, type) ((type *)(inst)->conf)
#define ULOG_PRIV(inst, type) ((type *)(inst)->priv)

/* True if option @idx (index into plugin->options) was given in the config. */
static inline bool ulog_opt_given(const struct ulog_instance *inst, unsigned idx)
{
	return (inst->opt_set >> idx) & 1;
}

/* ---- typed accessors over the record, by the plugin's key index ---- */

/* Input value @k if present and valid, else NULL. */
static inline const struct ulog_value *
ulog_in(const struct ulog_instance *inst, const struct ulog_record *r, unsigned k)
{
	int s = inst->in_slot[k];

	return ulog_rec_valid(r, s) ? &r->v[s] : NULL;
}

/* True if some downstream plugin consumes output key @k. */
static inline bool ulog_out_wanted(const struct ulog_instance *inst, unsigned k)
{
	return inst->out_slot[k] >= 0;
}

/* Output slot of key @k marked valid, or NULL if nothing consumes it. */
static inline struct ulog_value *
ulog_out(const struct ulog_instance *inst, struct ulog_record *r, unsigned k)
{
	int s = inst->out_slot[k];

	if (s < 0)
		return NULL;
	ulog_rec_mark(r, s);
	r->v[s].type = (uint8_t)inst->plugin->out_keys[k].type;
	return &r->v[s];
}

bool ulog_in_u64(const struct ulog_instance *inst, const struct ulog_record *r,
		 unsigned k, uint64_t *out);   /* any integer or bool type */
static inline bool ulog_in_u32(const struct ulog_instance *inst, const struct ulog_record *r,
			       unsigned k, uint32_t *out)
{
	uint64_t v;

	if (!ulog_in_u64(inst, r, k, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}
const char *ulog_in_str(const struct ulog_instance *inst, const struct ulog_record *r,
			unsigned k);           /* STRING, or NULL */

static inline void ulog_out_u64(const struct ulog_instance *inst, struct ulog_record *r,
				unsigned k, uint64_t val)
{
	struct ulog_value *v = ulog_out(inst, r, k);

	if (v)
		v->u64 = val;
}
static inline void ulog_out_bool(const struct ulog_instance *inst, struct ulog_record *r,
				 unsigned k, bool val)
{
	struct ulog_value *v = ulog_out(inst, r, k);

	if (v)
		v->b = val;
}
static inline void ulog_out_str(const struct ulog_instance *inst, struct ulog_record *r,
				unsigned k, const char *s, uint32_t len)
{
	struct ulog_value *v = ulog_out(inst, r, k);

	if (v) {
		v->str = s;
		v->len = len;
	}
}
static inline void ulog_out_ptr(const struct ulog_instance *inst, struct ulog_record *r,
				unsigned k, const void *p, uint32_t len)
{
	struct ulog_value *v = ulog_out(inst, r, k);

	if (v) {
		v->ptr = p;
		v->len = len;
	}
}
static inline void ulog_out_addr(const struct ulog_instance *inst, struct ulog_record *r,
				 unsigned k, const void *a, uint32_t len)
{
	struct ulog_value *v = ulog_out(inst, r, k);

	if (v) {
		memcpy(v->addr, a, len);
		v->len = len;
	}
}

/* Replaces the input keys of @inst (called from configure). @keys must outlive
 * the instance; typically they live in its private area or conf. */
int ulog_instance_set_inputs(struct ulog_instance *inst, const struct ulog_key_def *keys,
			     unsigned n);

/*
 * The keys produced upstream of @inst in its stack, nearest last, for
 * outputs that take "everything" (JSON). Valid during configure.
 */
struct ulog_upstream_key {
	const struct ulog_key_def *def;
	const struct ulog_instance *producer;
};
unsigned ulog_stack_upstream(const struct ulog_instance *inst,
			     const struct ulog_upstream_key **keys);

/*
 * Inputs: the record to fill for the next packet (cleared), and the call
 * that runs every stack fed by @inst on it. Input output key k goes to slot k.
 */
struct ulog_record *ulog_input_record(struct ulog_instance *inst);
int ulog_input_emit(struct ulog_instance *inst);

/*
 * Inputs that end (a capture file read to its end or to a damaged record):
 * @inst will produce no more records. When every input is done the daemon
 * drains its outputs and exits: status 1 if an input ended with
 * @status < 0, else 0. (PCAPIN calls it.)
 */
void ulog_input_done(struct ulog_instance *inst, int status);

/* Daemon log, ulogd2's levels. */
enum ulog_level {
	ULOG_DEBUG = 1,
	ULOG_INFO = 3,
	ULOG_NOTICE = 5,
	ULOG_ERROR = 7,
	ULOG_FATAL = 8,
};
void ulog_log_at(enum ulog_level lvl, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
#define ulog_log(lvl, ...) ulog_log_at((lvl), __FILE__, __LINE__, __VA_ARGS__)

/* Limits for repeated messages. By count: log the 1st, 2nd, 4th, 8th, ... occurrence
 * (true for those n), only count the others. */
static inline bool ulog_log_count_due(uint64_t n)
{
	return n && !(n & (n - 1));
}

/* By time: at most one line per second per limiter (zero-initialised); the others are
 * counted in @suppressed. */
struct ulog_ratelimit {
	time_t last;
	uint64_t suppressed;
};
/* True if a line limited by @rl may be logged now; if not, counts it as suppressed. */
bool ulog_ratelimit_ok(struct ulog_ratelimit *rl);

/*
 * Registration. Each plugin file ends with ULOG_PLUGIN(NAME), NAME being the
 * descriptor variable's suffix: ulog_plugin_NAME. The build generates a table
 * of all of them (static builds, tests, fuzzers); a plugin built as a shared
 * object also exports the well-known symbol ulog_plugin_descriptor.
 */
#ifdef ULOG_PLUGIN_SO
#define ULOG_PLUGIN(NAME) \
	const struct ulog_plugin *ulog_plugin_descriptor = &ulog_plugin_##NAME;
#else
#define ULOG_PLUGIN(NAME)
#endif

#endif
