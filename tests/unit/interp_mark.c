/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MARK: records pass when (ct.mark, else oob.mark) & mask == mark. */
#include "interp_helpers.h"
#include "test.h"

extern const struct ulog_plugin ulog_plugin_MARK;

struct conf {
	int64_t mark, mask;
};

static int run(struct harness *h, int ct, int64_t ctv, int oob, int64_t oobv)
{
	ih_clear(h);
	if (ct)
		ih_set_u64(h, "ct.mark", (uint64_t)ctv);
	if (oob)
		ih_set_u64(h, "oob.mark", (uint64_t)oobv);
	return h->inst.plugin->interp(&h->inst, &h->rec);
}

int main(void)
{
	struct harness *h = harness_new(&ulog_plugin_MARK);
	struct conf *c = h->inst.conf;
	const struct ulog_plugin *p = &ulog_plugin_MARK;

	CHECK(p->conf_size == sizeof(struct conf) && p->n_options == 2 &&
	      !strcmp(p->options[0].name, "mark") && !strcmp(p->options[1].name, "mask") &&
	      !strcmp(p->options[1].def, "0xffffffff"), "mark: options mark and mask, mask defaults to all bits");
	c->mark = 0x10;
	c->mask = 0xffffffff;
	CHECK(run(h, 0, 0, 1, 0x10) == ULOG_CONTINUE, "mark: oob.mark equal passes");
	CHECK(run(h, 0, 0, 1, 0x11) == ULOG_STOP, "mark: oob.mark different stops");
	CHECK(run(h, 1, 0x10, 1, 0x99) == ULOG_CONTINUE, "mark: ct.mark wins over oob.mark");
	CHECK(run(h, 1, 0x99, 1, 0x10) == ULOG_STOP, "mark: ct.mark mismatch stops even if oob.mark matches");
	CHECK(run(h, 0, 0, 0, 0) == ULOG_CONTINUE, "mark: a record without marks passes");
	c->mask = 0xf0;
	CHECK(run(h, 0, 0, 1, 0x1f) == ULOG_CONTINUE && run(h, 0, 0, 1, 0x2f) == ULOG_STOP,
	      "mark: mask selects the compared bits");
	c->mask = -1;
	c->mark = 0xffffffff;
	CHECK(run(h, 0, 0, 1, 0xffffffff) == ULOG_CONTINUE && run(h, 0, 0, 1, 0xfffffffe) == ULOG_STOP,
	      "mark: mask -1 means all 32 bits");
	harness_free(h);
	TEST_EXIT();
}
