/* SPDX-License-Identifier: GPL-2.0-or-later */
/* IP2STR, IP2BIN and IP2HBIN on IPv4, IPv6, bridge and flow records. */
#include "interp_helpers.h"
#include "test.h"

extern const struct ulog_plugin ulog_plugin_IP2STR, ulog_plugin_IP2BIN, ulog_plugin_IP2HBIN;

static uint8_t v4a[4] = { 192, 0, 2, 1 }, v4b[4] = { 10, 20, 30, 40 };
static uint8_t v6a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

static const char *out(struct harness *h, const char *name, char *buf, size_t n)
{
	int k = ih_out_index(h, name);

	return k < 0 ? NULL : ih_out_text(h, (unsigned)k, buf, n);
}

static bool out_is(struct harness *h, const char *name, const char *want)
{
	char buf[256];
	const char *got = out(h, name, buf, sizeof(buf));

	if (!got || strcmp(got, want)) {
		printf("# %s = %s, want %s\n", name, got ? got : "(absent)", want);
		return false;
	}
	return true;
}

static int run(struct harness *h)
{
	return h->inst.plugin->interp(&h->inst, &h->rec);
}

static void test_ip2str(void)
{
	struct harness *h = harness_new(&ulog_plugin_IP2STR);
	const char *s1;
	char buf[64];

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET);
	ih_set_u64(h, "oob.protocol", 0x0800);
	ih_set_addr(h, "ip.saddr", v4a, 4);
	ih_set_addr(h, "ip.daddr", v4b, 4);
	CHECK(run(h) == ULOG_CONTINUE && out_is(h, "ip.saddr.str", "192.0.2.1") &&
	      out_is(h, "ip.daddr.str", "10.20.30.40") && !out(h, "orig.ip.saddr.str", buf, 64),
	      "ip2str: IPv4 addresses, absent inputs give absent outputs");

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET6);
	ih_set_addr(h, "ip.saddr", v6a, 16);
	run(h);
	CHECK(out_is(h, "ip.saddr.str", "2001:db8::1"), "ip2str: IPv6 address");

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_BRIDGE);
	ih_set_u64(h, "oob.protocol", 0x0806);
	ih_set_addr(h, "arp.saddr", v4b, 4);
	ih_set_addr(h, "arp.daddr", v4a, 4);
	run(h);
	CHECK(out_is(h, "arp.saddr.str", "10.20.30.40") && out_is(h, "arp.daddr.str", "192.0.2.1"),
	      "ip2str: ARP addresses of a bridge record");

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET);
	ih_set_addr(h, "orig.ip.saddr", v4a, 4);
	ih_set_addr(h, "reply.ip.daddr", v4b, 4);
	run(h);
	s1 = out(h, "orig.ip.saddr.str", buf, sizeof(buf));
	CHECK(s1 && !strcmp(s1, "192.0.2.1") && out_is(h, "reply.ip.daddr.str", "10.20.30.40"),
	      "ip2str: flow (orig/reply) addresses");

	h->out_slot[ih_out_index(h, "ip.saddr.str")] = -1;
	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET);
	ih_set_addr(h, "ip.saddr", v4a, 4);
	ih_set_addr(h, "ip.daddr", v4b, 4);
	run(h);
	CHECK(out_is(h, "ip.daddr.str", "10.20.30.40"), "ip2str: an unwanted key is skipped");
	harness_free(h);
}

static void test_ip2bin(void)
{
	struct harness *h = harness_new(&ulog_plugin_IP2BIN);
	int k;

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET);
	ih_set_addr(h, "ip.saddr", v4a, 4);
	ih_set_addr(h, "reply.ip.daddr", v4b, 4);
	run(h);
	k = ih_out_index(h, "ip.saddr.bin");
	CHECK(!strcmp(h->v[h->out_slot[k]].ptr, "0x00000000000000000000ffffc0000201") &&
	      h->v[h->out_slot[k]].len == 34 &&
	      !strcmp(h->v[h->out_slot[ih_out_index(h, "reply.ip.daddr.bin")]].ptr,
		      "0x00000000000000000000ffff0a141e28"),
	      "ip2bin: IPv4 as IPv4-mapped hex, reply.ip.daddr included");

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_BRIDGE);
	ih_set_u64(h, "oob.protocol", 0x86dd);
	ih_set_addr(h, "ip.daddr", v6a, 16);
	run(h);
	k = ih_out_index(h, "ip.daddr.bin");
	CHECK(ulog_rec_valid(&h->rec, h->out_slot[k]) &&
	      !strcmp(h->v[h->out_slot[k]].ptr, "0x20010db8000000000000000000000001") &&
	      !ulog_rec_valid(&h->rec, h->out_slot[ih_out_index(h, "ip.saddr.bin")]),
	      "ip2bin: IPv6 of a bridge record");
	harness_free(h);
}

static void test_ip2hbin(void)
{
	struct harness *h = harness_new(&ulog_plugin_IP2HBIN);
	const struct ulog_value *v;
	uint32_t x;

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET);
	ih_set_addr(h, "ip.saddr", v4a, 4);
	ih_set_addr(h, "reply.ip.daddr", v4b, 4);
	run(h);
	v = &h->v[h->out_slot[ih_out_index(h, "ip.hsaddr")]];
	memcpy(&x, v->addr, 4);
	CHECK(v->u64 == 0xc0000201u && x == 0xc0000201u && v->len == 4 &&
	      h->v[h->out_slot[ih_out_index(h, "reply.ip.hdaddr")]].u64 == 0x0a141e28u,
	      "ip2hbin: IPv4 as a host-order integer");

	ih_clear(h);
	ih_set_u64(h, "oob.family", AF_INET6);
	ih_set_addr(h, "ip.daddr", v6a, 16);
	run(h);
	v = &h->v[h->out_slot[ih_out_index(h, "ip.hdaddr")]];
	CHECK(ulog_rec_valid(&h->rec, h->out_slot[ih_out_index(h, "ip.hdaddr")]) &&
	      v->len == 16 && !memcmp(v->addr, v6a, 16), "ip2hbin: IPv6 unchanged");
	harness_free(h);
}

int main(void)
{
	test_ip2str();
	test_ip2bin();
	test_ip2hbin();
	TEST_EXIT();
}
