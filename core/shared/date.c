#include "core/shared/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const months[12] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* RFC 5322 section 4.3, the zone names of the obsolete syntax, in minutes east. */
static const struct zone {
	const char *name;
	int minutes;
} zones[] = {
	{ "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
	{ "EST", -5 * 60 }, { "EDT", -4 * 60 }, { "CST", -6 * 60 }, { "CDT", -5 * 60 },
	{ "MST", -7 * 60 }, { "MDT", -6 * 60 }, { "PST", -8 * 60 }, { "PDT", -7 * 60 },
};

static void
skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
		(*p)++;
}

/* Up to max digits at *p (at least one); false when there is none. */
static bool
number(const char **p, int max, int *out, int *ndigits)
{
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)(*p)[n])) {
		v = v * 10 + ((*p)[n] - '0');
		n++;
	}
	if (n == 0 || isdigit((unsigned char)(*p)[n]))
		return false;
	*p += n;
	*out = v;
	if (ndigits != NULL)
		*ndigits = n;
	return true;
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
zone(const char *p, int *minutes)
{
	size_t n = 0;

	*minutes = 0;
	if (*p == '+' || *p == '-') {
		int v = 0;

		for (int i = 1; i <= 4; i++) {
			if (!isdigit((unsigned char)p[i]))
				return false;
			v = v * 10 + (p[i] - '0');
		}
		if (v % 100 > 59)
			return false;
		*minutes = (v / 100 * 60 + v % 100) * (*p == '-' ? -1 : 1);
		return true;
	}
	while (isalpha((unsigned char)p[n]))
		n++;
	if (n == 0)
		return *p == '\0' || *p == '(';	/* no zone: UTC */
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++)
		if (strlen(zones[i].name) == n && strncasecmp(zones[i].name, p, n) == 0) {
			*minutes = zones[i].minutes;
			return true;
		}
	/* RFC 5322: other military and unknown zones mean "-0000", no offset. */
	return true;
}

bool
date_parse_mail(const char *s, time_t *out)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	const char *p = s;
	int day, mon = -1, year, ndig, hh, mm, ss = 0, off;
	struct tm tm;

	*out = 0;
	if (s == NULL)
		return false;
	skip_space(&p);
	if (isalpha((unsigned char)*p)) {	/* day name */
		while (isalpha((unsigned char)*p))
			p++;
		skip_space(&p);
		if (*p == ',')
			p++;
		skip_space(&p);
	}
	if (!number(&p, 2, &day, NULL))
		return false;
	skip_space(&p);
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, months[i], 3) == 0)
			mon = i;
	if (mon < 0)
		return false;
	while (isalpha((unsigned char)*p))
		p++;
	skip_space(&p);
	if (!number(&p, 4, &year, &ndig))
		return false;
	/* RFC 5322 section 4.3: 2 digits are 1950-2049, 3 digits add 1900. */
	if (ndig == 2)
		year += year < 50 ? 2000 : 1900;
	else if (ndig == 3)
		year += 1900;
	skip_space(&p);
	if (!number(&p, 2, &hh, NULL) || *p++ != ':' || !number(&p, 2, &mm, NULL))
		return false;
	if (*p == ':' && (p++, !number(&p, 2, &ss, NULL)))
		return false;
	skip_space(&p);
	if (!zone(p, &off))
		return false;
	if (year < 1970 || day < 1 || day > mdays[mon] + (mon == 1 && leap(year)) ||
	    hh > 23 || mm > 59 || ss > 60)
		return false;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon;
	tm.tm_mday = day;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	*out = timegm(&tm) - (time_t)off * 60;
	return true;
}

/* The units, largest first. */
static const struct unit {
	const char *name;
	unsigned long long secs;
} units[] = { { "d", 86400 }, { "h", 3600 }, { "min", 60 }, { "s", 1 } };
#define NUNITS (sizeof(units) / sizeof(units[0]))

void
date_duration(long long secs, char out[DATE_DURATION_MAX])
{
	unsigned long long v = secs < 0 ? 0ULL - (unsigned long long)secs :
	    (unsigned long long)secs, big, small;
	size_t u = 0;

	while (u + 1 < NUNITS && v < units[u].secs)
		u++;
	big = v / units[u].secs;
	small = u + 1 < NUNITS ? v % units[u].secs / units[u + 1].secs : 0;
	if (small > 0)
		snprintf(out, DATE_DURATION_MAX, "%llu %s %llu %s", big, units[u].name, small,
		    units[u + 1].name);
	else
		snprintf(out, DATE_DURATION_MAX, "%llu %s", big, units[u].name);
}
