/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The time match: packet time against daytime window, weekdays, monthdays and a date range (UTC or the host's kernel tz). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/xt.h"

enum {
	O_DATESTART, O_DATESTOP, O_TIMESTART, O_TIMESTOP, O_MONTHDAYS, O_WEEKDAYS, O_LOCALTZ,
	O_UTC, O_KERNELTZ, O_CONTIGUOUS
};

#define ALL_WEEKDAYS 0xfeu
#define ALL_MONTHDAYS 0xfffffffeu
#define MAX_DAYTIME (24 * 3600 - 1)
#define DATE_MAX 2147483647u

struct time_priv {
	uint32_t date_start, date_stop, day_start, day_stop, monthdays;
	uint8_t weekdays;
	bool localtz, contiguous;
};

#define O FILTER_OPT_ONCE
static const struct filter_opt time_opts[] = {
	[O_DATESTART] = { .name = "datestart", .arg = FILTER_ARG_ONE, .flags = O },
	[O_DATESTOP] = { .name = "datestop", .arg = FILTER_ARG_ONE, .flags = O },
	[O_TIMESTART] = { .name = "timestart", .arg = FILTER_ARG_ONE, .flags = O },
	[O_TIMESTOP] = { .name = "timestop", .arg = FILTER_ARG_ONE, .flags = O },
	[O_MONTHDAYS] = { .name = "monthdays", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_WEEKDAYS] = { .name = "weekdays", .arg = FILTER_ARG_ONE, .flags = O | FILTER_OPT_INVERT },
	[O_LOCALTZ] = { .name = "localtz", .arg = FILTER_ARG_NONE },
	[O_UTC] = { .name = "utc", .arg = FILTER_ARG_NONE },
	[O_KERNELTZ] = { .name = "kerneltz", .arg = FILTER_ARG_NONE },
	[O_CONTIGUOUS] = { .name = "contiguous", .arg = FILTER_ARG_NONE, .flags = O },
};
#undef O

static const char *const week_names[] = { "", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

static void time_init(struct filter_ext_data *d, const struct filter_std *std)
{
	struct time_priv *p = FILTER_PRIV(d, struct time_priv);

	p->date_stop = DATE_MAX;
	p->day_stop = MAX_DAYTIME;
	p->monthdays = ALL_MONTHDAYS;
	p->weekdays = ALL_WEEKDAYS;
}

static int time_parse_daytime(const char *s, uint32_t *out, struct ulog_err *err)
{
	unsigned h, m, sec = 0;
	int n = 0, n2 = 0;

	if ((sscanf(s, "%2u:%2u%n", &h, &m, &n) != 2) ||
	    (s[n] && (sscanf(s + n, ":%2u%n", &sec, &n2) != 1 || s[n + n2])) || h > 23 || m > 59 ||
	    sec > 59)
		return ulog_errf(err, -EINVAL, "invalid time \"%s\" specified, should be hh:mm[:ss] "
				 "format and within the boundaries", s);
	*out = h * 3600 + m * 60 + sec;
	return 0;
}

static int time_parse_date(const char *s, uint32_t *out, struct ulog_err *err)
{
	struct tm tm = { .tm_mday = 1 };
	int y = 0, mo = 1, d = 1, h = 0, mi = 0, se = 0, n = 0;
	time_t t;

	n = sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se);
	if (n < 1 || y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59)
		goto bad;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	if (t < 0 || t > (time_t)DATE_MAX)
		goto bad;
	*out = (uint32_t)t;
	return 0;
bad:
	return ulog_errf(err, -EINVAL, "Invalid date \"%s\" specified. Should be "
			 "YYYY[-MM[-DD[Thh[:mm[:ss]]]]]", s);
}

static int time_parse_days(struct time_priv *p, bool week, const char *s, bool inv,
			   struct ulog_err *err)
{
	char buf[256], *save = NULL, *tok;
	uint32_t bits = 0;

	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		uint64_t v = 0;
		unsigned i;

		if (!week) {
			if (!filter_parse_uint(tok, 1, 31, &v))
				return ulog_errf(err, -EINVAL, "%s is not a valid day for --monthdays", tok);
			bits |= 1u << v;
			continue;
		}
		for (i = 1; i <= 7 && strcasecmp(tok, week_names[i]); i++)
			;
		if (i > 7 && (!filter_parse_uint(tok, 1, 7, &v) || !(i = (unsigned)v)))
			return ulog_errf(err, -EINVAL, "%s is not a valid day specifier", tok);
		bits |= 1u << i;
	}
	if (week)
		p->weekdays = (uint8_t)(inv ? ~bits & ALL_WEEKDAYS : bits);
	else
		p->monthdays = inv ? ~bits & ALL_MONTHDAYS : bits;
	return 0;
}

static int time_parse(struct filter_ext_data *d, unsigned opt, const char *const *args,
		      bool invert, const struct filter_std *std, struct ulog_err *err)
{
	struct time_priv *p = FILTER_PRIV(d, struct time_priv);

	switch (opt) {
	case O_DATESTART: return time_parse_date(args[0], &p->date_start, err);
	case O_DATESTOP: return time_parse_date(args[0], &p->date_stop, err);
	case O_TIMESTART: return time_parse_daytime(args[0], &p->day_start, err);
	case O_TIMESTOP: return time_parse_daytime(args[0], &p->day_stop, err);
	case O_MONTHDAYS: return time_parse_days(p, false, args[0], invert, err);
	case O_WEEKDAYS: return time_parse_days(p, true, args[0], invert, err);
	case O_UTC: p->localtz = false; return 0;
	case O_LOCALTZ: case O_KERNELTZ: p->localtz = true; return 0;
	default: p->contiguous = true; return 0;
	}
}

static int time_final(struct filter_ext_data *d, const struct filter_std *std, struct ulog_err *err)
{
	const struct time_priv *p = FILTER_PRIV(d, const struct time_priv);

	if (p->contiguous && p->day_start < p->day_stop)
		return ulog_errf(err, -EINVAL, "time: --contiguous only makes sense when stoptime is "
				 "smaller than starttime");
	return 0;
}

static void time_bdate(struct filter_buf *b, const char *opt, uint32_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	filter_bsep(b);
	filter_bprintf(b, "--%s %04d-%02d-%02dT%02d:%02d:%02d", opt, tm.tm_year + 1900, tm.tm_mon + 1,
		       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int time_print(const struct filter_ext_data *d, const struct filter_std *std,
		      char *buf, size_t len)
{
	const struct time_priv *p = FILTER_PRIV(d, const struct time_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	const char *sep = "";
	unsigned i;

	if (p->day_start != 0 || p->day_stop != MAX_DAYTIME)
		filter_bprintf(&b, "--timestart %02u:%02u:%02u --timestop %02u:%02u:%02u",
			       p->day_start / 3600, p->day_start / 60 % 60, p->day_start % 60,
			       p->day_stop / 3600, p->day_stop / 60 % 60, p->day_stop % 60);
	if (p->monthdays != ALL_MONTHDAYS) {
		filter_bsep(&b);
		filter_bprintf(&b, "--monthdays ");
		for (i = 1; i <= 31; i++)
			if (p->monthdays & (1u << i)) {
				filter_bprintf(&b, "%s%u", sep, i);
				sep = ",";
			}
	}
	if (p->weekdays != ALL_WEEKDAYS) {
		filter_bsep(&b);
		filter_bprintf(&b, "--weekdays ");
		for (sep = "", i = 1; i <= 7; i++)
			if (p->weekdays & (1u << i)) {
				filter_bprintf(&b, "%s%s", sep, week_names[i]);
				sep = ",";
			}
	}
	if (p->date_start)
		time_bdate(&b, "datestart", p->date_start);
	if (p->date_stop)
		time_bdate(&b, "datestop", p->date_stop);
	if (p->localtz)
		filter_bprintf(&b, " --kerneltz");
	if (p->contiguous)
		filter_bprintf(&b, " --contiguous");
	return (int)b.pos;
}

static int time_match(struct filter_ext_data *d, struct filter_pkt *pkt)
{
	const struct time_priv *p = FILTER_PRIV(d, const struct time_priv);
	int64_t stamp = (int64_t)(pkt->now_ns / 1000000000u);
	const struct filter_host *h = pkt->host;
	uint32_t packed;
	time_t tt;
	struct tm tm;

	/* xt_time: --kerneltz shifts the stamp by the kernel's sys_tz before every test */
	if (p->localtz && h && h->tz_valid)
		stamp -= 60 * (int64_t)h->tz_minuteswest;
	if (stamp < p->date_start || stamp > p->date_stop)
		return FILTER_NOMATCH;
	packed = (uint32_t)(stamp % 86400);
	if (p->day_start < p->day_stop) {
		if (packed < p->day_start || packed > p->day_stop)
			return FILTER_NOMATCH;
	} else {
		if (packed < p->day_start && packed > p->day_stop)
			return FILTER_NOMATCH;
		if (p->contiguous && packed <= p->day_stop)
			stamp -= 86400;
	}
	tt = (time_t)stamp;
	gmtime_r(&tt, &tm);
	if (!(p->weekdays & (1u << (tm.tm_wday ? tm.tm_wday : 7))))
		return FILTER_NOMATCH;
	if (p->monthdays != ALL_MONTHDAYS && !(p->monthdays & (1u << tm.tm_mday)))
		return FILTER_NOMATCH;
	return FILTER_MATCHED;
}

static void time_ldate(struct filter_buf *b, const char *what, uint32_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	filter_bprintf(b, " %s %04d-%02d-%02d %02d:%02d:%02d", what, tm.tm_year + 1900, tm.tm_mon + 1,
		       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int time_list(const struct filter_ext_data *d, const struct filter_std *std, bool numeric,
		     char *buf, size_t len)
{
	static const char *const suffix[] = { "th", "st", "nd", "rd" };
	const struct time_priv *p = FILTER_PRIV(d, const struct time_priv);
	struct filter_buf b = filter_buf_init(buf, len);
	const char *sep = " on ";
	unsigned i;

	filter_bprintf(&b, " TIME");
	if (p->day_start != 0 || p->day_stop != MAX_DAYTIME)
		filter_bprintf(&b, " from %02u:%02u:%02u to %02u:%02u:%02u",
			       p->day_start / 3600, p->day_start / 60 % 60, p->day_start % 60,
			       p->day_stop / 3600, p->day_stop / 60 % 60, p->day_stop % 60);
	if (p->weekdays != ALL_WEEKDAYS)
		for (i = 1; i <= 7; i++)
			if (p->weekdays & (1u << i)) {
				filter_bprintf(&b, "%s%s", sep, week_names[i]);
				sep = ",";
			}
	if (p->monthdays != ALL_MONTHDAYS)
		for (sep = " on ", i = 1; i <= 31; i++)
			if (p->monthdays & (1u << i)) {
				/* iptables' ordinals: by the last digit only (11st, 12nd, 13rd) */
				filter_bprintf(&b, "%s%u%s", sep, i, suffix[i % 10 < 4 ? i % 10 : 0]);
				sep = ",";
			}
	if (p->date_start)
		time_ldate(&b, "starting from", p->date_start);
	if (p->date_stop != DATE_MAX)
		time_ldate(&b, "until date", p->date_stop);
	if (!p->localtz)
		filter_bprintf(&b, " UTC");
	if (p->contiguous)
		filter_bprintf(&b, " contiguous");
	return (int)b.pos;
}

const struct filter_ext filter_ext_time = {
	.abi = FILTER_EXT_ABI,
	.name = "time",
	.family = FILTER_BOTH,
	.kind = FILTER_EXT_MATCH,
	.opts = time_opts,
	.n_opts = XT_ARRAY_SIZE(time_opts),
	.priv_size = sizeof(struct time_priv),
	.init = time_init,
	.parse = time_parse,
	.final_check = time_final,
	.print = time_print,
	.list = time_list,
	.match = time_match,
};
