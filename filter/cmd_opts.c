/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The option tables of an iptables command line: standard options, and extension lookup by name. */
#include <string.h>

#include "cmd_priv.h"

/* iptables' long options and their short letters ('0' = --line-numbers). */
static const struct cmd_std_opt std_opts[] = {
	{ "append", 'A', ARG_REQ }, { "delete", 'D', ARG_REQ }, { "check", 'C', ARG_REQ },
	{ "insert", 'I', ARG_REQ }, { "replace", 'R', ARG_REQ }, { "list", 'L', ARG_OPT },
	{ "list-rules", 'S', ARG_OPT }, { "flush", 'F', ARG_OPT }, { "zero", 'Z', ARG_OPT },
	{ "new-chain", 'N', ARG_REQ }, { "delete-chain", 'X', ARG_OPT },
	{ "rename-chain", 'E', ARG_REQ }, { "policy", 'P', ARG_REQ },
	{ "source", 's', ARG_REQ }, { "src", 's', ARG_REQ },
	{ "destination", 'd', ARG_REQ }, { "dst", 'd', ARG_REQ },
	{ "protocol", 'p', ARG_REQ }, { "in-interface", 'i', ARG_REQ },
	{ "jump", 'j', ARG_REQ }, { "table", 't', ARG_REQ }, { "match", 'm', ARG_REQ },
	{ "numeric", 'n', ARG_NONE }, { "out-interface", 'o', ARG_REQ },
	{ "verbose", 'v', ARG_NONE }, { "wait", 'w', ARG_OPT }, { "wait-interval", 'W', ARG_OPT },
	{ "exact", 'x', ARG_NONE }, { "fragment", 'f', ARG_NONE }, { "version", 'V', ARG_NONE },
	{ "help", 'h', ARG_OPT }, { "line-numbers", '0', ARG_NONE }, { "modprobe", 'M', ARG_REQ },
	{ "set-counters", 'c', ARG_REQ }, { "goto", 'g', ARG_REQ },
	{ "ipv4", '4', ARG_NONE }, { "ipv6", '6', ARG_NONE },
};

/* Short letters: iptables' getopt string "A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fbvw::W::nt:m:xc:g:46". */
static const char short_req[] = "ACDRIMNEPopsdjitmcg";
static const char short_opt[] = "LSFZXhwW";
static const char short_none[] = "Vfbvnx46";

/* See cmd_priv.h. */
int cmd_short_arg(char c)
{
	if (c && strchr(short_req, c))
		return ARG_REQ;
	if (c && strchr(short_opt, c))
		return ARG_OPT;
	if (c && strchr(short_none, c))
		return ARG_NONE;
	return -1;
}

static bool name_is(const char *on, const char *name, size_t n, bool prefix)
{
	return prefix ? !strncmp(on, name, n) : strlen(on) == n && !strncmp(on, name, n);
}

/* Adds a candidate; a second, different one makes the lookup ambiguous. */
static void found(struct cmd_found *f, enum cmd_found_kind kind, const struct cmd_std_opt *std,
		  struct filter_ext_data *ext, unsigned opt)
{
	if (f->kind != FOUND_NONE) {
		if (f->kind != kind || (kind == FOUND_STD && f->std->val != std->val) ||
		    (kind == FOUND_EXT && (f->ext != ext || f->opt != opt)))
			f->ambiguous = true;
		return;
	}
	f->kind = kind;
	f->std = std;
	f->ext = ext;
	f->opt = opt;
}

/* Standard options first, then the rule's loaded extensions, newest first
 * (iptables merges each new extension's options in front of older ones). */
static void lookup(const struct cmd_state *s, const char *name, size_t n, bool prefix,
		   struct cmd_found *f)
{
	size_t i;
	int j;
	unsigned k;

	for (i = 0; i < sizeof(std_opts) / sizeof(std_opts[0]); i++)
		if (name_is(std_opts[i].name, name, n, prefix)) {
			found(f, FOUND_STD, &std_opts[i], NULL, 0);
			if (!prefix)
				return;
		}
	for (j = (int)s->n_loaded - 1; j >= 0; j--) {
		const struct filter_ext *e = s->loaded[j]->ext;

		for (k = 0; k < e->n_opts; k++)
			if (name_is(e->opts[k].name, name, n, prefix)) {
				found(f, FOUND_EXT, NULL, s->loaded[j], k);
				if (!prefix)
					return;
			}
	}
}

/* See cmd_priv.h. */
bool cmd_find_long(const struct cmd_state *s, const char *name, size_t n, struct cmd_found *f)
{
	memset(f, 0, sizeof(*f));
	lookup(s, name, n, false, f);
	if (f->kind != FOUND_NONE)
		return true;
	lookup(s, name, n, true, f);
	return f->kind != FOUND_NONE && !f->ambiguous;
}
