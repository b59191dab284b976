/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HWHDR (MAC2STR): Ethernet headers from NFLOG, other link types, and raw.mac.saddr. */
#include "interp_helpers.h"
#include "test.h"

extern const struct ulog_plugin ulog_plugin_HWHDR;

static const uint8_t eth[14] = { 0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00 };

static bool out_is(struct harness *h, const char *name, const char *want)
{
	char buf[256];
	int k = ih_out_index(h, name);
	const char *got = k < 0 ? NULL : ih_out_text(h, (unsigned)k, buf, sizeof(buf));

	if (want == NULL)
		return got == NULL;
	if (!got || strcmp(got, want)) {
		printf("# %s = %s, want %s\n", name, got ? got : "(absent)", want);
		return false;
	}
	return true;
}

int main(void)
{
	struct harness *h = harness_new(&ulog_plugin_HWHDR);
	uint8_t *mac = malloc(sizeof(eth));
	static const uint8_t ip6gre[4] = { 0xde, 0xad, 0xbe, 0xef };
	static const uint8_t sll[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	CHECK(h->inst.plugin->alias && !strcmp(h->inst.plugin->alias, "MAC2STR"),
	      "hwhdr: answers to MAC2STR");
	memcpy(mac, eth, sizeof(eth));
	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x0800);
	ih_set_u64(h, "raw.type", 1);
	ih_set_ptr(h, "raw.mac", ULOG_T_RAW, mac, 14);
	ih_set_u64(h, "raw.mac_len", 14);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "mac.saddr.str", "02:00:00:00:00:01") &&
	      out_is(h, "mac.daddr.str", "02:00:00:00:00:02") &&
	      out_is(h, "mac.str", "02:00:00:00:00:02:02:00:00:00:00:01:08:00") &&
	      out_is(h, "raw.type", "1") && out_is(h, "oob.protocol", "2048"),
	      "hwhdr: Ethernet header from NFLOG");

	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x0800);
	ih_set_ptr(h, "raw.mac", ULOG_T_RAW, mac, 14);
	ih_set_u64(h, "raw.mac_len", 14);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "raw.type", "1") && out_is(h, "mac.daddr.str", "02:00:00:00:00:02"),
	      "hwhdr: without raw.type a 14-byte header is Ethernet");

	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x86dd);
	ih_set_u64(h, "raw.type", 778);
	ih_set_ptr(h, "raw.mac", ULOG_T_RAW, ip6gre, 4);
	ih_set_u64(h, "raw.mac_len", 4);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "mac.str", "de:ad:be:ef") && out_is(h, "raw.type", "778") &&
	      out_is(h, "mac.saddr.str", NULL) && out_is(h, "mac.daddr.str", NULL) &&
	      out_is(h, "oob.protocol", "34525"),
	      "hwhdr: a non-Ethernet header is only rendered whole");

	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x0800);
	ih_set_ptr(h, "raw.mac.saddr", ULOG_T_RAW, sll, 6);
	ih_set_u64(h, "raw.mac.addrlen", 6);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "mac.saddr.str", "01:02:03:04:05:06") && out_is(h, "raw.type", "65535") &&
	      out_is(h, "mac.str", NULL), "hwhdr: raw.mac.saddr alone (cooked capture)");

	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x0800);
	ih_set_u64(h, "raw.type", 1);
	ih_set_ptr(h, "raw.mac", ULOG_T_RAW, mac, 10);
	ih_set_u64(h, "raw.mac_len", 14);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "mac.daddr.str", NULL) && out_is(h, "mac.str", "02:00:00:00:00:02:02:00:00:00"),
	      "hwhdr: a raw.mac shorter than raw.mac_len is never read past");

	ih_clear(h);
	ih_set_u64(h, "oob.protocol", 0x0800);
	h->inst.plugin->interp(&h->inst, &h->rec);
	CHECK(out_is(h, "oob.protocol", "2048") && out_is(h, "mac.str", NULL) &&
	      out_is(h, "raw.type", NULL), "hwhdr: no hardware header (OUTPUT hook)");
	free(mac);
	harness_free(h);
	TEST_EXIT();
}
