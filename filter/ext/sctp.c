/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The sctp match: ports and chunk types (all, any or only), with DATA/ABORT flag tests. */
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include "lib/xt.h"

enum { O_SPORT, O_SOURCE_PORT, O_DPORT, O_DESTINATION_PORT, O_CHUNKS };
enum { MT_ANY = 1, MT_ALL, MT_ONLY };
#define SCTP_MAX_FLAGS 4

struct sctp_flag { uint8_t type, flag, mask; };

struct sctp_priv {
	uint16_t spts[2], dpts[2];
	uint32_t chunkmap[8];            /* bit per chunk type */
	uint8_t match_type;
	bool inv_src, inv_dst, inv_chunks;
	uint8_t given;
	uint8_t n_flags;
	struct sctp_flag flags[SCTP_MAX_FLAGS];
};

#define I FILTER_OPT_INVERT
static const struct filter_opt sctp_opts[] = {
	[O_SPORT] = { .name = "sport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_SOURCE_PORT] = { .name = "source-port", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DPORT] = { .name = "dport", .arg = FILTER_ARG_ONE, .flags = I },
	[O_DESTINATION_PORT] = { .name = "destination-port", .arg = FILTER_ARG_ONE, .flags = I },
	[O_CHUNKS] = { .name = "chunk-types", .arg = FILTER_ARG_TWO, .flags = I },
};
#undef I

static const struct { const char *name; uint8_t type; const char *flags; } sctp_chunks[] = {
	{ "DATA", 0, "----IUBE" }, { "INIT", 1, "" }, { "INIT_ACK", 2, "" }, { "SACK", 3, "" },
	{ "HEARTBEAT", 4, "" }, { "HEARTBEAT_ACK", 5, "" }, { "ABORT", 6, "-------T" },
	{ "SHUTDOWN", 7, "" }, { "SHUTDOWN_ACK", 8, "" }, { "ERROR", 9, "" },
	{ "COOKIE_ECHO", 10, "" }, { "COOKIE_ACK", 11, "" }, { "ECN_ECNE", 12, "" },
	{ "ECN_CWR", 13, "" }, { "SHUTDOWN_COMPLETE", 14, "-------T" }, { "I_DATA", 64, "----IUBE" },
	{ "RE_CONFIG", 130, "" }, { "PAD", 132, "" }, { "ASCONF", 193, "" }, { "ASCONF_ACK", 128, "" },
	{ "FORWARD_TSN", 192, "" }, { "I_FORWARD_TSN", 194, "" },
};

static void sctp_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct sctp_priv *p = FILTER_PRIV(d, struct sctp_priv);

	p->spts[1] = p->dpts[1] = 0xffff;
}

static int sctp_parse_flags(struct sctp_priv *p, unsigned ci, const char *f, struct ulog_err *err)
{
	const char *valid = sctp_chunks[ci].flags;
	struct sctp_flag fl = { .type = sctp_chunks[ci].type };

	for (; *f; f++) {
		const char *hit = *valid ? strchr(valid, toupper((unsigned char)*f)) : NULL;
		uint8_t bit;

		if (!hit || *f == '-')
			return ulog_errf(err, -EINVAL, "Invalid flags for chunk type %u", fl.type);
		bit = (uint8_t)(1u << (7 - (hit - valid)));
		fl.mask |= bit;
		if (isupper((unsigned char)*f))
			fl.flag |= bit;
	}
	if (p->n_flags == SCTP_MAX_FLAGS)
		return ulog_errf(err, -EINVAL, "Number of chunk types with flags exceeds currently "
				 "allowed limit.Increasing this limit involves changing "
				 "IPT_NUM_SCTP_FLAGS and recompiling both the kernel space and user "
				 "space modules");
	p->flags[p->n_flags++] = fl;
	return 0;
}

static int sctp_parse_chunks(struct sctp_priv *p, const char *const *args, struct ulog_err *err)
{
	char buf[512], *save = NULL, *tok;

	if (!strcasecmp(args[0], "any"))
		p->match_type = MT_ANY;
	else if (!strcasecmp(args[0], "all"))
		p->match_type = MT_ALL;
	else if (!strcasecmp(args[0], "only"))
		p->match_type = MT_ONLY;
	else
		return ulog_errf(err, -EINVAL, "Match type has to be one of \"ALL\", \"ANY\" or \"ONLY\"");
	snprintf(buf, sizeof(buf), "%s", args[1]);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		unsigned i;
		int rc;

		if (colon)
			*colon++ = 0;
		if (!strcasecmp(tok, "ALL") || !strcasecmp(tok, "NONE")) {
			if (!strcasecmp(tok, "ALL"))
				memset(p->chunkmap, 0xff, sizeof(p->chunkmap));
			continue;
		}
		for (i = 0; i < XT_ARRAY_SIZE(sctp_chunks) && strcasecmp(tok, sctp_chunks[i].name); i++)
			;
		if (i == XT_ARRAY_SIZE(sctp_chunks))
			return ulog_errf(err, -EINVAL, "Unknown sctp chunk `%s'", tok);
		p->chunkmap[sctp_chunks[i].type / 32] |= 1u << (sctp_chunks[i].type % 32);
		if (colon && (rc = sctp_parse_flags(p, i, colon, err)))
			return rc;
	}
	return 0;
}

static int sctp_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct sctp_priv *p = FILTER_PRIV(d, struct sctp_priv);

	switch (opt) {
	case O_SPORT: case O_SOURCE_PORT:
		if (p->given & 1)
			return ulog_errf(err, -EINVAL, "Only one `--source-port' allowed");
		p->given |= 1;
		p->inv_src = invert;
		return xt_portrange_old(args[0], "sctp", p->spts, err);
	case O_DPORT: case O_DESTINATION_PORT:
		if (p->given & 2)
			return ulog_errf(err, -EINVAL, "Only one `--destination-port' allowed");
		p->given |= 2;
		p->inv_dst = invert;
		return xt_portrange_old(args[0], "sctp", p->dpts, err);
	default:
		if (!args[0] || !args[1])
			return ulog_errf(err, -EINVAL, "--chunk-types requires two args");
		if (p->given & 4)
			return ulog_errf(err, -EINVAL, "Only one `--chunk-types' allowed");
		p->given |= 4;
		p->inv_chunks = invert;
		return sctp_parse_chunks(p, args, err);
	}
}

static bool chunk_set(const struct sctp_priv *p, unsigned type)
{
	return p->chunkmap[type / 32] & (1u << (type % 32));
}

/* Appends the set chunk types in type order ("NAME" or, @numeric, "0x%04X"),
 * each with ":FLAGS" (upper case: set, lower case: clear), comma separated;
 * "NONE" when there are none. Save and list text alike. */
static void sctp_bchunk_list(struct filter_buf *b, const struct sctp_priv *p, bool numeric)
{
	unsigned t, i, k;
	bool first = true;

	for (t = 0; t < 256; t++) {
		if (!chunk_set(p, t))
			continue;
		for (i = 0; i < XT_ARRAY_SIZE(sctp_chunks) && sctp_chunks[i].type != t; i++)
			;
		if (i == XT_ARRAY_SIZE(sctp_chunks))
			continue;
		filter_bprintf(b, "%s", first ? "" : ",");
		first = false;
		if (numeric)
			filter_bprintf(b, "0x%04X", t);
		else
			filter_bprintf(b, "%s", sctp_chunks[i].name);
		for (k = 0; k < p->n_flags; k++) {
			int bit;

			if (p->flags[k].type != t)
				continue;
			filter_bprintf(b, ":");
			for (bit = 7; bit >= 0; bit--)
				if (p->flags[k].mask & (1u << bit)) {
					char c = sctp_chunks[i].flags[7 - bit];

					filter_bprintf(b, "%c", p->flags[k].flag & (1u << bit) ? c : tolower(c));
				}
		}
	}
	if (first)
		filter_bprintf(b, "NONE");
}

static void sctp_bchunks(struct filter_buf *b, const struct sctp_priv *p)
{
	static const char *const mt[] = { "", "any", "all", "only" };

	filter_bprintf(b, "%s--chunk-types %s ", p->inv_chunks ? "! " : "", mt[p->match_type]);
	sctp_bchunk_list(b, p, false);
}

static int sctp_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct sctp_priv *p = FILTER_PRIV(d, const struct sctp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	xt_bportrange(&b, "sport", p->spts, p->inv_src);
	xt_bportrange(&b, "dport", p->dpts, p->inv_dst);
	if (p->match_type) {
		filter_bsep(&b);
		sctp_bchunks(&b, p);
	}
	return (int)b.pos;
}

static int sctp_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		      struct ulog_err *err)
{
	if (c->std->proto != IPPROTO_SCTP || c->std->proto_inv)
		return ulog_errf(err, -EINVAL, "sctp match: only valid for protocol 132");
	return 0;
}

static bool sctp_flags_ok(const struct sctp_priv *p, uint8_t type, uint8_t flags)
{
	unsigned k;

	for (k = 0; k < p->n_flags; k++)
		if (p->flags[k].type == type)
			return (flags & p->flags[k].mask) == p->flags[k].flag;
	return true;
}

/* The kernel's match_packet: walks the chunks after the common header. */
static bool sctp_chunks_match(const struct sctp_priv *p, const struct pkt_view *pv, bool *hotdrop)
{
	uint32_t seen[8] = { 0 }, off = 12;
	unsigned i;

	do {    /* the first chunk is read even past the end: none is a hotdrop */
		const uint8_t *ch = pkt_l4(pv, off, 4);
		uint16_t clen;

		if (!ch || !(clen = xt_get16(ch + 2))) {
			*hotdrop = true;        /* cut short, or a chunk of length 0 */
			return false;
		}
		if (chunk_set(p, ch[0])) {
			bool flags_ok = sctp_flags_ok(p, ch[0], ch[1]);

			if (flags_ok && p->match_type == MT_ANY)
				return true;
			if (!flags_ok && p->match_type == MT_ONLY)
				return false;   /* a listed chunk whose flags differ (xt_sctp) */
			if (flags_ok)
				seen[ch[0] / 32] |= 1u << (ch[0] % 32);
		} else if (p->match_type == MT_ONLY) {
			return false;
		}
		off += (clen + 3u) & ~3u;
	} while (off < pv->l4_len);
	switch (p->match_type) {
	case MT_ALL:
		for (i = 0; i < 8; i++)
			if ((seen[i] & p->chunkmap[i]) != p->chunkmap[i])
				return false;
		return true;
	case MT_ANY:
		return false;
	default:
		return true;
	}
}

static int sctp_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct sctp_priv *p = FILTER_PRIV(d, const struct sctp_priv);
	const uint8_t *h;
	uint16_t sp, dp;

	if (pkt->pv->frag_off)
		return FILTER_NOMATCH;
	h = pkt->pv->l4proto == IPPROTO_SCTP ? pkt_l4(pkt->pv, 0, 12) : NULL;
	if (!h) {
		pkt->hotdrop = true;
		return FILTER_NOMATCH;
	}
	sp = xt_get16(h);
	dp = xt_get16(h + 2);
	if (!(((sp >= p->spts[0] && sp <= p->spts[1]) ^ p->inv_src) &&
	      ((dp >= p->dpts[0] && dp <= p->dpts[1]) ^ p->inv_dst)))
		return FILTER_NOMATCH;
	if (p->match_type &&
	    (sctp_chunks_match(p, pkt->pv, &pkt->hotdrop) ^ p->inv_chunks) == 0)
		return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static int sctp_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	static const char *const mt[] = { "", "any", "all", "only" };
	const struct sctp_priv *p = FILTER_PRIV(d, const struct sctp_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	filter_bprintf(&b, " sctp");
	xt_lports(&b, "spt", p->spts, p->inv_src, numeric, "sctp");
	xt_lports(&b, "dpt", p->dpts, p->inv_dst, numeric, "sctp");
	if (!p->match_type)
		return (int)b.pos;
	filter_bprintf(&b, "%s %s ", p->inv_chunks ? " !" : "", mt[p->match_type]);
	sctp_bchunk_list(&b, p, numeric);
	return (int)b.pos;
}

const struct filter_ext filter_ext_sctp = {
	.abi = FILTER_EXT_ABI,
	.name = "sctp",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = sctp_opts,
	.n_opts = XT_ARRAY_SIZE(sctp_opts),
	.priv_size = sizeof(struct sctp_priv),
	.init = sctp_init,
	.parse = sctp_parse,
	.print = sctp_print,
	.list = sctp_list,
	.check = sctp_check,
	.match = sctp_match,
};
