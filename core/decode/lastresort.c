#include "core/decode/lastresort_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/dsn.h"
#include "core/decode/parts_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/* Lines below a phrase that names no address, where the list may be. */
#define LIST_LINES 6
/* Recipients taken from one report; more is a list, not a report. */
#define TAKE_MAX 100
/* Bytes of a line looked at. */
#define LINE_MAX_BYTES 1024

/* Senders that write failure reports ("Mail Delivery Subsystem"). */
static const char *const report_senders[] = {
	"mailer-daemon", "mailer daemon", "postmaster", "post_master",
	"mail delivery", "mail administrator", "mailadmin",
};

/* Subjects of failure reports, in the words of many MTAs. */
static const char *const report_subjects[] = {
	"undeliver", "undelivered", "delivery fail", "failed deliver",
	"delivery problem", "delivery error", "delivery status",
	"delivery notification", "returned mail", "failure notice",
	"not delivered", "non-delivery", "nondeliver", "mail delivery",
	"could not be delivered", "rejected", "returned to sender",
	"mail error", "message error",
};

/* Words of a failure on the line that names the failed address. */
static const char *const failure_phrases[] = {
	"could not be delivered", "couldn't be delivered", "cannot be delivered",
	"can't be delivered", "was not delivered", "were not delivered",
	"not be delivered", "undeliverable", "undelivered", "delivery failed",
	"delivery has failed", "delivery to the following", "failed to deliver",
	"unable to deliver", "could not deliver", "couldn't deliver",
	"permanent error", "permanent failure", "permanently", "not a valid user",
	"not a valid recipient", "user unknown", "unknown user", "no such user",
	"no such recipient", "does not exist", "doesn't exist", "mailbox unavailable",
	"address rejected", "recipient rejected", "invalid recipient",
	"invalid address", "bad address", "mailbox is full", "over quota",
	"failed recipient", "following address", "following recipient",
	"message not delivered", "not deliverable", "rejected", "has been delayed",
	"delayed", "not yet been delivered", "failed",
};

/* Words that say the failure is not final yet. */
static const char *const delay_phrases[] = {
	"delayed", "not yet been delivered", "will retry", "will continue",
	"still trying", "try again",
};

/* Local parts of report writers, never a failed recipient. */
static const char *const writer_locals[] = {
	"postmaster", "mailer-daemon", "post_master", "mailerdaemon",
};

static bool
has_any(const char *s, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (str_casestrn(s, n, list[i]) != NULL)
			return true;
	return false;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
header_has(GMimeMessage *m, const char *name, const char *const *list, size_t n)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(m), name);

	return v && has_any(v, strlen(v), list, n);
}

/* Whether msg is a failure report by its envelope or its header fields. */
static bool
report_by_headers(GMimeMessage *msg)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	GMimeContentType *ct = g_mime_object_get_content_type(g_mime_message_get_mime_part(msg));
	const char *rp = g_mime_object_get_header(o, "Return-Path");
	const char *as = g_mime_object_get_header(o, "Auto-Submitted");
	const char *subject = g_mime_message_get_subject(msg);

	if (rp && (strcmp(rp, "<>") == 0 || rp[strspn(rp, " \t<>")] == '\0'))
		return true;
	if (as && strncasecmp(as, "auto-", 5) == 0)
		return true;
	if (g_mime_object_get_header(o, "X-Failed-Recipients") != NULL)
		return true;
	if (ct && g_mime_content_type_is_type(ct, "multipart", "report"))
		return true;
	if (header_has(msg, "From", report_senders, NELEM(report_senders)))
		return true;
	return subject && has_any(subject, strlen(subject), report_subjects,
	    NELEM(report_subjects));
}

/* Addresses that are never a failed recipient of this report. */
struct exclude {
	char **addr;
	size_t n;
};

static void
exclude_list(struct exclude *x, InternetAddressList *l)
{
	for (int i = 0; l && i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *s;

		if (!INTERNET_ADDRESS_IS_MAILBOX(a) ||
		    (s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) == NULL)
			continue;
		x->addr = xrealloc(x->addr, (x->n + 1) * sizeof(*x->addr));
		x->addr[x->n++] = xstrdup(s);
	}
}

static void
exclude_header(struct exclude *x, GMimeMessage *m, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(m), name);
	InternetAddressList *l;

	if (v == NULL || (l = internet_address_list_parse(NULL, v)) == NULL)
		return;
	exclude_list(x, l);
	g_object_unref(l);
}

static void
exclude_build(struct exclude *x, GMimeMessage *msg)
{
	static const char *const own[] = {
		"From", "To", "Cc", "Reply-To", "Return-Path", "Sender", "Delivered-To",
	};
	static const char *const copy_sender[] = {
		"From", "Sender", "Reply-To", "Return-Path",
	};
	struct decode_parts parts;
	GMimeMessage *copy;

	for (size_t i = 0; i < NELEM(own); i++)
		exclude_header(x, msg, own[i]);
	parts_find(msg, &parts);
	if ((copy = parts_original_message(&parts)) != NULL) {
		for (size_t i = 0; i < NELEM(copy_sender); i++)
			exclude_header(x, copy, copy_sender[i]);
		g_object_unref(copy);
	}
}

static bool
excluded(const struct exclude *x, const char *a)
{
	const char *at = strchr(a, '@');

	for (size_t i = 0; i < NELEM(writer_locals); i++)
		if (at && (size_t)(at - a) == strlen(writer_locals[i]) &&
		    strncasecmp(a, writer_locals[i], (size_t)(at - a)) == 0)
			return true;
	for (size_t i = 0; i < x->n; i++)
		if (strcasecmp(x->addr[i], a) == 0)
			return true;
	return false;
}

static void
exclude_free(struct exclude *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->addr[i]);
	free(x->addr);
}

/* Characters that end an address in running text. */
#define ADDR_STOP " \t\r<>()[]\"',;:"

/*
 * Adds every valid address of line[0..n) that is not excluded and not
 * already there as a failed (or delayed) recipient with diag; returns how
 * many were added.
 */
static size_t
take_addresses(struct bounce *b, const struct exclude *x, const char *line,
    size_t n, const char *action, const char *diag)
{
	size_t added = 0, i = 0;

	while (i < n && b->nrcpt < TAKE_MAX) {
		size_t k;
		char *w;
		bool seen = false;

		while (i < n && strchr(ADDR_STOP, line[i]))
			i++;
		for (k = i; k < n && !strchr(ADDR_STOP, line[k]); k++)
			;
		if (k == i)
			break;
		w = xstrndup(line + i, k - i);
		i = k;
		for (size_t m = strlen(w); m > 0 && strchr(".!?", w[m - 1]); m--)
			w[m - 1] = '\0';
		if (strchr(w, '@') == NULL || strchr(strchr(w, '@'), '.') == NULL ||
		    !dsn_address_valid(w) || excluded(x, w)) {
			free(w);
			continue;
		}
		for (size_t r = 0; r < b->nrcpt && !seen; r++)
			seen = strcasecmp(b->rcpt[r].recipient, w) == 0;
		if (seen) {
			free(w);
			continue;
		}
		{
			struct bounce_recipient *r = bounce_add_recipient(b);

			r->recipient = w;
			r->action = xstrdup(action);
			r->diagnostic = xstrdup_null(diag);
			added++;
		}
	}
	return added;
}

/* The line as one line of single spaces, cut to a diagnostic's length. */
static char *
diag_of_line(const char *p, size_t n)
{
	struct buf d = BUF_INIT;

	for (size_t i = 0; i < n && d.len < RULES_DIAG_MAX; i++) {
		char c = (p[i] == '\t' || p[i] == '\r') ? ' ' : p[i];

		if (c == ' ' && (d.len == 0 || d.data[d.len - 1] == ' '))
			continue;
		buf_addc(&d, c);
	}
	while (d.len > 0 && d.data[d.len - 1] == ' ')
		d.data[--d.len] = '\0';
	if (d.len == 0) {
		buf_free(&d);
		return NULL;
	}
	return buf_steal(&d);
}

static void
read_text(struct bounce *b, const struct exclude *x, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end && b->nrcpt < TAKE_MAX) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		size_t look = n > LINE_MAX_BYTES ? LINE_MAX_BYTES : n;
		const char *next = nl ? nl + 1 : end;

		if (has_any(p, look, failure_phrases, NELEM(failure_phrases))) {
			const char *action = has_any(p, look, delay_phrases,
			    NELEM(delay_phrases)) ? "delayed" : "failed";
			char *diag = diag_of_line(p, look);

			/* The list under "... the following address(es):". */
			if (take_addresses(b, x, p, look, action, diag) == 0) {
				const char *q = next;
				bool any = false;

				for (int k = 0; k < LIST_LINES && q < end; k++) {
					const char *qn = memchr(q, '\n', (size_t)(end - q));
					size_t m = (size_t)((qn ? qn : end) - q);
					size_t ql = m > LINE_MAX_BYTES ? LINE_MAX_BYTES : m;

					if (str_casestrn(q, ql, "@") == NULL && strspn(q, " \t\r") == m) {
						if (any)
							break;
					} else if (take_addresses(b, x, q, ql, action, diag) > 0) {
						any = true;
						next = qn ? qn + 1 : end;
					}
					q = qn ? qn + 1 : end;
				}
			}
			free(diag);
		}
		p = next;
	}
}

bool
lastresort_decode(struct bounce *b, GMimeMessage *msg)
{
	struct exclude x = { NULL, 0 };
	char *own = NULL;
	const char *text = b->human;
	size_t len;

	if (!report_by_headers(msg))
		return false;
	if (text == NULL && (text = own = parts_raw_body(msg)) == NULL)
		return false;
	/* Nothing after the returned copy's start is about the failure. */
	len = rules_copy_start(text, strnlen(text, RULES_TEXT_MAX));
	exclude_build(&x, msg);
	read_text(b, &x, text, len);
	exclude_free(&x);
	free(own);
	if (b->nrcpt == 0)
		return false;
	b->kind = BOUNCE_KIND_TEXT;
	b->is_bounce = true;
	return true;
}
