// SPDX-License-Identifier: GPL-2.0-or-later
/* nfcore-ctreplay: runs a capture through conntrack alone and prints the table as `conntrack -L` would. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/ct.h"
#include "lib/pcapio.h"

#define MAX_AT 16

static const char usage[] =
	"usage: nfcore-ctreplay [--acct] [--tstamp] [--no-loose] [--max N] [--at SECS.FRAC]... [--end SECS.FRAC] FILE\n"
	"Tracks every IPv4/IPv6 packet of capture FILE (each packet once, as the\n"
	"conntrack hook of the host that captured it sees it), then prints the\n"
	"table in `conntrack -L` form: a '# at T' block before the first packet\n"
	"later than each --at time, and a '# end' block at the last packet's time\n"
	"(or --end).\n";

/* Prints the table as of @now, lines sorted. */
static void dump(struct ct_table *t, uint64_t now, const char *title)
{
	ct_gc(t, now);
	printf("# %s\n", title);
	ct_dump(t, now, false, stdout);
}

static uint64_t parse_time(const char *s)
{
	double d = strtod(s, NULL);

	return (uint64_t)(d * 1e9);
}

int main(int argc, char **argv)
{
	struct ct_config cfg;
	struct ct_table *t;
	struct pcapio_reader r;
	struct pcapio_rec rec;
	struct ulog_err err;
	uint64_t at[MAX_AT], end = 0, now = 0;
	unsigned n_at = 0, next_at = 0;
	const char *file = NULL;
	int i, rc;

	ct_config_default(&cfg);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--acct"))
			cfg.acct = true;
		else if (!strcmp(argv[i], "--tstamp"))
			cfg.tstamp = true;
		else if (!strcmp(argv[i], "--no-loose"))
			cfg.tcp_loose = false;
		else if (!strcmp(argv[i], "--max") && i + 1 < argc)
			cfg.max = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--at") && i + 1 < argc && n_at < MAX_AT)
			at[n_at++] = parse_time(argv[++i]);
		else if (!strcmp(argv[i], "--end") && i + 1 < argc)
			end = parse_time(argv[++i]);
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!file) {
		fputs(usage, stderr);
		return 2;
	}
	ulog_err_clear(&err);
	if (pcapio_open(&r, file, &err) < 0) {
		fprintf(stderr, "nfcore-ctreplay: %s\n", err.msg);
		return 1;
	}
	t = ct_table_new(&cfg);
	if (!t)
		return 1;
	while ((rc = pcapio_next(&r, &rec, &err)) == 1) {
		struct nfula_pkt p;
		struct pkt_view pv;
		struct ct_ref ref;
		char title[64];

		now = (uint64_t)rec.ts.tv_sec * 1000000000ull + (uint64_t)rec.ts.tv_usec * 1000ull;
		while (next_at < n_at && now > at[next_at]) {
			snprintf(title, sizeof(title), "at %u", next_at + 1);
			dump(t, at[next_at++], title);
		}
		if (pcapio_decode(r.linktype, rec.data, rec.caplen, &p, &err) < 0 || !p.has_payload ||
		    pkt_parse(&pv, p.payload, p.payload_len, 0) < 0)
			continue;
		if (ct_in(t, &pv, 0, now, &ref) == 0)
			ct_confirm(t, &ref, now);
	}
	if (rc < 0)
		fprintf(stderr, "nfcore-ctreplay: %s (record %ld)\n", err.msg, err.index);
	while (next_at < n_at) {
		char title[64];

		snprintf(title, sizeof(title), "at %u", next_at + 1);
		dump(t, at[next_at++], title);
	}
	dump(t, end ? end : now, "end");
	pcapio_close(&r);
	ct_table_free(t);
	return rc < 0;
}
