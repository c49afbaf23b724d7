#include "core/knowledge/codes.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/*
 * Recognising which provider produced a failure.  Host patterns are
 * matched as whole trailing labels of the MTA names ("mx.google.com" ends
 * in "google.com", "notgoogle.com" does not); text patterns as substrings
 * of the diagnostic.  First match wins, so the more specific patterns come
 * first: Outlook.com's consumer MX hosts live under protection.outlook.com
 * like the Microsoft 365 ones.
 */

static const struct {
	const char *suffix;
	enum codes_provider provider;
} hosts[] = {
	{ "olc.protection.outlook.com", CODES_PROVIDER_OUTLOOKCOM },
	{ "protection.outlook.com",     CODES_PROVIDER_MICROSOFT365 },
	{ "prod.outlook.com",           CODES_PROVIDER_MICROSOFT365 },
	{ "hotmail.com",                CODES_PROVIDER_OUTLOOKCOM },
	{ "live.com",                   CODES_PROVIDER_OUTLOOKCOM },
	{ "msn.com",                    CODES_PROVIDER_OUTLOOKCOM },
	{ "outlook.com",                CODES_PROVIDER_OUTLOOKCOM },
	{ "google.com",                 CODES_PROVIDER_GMAIL },
	{ "googlemail.com",             CODES_PROVIDER_GMAIL },
	{ "gmail.com",                  CODES_PROVIDER_GMAIL },
	{ "yahoodns.net",               CODES_PROVIDER_YAHOO },
	{ "yahoo.com",                  CODES_PROVIDER_YAHOO },
	{ "aol.com",                    CODES_PROVIDER_YAHOO },
	{ "icloud.com",                 CODES_PROVIDER_APPLE },
	{ "me.com",                     CODES_PROVIDER_APPLE },
	{ "mac.com",                    CODES_PROVIDER_APPLE },
};

/*
 * Only markers a provider's own replies carry (help links, its host names,
 * Gmail's "gsmtp"): bare domains such as "gmail.com" also turn up in the
 * quoted recipient address of any other server's refusal.
 */
static const struct {
	const char *phrase;
	enum codes_provider provider;
} phrases[] = {
	{ "olc.protection.outlook.com", CODES_PROVIDER_OUTLOOKCOM },
	{ "protection.outlook.com",     CODES_PROVIDER_MICROSOFT365 },
	{ "prod.outlook.com",           CODES_PROVIDER_MICROSOFT365 },
	{ "exchange online",            CODES_PROVIDER_MICROSOFT365 },
	{ "microsoft 365",              CODES_PROVIDER_MICROSOFT365 },
	{ "office 365",                 CODES_PROVIDER_MICROSOFT365 },
	{ "postmaster.live.com",        CODES_PROVIDER_OUTLOOKCOM },
	{ "mail.live.com",              CODES_PROVIDER_OUTLOOKCOM },
	{ "aka.ms/postmaster",          CODES_PROVIDER_OUTLOOKCOM },
	{ "gsmtp",                      CODES_PROVIDER_GMAIL },
	{ "support.google.com",         CODES_PROVIDER_GMAIL },
	{ "yahooinc.com",               CODES_PROVIDER_YAHOO },
	{ "postmaster.yahoo.com",       CODES_PROVIDER_YAHOO },
	{ "help.yahoo.com",             CODES_PROVIDER_YAHOO },
	{ "verizonmedia.com",           CODES_PROVIDER_YAHOO },
	{ "yahoodns.net",               CODES_PROVIDER_YAHOO },
	{ "mx.aol.com",                 CODES_PROVIDER_YAHOO },
	{ "mail.icloud.com",            CODES_PROVIDER_APPLE },
	{ "support.apple.com",          CODES_PROVIDER_APPLE },
};

/* Names `--provider` accepts; the first of each provider is its key. */
static const struct {
	const char *name;
	enum codes_provider provider;
} names[] = {
	{ "microsoft365", CODES_PROVIDER_MICROSOFT365 },
	{ "m365",         CODES_PROVIDER_MICROSOFT365 },
	{ "office365",    CODES_PROVIDER_MICROSOFT365 },
	{ "exchange",     CODES_PROVIDER_MICROSOFT365 },
	{ "microsoft",    CODES_PROVIDER_MICROSOFT365 },
	{ "outlook.com",  CODES_PROVIDER_OUTLOOKCOM },
	{ "outlook",      CODES_PROVIDER_OUTLOOKCOM },
	{ "hotmail",      CODES_PROVIDER_OUTLOOKCOM },
	{ "gmail",        CODES_PROVIDER_GMAIL },
	{ "google",       CODES_PROVIDER_GMAIL },
	{ "workspace",    CODES_PROVIDER_GMAIL },
	{ "yahoo",        CODES_PROVIDER_YAHOO },
	{ "aol",          CODES_PROVIDER_YAHOO },
	{ "apple",        CODES_PROVIDER_APPLE },
	{ "icloud",       CODES_PROVIDER_APPLE },
};

static const char *const display[] = {
	"",
#define CODES_PROVIDER_NAME(n, name) name,
	CODES_PROVIDER_LIST(CODES_PROVIDER_NAME)
#undef CODES_PROVIDER_NAME
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Does the host name in s (a Remote-MTA value such as "dns; mx.google.com"
 * or "mx.google.com [1.2.3.4]") end in the labels of suffix?
 */
static bool
host_has_suffix(const char *s, const char *suffix)
{
	const char *semi = strchr(s, ';');
	size_t n, k = strlen(suffix);

	if (semi != NULL)
		s = semi + 1;
	while (isspace((unsigned char)*s))
		s++;
	n = strcspn(s, " \t[]()");
	while (n > 0 && s[n - 1] == '.')
		n--;
	if (n < k || strncasecmp(s + n - k, suffix, k) != 0)
		return false;
	return n == k || s[n - k - 1] == '.';
}

static bool
text_has(const char *text, const char *phrase)
{
	size_t k = strlen(phrase);

	for (const char *p = text; *p != '\0'; p++)
		if (strncasecmp(p, phrase, k) == 0)
			return true;
	return false;
}

static enum codes_provider
detect_host(const char *host)
{
	if (host == NULL)
		return CODES_PROVIDER_NONE;
	for (size_t i = 0; i < NELEM(hosts); i++)
		if (host_has_suffix(host, hosts[i].suffix))
			return hosts[i].provider;
	return CODES_PROVIDER_NONE;
}

enum codes_provider
codes_provider_detect(const char *remote_mta, const char *reporting_mta,
    const char *diagnostic)
{
	enum codes_provider p;
	bool remote_known = remote_mta != NULL && *remote_mta != '\0';

	/* The remote MTA is the server that refused. */
	if ((p = detect_host(remote_mta)) != CODES_PROVIDER_NONE)
		return p;
	if (diagnostic != NULL)
		for (size_t i = 0; i < NELEM(phrases); i++)
			if (text_has(diagnostic, phrases[i].phrase))
				return phrases[i].provider;
	/*
	 * The reporting MTA speaks for itself only when no other server is
	 * named: Yahoo reporting that example.org refused is not Yahoo's code.
	 */
	return remote_known ? CODES_PROVIDER_NONE : detect_host(reporting_mta);
}

const char *
codes_provider_name(enum codes_provider p)
{
	return (size_t)p < NELEM(display) ? display[p] : "";
}

enum status
codes_provider_by_name(const char *name, enum codes_provider *out)
{
	for (size_t i = 0; i < NELEM(names); i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].provider;
			return STATUS_OK;
		}
	return STATUS_NOT_FOUND;
}

const char *
codes_provider_names(void)
{
	return "microsoft365 (m365, office365, exchange, microsoft), "
	    "outlook.com (outlook, hotmail), gmail (google, workspace), "
	    "yahoo (aol), apple (icloud)";
}
