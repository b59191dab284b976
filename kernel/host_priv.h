/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host model internals shared by its text and JSON readers. */
#ifndef ULOG_KERNEL_HOST_PRIV_H
#define ULOG_KERNEL_HOST_PRIV_H

#include "host.h"

/* "10.0.0.0/8", "2001:db8::1" (no length: full) into @family/@addr/@plen. 0 or -EINVAL. */
int host_parse_prefix(const char *s, uint8_t *family, uint8_t *addr, uint8_t *plen);
/* HOST_RTN_* of a route type word ("blackhole"), or -1. */
int host_rtn_type(const char *s);

/* Readers; @text is NUL-terminated and may be modified. 0 or -errno with @err. */
int host_text_addr(struct host *h, char *text, const char *file, struct ulog_err *err);
int host_text_route(struct host *h, char *text, const char *file, struct ulog_err *err);
int host_json_addr(struct host *h, const char *text, const char *file, struct ulog_err *err);
int host_json_route(struct host *h, const char *text, const char *file, struct ulog_err *err);

#endif
