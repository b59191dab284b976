/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The helper match (filter/ext/helper.c) on conntrack facts as nfcore fills them: xt_helper's master-only, prefix and empty-name rules. */
#include <stdlib.h>
#include <string.h>

#include "filter/ext.h"
#include "lib/err.h"
#include "test.h"

struct fact {
	bool valid, expected;
	const char *master_helper;       /* meta.ct_helper */
};

struct match_case {
	const char *name, *arg;
	bool inv;
	struct fact f;
	bool want;
};

static const struct match_case cases[] = {
	{ "same_name", "ftp", false, { true, true, "ftp" }, true },
	{ "other_name", "irc", false, { true, true, "ftp" }, false },
	{ "inverted_other", "irc", true, { true, true, "ftp" }, true },
	{ "inverted_same", "ftp", true, { true, true, "ftp" }, false },
	{ "empty_any_helper", "", false, { true, true, "sip" }, true },
	{ "empty_inverted", "", true, { true, true, "sip" }, false },
	/* the kernel compares strlen(helper name) bytes: a longer NAME starting with it matches */
	{ "longer_name_prefix", "ftp-21", false, { true, true, "ftp" }, true },
	{ "shorter_name", "ft", false, { true, true, "ftp" }, false },
	{ "tftp_is_not_ftp", "ftp", false, { true, true, "tftp" }, false },
	/* the master itself (not expected) never matches, even with a helper requested */
	{ "not_expected", "ftp", false, { true, false, "ftp" }, false },
	{ "not_expected_inverted", "ftp", true, { true, false, "ftp" }, true },
	{ "no_entry", "ftp", false, { false, false, "" }, false },
	{ "no_entry_inverted", "ftp", true, { false, false, "" }, true },
	{ "master_without_helper", "", false, { true, true, "" }, false },
};

static bool run(const struct filter_ext *e, const struct match_case *c)
{
	struct filter_ext_data *d = calloc(1, sizeof(*d) + e->priv_size);
	const char *args[] = { c->arg, NULL };
	struct filter_std std;
	struct filter_meta m;
	struct filter_pkt p;
	struct ulog_err err;
	int rc;

	memset(&std, 0, sizeof(std));
	memset(&m, 0, sizeof(m));
	memset(&p, 0, sizeof(p));
	d->ext = e;
	d->priv_size = e->priv_size;
	rc = e->parse(d, 0, args, c->inv, &std, &err);
	m.ct_valid = c->f.valid;
	m.ct_status = c->f.expected ? 1u : 0u;        /* IPS_EXPECTED */
	snprintf(m.ct_helper, sizeof(m.ct_helper), "%s", c->f.master_helper);
	p.meta = &m;
	rc = rc ? -1 : e->match(d, &p);
	free(d);
	return rc == (c->want ? FILTER_MATCHED : FILTER_NOMATCH);
}

int main(void)
{
	const struct filter_ext *e = filter_ext_find("helper", FILTER_EXT_MATCH, FILTER_V4);
	unsigned i;

	CHECK(e && e->match && filter_ext_find("helper", FILTER_EXT_MATCH, FILTER_V6) == e,
	      "helper_match_registered");
	if (!e)
		return 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(run(e, &cases[i]), "helper_match_%s", cases[i].name);
	return test_failures ? 1 : 0;
}
