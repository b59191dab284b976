/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the core and the extensions: bounded printing, numbers, names, addresses. */
#ifndef ULOG_FILTER_UTIL_H
#define ULOG_FILTER_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A bounded output buffer with snprintf semantics: pos counts the full
 * length even when it no longer fits; the text is always NUL-terminated
 * when len > 0. */
struct filter_buf {
	char *buf;
	size_t len;
	size_t pos;
};

static inline struct filter_buf filter_buf_init(char *buf, size_t len)
{
	struct filter_buf b = { buf, len, 0 };

	if (len)
		buf[0] = 0;
	return b;
}

/* Appends formatted text. Returns the new full length. */
size_t filter_bprintf(struct filter_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends @s as iptables-save quotes a string value (xtables_save_string):
 * bare if it is non-empty and only [A-Za-z0-9_-], else in double quotes with
 * \", \\ and \' escaped. No leading space. */
size_t filter_bquote(struct filter_buf *b, const char *s);
/* Appends " " when something is already in @b (option separator). */
size_t filter_bsep(struct filter_buf *b);

/* Unsigned number as xtables_strtoul does (decimal, 0x hex, 0 octal), whole
 * string, within min..max. Returns true on success. */
bool filter_parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* Port: a number 0..65535 or a service name for @proto ("tcp", "udp", ...,
 * NULL = any) from /etc/services. Returns true on success. */
bool filter_parse_port(const char *s, const char *proto, uint16_t *out);

/* Protocol number from a name ("tcp", "icmpv6", "all" = 0) or a number
 * 0..255. Returns true on success. */
bool filter_parse_proto(const char *s, uint16_t *out);
/* The name iptables-save prints for @proto (/etc/protocols first, then
 * iptables' built-in names), or NULL (then print the number). */
const char *filter_proto_name(uint16_t proto);
/* iptables' own name for @proto (no /etc/protocols): the match -p loads implicitly. */
const char *filter_proto_ext_name(uint16_t proto);

/* Address families for the helpers below: 4 or 6. Addresses are in network
 * byte order, 4 or 16 bytes. */

/* Parses "ADDR" or "ADDR/PREFIX" or "ADDR/DOTTEDMASK" (IPv4) into @addr and
 * @mask (host bits of @addr are NOT cleared). No name resolution: a
 * hostname fails. Returns true on success. */
bool filter_parse_addr_mask(int family, const char *s, uint8_t *addr, uint8_t *mask);
/* The same, telling why: 0, -EINVAL (the address part) or -ERANGE (the mask). */
int filter_parse_host(int family, const char *s, uint8_t *addr, uint8_t *mask);
/* Prefix length of @mask, or -1 if not contiguous. */
int filter_mask_prefix(int family, const uint8_t *mask);
/* Prints @addr (inet_ntop). Returns the full length. */
size_t filter_baddr(struct filter_buf *b, int family, const uint8_t *addr);
/* Prints "ADDR/PREFIX" as iptables-save does (non-contiguous IPv4 masks
 * dotted). */
size_t filter_baddr_mask(struct filter_buf *b, int family, const uint8_t *addr,
			 const uint8_t *mask);

#endif
