#include "core/decode/textbounce_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/decode/dsn.h"
#include "core/decode/feedback_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/decode/rules/families_int.h"
#include "core/decode/sesjson_int.h"
#include "core/knowledge/smtpcode.h"
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
	"Auto:", "Automatic reply", "Auto reply", "Auto-reply", "Autoreply",
	"AutoRespons", "Auto Response", "Out of Office", "Out of the office",
	"Away", "Vacation", "Abwesenheit", "Réponse automatique",
	"Respuesta automática", "Risposta automatica", "Automatisch antwoord",
	"Automatische Antwort", NULL
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

/* Where a delivery-status block written as text starts. */
/*
 * Header fields of a text bounce that carry the receiving system's own
 * verdict; they are kept as report fields, where the classifier's field
 * rules read them (EZweb marks its spam filter's notices "X-SPASIGN: NG").
 */
static const char *const verdict_headers[] = { "X-SPASIGN" };

static const char *const inline_dsn_fields[] = {
	"\nReporting-MTA:", "\nFinal-Recipient:", "\nOriginal-Recipient:", NULL
};

static bool
has_any(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (str_casestr(s, *list))
			return true;
	return false;
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

static bool
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
	if (!hit || (from = from_address(msg)) == NULL)
		return false;
	r = bounce_add_recipient(b);
	r->recipient = from;
	r->action = xstrdup("delivered");
	b->kind = BOUNCE_KIND_AUTOREPLY;
	return true;
}

/*
 * Delivery-status fields pasted into the text of the message (old PMDF,
 * gateways that flatten MIME): parse them from the first field on.
 */
static size_t
inline_dsn(struct bounce *b, const char *text)
{
	const char *p = NULL, *q;
	struct dsn *d;
	size_t before = b->nrcpt, len;

	if (str_casestr(text, "\nFinal-Recipient:") == NULL)
		return 0;
	for (const char *const *f = inline_dsn_fields; *f; f++)
		if ((q = str_casestr(text, *f)) != NULL && (p == NULL || q < p))
			p = q;
	len = strnlen(p, RULES_TEXT_MAX);
	dsn_parse(p + 1, len - 1, &d);
	for (size_t i = 0; i < d->nrcpt; i++)
		bounce_add_dsn_recipient(b, &d->rcpt[i]);
	if (b->reporting_mta == NULL)
		b->reporting_mta = xstrdup_null(d->reporting_mta);
	dsn_free(d);
	return b->nrcpt - before;
}

/*
 * Recipients named by a header when the text (of family f, or NULL) lists
 * none.
 */
static void
header_recipients(struct bounce *b, GMimeMessage *msg,
    const struct rule_family *f, const char *text)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg),
	    "X-Failed-Recipients");
	InternetAddressList *l;
	char *copy_to = NULL;

	if (v == NULL)
		v = b->original.to;
	if (v == NULL && text)
		v = copy_to = rules_copy_to(f, text, strlen(text));
	l = v ? internet_address_list_parse(NULL, v) : NULL;
	free(copy_to);
	if (l == NULL)
		return;
	for (int i = 0; i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		struct bounce_recipient *r;
		const char *s;
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		if (s == NULL || strchr(s, '@') == NULL)
			continue;
		r = bounce_add_recipient(b);
		r->recipient = xstrdup(s);
		r->action = xstrdup("failed");
	}
	g_object_unref(l);
}

/*
 * The body as it stands in the message, for reports whose MIME structure
 * is broken (a boundary that never occurs) and so have no readable part.
 */
static char *
raw_body(GMimeMessage *msg)
{
	char *raw = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	const char *body;
	char *r = NULL;

	if (raw == NULL)
		return NULL;
	if ((body = strstr(raw, "\n\n")) != NULL)
		r = xstrndup(body + 2, strnlen(body + 2, RULES_TEXT_MAX));
	g_free(raw);
	return r;
}

/*
 * text with one level of "> " quoting removed from every line that has
 * it, or NULL when fewer than UNQUOTE_MIN lines are quoted: a bounce
 * forwarded by a person ("Fwd: Returned mail") is quoted whole.
 */
#define UNQUOTE_MIN 5
static char *
unquote(const char *text)
{
	struct buf out = BUF_INIT;
	size_t len = strnlen(text, RULES_TEXT_MAX), quoted = 0;
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (*p == '>') {
			quoted++;
			p++;
			n--;
			if (n > 0 && *p == ' ') {
				p++;
				n--;
			}
		}
		buf_add(&out, p, n);
		p += n;
	}
	if (quoted < UNQUOTE_MIN) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}

static void fill_gaps(struct bounce *, GMimeMessage *, const char *);

/* Reads text as a bounce of its own; the number of recipients found. */
static size_t
text_recipients(struct bounce *b, GMimeMessage *msg, const char *text,
    const struct rule_family **fp)
{
	const struct rule_family *f = rules_identify(msg, text, strlen(text));

	/* A delivery-status part says it is a report even when its sender
	 * and subject do not (a gateway that lost the fields). */
	if (f == NULL && b->has_dsn_part)
		f = &rule_generic;
	*fp = f;
	if (inline_dsn(b, text) > 0)
		fill_gaps(b, msg, text);
	else if (f != NULL) {
		rules_extract(f, text, strlen(text), b);
		/* A known family that lists nobody still names them elsewhere;
		 * its text still says why. */
		if (b->nrcpt == 0 && f != &rule_generic) {
			header_recipients(b, msg, f, text);
			rules_fill_section(f, text, strlen(text), b, 0);
		}
	}
	return b->nrcpt;
}

static void
text_bounce(struct bounce *b, GMimeMessage *msg)
{
	const struct rule_family *f;
	char *own = NULL, *plain;
	const char *text = b->human;

	if (text == NULL && (text = own = raw_body(msg)) == NULL)
		return;
	if (text_recipients(b, msg, text, &f) == 0 &&
	    (plain = unquote(text)) != NULL) {
		text_recipients(b, msg, plain, &f);
		free(plain);
	}
	free(own);
	if (b->nrcpt == 0)
		return;
	b->kind = BOUNCE_KIND_TEXT;
	b->is_bounce = true;
	if (b->mta == NULL && f != NULL && f != &rule_generic)
		b->mta = xstrdup(f->name);
	for (size_t i = 0; i < sizeof(verdict_headers) / sizeof(verdict_headers[0]); i++) {
		const char *v = g_mime_object_get_header(GMIME_OBJECT(msg),
		    verdict_headers[i]);

		if (v != NULL && bounce_field(b, verdict_headers[i]) == NULL)
			bounce_add_field(b, verdict_headers[i], v);
	}
}

static int
rcpt_cmp(const void *a, const void *b)
{
	const struct bounce_recipient *const *x = a, *const *y = b;
	int c = strcasecmp((*x)->recipient, (*y)->recipient);

	/* Equal addresses keep text order, so the first mention wins. */
	return c ? c : (*x < *y ? -1 : *x > *y);
}

/*
 * The recipients of t sorted by address, so that a report listing
 * thousands of them is matched in n log n; the caller frees the array.
 */
static struct bounce_recipient **
rcpt_index(struct bounce *t)
{
	struct bounce_recipient **v = xcalloc(t->nrcpt + 1, sizeof(*v));

	for (size_t i = 0; i < t->nrcpt; i++)
		v[i] = &t->rcpt[i];
	qsort(v, t->nrcpt, sizeof(*v), rcpt_cmp);
	return v;
}

static struct bounce_recipient *
match_recipient(struct bounce *t, struct bounce_recipient **index,
    const struct bounce_recipient *r, size_t nb)
{
	size_t lo = 0, hi = t->nrcpt;

	/* The first of the equal addresses: a lower bound. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcasecmp(index[mid]->recipient, r->recipient) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nrcpt && strcasecmp(index[lo]->recipient, r->recipient) == 0)
		return index[lo];
	return (t->nrcpt == 1 && nb == 1) ? &t->rcpt[0] : NULL;
}

/*
 * True when have is a damaged form of the whole address full: no local part
 * ("Final-Recipient: rfc822; @mx.example.org", seen from Sendmail) or only
 * the local part.
 */
static bool
partial_address(const char *have, const char *full)
{
	const char *at = strchr(full, '@');

	if (at == NULL || at == full)
		return false;
	if (have[0] == '@')
		return true;
	return strchr(have, '@') == NULL && strlen(have) == (size_t)(at - full) &&
	    strncasecmp(have, full, (size_t)(at - full)) == 0;
}

/*
 * True when r's generic status is the remote server's own answer ("550
 * 5.0.0 ... User unknown" in Diagnostic-Code): the reporting MTA's more
 * specific paraphrase in the human part does not replace what the server
 * said.
 */
static bool
remote_said(const struct bounce_recipient *r)
{
	char reply[SMTPCODE_REPLY_MAX], st[SMTPCODE_STATUS_MAX];

	return r->diagnostic && smtpcode_find_pair(r->diagnostic,
	    strlen(r->diagnostic), reply, st) && strcmp(st, r->status) == 0;
}

/*
 * A delivery-status part that lacks Status or Diagnostic-Code: the human
 * text often says what the machine part left out.  The same for
 * delivery-status fields pasted into the text (inline_dsn()): the prose
 * above them has the transcript.
 */
static void
fill_gaps(struct bounce *b, GMimeMessage *msg, const char *text)
{
	const struct rule_family *f;
	struct bounce *t;
	struct bounce_recipient **index;
	bool need = false;

	for (size_t i = 0; i < b->nrcpt; i++)
		need |= b->rcpt[i].status == NULL || b->rcpt[i].diagnostic == NULL ||
		    b->rcpt[i].reply_code == NULL || smtpcode_status_generic(b->rcpt[i].status);
	if (!need || text == NULL)
		return;
	if ((f = rules_identify(msg, text, strlen(text))) == NULL)
		f = &rule_generic;
	t = xcalloc(1, sizeof(*t));
	rules_extract(f, text, strlen(text), t);
	index = rcpt_index(t);
	for (size_t i = 0; i < b->nrcpt; i++) {
		struct bounce_recipient *r = &b->rcpt[i], *h;
		if ((h = match_recipient(t, index, r, b->nrcpt)) == NULL)
			continue;
		if (partial_address(r->recipient, h->recipient)) {
			free(r->recipient);
			r->recipient = xstrdup(h->recipient);
		}
		if (r->diagnostic == NULL && h->diagnostic) {
			r->diagnostic = xstrdup(h->diagnostic);
			if (r->reply_code == NULL && h->reply_code)
				r->reply_code = xstrdup(h->reply_code);
		}
		if (r->status == NULL && h->status) {
			r->status = xstrdup(h->status);
			r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		} else if (r->status && h->status && smtpcode_status_generic(r->status) &&
		    !smtpcode_status_generic(h->status) && h->status[0] == r->status[0] &&
		    !remote_said(r)) {
			/* OpenSMTPD: "Status: 5.0.0", the human part says 550 5.7.26 */
			free(r->status);
			r->status = xstrdup(h->status);
			r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		}
		/* A reply code of the status's class, e.g. Sendmail's X-Unix
		 * diagnostic with the SMTP transcript in the human part. */
		if (r->reply_code == NULL && h->reply_code &&
		    (r->status == NULL || r->status[0] == h->reply_code[0]))
			r->reply_code = xstrdup(h->reply_code);
		if (r->remote_mta == NULL && h->remote_mta)
			r->remote_mta = xstrdup(h->remote_mta);
	}
	free(index);
	bounce_free(t);
}

/*
 * A delivery report that is a challenge: its text asks the sender to
 * confirm, and no recipient carries a reply from a mail server (a server
 * that refused the message with words about confirmation still refused
 * it).  It is made an automatic reply on behalf of the recipients, whose
 * service holds the message.
 */
static bool
challenge_decode(struct bounce *b)
{
	if (b->human == NULL || !has_any(b->human, challenge_phrases))
		return false;
	for (size_t i = 0; i < b->nrcpt; i++)
		if (b->rcpt[i].reply_code != NULL ||
		    (b->rcpt[i].diagnostic_type != NULL &&
		    strcasecmp(b->rcpt[i].diagnostic_type, "smtp") == 0))
			return false;
	for (size_t i = 0; i < b->nrcpt; i++) {
		free(b->rcpt[i].action);
		b->rcpt[i].action = xstrdup("delivered");
	}
	b->kind = BOUNCE_KIND_AUTOREPLY;
	b->is_bounce = false;
	return true;
}

void
textbounce_decode(struct bounce *b, GMimeMessage *msg)
{
	switch (b->kind) {
	case BOUNCE_KIND_DSN:
		if (!challenge_decode(b))
			fill_gaps(b, msg, b->human);
		return;
	case BOUNCE_KIND_FEEDBACK:
		feedback_decode(b, msg);
		return;
	case BOUNCE_KIND_MDN:
	case BOUNCE_KIND_TEXT:
	case BOUNCE_KIND_AUTOREPLY:
		return;
	case BOUNCE_KIND_NONE:
		break;
	}
	if (feedback_decode(b, msg))
		return;
	/* Amazon SES notifications are JSON, not prose. */
	if (b->human && sesjson_decode(b, b->human, strlen(b->human)))
		return;
	text_bounce(b, msg);
	/* "Delivery report unavailable": a report part that names nobody is
	 * still a failure report; the returned message says to whom. */
	if (b->nrcpt == 0 && b->has_dsn_part) {
		header_recipients(b, msg, NULL, b->human);
		if (b->nrcpt > 0) {
			b->kind = BOUNCE_KIND_DSN;
			b->is_bounce = true;
		}
	}
	if (b->nrcpt == 0)
		autoreply_decode(b, msg);
}
