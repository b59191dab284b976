/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The comment match: a string up to 255 bytes that always matches. */
#include <errno.h>
#include <string.h>

#include "lib/xt.h"

#define COMMENT_MAX 256

struct comment_priv {
	char comment[COMMENT_MAX];
};

static const struct filter_opt comment_opts[] = {
	{ .name = "comment", .arg = FILTER_ARG_ONE,
	  .flags = FILTER_OPT_MANDATORY | FILTER_OPT_ONCE },
};

static int comment_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			 bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct comment_priv *p = FILTER_PRIV(d, struct comment_priv);

	/* iptables truncates silently to the kernel's 255 bytes */
	snprintf(p->comment, sizeof(p->comment), "%.255s", args[0]);
	return 0;
}

static int comment_print(const struct filter_ext_data *d, const struct filter_std *std,
			 char *buf, size_t len)
{
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "--comment ");
	filter_bquote(&b, FILTER_PRIV(d, const struct comment_priv)->comment);
	return (int)b.pos;
}

static int comment_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	return FILTER_MATCHED;
}

static int comment_list(const struct filter_ext_data *d, const struct filter_std *std,
			bool numeric, char *buf, size_t len)
{
	return snprintf(buf, len, " /* %s */", FILTER_PRIV(d, const struct comment_priv)->comment);
}

const struct filter_ext filter_ext_comment = {
	.abi = FILTER_EXT_ABI,
	.name = "comment",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = comment_opts,
	.n_opts = XT_ARRAY_SIZE(comment_opts),
	.priv_size = sizeof(struct comment_priv),
	.parse = comment_parse,
	.print = comment_print,
	.list = comment_list,
	.match = comment_match,
};
