/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Process set-up for the daemon: dropping to a user while keeping CAP_NET_ADMIN, pidfile, daemonizing. */
#ifndef ULOGD_PRIVS_H
#define ULOGD_PRIVS_H

#include <sys/types.h>

#include "../lib/err.h"

/* Looks up @user's uid and primary gid. Returns 0 or -ENOENT. */
int ulog_privs_lookup(const char *user, uid_t *uid, gid_t *gid, struct ulog_err *err);

/*
 * Switches to @uid/@gid (groups of @user) and keeps CAP_NET_ADMIN only,
 * effective and permitted. Returns 0 or -errno with @err saying which step.
 */
int ulog_privs_drop(const char *user, uid_t uid, gid_t gid, struct ulog_err *err);

/*
 * Creates @path (0644) holding our pid, locked while we run; fails if
 * another live process holds it. Returns 0 or -errno.
 */
int ulog_pidfile_create(const char *path, struct ulog_err *err);

/* Removes the pidfile created above, if any. */
void ulog_pidfile_remove(void);

/*
 * Forks into the background, new session, cwd "/", stdio on /dev/null.
 * Returns 0 in the child; the parent waits and exits 0 when the child calls
 * ulog_daemonize_ready(), 1 if the child exits before that.
 */
int ulog_daemonize(struct ulog_err *err);
void ulog_daemonize_ready(void);

#endif
