#include "core/decode/report_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/dsn.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/* A delivery-status text found outside MIME structure is cut here. */
#define DSN_TEXT_MAX (256 * 1024)

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

bool
report_decode_part(struct bounce *b, GMimeObject *part)
{
	struct dsn *d;
	size_t len;
	char *body = mime_part_bytes(part, &len);

	if (body == NULL)
		return false;
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
bool
report_decode_text(struct bounce *b, GMimeMessage *msg)
{
	char *raw = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
	const char *h, *body, *end;
	struct dsn *d;
	bool ok = false;

	if (raw == NULL)
		return false;
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
				ok = true;
		if (ok)
			fill_from_dsn(b, d);
		dsn_free(d);
	}
	g_free(raw);
	return ok && b->nrcpt > 0;
}

