/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer target: arbitrary bytes as netlink messages and as a DLT_NFLOG record -> NFLOG parser -> BASE. */
#include <stdlib.h>
#include <string.h>

#include "lib/pcapio.h"
#include "tests/unit/harness.h"
#include "ulogd/input/nflog.h"
#include "ulogd/input/nflog_keys.h"

extern const struct ulog_plugin ulog_plugin_BASE;

/* BASE's harness owns the record; NFLOG writes its keys after BASE's slots,
 * and BASE reads them by name, as a stack would resolve them. */
static struct harness *base;
static struct ulog_instance nf;
static int nf_out[NFLOG_KEY_N];
static struct nflog_conf nf_conf;
static uint8_t nf_priv[4096];

static void setup(void)
{
	unsigned i, k;

	base = harness_new(&ulog_plugin_BASE);
	nf.plugin = &ulog_plugin_NFLOG;
	nf.conf = &nf_conf;
	nf.priv = nf_priv;
	nf.out_slot = nf_out;
	if (ulog_plugin_NFLOG.priv_size > sizeof(nf_priv))
		abort();
	for (k = 0; k < NFLOG_KEY_N; k++)
		nf_out[k] = (int)(base->rec.n + k);
	for (i = 0; i < base->inst.n_in; i++) {
		base->in_slot[i] = -1;
		for (k = 0; k < NFLOG_KEY_N; k++)
			if (!strcmp(base->inst.in_keys[i].name, nflog_keys[k].name))
				base->in_slot[i] = nf_out[k];
	}
	base->rec.n += NFLOG_KEY_N;
}

static void run_base(void)
{
	ulog_plugin_BASE.interp(&base->inst, &base->rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct timespec now = { 1700000000, 0 };
	const struct nlmsghdr *nlh;
	struct nfula_pkt pkt;
	struct ulog_err err;
	uint8_t *buf;
	int left;

	if (!base)
		setup();
	if (size > 1 << 20)
		return 0;
	buf = malloc(size ? size : 1);  /* exact size: ASan sees any over-read */
	memcpy(buf, data, size);
	nlh = (const void *)buf;
	for (left = (int)size; nfula_nlmsg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		ulog_rec_clear(&base->rec);
		if (nflog_parse_msg(&nf, nlh, &base->rec, &now, &err) == 0)
			run_base();
	}
	ulog_rec_clear(&base->rec);
	if (pcapio_decode(DLT_NFLOG, buf, (uint32_t)size, &pkt, &err) == 0) {
		nflog_keys_fill(&nf, &base->rec, &pkt, 0, &now);
		run_base();
	}
	free(buf);
	return 0;
}
