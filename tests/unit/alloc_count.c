/* SPDX-License-Identifier: GPL-2.0-or-later */
/* No allocation per record: a stack run for 10k and 100k records makes the same number of mallocs. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>
#include <unistd.h>

#include "config_plugins.h"
#include "test.h"
#include "ulogd/daemon.h"
#include "ulogd/plugins.h"

static atomic_ulong n_allocs;

#if defined(__SANITIZE_ADDRESS__)
/* From sanitizer/allocator_interface.h, which gcc's packages do not always ship. */
int __sanitizer_install_malloc_and_free_hooks(void (*m)(const volatile void *, size_t),
					      void (*f)(const volatile void *));
/* Under ASan, malloc belongs to the sanitizer: count through its hooks. */
static void on_malloc(const volatile void *p, size_t size)
{
	n_allocs++;
}
static void on_free(const volatile void *p)
{
}
static void counting_init(void)
{
	__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
}
#else
/* Otherwise interpose the allocator and forward to glibc's. */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
void *malloc(size_t n)
{
	n_allocs++;
	return __libc_malloc(n);
}
void *calloc(size_t a, size_t b)
{
	n_allocs++;
	return __libc_calloc(a, b);
}
void *realloc(void *p, size_t n)
{
	n_allocs++;
	return __libc_realloc(p, n);
}
static void counting_init(void)
{
}
#endif

/* An IPv4/UDP packet for BASE, when the registry has it. */
static const uint8_t pkt[] = {
	0x45, 0x00, 0x00, 0x21, 0x12, 0x34, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00,
	10, 0, 0, 1, 10, 0, 0, 2,
	0x30, 0x39, 0x00, 0x35, 0x00, 0x0d, 0x00, 0x00, 'h', 'e', 'l', 'l', 'o',
};

static const struct ulog_plugin *table[64];

/* Test plugins plus every built-in one, so real interpreters join when they exist. */
static void make_table(void)
{
	unsigned n = 0, i;

	for (i = 0; test_table[i]; i++)
		table[n++] = test_table[i];
	for (i = 0; ulog_registry[i] && n < 63; i++)
		table[n++] = ulog_registry[i];
	table[n] = NULL;
}

static bool have(const char *name)
{
	unsigned i;

	for (i = 0; ulog_registry[i]; i++)
		if (!strcmp(ulog_registry[i]->name, name))
			return true;
	return false;
}

/* Runs @n records through a fresh daemon; returns the allocations made during the run. */
static unsigned long run(const char *conf, unsigned n, uint64_t *seen)
{
	struct ulog_daemon *d = ulog_daemon_new((const struct ulog_plugin *const *)table);
	struct ulog_err err;
	struct ulog_instance *in, *all;
	unsigned long before;
	unsigned i;

	if (ulog_daemon_load_buf(d, "alloc.conf", conf, strlen(conf), &err) ||
	    ulog_daemon_start(d, &err)) {
		printf("# %s:%u: %s\n", err.file, err.line, err.msg);
		ulog_daemon_free(d);
		return ~0UL;
	}
	in = ulog_daemon_instance(d, 0, "in1");
	all = ulog_daemon_instance(d, 1, "all");
	before = n_allocs;
	for (i = 0; i < n; i++) {
		struct ulog_record *r = ulog_input_record(in);

		ulog_out_ptr(in, r, TIN_PKT, pkt, sizeof(pkt));
		ulog_out_u64(in, r, TIN_PKTLEN, sizeof(pkt));
		ulog_out_u64(in, r, TIN_FAMILY, 2);
		ulog_out_u64(in, r, TIN_PROTO, 0x0800);
		ulog_out_str(in, r, TIN_PREFIX, "p", 1);
		ulog_out_u64(in, r, TIN_MARK, 100 + (uint64_t)i); /* never 99: TDBL drops those */
		ulog_input_emit(in);
		if (i % 64 == 0)
			ulog_daemon_flush(d, false);
	}
	before = n_allocs - before;
	*seen = ULOG_PRIV(all, struct tall_priv)->valid_seen;
	ulog_daemon_stop(d);
	ulog_daemon_free(d);
	return before;
}

/* Writes @n Ethernet/IPv4/UDP packets to @path. Returns 0 or -1. */
static int write_capture(const char *path, unsigned n)
{
	pcap_t *pd = pcap_open_dead(DLT_EN10MB, 65535);
	pcap_dumper_t *w = pd ? pcap_dump_open(pd, path) : NULL;
	uint8_t frame[14 + sizeof(pkt)] = { 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00 };
	struct pcap_pkthdr h = { .caplen = sizeof(frame), .len = sizeof(frame) };
	unsigned i;

	if (!w)
		return -1;
	memcpy(frame + 14, pkt, sizeof(pkt));
	for (i = 0; i < n; i++) {
		h.ts.tv_sec = 1700000000 + i / 1000;
		h.ts.tv_usec = (i % 1000) * 1000;
		frame[14 + 21] = (uint8_t)i;     /* vary the source port a little */
		pcap_dump((u_char *)w, &h, frame);
	}
	pcap_dump_close(w);
	pcap_close(pd);
	return 0;
}

/* The built-in plugins: a capture through PCAPIN feeding two real stacks. Returns allocations
 * made while the loop ran, or ~0 with a message. */
static unsigned long run_real(const char *dir, unsigned n, uint64_t *records)
{
	char conf[2048], cap[1024];
	struct ulog_daemon *d = ulog_daemon_new(NULL);
	struct ulog_err err;
	unsigned long before;

	snprintf(cap, sizeof(cap), "%s/cap%u.pcap", dir, n);
	if (write_capture(cap, n))
		return ~0UL;
	snprintf(conf, sizeof(conf),
		 "[global]\nloglevel=8\n"
		 "stack=pcap1:PCAPIN,base1:BASE,ip2str1:IP2STR,mac1:HWHDR,json1:JSON\n"
		 "stack=pcap1:PCAPIN,base2:BASE,ifi2:IFINDEX,ip2str2:IP2STR,print2:PRINTPKT,emu2:LOGEMU\n"
		 "[pcap1]\nfile=\"%s\"\n[json1]\nfile=\"%s/out.json\"\n[emu2]\nfile=\"%s/out.log\"\n",
		 cap, dir, dir);
	if (ulog_daemon_load_buf(d, "real.conf", conf, strlen(conf), &err) ||
	    ulog_daemon_start(d, &err)) {
		printf("# %s:%u: %s\n", err.file, err.line, err.msg);
		ulog_daemon_free(d);
		return ~0UL;
	}
	before = n_allocs;
	ulog_daemon_run(d);
	before = n_allocs - before;
	*records = ulog_daemon_instance(d, 0, "json1")->n_records +
		   ulog_daemon_instance(d, 1, "emu2")->n_records;
	ulog_daemon_stop(d);
	ulog_daemon_free(d);
	unlink(cap);
	return before;
}

static void remove_outputs(const char *dir)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/out.json", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/out.log", dir);
	unlink(path);
	rmdir(dir);
}

static void test_real(void)
{
	static const char *const need[] = { "PCAPIN", "BASE", "IP2STR", "HWHDR", "JSON", "IFINDEX",
					    "PRINTPKT", "LOGEMU" };
	char dir[] = "/tmp/ulog-alloc.XXXXXX";
	unsigned long a10k, a100k;
	uint64_t r10k = 0, r100k = 0;
	unsigned i;

	for (i = 0; i < ULOG_ARRAY_SIZE(need); i++) {
		if (!have(need[i])) {
			printf("skip alloc real stacks: no plugin %s yet\n", need[i]);
			return;
		}
	}
	if (!mkdtemp(dir))
		return;
	/* a first short run takes the process's one-time allocations (time zone, ...) */
	run_real(dir, 1000, &r10k);
	a10k = run_real(dir, 10000, &r10k);
	a100k = run_real(dir, 100000, &r100k);
	printf("# PCAPIN stacks: %lu allocations for 10k packets, %lu for 100k\n", a10k, a100k);
	CHECK(a10k != ~0UL && a100k != ~0UL, "alloc real: PCAPIN -> BASE -> ... -> JSON and LOGEMU run");
	CHECK(r10k == 20000 && r100k == 200000, "alloc real: every packet reached both outputs");
	CHECK(a10k != ~0UL && a10k == a100k, "alloc real: same allocation count for 10k and 100k packets");
	remove_outputs(dir);
}

int main(void)
{
	char conf[512];
	unsigned long a10k, a100k;
	uint64_t s10k, s100k;

	void *volatile probe;
	unsigned long before;

	make_table();
	counting_init();
	before = n_allocs;
	probe = malloc(24);
	free(probe);
	CHECK(n_allocs > before, "alloc: the counter sees malloc");
	snprintf(conf, sizeof(conf),
		 "[global]\nloglevel=8\nstack=in1:TIN,d1:TDBL,p1:TPFX,out1:TOUT\n"
		 "stack=in1:TIN,%sd2:TDBL,all:TALL\n", have("BASE") ? "base1:BASE," : "");
	printf("# stacks: %s", strchr(conf, 's'));
	a10k = run(conf, 10000, &s10k);
	a100k = run(conf, 100000, &s100k);
	printf("# allocations during the run: %lu for 10k records, %lu for 100k\n", a10k, a100k);
	printf("# valid keys seen by TALL: %llu for 10k, %llu for 100k\n", (unsigned long long)s10k,
	       (unsigned long long)s100k);
	CHECK(a10k != ~0UL && a100k != ~0UL, "alloc: stacks build and start");
	CHECK(s100k == 10 * s10k && s10k >= 10000 * 5, "alloc: records really ran through both stacks");
	CHECK(a10k != ~0UL && a10k == a100k, "alloc: same allocation count for 10k and 100k records");
	test_real();
	TEST_EXIT();
}
