/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The conntrack helper registry, helper assignment to new entries, expectation pickup and the helper hook. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "ct_priv.h"
#include "helper.h"

/*
 * The helpers the kernel has built in that `-j CT --helper` accepts (the
 * CT target's check in filter/ext/CT.c lists the same). ftp, tftp, irc, sane and amanda parse
 * and expect, with their kernel expect policies (max per master, seconds);
 * the others are recorded by name only: conntrack -L shows them, nothing
 * is parsed, no expectation is made (so they carry no policy).
 */
static const struct ct_helper_def helpers[] = {
	{ "ftp", IPPROTO_TCP, 1, 300, ct_ftp_help },
	{ "tftp", IPPROTO_UDP, 1, 300, ct_tftp_help },
	{ "irc", IPPROTO_TCP, 8, 300, ct_irc_help },
	{ "sip", IPPROTO_UDP, 0, 0, NULL },
	{ "sip", IPPROTO_TCP, 0, 0, NULL },
	{ "amanda", IPPROTO_UDP, 3, 180, ct_amanda_help },
	{ "pptp", IPPROTO_TCP, 0, 0, NULL },
	{ "sane", IPPROTO_TCP, 1, 300, ct_sane_help },
	{ "snmp", IPPROTO_UDP, 0, 0, NULL },
	{ "netbios-ns", IPPROTO_UDP, 0, 0, NULL },
	{ "RAS", IPPROTO_UDP, 0, 0, NULL },
	{ "Q.931", IPPROTO_TCP, 0, 0, NULL },
	{ "H.245", IPPROTO_TCP, 0, 0, NULL },
};

#define N_HELPERS (sizeof(helpers) / sizeof(helpers[0]))

uint8_t ct_helper_find(const char *name, uint8_t proto)
{
	unsigned i;

	for (i = 0; i < N_HELPERS; i++)
		if (helpers[i].proto == proto && !strcmp(helpers[i].name, name))
			return (uint8_t)(i + 1);
	return 0;
}

const struct ct_helper_def *ct_helper_get(uint8_t idx)
{
	return idx && idx <= N_HELPERS ? &helpers[idx - 1] : NULL;
}

const char *ct_helper_name(uint8_t idx)
{
	const struct ct_helper_def *h = ct_helper_get(idx);

	return h ? h->name : "";
}

struct ct_help_tab *ct_help_tab(struct ct_table *t)
{
	struct ct_help_tab *h = t->help;

	if (h)
		return h;
	h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->exp_max = ct_expect_max(t);
	h->exp = calloc(h->exp_max, sizeof(*h->exp));
	h->data = calloc(t->cfg.max, sizeof(*h->data));
	if (!h->exp || !h->data) {
		free(h->exp);
		free(h->data);
		free(h);
		return NULL;
	}
	t->help = h;
	return h;
}

void ct_helper_free(struct ct_table *t)
{
	if (!t->help)
		return;
	free(t->help->exp);
	free(t->help->data);
	free(t->help);
	t->help = NULL;
}

/* init_conntrack: "Welcome, Mr. Bond. We've been expecting you..." */
static bool take_expected(struct ct_table *t, struct ct_ref *ref, uint64_t now)
{
	struct ct_expect e;
	struct ct_entry *ct = ref->ct;

	if (!t->help || !t->help->exp_count || !ct_expect_take(t, &ct->tuple[0], now, &e))
		return false;
	ct->status |= CT_S_EXPECTED;
	ct->master_helper = e.helper;
	ct->master = e.master + 1;
	ct->mark = t->pool[e.master].mark;
	ct->secmark = t->pool[e.master].secmark;
	ref->ctinfo = CT_RELATED;
	return true;
}

void ct_helper_in(struct ct_table *t, struct ct_ref *ref, const char *want, uint64_t now_ns)
{
	struct ct_help_tab *h;
	uint8_t idx;

	if (!ref->ct || ref->ctinfo != CT_NEW || ref->ct->in_use != CT_UNCONFIRMED)
		return;
	if (take_expected(t, ref, now_ns) || !want[0])
		return;
	idx = ct_helper_find(want, ref->ct->tuple[0].proto);
	if (!idx || !(h = ct_help_tab(t)))
		return;
	ref->ct->helper = idx;
	memset(&h->data[ct_index(t, ref->ct)], 0, sizeof(h->data[0]));
}

unsigned ct_helper_children(const struct ct_table *t, const struct ct_entry *master,
			    uint64_t now_ns)
{
	uint32_t i, me = ct_index(t, master) + 1;
	unsigned n = 0;

	for (i = 0; i < t->cfg.max; i++) {
		const struct ct_entry *c = &t->pool[i];

		n += c->master == me && c->in_use == CT_HASHED && c->expires_ns > now_ns &&
		     c->start_ns >= master->start_ns;
	}
	return n;
}

bool ct_helper_tcp_payload(const struct pkt_view *pv, struct ct_tcp_payload *pl)
{
	const uint8_t *th = pv->data + pv->l4_off;
	uint32_t total = ct_pkt_len(pv), off;

	if (!pv->l4_ok || pv->l4proto != IPPROTO_TCP)
		return false;
	off = pv->l4_off + (uint32_t)(th[12] >> 4) * 4;
	if (off >= total || off >= pv->len)
		return false;
	pl->data = pv->data + off;
	pl->len = total - off;
	pl->cap = (total < pv->len ? total : pv->len) - off;
	pl->seq = (uint32_t)th[4] << 24 | (uint32_t)th[5] << 16 | (uint32_t)th[6] << 8 | th[7];
	return true;
}

int ct_helper_hook(struct ct_table *t, const struct ct_ref *ref, const struct pkt_view *pv,
		   uint64_t now_ns)
{
	struct ct_entry *ct = ref->ct;
	const struct ct_helper_def *def;

	if (!ct || !ct->helper || ref->ctinfo == CT_RELATED_REPLY || !t->help)
		return 0;
	if (ct < t->pool || ct >= t->pool + t->cfg.max)
		return 0;                /* a detached copy (REJECT's answer to a dropped packet) */
	def = ct_helper_get(ct->helper);
	if (!def || !def->help)
		return 0;
	return def->help(t, ct, ref->ctinfo, pv, &t->help->data[ct_index(t, ct)], now_ns);
}
