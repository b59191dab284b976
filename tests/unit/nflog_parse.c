/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NFLOG input: netlink packet messages built attribute by attribute -> keys, errors, sequence gaps. */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lib/nfula.h"
#include "lib/pcapio.h"
#include "tests/unit/harness.h"
#include "tests/unit/test.h"
#include "ulogd/input/nflog.h"
#include "ulogd/input/nflog_keys.h"
#include "ulogd/log.h"

/* An IPv4 ICMP echo request 10.0.0.1 -> 10.0.0.2 (28 bytes). */
static const uint8_t icmp4[] = {
	0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x08, 0x00, 0xf7, 0xfe, 0x00, 0x01, 0x00, 0x00,
};
static const uint8_t mac_hdr[14] = {
	0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,
};

struct spec {
	uint8_t family;
	bool no_ts, zero_ts, no_hw, no_payload;
	const char *prefix;
	uint32_t seq;
};

/* Builds a packet message the way the kernel lays it out. */
static struct nlmsghdr *build(char *buf, const struct spec *s)
{
	struct nlmsghdr *nlh = nflog_nlmsg_put_header(buf, NFULNL_MSG_PACKET, s->family, 5);
	struct nfulnl_msg_packet_hdr ph = { .hw_protocol = htons(0x0800), .hook = 1 };
	struct nfulnl_msg_packet_hw hw = { .hw_addrlen = htons(6),
					   .hw_addr = { 0x02, 0, 0, 0, 0, 0x01 } };
	struct nfulnl_msg_packet_timestamp ts = { .sec = htobe64(s->zero_ts ? 0 : 1700000000),
						  .usec = htobe64(123456) };

	mnl_attr_put(nlh, NFULA_PACKET_HDR, sizeof(ph), &ph);
	mnl_attr_put_u32(nlh, NFULA_MARK, htonl(0x1234));
	if (s->prefix)
		mnl_attr_put_strz(nlh, NFULA_PREFIX, s->prefix);
	mnl_attr_put_u32(nlh, NFULA_IFINDEX_INDEV, htonl(3));
	if (!s->no_hw) {
		mnl_attr_put(nlh, NFULA_HWADDR, sizeof(hw), &hw);
		mnl_attr_put_u16(nlh, NFULA_HWTYPE, htons(1));
		mnl_attr_put_u16(nlh, NFULA_HWLEN, htons(14));
		mnl_attr_put(nlh, NFULA_HWHEADER, sizeof(mac_hdr), mac_hdr);
	}
	if (!s->no_ts)
		mnl_attr_put(nlh, NFULA_TIMESTAMP, sizeof(ts), &ts);
	mnl_attr_put_u32(nlh, NFULA_UID, htonl(1000));
	mnl_attr_put_u32(nlh, NFULA_GID, htonl(100));
	mnl_attr_put_u32(nlh, NFULA_SEQ, htonl(s->seq));
	mnl_attr_put_u32(nlh, NFULA_SEQ_GLOBAL, htonl(s->seq + 40));
	if (!s->no_payload)
		mnl_attr_put(nlh, NFULA_PAYLOAD, sizeof(icmp4), icmp4);
	return nlh;
}

static const struct ulog_value *out(struct harness *h, const char *name)
{
	int s = harness_out(h, name);

	return ulog_rec_valid(&h->rec, s) ? &h->v[s] : NULL;
}

static bool u64_is(struct harness *h, const char *name, uint64_t want)
{
	const struct ulog_value *v = out(h, name);

	if (!v)
		printf("# %s: absent\n", name);
	else if (v->u64 != want)
		printf("# %s: %llu, want %llu\n", name, (unsigned long long)v->u64,
		       (unsigned long long)want);
	return v && v->u64 == want;
}

static int parse(struct harness *h, const struct nlmsghdr *nlh, struct ulog_err *err)
{
	static const struct timespec now = { .tv_sec = 1800000000, .tv_nsec = 5000 };

	ulog_rec_clear(&h->rec);
	ulog_err_clear(err);
	return nflog_parse_msg(&h->inst, nlh, &h->rec, &now, err);
}

static void test_full(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct spec s = { .family = AF_INET, .prefix = "DROP in: ", .seq = 0 };
	const struct ulog_value *v;
	struct ulog_err err;

	CHECK(parse(h, build(buf, &s), &err) == 0, "full message parses");
	CHECK(u64_is(h, "oob.family", AF_INET) && u64_is(h, "oob.hook", 1) &&
	      u64_is(h, "oob.protocol", 0x0800), "family, hook, protocol");
	CHECK(u64_is(h, "oob.mark", 0x1234) && u64_is(h, "oob.ifindex_in", 3) &&
	      !out(h, "oob.ifindex_out"), "mark, ifindex_in; no ifindex_out");
	CHECK(u64_is(h, "oob.time.sec", 1700000000) && u64_is(h, "oob.time.usec", 123456),
	      "timestamp from NFULA_TIMESTAMP");
	CHECK(u64_is(h, "oob.uid", 1000) && u64_is(h, "oob.gid", 100), "uid, gid");
	CHECK(u64_is(h, "oob.seq.local", 0) && u64_is(h, "oob.seq.global", 40), "sequences");
	CHECK(u64_is(h, "raw.pktlen", sizeof(icmp4)) && u64_is(h, "raw.pktcount", 1) &&
	      (v = out(h, "raw.pkt")) && v->len == sizeof(icmp4) &&
	      !memcmp(v->ptr, icmp4, sizeof(icmp4)), "raw.pkt and lengths");
	v = out(h, "oob.prefix");
	CHECK(v && !strcmp(v->str, "DROP in: ") && v->len == 9, "oob.prefix");
	v = out(h, "raw.mac");
	CHECK(v && v->len == 14 && !memcmp(v->ptr, mac_hdr, 14) && u64_is(h, "raw.mac_len", 14) &&
	      u64_is(h, "raw.type", 1), "raw.mac, raw.mac_len, raw.type");
	v = out(h, "raw.mac.saddr");
	CHECK(v && v->len == 6 && ((const uint8_t *)v->ptr)[5] == 0x01 &&
	      u64_is(h, "raw.mac.addrlen", 6), "raw.mac.saddr");
	CHECK(u64_is(h, "raw.label", 7), "raw.label from numeric_label");
	v = out(h, "raw");
	CHECK(v && v->len == ((const struct nlmsghdr *)(const void *)buf)->nlmsg_len, "raw: message");
	CHECK(!out(h, "ct"), "no ct without NFULA_CT");
}

static void test_optional(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct spec s = { .family = AF_INET6, .no_ts = true, .no_hw = true, .no_payload = true,
			  .seq = 1 };
	struct ulog_err err;

	CHECK(parse(h, build(buf, &s), &err) == 0, "sparse message parses");
	CHECK(u64_is(h, "oob.time.sec", 1800000000) && u64_is(h, "oob.time.usec", 5),
	      "no timestamp (OUTPUT hook): receive time");
	CHECK(!out(h, "raw.mac") && !out(h, "raw.mac.saddr") && !out(h, "raw.type"),
	      "no hardware keys without hardware attributes");
	CHECK(!out(h, "raw.pkt") && !out(h, "raw.pktlen") && !out(h, "oob.prefix"),
	      "no payload or prefix keys without their attributes");
	CHECK(u64_is(h, "oob.family", AF_INET6) && u64_is(h, "oob.mark", 0x1234),
	      "family and mark still there");
	s.no_ts = false;
	s.zero_ts = true;
	s.seq = 2;
	CHECK(parse(h, build(buf, &s), &err) == 0 && u64_is(h, "oob.time.sec", 1800000000),
	      "zero timestamp: receive time (as ulogd2)");
}

static void test_gaps(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct spec s = { .family = AF_INET };
	struct nflog_stats st0, st;
	struct ulog_err err;
	static const uint32_t seqs[] = { 3, 4, 9, 10, 12 };
	unsigned i;

	nflog_get_stats(&h->inst, &st0);
	for (i = 0; i < ULOG_ARRAY_SIZE(seqs); i++) {
		s.seq = seqs[i];
		parse(h, build(buf, &s), &err);
	}
	nflog_get_stats(&h->inst, &st);
	CHECK(st.lost - st0.lost == 4 + 1 && st.gaps - st0.gaps == 2,
	      "gaps: 3,4,9,10,12 after 2 -> 5 lost in 2 gaps (got %llu in %llu)",
	      (unsigned long long)(st.lost - st0.lost), (unsigned long long)(st.gaps - st0.gaps));
	s.seq = 5;
	parse(h, build(buf, &s), &err);
	s.seq = 6;
	parse(h, build(buf, &s), &err);
	nflog_get_stats(&h->inst, &st0);
	CHECK(st0.seq_back == st.seq_back + 1 && st0.lost == st.lost,
	      "sequence going back resyncs without counting loss");
	s.seq = UINT32_MAX - 1;         /* back: resync to the wrap */
	parse(h, build(buf, &s), &err);
	nflog_get_stats(&h->inst, &st0);
	s.seq = UINT32_MAX;
	parse(h, build(buf, &s), &err);
	s.seq = 1;                      /* 0 is missing */
	parse(h, build(buf, &s), &err);
	nflog_get_stats(&h->inst, &st);
	CHECK(st.lost == st0.lost + 1 && st.gaps == st0.gaps + 1 && st.seq_back == st0.seq_back,
	      "wrap-around is handled modulo 2^32");
}

/* 200 gaps within a second are all counted, but logged on one line (two if a second
 * boundary falls between them), not 200. */
static void test_gap_ratelimit(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE], path[64], text[16384], *p;
	struct spec s = { .family = AF_INET };
	struct nflog_stats st0, st;
	struct ulog_err err;
	unsigned i, lines = 0;
	time_t t0 = time(NULL);

	snprintf(path, sizeof(path), "/tmp/nflog_parse.%d.log", (int)getpid());
	if (ulog_log_open(path, &err) < 0) {
		printf("skip gap log rate limit: %s\n", err.msg);
		return;
	}
	while (time(NULL) == t0)        /* start at a second boundary: the first gap is logged */
		usleep(10000);
	nflog_get_stats(&h->inst, &st0);
	s.seq = 1000;
	for (i = 0; i < 200; i++, s.seq += 2)
		parse(h, build(buf, &s), &err);
	nflog_get_stats(&h->inst, &st);
	ulog_log_close();
	test_slurp(path, text, sizeof(text));
	unlink(path);
	for (p = text; (p = strstr(p, "messages lost")); p++)
		lines++;
	CHECK(st.gaps - st0.gaps == 200, "200 gaps counted (%llu)",
	      (unsigned long long)(st.gaps - st0.gaps));
	CHECK(lines >= 1 && lines <= 2, "gap notices rate-limited: %u line(s) for 200 gaps", lines);
}

/* Replaces the payload of attribute @type in @nlh by @len bytes of @fill. */
static void mangle(struct nlmsghdr *nlh, uint16_t type, uint16_t len)
{
	struct nlattr *a;

	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(a) == type) {
			a->nla_len = (uint16_t)(MNL_ATTR_HDRLEN + len);
			return;
		}
	}
}

static void test_malformed(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct spec s = { .family = AF_INET, .prefix = "abc" };
	struct nlmsghdr *nlh;
	struct ulog_err err;
	char *p;

	nlh = build(buf, &s);
	mangle(nlh, NFULA_MARK, 2);
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULA_MARK"),
	      "short NFULA_MARK is refused by name (%s)", err.msg);
	nlh = build(buf, &s);
	p = memmem(buf, nlh->nlmsg_len, "abc", 4);
	p[3] = 'd';     /* no NUL left in the prefix */
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULA_PREFIX"),
	      "prefix without NUL is refused by name (%s)", err.msg);
	nlh = build(buf, &s);
	mangle(nlh, NFULA_TIMESTAMP, 8);
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULA_TIMESTAMP"),
	      "short NFULA_TIMESTAMP is refused (%s)", err.msg);
	nlh = build(buf, &s);
	mangle(nlh, NFULA_HWADDR, 4);
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULA_HWADDR"),
	      "short NFULA_HWADDR is refused (%s)", err.msg);
	nlh = build(buf, &s);
	mangle(nlh, NFULA_PACKET_HDR, sizeof(struct nfulnl_msg_packet_hdr) + 4);
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULA_PACKET_HDR"),
	      "long NFULA_PACKET_HDR is refused by name, as nflog_nlmsg_parse refuses it (%s)",
	      err.msg);
	nlh = build(buf, &s);
	nlh->nlmsg_type = (NFNL_SUBSYS_ULOG << 8) | NFULNL_MSG_CONFIG;
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "NFULNL_MSG_PACKET"),
	      "a config message is not a packet");
	nlh = build(buf, &s);
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	CHECK(parse(h, nlh, &err) == -EINVAL && strstr(err.msg, "too short"),
	      "a message shorter than nfgenmsg is refused");
}

/* Every truncation of a valid message, in an exactly sized buffer. */
static void test_truncations(struct harness *h)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct spec s = { .family = AF_INET, .prefix = "t" };
	struct nlmsghdr *full = build(buf, &s);
	uint32_t n, ok = 0, bad = 0;
	struct ulog_err err;

	for (n = NLMSG_HDRLEN; n <= full->nlmsg_len; n++) {
		struct nlmsghdr *m = malloc(n);

		memcpy(m, full, n);
		m->nlmsg_len = n;
		if (parse(h, m, &err) == 0)
			ok++;
		else
			bad++;
		free(m);
	}
	CHECK(ok > 0 && bad > 0, "every truncation parses or fails cleanly (%u ok, %u refused)",
	      ok, bad);
}

/*
 * Real kernel messages: the records of tests/data/pcap/nflog.pcap (nfgenmsg
 * and attributes as the kernel sent them) wrapped in a netlink header, parsed
 * as NFLOG messages and as capture records: both must agree.
 */
static void test_kernel_bytes(struct harness *h)
{
	static const char *want[] = { "in-icmp", "in-icmp", "in-udp", "out-tcp", "in-icmp",
				      "in-icmp6", "in-icmp6" };
	struct pcapio_reader r;
	struct pcapio_rec rec;
	struct ulog_err err;
	unsigned n = 0, same = 0;

	if (pcapio_open(&r, "tests/data/pcap/nflog.pcap", &err) < 0) {
		printf("skip kernel bytes: %s\n", err.msg);
		return;
	}
	while (pcapio_next(&r, &rec, &err) == 1) {
		uint32_t len = NLMSG_HDRLEN + ((rec.caplen + 3) & ~3u);
		struct nlmsghdr *m = calloc(1, len);
		const struct ulog_value *v;
		struct nfula_pkt a, b;

		m->nlmsg_len = len;
		m->nlmsg_type = NFULA_MSG_PACKET;
		memcpy(mnl_nlmsg_get_payload(m), rec.data, rec.caplen);
		if (parse(h, m, &err) == 0 && (v = out(h, "oob.prefix")) && n < 7 &&
		    !strcmp(v->str, want[n]) && nfula_parse_msg(m, &a, &err) == 0 &&
		    pcapio_decode(DLT_NFLOG, rec.data, rec.caplen, &b, &err) == 0 &&
		    a.payload_len == b.payload_len && !memcmp(a.payload, b.payload, a.payload_len) &&
		    a.ts_sec == b.ts_sec && a.ts_usec == b.ts_usec && a.indev == b.indev &&
		    a.outdev == b.outdev && a.hook == b.hook && a.family == b.family &&
		    a.seq == b.seq && a.has_ts == b.has_ts)
			same++;
		n++;
		free(m);
	}
	pcapio_close(&r);
	CHECK(n == 7 && same == n, "kernel messages: %u of %u parse alike as netlink and as capture", same, n);
}

int main(void)
{
	struct harness *h = harness_new(&ulog_plugin_NFLOG);

	ULOG_CONF(&h->inst, struct nflog_conf)->numeric_label = 7;
	CHECK(h->inst.plugin->n_out == 24 && !strcmp(nflog_keys[NFLOG_KEY_CT].name, "ct") &&
	      !strcmp(nflog_keys[NFLOG_KEY_RAW_MAC_LEN].name, "raw.mac_len"),
	      "24 keys in ulogd2 2.0.8's order");
	test_full(h);
	test_optional(h);
	test_gaps(h);
	test_gap_ratelimit(h);
	test_malformed(h);
	test_truncations(h);
	test_kernel_bytes(h);
	harness_free(h);
	TEST_EXIT();
}
