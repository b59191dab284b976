/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The string match (revision 1): a byte pattern within an offset window of the packet. */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "lib/table.h"

#define STRING_MAX 128

enum { O_FROM, O_TO, O_ALGO, O_STRING, O_HEX, O_ICASE };

struct string_priv {
	uint16_t from, to;
	uint8_t patlen;
	bool inv, icase;
	char algo[16];
	uint8_t pattern[STRING_MAX];
};

#define O FILTER_OPT_ONCE
static const struct filter_opt string_opts[] = {
	[O_FROM] = { .name = "from", .arg = FILTER_ARG_ONE, .flags = O },
	[O_TO] = { .name = "to", .arg = FILTER_ARG_ONE, .flags = O },
	[O_ALGO] = { .name = "algo", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_MANDATORY },
	[O_STRING] = { .name = "string", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_HEX] = { .name = "hex-string", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_ICASE] = { .name = "icase", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static void string_init(struct filter_ext_data *d, const struct filter_std *std)
{
	FILTER_PRIV(d, struct string_priv)->to = UINT16_MAX;
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* libxt_string's parse_hex_string: "|41 42|" sections are hex, the rest literal. */
static int string_parse_hex(struct string_priv *p, const char *s, struct ulog_err *err)
{
	bool hex = false;
	size_t n = 0;

	for (; *s; s++) {
		if (*s == '|') {
			hex = !hex;
			continue;
		}
		if (hex && *s == ' ')
			continue;
		if (n == STRING_MAX)
			return ulog_errf(err, -EINVAL, "STRING too long \"%s\"", s);
		if (hex) {
			if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]))
				return ulog_errf(err, -EINVAL, "Invalid hex char `%c'", *s);
			p->pattern[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
			s++;
			continue;
		}
		if (*s == '\\' && s[1])
			s++;
		p->pattern[n++] = (uint8_t)*s;
	}
	if (hex)
		return ulog_errf(err, -EINVAL, "Invalid hex block");
	p->patlen = (uint8_t)n;
	return 0;
}

static int string_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
			bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct string_priv *p = FILTER_PRIV(d, struct string_priv);
	uint64_t v;

	switch (opt) {
	case O_FROM: case O_TO:
		if (!filter_parse_uint(args[0], 0, UINT16_MAX, &v))
			return ulog_errf(err, -EINVAL, "string: bad value for option \"--%s\", or out of "
					 "range (0-65535).\n", string_opts[opt].name);
		*(opt == O_FROM ? &p->from : &p->to) = (uint16_t)v;
		return 0;
	case O_ALGO:
		snprintf(p->algo, sizeof(p->algo), "%.15s", args[0]);
		return 0;
	case O_STRING:
		if (strlen(args[0]) > STRING_MAX)
			return ulog_errf(err, -EINVAL, "STRING too long \"%s\"", args[0]);
		p->patlen = (uint8_t)strlen(args[0]);
		memcpy(p->pattern, args[0], p->patlen);
		p->inv = invert;
		return 0;
	case O_HEX:
		p->inv = invert;
		return string_parse_hex(p, args[0], err);
	default:
		p->icase = true;
		return 0;
	}
}

static int string_final(struct filter_ext_data *d, const struct filter_std *std,
			struct ulog_err *err)
{
	if (!filter_opt_seen(d, O_STRING) && !filter_opt_seen(d, O_HEX))
		return ulog_errf(err, -EINVAL,
				 "STRING match: You must specify `--string' or `--hex-string'");
	return 0;
}

static bool string_is_hex(const struct string_priv *p)
{
	unsigned i;

	for (i = 0; i < p->patlen; i++)
		if (!isprint(p->pattern[i]))
			return true;
	return false;
}

/* Appends the pattern in double quotes: "|HEX|" for a binary one, else the
 * text with '"' and '\\' escaped (save and list text alike). */
static void string_bpattern(struct filter_buf *b, const struct string_priv *p)
{
	bool hex = string_is_hex(p);
	unsigned i;

	filter_bprintf(b, "\"%s", hex ? "|" : "");
	for (i = 0; i < p->patlen; i++) {
		if (hex)
			filter_bprintf(b, "%02x", p->pattern[i]);
		else if (p->pattern[i] == '"' || p->pattern[i] == '\\')
			filter_bprintf(b, "\\%c", p->pattern[i]);
		else
			filter_bprintf(b, "%c", p->pattern[i]);
	}
	filter_bprintf(b, "%s\"", hex ? "|" : "");
}

static int string_print(const struct filter_ext_data *d, const struct filter_std *std,
			char *buf, size_t len)
{
	const struct string_priv *p = FILTER_PRIV(d, const struct string_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, "%s--%s ", p->inv ? "! " : "",
		       string_is_hex(p) ? "hex-string" : "string");
	string_bpattern(&b, p);
	filter_bprintf(&b, " --algo %s", p->algo);
	if (p->from)
		filter_bprintf(&b, " --from %u", p->from);
	if (p->to != UINT16_MAX)
		filter_bprintf(&b, " --to %u", p->to);
	if (p->icase)
		filter_bprintf(&b, " --icase");
	return (int)b.pos;
}

static int string_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
			struct ulog_err *err)
{
	const struct string_priv *p = FILTER_PRIV(d, const struct string_priv);

	if (p->from > p->to)
		return ulog_errf(err, -EINVAL, "string match: --from %u is beyond --to %u", p->from, p->to);
	if (strcmp(p->algo, "bm") && strcmp(p->algo, "kmp"))
		return ulog_errf(err, -ENOENT, "string match: no text search algorithm \"%s\"", p->algo);
	if (!p->patlen)
		return ulog_errf(err, -EINVAL, "string match: empty pattern");
	return 0;
}

static bool string_eq(const uint8_t *a, const uint8_t *b, size_t n, bool icase)
{
	size_t i;

	if (!icase)
		return !memcmp(a, b, n);
	for (i = 0; i < n; i++)
		if (tolower(a[i]) != tolower(b[i]))
			return false;
	return true;
}

static int string_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct string_priv *p = FILTER_PRIV(d, const struct string_priv);
	uint32_t end = pkt->pv->len < p->to ? pkt->pv->len : p->to, i;
	bool found = false;

	for (i = p->from; !found && i + p->patlen <= end; i++)
		found = string_eq(pkt->pv->data + i, p->pattern, p->patlen, p->icase);
	return found ^ p->inv ? FILTER_MATCHED : FILTER_NOMATCH;
}

static int string_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		       char *buf, size_t len)
{
	const struct string_priv *p = FILTER_PRIV(d, const struct string_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " STRING match %s ", p->inv ? "!" : "");
	string_bpattern(&b, p);
	filter_bprintf(&b, " ALGO name %s", p->algo);
	if (p->from)
		filter_bprintf(&b, " FROM %u", p->from);
	if (p->to != UINT16_MAX)
		filter_bprintf(&b, " TO %u", p->to);
	if (p->icase)
		filter_bprintf(&b, " ICASE");
	return (int)b.pos;
}

const struct filter_ext filter_ext_string = {
	.abi = FILTER_EXT_ABI,
	.name = "string",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = string_opts,
	.n_opts = XT_ARRAY_SIZE(string_opts),
	.priv_size = sizeof(struct string_priv),
	.init = string_init,
	.parse = string_parse,
	.final_check = string_final,
	.print = string_print,
	.list = string_list,
	.check = string_check,
	.match = string_match,
};
