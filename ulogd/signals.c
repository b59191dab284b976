/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Signals through a signalfd in the loop: TERM/INT stop, HUP reopens files, USR1 logs statistics. */
#include "core.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "log.h"

static void daemon_sigset(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGUSR1);
	sigaddset(set, SIGUSR2);
}

void ulog_signals_block(void)
{
	sigset_t set;

	daemon_sigset(&set);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Passes @signo to every started instance's signal() callback. */
static void deliver(struct ulog_daemon *d, int signo)
{
	unsigned i;

	for (i = 0; i < d->n_nodes; i++) {
		struct ulog_node *n = d->nodes[i];

		if (n->started && n->inst.plugin->signal)
			n->inst.plugin->signal(&n->inst, signo);
	}
}

void ulog_daemon_signal(struct ulog_daemon *d, int signo)
{
	int rc;

	switch (signo) {
	case SIGTERM:
	case SIGINT:
		ulog_log(ULOG_NOTICE, "Terminal signal received, exiting\n");
		ulog_loop_stop(d->loop);
		break;
	case SIGHUP:
		rc = ulog_log_reopen();
		if (rc < 0)
			ulog_log(ULOG_ERROR, "can't reopen logfile %s: %s\n", ulog_log_target(),
				 strerror(-rc));
		ulog_log(ULOG_NOTICE, "signal received, calling pluginstances\n");
		deliver(d, signo);
		break;
	case SIGUSR1:
		ulog_log(ULOG_NOTICE, "signal received, writing statistics\n");
		ulog_daemon_stats(d);
		break;
	default:
		ulog_log(ULOG_NOTICE, "signal received, calling pluginstances\n");
		deliver(d, signo);
		break;
	}
}

static void on_signalfd(int fd, uint32_t events, void *arg)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		ulog_daemon_signal(arg, (int)si.ssi_signo);
}

int ulog_daemon_watch_signals(struct ulog_daemon *d)
{
	sigset_t set;
	int rc;

	if (d->sigfd >= 0)
		return 0;
	daemon_sigset(&set);
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (d->sigfd < 0)
		return -errno;
	rc = ulog_loop_add_fd(d->loop, d->sigfd, EPOLLIN, on_signalfd, d);
	if (rc) {
		close(d->sigfd);
		d->sigfd = -1;
	}
	return rc;
}
