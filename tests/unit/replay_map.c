// SPDX-License-Identifier: GPL-2.0-or-later
/* nfcore replay through the memory map (kernel/replay_map.c) against libpcap's reading: same report,
 * same error, for plain captures and for the ones the map hands over to libpcap part way or at once. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <pcap/dlt.h>

#include "filter/filter.h"
#include "kernel/replay.h"
#include "kernel/replay_map.h"
#include "lib/pcapio.h"
#include "test.h"
#include "ct_build.h"

#define N_REC 3000
#define SEC0 1700000000u
#define US(i) ((i) * 7919u % 1000000u)   /* record i's microseconds */

static const char addr_json[] =
	"[{\"ifindex\":2,\"ifname\":\"r0\",\"flags\":[\"UP\"],\"address\":\"02:00:00:00:00:01\","
	"\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.1.0.1\",\"prefixlen\":24}]},"
	"{\"ifindex\":3,\"ifname\":\"r1\",\"flags\":[\"UP\"],\"address\":\"02:00:00:00:00:02\","
	"\"addr_info\":[{\"family\":\"inet\",\"local\":\"10.2.0.1\",\"prefixlen\":24}]}]";

static const char rules[] =
	"*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n"
	"-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
	"-A INPUT -p tcp --dport 22 -j ACCEPT\n"
	"-A INPUT -p udp --dport 53 -j ACCEPT\n"
	"-A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
	"-A FORWARD -p tcp --dport 80 -j ACCEPT\n"
	"COMMIT\n";

static uint64_t rng = 88172645463325252ull;

/* A number below @n (a linear congruential sequence, high bits). */
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)((rng >> 33) % n);
}

static char *tmpfile_with(const char *text, size_t len, int k)
{
	static char names[8][64];
	char *name = names[k];
	FILE *f;

	snprintf(name, 64, "/tmp/replay_map_unit.%d.%d", (int)getpid(), k);
	f = fopen(name, "w");
	fwrite(text, 1, len, f);
	fclose(f);
	return name;
}

/* Appends @n bytes to the capture being built. */
static void put(char **b, size_t *len, const void *p, size_t n)
{
	*b = realloc(*b, *len + n);
	memcpy(*b + *len, p, n);
	*len += n;
}

/* An Ethernet frame of a random packet between a client, the host and a server. */
static uint32_t frame(uint8_t *f)
{
	static const char *const hosts[] = { "10.1.0.2", "10.1.0.1", "10.2.0.2", "10.1.0.3" };
	static const uint16_t ports[] = { 22, 53, 80, 443 };
	struct tpkt p;
	const char *s = hosts[rnd(4)], *d = hosts[rnd(4)];
	unsigned sp = 1024 + rnd(8), dp = ports[rnd(4)], pay = rnd(300);

	if (rnd(2))
		mk_tcp(&p, s, (uint16_t)sp, d, (uint16_t)dp, rnd(1000), rnd(1000), rnd(2) ? TH_SYN : TH_ACK, 1000, pay);
	else
		mk_udp(&p, IPPROTO_UDP, s, (uint16_t)sp, d, (uint16_t)dp, pay);
	memset(f, 0, 14);
	f[5] = 9;
	f[6] = 2;
	f[11] = !strcmp(s, "10.1.0.1") ? 1 : 9;   /* the host's MAC when it sends */
	f[12] = 0x08;
	memcpy(f + 14, p.b, p.len);
	return 14 + p.len;
}

enum variant { V_US, V_NS, V_CUT, V_SNAP, V_SWAPPED, V_LATE, N_VARIANTS };

static const char *const vname[] = { "microseconds", "nanoseconds", "cut short", "records past the snapshot length",
				     "other byte order", "timestamp from 2^31 s" };

/* A capture of N_REC random records as variant @v has it; *@len its size. */
static char *capture(enum variant v, size_t *len)
{
	uint32_t hdr[6] = { v == V_NS ? 0xa1b23c4du : 0xa1b2c3d4u, 2 | 4u << 16, 0, 0,
			    v == V_SNAP ? 200u : 65535u, 1 };
	uint8_t f[2048];
	char *b = NULL;
	unsigned i;

	rng = 88172645463325252ull;
	*len = 0;
	if (v == V_SWAPPED)
		hdr[0] = 0xd4c3b2a1u;   /* then every field would be big-endian: the map declines first */
	put(&b, len, hdr, sizeof(hdr));
	for (i = 0; i < N_REC; i++) {
		uint32_t n = frame(f), rec[4];

		rec[0] = SEC0 + i / 100 + (v == V_LATE && i >= N_REC / 2 ? 0x80000000u : 0);
		rec[1] = v == V_NS ? US(i) * 1000u + 999 : US(i);  /* cut, not rounded, to µs */
		rec[2] = rec[3] = n;
		put(&b, len, rec, sizeof(rec));
		put(&b, len, f, n);
	}
	if (v == V_CUT)
		*len -= 10;   /* the last record cut short */
	return b;
}

/* The report (or on error the message and record index) of @file replayed by the map or by libpcap. */
static char *run(const char *file, bool map, const struct replay_opts *o, int *rc)
{
	struct replay r;
	struct ulog_err err;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ulog_err_clear(&err);
	if (replay_open(&r, o, &err))
		return NULL;
	if (map) {
		*rc = replay_file(&r, file, &err);
	} else {
		struct pcapio_reader rd;
		struct pcapio_rec rec;

		int next = 0;

		*rc = pcapio_open(&rd, file, &err);
		while (!*rc && (next = pcapio_next(&rd, &rec, &err)) == 1)
			replay_record(&r, rd.linktype, rec.data, rec.caplen,
				      (uint64_t)rec.ts.tv_sec * 1000000000ull + (uint64_t)rec.ts.tv_usec * 1000ull);
		if (!*rc) {
			pcapio_close(&rd);
			*rc = next < 0 ? next : 0;
		}
	}
	f = open_memstream(&buf, &len);
	if (*rc)
		fprintf(f, "error %d at record %ld: %s\n", *rc, (long)err.index, err.msg);
	replay_report(&r, f);
	fclose(f);
	replay_close(&r);
	return buf;
}

/* How many records the map replays of @file itself (-1: all of them, the file is whole). */
static long mapped(const char *file, const struct replay_opts *o)
{
	struct replay r;
	struct ulog_err err;
	long done = 0;
	int whole;

	if (replay_open(&r, o, &err))
		return -2;
	whole = replay_map_file(&r, file, &done);
	replay_close(&r);
	return whole ? -1 : done;
}

int main(void)
{
	static const long expect_mapped[N_VARIANTS] = { -1, -1, N_REC - 1, 0, 0, N_REC / 2 };
	struct replay_opts o = { 0 };
	enum variant v;

	o.rules4 = tmpfile_with(rules, sizeof(rules) - 1, 6);
	o.host_files[o.n_host++] = tmpfile_with(addr_json, sizeof(addr_json) - 1, 7);
	o.conntrack = 1;
	/* up to record N_REC / 2 exactly: a timestamp a microsecond off moves a record in or out */
	o.until_ns = (SEC0 + N_REC / 2 / 100) * 1000000000ull + US(N_REC / 2) * 1000ull;
	for (v = 0; v < N_VARIANTS; v++) {
		size_t len;
		char *cap = capture(v, &len), *file = tmpfile_with(cap, len, (int)v), *a, *b;
		int rca = 0, rcb = 0;
		long m = mapped(file, &o);

		if (v == V_SNAP)   /* the first record past 200 bytes stops the map */
			CHECK(m >= 0 && m < N_REC, "replay_map: %s: the map stops part way (%ld records)", vname[v], m);
		else
			CHECK(m == expect_mapped[v], "replay_map: %s: the map replays %ld records (want %ld)", vname[v],
			      m, expect_mapped[v]);
		a = run(file, true, &o, &rca);
		b = run(file, false, &o, &rcb);
		CHECK(a && b && rca == rcb && !strcmp(a, b) && strstr(a, "# conntrack -L\n"),
		      "replay_map: %s: report equals libpcap's reading (rc %d, %d)", vname[v], rca, rcb);
		if (v == V_US)
			CHECK(a && strstr(a, "# verdicts: packets=") && !strstr(a, "# verdicts: packets=3000 "),
			      "replay_map: records after the --until time left out");
		if (getenv("REPLAY_MAP_SHOW") && a && b)
			printf("%s\n----\n%s", a, b);
		free(a);
		free(b);
		free(cap);
		remove(file);
	}
	remove(o.rules4);
	remove(o.host_files[0]);
	TEST_EXIT();
}
