#include "core/knowledge/smtpcode.h"

#include <string.h>
#include <strings.h>

static bool
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the code at s if s[0..n) starts with d.d{1,3}.d{1,3}, else 0. */
static size_t
status_len(const char *s, size_t n)
{
	size_t i = 0, k;

	if (n < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	i = 2;
	for (k = 0; i < n && isdig(s[i]) && k < 4; i++, k++)
		;
	if (k == 0 || k > 3 || i >= n || s[i] != '.')
		return 0;
	i++;
	for (k = 0; i < n && isdig(s[i]) && k < 4; i++, k++)
		;
	if (k == 0 || k > 3)
		return 0;
	return i;
}

bool
smtpcode_status_valid(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && status_len(s, n) == n;
}

bool
smtpcode_status_generic(const char *s)
{
	return smtpcode_status_valid(s) && strcmp(s + 1, ".0.0") == 0;
}

/*
 * "v2.1.5", "Version: 2.1.5", "version 5.0.0": a software version (a
 * returned message's X-Mailman-Version, an X-Mailer), not a status.
 */
static bool
after_version(const char *text, size_t i)
{
	static const char word[] = "version";
	size_t k = i, m = sizeof(word) - 1;

	if (k > 0 && ((text[k - 1] >= 'a' && text[k - 1] <= 'z') ||
	    (text[k - 1] >= 'A' && text[k - 1] <= 'Z')))
		return true;
	while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == ':' || text[k - 1] == '\t'))
		k--;
	return k >= m && strncasecmp(text + k - m, word, m) == 0;
}

bool
smtpcode_find_status(const char *text, size_t n, char cls, bool specific,
    char out[SMTPCODE_STATUS_MAX])
{
	size_t i, len;

	for (i = 0; i + 5 <= n; i++) {
		if (i > 0 && (isdig(text[i - 1]) || text[i - 1] == '.'))
			continue;
		if ((len = status_len(text + i, n - i)) == 0)
			continue;
		/* "5.1.1.2" is an IP address or version, not a status. */
		if (i + len < n && (isdig(text[i + len]) ||
		    (text[i + len] == '.' && i + len + 1 < n && isdig(text[i + len + 1]))))
			continue;
		if (after_version(text, i))
			continue;
		if (cls && text[i] != cls)
			continue;
		memcpy(out, text + i, len);
		out[len] = '\0';
		if (specific && smtpcode_status_generic(out))
			continue;
		return true;
	}
	return false;
}

/* Offset of the first reply code in text[0..n), or n when there is none. */
static size_t
reply_pos(const char *text, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++) {
		const char *p = text + i;

		if (p[0] != '2' && p[0] != '4' && p[0] != '5')
			continue;
		if (p[1] < '0' || p[1] > '5' || !isdig(p[2]))
			continue;
		if (i > 0 && (isdig(p[-1]) || p[-1] == '.' || p[-1] == '-' ||
		    p[-1] == '+' || p[-1] == '#'))
			continue;
		/*
		 * "host:465" and "10:45:21" are a port and a time; a colon
		 * after a space is a label's ("ERROR_CODE :550", Zoho).
		 */
		if (i > 0 && p[-1] == ':' && (i < 2 || p[-2] != ' '))
			continue;
		/* A comma ends a code ("ResponseCode 421, ...") unless digits
		 * follow it, as in "250,000 bytes". */
		if (i + 3 < n && p[3] == ',' && i + 4 < n && isdig(p[4]))
			continue;
		if (i + 3 < n && p[3] != ' ' && p[3] != '-' && p[3] != '\t' &&
		    p[3] != '\n' && p[3] != '"' && p[3] != ')' && p[3] != ',')
			continue;
		return i;
	}
	return n;
}

bool
smtpcode_find_reply(const char *text, size_t n, char out[SMTPCODE_REPLY_MAX])
{
	size_t i = reply_pos(text, n);

	if (i >= n)
		return false;
	memcpy(out, text + i, 3);
	out[3] = '\0';
	return true;
}

bool
smtpcode_find_pair(const char *text, size_t n, char reply[SMTPCODE_REPLY_MAX],
    char status[SMTPCODE_STATUS_MAX])
{
	size_t off = 0, i, len;

	while (off < n && (i = off + reply_pos(text + off, n - off)) < n) {
		size_t r = i;

		i += 3;
		if (i < n && (text[i] == ' ' || text[i] == '-')) {
			i++;
			if (i < n && (text[i] == '\'' || text[i] == '"'))
				i++;
			len = status_len(text + i, n - i);
			if (len && !(i + len < n && (isdig(text[i + len]) || text[i + len] == '.'))) {
				memcpy(reply, text + r, 3);
				reply[3] = '\0';
				memcpy(status, text + i, len);
				status[len] = '\0';
				return true;
			}
		}
		off = r + 3;
	}
	return false;
}
