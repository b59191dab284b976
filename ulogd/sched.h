/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon's CPU scheduling: SCHED_RR at the highest priority, as ulogd2 2.0.8 sets itself. */
#ifndef ULOGD_SCHED_H
#define ULOGD_SCHED_H

/*
 * Makes the calling process SCHED_RR at sched_get_priority_max(SCHED_RR),
 * as ulogd2 2.0.8 does when it starts, so that under load it is not left
 * waiting for a CPU while the kernel drops what it cannot queue. Threads
 * created later inherit the policy. Needs CAP_SYS_NICE (or RLIMIT_RTPRIO).
 * Returns the priority set, or -errno with the scheduling unchanged.
 */
int ulog_sched_realtime(void);

#endif
