/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test-only plugins for the config, stack and allocation tests: a tiny input, interpreters and outputs. */
#ifndef ULOG_TEST_CONFIG_PLUGINS_H
#define ULOG_TEST_CONFIG_PLUGINS_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ulogd/plugin.h"

/* ---- TIN: an input with a few keys and options ---- */
struct tin_conf {
	int group;
	char label[16];
	uint8_t small;
	int64_t big;
};
struct tin_priv {
	int starts, stops, hups;
};
static const struct ulog_key_def tin_out[] = {
	{ .name = "raw.pkt", .type = ULOG_T_RAW },
	{ .name = "raw.pktlen", .type = ULOG_T_UINT32 },
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
	{ .name = "oob.mark", .type = ULOG_T_UINT32 },
	{ .name = "oob.family", .type = ULOG_T_UINT8 },
	{ .name = "tin.unused", .type = ULOG_T_UINT32 },
	{ .name = "ip.saddr", .type = ULOG_T_IPADDR },
	{ .name = "oob.protocol", .type = ULOG_T_UINT16 },
};
enum { TIN_PKT, TIN_PKTLEN, TIN_PREFIX, TIN_MARK, TIN_FAMILY, TIN_UNUSED, TIN_SADDR, TIN_PROTO };
static const struct ulog_option tin_opts[] = {
	ULOG_OPT_INT_(struct tin_conf, group, "group", "0", 0, 65535, "a group"),
	ULOG_OPT_STR_(struct tin_conf, label, "label", "none", "a label"),
	ULOG_OPT_INT_(struct tin_conf, small, "small", "7", 0, 0, "width-checked only"),
	ULOG_OPT_INT_(struct tin_conf, big, "big", "-5", -10, 0x7fffffffffffLL, "a big one"),
};
static int tin_start(struct ulog_instance *inst, struct ulog_err *err)
{
	ULOG_PRIV(inst, struct tin_priv)->starts++;
	return 0;
}
static void tin_stop(struct ulog_instance *inst)
{
	ULOG_PRIV(inst, struct tin_priv)->stops++;
}
static void tin_signal(struct ulog_instance *inst, int signo)
{
	ULOG_PRIV(inst, struct tin_priv)->hups++;
}
static const struct ulog_plugin ulog_plugin_TIN = {
	.abi = ULOG_PLUGIN_ABI, .name = "TIN", .kind = ULOG_PLUGIN_INPUT, .help = "test input",
	.out_keys = tin_out, .n_out = ULOG_ARRAY_SIZE(tin_out),
	.options = tin_opts, .n_options = ULOG_ARRAY_SIZE(tin_opts),
	.conf_size = sizeof(struct tin_conf), .priv_size = sizeof(struct tin_priv),
	.start = tin_start, .stop = tin_stop, .signal = tin_signal,
};

/* ---- TDBL: len.double = raw.pktlen * 2; stops records whose mark is 99 ---- */
static const struct ulog_key_def tdbl_in[] = {
	{ .name = "raw.pktlen", .type = ULOG_T_UINT32 },
	{ .name = "oob.mark", .type = ULOG_T_UINT32, .flags = ULOG_KEY_OPTIONAL },
	{ .name = "no.such.key", .type = ULOG_T_UINT32, .flags = ULOG_KEY_OPTIONAL },
};
static const struct ulog_key_def tdbl_out[] = {
	{ .name = "len.double", .type = ULOG_T_UINT64 },
	{ .name = "tdbl.unused", .type = ULOG_T_UINT32 },
};
static int tdbl_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	uint32_t len, mark;

	if (ulog_in_u32(inst, r, 1, &mark) && mark == 99)
		return ULOG_STOP;
	if (ulog_in_u32(inst, r, 0, &len))
		ulog_out_u64(inst, r, 0, (uint64_t)len * 2);
	ulog_out_u64(inst, r, 1, 1);
	return ULOG_CONTINUE;
}
static const struct ulog_plugin ulog_plugin_TDBL = {
	.abi = ULOG_PLUGIN_ABI, .name = "TDBL", .alias = "DOUBLER", .kind = ULOG_PLUGIN_INTERP,
	.in_keys = tdbl_in, .n_in = ULOG_ARRAY_SIZE(tdbl_in),
	.out_keys = tdbl_out, .n_out = ULOG_ARRAY_SIZE(tdbl_out), .interp = tdbl_interp,
};

/* ---- TPFX: overrides oob.prefix (nearest producer wins) ---- */
static const struct ulog_key_def tpfx_out[] = {
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
};
static int tpfx_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	ulog_out_str(inst, r, 0, "override", 8);
	return ULOG_CONTINUE;
}
static const struct ulog_plugin ulog_plugin_TPFX = {
	.abi = ULOG_PLUGIN_ABI, .name = "TPFX", .kind = ULOG_PLUGIN_INTERP,
	.out_keys = tpfx_out, .n_out = 1, .interp = tpfx_interp,
};

/* ---- TOUT: sums len.double, remembers the last prefix, counts flushes ---- */
struct tout_conf {
	char file[64];
	int sync;
};
struct tout_priv {
	uint64_t sum;
	uint64_t n;
	char prefix[32];
	int flushes, starts, stops;
};
static const struct ulog_key_def tout_in[] = {
	{ .name = "len.double", .type = ULOG_T_UINT64 },
	{ .name = "oob.prefix", .type = ULOG_T_STRING },
	{ .name = "ip.saddr", .type = ULOG_T_IP6ADDR, .flags = ULOG_KEY_OPTIONAL },
};
static const struct ulog_option tout_opts[] = {
	ULOG_OPT_STR_(struct tout_conf, file, "file", "/dev/null", "where"),
	{ .name = "sync", .type = ULOG_OPT_INT, .offset = offsetof(struct tout_conf, sync),
	  .size = sizeof(int), .def = "0", .min = 0, .max = 1, .flags = 0 },
};
static int tout_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct tout_priv *p = ULOG_PRIV(inst, struct tout_priv);
	const char *s = ulog_in_str(inst, r, 1);
	uint64_t v;

	if (ulog_in_u64(inst, r, 0, &v))
		p->sum += v;
	if (s)
		snprintf(p->prefix, sizeof(p->prefix), "%s", s);
	p->n++;
	return ULOG_CONTINUE;
}
static int tout_flush(struct ulog_instance *inst)
{
	ULOG_PRIV(inst, struct tout_priv)->flushes++;
	return 0;
}
static int tout_start(struct ulog_instance *inst, struct ulog_err *err)
{
	ULOG_PRIV(inst, struct tout_priv)->starts++;
	return 0;
}
static void tout_stop(struct ulog_instance *inst)
{
	ULOG_PRIV(inst, struct tout_priv)->stops++;
}
static const struct ulog_plugin ulog_plugin_TOUT = {
	.abi = ULOG_PLUGIN_ABI, .name = "TOUT", .kind = ULOG_PLUGIN_OUTPUT,
	.in_keys = tout_in, .n_in = ULOG_ARRAY_SIZE(tout_in),
	.options = tout_opts, .n_options = ULOG_ARRAY_SIZE(tout_opts),
	.conf_size = sizeof(struct tout_conf), .priv_size = sizeof(struct tout_priv),
	.interp = tout_interp, .flush = tout_flush, .start = tout_start, .stop = tout_stop,
};

/* ---- TALL: takes every upstream key (as JSON does) and counts valid ones ---- */
#define TALL_MAX 2048
struct tall_priv {
	struct ulog_key_def keys[TALL_MAX];
	char names[TALL_MAX][40];
	unsigned n;
	uint64_t valid_seen;
};
static int tall_configure(struct ulog_instance *inst, struct ulog_err *err)
{
	struct tall_priv *p = ULOG_PRIV(inst, struct tall_priv);
	const struct ulog_upstream_key *up;
	unsigned n = ulog_stack_upstream(inst, &up), i;

	if (n > TALL_MAX)
		return ulog_errf(err, -E2BIG, "too many keys");
	for (i = 0; i < n; i++) {
		snprintf(p->names[i], sizeof(p->names[i]), "%s", up[i].def->name);
		p->keys[i].name = p->names[i];
		p->keys[i].type = ULOG_T_NONE;
		p->keys[i].flags = ULOG_KEY_OPTIONAL;
	}
	p->n = n;
	return ulog_instance_set_inputs(inst, p->keys, n);
}
static int tall_interp(struct ulog_instance *inst, struct ulog_record *r)
{
	struct tall_priv *p = ULOG_PRIV(inst, struct tall_priv);
	unsigned i;

	for (i = 0; i < inst->n_in; i++)
		p->valid_seen += ulog_in(inst, r, i) != NULL;
	return ULOG_CONTINUE;
}
static const struct ulog_plugin ulog_plugin_TALL = {
	.abi = ULOG_PLUGIN_ABI, .name = "TALL", .kind = ULOG_PLUGIN_OUTPUT,
	.priv_size = sizeof(struct tall_priv), .configure = tall_configure, .interp = tall_interp,
};

/* ---- TSTR: wants raw.pktlen as a string (type mismatch) ---- */
static const struct ulog_key_def tstr_in[] = {
	{ .name = "raw.pktlen", .type = ULOG_T_STRING },
};
static const struct ulog_plugin ulog_plugin_TSTR = {
	.abi = ULOG_PLUGIN_ABI, .name = "TSTR", .kind = ULOG_PLUGIN_OUTPUT,
	.in_keys = tstr_in, .n_in = 1,
};

/* ---- TMAND: an output with a mandatory option; TFAIL: configure fails ---- */
struct tmand_conf {
	char db[32];
};
static const struct ulog_option tmand_opts[] = {
	{ .name = "db", .type = ULOG_OPT_STRING, .offset = 0, .size = 32,
	  .flags = ULOG_OPT_MANDATORY, .help = "database" },
};
static const struct ulog_plugin ulog_plugin_TMAND = {
	.abi = ULOG_PLUGIN_ABI, .name = "TMAND", .kind = ULOG_PLUGIN_OUTPUT,
	.options = tmand_opts, .n_options = 1, .conf_size = sizeof(struct tmand_conf),
};
static int tfail_configure(struct ulog_instance *inst, struct ulog_err *err)
{
	return ulog_errf(err, -EINVAL, "refusing on purpose");
}
static const struct ulog_plugin ulog_plugin_TFAIL = {
	.abi = ULOG_PLUGIN_ABI, .name = "TFAIL", .kind = ULOG_PLUGIN_OUTPUT,
	.configure = tfail_configure,
};

/* ---- TWIDEA/TWIDEB: 600 output keys each (slot limit); TBADDEF: a default that does not parse;
 * T65: 65 options (opt_set has 64 bits). Their tables are filled by wide_init(). ---- */
#define WIDE_N 600
static struct ulog_key_def wide_a[WIDE_N], wide_b[WIDE_N], wide_c[2 * WIDE_N];
static char wide_names[2][WIDE_N][16];
static struct ulog_option opts65[65];
static char opt65_names[65][16];
static int t65_conf[65];
static const struct ulog_plugin ulog_plugin_TWIDEA = {
	.abi = ULOG_PLUGIN_ABI, .name = "TWIDEA", .kind = ULOG_PLUGIN_INTERP,
	.out_keys = wide_a, .n_out = WIDE_N,
};
static const struct ulog_plugin ulog_plugin_TWIDEB = {
	.abi = ULOG_PLUGIN_ABI, .name = "TWIDEB", .kind = ULOG_PLUGIN_INTERP,
	.out_keys = wide_b, .n_out = WIDE_N,
};
static const struct ulog_plugin ulog_plugin_TWIDEC = {
	.abi = ULOG_PLUGIN_ABI, .name = "TWIDEC", .kind = ULOG_PLUGIN_OUTPUT,
	.in_keys = wide_c, .n_in = 2 * WIDE_N,
};
static const struct ulog_option tbaddef_opts[] = {
	{ .name = "n", .type = ULOG_OPT_INT, .offset = 0, .size = sizeof(int), .def = "abc" },
};
static const struct ulog_plugin ulog_plugin_TBADDEF = {
	.abi = ULOG_PLUGIN_ABI, .name = "TBADDEF", .kind = ULOG_PLUGIN_OUTPUT,
	.options = tbaddef_opts, .n_options = 1, .conf_size = sizeof(int),
};
static const struct ulog_plugin ulog_plugin_T65 = {
	.abi = ULOG_PLUGIN_ABI, .name = "T65", .kind = ULOG_PLUGIN_OUTPUT,
	.options = opts65, .n_options = 65, .conf_size = sizeof(t65_conf),
};

__attribute__((unused)) static void wide_init(void)
{
	unsigned i;

	for (i = 0; i < WIDE_N; i++) {
		snprintf(wide_names[0][i], sizeof(wide_names[0][i]), "a.%u", i);
		snprintf(wide_names[1][i], sizeof(wide_names[1][i]), "b.%u", i);
		wide_a[i].name = wide_names[0][i];
		wide_a[i].type = ULOG_T_UINT32;
		wide_b[i].name = wide_names[1][i];
		wide_b[i].type = ULOG_T_UINT32;
		wide_c[i] = wide_a[i];
		wide_c[WIDE_N + i] = wide_b[i];
	}
	for (i = 0; i < 65; i++) {
		snprintf(opt65_names[i], sizeof(opt65_names[i]), "o%u", i);
		opts65[i].name = opt65_names[i];
		opts65[i].type = ULOG_OPT_INT;
		opts65[i].offset = i * sizeof(int);
		opts65[i].size = sizeof(int);
	}
}

static const struct ulog_plugin *const test_table[] = {
	&ulog_plugin_TIN, &ulog_plugin_TDBL, &ulog_plugin_TPFX, &ulog_plugin_TOUT,
	&ulog_plugin_TALL, &ulog_plugin_TSTR, &ulog_plugin_TMAND, &ulog_plugin_TFAIL,
	&ulog_plugin_TWIDEA, &ulog_plugin_TWIDEB, &ulog_plugin_TWIDEC, &ulog_plugin_TBADDEF, &ulog_plugin_T65,
	NULL,
};

#endif
