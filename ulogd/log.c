/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon log: ulogd2's "ctime <level> file.c:line message" lines to a file, stdout/stderr or syslog. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "plugin.h"

enum log_kind { LOG_TO_FD, LOG_TO_SYSLOG };

static struct {
	enum log_kind kind;
	int fd;              /* LOG_TO_FD: 1, 2 or an opened file */
	bool own_fd;         /* fd was opened here */
	char target[4096];
	int level;
	bool verbose;
} lg = { .kind = LOG_TO_FD, .fd = 2, .target = "stderr", .level = ULOG_NOTICE };

void ulog_log_set_level(int level)
{
	lg.level = level;
}

int ulog_log_level(void)
{
	return lg.level;
}

void ulog_log_set_verbose(bool on)
{
	lg.verbose = on;
}

const char *ulog_log_target(void)
{
	return lg.target;
}

static void drop_target(void)
{
	if (lg.kind == LOG_TO_SYSLOG)
		closelog();
	if (lg.own_fd)
		close(lg.fd);
	lg.kind = LOG_TO_FD;
	lg.fd = 2;
	lg.own_fd = false;
}

/* Opens @path for appending, 0640. Returns the fd or -errno. */
static int open_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

	return fd < 0 ? -errno : fd;
}

int ulog_log_open(const char *target, struct ulog_err *err)
{
	int fd = -1;

	if (strlen(target) >= sizeof(lg.target))
		return ulog_errf(err, -ENAMETOOLONG, "logfile name too long");
	if (strcmp(target, "syslog") && strcmp(target, "stdout") && strcmp(target, "stderr")) {
		fd = open_file(target);
		if (fd < 0)
			return ulog_errf(err, fd, "can't open logfile '%s': %s", target,
					 strerror(-fd));
	}
	drop_target();
	/* a relative path stays valid for reopening after daemonizing changes directory */
	if (fd >= 0 && target[0] != '/' && getcwd(lg.target, sizeof(lg.target)) &&
	    strlen(lg.target) + strlen(target) + 2 <= sizeof(lg.target)) {
		strcat(lg.target, "/");
		strcat(lg.target, target);
	} else {
		snprintf(lg.target, sizeof(lg.target), "%s", target);
	}
	if (!strcmp(target, "syslog")) {
		openlog("ulogd", LOG_PID, LOG_DAEMON);
		lg.kind = LOG_TO_SYSLOG;
	} else if (!strcmp(target, "stdout")) {
		lg.fd = 1;
	} else if (fd >= 0) {
		lg.fd = fd;
		lg.own_fd = true;
	}
	return 0;
}

int ulog_log_reopen(void)
{
	int fd;

	if (!lg.own_fd)
		return 0;
	fd = open_file(lg.target);
	if (fd < 0)
		return fd;
	close(lg.fd);
	lg.fd = fd;
	return 0;
}

void ulog_log_close(void)
{
	drop_target();
	snprintf(lg.target, sizeof(lg.target), "stderr");
}

static int syslog_level(enum ulog_level lvl)
{
	switch (lvl) {
	case ULOG_DEBUG: return LOG_DEBUG;
	case ULOG_INFO: return LOG_INFO;
	case ULOG_NOTICE: return LOG_NOTICE;
	case ULOG_ERROR: return LOG_ERR;
	case ULOG_FATAL: return LOG_CRIT;
	}
	return LOG_WARNING;
}

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

void ulog_log_at(enum ulog_level lvl, const char *file, int line, const char *fmt, ...)
{
	char buf[2048], ts[32];
	const char *base = strrchr(file, '/');
	int saved = errno;
	time_t now;
	struct tm tm;
	va_list ap;
	size_t n;
	int hdr;

	if ((int)lvl < lg.level)
		return;
	now = time(NULL);
	localtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%a %b %e %H:%M:%S %Y", &tm);
	hdr = snprintf(buf, sizeof(buf), "%s <%d> %.256s:%d ", ts, (int)lvl,
		       base ? base + 1 : file, line);
	va_start(ap, fmt);
	vsnprintf(buf + hdr, sizeof(buf) - (size_t)hdr - 1, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n == 0 || buf[n - 1] != '\n') {
		buf[n++] = '\n';
		buf[n] = '\0';
	}
	if (lg.kind == LOG_TO_SYSLOG)
		syslog(syslog_level(lvl), "%s", buf + hdr);
	else
		write_all(lg.fd, buf, n);
	if (lg.verbose && (lg.kind == LOG_TO_SYSLOG || lg.fd != 2))
		write_all(2, buf, n);
	errno = saved;
}

bool ulog_ratelimit_ok(struct ulog_ratelimit *rl)
{
	time_t now = time(NULL);

	if (now == rl->last) {
		rl->suppressed++;
		return false;
	}
	rl->last = now;
	return true;
}
