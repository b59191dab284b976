/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pidfile (0644, locked while we run, removed at exit) and daemonizing. */
#include "privs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char pid_path[4096];
static int pid_fd = -1;

static int lock_fd(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	return fcntl(fd, F_SETLK, &fl);
}

int ulog_pidfile_create(const char *path, struct ulog_err *err)
{
	char buf[32];
	int fd, n;

	if (strlen(path) >= sizeof(pid_path))
		return ulog_errf(err, -ENAMETOOLONG, "pidfile name too long");
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return ulog_errf(err, -errno, "cannot open pidfile %s: %s", path, strerror(errno));
	if (lock_fd(fd) < 0) {
		long other = 0;

		n = (int)read(fd, buf, sizeof(buf) - 1);
		if (n > 0) {
			buf[n] = '\0';
			other = strtol(buf, NULL, 10);
		}
		close(fd);
		return ulog_errf(err, -EEXIST, "another ulogd already running with pid %ld", other);
	}
	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (fchmod(fd, 0644) || ftruncate(fd, 0) || write(fd, buf, (size_t)n) != n) {
		int e = errno;

		close(fd);
		return ulog_errf(err, -e, "cannot write pidfile %s: %s", path, strerror(e));
	}
	snprintf(pid_path, sizeof(pid_path), "%s", path);
	pid_fd = fd;
	return 0;
}

void ulog_pidfile_remove(void)
{
	if (pid_fd < 0)
		return;
	unlink(pid_path);
	close(pid_fd);
	pid_fd = -1;
}

static int ready_fd = -1;

/* Parent side: exits 0 once the child reports ready, 1 if it dies first. */
static void wait_child(int fd)
{
	char c;

	_exit(read(fd, &c, 1) == 1 ? 0 : 1);
}

int ulog_daemonize(struct ulog_err *err)
{
	int p[2], fd;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return ulog_errf(err, -errno, "can't daemonize: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		return ulog_errf(err, -errno, "can't daemonize: %s", strerror(errno));
	if (pid > 0) {
		close(p[1]);
		wait_child(p[0]);
	}
	close(p[0]);
	ready_fd = p[1];
	if (setsid() < 0)
		return ulog_errf(err, -errno, "setsid: %s", strerror(errno));
	if (chdir("/") < 0)
		return ulog_errf(err, -errno, "chdir /: %s", strerror(errno));
	fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	return 0;
}

void ulog_daemonize_ready(void)
{
	if (ready_fd < 0)
		return;
	if (write(ready_fd, "", 1) < 0)
		ready_fd = -1;
	close(ready_fd);
	ready_fd = -1;
}
