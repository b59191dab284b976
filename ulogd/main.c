/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ulogd's command line (ulogd2's options plus --check): load, start, drop privileges, run, stop. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "log.h"
#include "privs.h"
#include "sched.h"

#define ULOG_VERSION "2.0.8-ulog"
#define ULOG_CONFIGFILE "/etc/ulogd.conf"

struct args {
	const char *config;
	const char *pidfile;
	const char *user;
	const char *info;
	int loglevel;
	bool daemonize, verbose, check, no_realtime;
};

enum { OPT_CHECK = 256, OPT_NO_REALTIME };

static const struct option long_opts[] = {
	{ "version", no_argument, NULL, 'V' },
	{ "daemon", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "configfile", required_argument, NULL, 'c' },
	{ "uid", required_argument, NULL, 'u' },
	{ "info", required_argument, NULL, 'i' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "loglevel", required_argument, NULL, 'l' },
	{ "pidfile", required_argument, NULL, 'p' },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "no-realtime", no_argument, NULL, OPT_NO_REALTIME },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *f)
{
	fprintf(f, "ulogd Version %s\n"
		"Usage: ulogd [options]\n"
		"\t-h --help\t\tThis help page\n"
		"\t-V --version\t\tPrint version information\n"
		"\t-d --daemon\t\tDaemonize (fork into background)\n"
		"\t-v --verbose\t\tAlso write the log to stderr\n"
		"\t-l --loglevel LEVEL\tSet log level (1 debug .. 8 fatal)\n"
		"\t-c --configfile FILE\tUse alternative configfile (default %s)\n"
		"\t-p --pidfile FILE\tRecord ulogd's PID in FILE\n"
		"\t-u --uid USER\t\tRun as USER once sockets are open (keeps CAP_NET_ADMIN)\n"
		"\t-i --info PLUGIN\tDisplay the options and keys of PLUGIN\n"
		"\t   --check\t\tLoad the config, build and print the stacks, exit\n"
		"\t   --no-realtime\tKeep the scheduling ulogd starts with (default: SCHED_RR,\n"
		"\t\t\t\thighest priority, as ulogd2)\n",
		ULOG_VERSION, ULOG_CONFIGFILE);
}

static int parse_args(int argc, char **argv, struct args *a)
{
	int c;
	char *end;

	memset(a, 0, sizeof(*a));
	a->config = ULOG_CONFIGFILE;
	while ((c = getopt_long(argc, argv, "c:p:dvl:hVu:i:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h': usage(stdout); exit(0);
		case 'V': printf("ulogd Version %s\n", ULOG_VERSION); exit(0);
		case 'd': a->daemonize = true; break;
		case 'v': a->verbose = true; break;
		case 'c': a->config = optarg; break;
		case 'p': a->pidfile = optarg; break;
		case 'u': a->user = optarg; break;
		case 'i': a->info = optarg; break;
		case OPT_CHECK: a->check = true; break;
		case OPT_NO_REALTIME: a->no_realtime = true; break;
		case 'l':
			a->loglevel = (int)strtol(optarg, &end, 10);
			if (*end || a->loglevel < 1 || a->loglevel > 8) {
				fprintf(stderr, "ulogd: bad loglevel '%s' (1..8)\n", optarg);
				return -1;
			}
			break;
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "ulogd: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	return 0;
}

/* Prints @err to stderr and the log; returns 1 (the exit status). */
static int fatal(const struct ulog_err *err)
{
	char buf[1024];

	ulog_err_str(err, buf, sizeof(buf));
	if (strcmp(ulog_log_target(), "stderr"))
		ulog_log(ULOG_FATAL, "%s\n", buf);
	fprintf(stderr, "ulogd: %s\n", buf);
	return 1;
}

static int info(const char *what)
{
	struct ulog_daemon *d = ulog_daemon_new(NULL);
	struct ulog_err err;
	int rc;

	ulog_err_clear(&err);
	if (!d)
		return 1;
	rc = ulog_daemon_info(d, stdout, what, &err);
	if (rc)
		fatal(&err);
	ulog_daemon_free(d);
	return rc ? 1 : 0;
}

/* Applies the config's and the command line's logging settings. */
static int setup_log(const struct args *a, struct ulog_daemon *d, struct ulog_err *err)
{
	const char *target = ulog_daemon_logfile(d);

	ulog_log_set_level(a->loglevel ? a->loglevel
			   : ulog_daemon_loglevel(d) > 0 ? ulog_daemon_loglevel(d) : ULOG_NOTICE);
	ulog_log_set_verbose(a->verbose && !a->daemonize);
	if (a->check)
		return 0;
	if (ulog_log_open(target[0] ? target : ULOG_LOGFILE_DEFAULT, err))
		return -1;
	ulog_log(ULOG_INFO, "ulogd Version %s (re-)starting\n", ULOG_VERSION);
	return 0;
}

/* SCHED_RR at the highest priority as ulogd2 sets itself, unless --no-realtime; a failure
 * (no CAP_SYS_NICE) is logged and the daemon runs on with the policy it has. */
static void set_realtime(const struct args *a)
{
	int prio;

	if (a->no_realtime) {
		ulog_log(ULOG_INFO, "scheduling left as started (--no-realtime)\n");
		return;
	}
	prio = ulog_sched_realtime();
	if (prio < 0)
		ulog_log(ULOG_NOTICE, "cannot set SCHED_RR scheduling: %s; running on without it\n",
			 strerror(-prio));
	else
		ulog_log(ULOG_INFO, "scheduling: SCHED_RR, priority %d\n", prio);
}

/* Everything after a successful build: process set-up, start, run, stop. */
static int serve(const struct args *a, struct ulog_daemon *d, struct ulog_err *err)
{
	uid_t uid = 0;
	gid_t gid = 0;
	int rc;

	if (a->user && ulog_privs_lookup(a->user, &uid, &gid, err))
		return fatal(err);
	if (a->daemonize && ulog_daemonize(err))
		return fatal(err);
	if (a->pidfile && ulog_pidfile_create(a->pidfile, err))
		return fatal(err);
	rc = ulog_daemon_start(d, err);
	if (!rc)
		set_realtime(a);   /* before the uid change: it needs CAP_SYS_NICE */
	if (!rc && a->user) {
		ulog_log(ULOG_NOTICE, "Changing UID / GID\n");
		rc = ulog_privs_drop(a->user, uid, gid, err);
	}
	if (!rc && (rc = ulog_daemon_watch_signals(d)) < 0)
		ulog_errf(err, rc, "cannot watch signals: %s", strerror(-rc));
	if (rc) {
		ulog_pidfile_remove();
		return fatal(err);
	}
	ulog_log(ULOG_INFO, "initialization finished, entering main loop\n");
	ulog_daemonize_ready();
	rc = ulog_daemon_run(d);
	ulog_daemon_stop(d);
	ulog_pidfile_remove();
	return rc ? 1 : ulog_daemon_status(d);
}

/* @path made absolute against the current directory (daemonizing moves to "/"). */
static const char *absolute(const char *path, char *buf, size_t size)
{
	size_t n;

	if (!path || path[0] == '/' || !getcwd(buf, size))
		return path;
	n = strlen(buf);
	if (n + strlen(path) + 2 > size)
		return path;
	snprintf(buf + n, size - n, "/%s", path);
	return buf;
}

int main(int argc, char **argv)
{
	static char pidbuf[4096];
	struct ulog_daemon *d;
	struct ulog_err err;
	struct args a;
	int rc;

	if (parse_args(argc, argv, &a))
		return 1;
	a.pidfile = absolute(a.pidfile, pidbuf, sizeof(pidbuf));
	if (a.info)
		return info(a.info);
	ulog_signals_block();
	ulog_err_clear(&err);
	d = ulog_daemon_new(NULL);
	if (!d) {
		fprintf(stderr, "ulogd: out of memory\n");
		return 1;
	}
	rc = ulog_daemon_parse_file(d, a.config, &err);
	if (!rc)
		rc = setup_log(&a, d, &err);
	if (!rc)
		rc = ulog_daemon_build(d, &err);
	if (rc) {
		rc = fatal(&err);
	} else if (a.check) {
		ulog_daemon_print(d, stdout);
		printf("config %s: OK\n", a.config);
	} else {
		rc = serve(&a, d, &err);
	}
	ulog_daemon_free(d);
	ulog_log_close();
	return rc;
}
