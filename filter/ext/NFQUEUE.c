/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The NFQUEUE target (revision 3): queue the packet to user space, queue number or balanced range. */
#include <errno.h>
#include <string.h>

#include "lib/emit.h"
#include "lib/xt.h"

enum { O_NUM, O_BALANCE, O_BYPASS, O_FANOUT };

#define O FILTER_OPT_ONCE
static const struct filter_opt nfqueue_opts[] = {
	[O_NUM] = { .name = "queue-num", .arg = FILTER_ARG_ONE, .flags = O },
	[O_BALANCE] = { .name = "queue-balance", .arg = FILTER_ARG_ONE, .flags = O },
	[O_BYPASS] = { .name = "queue-bypass", .arg = FILTER_ARG_NONE, .flags = O },
	[O_FANOUT] = { .name = "queue-cpu-fanout", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static void nfqueue_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct xt_nfqueue_info)->total = 1;
}

static int nfqueue_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct xt_nfqueue_info *p = FILTER_PRIV(d, struct xt_nfqueue_info);
	uint64_t r[2];

	switch (opt) {
	case O_NUM:
		if (!filter_parse_uint(args[0], 0, 65535, &r[0]))
			return ulog_errf(err, -EINVAL, "NFQUEUE: bad value for option \"--queue-num\", or "
					 "out of range (0-65535).\n");
		p->num = (uint16_t)r[0];
		return 0;
	case O_BALANCE:
		if (!strchr(args[0], ':') || !xt_parse_urange(args[0], 65535, r))
			return ulog_errf(err, -EINVAL, "NFQUEUE: bad range \"%s\"", args[0]);
		if (r[0] > r[1])
			return ulog_errf(err, -EINVAL, "%llu should be less than %llu",
					 (unsigned long long)r[0], (unsigned long long)r[1]);
		p->num = (uint16_t)r[0];
		p->total = (uint16_t)(r[1] - r[0] + 1);
		return 0;
	case O_BYPASS:
		p->bypass = true;
		return 0;
	default:
		p->fanout = true;
		return 0;
	}
}

static int nfqueue_final(struct filter_ext_data *d, const struct filter_std *std,
			 struct ulog_err *err)
{
	return xt_excl_check(d, O_NUM, O_BALANCE + 1, "NFQUEUE", err);
}

static int nfqueue_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	const struct xt_nfqueue_info *p = FILTER_PRIV(d, const struct xt_nfqueue_info);
	struct filter_buf b = filter_buf_init(buf, len);

	if (p->total > 1)
		filter_bprintf(&b, "--queue-balance %u:%u", p->num, p->num + p->total - 1);
	else
		filter_bprintf(&b, "--queue-num %u", p->num);
	if (p->bypass)
		filter_bprintf(&b, " --queue-bypass");
	if (p->fanout)
		filter_bprintf(&b, " --queue-cpu-fanout");
	return (int)b.pos;
}

static int nfqueue_target(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	if (pkt->out && pkt->out->emit)
		pkt->out->emit(pkt->out->arg, "NFQUEUE", d->priv, pkt->pv, pkt->meta);
	return FILTER_QUEUE;
}

static int nfqueue_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	const struct xt_nfqueue_info *p = FILTER_PRIV(d, const struct xt_nfqueue_info);
	struct filter_buf b = filter_buf_init(buf, len);

	if (p->total > 1)
		filter_bprintf(&b, " NFQUEUE balance %u:%u", p->num, p->num + p->total - 1);
	else
		filter_bprintf(&b, " NFQUEUE num %u", p->num);
	if (p->bypass)
		filter_bprintf(&b, " bypass");
	if (p->fanout)
		filter_bprintf(&b, " cpu-fanout");
	return (int)b.pos;
}

const struct filter_ext filter_ext_NFQUEUE = {
	.abi = FILTER_EXT_ABI,
	.name = "NFQUEUE",
	.revision = 3,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_TARGET,
	.opts = nfqueue_opts,
	.n_opts = XT_ARRAY_SIZE(nfqueue_opts),
	.priv_size = sizeof(struct xt_nfqueue_info),
	.init = nfqueue_init,
	.parse = nfqueue_parse,
	.final_check = nfqueue_final,
	.print = nfqueue_print,
	.list = nfqueue_list,
	.target = nfqueue_target,
};
