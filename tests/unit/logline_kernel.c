/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel-dialect LOG line printer on crafted packets. With arguments it
 * is also the tool tests/integration/outputs_logline_kernel.sh compares with the real
 * LOG target:  logline_kernel PCAP IN OUT FLAGS PREFIX  prints one line per
 * Ethernet frame of PCAP as the LOG target would for it ("-": no device;
 * INPUT: IN=dev OUT=-, with the MAC header; OUTPUT: IN=- OUT=dev).
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "lib/logline.h"
#include "test.h"

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static uint32_t unhex(const char *s, uint8_t *out)
{
	uint32_t n = 0;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		out[n++] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
		s += 2;
	}
	return n;
}

static void expect(const char *name, const struct logline_kmeta *m, int family,
		   const char *hex, uint32_t cut, const char *want)
{
	uint8_t pkt[1500];
	char line[2048];
	uint32_t n = unhex(hex, pkt);
	int rc = logline_kernel(line, sizeof(line), m, family, pkt, cut ? cut : n);

	if (rc < 0 || strcmp(line, want)) {
		printf("# got:  '%s'\n# want: '%s'\n", line, want);
		test_report(0, "logline kernel %s", name);
		return;
	}
	test_report(1, "logline kernel %s", name);
}

/* IPv4 TCP SYN 10.0.0.2:40000 -> 10.0.0.1:80, MSS option, DF, id 0x1234. */
#define SYN4 "45000030123440004006 0000 0a000002 0a000001" \
	" 9c400050 b2d05e00 00000000 7002faf0 0000 0000 020405b4 01010402"
/* ICMP port unreachable from 10.0.0.1 quoting UDP 10.0.0.2:5000 -> 10.0.0.1:53. */
#define UNREACH4 "45c0003800004000400100000a0000010a000002 0303 0000 00000000" \
	" 4500001c abcd0000 40110000 0a000002 0a000001 1388 0035 0008 0000"
/* IPv6 UDP in a first fragment: fd00::2 -> fd00::1, flow label 0x12345. */
#define FRAG6 "60012345 0010 2c 40 fd000000000000000000000000000002 fd000000000000000000000000000001" \
	" 11 00 0001 deadbeef 9c41 0035 0010 0000"

static void cases(void)
{
	static const uint8_t mac[14] = { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0 };
	struct logline_kmeta m = { .prefix = "IN-DROP: ", .in = "eth0", .mac = mac, .mac_len = 14 };
	char small[16];

	expect("tcp syn", &m, AF_INET, SYN4, 0,
	       "IN-DROP: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 "
	       "SRC=10.0.0.2 DST=10.0.0.1 LEN=48 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF "
	       "PROTO=TCP SPT=40000 DPT=80 WINDOW=64240 RES=0x00 SYN URGP=0 ");
	m.flags = LOGLINE_TCPSEQ | LOGLINE_TCPOPT;
	m.mark = 0x2a;
	expect("tcp syn with sequence, options, mark", &m, AF_INET, SYN4, 0,
	       "IN-DROP: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 "
	       "SRC=10.0.0.2 DST=10.0.0.1 LEN=48 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF "
	       "PROTO=TCP SPT=40000 DPT=80 SEQ=3000000000 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 "
	       "OPT (020405B401010402) MARK=0x2a ");
	m.flags = 0;
	m.mark = 0;
	expect("tcp header cut", &m, AF_INET, SYN4, 28,
	       "IN-DROP: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 "
	       "SRC=10.0.0.2 DST=10.0.0.1 LEN=48 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF "
	       "PROTO=TCP INCOMPLETE [8 bytes] ");
	m.in = NULL;
	m.out = "eth0";
	m.prefix = "";
	expect("icmp error quotes the packet", &m, AF_INET, UNREACH4, 0,
	       "IN= OUT=eth0 SRC=10.0.0.1 DST=10.0.0.2 LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=0 DF "
	       "PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.2 DST=10.0.0.1 LEN=28 TOS=0x00 PREC=0x00 "
	       "TTL=64 ID=43981 PROTO=UDP SPT=5000 DPT=53 LEN=8 ] ");
	expect("ipv6 first fragment", &m, AF_INET6, FRAG6, 0,
	       "IN= OUT=eth0 SRC=fd00:0000:0000:0000:0000:0000:0000:0002 "
	       "DST=fd00:0000:0000:0000:0000:0000:0000:0001 LEN=56 TC=0 HOPLIMIT=64 "
	       "FLOWLBL=74565 FRAG:0 INCOMPLETE ID:deadbeef PROTO=UDP SPT=40001 DPT=53 LEN=16 ");
	expect("ipv4 header cut", &m, AF_INET, SYN4, 10, "IN= OUT=eth0 TRUNCATED");
	{
		char pre[64], line[512];
		struct logline_kmeta t = { .in = "eth0", .flags = LOGLINE_TRACE_FLAGS };
		uint8_t pkt[64];
		uint32_t n = unhex(SYN4, pkt);

		CHECK(logline_trace_prefix(pre, sizeof(pre), "filter", "INPUT", "rule", 2) == 27 &&
		      !strcmp(pre, "TRACE: filter:INPUT:rule:2 "), "logline trace prefix");
		t.prefix = pre;
		logline_kernel(line, sizeof(line), &t, AF_INET, pkt, n);
		CHECK(!strcmp(line, "TRACE: filter:INPUT:rule:2 IN=eth0 OUT= MAC= SRC=10.0.0.2 "
			      "DST=10.0.0.1 LEN=48 TOS=0x00 PREC=0x00 TTL=64 ID=4660 DF PROTO=TCP "
			      "SPT=40000 DPT=80 SEQ=3000000000 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 "
			      "OPT (020405B401010402) "), "logline trace line");
	}
	{
		uint8_t pkt[64];
		uint32_t n = unhex(SYN4, pkt);
		struct pkt_view pv;
		char a[512], b[512];

		pkt_parse(&pv, pkt, n, 0);
		logline_kernel_view(a, sizeof(a), &m, &pv);
		logline_kernel(b, sizeof(b), &m, AF_INET, pkt, n);
		CHECK(pv.family == AF_INET && !strcmp(a, b), "logline kernel from a pkt_view");
	}
	CHECK(logline_kernel(small, sizeof(small), &m, AF_INET, NULL, 0) == -ENOSPC &&
	      strlen(small) == sizeof(small) - 1, "logline kernel reports a short buffer");
}

/* Tool mode: one kernel line per Ethernet frame of @path. */
static int tool(const char *path, const char *in, const char *out, unsigned flags,
		const char *prefix)
{
	char errbuf[PCAP_ERRBUF_SIZE], line[4096];
	struct logline_kmeta m = {
		.prefix = prefix, .flags = flags,
		.in = strcmp(in, "-") ? in : NULL, .out = strcmp(out, "-") ? out : NULL,
	};
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p = pcap_open_offline(path, errbuf);
	int rc;

	if (!p || pcap_datalink(p) != DLT_EN10MB) {
		fprintf(stderr, "%s: %s\n", path, p ? "not Ethernet" : errbuf);
		return 1;
	}
	while ((rc = pcap_next_ex(p, &h, &d)) == 1) {
		uint16_t et;

		if (h->caplen < 14)
			continue;
		et = (uint16_t)(d[12] << 8 | d[13]);
		if (et != 0x0800 && et != 0x86dd)
			continue;
		m.mac = d;
		m.mac_len = 14;
		logline_kernel(line, sizeof(line), &m, et == 0x0800 ? AF_INET : AF_INET6,
			       d + 14, h->caplen - 14);
		printf("%s\n", line);
	}
	pcap_close(p);
	return rc == PCAP_ERROR ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 6)
		return tool(argv[1], argv[2], argv[3], (unsigned)strtoul(argv[4], NULL, 0), argv[5]);
	cases();
	TEST_EXIT();
}
