/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MARK: a filter that passes only records whose ct.mark (else oob.mark) & mask equals mark. */
#include "ulogd/plugin.h"

enum { IN_CT_MARK, IN_OOB_MARK };

static const struct ulog_key_def mark_in[] = {
	[IN_CT_MARK] = { .name = "ct.mark", .type = ULOG_T_UINT32, .flags = ULOG_KEY_OPTIONAL },
	[IN_OOB_MARK] = { .name = "oob.mark", .type = ULOG_T_UINT32, .flags = ULOG_KEY_OPTIONAL },
};

struct mark_conf {
	int64_t mark;
	int64_t mask;   /* -1 means all bits, as ulogd2's default prints it */
};

static const struct ulog_option mark_opts[] = {
	ULOG_OPT_INT_(struct mark_conf, mark, "mark", "0", INT32_MIN, UINT32_MAX,
		      "the mark value a record must carry (after the mask)"),
	ULOG_OPT_INT_(struct mark_conf, mask, "mask", "0xffffffff", INT32_MIN, UINT32_MAX,
		      "the bits of the mark compared"),
};

/* Returns ULOG_STOP when the record's mark does not match, ULOG_CONTINUE
 * when it does or the record carries no mark. */
static int mark_interp(struct ulog_instance *inst, struct ulog_record *rec)
{
	const struct mark_conf *c = ULOG_CONF(inst, struct mark_conf);
	uint32_t m;

	if (!ulog_in_u32(inst, rec, IN_CT_MARK, &m) && !ulog_in_u32(inst, rec, IN_OOB_MARK, &m))
		return ULOG_CONTINUE;
	return (m & (uint32_t)c->mask) == (uint32_t)c->mark ? ULOG_CONTINUE : ULOG_STOP;
}

const struct ulog_plugin ulog_plugin_MARK = {
	.abi = ULOG_PLUGIN_ABI,
	.name = "MARK",
	.kind = ULOG_PLUGIN_INTERP,
	.help = "passes only records whose mark matches mark/mask",
	.in_keys = mark_in,
	.n_in = ULOG_ARRAY_SIZE(mark_in),
	.options = mark_opts,
	.n_options = ULOG_ARRAY_SIZE(mark_opts),
	.conf_size = sizeof(struct mark_conf),
	.interp = mark_interp,
};

ULOG_PLUGIN(MARK)
