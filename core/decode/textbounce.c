#include "core/decode/textbounce_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/copy_int.h"
#include "core/decode/dsn.h"
#include "core/decode/parts_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/*
 * Header fields of a text bounce that carry the receiving system's own
 * verdict; they are kept as report fields, where the classifier's field
 * rules read them (EZweb marks its spam filter's notices "X-SPASIGN: NG").
 */
static const char *const verdict_headers[] = { "X-SPASIGN" };

/* Where a delivery-status block written as text starts. */
static const char *const inline_dsn_fields[] = {
	"\nReporting-MTA:", "\nFinal-Recipient:", "\nOriginal-Recipient:", NULL
};

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

/* The returned copy: the attached original, else a copy in the text. */
static GMimeMessage *
returned_copy(GMimeMessage *msg, const struct rule_family *f, const char *text)
{
	struct decode_parts parts;
	GMimeMessage *copy;
	char *h;

	parts_find(msg, &parts);
	if ((copy = parts_original_message(&parts)) != NULL)
		return copy;
	if (text == NULL || (h = rules_copy_headers(f, text, strlen(text))) == NULL)
		return NULL;
	if (mime_parse(h, strlen(h), &copy) != STATUS_OK)
		copy = NULL;
	free(h);
	return copy;
}

static void
add_failed(struct bounce *b, const char *addr)
{
	struct bounce_recipient *r = bounce_add_recipient(b);

	r->recipient = xstrdup(addr);
	r->action = xstrdup("failed");
}

void
textbounce_header_recipients(struct bounce *b, GMimeMessage *msg,
    const struct rule_family *f, const char *text)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg),
	    "X-Failed-Recipients");
	InternetAddressList *l;
	GMimeMessage *copy;
	char *sole;

	if (v == NULL) {
		/* No header names them: the copy may, if it went to one. */
		if ((copy = returned_copy(msg, f, text)) == NULL)
			return;
		if ((sole = copy_sole_recipient(copy, msg)) != NULL)
			add_failed(b, sole);
		free(sole);
		g_object_unref(copy);
		return;
	}
	if ((l = internet_address_list_parse(NULL, v)) == NULL)
		return;
	for (int i = 0; i < internet_address_list_length(l); i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *s;
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		if (s == NULL || strchr(s, '@') == NULL)
			continue;
		add_failed(b, s);
	}
	g_object_unref(l);
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

/*
 * Reads text as a bounce of its own; the number of recipients found.
 * Recipients from delivery-status fields pasted into text leave *gap a
 * copy of text, whose prose fills what the fields left out.
 */
static size_t
text_recipients(struct bounce *b, GMimeMessage *msg, const char *text,
    const struct rule_family **fp, char **gap)
{
	const struct rule_family *f = rules_identify(msg, text, strlen(text));

	/* A delivery-status part says it is a report even when its sender
	 * and subject do not (a gateway that lost the fields). */
	if (f == NULL && b->has_dsn_part)
		f = &rule_generic;
	*fp = f;
	if (inline_dsn(b, text) > 0)
		*gap = xstrdup(text);
	else if (f != NULL) {
		rules_extract(f, text, strlen(text), b);
		/* A known family that lists nobody still names them elsewhere;
		 * its text still says why. */
		if (b->nrcpt == 0 && f != &rule_generic) {
			textbounce_header_recipients(b, msg, f, text);
			rules_fill_section(f, text, strlen(text), b, 0);
		}
	}
	return b->nrcpt;
}

bool
textbounce_decode(struct bounce *b, GMimeMessage *msg, char **gap)
{
	const struct rule_family *f;
	char *own = NULL, *plain;
	const char *text = b->human;

	*gap = NULL;
	if (text == NULL && (text = own = parts_raw_body(msg)) == NULL)
		return false;
	if (text_recipients(b, msg, text, &f, gap) == 0 &&
	    (plain = unquote(text)) != NULL) {
		text_recipients(b, msg, plain, &f, gap);
		free(plain);
	}
	free(own);
	if (b->nrcpt == 0)
		return false;
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
	return true;
}
