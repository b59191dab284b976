// SPDX-License-Identifier: GPL-2.0-or-later
/* nfcore: replays a capture through a host's rulesets and conntrack, and reports as iptables-save -c and conntrack -L. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/replay.h"

static const char usage[] =
	"usage: nfcore --replay CAPTURE [--rules RULES.v4] [--rules6 RULES.v6] [--host FILE]...\n"
	"              [--in IFACE] [--conntrack auto|on|off] [--acct] [--timestamp] [--trace] [--nat]\n"
	"              [--from SECS.FRAC] [--until SECS.FRAC] [--owner UID[:GID][@ADDR]]...\n"
	"Runs every packet of CAPTURE (Ethernet, raw IP, Linux cooked) through the\n"
	"host: arriving packets traverse PREROUTING and INPUT or FORWARD(+POSTROUTING),\n"
	"packets the host sent traverse OUTPUT and POSTROUTING. --host names `ip addr`\n"
	"and `ip route` listings (text or `ip -j` JSON), read in order. Conntrack runs\n"
	"for a family when its ruleset uses it (auto), as in the kernel. At the end:\n"
	"the rulesets with counters in iptables-save -c form, the verdict totals, and\n"
	"the conntrack table in conntrack -L form. --trace prints TRACE lines.\n"
	"--acct and --timestamp add packets=/bytes= and delta-time= to the conntrack\n"
	"list, as nf_conntrack_acct and nf_conntrack_timestamp do.\n"
	"--nat prints a NAT line for each connection a NAT target binds (the rule,\n"
	"the target, the packet; nfcore does not translate yet).\n"
	"--from/--until replay only the packets captured in that time window; the\n"
	"conntrack table is printed as of --until (else of the last packet).\n"
	"--owner: the packets the host sends (not the kernel's own answers) come from\n"
	"a socket of that user, for owner matches; without it they match no owner.\n"
	"With @ADDR (repeatable): those the host sends from source address ADDR, any kind.\n";

/* --owner UID[:GID]: the default owner; UID[:GID]@ADDR: the owner of packets from ADDR. */
static int parse_owner(const char *arg, struct replay_opts *o)
{
	const char *at = strchr(arg, '@');
	struct replay_owner *w;
	uint32_t uid, gid = 0;

	if (sscanf(arg, "%u:%u", &uid, &gid) < 1)
		return -1;
	if (!at) {
		o->owner = true;
		o->owner_uid = uid;
		o->owner_gid = gid;
		return 0;
	}
	if (o->n_owners == REPLAY_MAX_OWNERS)
		return -1;
	w = &o->owners[o->n_owners];
	w->family = inet_pton(AF_INET, at + 1, w->addr) == 1 ? AF_INET :
		    inet_pton(AF_INET6, at + 1, w->addr) == 1 ? AF_INET6 : 0;
	if (!w->family)
		return -1;
	w->uid = uid;
	w->gid = gid;
	o->n_owners++;
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "replay", required_argument, NULL, 'r' }, { "rules", required_argument, NULL, '4' },
		{ "rules6", required_argument, NULL, '6' }, { "host", required_argument, NULL, 'H' },
		{ "in", required_argument, NULL, 'i' }, { "conntrack", required_argument, NULL, 'c' },
		{ "acct", no_argument, NULL, 'a' }, { "trace", no_argument, NULL, 't' },
		{ "nat", no_argument, NULL, 'N' }, { "timestamp", no_argument, NULL, 'T' },
		{ "owner", required_argument, NULL, 'O' }, { "from", required_argument, NULL, 'F' }, { "until", required_argument, NULL, 'U' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct replay_opts o = { .conntrack = -1 };
	const char *capture = NULL;
	struct replay r;
	struct ulog_err err;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': capture = optarg; break;
		case '4': o.rules4 = optarg; break;
		case '6': o.rules6 = optarg; break;
		case 'H':
			if (o.n_host == REPLAY_MAX_HOST_FILES) {
				fprintf(stderr, "nfcore: at most %d --host files\n", REPLAY_MAX_HOST_FILES);
				return 2;
			}
			o.host_files[o.n_host++] = optarg;
			break;
		case 'i': o.in = optarg; break;
		case 'c':
			o.conntrack = !strcmp(optarg, "on") ? 1 : !strcmp(optarg, "off") ? 0 :
				      !strcmp(optarg, "auto") ? -1 : -2;
			if (o.conntrack == -2) {
				fprintf(stderr, "nfcore: --conntrack takes auto, on or off\n");
				return 2;
			}
			break;
		case 'a': o.acct = true; break;
		case 'T': o.tstamp = true; break;
		case 'O':
			if (parse_owner(optarg, &o) < 0) {
				fprintf(stderr, "nfcore: --owner takes UID[:GID][@ADDR] (at most %d with @ADDR)\n",
					REPLAY_MAX_OWNERS);
				return 2;
			}
			break;
		case 'F': o.from_ns = (uint64_t)(strtod(optarg, NULL) * 1e9); break;
		case 'U': o.until_ns = (uint64_t)(strtod(optarg, NULL) * 1e9); break;
		case 't': o.trace = stdout; break;
		case 'N': o.nat = stdout; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (!capture || optind != argc) {
		fputs(usage, stderr);
		return 2;
	}
	ulog_err_clear(&err);
	rc = replay_open(&r, &o, &err);
	if (!rc)
		rc = replay_file(&r, capture, &err);
	if (rc && err.index <= 0 && !r.pkts) {
		fprintf(stderr, "nfcore: %s\n", err.msg);
		replay_close(&r);
		return 1;
	}
	replay_report(&r, stdout);
	if (rc)
		fprintf(stderr, "nfcore: %s (record %ld)\n", err.msg, err.index);
	replay_close(&r);
	return rc ? 1 : 0;
}
