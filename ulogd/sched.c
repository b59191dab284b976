/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The daemon's CPU scheduling (ulogd/sched.h). */
#include "sched.h"

#include <errno.h>
#include <sched.h>

int ulog_sched_realtime(void)
{
	struct sched_param sp = { .sched_priority = sched_get_priority_max(SCHED_RR) };

	if (sp.sched_priority < 0)
		return -errno;
	if (sched_setscheduler(0, SCHED_RR, &sp) < 0)
		return -errno;
	return sp.sched_priority;
}
