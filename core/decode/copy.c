#include "core/decode/copy_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/shared/str.h"

/* Header fields that only a copy distributed by a mailing list carries. */
static const char *const list_fields[] = {
	"List-Id", "List-Post", "List-Help", "List-Subscribe", "List-Archive",
	"List-Owner", "Mailing-List", "X-Mailman-Version", "X-BeenThere",
	"X-Mailing-List", "X-List", "X-ML-Name", "X-Sequence",
};

/* Field values that name a list: its precedence, its owner or bounces. */
static const struct {
	const char *field;
	const char *word;
} list_values[] = {
	{ "Precedence", "list" },
	{ "Sender", "owner-" }, { "Sender", "-owner" }, { "Sender", "-request" },
	{ "Sender", "-bounces" }, { "Errors-To", "owner-" },
	{ "Errors-To", "-owner" }, { "Errors-To", "-bounces" },
};

/* Local parts the report can be sent to that only a list has. */
static const char *const list_suffixes[] = { "-bounces", "-owner", "-request" };

static const char *
field(GMimeMessage *m, const char *name)
{
	return g_mime_object_get_header(GMIME_OBJECT(m), name);
}

static bool
via_list(GMimeMessage *copy)
{
	const char *v;

	for (size_t i = 0; i < sizeof(list_fields) / sizeof(list_fields[0]); i++)
		if (field(copy, list_fields[i]) != NULL)
			return true;
	for (size_t i = 0; i < sizeof(list_values) / sizeof(list_values[0]); i++)
		if ((v = field(copy, list_values[i].field)) != NULL &&
		    str_casestr(v, list_values[i].word) != NULL)
			return true;
	return false;
}

/* The one mailbox address of l, or NULL (none, several, a group). */
static const char *
sole_mailbox(InternetAddressList *l)
{
	InternetAddress *a;

	if (l == NULL || internet_address_list_length(l) != 1)
		return NULL;
	a = internet_address_list_get_address(l, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	return internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
}

/* Whether addr is one of the mailboxes of l. */
static bool
names(InternetAddressList *l, const char *addr)
{
	for (int i = 0; l && i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *s;

		if (INTERNET_ADDRESS_IS_MAILBOX(a) &&
		    (s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) &&
		    strcasecmp(s, addr) == 0)
			return true;
	}
	return false;
}

/* Whether the report went to LOCAL-bounces@ (-owner, -request) of addr. */
static bool
to_list_address(InternetAddressList *l, const char *addr)
{
	const char *at = strchr(addr, '@');
	size_t n = at ? (size_t)(at - addr) : 0;

	for (int i = 0; n > 0 && l && i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *s;

		if (!INTERNET_ADDRESS_IS_MAILBOX(a) ||
		    (s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) == NULL ||
		    strncasecmp(s, addr, n) != 0)
			continue;
		for (size_t k = 0; k < sizeof(list_suffixes) / sizeof(list_suffixes[0]); k++)
			if (strncasecmp(s + n, list_suffixes[k], strlen(list_suffixes[k])) == 0)
				return true;
	}
	return false;
}

char *
copy_sole_recipient(GMimeMessage *copy, GMimeMessage *report)
{
	InternetAddressList *cc;
	const char *addr, *at;

	if (copy == NULL || via_list(copy))
		return NULL;
	cc = g_mime_message_get_cc(copy);
	if (cc != NULL && internet_address_list_length(cc) > 0)
		return NULL;
	addr = sole_mailbox(g_mime_message_get_to(copy));
	if (addr == NULL || (at = strchr(addr, '@')) == NULL || at == addr ||
	    at[1] == '\0')
		return NULL;
	if (strncasecmp(addr, "postmaster@", 11) == 0 ||
	    strncasecmp(addr, "mailer-daemon@", 14) == 0)
		return NULL;
	if (report != NULL && (names(g_mime_message_get_from(report), addr) ||
	    names(g_mime_message_get_to(report), addr) ||
	    to_list_address(g_mime_message_get_to(report), addr)))
		return NULL;
	return xstrdup(addr);
}
