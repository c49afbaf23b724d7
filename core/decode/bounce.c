#include "core/decode/bounce.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/knowledge/classify.h"
#include "core/decode/dsn.h"
#include "core/decode/mdn_int.h"
#include "core/decode/mime_int.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/str.h"
#include "core/decode/textbounce_int.h"

/* Deeper MIME nesting than this is hostile, not mail. */
#define WALK_MAX_DEPTH 24
/* The human-readable part is kept for display; more is not read. */
#define HUMAN_MAX (256 * 1024)
/* A delivery-status text found outside MIME structure is cut here. */
#define DSN_TEXT_MAX (256 * 1024)

static const char *const kind_names[] = {
#define BOUNCE_KIND_NAME(n, s) s,
	BOUNCE_KIND_LIST(BOUNCE_KIND_NAME)
#undef BOUNCE_KIND_NAME
};

const char *
bounce_kind_str(enum bounce_kind k)
{
	if ((size_t)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "none";
	return kind_names[k];
}

const char *
status_source_str(enum status_source s)
{
	switch (s) {
	case STATUS_SOURCE_MAIL:	return "mail";
	case STATUS_SOURCE_DIAGNOSTIC:	return "diagnostic";
	case STATUS_SOURCE_DERIVED:	return "derived";
	case STATUS_SOURCE_NONE:	break;
	}
	return NULL;
}

struct bounce_recipient *
bounce_add_recipient(struct bounce *b)
{
	b->rcpt = xrealloc(b->rcpt, (b->nrcpt + 1) * sizeof(*b->rcpt));
	memset(&b->rcpt[b->nrcpt], 0, sizeof(b->rcpt[0]));
	return &b->rcpt[b->nrcpt++];
}

void
bounce_add_field(struct bounce *b, const char *name, const char *value)
{
	b->fields = xrealloc(b->fields, (b->nfields + 1) * sizeof(*b->fields));
	b->fields[b->nfields].name = xstrdup(name);
	b->fields[b->nfields].value = xstrdup(value ? value : "");
	b->nfields++;
}

const char *
bounce_field(const struct bounce *b, const char *name)
{
	for (size_t i = 0; i < b->nfields; i++)
		if (strcasecmp(b->fields[i].name, name) == 0)
			return b->fields[i].value;
	return NULL;
}

/* What a walk over the MIME tree found; borrowed pointers into the tree. */
struct found {
	GMimeObject *dsn;		/* message/(global-)delivery-status */
	GMimeObject *feedback;		/* message/feedback-report */
	GMimeObject *mdn;		/* message/(global-)disposition-notification */
	GMimeObject *original;		/* returned message or headers */
	const char *original_type;
	GMimeObject *report_human;	/* text/plain heading a multipart/report */
	GMimeObject *human;		/* first text/plain */
	GMimeObject *human_html;	/* first text/html, when no text/plain */
	GMimeObject *inner;		/* first attached message, for a second look */
};

static int
ct_is(GMimeContentType *ct, const char *type, const char *sub)
{
	return ct && g_mime_content_type_is_type(ct, type, sub);
}

static const char *
original_type_of(GMimeContentType *ct)
{
	static const char *const types[][2] = {
		{ "message", "rfc822" }, { "message", "global" },
		{ "text", "rfc822-headers" }, { "message", "global-headers" },
	};
	static const char *const names[] = {
		"message/rfc822", "message/global", "text/rfc822-headers",
		"message/global-headers",
	};
	for (size_t i = 0; i < 4; i++)
		if (ct_is(ct, types[i][0], types[i][1]))
			return names[i];
	return NULL;
}

static void
walk(GMimeObject *obj, struct found *f, int depth)
{
	GMimeContentType *ct;
	const char *ot;

	if (obj == NULL || depth > WALK_MAX_DEPTH)
		return;
	ct = g_mime_object_get_content_type(obj);
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);
		/* A report's own first part is its human text (RFC 6522), even
		 * when a gateway wrapped the report in more text. */
		if (ct_is(ct, "multipart", "report") && f->report_human == NULL && n > 0) {
			struct found sub = { 0 };
			walk(g_mime_multipart_get_part(mp, 0), &sub, depth + 1);
			f->report_human = sub.human;
		}
		for (int i = 0; i < n; i++)
			walk(g_mime_multipart_get_part(mp, i), f, depth + 1);
		return;
	}
	if ((ot = original_type_of(ct)) != NULL) {
		if (f->original == NULL) {
			f->original = obj;
			f->original_type = ot;
		}
		if (GMIME_IS_MESSAGE_PART(obj) && f->inner == NULL)
			f->inner = obj;
		return;
	}
	if (GMIME_IS_MESSAGE_PART(obj)) {
		if (f->inner == NULL)
			f->inner = obj;
		return;
	}
	if (ct_is(ct, "message", "delivery-status") ||
	    ct_is(ct, "message", "global-delivery-status")) {
		if (f->dsn == NULL)
			f->dsn = obj;
	} else if (ct_is(ct, "message", "feedback-report")) {
		if (f->feedback == NULL)
			f->feedback = obj;
	} else if (ct_is(ct, "message", "disposition-notification") ||
	    ct_is(ct, "message", "global-disposition-notification")) {
		if (f->mdn == NULL)
			f->mdn = obj;
	} else if (ct_is(ct, "text", "plain")) {
		if (f->human == NULL && !g_mime_part_is_attachment(GMIME_PART(obj)))
			f->human = obj;
	} else if (ct_is(ct, "text", "html")) {
		if (f->human_html == NULL)
			f->human_html = obj;
	}
}

static char *
address_list(InternetAddressList *l)
{
	char *s, *r;

	if (l == NULL || internet_address_list_length(l) == 0)
		return NULL;
	s = internet_address_list_to_string(l, NULL, FALSE);
	r = xstrdup_null(s);
	g_free(s);
	return r;
}

static void
read_headers(GMimeMessage *m, char **msgid, char **date, char **from,
    char **to, char **subject)
{
	*msgid = xstrdup_null(g_mime_message_get_message_id(m));
	*date = mime_header(GMIME_OBJECT(m), "Date");
	*from = address_list(g_mime_message_get_from(m));
	if (to)
		*to = address_list(g_mime_message_get_to(m));
	*subject = xstrdup_null(g_mime_message_get_subject(m));
}

static void
read_original(struct bounce *b, struct found *f)
{
	GMimeMessage *m = NULL;
	struct bounce_original *o = &b->original;

	if (f->original == NULL)
		return;
	o->part = f->original_type;
	if (GMIME_IS_MESSAGE_PART(f->original)) {
		m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(f->original));
		if (m)
			g_object_ref(m);
	} else {
		size_t len;
		char *hdrs = mime_part_bytes(f->original, &len);
		if (hdrs) {
			if (mime_parse(hdrs, len, &m) != STATUS_OK)
				m = NULL;
			free(hdrs);
		}
	}
	if (m == NULL)
		return;
	read_headers(m, &o->message_id, &o->date, &o->from, &o->to, &o->subject);
	g_object_unref(m);
}

static void
read_human(struct bounce *b, struct found *f)
{
	GMimeObject *p = f->report_human ? f->report_human :
	    f->human ? f->human : f->human_html;
	char *t;

	if (p == NULL || (t = mime_part_text(p)) == NULL)
		return;
	if (strlen(t) > HUMAN_MAX)
		t[HUMAN_MAX] = '\0';
	b->human = t;
}

/* Exit codes of local delivery programs are not SMTP replies. */
static int
diagnostic_is_smtp(const char *type)
{
	return type == NULL || strncasecmp(type, "x-unix", 6) != 0;
}

/*
 * Picks the status and reply code to report.  In order: the remote server's
 * own "550 5.7.1" pair when it differs from the Status field (Sendmail maps
 * a remote 5.7.1 to Status 5.1.1, Exim always writes 5.0.0); the Status field
 * when it is valid and specific; a specific code of the same class from the
 * diagnostic; the Status field even when generic; any code in the diagnostic.
 */
static void
choose_codes(struct bounce_recipient *r)
{
	char found[SMTPCODE_STATUS_MAX], reply[SMTPCODE_REPLY_MAX];
	const char *raw = r->status_raw, *diag = r->diagnostic;
	size_t dlen = diag ? strlen(diag) : 0;
	int valid = raw && smtpcode_status_valid(raw);
	int smtp = diag && diagnostic_is_smtp(r->diagnostic_type);

	if (smtp && smtpcode_find_pair(diag, dlen, reply, found)) {
		r->reply_code = xstrdup(reply);
		if (!valid || strcmp(found, raw) != 0) {
			if (!smtpcode_status_generic(found) || !valid) {
				r->status = xstrdup(found);
				r->status_source = STATUS_SOURCE_DIAGNOSTIC;
				return;
			}
		}
	} else if (smtp && smtpcode_find_reply(diag, dlen, reply)) {
		r->reply_code = xstrdup(reply);
	}
	if (valid && !smtpcode_status_generic(raw)) {
		r->status = xstrdup(raw);
		r->status_source = STATUS_SOURCE_MAIL;
		return;
	}
	if (diag && smtpcode_find_status(diag, dlen, valid ? raw[0] : 0, true, found)) {
		r->status = xstrdup(found);
		r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		return;
	}
	if (valid) {
		r->status = xstrdup(raw);
		r->status_source = STATUS_SOURCE_MAIL;
		return;
	}
	if (diag && smtpcode_find_status(diag, dlen, 0, false, found)) {
		r->status = xstrdup(found);
		r->status_source = STATUS_SOURCE_DIAGNOSTIC;
	}
}

struct bounce_recipient *
bounce_add_dsn_recipient(struct bounce *b, const struct dsn_recipient *dr)
{
	const char *addr = dsn_recipient_address(dr);
	struct bounce_recipient *r;

	if (addr == NULL)
		return NULL;
	r = bounce_add_recipient(b);
	r->recipient = xstrdup(addr);
	r->original_recipient = xstrdup_null(dr->original_recipient);
	r->action = xstrdup_null(dr->action);
	r->status_raw = xstrdup_null(dr->status);
	r->status_comment = xstrdup_null(dr->status_comment);
	r->remote_mta = xstrdup_null(dr->remote_mta);
	r->diagnostic_type = xstrdup_null(dr->diagnostic_type);
	r->diagnostic = xstrdup_null(dr->diagnostic);
	r->last_attempt = xstrdup_null(dr->last_attempt);
	r->final_log_id = xstrdup_null(dr->final_log_id);
	r->will_retry_until = xstrdup_null(dr->will_retry_until);
	choose_codes(r);
	return r;
}

static void
fill_from_dsn(struct bounce *b, const struct dsn *d)
{
	b->reporting_mta = xstrdup_null(d->reporting_mta);
	b->dsn_gateway = xstrdup_null(d->dsn_gateway);
	b->received_from_mta = xstrdup_null(d->received_from_mta);
	b->arrival_date = xstrdup_null(d->arrival_date);
	b->envelope_id = xstrdup_null(d->envelope_id);
	for (size_t i = 0; i < d->nextra; i++)
		bounce_add_field(b, d->extra[i].name, d->extra[i].value);
	for (size_t i = 0; i < d->nrcpt; i++)
		bounce_add_dsn_recipient(b, &d->rcpt[i]);
}

static int
decode_dsn_part(struct bounce *b, GMimeObject *part)
{
	struct dsn *d;
	size_t len;
	char *body = mime_part_bytes(part, &len);

	if (body == NULL)
		return 0;
	dsn_parse(body, len, &d);
	free(body);
	fill_from_dsn(b, d);
	dsn_free(d);
	return b->nrcpt > 0;
}

/* Finds a line "Content-Type: message/(global-)delivery-status" in text. */
static const char *
find_dsn_header(const char *text)
{
	const char *p = text, *v;

	while ((p = str_casestr(p, "content-type:")) != NULL) {
		v = p + 13;
		p = v;
		while (*v == ' ' || *v == '\t')
			v++;
		if (strncasecmp(v, "message/delivery-status", 23) == 0 ||
		    strncasecmp(v, "message/global-delivery-status", 30) == 0)
			return v;
	}
	return NULL;
}

/*
 * A report whose MIME structure is broken (a boundary that does not match,
 * a boundary line indented by a space) still carries its delivery-status
 * text: find it in the raw message and parse what follows the part header,
 * up to the next boundary-looking line.
 */
static int
decode_dsn_text(struct bounce *b, GMimeMessage *msg)
{
	char *raw = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	const char *h, *body, *end;
	struct dsn *d;
	int ok = 0;

	if (raw == NULL)
		return 0;
	if ((h = find_dsn_header(raw)) != NULL &&
	    (body = strstr(h, "\n\n")) != NULL) {
		body += 2;
		for (end = body; *end; ) {
			const char *l = end;
			while (*l == ' ' || *l == '\t')
				l++;
			if (l[0] == '-' && l[1] == '-')
				break;
			end = strchr(end, '\n');
			end = end ? end + 1 : body + strlen(body);
			if (end - body > DSN_TEXT_MAX)
				break;
		}
		dsn_parse(body, (size_t)(end - body), &d);
		for (size_t i = 0; i < d->nrcpt; i++)
			if (d->rcpt[i].action || d->rcpt[i].status)
				ok = 1;
		if (ok)
			fill_from_dsn(b, d);
		dsn_free(d);
	}
	g_free(raw);
	return ok && b->nrcpt > 0;
}

enum status
bounce_decode_message(GMimeMessage *msg, struct bounce **out)
{
	struct bounce *b = xcalloc(1, sizeof(*b));
	struct found f = { 0 };
	GMimeObject *top = g_mime_message_get_mime_part(msg);

	read_headers(msg, &b->message_id, &b->date, &b->from, NULL, &b->subject);
	walk(top, &f, 0);
	/* A DSN forwarded inside another message: look one level in. */
	if (f.dsn == NULL && f.feedback == NULL && f.mdn == NULL && f.inner) {
		GMimeMessage *in = g_mime_message_part_get_message(GMIME_MESSAGE_PART(f.inner));
		struct found g = { 0 };
		if (in) {
			walk(g_mime_message_get_mime_part(in), &g, 1);
			if (g.dsn) {
				f.dsn = g.dsn;
				if (g.original) {
					f.original = g.original;
					f.original_type = g.original_type;
				}
			}
		}
	}
	read_original(b, &f);
	read_human(b, &f);
	b->has_dsn_part = f.dsn != NULL;
	if ((f.dsn && decode_dsn_part(b, f.dsn)) ||
	    (!f.dsn && !f.feedback && !f.mdn && decode_dsn_text(b, msg))) {
		b->kind = BOUNCE_KIND_DSN;
		b->is_bounce = true;
	} else if (f.feedback) {
		b->kind = BOUNCE_KIND_FEEDBACK;
	} else if (f.mdn) {
		b->kind = BOUNCE_KIND_MDN;
		mdn_decode_rejection(b, f.mdn);
	}
	textbounce_decode(b, msg);
	classify_bounce(b);
	*out = b;
	return STATUS_OK;
}

enum status
bounce_decode(const char *data, size_t len, struct bounce **out)
{
	GMimeMessage *msg;
	enum status st;

	*out = NULL;
	if (len == 0)
		return STATUS_EMPTY;
	if (len > BOUNCE_MAX_SIZE)
		return STATUS_TOO_LARGE;
	if ((st = mime_parse(data, len, &msg)) != STATUS_OK)
		return st;
	st = bounce_decode_message(msg, out);
	g_object_unref(msg);
	return st;
}

static void
recipient_clear(struct bounce_recipient *r)
{
	free(r->recipient);
	free(r->original_recipient);
	free(r->action);
	free(r->status);
	free(r->status_raw);
	free(r->status_comment);
	free(r->reply_code);
	free(r->remote_mta);
	free(r->diagnostic_type);
	free(r->diagnostic);
	free(r->last_attempt);
	free(r->final_log_id);
	free(r->will_retry_until);
}

void
bounce_free(struct bounce *b)
{
	if (b == NULL)
		return;
	free(b->message_id);
	free(b->date);
	free(b->from);
	free(b->subject);
	free(b->reporting_mta);
	free(b->dsn_gateway);
	free(b->received_from_mta);
	free(b->arrival_date);
	free(b->envelope_id);
	free(b->mta);
	for (size_t i = 0; i < b->nfields; i++) {
		free(b->fields[i].name);
		free(b->fields[i].value);
	}
	free(b->fields);
	free(b->original.message_id);
	free(b->original.from);
	free(b->original.to);
	free(b->original.subject);
	free(b->original.date);
	free(b->human);
	for (size_t i = 0; i < b->nrcpt; i++)
		recipient_clear(&b->rcpt[i]);
	free(b->rcpt);
	free(b);
}
