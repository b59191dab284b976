/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rule model: rulesets of tables of chains of rules, and the verbs on them. */
#ifndef ULOG_FILTER_FILTER_H
#define ULOG_FILTER_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "ext.h"

#define FILTER_CHAIN_MAXLEN 28     /* iptables: "(28 chars max)" */

enum filter_target_kind {
	FILTER_TGT_NONE,        /* no -j: count and fall through */
	FILTER_TGT_VERDICT,     /* ACCEPT, DROP, QUEUE, RETURN */
	FILTER_TGT_JUMP,        /* -j CHAIN */
	FILTER_TGT_GOTO,        /* -g CHAIN */
	FILTER_TGT_EXT,         /* an extension target */
};

struct filter_chain;

/* One rule: the standard part, matches in order, one target. */
/* What filter_eval derives once from a rule's standard part (which does not
 * change once the rule is built), laid out so that the whole test of an IPv4
 * rule reads the rule's first cache line: interface compare lengths and name
 * copies, inversions, IPv4 address and mask words. */
struct filter_rule_prep {
	uint8_t in_n, out_n;     /* bytes to compare: the name and its NUL, or the prefix before '+' */
	uint8_t flags;           /* FILTER_PREP_* */
	uint8_t inv;             /* FILTER_PREP_INV_* */
	uint32_t a4[4];          /* IPv4: src, smsk, dst, dmsk (network order, as loaded) */
	char in[IFNAMSIZ], out[IFNAMSIZ];
};

enum {
	FILTER_PREP_READY = 1, FILTER_PREP_ANY_ADDR = 2,
	FILTER_PREP_INV_SRC = 1, FILTER_PREP_INV_DST = 2, FILTER_PREP_INV_IN = 4, FILTER_PREP_INV_OUT = 8,
};

struct filter_rule {
	struct filter_std std;
	struct filter_rule_prep prep;                   /* eval.c's aids, derived on first use */
	uint8_t src[16], smsk[16], dst[16], dmsk[16];  /* network order, masked */
	bool src_inv, dst_inv;
	char in[IFNAMSIZ], out[IFNAMSIZ];               /* "eth+" keeps the '+' */
	bool in_inv, out_inv;

	struct filter_ext_data **matches;
	unsigned n_matches;

	enum filter_target_kind tkind;
	enum filter_verdict verdict;                    /* FILTER_TGT_VERDICT */
	char jump[FILTER_CHAIN_MAXLEN + 1];             /* JUMP/GOTO: chain name */
	struct filter_chain *jump_to;                   /* resolved at commit */
	struct filter_ext_data *target;                 /* FILTER_TGT_EXT */

	uint64_t pcnt, bcnt;
	unsigned line;                                  /* restore line, 0 if none */
};

struct filter_chain {
	char name[FILTER_CHAIN_MAXLEN + 1];
	int hook;                        /* enum filter_hook for built-ins, -1 for user chains */
	enum filter_verdict policy;      /* built-ins: ACCEPT or DROP */
	uint64_t pcnt, bcnt;             /* built-ins: policy counters */
	struct filter_rule **rules;
	unsigned n_rules, cap_rules;
	unsigned hook_mask;              /* commit: built-in hooks that reach this chain */
	unsigned refs;                   /* rules jumping here */
	unsigned line;                   /* line that declared it, 0 if none */
	struct filter_chain_index *index; /* eval_index.c: set by filter_table_check, NULL = none */
};

struct filter_table_def {
	const char *name;
	unsigned hooks;                  /* FILTER_HOOK_BIT()s of its built-in chains */
};

struct filter_table {
	const struct filter_table_def *def;
	struct filter_chain **chains;    /* built-ins in hook order, then user chains sorted */
	unsigned n_chains, n_builtin, cap_chains;
	bool bound;                      /* extension state attached (committed) */
};

/* A ruleset of one family: tables in the order they came into being. */
struct filter_ruleset {
	uint8_t family;                  /* FILTER_V4 or FILTER_V6 */
	struct filter_table *tables[8];
	unsigned n_tables;
	struct filter_ctx *ctx;
};

/* ---- tables and chains (model.c) ---- */

/* The definition of table @name, or NULL. */
const struct filter_table_def *filter_table_def(const char *name);
/* The name of built-in hook @h ("INPUT"). */
const char *filter_hook_name(int h);

/* A new empty table of @def with its built-in chains, policies ACCEPT. NULL on ENOMEM. */
struct filter_table *filter_table_new(const struct filter_table_def *def);
/* Frees @t, its chains, rules and their extension data (unbinding them from @ctx if bound). */
void filter_table_free(struct filter_table *t, struct filter_ctx *ctx);
/* A deep copy of @t (rules, extension data; no bound state). NULL on ENOMEM. */
struct filter_table *filter_table_clone(const struct filter_table *t);
/* The chain called @name, or NULL. */
struct filter_chain *filter_chain_find(const struct filter_table *t, const char *name);
/* Adds user chain @name in sorted position. Returns it, or NULL on ENOMEM. */
struct filter_chain *filter_chain_add(struct filter_table *t, const char *name);
/* Removes and frees user chain @c (must have no rules referring to it). */
void filter_chain_del(struct filter_table *t, struct filter_chain *c);
/* Inserts @r at 0-based @pos (n_rules = append). Returns 0 or -ENOMEM. */
int filter_chain_insert(struct filter_chain *c, unsigned pos, struct filter_rule *r);
/* Removes rule @pos and returns it (caller frees). */
struct filter_rule *filter_chain_remove(struct filter_chain *c, unsigned pos);
/* Frees every rule of @c. */
void filter_chain_flush(struct filter_chain *c, struct filter_ctx *ctx, bool bound);

/* ---- rules ---- */

struct filter_rule *filter_rule_new(uint8_t family);
void filter_rule_free(struct filter_rule *r, struct filter_ctx *ctx, bool bound);
struct filter_rule *filter_rule_clone(const struct filter_rule *r);
/* Adds a new zeroed instance of @e to @r (match list or target). Returns it or NULL. */
struct filter_ext_data *filter_rule_add_ext(struct filter_rule *r, const struct filter_ext *e);
/* True if @a and @b are the same rule (iptables -D by specification). */
bool filter_rule_equal(const struct filter_rule *a, const struct filter_rule *b);

/* ---- rulesets ---- */

/* A new empty ruleset of @family with its own context. NULL on ENOMEM. */
struct filter_ruleset *filter_ruleset_new(uint8_t family);
void filter_ruleset_free(struct filter_ruleset *rs);
/* The table called @name, or NULL if it never came into being. */
struct filter_table *filter_ruleset_table(const struct filter_ruleset *rs, const char *name);
/* The table called @name, created empty (and recorded as the newest) if absent.
 * NULL if @name is no table or on ENOMEM. */
struct filter_table *filter_ruleset_touch(struct filter_ruleset *rs, const char *name);
/* Replaces table @name with @t (committed: already checked and bound). */
void filter_ruleset_replace(struct filter_ruleset *rs, struct filter_table *t);

/* ---- context (ctx.c) ---- */

struct filter_ctx *filter_ctx_new(void);
void filter_ctx_free(struct filter_ctx *ctx);
/* Sets the host facts used by matches (NULL = none). */
void filter_ctx_set_host(struct filter_ctx *ctx, const struct filter_host *h);

/* ---- commit (commit.c): the kernel's checks on a whole table ---- */

/*
 * Checks @t as the kernel does on replace: every jump resolves, no loop is
 * reachable from a built-in chain, every extension's check() accepts its
 * table and hooks. Resolves jump_to and hook masks, builds the rule
 * index (filter_table_index). On error returns
 * -EINVAL/-ELOOP/-ENOENT and fills @err with the reason, @bad (may be NULL)
 * with the offending rule (or NULL).
 */
int filter_table_check(struct filter_table *t, uint8_t family,
		       const struct filter_rule **bad, struct ulog_err *err);
/* Attaches extension state (bind) for every rule. Returns 0 or -errno. */
int filter_table_bind(struct filter_table *t, struct filter_ctx *ctx, struct ulog_err *err);

/* ---- rule index (eval_index.c) ---- */

/* Builds every chain's rule index for filter_eval (@family FILTER_V4 or
 * FILTER_V6): the rules a packet's source and destination prefixes and
 * interface names leave possible, so that the walk skips the rest. A chain
 * with fewer than 4 rules keyed so (or on ENOMEM) gets none and is walked
 * rule by rule. filter_table_check calls it: a chain changed after the check
 * must be checked again (an index whose chain's rules array or count changed
 * is ignored). */
void filter_table_index(struct filter_table *t, uint8_t family);
/* Frees @c's index (NULL after). */
void filter_chain_index_free(struct filter_chain *c);

/* ---- reference evaluator (eval.c) ---- */

/*
 * Runs @p through the built-in chain of @t for p->hook, as the kernel's
 * ipt_do_table does: rules in order, jump (pushes a return point), goto
 * (does not), RETURN and the end of a user chain (pop, or the policy when
 * nothing is pushed), non-terminating targets, hotdrop. Counts rule and
 * policy counters (bytes: p->pv->len). @t must have passed
 * filter_table_check(). Returns ACCEPT, DROP, QUEUE or STOLEN; a table
 * without a chain on that hook accepts.
 */
enum filter_verdict filter_eval(struct filter_table *t, struct filter_pkt *p);

#endif
