#include "core/decode/parts_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"

/* Deeper MIME nesting than this is hostile, not mail. */
#define WALK_MAX_DEPTH 24
/* The human-readable part is kept for display; more is not read. */
#define HUMAN_MAX (256 * 1024)

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
walk(GMimeObject *obj, struct decode_parts *f, int depth)
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
			struct decode_parts sub = { 0 };
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

GMimeMessage *
parts_original_message(const struct decode_parts *f)
{
	GMimeMessage *m = NULL;

	if (f->original == NULL)
		return NULL;
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
	return m;
}

void
parts_read_original(struct bounce *b, const struct decode_parts *f)
{
	GMimeMessage *m;
	struct bounce_original *o = &b->original;

	if (f->original == NULL)
		return;
	o->part = f->original_type;
	if ((m = parts_original_message(f)) == NULL)
		return;
	read_headers(m, &o->message_id, &o->date, &o->from, &o->to, &o->subject);
	g_object_unref(m);
}

void
parts_read_human(struct bounce *b, const struct decode_parts *f)
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

void
parts_read_headers(struct bounce *b, GMimeMessage *msg)
{
	read_headers(msg, &b->message_id, &b->date, &b->from, NULL, &b->subject);
}

void
parts_find(GMimeMessage *msg, struct decode_parts *f)
{
	memset(f, 0, sizeof(*f));
	walk(g_mime_message_get_mime_part(msg), f, 0);
	/* A DSN forwarded inside another message: look one level in. */
	if (f->dsn == NULL && f->feedback == NULL && f->mdn == NULL && f->inner) {
		GMimeMessage *in = g_mime_message_part_get_message(GMIME_MESSAGE_PART(f->inner));
		struct decode_parts g = { 0 };
		if (in) {
			walk(g_mime_message_get_mime_part(in), &g, 1);
			if (g.dsn) {
				f->dsn = g.dsn;
				if (g.original) {
					f->original = g.original;
					f->original_type = g.original_type;
				}
			}
		}
	}
}

/*
 * The body as it stands in the message, for reports whose MIME structure
 * is broken (a boundary that never occurs) and so have no readable part.
 */
char *
parts_raw_body(GMimeMessage *msg)
{
	char *raw = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	const char *body;
	char *r = NULL;

	if (raw == NULL)
		return NULL;
	if ((body = strstr(raw, "\n\n")) != NULL)
		r = xstrndup(body + 2, strnlen(body + 2, PARTS_RAW_MAX));
	g_free(raw);
	return r;
}
