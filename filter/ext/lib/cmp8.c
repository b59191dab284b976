/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ttl/hl matches' shared parse, check, save and list text (see cmp8.h). */
#include <errno.h>

#include "cmp8.h"

/* See cmp8.h. */
int xt_cmp8_parse(const struct xt_cmp8_desc *c, struct filter_ext_data *d, unsigned opt,
		  const char *arg, bool invert, struct ulog_err *err)
{
	static const char *const suffix[] = { "eq", "lt", "gt" };
	struct xt_cmp8_priv *p = FILTER_PRIV(d, struct xt_cmp8_priv);
	uint64_t v;
	int rc;

	if (!filter_parse_uint(arg, 0, 255, &v))
		return ulog_errf(err, -EINVAL, "%s: bad value for option \"--%s-%s\", or out of "
				 "range (0-255).\n", c->name, c->name, suffix[opt]);
	if ((rc = xt_excl_now(d, opt, XT_CMP8_EQ, XT_CMP8_NOPTS, c->name, err)))
		return rc;
	p->value = (uint8_t)v;
	p->mode = opt == XT_CMP8_EQ ? (invert ? XT_CMP8_MODE_NE : XT_CMP8_MODE_EQ)
		: opt == XT_CMP8_LT ? XT_CMP8_MODE_LT : XT_CMP8_MODE_GT;
	return 0;
}

/* See cmp8.h. */
int xt_cmp8_final(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		  struct ulog_err *err)
{
	return d->seen ? 0 : ulog_errf(err, -EINVAL, "%s", c->missing);
}

/* See cmp8.h. */
int xt_cmp8_print(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		  char *buf, size_t len)
{
	static const char *const fmt[] = { "--%s-eq %u", "! --%s-eq %u", "--%s-lt %u", "--%s-gt %u" };
	const struct xt_cmp8_priv *p = FILTER_PRIV(d, const struct xt_cmp8_priv);

	return snprintf(buf, len, fmt[p->mode], c->name, p->value);
}

/* See cmp8.h. */
int xt_cmp8_list(const struct xt_cmp8_desc *c, const struct filter_ext_data *d,
		 char *buf, size_t len)
{
	static const char *const op[] = { "==", "!=", "<", ">" };
	const struct xt_cmp8_priv *p = FILTER_PRIV(d, const struct xt_cmp8_priv);

	return snprintf(buf, len, " %s match %s %s %u", c->tag, c->tag, op[p->mode], p->value);
}
