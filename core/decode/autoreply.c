#include "core/decode/autoreply_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/shared/buf.h"
#include "core/shared/phrases.h"
#include "core/shared/str.h"

/*
 * Auto-replies (RFC 3834 and the vacation programs before it).  A header
 * alone decides only when it cannot be on a bounce: DSNs carry
 * "Auto-Submitted: auto-replied" too, so that one counts only on a message
 * that is neither a report nor from a mailer daemon.
 */
static const char *const autoreply_headers[][2] = {
	{ "Auto-Submitted", "auto-replied" },
	{ "X-Autoreply", "" },
	{ "X-Autorespond", "" },
	{ "X-Autoresponder", "" },
	{ "Precedence", "auto_reply" },
	{ "X-Auto-Response-Suppress", "" },
};

/* Subject prefixes of vacation and out-of-office replies. */
static const char *const autoreply_subjects[] = {
	"Auto:", "Automatic reply", "Automatic Response", "Auto reply",
	"Auto-reply", "Autoreply", "AutoRespons", "Auto Response",
	"Out of Office", "Out of the office",
	"Away", "Vacation", "Abwesenheit", "Réponse automatique",
	"Respuesta automática", "Risposta automatica", "Automatisch antwoord",
	"Automatische Antwort", NULL
};

/*
 * Subject phrases of automatic replies that do not open the subject: Lotus
 * Notes writes "<name> is out of the office", and Polish webmail wraps its
 * prefix in brackets ("[Automatyczna odpowiedź] <subject>").
 */
static const char *const autoreply_subject_phrases[] = {
	"is out of the office", "[Automatyczna odpowiedź]", NULL
};

/* Senders that are report generators, never people on vacation. */
static const char *const daemon_senders[] = {
	"mailer-daemon", "postmaster", "mail delivery", NULL
};

/*
 * What challenge-response services (Boxbe, Bluebottle, Spam Arrest, TMDA
 * and the like) write when they hold a message until its sender proves to
 * be a person: the message waits at the recipient's service, it did not
 * fail.  Boxbe even wraps the notice in a delivery report.
 */
static const char *const challenge_phrases[] = {
	"has been waitlisted",
	"Guest List",
	"added to the recipient's allowed list",
	"approved senders list",
	"verify that you are a",
	"confirm that you are a",
	"challenge-response",
	"challenge/response",
	NULL
};

static bool
has_any(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (str_casestr(s, *list))
			return true;
	return false;
}

/* The phrases as one automaton: a report's whole text is read once. */
static struct phrases *challenge_set;
static pthread_once_t challenge_once = PTHREAD_ONCE_INIT;

static void
challenge_build(void)
{
	size_t n = 0;

	while (challenge_phrases[n])
		n++;
	challenge_set = phrases_new(challenge_phrases, NULL, n, PHRASES_FOLD);
}

static bool
stop_at_hit(void *ctx, size_t id, size_t end)
{
	(void)id;
	(void)end;
	*(bool *)ctx = true;
	return false;
}

/* Whether s holds a challenge phrase, ASCII case-insensitively. */
static bool
has_challenge(const char *s)
{
	bool hit = false;

	pthread_once(&challenge_once, challenge_build);
	if (challenge_set == NULL)
		return has_any(s, challenge_phrases);
	phrases_scan(challenge_set, s, strlen(s), stop_at_hit, &hit);
	return hit;
}

/* The address part of the From header, or NULL. */
static char *
from_address(GMimeMessage *msg)
{
	InternetAddressList *l = g_mime_message_get_from(msg);
	InternetAddress *a;

	if (l == NULL || internet_address_list_length(l) == 0)
		return NULL;
	a = internet_address_list_get_address(l, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(a))
		return NULL;
	return xstrdup_null(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
}

bool
autoreply_decode(struct bounce *b, GMimeMessage *msg)
{
	GMimeObject *top = GMIME_OBJECT(msg);
	const char *subject = g_mime_message_get_subject(msg);
	bool hit = false;
	struct bounce_recipient *r;
	char *from;

	if (has_any(b->from, daemon_senders))
		return false;
	for (size_t i = 0; !hit && i < sizeof(autoreply_headers) /
	    sizeof(autoreply_headers[0]); i++) {
		const char *v = g_mime_object_get_header(top, autoreply_headers[i][0]);
		hit = v && str_casestr(v, autoreply_headers[i][1]) != NULL;
	}
	for (const char *const *s = autoreply_subjects; !hit && subject && *s; s++)
		hit = strncasecmp(subject, *s, strlen(*s)) == 0;
	if (!hit)
		hit = has_any(subject, autoreply_subject_phrases);
	if (!hit || (from = from_address(msg)) == NULL)
		return false;
	r = bounce_add_recipient(b);
	r->recipient = from;
	r->action = xstrdup("delivered");
	b->kind = BOUNCE_KIND_AUTOREPLY;
	return true;
}

/*
 * A delivery report that is a challenge: its text asks the sender to
 * confirm, and no recipient carries a reply from a mail server (a server
 * that refused the message with words about confirmation still refused
 * it).  It is made an automatic reply on behalf of the recipients, whose
 * service holds the message.
 */
bool
autoreply_challenge(struct bounce *b)
{
	if (b->human == NULL)
		return false;
	/* The recipients first: most reports carry a server's reply. */
	for (size_t i = 0; i < b->nrcpt; i++)
		if (b->rcpt[i].reply_code != NULL ||
		    (b->rcpt[i].diagnostic_type != NULL &&
		    strcasecmp(b->rcpt[i].diagnostic_type, "smtp") == 0))
			return false;
	if (!has_challenge(b->human))
		return false;
	for (size_t i = 0; i < b->nrcpt; i++) {
		free(b->rcpt[i].action);
		b->rcpt[i].action = xstrdup("delivered");
	}
	b->kind = BOUNCE_KIND_AUTOREPLY;
	b->is_bounce = false;
	return true;
}
