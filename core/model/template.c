#include "core/model/template.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"

static bool
is_local(int c)
{
	return isalnum(c) || (c != 0 && strchr("._%+-=/!#$&'*^`{|}~", c) != NULL);
}

static bool
is_word(int c)
{
	return isalnum(c) || c == '.' || c == '-' || c == '_';
}

/* Length of a mail address at s (local@domain), or 0. */
static size_t
match_addr(const char *s, const char *start)
{
	size_t i = 0, d;

	if (s > start && is_local((unsigned char)s[-1]))
		return 0;
	while (is_local((unsigned char)s[i]))
		i++;
	if (i == 0 || s[i] != '@')
		return 0;
	d = ++i;
	while (isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '-')
		i++;
	/* "user@" alone or "@[1.2.3.4]" forms still name an address. */
	if (i == d && s[i] == '[') {
		while (s[i] && s[i] != ']')
			i++;
		if (s[i] == ']')
			i++;
	}
	while (i > d && s[i - 1] == '.')
		i--;
	return i;
}

static size_t
match_ipv4(const char *s)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		size_t n = 0;

		if (part > 0) {
			if (s[i] != '.')
				return 0;
			i++;
		}
		while (isdigit((unsigned char)s[i]) && n < 3) {
			i++;
			n++;
		}
		if (n == 0)
			return 0;
	}
	return isdigit((unsigned char)s[i]) || isalpha((unsigned char)s[i]) ? 0 : i;
}

/* Hex groups with at least two colons, as in 2001:db8::1 or IPv6:... */
static size_t
match_ipv6(const char *s)
{
	size_t i = 0, colons = 0, hex = 0;

	if (strncasecmp(s, "ipv6:", 5) == 0)
		i = 5;
	for (;; i++) {
		if (isxdigit((unsigned char)s[i]))
			hex++;
		else if (s[i] == ':')
			colons++;
		else
			break;
	}
	if (colons < 2 || hex == 0)
		return 0;
	/* An IPv4 tail (::ffff:1.2.3.4). */
	if (s[i] == '.' && i > 0) {
		size_t back = i;

		while (back > 0 && s[back - 1] != ':')
			back--;
		if (match_ipv4(s + back) > 0)
			return back + match_ipv4(s + back);
	}
	return i;
}

/* Does an enhanced status code (d.d+.d+) follow after blanks? */
static bool
code_follows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s[0] >= '2' && s[0] <= '5' && s[1] == '.' && isdigit((unsigned char)s[2]);
}

static const char *
classify_word(const char *w, size_t n, bool first)
{
	size_t digits = 0, alpha = 0, dots = 0;
	size_t last_label = 0;
	bool last_alpha = true;

	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)w[i]))
			digits++;
		else if (isalpha((unsigned char)w[i]))
			alpha++;
		if (w[i] == '.') {
			dots++;
			last_label = i + 1;
		}
	}
	for (size_t i = last_label; i < n; i++)
		if (!isalpha((unsigned char)w[i]) && w[i] != '-')
			last_alpha = false;
	if (alpha == 0 && digits > 0) {
		/* x.y.z enhanced status codes and reply codes stay. */
		if (dots == 2 && n <= 9 && (w[0] >= '2' && w[0] <= '5') && w[1] == '.')
			return NULL;
		/*
		 * A reply code opens the text, a continuation line ("550-") or
		 * an enhanced code; any other three digits ("after 300
		 * seconds") are a number like the rest.
		 */
		if (dots == 0 && n == 3 && w[0] >= '2' && w[0] <= '5' &&
		    (first || w[n] == '-' || code_follows(w + n)))
			return NULL;
		return "<n>";
	}
	if (dots >= 1 && alpha > 0 && last_alpha && n - last_label >= 2 &&
	    w[0] != '.' && w[n - 1] != '.')
		return "<host>";
	if (digits > 0 && alpha > 0 && n >= 6)
		return "<id>";
	return NULL;
}

char *
template_make(const char *diag)
{
	struct buf out = BUF_INIT;
	const char *s = diag;
	bool space = false;

	if (diag == NULL)
		return NULL;
	while (*s) {
		unsigned char c = (unsigned char)*s;
		size_t n;

		if (isspace(c)) {
			space = out.len > 0;
			s++;
			continue;
		}
		if (space) {
			buf_addc(&out, ' ');
			space = false;
		}
		if ((n = match_addr(s, diag)) > 0) {
			buf_adds(&out, "*@*");
			s += n;
			continue;
		}
		if (s == diag || !is_word((unsigned char)s[-1])) {
			if ((n = match_ipv6(s)) > 0 || (n = match_ipv4(s)) > 0) {
				buf_adds(&out, "<ip>");
				s += n;
				continue;
			}
		}
		if (c >= '2' && c <= '5' && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) && s[3] == '-' &&
		    (s == diag || !is_word((unsigned char)s[-1]))) {
			buf_add(&out, s, 4);
			s += 4;
			continue;
		}
		if (is_word(c)) {
			const char *mask;

			n = 0;
			while (is_word((unsigned char)s[n]))
				n++;
			/* A trailing full stop ends a sentence, not a name. */
			while (n > 1 && s[n - 1] == '.')
				n--;
			mask = classify_word(s, n, s == diag);
			if (mask != NULL)
				buf_adds(&out, mask);
			else
				buf_add(&out, s, n);
			s += n;
			continue;
		}
		buf_addc(&out, (char)c);
		s++;
	}
	return buf_steal(&out);
}
