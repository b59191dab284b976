/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by the extension modules: iptables' port, mark, state and rate syntaxes, packet reads. */
#ifndef ULOG_FILTER_EXT_XT_H
#define ULOG_FILTER_EXT_XT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#include "../../ext.h"
#include "../../util.h"

#define XT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A name/value row for flag and enum tables. */
struct xt_name {
	const char *name;
	uint32_t value;
};

/* ------------------------------------------------------------------ ports */

/* Port as the xtables option framework reads it (xtables_getportbyname, i.e.
 * getaddrinfo): decimal digits taken modulo 65536, else a service name.
 * Returns true on success. */
bool xt_port_gai(const char *s, uint16_t *out);

/* "A", "A:B", ":B", "A:" in tcp's old syntax (xtables_parse_port: base-0
 * number 0..65535 or service of @proto); min > max is refused. Returns 0 or
 * -EINVAL with iptables' message in @err. */
int xt_portrange_old(const char *s, const char *proto, uint16_t r[2], struct ulog_err *err);

/* The same in the option framework's syntax (XTTYPE_PORTRC): empty parts
 * default to 0 / 65535, min > max allowed. @ext/@opt name the option in
 * messages. */
int xt_portrange_gai(const char *s, const char *ext, const char *opt, uint16_t r[2],
		     struct ulog_err *err);

/* Appends "[! ]--OPT A[:B]" unless the range is 0:65535. */
void xt_bportrange(struct filter_buf *b, const char *opt, const uint16_t r[2], bool inv);

/* The name iptables gives a port protocol (tcp, udp, udplite, sctp, dccp)
 * or NULL. */
const char *xt_port_proto_name(uint16_t proto);

/* ------------------------------------------------------------------ marks */

/* "VALUE[/MASK]" as xtables_strtoui base 0, each 0..UINT32_MAX; MASK
 * defaults to 0xffffffff. Returns true on success. */
bool xt_parse_mark(const char *s, uint32_t *val, uint32_t *mask);

/* Appends "0xV" or "0xV/0xM" (mask omitted when 0xffffffff). */
void xt_bmark(struct filter_buf *b, uint32_t val, uint32_t mask);

/* ------------------------------------------------------------- name lists */

/* Parses a comma list of names from @tab (case-insensitive when @nocase)
 * into a bit set. Returns false on an unknown or empty element (*@bad
 * points into @s at it). */
bool xt_parse_names(const char *s, const struct xt_name *tab, unsigned n, bool nocase,
		    uint32_t *out, const char **bad, unsigned *badlen);

/* Appends the names of the bits set in @v in table order, comma separated. */
void xt_bnames(struct filter_buf *b, const struct xt_name *tab, unsigned n, uint32_t v);

/* ------------------------------------------------------------------ rates */

#define XT_LIMIT_SCALE 10000u

/* limit's "N[/second|minute|hour|day]" (unit prefixes, any case) into the
 * kernel's period in XT_LIMIT_SCALE units of a second. Returns 1, 0 for a
 * bad rate, -1 if the rate is too fast (period 0). */
int xt_parse_rate(const char *s, uint32_t scale, uint64_t *period);

/* Appends "N/unit" as limit and hashlimit print a period. */
void xt_brate(struct filter_buf *b, uint64_t period, uint64_t scale);

/* Options @first..@last-1 exclude each other: if two were given, the
 * option framework's message naming the pair in table order. */
int xt_excl_check(const struct filter_ext_data *d, unsigned first, unsigned last,
		  const char *ext, struct ulog_err *err);

/* At parse time: if an option of @first..@last-1 other than @opt was
 * given before, the framework's message naming @opt first. */
int xt_excl_now(const struct filter_ext_data *d, unsigned opt, unsigned first, unsigned last,
		const char *ext, struct ulog_err *err);

/* Interface name against an iptables pattern ("eth+" = any name starting
 * with "eth"). */
bool xt_ifname_match(const char *dev, const char *pattern);

/* Unsigned range "A[:B]" in the option framework's syntax (empty parts 0 and
 * @max, one part = A:A). Returns true on success. */
bool xt_parse_urange(const char *s, uint64_t max, uint64_t r[2]);

/* True if @d is a tcp match that requires SYN set (not inverted): what
 * TCPMSS's check looks for (defined in tcp.c). */
bool xt_tcp_requires_syn(const struct filter_ext_data *d);

/* The filter_ctx_shared() key for a named object: @name itself if it fits
 * in 63 bytes, else its first 46 bytes, '#' and a hash of the whole name
 * (the kernel allows longer recent/hashlimit names than the context keeps). */
const char *xt_shared_name(const char *name, char *buf, size_t len);

/* -L form of a port range as iptables prints it: " spt:22", " spts:!1:2"
 * (@tag "spt"/"dpt"); nothing for 0:65535. Service names unless @numeric. */
void xt_lports(struct filter_buf *b, const char *tag, const uint16_t r[2], bool inv,
	       bool numeric, const char *proto);
/* A port as -L prints it: the service name for @proto unless @numeric. */
void xt_lport(struct filter_buf *b, uint16_t port, bool numeric, const char *proto);

/* -L form made from a save form: " TAG" (if @tag) then @save with the "--"
 * of every option removed (" CT notrack helper ftp", " match-set t4 src"). */
int xt_list_from_save(const char *tag, const char *save, char *buf, size_t len);

/* --------------------------------------------------------- packet access */

/* Transport ports of @pv (host order), false if not TCP/UDP-like or not
 * captured. Sets *@hotdrop when the first fragment is too short, as the
 * kernel drops it. */
bool xt_pkt_ports(const struct pkt_view *pv, uint16_t *sport, uint16_t *dport, bool *hotdrop);

/* Reads big-endian integers. */
static inline uint16_t xt_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t xt_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Source or destination address of @pv (4 or 16 bytes), NULL if absent. */
const uint8_t *xt_pkt_addr(const struct pkt_view *pv, bool dst);

/* Address family for util.h helpers (4 or 6) from a FILTER_V4/V6 family. */
static inline int xt_af(uint8_t family)
{
	return family == FILTER_V6 ? 6 : 4;
}

#endif
