/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The LOG target: kernel log line with prefix, level and optional TCP/IP/uid/MAC details; never a verdict. */
#include <errno.h>
#include <string.h>

#include "lib/emit.h"
#include "lib/xt.h"

enum { O_LEVEL, O_PREFIX, O_TCPSEQ, O_TCPOPT, O_IPOPT, O_UID, O_MACDECODE };

#define O FILTER_OPT_ONCE
static const struct filter_opt log_opts[] = {
	[O_LEVEL] = { .name = "log-level", .arg = FILTER_ARG_ONE, .flags = O },
	[O_PREFIX] = { .name = "log-prefix", .arg = FILTER_ARG_ONE, .flags = O },
	[O_TCPSEQ] = { .name = "log-tcp-sequence", .arg = FILTER_ARG_NONE, .flags = O },
	[O_TCPOPT] = { .name = "log-tcp-options", .arg = FILTER_ARG_NONE, .flags = O },
	[O_IPOPT] = { .name = "log-ip-options", .arg = FILTER_ARG_NONE, .flags = O },
	[O_UID] = { .name = "log-uid", .arg = FILTER_ARG_NONE, .flags = O },
	[O_MACDECODE] = { .name = "log-macdecode", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static const struct xt_name log_levels[] = {
	{ "emerg", 0 }, { "alert", 1 }, { "crit", 2 }, { "error", 3 }, { "warning", 4 },
	{ "notice", 5 }, { "info", 6 }, { "debug", 7 }, { "panic", 0 },
};

static const uint8_t log_flag_of[] = {
	[O_TCPSEQ] = XT_LOG_TCPSEQ, [O_TCPOPT] = XT_LOG_TCPOPT, [O_IPOPT] = XT_LOG_IPOPT,
	[O_UID] = XT_LOG_UID, [O_MACDECODE] = XT_LOG_MACDECODE,
};

static void log_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct xt_log_info)->level = 4;
}

static int log_parse_level(const char *s, uint8_t *out, struct ulog_err *err)
{
	uint64_t v;
	unsigned i;

	if (filter_parse_uint(s, 0, 7, &v)) {
		*out = (uint8_t)v;
		return 0;
	}
	for (i = 0; i < XT_ARRAY_SIZE(log_levels); i++)
		if (!strcmp(s, log_levels[i].name)) {
			*out = (uint8_t)log_levels[i].value;
			return 0;
		}
	return ulog_errf(err, -EINVAL, "log level \"%s\" unknown\n", s);
}

static int log_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		     bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct xt_log_info *p = FILTER_PRIV(d, struct xt_log_info);

	switch (opt) {
	case O_LEVEL:
		return log_parse_level(args[0], &p->level, err);
	case O_PREFIX:
		if (!args[0][0])
			return ulog_errf(err, -EINVAL,
					 "Argument must have a minimum length of 1 characters\n");
		snprintf(p->prefix, sizeof(p->prefix), "%.29s", args[0]);
		return 0;
	default:
		p->logflags |= log_flag_of[opt];
		return 0;
	}
}

static int log_print(const struct filter_ext_data *d, const struct filter_std *std,
		     char *buf, size_t len)
{
	static const char *const flag_names[] = {
		"--log-tcp-sequence", "--log-tcp-options", "--log-ip-options", "--log-uid",
	};
	const struct xt_log_info *p = FILTER_PRIV(d, const struct xt_log_info);
	struct filter_buf b = filter_buf_init(buf, len);
	unsigned i;

	if (p->prefix[0]) {
		filter_bprintf(&b, "--log-prefix ");
		filter_bquote(&b, p->prefix);
	}
	if (p->level != 4) {
		filter_bsep(&b);
		filter_bprintf(&b, "--log-level %u", p->level);
	}
	for (i = 0; i < 4; i++)
		if (p->logflags & (1u << i)) {
			filter_bsep(&b);
			filter_bprintf(&b, "%s", flag_names[i]);
		}
	if (p->logflags & XT_LOG_MACDECODE) {
		filter_bsep(&b);
		filter_bprintf(&b, "--log-macdecode");
	}
	return (int)b.pos;
}

static int log_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	if (pkt->out && pkt->out->emit)
		pkt->out->emit(pkt->out->arg, "LOG", d->priv, pkt->pv, pkt->meta);
	return FILTER_CONTINUE;
}

static int log_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		    char *buf, size_t len)
{
	const struct xt_log_info *p = FILTER_PRIV(d, const struct xt_log_info);
	struct filter_buf b = filter_buf_init(buf, len);

	static const char *const level_names[] = {
		"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
	};
	static const char *const flag_names[] = {
		"tcp-sequence", "tcp-options", "ip-options", "uid", "", "macdecode",
	};
	unsigned i;

	if (numeric) {
		filter_bprintf(&b, " LOG flags %u level %u", p->logflags, p->level);
	} else {
		filter_bprintf(&b, " LOG level %s", level_names[p->level & 7]);
		for (i = 0; i < 6; i++)
			if (flag_names[i][0] && (p->logflags & (1u << i)))
				filter_bprintf(&b, " %s", flag_names[i]);
	}
	if (p->prefix[0])
		filter_bprintf(&b, " prefix \"%s\"", p->prefix);
	return (int)b.pos;
}

const struct filter_ext filter_ext_LOG = {
	.abi = FILTER_EXT_ABI,
	.name = "LOG",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = log_opts,
	.n_opts = XT_ARRAY_SIZE(log_opts),
	.priv_size = sizeof(struct xt_log_info),
	.init = log_init,
	.parse = log_parse,
	.print = log_print,
	.list = log_list,
	.target = log_target,
};
