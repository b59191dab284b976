/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SPI ranges of the ah and esp matches: parse "A[:B]", print unless 0:0xffffffff, test. */
#ifndef ULOG_FILTER_EXT_SPI_H
#define ULOG_FILTER_EXT_SPI_H

#include <errno.h>

#include "xt.h"

struct xt_spi {
	uint32_t r[2];
	bool inv;
};

static inline void xt_spi_init(struct xt_spi *s)
{
	s->r[0] = 0;
	s->r[1] = UINT32_MAX;
}

static inline int xt_spi_parse(struct xt_spi *s, const char *ext, const char *opt,
			       const char *arg, bool inv, struct ulog_err *err)
{
	uint64_t r[2];

	if (!xt_parse_urange(arg, UINT32_MAX, r))
		return ulog_errf(err, -EINVAL, "%s: bad value for option \"--%s\" near \"%s\", or out "
				 "of range (0-4294967295).\n", ext, opt, arg);
	s->r[0] = (uint32_t)r[0];
	s->r[1] = (uint32_t)r[1];
	s->inv = inv;
	return 0;
}

static inline void xt_spi_print(struct filter_buf *b, const char *opt, const struct xt_spi *s)
{
	if (s->r[0] == 0 && s->r[1] == UINT32_MAX)
		return;
	filter_bsep(b);
	filter_bprintf(b, "%s--%s ", s->inv ? "! " : "", opt);
	if (s->r[0] == s->r[1])
		filter_bprintf(b, "%u", s->r[0]);
	else
		filter_bprintf(b, "%u:%u", s->r[0], s->r[1]);
}

static inline bool xt_spi_hit(const struct xt_spi *s, uint32_t spi)
{
	return (spi >= s->r[0] && spi <= s->r[1]) ^ s->inv;
}

#endif
