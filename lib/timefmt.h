/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Local-time stamps for output lines (ISO 8601 with UTC offset, syslog's "Mon DD HH:MM:SS"), cached per second. */
#ifndef ULOG_LIB_TIMEFMT_H
#define ULOG_LIB_TIMEFMT_H

#include <time.h>

/*
 * The stamps of one second in local time (the TZ of the process). Outputs
 * keep one per instance and call timefmt_set() per record: the work is done
 * only when the second changes.
 */
struct timefmt {
	time_t sec;             /* second shown, or (time_t)-1 for none yet */
	char iso[24];           /* "2026-11-26T23:52:08" */
	char tz[8];             /* "+0000", "-0330": always present, also for UTC */
	char syslog[16];        /* "Nov  6 09:05:03", as ctime() + 4 cut at 15 */
};

/* Marks @t empty. */
void timefmt_init(struct timefmt *t);

/* Makes @t show @sec. A time localtime_r() cannot convert shows the epoch. */
void timefmt_set(struct timefmt *t, time_t sec);

#endif
