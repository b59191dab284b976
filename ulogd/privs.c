/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Dropping root: setgid/initgroups/setuid with PR_SET_KEEPCAPS, then CAP_NET_ADMIN only (libcap). */
#include "privs.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

int ulog_privs_lookup(const char *user, uid_t *uid, gid_t *gid, struct ulog_err *err)
{
	struct passwd *pw = getpwnam(user);

	if (!pw)
		return ulog_errf(err, -ENOENT, "unknown user %s", user);
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

/* Sets CAP_NET_ADMIN as the only permitted and effective capability. */
static int keep_net_admin(struct ulog_err *err)
{
	cap_value_t v = CAP_NET_ADMIN;
	cap_t caps = cap_init();
	int rc = 0;

	if (!caps)
		return ulog_errf(err, -errno, "cap_init: %s", strerror(errno));
	if (cap_set_flag(caps, CAP_PERMITTED, 1, &v, CAP_SET) ||
	    cap_set_flag(caps, CAP_EFFECTIVE, 1, &v, CAP_SET) || cap_set_proc(caps))
		rc = ulog_errf(err, -errno, "can't keep CAP_NET_ADMIN: %s", strerror(errno));
	cap_free(caps);
	return rc;
}

int ulog_privs_drop(const char *user, uid_t uid, gid_t gid, struct ulog_err *err)
{
	int rc;

	if (prctl(PR_SET_KEEPCAPS, 1L, 0L, 0L, 0L))
		return ulog_errf(err, -errno, "PR_SET_KEEPCAPS: %s", strerror(errno));
	if (setgid(gid) || setegid(gid))
		return ulog_errf(err, -errno, "can't set GID %u: %s", (unsigned)gid, strerror(errno));
	if (initgroups(user, gid))
		return ulog_errf(err, -errno, "can't set groups of %s: %s", user, strerror(errno));
	if (setresuid(uid, uid, uid))
		return ulog_errf(err, -errno, "can't set UID %u: %s", (unsigned)uid, strerror(errno));
	rc = keep_net_admin(err);
	prctl(PR_SET_KEEPCAPS, 0L, 0L, 0L, 0L);
	if (rc)
		return rc;
	if (uid != 0 && (setuid(0) == 0 || geteuid() == 0))
		return ulog_errf(err, -EPERM, "could regain root after dropping it");
	return 0;
}
