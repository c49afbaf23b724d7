#include "core/shared/str.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *
str_casestrn(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;
	int first;

	if (m == 0)
		return hay;
	if (m > n)
		return NULL;
	first = tolower((unsigned char)needle[0]);
	for (i = 0; i + m <= n; i++)
		if (tolower((unsigned char)hay[i]) == first &&
		    strncasecmp(hay + i, needle, m) == 0)
			return hay + i;
	return NULL;
}

const char *
str_casestr(const char *hay, const char *needle)
{
	return str_casestrn(hay, strlen(hay), needle);
}
