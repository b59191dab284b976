/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The owner match: uid/gid range of the local socket's owner, or whether there is a socket at all. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>

#include "lib/xt.h"

enum { O_UID, O_GID, O_SOCKET, O_SUPPL };
enum { M_UID = 1, M_GID = 2, M_SOCKET = 4, M_SUPPL = 8 };

struct owner_priv {
	uint32_t uid[2], gid[2];
	uint8_t match, invert;
};

#define F (FILTER_OPT_INVERT | FILTER_OPT_ONCE)
static const struct filter_opt owner_opts[] = {
	[O_UID] = { .name = "uid-owner", .arg = FILTER_ARG_ONE, .flags = F },
	[O_GID] = { .name = "gid-owner", .arg = FILTER_ARG_ONE, .flags = F },
	[O_SOCKET] = { .name = "socket-exists", .arg = FILTER_ARG_NONE, .flags = F },
	[O_SUPPL] = { .name = "suppl-groups", .arg = FILTER_ARG_NONE, .flags = FILTER_OPT_ONCE },
};
#undef F

/* "ID", "ID-ID" (each 0..UINT32_MAX-1) or a user/group name. */
static bool owner_parse_id(const char *s, bool uid, uint32_t r[2])
{
	char buf[128], *dash;
	uint64_t a, b;

	snprintf(buf, sizeof(buf), "%s", s);
	dash = strchr(buf, '-');
	if (dash)
		*dash++ = 0;
	if (filter_parse_uint(buf, 0, UINT32_MAX - 1, &a)) {
		b = a;
		if (dash && !filter_parse_uint(dash, 0, UINT32_MAX - 1, &b))
			return false;
		r[0] = (uint32_t)a;
		r[1] = (uint32_t)b;
		return true;
	}
	if (uid) {
		struct passwd *pw = getpwnam(s);

		if (!pw)
			return false;
		r[0] = r[1] = pw->pw_uid;
	} else {
		struct group *gr = getgrnam(s);

		if (!gr)
			return false;
		r[0] = r[1] = gr->gr_gid;
	}
	return true;
}

static int owner_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		       bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct owner_priv *p = FILTER_PRIV(d, struct owner_priv);
	static const uint8_t bit[] = { M_UID, M_GID, M_SOCKET, M_SUPPL };

	if ((opt == O_UID || opt == O_GID) && !owner_parse_id(args[0], opt == O_UID,
							       opt == O_UID ? p->uid : p->gid))
		return ulog_errf(err, -EINVAL, "owner: Bad value for \"--%s\" option: \"%s\"",
				 owner_opts[opt].name, args[0]);
	if (opt == O_SUPPL && !(p->match & M_GID))
		return ulog_errf(err, -EINVAL, "owner: Bad value for \"--suppl-groups\" option: "
				 "\"you need to use --gid-owner first\"");
	p->match |= bit[opt];
	if (invert)
		p->invert |= bit[opt];
	return 0;
}

static int owner_final(struct filter_ext_data *d, const struct filter_std *std,
		       struct ulog_err *err)
{
	if (!d->seen)
		return ulog_errf(err, -EINVAL, "owner: At least one of --uid-owner, --gid-owner or "
				 "--socket-exists is required");
	return 0;
}

static void owner_bitem(struct filter_buf *b, const struct owner_priv *p, uint8_t bit,
			const char *opt, const uint32_t *r)
{
	if (!(p->match & bit))
		return;
	filter_bsep(b);
	filter_bprintf(b, "%s--%s", p->invert & bit ? "! " : "", opt);
	if (!r)
		return;
	if (r[0] == r[1])
		filter_bprintf(b, " %u", r[0]);
	else
		filter_bprintf(b, " %u-%u", r[0], r[1]);
}

static int owner_print(const struct filter_ext_data *d, const struct filter_std *std,
		       char *buf, size_t len)
{
	const struct owner_priv *p = FILTER_PRIV(d, const struct owner_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	owner_bitem(&b, p, M_SOCKET, "socket-exists", NULL);
	owner_bitem(&b, p, M_UID, "uid-owner", p->uid);
	owner_bitem(&b, p, M_GID, "gid-owner", p->gid);
	owner_bitem(&b, p, M_SUPPL, "suppl-groups", NULL);
	return (int)b.pos;
}

static int owner_check(const struct filter_ext_data *d, const struct filter_check_ctx *c,
		       struct ulog_err *err)
{
	const struct owner_priv *p = FILTER_PRIV(d, const struct owner_priv);
	unsigned ok = FILTER_HOOK_BIT(FILTER_LOCAL_OUT) | FILTER_HOOK_BIT(FILTER_POST_ROUTING);

	if (c->hook_mask & ~ok)
		return ulog_errf(err, -EINVAL, "owner match: only valid in OUTPUT and POSTROUTING "
				 "(chain %s)", c->chain ? c->chain : "?");
	if (((p->match & M_UID) && p->uid[0] > p->uid[1]) ||
	    ((p->match & M_GID) && p->gid[0] > p->gid[1]))
		return ulog_errf(err, -EINVAL, "owner match: id range min > max");
	return 0;
}

static bool owner_in_groups(const struct filter_meta *m, const uint32_t r[2])
{
	unsigned i;

	for (i = 0; i < m->n_sk_gids && i < 16; i++)
		if (m->sk_gids[i] >= r[0] && m->sk_gids[i] <= r[1])
			return true;
	return false;
}

static int owner_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct owner_priv *p = FILTER_PRIV(d, const struct owner_priv);
	const struct filter_meta *m = pkt->meta;
	bool hit;

	if (!m->sk_valid)
		return (p->match ^ p->invert) == 0 ? FILTER_MATCHED : FILTER_NOMATCH;
	if (p->match & p->invert & M_SOCKET)
		return FILTER_NOMATCH;
	if (p->match & M_UID) {
		hit = m->sk_uid >= p->uid[0] && m->sk_uid <= p->uid[1];
		if (hit == !!(p->invert & M_UID))
			return FILTER_NOMATCH;
	}
	if (p->match & M_GID) {
		hit = m->sk_gid >= p->gid[0] && m->sk_gid <= p->gid[1];
		if (!hit && (p->match & M_SUPPL))
			hit = owner_in_groups(m, p->gid);
		if (hit == !!(p->invert & M_GID))
			return FILTER_NOMATCH;
	}
	return FILTER_MATCHED;
}

static void owner_litem(struct filter_buf *b, const struct owner_priv *p, uint8_t bit,
			const char *what, const uint32_t *r)
{
	if (!(p->match & bit))
		return;
	filter_bprintf(b, "%s owner %s", p->invert & bit ? " !" : "", what);
	if (r && r[0] == r[1])
		filter_bprintf(b, " %u", r[0]);
	else if (r)
		filter_bprintf(b, " %u-%u", r[0], r[1]);
	if (bit == M_GID && (p->match & M_SUPPL))
		filter_bprintf(b, " incl. suppl. groups");
}

static int owner_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		      char *buf, size_t len)
{
	const struct owner_priv *p = FILTER_PRIV(d, const struct owner_priv);
	struct filter_buf b = filter_buf_init(buf, len);

	owner_litem(&b, p, M_SOCKET, "socket exists", NULL);
	owner_litem(&b, p, M_UID, "UID match", p->uid);
	owner_litem(&b, p, M_GID, "GID match", p->gid);
	return (int)b.pos;
}

const struct filter_ext filter_ext_owner = {
	.abi = FILTER_EXT_ABI,
	.name = "owner",
	.revision = 1,
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = owner_opts,
	.n_opts = XT_ARRAY_SIZE(owner_opts),
	.priv_size = sizeof(struct owner_priv),
	.parse = owner_parse,
	.final_check = owner_final,
	.print = owner_print,
	.list = owner_list,
	.check = owner_check,
	.match = owner_match,
};
