/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: iptables-restore text into a ruleset, then save, list and evaluate nothing crashes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "filter/text.h"

/* Byte 0 picks the family and restore flags; the rest is the ruleset text. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter_restore_opts o = { 0 };
	struct filter_cmd list = { 0 };
	struct filter_ruleset *rs;
	struct filter_error e;
	FILE *devnull;
	unsigned i;

	if (size < 1)
		return 0;
	o.counters = data[0] & 1;
	o.noflush = data[0] & 2;
	o.test = (data[0] & 12) == 12;
	list.numeric = data[0] & 16;
	list.verbose = true;
	rs = filter_ruleset_new(data[0] & 128 ? FILTER_V6 : FILTER_V4);
	if (!rs)
		return 0;
	filter_restore(rs, (const char *)data + 1, size - 1, &o, &e);
	/* a second pass over the same state exercises --noflush and replacement */
	o.noflush = !o.noflush;
	filter_restore(rs, (const char *)data + 1, size - 1, &o, &e);
	devnull = fopen("/dev/null", "w");
	if (devnull) {
		filter_ruleset_save(devnull, rs, NULL, true, true);
		for (i = 0; i < rs->n_tables; i++) {
			filter_table_list(devnull, rs->tables[i], NULL, &list);
			filter_table_list_rules(devnull, rs->tables[i], NULL, 0, true);
		}
		fclose(devnull);
	}
	filter_ruleset_free(rs);
	return 0;
}
