// SPDX-License-Identifier: GPL-2.0-or-later
// mkpcap: writes a deterministic Ethernet capture of N packets, mixed TCP/UDP/ICMP over IPv4/IPv6.
//
// Usage: mkpcap FILE N [SEED]
// Packet i is kind i % 6: IPv4 TCP, IPv4 UDP, IPv4 ICMP echo, IPv6 TCP, IPv6 UDP, IPv6 ICMPv6
// echo; addresses, ports, TCP flags and payload length (0..255 bytes) come from a xorshift
// generator seeded with SEED (default 1), so the same arguments give the same file. Time starts
// at 1,700,000,000 s and advances 10 us per packet. IPv4 header checksums are right; transport
// checksums are left 0 (nothing on the benchmark path verifies them).
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP 65535

static uint64_t rng_state;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static void put16(uint8_t *p, unsigned v) { p[0] = v >> 8; p[1] = v & 0xff; }

/* ip4_csum: the internet checksum of a 20-byte IPv4 header whose checksum field is 0. */
static unsigned ip4_csum(const uint8_t *h)
{
	uint32_t s = 0;
	int i;

	for (i = 0; i < 20; i += 2)
		s += (unsigned)h[i] << 8 | h[i + 1];
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* put_l4: writes the transport header for proto at p; returns its length. */
static int put_l4(uint8_t *p, int proto)
{
	switch (proto) {
	case 6:
		memset(p, 0, 20);
		put16(p, 1024 + rng() % 60000);
		put16(p + 2, (const unsigned[]){ 22, 80, 443, 8080 }[rng() % 4]);
		put16(p + 4, rng() >> 16); put16(p + 6, rng() & 0xffff);
		put16(p + 8, rng() >> 16); put16(p + 10, rng() & 0xffff);
		p[12] = 5 << 4;
		p[13] = (const uint8_t[]){ 0x02, 0x12, 0x10, 0x18, 0x11, 0x04 }[rng() % 6];
		put16(p + 14, 64240);
		return 20;
	case 17:
		put16(p, 1024 + rng() % 60000);
		put16(p + 2, (const unsigned[]){ 53, 123, 443, 9999 }[rng() % 4]);
		put16(p + 6, 0);
		return 8;
	default: /* ICMP / ICMPv6 echo request */
		p[0] = proto == 1 ? 8 : 128;
		p[1] = 0;
		put16(p + 2, 0);
		put16(p + 4, rng() & 0xffff);
		put16(p + 6, rng() & 0xffff);
		return 8;
	}
}

/* build: writes packet i into f (Ethernet frame); returns the frame length. */
static int build(uint8_t *f, long i)
{
	static const int protos[6] = { 6, 17, 1, 6, 17, 58 };
	int kind = i % 6, v6 = kind >= 3, proto = protos[kind];
	int nh = v6 ? 40 : 20, l4, pay = rng() % 256, ip_len;
	uint8_t *ip = f + 14, *l4p = ip + nh;

	memcpy(f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
	put16(f + 12, v6 ? 0x86dd : 0x0800);
	l4 = put_l4(l4p, proto);
	memset(l4p + l4, 'p', pay);
	ip_len = nh + l4 + pay;
	if (proto == 17)
		put16(l4p + 4, l4 + pay);
	if (v6) {
		memset(ip, 0, 40);
		ip[0] = 0x60;
		put16(ip + 4, l4 + pay);
		ip[6] = proto;
		ip[7] = 64;
		ip[8] = 0xfd; ip[23] = rng() & 0xff; ip[22] = rng() & 0xff;
		ip[24] = 0xfd; ip[39] = rng() & 0xff; ip[38] = 1;
	} else {
		memset(ip, 0, 20);
		ip[0] = 0x45;
		put16(ip + 2, ip_len);
		put16(ip + 4, i & 0xffff);
		ip[6] = 0x40; /* DF */
		ip[8] = 64;
		ip[9] = proto;
		ip[12] = 10; ip[13] = rng() % 4; ip[14] = rng() & 0xff; ip[15] = 1 + rng() % 254;
		ip[16] = 192; ip[17] = 168; ip[18] = rng() % 8; ip[19] = 1 + rng() % 254;
		put16(ip + 10, ip4_csum(ip));
	}
	return 14 + ip_len;
}

int main(int argc, char **argv)
{
	static uint8_t frame[SNAP];
	struct pcap_pkthdr h;
	pcap_dumper_t *d;
	pcap_t *p;
	long n, i;

	if (argc < 3) {
		fprintf(stderr, "usage: mkpcap FILE N [SEED]\n");
		return 2;
	}
	n = atol(argv[2]);
	rng_state = argc > 3 ? strtoull(argv[3], NULL, 0) : 1;
	if (!rng_state)
		rng_state = 1;
	p = pcap_open_dead(DLT_EN10MB, SNAP);
	d = p ? pcap_dump_open(p, argv[1]) : NULL;
	if (!d) {
		fprintf(stderr, "mkpcap: %s: %s\n", argv[1], p ? pcap_geterr(p) : "pcap_open_dead failed");
		return 1;
	}
	for (i = 0; i < n; i++) {
		long us = i * 10;

		h.caplen = h.len = build(frame, i);
		h.ts.tv_sec = 1700000000 + us / 1000000;
		h.ts.tv_usec = us % 1000000;
		pcap_dump((u_char *)d, &h, frame);
	}
	if (pcap_dump_flush(d) < 0) {
		fprintf(stderr, "mkpcap: %s: write failed\n", argv[1]);
		return 1;
	}
	pcap_dump_close(d);
	pcap_close(p);
	printf("wrote %ld packets to %s\n", n, argv[1]);
	return 0;
}
