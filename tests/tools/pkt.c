/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test tool: builds an IPv4/IPv6 packet from a key=value spec, prints it as hex or sends it on an interface. */
/*
 * Usage:
 *   pkt hex -4|-6 KEY=VALUE...            print the packet (from the IP header) as hex
 *   pkt send IFACE DSTMAC -4|-6 KEY=VALUE...   send it as an Ethernet frame (AF_PACKET)
 *   pkt random -4|-6 SEED COUNT           COUNT lines "HOOK eth0 eth1 HEX" of random,
 *                                         often truncated packets (nfctl eval input)
 * Keys (filter/ext/README.md): proto src dst sport dport flags type code ttl len
 * payload tcpopt id frag. Checksums are computed, so the kernel accepts the packet.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

struct spec {
	int v6;
	int proto;
	uint8_t src[16], dst[16];
	int sport, dport, type, code, ttl, len;
	int flags;
	char payload[1024];
	uint8_t opts[40];
	int optlen;
};

static int die(const char *m, const char *a)
{
	fprintf(stderr, "pkt: %s%s%s\n", m, a ? ": " : "", a ? a : "");
	exit(2);
}

static int tcp_flags(const char *s)
{
	static const char *const n[] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR" };
	char buf[128], *save = NULL, *t;
	int f = 0, i;

	snprintf(buf, sizeof(buf), "%s", s);
	for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcasecmp(t, "NONE"))
			continue;
		for (i = 0; i < 8 && strcasecmp(t, n[i]); i++)
			;
		if (i == 8)
			die("bad tcp flag", t);
		f |= 1 << i;
	}
	return f;
}

/* TCP options of the given kinds, each with a plausible length, padded with NOPs. */
static void tcp_opts(struct spec *s, const char *list)
{
	char buf[128], *save = NULL, *t;

	snprintf(buf, sizeof(buf), "%s", list);
	for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		int k = atoi(t), l = k == 2 ? 4 : k == 3 ? 3 : k == 4 ? 2 : k == 8 ? 10 : 2;

		if (k <= 1) {
			s->opts[s->optlen++] = (uint8_t)k;
			continue;
		}
		if (s->optlen + l > 36)
			die("too many tcp options", list);
		s->opts[s->optlen] = (uint8_t)k;
		s->opts[s->optlen + 1] = (uint8_t)l;
		memset(s->opts + s->optlen + 2, 0, (size_t)l - 2);
		if (k == 2) {
			s->opts[s->optlen + 2] = 0x05;
			s->opts[s->optlen + 3] = 0xb4;
		}
		s->optlen += l;
	}
	while (s->optlen % 4)
		s->opts[s->optlen++] = 1;
}

static int proto_num(const char *p)
{
	if (!strcmp(p, "tcp")) return 6;
	if (!strcmp(p, "udp")) return 17;
	if (!strcmp(p, "icmp")) return 1;
	if (!strcmp(p, "icmpv6") || !strcmp(p, "ipv6-icmp")) return 58;
	if (!strcmp(p, "sctp")) return 132;
	if (!strcmp(p, "esp")) return 50;
	if (!strcmp(p, "ah")) return 51;
	return atoi(p);
}

static void parse_spec(struct spec *s, int argc, char **argv)
{
	int af = s->v6 ? AF_INET6 : AF_INET, i;

	inet_pton(af, s->v6 ? "fd77::1" : "10.77.0.1", s->src);
	inet_pton(af, s->v6 ? "fd77::2" : "10.77.0.2", s->dst);
	s->ttl = 64;
	s->sport = 40000;
	s->dport = 80;
	s->type = s->v6 ? 128 : 8;
	for (i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		const char *v;

		if (!eq)
			die("want KEY=VALUE", argv[i]);
		*eq = 0;
		v = eq + 1;
		if (!strcmp(argv[i], "proto")) s->proto = proto_num(v);
		else if (!strcmp(argv[i], "src")) { if (inet_pton(af, v, s->src) != 1) die("bad src", v); }
		else if (!strcmp(argv[i], "dst")) { if (inet_pton(af, v, s->dst) != 1) die("bad dst", v); }
		else if (!strcmp(argv[i], "sport")) s->sport = atoi(v);
		else if (!strcmp(argv[i], "dport")) s->dport = atoi(v);
		else if (!strcmp(argv[i], "flags")) s->flags = tcp_flags(v);
		else if (!strcmp(argv[i], "type")) s->type = atoi(v);
		else if (!strcmp(argv[i], "code")) s->code = atoi(v);
		else if (!strcmp(argv[i], "ttl")) s->ttl = atoi(v);
		else if (!strcmp(argv[i], "len")) s->len = atoi(v);
		else if (!strcmp(argv[i], "payload")) snprintf(s->payload, sizeof(s->payload), "%s", v);
		else if (!strcmp(argv[i], "tcpopt")) tcp_opts(s, v);
		else if (!strcmp(argv[i], "mark") || !strcmp(argv[i], "ct") || !strcmp(argv[i], "mac") ||
			 !strcmp(argv[i], "ts") || !strcmp(argv[i], "tz") || !strcmp(argv[i], "sp"))
			;  /* metadata for extcheck; the kernel takes mac from the sender's interface */
		else die("unknown key", argv[i]);
	}
	if (!s->proto)
		die("proto= is required", NULL);
}

static uint32_t sum16(const uint8_t *p, size_t n, uint32_t acc)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		acc += (uint32_t)(p[n - 1] << 8);
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The transport header and payload at @l4; returns its length. */
static size_t build_l4(const struct spec *s, uint8_t *l4)
{
	size_t plen = strlen(s->payload), hl;

	if (!plen && s->len) {
		memset(l4 + 64, 'x', (size_t)s->len);
		plen = (size_t)s->len;
	}
	switch (s->proto) {
	case 6:
		hl = 20 + (size_t)s->optlen;
		put16(l4, (unsigned)s->sport);
		put16(l4 + 2, (unsigned)s->dport);
		memset(l4 + 4, 0, 16);
		l4[4] = 0x12; /* seq */
		l4[12] = (uint8_t)((hl / 4) << 4);
		l4[13] = (uint8_t)s->flags;
		put16(l4 + 14, 65535);
		memcpy(l4 + 20, s->opts, (size_t)s->optlen);
		break;
	case 17: case 132:
		hl = s->proto == 17 ? 8 : 12;
		put16(l4, (unsigned)s->sport);
		put16(l4 + 2, (unsigned)s->dport);
		memset(l4 + 4, 0, hl - 4);
		break;
	case 1: case 58:
		hl = 8;
		memset(l4, 0, 8);
		l4[0] = (uint8_t)s->type;
		l4[1] = (uint8_t)s->code;
		put16(l4 + 4, 0x1234);
		put16(l4 + 6, 1);
		break;
	case 50: case 51:
		hl = s->proto == 50 ? 8 : 12;
		memset(l4, 0, hl);
		if (s->proto == 51)
			l4[1] = 1;
		put16(l4 + (s->proto == 50 ? 2 : 6), (unsigned)s->sport);
		break;
	default:
		hl = 0;
	}
	if (s->payload[0])
		memcpy(l4 + hl, s->payload, plen);
	else if (plen)
		memmove(l4 + hl, l4 + 64, plen);
	return hl + plen;
}

static void l4_checksum(const struct spec *s, uint8_t *l4, size_t n)
{
	int off = s->proto == 6 ? 16 : s->proto == 17 ? 6 : (s->proto == 1 || s->proto == 58) ? 2 : -1;
	uint8_t ph[40];
	uint32_t acc;
	size_t al = s->v6 ? 16 : 4;

	if (off < 0)
		return;
	memcpy(ph, s->src, al);
	memcpy(ph + al, s->dst, al);
	memset(ph + 2 * al, 0, 8);
	ph[2 * al + 3] = (uint8_t)s->proto;
	put16(ph + 2 * al + 6, (unsigned)n);
	acc = s->proto == 1 ? 0 : sum16(ph, 2 * al + 8, 0);
	put16(l4 + off, fold(sum16(l4, n, acc)));
	if (s->proto == 17 && !l4[6] && !l4[7])
		l4[6] = l4[7] = 0xff;
	if (s->proto == 17)
		put16(l4 + 4, (unsigned)n);
}

static size_t build(const struct spec *s, uint8_t *pkt)
{
	size_t hl = s->v6 ? 40 : 20, n;

	n = build_l4(s, pkt + hl);
	if (s->proto == 17)
		put16(pkt + hl + 4, (unsigned)n);
	l4_checksum(s, pkt + hl, n);
	if (s->v6) {
		memset(pkt, 0, 8);
		pkt[0] = 0x60;
		put16(pkt + 4, (unsigned)n);
		pkt[6] = (uint8_t)s->proto;
		pkt[7] = (uint8_t)s->ttl;
		memcpy(pkt + 8, s->src, 16);
		memcpy(pkt + 24, s->dst, 16);
	} else {
		memset(pkt, 0, 20);
		pkt[0] = 0x45;
		put16(pkt + 2, (unsigned)(n + 20));
		put16(pkt + 4, 0x4242);
		pkt[8] = (uint8_t)s->ttl;
		pkt[9] = (uint8_t)s->proto;
		memcpy(pkt + 12, s->src, 4);
		memcpy(pkt + 16, s->dst, 4);
		put16(pkt + 10, fold(sum16(pkt, 20, 0)));
	}
	return n + hl;
}

static int send_pkt(const char *ifname, const char *mac, const uint8_t *p, size_t n, int v6)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_halen = 6 };
	unsigned m[6];
	int fd, i;

	if (sscanf(mac, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6)
		die("bad mac", mac);
	for (i = 0; i < 6; i++)
		sll.sll_addr[i] = (uint8_t)m[i];
	sll.sll_ifindex = (int)if_nametoindex(ifname);
	sll.sll_protocol = htons(v6 ? ETH_P_IPV6 : ETH_P_IP);
	if (!sll.sll_ifindex)
		die("no interface", ifname);
	fd = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (fd < 0 || sendto(fd, p, n, 0, (struct sockaddr *)&sll, sizeof(sll)) != (ssize_t)n)
		die("send failed", ifname);
	close(fd);
	return 0;
}

/* xorshift: the same packets for the same seed on every machine */
static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static int random_pkts(int v6, uint32_t seed, int count)
{
	static const char *const hooks[] = { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" };
	static const uint8_t protos[] = { 6, 17, 1, 58, 132, 50, 51, 0, 43, 44, 60, 59, 47 };
	uint8_t p[160];
	int i, k, n;

	seed = seed ? seed : 1;
	for (i = 0; i < count; i++) {
		for (k = 0; k < (int)sizeof(p); k++)
			p[k] = (uint8_t)rnd(&seed);
		if (v6) {
			p[0] = 0x60;
			p[6] = protos[rnd(&seed) % sizeof(protos)];
			n = 40 + (int)(rnd(&seed) % 100);
		} else {
			p[0] = (uint8_t)(0x40 | (5 + rnd(&seed) % 3));
			p[6] &= rnd(&seed) % 2 ? 0x00 : 0xff;
			p[9] = protos[rnd(&seed) % sizeof(protos)];
			n = 20 + (int)(rnd(&seed) % 100);
		}
		n = 1 + (int)(rnd(&seed) % (unsigned)n);
		printf("%s eth0 eth1 ", hooks[i % 5]);
		for (k = 0; k < n; k++)
			printf("%02x", p[k]);
		printf("\n");
	}
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t pkt[4096];
	struct spec s = { 0 };
	int first;
	size_t n, i;

	if (argc < 3)
		die("usage: pkt hex -4|-6 SPEC... | pkt send IFACE MAC -4|-6 SPEC...", NULL);
	if (!strcmp(argv[1], "random")) {
		if (argc != 5)
			die("usage: pkt random -4|-6 SEED COUNT", NULL);
		return random_pkts(argv[2][1] == '6', (uint32_t)strtoul(argv[3], NULL, 0), atoi(argv[4]));
	}
	first = !strcmp(argv[1], "send") ? 4 : 2;
	if (argc <= first - 1 + 1 || (strcmp(argv[first], "-4") && strcmp(argv[first], "-6")))
		die("want -4 or -6", NULL);
	s.v6 = argv[first][1] == '6';
	parse_spec(&s, argc - first - 1, argv + first + 1);
	n = build(&s, pkt);
	if (first == 4)
		return send_pkt(argv[2], argv[3], pkt, n, s.v6);
	for (i = 0; i < n; i++)
		printf("%02x", pkt[i]);
	printf("\n");
	return 0;
}
