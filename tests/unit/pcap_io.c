/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lib/pcapio: write captures of every supported link type, read them back, decode, damaged files. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/if_arp.h>
#include <linux/if_packet.h>

#include "lib/pcapio.h"
#include "tests/unit/test.h"

static const uint8_t ip4[] = {
	0x45, 0x00, 0x00, 0x1c, 0x12, 0x34, 0x40, 0x00, 0x40, 0x01, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x08, 0x00, 0xf7, 0xfe, 0x00, 0x01, 0x00, 0x00,
};
static const uint8_t ip6_hdr[40] = { 0x60, 0, 0, 0, 0, 0, 58, 64 };

static char dir[] = "/tmp/pcapioXXXXXX";

static const char *path(const char *name)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

/* Writes one record of link type @dlt to @name; returns 0 or -1. */
static int write_one(const char *name, int dlt, const void *rec, uint32_t n)
{
	struct pcapio_writer w;
	struct timeval tv = { .tv_sec = 1700000000, .tv_usec = 250000 };
	struct ulog_err err;

	if (pcapio_create(&w, path(name), dlt, 65535, false, &err) < 0)
		return -1;
	pcapio_write(&w, &tv, rec, n, n);
	pcapio_close_writer(&w);
	return 0;
}

/* Reads the single record of @name and decodes it into @p. */
static int read_one(const char *name, struct nfula_pkt *p, struct pcapio_rec *rec)
{
	static struct pcapio_reader r;
	static uint8_t copy[4096];
	struct ulog_err err;
	int rc;

	pcapio_close(&r);
	if (pcapio_open(&r, path(name), &err) < 0 || pcapio_next(&r, rec, &err) != 1)
		return -1;
	memcpy(copy, rec->data, rec->caplen);   /* outlive the reader's buffer */
	rec->data = copy;
	rc = pcapio_decode(r.linktype, copy, rec->caplen, p, &err);
	return rc;
}

static void test_ether(void)
{
	uint8_t f[14 + 4 + sizeof(ip4)] = { 0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01,
					    0x81, 0x00, 0x00, 0x05, 0x08, 0x00 };
	struct pcapio_rec rec;
	struct nfula_pkt p;

	memcpy(f + 18, ip4, sizeof(ip4));
	CHECK(write_one("eth.pcap", DLT_EN10MB, f, sizeof(f)) == 0 && read_one("eth.pcap", &p, &rec) == 0,
	      "Ethernet (VLAN-tagged) capture written and read");
	CHECK(rec.ts.tv_sec == 1700000000 && rec.ts.tv_usec == 250000, "record timestamp");
	CHECK(p.family == AF_INET && p.has_proto && p.hw_protocol == 0x0800, "family and protocol");
	CHECK(p.payload_len == sizeof(ip4) && !memcmp(p.payload, ip4, sizeof(ip4)),
	      "payload after the VLAN tag");
	CHECK(p.hwheader_len == 14 && p.hwlen == 14 && p.has_hwtype && p.hwtype == ARPHRD_ETHER &&
	      p.hwaddr_len == 6 && p.hwaddr[5] == 0x01, "hardware header and source address");
	f[12] = 0x08, f[13] = 0x06;     /* ARP: bridge family, as the kernel logs it */
	write_one("arp.pcap", DLT_EN10MB, f, sizeof(f));
	CHECK(read_one("arp.pcap", &p, &rec) == 0 && p.family == AF_BRIDGE &&
	      p.hw_protocol == 0x0806, "non-IP frames are bridge family");
	write_one("short.pcap", DLT_EN10MB, f, 10);
	CHECK(read_one("short.pcap", &p, &rec) == -EINVAL, "10-byte Ethernet record refused");
}

static void test_raw(void)
{
	uint8_t v6[sizeof(ip6_hdr)];
	struct pcapio_rec rec;
	struct nfula_pkt p;

	memcpy(v6, ip6_hdr, sizeof(v6));
	CHECK(write_one("raw4.pcap", DLT_RAW, ip4, sizeof(ip4)) == 0 &&
	      read_one("raw4.pcap", &p, &rec) == 0 && p.family == AF_INET &&
	      p.payload == rec.data && p.payload_len == sizeof(ip4) && !p.hwheader && !p.hwaddr,
	      "raw IPv4: family from the version, no hardware keys");
	CHECK(write_one("raw6.pcap", DLT_RAW, v6, sizeof(v6)) == 0 &&
	      read_one("raw6.pcap", &p, &rec) == 0 && p.family == AF_INET6 &&
	      p.hw_protocol == 0x86dd, "raw IPv6");
	CHECK(write_one("ipv6.pcap", DLT_IPV6, v6, sizeof(v6)) == 0 &&
	      read_one("ipv6.pcap", &p, &rec) == 0 && p.family == AF_INET6, "LINKTYPE_IPV6");
}

static void test_cooked(void)
{
	uint8_t s1[16 + sizeof(ip4)] = { 0, 0, 0, 1, 0, 6, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0, 0,
					 0x08, 0x00 };
	uint8_t s2[20 + sizeof(ip4)] = { 0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, PACKET_OUTGOING, 6,
					 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	struct pcapio_rec rec;
	struct nfula_pkt p;

	memcpy(s1 + 16, ip4, sizeof(ip4));
	memcpy(s2 + 20, ip4, sizeof(ip4));
	CHECK(write_one("sll.pcap", DLT_LINUX_SLL, s1, sizeof(s1)) == 0 &&
	      read_one("sll.pcap", &p, &rec) == 0 && p.family == AF_INET &&
	      p.hwtype == ARPHRD_ETHER && p.hwaddr_len == 6 && p.hwaddr[0] == 0xaa &&
	      p.payload_len == sizeof(ip4) && !p.hwheader, "Linux cooked v1");
	CHECK(write_one("sll2.pcap", DLT_LINUX_SLL2, s2, sizeof(s2)) == 0 &&
	      read_one("sll2.pcap", &p, &rec) == 0 && p.outdev == 7 && p.indev == 0 &&
	      p.hwaddr[5] == 0xff && p.payload_len == sizeof(ip4), "Linux cooked v2: out interface");
	s2[10] = PACKET_HOST;
	write_one("sll2in.pcap", DLT_LINUX_SLL2, s2, sizeof(s2));
	CHECK(read_one("sll2in.pcap", &p, &rec) == 0 && p.indev == 7 && p.outdev == 0,
	      "Linux cooked v2: in interface");
}

/* Appends a host-order TLV (a netlink attribute) to @b at @off; returns the new offset. */
static uint32_t tlv(uint8_t *b, uint32_t off, uint16_t type, const void *v, uint16_t n)
{
	struct nlattr a = { .nla_len = (uint16_t)(4 + n), .nla_type = type };

	memcpy(b + off, &a, 4);
	memcpy(b + off + 4, v, n);
	return off + 4 + ((n + 3u) & ~3u);
}

static void test_nflog(void)
{
	uint8_t b[512] = { AF_INET, 0, 0, 9 };
	struct nfulnl_msg_packet_hdr ph = { .hw_protocol = htons(0x0800), .hook = 3 };
	uint32_t mark = htonl(77), in = htonl(2), off = 4;
	struct pcapio_rec rec;
	struct nfula_pkt p;

	off = tlv(b, off, NFULA_PACKET_HDR, &ph, sizeof(ph));
	off = tlv(b, off, NFULA_PREFIX, "fw-drop", 8);
	off = tlv(b, off, NFULA_MARK, &mark, 4);
	off = tlv(b, off, NFULA_IFINDEX_INDEV, &in, 4);
	off = tlv(b, off, NFULA_PAYLOAD, ip4, sizeof(ip4));
	CHECK(write_one("nflog.pcap", DLT_NFLOG, b, off) == 0 &&
	      read_one("nflog.pcap", &p, &rec) == 0, "NFLOG capture read");
	CHECK(p.family == AF_INET && p.group == 9 && p.hook == 3 && p.mark == 77 && p.indev == 2,
	      "NFLOG TLVs: family, group, hook, mark, interface");
	CHECK(p.prefix && !strcmp(p.prefix, "fw-drop") && p.prefix_len == 7, "NFLOG prefix");
	CHECK(p.payload_len == sizeof(ip4) && !memcmp(p.payload, ip4, sizeof(ip4)), "NFLOG payload");
	mark = 0;
	tlv(b, 4 + 8, NFULA_PREFIX, "xxxxxxxx", 8);   /* prefix loses its NUL */
	write_one("nflog-bad.pcap", DLT_NFLOG, b, off);
	CHECK(read_one("nflog-bad.pcap", &p, &rec) == -EINVAL, "NFLOG prefix without NUL refused");
}

static void test_damaged(void)
{
	struct pcapio_writer w;
	struct pcapio_reader r;
	struct pcapio_rec rec;
	struct timeval tv = { 1, 0 };
	struct ulog_err err;
	char msg[1024];
	int i, rc = 0;
	long size;
	FILE *f;

	pcapio_create(&w, path("cut.pcap"), DLT_RAW, 65535, false, &err);
	for (i = 0; i < 3; i++)
		pcapio_write(&w, &tv, ip4, sizeof(ip4), sizeof(ip4));
	pcapio_close_writer(&w);
	f = fopen(path("cut.pcap"), "r+");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	CHECK(truncate(path("cut.pcap"), size - 10) == 0, "capture cut in its third record");
	ulog_err_clear(&err);
	pcapio_open(&r, path("cut.pcap"), &err);
	for (i = 0; (rc = pcapio_next(&r, &rec, &err)) == 1; i++)
		;
	CHECK(i == 2 && rc == -EINVAL && err.index == 3 && !strcmp(err.file, path("cut.pcap")),
	      "two records, then the damaged one reported as packet 3 (%s)",
	      ulog_err_str(&err, msg, sizeof(msg)));
	pcapio_close(&r);

	f = fopen(path("junk.pcap"), "w");
	fputs("this is not a capture file at all", f);
	fclose(f);
	ulog_err_clear(&err);
	CHECK(pcapio_open(&r, path("junk.pcap"), &err) == -EINVAL && strstr(err.file, "junk.pcap"),
	      "a bad file header is refused naming the file (%s)", err.msg);
	CHECK(pcapio_open(&r, path("none.pcap"), &err) == -ENOENT, "a missing file is -ENOENT");
}

static void test_append(void)
{
	struct pcapio_writer w;
	struct pcapio_reader r;
	struct pcapio_rec rec;
	struct timeval tv = { 2, 0 };
	struct ulog_err err;
	int n = 0;

	pcapio_create(&w, path("app.pcap"), DLT_RAW, 65535, false, &err);
	pcapio_write(&w, &tv, ip4, sizeof(ip4), sizeof(ip4));
	pcapio_close_writer(&w);
	CHECK(pcapio_create(&w, path("app.pcap"), DLT_RAW, 65535, true, &err) == 0,
	      "append to an existing capture");
	pcapio_write(&w, &tv, ip4, 20, sizeof(ip4));
	CHECK(pcapio_flush(&w) == 0, "flush");
	pcapio_close_writer(&w);
	pcapio_open(&r, path("app.pcap"), &err);
	while (pcapio_next(&r, &rec, &err) == 1)
		n++;
	CHECK(n == 2 && rec.caplen == 20 && rec.len == sizeof(ip4), "both records, snapped length kept");
	pcapio_close(&r);
	CHECK(pcapio_create(&w, "/nonexistent/dir/x.pcap", DLT_RAW, 65535, false, &err) < 0 &&
	      strstr(err.file, "x.pcap"), "unwritable path is an error naming it");
}

int main(void)
{
	char cmd[300];

	if (!mkdtemp(dir))
		return 1;
	test_ether();
	test_raw();
	test_cooked();
	test_nflog();
	test_damaged();
	test_append();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	TEST_EXIT();
}
