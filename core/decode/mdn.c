#include "core/decode/mdn_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/dsn.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/*
 * Disposition types (after the ';' of "Disposition:") that say the
 * message was thrown away unread.  RFC 2298's "denied" and "failed" are
 * about the receipt, not the message, so they are not refusals.
 */
static const char *const refused_types[] = { "deleted" };

/* Words that end the sentence which introduces the reason. */
static const char *const reason_markers[] = { "rejected:", "refused:" };

static const char *
field(const struct dsn_recipient *r, const char *name)
{
	for (size_t i = 0; i < r->nextra; i++)
		if (strcasecmp(r->extra[i].name, name) == 0)
			return r->extra[i].value;
	return NULL;
}

/* "automatic-action/MDN-sent-automatically; deleted" names a refusal. */
static bool
is_refusal(const char *disposition)
{
	const char *semi, *t;
	size_t n;

	if (disposition == NULL ||
	    strncasecmp(disposition, "automatic-action", 16) != 0 ||
	    (semi = strchr(disposition, ';')) == NULL)
		return false;
	for (t = semi + 1; *t == ' ' || *t == '\t'; t++)
		;
	n = strcspn(t, " \t/;(");
	for (size_t i = 0; i < sizeof(refused_types) / sizeof(refused_types[0]); i++)
		if (n == strlen(refused_types[i]) && strncasecmp(t, refused_types[i], n) == 0)
			return true;
	return false;
}

/*
 * The reason in the human part: the text after "... rejected:" up to the
 * first blank line, else the first paragraph; white space folded.
 */
static char *
reason_of(const char *human)
{
	const char *p = NULL, *end;
	struct buf out = BUF_INIT;
	size_t n;

	if (human == NULL)
		return NULL;
	n = strnlen(human, MDN_DIAG_MAX * 8);
	for (size_t i = 0; p == NULL && i < sizeof(reason_markers) / sizeof(reason_markers[0]); i++)
		if ((p = str_casestrn(human, n, reason_markers[i])) != NULL)
			p += strlen(reason_markers[i]);
	if (p == NULL)
		p = human;
	end = human + n;
	for (const char *q = p; q < end; q++)
		if (q[0] == '\n' && q + 1 < end && (q[1] == '\n' ||
		    (q[1] == '\r' && q + 2 < end && q[2] == '\n')) && out.len > 0) {
			end = q;
			break;
		}
	for (; p < end && out.len < MDN_DIAG_MAX; p++) {
		char c = (*p == '\r' || *p == '\n' || *p == '\t') ? ' ' : *p;

		if (c == ' ' && (out.len == 0 || out.data[out.len - 1] == ' '))
			continue;
		buf_addc(&out, c);
	}
	while (out.len > 0 && out.data[out.len - 1] == ' ')
		out.data[--out.len] = '\0';
	if (out.len == 0) {
		buf_free(&out);
		return NULL;
	}
	return buf_steal(&out);
}

bool
mdn_decode_rejection(struct bounce *b, GMimeObject *part)
{
	struct dsn *d;
	size_t len, before = b->nrcpt;
	char *body = mime_part_bytes(part, &len);

	if (body == NULL)
		return false;
	dsn_parse(body, len, &d);
	free(body);
	for (size_t i = 0; i < d->nrcpt; i++) {
		struct dsn_recipient *dr = &d->rcpt[i];

		if (!is_refusal(field(dr, "Disposition")))
			continue;
		/* Set before the recipient is made, so its codes are read. */
		free(dr->action);
		dr->action = xstrdup("failed");
		if (dr->diagnostic == NULL)
			dr->diagnostic = reason_of(b->human);
		bounce_add_dsn_recipient(b, dr);
	}
	dsn_free(d);
	if (b->nrcpt == before)
		return false;
	b->is_bounce = true;
	return true;
}
