// SPDX-License-Identifier: GPL-2.0-or-later
// mkreplay: writes a deterministic Ethernet capture of whole connections for nfcore replay benchmarks.
//
// Usage: mkreplay FILE N ADDRS [SEED]
// ADDRS is a text file of what a ruleset names, one item a line:
//   `a ADDRESS [MAC]`        a listed host (IPv4 or IPv6); frames it sends carry MAC as source
//   `s ADDRESS tcp|udp PORT` a service that inbound connections of that protocol go to
//   `p PORT`                 a service port of remote servers
// Each connection joins one listed host with a remote one (IPv4 198.18.0.0/15, IPv6
// 2001:db8::/32, so it arrives by the default route), inbound (remote client to a listed
// service, or to a listed host on a listed port when no service fits) or outbound (listed host
// to a remote server on a listed port), half each. Connections, by count: 60 % TCP (SYN,
// SYN/ACK, ACK, 1-6 rounds of a request, 1-10 answer segments and an ACK, then FIN, FIN, ACK;
// sequence and acknowledgement numbers right, so window tracking accepts every segment), 30 %
// UDP (1-3 request/answer pairs), 10 % ICMP echo (1-4 pairs); 5 % are TCP attempts that nobody
// answers (a SYN and two retransmissions, to a listed host and port); a quarter over IPv6 when
// ADDRS has IPv6 hosts. 2,048 connections are open at a time and each packet comes from one
// picked at random, so the table holds thousands of live entries; about 20 packets per
// connection on average (~50,000 connections per million packets). Time starts at
// 1,700,000,000 s and advances 20 us per packet. Payloads are 0-600 bytes, full length (no
// snap length). IPv4 header checksums are right; transport checksums are 0 (conntrack does not
// verify them in replay). Exactly N packets are written; connections still open at the end stop
// mid-way. The same arguments give the same file.
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP 65535
#define OPEN 2048
#define MAX_ADDRS 16384
#define MAX_PORTS 4096

struct flow {
	int proto;             /* 6, 17, 1 (ICMP or ICMPv6 by family) */
	int v6;
	uint8_t cli[16], srv[16];
	uint8_t cmac[6], smac[6];  /* source MACs of the client's and the server's frames */
	unsigned cport, sport;
	uint32_t cseq, sseq;   /* next sequence number of each side */
	int step, rounds, segs, seg; /* TCP: phase counters */
	int pairs;             /* UDP/ICMP: request/answer pairs left */
	int attempt;           /* TCP: a connection attempt nobody answers: SYNs left */
	unsigned id;
};

static uint64_t rng_state;
struct host {
	uint8_t addr[16], mac[6];
};

struct service {
	uint8_t addr[16];
	int v6, proto;
	unsigned port;
};

static struct host hosts4[MAX_ADDRS], hosts6[MAX_ADDRS];
static struct service svcs[MAX_ADDRS];
static unsigned n4, n6, nsvc, ports[MAX_PORTS], np;
static const uint8_t far_mac[6] = { 2, 0, 0, 0, 0, 1 }, def_mac[6] = { 2, 0, 0, 0, 0, 2 };

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static void put16(uint8_t *p, unsigned v) { p[0] = v >> 8; p[1] = v & 0xff; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v >> 16); put16(p + 2, v & 0xffff); }

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

/* parse_mac: "aa:bb:cc:dd:ee:ff" into m; 0 or -1. */
static int parse_mac(const char *t, uint8_t *m)
{
	unsigned v[6];
	int i;

	if (sscanf(t, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		m[i] = (uint8_t)v[i];
	return 0;
}

/* add_host: an `a ADDRESS [MAC]` line. */
static void add_host(const char *a, const char *mac)
{
	struct host h = { .addr = { 0 } };

	memcpy(h.mac, def_mac, 6);
	if (*mac)
		parse_mac(mac, h.mac);
	if (n4 < MAX_ADDRS && inet_pton(AF_INET, a, h.addr) == 1)
		hosts4[n4++] = h;
	else if (n6 < MAX_ADDRS && inet_pton(AF_INET6, a, h.addr) == 1)
		hosts6[n6++] = h;
}

/* add_service: an `s ADDRESS PROTO PORT` line. */
static void add_service(const char *a, const char *proto, const char *port)
{
	struct service v = { .addr = { 0 } };

	v.proto = !strcmp(proto, "tcp") ? 6 : !strcmp(proto, "udp") ? 17 : 0;
	v.port = (unsigned)atoi(port);
	if (!v.proto || !v.port || v.port > 65535 || nsvc >= MAX_ADDRS)
		return;
	if (inet_pton(AF_INET, a, v.addr) == 1 || (v.v6 = inet_pton(AF_INET6, a, v.addr) == 1))
		svcs[nsvc++] = v;
}

/* load: reads the ADDRS file; returns 0 or -1 with a message. */
static int load(const char *file)
{
	char line[512], w[3][200];
	FILE *f = fopen(file, "r");

	if (!f) {
		perror(file);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		char kind;
		int k;

		w[0][0] = w[1][0] = w[2][0] = 0;
		k = sscanf(line, " %c %199s %199s %199s", &kind, w[0], w[1], w[2]);
		if (k >= 2 && kind == 'p' && np < MAX_PORTS && atoi(w[0]) > 0 && atoi(w[0]) < 65536)
			ports[np++] = (unsigned)atoi(w[0]);
		else if (k >= 2 && kind == 'a')
			add_host(w[0], w[1]);
		else if (k == 4 && kind == 's')
			add_service(w[0], w[1], w[2]);
	}
	fclose(f);
	if (!n4 || !np) {
		fprintf(stderr, "mkreplay: %s: needs at least one IPv4 host and one port\n", file);
		return -1;
	}
	return 0;
}

/* pick_service: a random service of protocol proto and family v6, or NULL. */
static const struct service *pick_service(int proto, int v6)
{
	unsigned i, start;

	if (!nsvc)
		return NULL;
	start = rng() % nsvc;
	for (i = 0; i < nsvc && i < 64; i++) {
		const struct service *v = &svcs[(start + i) % nsvc];

		if (v->proto == proto && v->v6 == v6)
			return v;
	}
	return NULL;
}

/* remote: a remote address of the family (v4 198.18/15, v6 2001:db8::/32). */
static void remote(uint8_t *a, int v6)
{
	uint32_t r = rng();

	if (!v6) {
		a[0] = 198; a[1] = 18 + (r & 1); a[2] = (r >> 1) & 0xff; a[3] = 1 + (r >> 9) % 254;
		return;
	}
	memset(a, 0, 16);
	put16(a, 0x2001); put16(a + 2, 0x0db8);
	put32(a + 8, rng()); put32(a + 12, r | 1);
}

/* flow_new: a new connection in slot f. */
static void flow_new(struct flow *f, unsigned id)
{
	uint32_t k = rng() % 100;
	int v6 = n6 && rng() % 4 == 0, inbound = rng() & 1;
	const struct host *h = v6 ? &hosts6[rng() % n6] : &hosts4[rng() % n4];
	const struct service *v;
	uint8_t far[16];

	memset(f, 0, sizeof(*f));
	f->id = id;
	f->v6 = v6;
	f->proto = k < 60 ? 6 : k < 90 ? 17 : 1;
	remote(far, v6);
	f->sport = ports[rng() % np];
	v = inbound ? pick_service(f->proto, v6) : NULL;
	memcpy(inbound ? f->srv : f->cli, v ? v->addr : h->addr, 16);
	memcpy(inbound ? f->cli : f->srv, far, 16);
	memcpy(inbound ? f->smac : f->cmac, v ? def_mac : h->mac, 6);
	memcpy(inbound ? f->cmac : f->smac, far_mac, 6);
	if (v)
		f->sport = v->port;
	if (f->proto == 1)
		f->sport = 0;
	f->cport = 32768 + rng() % 28000;
	f->cseq = rng() * 2654435761u;
	f->sseq = rng() * 2246822519u;
	f->rounds = 1 + rng() % 6;
	f->pairs = 1 + rng() % (f->proto == 17 ? 3 : 4);
	if (k < 5) {            /* an attempt to a host and port of the list, never answered */
		f->attempt = 3;
		f->sport = ports[rng() % np];
	}
}

/* ip_hdr: writes the IP header for a packet of flow f in direction fwd (client to server). */
static int ip_hdr(uint8_t *ip, const struct flow *f, int fwd, int l4len, unsigned id)
{
	const uint8_t *s = fwd ? f->cli : f->srv, *d = fwd ? f->srv : f->cli;
	int proto = f->proto == 1 && f->v6 ? 58 : f->proto;

	if (f->v6) {
		memset(ip, 0, 40);
		ip[0] = 0x60;
		put16(ip + 4, l4len);
		ip[6] = proto;
		ip[7] = 64;
		memcpy(ip + 8, s, 16);
		memcpy(ip + 24, d, 16);
		return 40;
	}
	memset(ip, 0, 20);
	ip[0] = 0x45;
	put16(ip + 2, 20 + l4len);
	put16(ip + 4, id & 0xffff);
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, s, 4);
	memcpy(ip + 16, d, 4);
	put16(ip + 10, ip4_csum(ip));
	return 20;
}

/* tcp_seg: one TCP segment; advances the sender's sequence number. */
static int tcp_seg(uint8_t *p, struct flow *f, int fwd, int flags, int pay)
{
	uint32_t *seq = fwd ? &f->cseq : &f->sseq, ack = fwd ? f->sseq : f->cseq;

	memset(p, 0, 20);
	put16(p, fwd ? f->cport : f->sport);
	put16(p + 2, fwd ? f->sport : f->cport);
	put32(p + 4, *seq);
	put32(p + 8, flags & 0x10 ? ack : 0);
	p[12] = 5 << 4;
	p[13] = flags;
	put16(p + 14, 64240);
	memset(p + 20, 'd', pay);
	*seq += pay + ((flags & 0x03) ? 1 : 0);
	return 20 + pay;
}

/* tcp_next: the next segment of a TCP connection; sets *fwd and *done. */
static int tcp_next(uint8_t *p, struct flow *f, int *fwd, int *done)
{
	int s = f->step++;

	if (f->attempt) {       /* the SYN and its retransmissions, the same sequence number */
		*fwd = 1;
		*done = --f->attempt == 0;
		f->cseq -= s ? 1 : 0;
		return tcp_seg(p, f, 1, 0x02, 0);
	}
	if (s == 0)
		return *fwd = 1, tcp_seg(p, f, 1, 0x02, 0);
	if (s == 1)
		return *fwd = 0, tcp_seg(p, f, 0, 0x12, 0);
	if (s == 2)
		return *fwd = 1, tcp_seg(p, f, 1, 0x10, 0);
	if (f->rounds) {
		if (f->seg == 0) {      /* request */
			f->segs = 1 + rng() % 10;
			f->seg = 1;
			return *fwd = 1, tcp_seg(p, f, 1, 0x18, 20 + rng() % 280);
		}
		if (f->seg <= f->segs) { /* answer segments */
			f->seg++;
			return *fwd = 0, tcp_seg(p, f, 0, 0x18, 200 + rng() % 400);
		}
		f->seg = 0;             /* client acknowledges */
		f->rounds--;
		return *fwd = 1, tcp_seg(p, f, 1, 0x10, 0);
	}
	f->step = s + 1;
	switch (f->seg++) {
	case 0:
		return *fwd = 1, tcp_seg(p, f, 1, 0x11, 0);
	case 1:
		return *fwd = 0, tcp_seg(p, f, 0, 0x11, 0);
	default:
		*done = 1;
		return *fwd = 1, tcp_seg(p, f, 1, 0x10, 0);
	}
}

/* dgram_next: the next UDP datagram or ICMP echo of a connection. */
static int dgram_next(uint8_t *p, struct flow *f, int *fwd, int *done)
{
	int pay = f->proto == 17 ? 30 + rng() % 450 : 56;

	*fwd = f->step % 2 == 0;
	f->step++;
	if (!*fwd && --f->pairs == 0)
		*done = 1;
	if (f->proto == 17) {
		put16(p, *fwd ? f->cport : f->sport);
		put16(p + 2, *fwd ? f->sport : f->cport);
		put16(p + 4, 8 + pay);
		put16(p + 6, 0);
	} else {
		p[0] = f->v6 ? (*fwd ? 128 : 129) : (*fwd ? 8 : 0);
		p[1] = 0;
		put16(p + 2, 0);
		put16(p + 4, f->cport);
		put16(p + 6, f->step / 2);
	}
	memset(p + 8, 'u', pay);
	return 8 + pay;
}

/* build: the next packet of flow f into frame; returns its length, sets *done at its end. */
static int build(uint8_t *frame, struct flow *f, unsigned long i, int *done)
{
	static uint8_t l4[SNAP];
	int fwd = 1, l4len, nh;

	*done = 0;
	l4len = f->proto == 6 ? tcp_next(l4, f, &fwd, done) : dgram_next(l4, f, &fwd, done);
	memcpy(frame, fwd ? f->smac : f->cmac, 6);  /* destination: the other end */
	memcpy(frame + 6, fwd ? f->cmac : f->smac, 6);
	put16(frame + 12, f->v6 ? 0x86dd : 0x0800);
	nh = ip_hdr(frame + 14, f, fwd, l4len, (unsigned)i);
	memcpy(frame + 14 + nh, l4, l4len);
	return 14 + nh + l4len;
}

int main(int argc, char **argv)
{
	static uint8_t frame[SNAP];
	static struct flow open[OPEN];
	struct pcap_pkthdr h;
	pcap_dumper_t *d;
	pcap_t *p;
	unsigned long n, i, flows = 0;

	if (argc < 4) {
		fprintf(stderr, "usage: mkreplay FILE N ADDRS [SEED]\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 0);
	rng_state = argc > 4 ? strtoull(argv[4], NULL, 0) : 1;
	if (!rng_state)
		rng_state = 1;
	if (load(argv[3]) < 0)
		return 1;
	p = pcap_open_dead(DLT_EN10MB, SNAP);
	d = p ? pcap_dump_open(p, argv[1]) : NULL;
	if (!d) {
		fprintf(stderr, "mkreplay: %s: %s\n", argv[1], p ? pcap_geterr(p) : "pcap_open_dead failed");
		return 1;
	}
	for (i = 0; i < OPEN; i++)
		flow_new(&open[i], (unsigned)flows++);
	for (i = 0; i < n; i++) {
		unsigned long us = i * 20;
		struct flow *f = &open[rng() % OPEN];
		int done;

		h.caplen = h.len = (bpf_u_int32)build(frame, f, i, &done);
		h.ts.tv_sec = (time_t)(1700000000 + us / 1000000);
		h.ts.tv_usec = (suseconds_t)(us % 1000000);
		pcap_dump((u_char *)d, &h, frame);
		if (done)
			flow_new(f, (unsigned)flows++);
	}
	if (pcap_dump_flush(d) < 0) {
		fprintf(stderr, "mkreplay: %s: write failed\n", argv[1]);
		return 1;
	}
	pcap_dump_close(d);
	pcap_close(p);
	printf("wrote %lu packets of %lu connections to %s\n", n, flows, argv[1]);
	return 0;
}
