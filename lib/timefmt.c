/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cached local-time stamps for output lines (lib/timefmt.h). */
#include <stdlib.h>
#include <string.h>

#include "timefmt.h"

void timefmt_init(struct timefmt *t)
{
	memset(t, 0, sizeof(*t));
	t->sec = (time_t)-1;
}

static void two(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
}

static void set_iso(struct timefmt *t, const struct tm *tm)
{
	int y = tm->tm_year + 1900;

	t->iso[0] = (char)('0' + y / 1000 % 10);
	t->iso[1] = (char)('0' + y / 100 % 10);
	two(t->iso + 2, y);
	t->iso[4] = '-';
	two(t->iso + 5, tm->tm_mon + 1);
	t->iso[7] = '-';
	two(t->iso + 8, tm->tm_mday);
	t->iso[10] = 'T';
	two(t->iso + 11, tm->tm_hour);
	t->iso[13] = ':';
	two(t->iso + 14, tm->tm_min);
	t->iso[16] = ':';
	two(t->iso + 17, tm->tm_sec);
	t->iso[19] = '\0';
}

/* "+HHMM" from the offset east of UTC in seconds (right for any sign). */
static void set_tz(struct timefmt *t, long off)
{
	long m = labs(off) / 60;

	t->tz[0] = off < 0 ? '-' : '+';
	two(t->tz + 1, (int)(m / 60));
	two(t->tz + 3, (int)(m % 60));
	t->tz[5] = '\0';
}

static void set_syslog(struct timefmt *t, const struct tm *tm)
{
	static const char mon[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};

	memcpy(t->syslog, mon[(unsigned)tm->tm_mon % 12], 3);
	t->syslog[3] = ' ';
	two(t->syslog + 4, tm->tm_mday);
	if (tm->tm_mday < 10)
		t->syslog[4] = ' ';
	t->syslog[6] = ' ';
	two(t->syslog + 7, tm->tm_hour);
	t->syslog[9] = ':';
	two(t->syslog + 10, tm->tm_min);
	t->syslog[12] = ':';
	two(t->syslog + 13, tm->tm_sec);
	t->syslog[15] = '\0';
}

void timefmt_set(struct timefmt *t, time_t sec)
{
	struct tm tm;

	if (sec == t->sec)
		return;
	t->sec = sec;
	if (!localtime_r(&sec, &tm)) {
		time_t zero = 0;

		gmtime_r(&zero, &tm);
		tm.tm_gmtoff = 0;
	}
	set_iso(t, &tm);
	set_tz(t, tm.tm_gmtoff);
	set_syslog(t, &tm);
}
