/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon log's target and level: a file, stdout/stderr or syslog, in ulogd2's line format. */
#ifndef ULOGD_LOG_H
#define ULOGD_LOG_H

#include <stdbool.h>

#include "../lib/err.h"

#define ULOG_LOGFILE_DEFAULT "/var/log/ulogd.log"

/*
 * Sends the log to @target: "syslog", "stdout", "stderr" or a file path
 * (opened for append, created 0640). Returns 0 or -errno with @err filled;
 * on error the previous target stays.
 */
int ulog_log_open(const char *target, struct ulog_err *err);

/* Reopens a file target (SIGHUP, log rotation). Returns 0 or -errno. */
int ulog_log_reopen(void);

/* Closes the target; the log goes to stderr again. */
void ulog_log_close(void);

/* Drops messages below @level (ulogd2's levels 1..8; default 5, notice). */
void ulog_log_set_level(int level);
int ulog_log_level(void);

/* Also copies file and syslog messages to stderr (-v). */
void ulog_log_set_verbose(bool on);

/* Returns the current target's name ("stderr" when none was opened). */
const char *ulog_log_target(void);

#endif
