#include "core/decode/feedback_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/* Deeper nesting than this is hostile, not mail. */
#define FEEDBACK_MAX_DEPTH 16
/* A feedback-report part is a handful of fields; more is not read. */
#define FEEDBACK_MAX (64 * 1024)

/* Report fields worth showing; the rest of the part is left alone. */
static const char *const kept_fields[] = {
	"Feedback-Type", "Source-IP", "Original-Mail-From", "Original-Rcpt-To",
	"Arrival-Date", "Reported-Domain", "User-Agent", "Incidents",
	"Removal-Recipient",
	NULL
};

/*
 * Fields that name the recipient who complained: Original-Rcpt-To (RFC
 * 5965), and Removal-Recipient, the address an opt-out report (drafts of
 * ARF, still sent by some providers) asks to take off the list.
 */
static const char *const rcpt_fields[] = {
	"Original-Rcpt-To", "Removal-Recipient", NULL
};

/*
 * Complaints sent as a plain copy of the message, without a report part:
 * a header of the complaint (or of the attached copy) identifies them, and
 * another header of the copy names the complaining recipient.
 */
struct partless {
	const char *header;	/* on the complaint itself */
	const char *value;	/* substring of it */
	const char *type;	/* Feedback-Type to report */
	const char *rcpt_header;	/* on the attached copy, NULL: To */
};

static const struct partless partless[] = {
	{ "Subject", "complaint about message from", "abuse",
	  "X-HmXmrOriginalRecipient" },
	{ "X-Apple-Unsubscribe", "true", "opt-out", NULL },
	{ NULL, NULL, NULL, NULL }
};

static GMimeObject *
find_part(GMimeObject *obj, const char *type, const char *sub, int depth)
{
	GMimeContentType *ct;

	if (obj == NULL || depth > FEEDBACK_MAX_DEPTH)
		return NULL;
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		for (int i = 0; i < n; i++) {
			GMimeObject *r = find_part(g_mime_multipart_get_part(mp, i),
			    type, sub, depth + 1);
			if (r)
				return r;
		}
		return NULL;
	}
	ct = g_mime_object_get_content_type(obj);
	if (ct && g_mime_content_type_is_type(ct, type, sub))
		return obj;
	return NULL;
}

static void
add_rcpt(struct bounce *b, const char *addr, size_t n)
{
	struct bounce_recipient *r;

	while (n > 0 && (*addr == ' ' || *addr == '<' || *addr == '\t')) {
		addr++;
		n--;
	}
	while (n > 0 && strchr(" \t>\r", addr[n - 1]))
		n--;
	if (n == 0 || memchr(addr, '@', n) == NULL)
		return;
	for (size_t i = 0; i < b->nrcpt; i++)
		if (strlen(b->rcpt[i].recipient) == n &&
		    strncasecmp(b->rcpt[i].recipient, addr, n) == 0)
			return;
	r = bounce_add_recipient(b);
	r->recipient = xstrndup(addr, n);
	/* A complainant's mail was delivered: no delivery action to report. */
}

/* Adds each address of an address-list header value. */
static void
add_rcpt_list(struct bounce *b, const char *value)
{
	InternetAddressList *l;
	int n;

	if (value == NULL || (l = internet_address_list_parse(NULL, value)) == NULL)
		return;
	n = internet_address_list_length(l);
	for (int i = 0; i < n; i++) {
		InternetAddress *a = internet_address_list_get_address(l, i);
		const char *s;
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue;
		s = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		if (s)
			add_rcpt(b, s, strlen(s));
	}
	g_object_unref(l);
}

/*
 * Reads "Name: value" fields (folded lines joined) and keeps the ones in
 * kept_fields; the addresses of rcpt_fields are recipients.
 */
static void
read_fields(struct bounce *b, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl, *colon;
		struct buf v = BUF_INIT;
		size_t nn;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		colon = memchr(p, ':', (size_t)(nl - p));
		if (colon == NULL || colon == p || *p == ' ' || *p == '\t') {
			p = nl + 1;
			continue;
		}
		nn = (size_t)(colon - p);
		buf_add(&v, colon + 1, (size_t)(nl - colon - 1));
		while (nl + 1 < end && (nl[1] == ' ' || nl[1] == '\t')) {
			const char *n2 = memchr(nl + 1, '\n', (size_t)(end - nl - 1));
			if (n2 == NULL)
				n2 = end;
			buf_add(&v, nl + 1, (size_t)(n2 - nl - 1));
			nl = n2;
		}
		buf_addc(&v, '\0');
		for (const char *const *k = kept_fields; *k; k++) {
			const char *val = v.data;
			size_t vl;
			if (strlen(*k) != nn || strncasecmp(*k, p, nn) != 0)
				continue;
			while (*val == ' ' || *val == '\t')
				val++;
			vl = strlen(val);
			while (vl > 0 && strchr(" \t\r", val[vl - 1]))
				vl--;
			{
				char *s = xstrndup(val, vl);
				bounce_add_field(b, *k, s);
				for (const char *const *rf = rcpt_fields; *rf; rf++) {
					/* "rfc822; addr" or a bare address */
					const char *semi = strchr(s, ';');
					const char *a = semi ? semi + 1 : s;
					if (strcasecmp(*k, *rf) == 0)
						add_rcpt(b, a, strlen(a));
				}
				free(s);
			}
		}
		buf_free(&v);
		p = nl + 1;
	}
}

static GMimeMessage *
attached_message(GMimeMessage *msg)
{
	GMimeObject *p = find_part(g_mime_message_get_mime_part(msg),
	    "message", "rfc822", 0);

	if (p == NULL || !GMIME_IS_MESSAGE_PART(p))
		return NULL;
	return g_mime_message_part_get_message(GMIME_MESSAGE_PART(p));
}

static bool
decode_partless(struct bounce *b, GMimeMessage *msg)
{
	GMimeObject *top = GMIME_OBJECT(msg);

	for (const struct partless *pl = partless; pl->header; pl++) {
		const char *v = g_mime_object_get_header(top, pl->header);
		GMimeMessage *copy;

		if (v == NULL || str_casestr(v, pl->value) == NULL)
			continue;
		bounce_add_field(b, "Feedback-Type", pl->type);
		copy = attached_message(msg);
		if (pl->rcpt_header && copy) {
			const char *r = g_mime_object_get_header(GMIME_OBJECT(copy),
			    pl->rcpt_header);
			if (r)
				add_rcpt(b, r, strlen(r));
		}
		if (b->nrcpt == 0 && copy)
			add_rcpt_list(b, g_mime_object_get_header(GMIME_OBJECT(copy), "To"));
		if (b->nrcpt == 0)
			add_rcpt_list(b, g_mime_object_get_header(top, "To"));
		return true;
	}
	return false;
}

bool
feedback_decode(struct bounce *b, GMimeMessage *msg)
{
	GMimeObject *part = find_part(g_mime_message_get_mime_part(msg),
	    "message", "feedback-report", 0);
	size_t len;
	char *text;

	if (part == NULL) {
		if (!decode_partless(b, msg))
			return false;
	} else if ((text = mime_part_bytes(part, &len)) != NULL) {
		read_fields(b, text, len > FEEDBACK_MAX ? FEEDBACK_MAX : len);
		free(text);
		/* No Original-Rcpt-To: the complaint is about the copy's To. */
		if (b->nrcpt == 0 && b->original.to)
			add_rcpt_list(b, b->original.to);
	}
	b->kind = BOUNCE_KIND_FEEDBACK;
	return true;
}
