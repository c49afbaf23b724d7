#include "core/decode/original.h"

#include <stdlib.h>
#include <string.h>

#include "core/decode/mime_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

#define ORIGINAL_MAX_DEPTH 16

/* Lines text bounces put before the copy of the message they return. */
static const char *const markers[] = {
	"--- Below this line is a copy of the message.",		/* qmail */
	"------ This is a copy of the message, including all the headers.",	/* Exim */
	"------ This is a copy of the message's headers.",		/* Exim */
	"----- Original message -----",
	"----- Original Message -----",
	"------ Original message ------",
	"--- Original message follows.",
	"Original message follows",
};

static const char *
kind_of(GMimeObject *obj)
{
	GMimeContentType *ct = g_mime_object_get_content_type(obj);

	if (ct == NULL)
		return NULL;
	if (g_mime_content_type_is_type(ct, "message", "rfc822"))
		return "message/rfc822";
	if (g_mime_content_type_is_type(ct, "message", "global"))
		return "message/global";
	if (g_mime_content_type_is_type(ct, "text", "rfc822-headers"))
		return "text/rfc822-headers";
	if (g_mime_content_type_is_type(ct, "message", "global-headers"))
		return "message/global-headers";
	return NULL;
}

static GMimeObject *
find(GMimeObject *obj, int depth, const char **what)
{
	GMimeObject *r;

	if (obj == NULL || depth > ORIGINAL_MAX_DEPTH)
		return NULL;
	if (GMIME_IS_MULTIPART(obj)) {
		GMimeMultipart *mp = GMIME_MULTIPART(obj);
		int n = g_mime_multipart_get_count(mp);

		for (int i = 0; i < n; i++)
			if ((r = find(g_mime_multipart_get_part(mp, i), depth + 1, what)) != NULL)
				return r;
		return NULL;
	}
	if ((*what = kind_of(obj)) != NULL)
		return obj;
	return NULL;
}

static enum status
from_marker(const char *data, size_t len, char **text, size_t *textlen, const char **what)
{
	const char *best = NULL, *p;
	size_t mlen = 0;

	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		p = str_casestrn(data, len, markers[i]);
		if (p != NULL && (best == NULL || p < best)) {
			best = p;
			mlen = strlen(markers[i]);
		}
	}
	if (best == NULL)
		return STATUS_NOT_FOUND;
	p = memchr(best + mlen, '\n', len - (size_t)(best + mlen - data));
	p = p ? p + 1 : data + len;
	*textlen = len - (size_t)(p - data);
	*text = xstrndup(p, *textlen);
	*what = "text after marker";
	return STATUS_OK;
}

enum status
original_extract(const char *data, size_t len, char **text, size_t *textlen,
    const char **what)
{
	GMimeMessage *msg = NULL;
	GMimeObject *part;
	enum status st;
	char *s;

	*text = NULL;
	*textlen = 0;
	*what = NULL;
	if (len == 0)
		return STATUS_EMPTY;
	if ((st = mime_parse(data, len, &msg)) != STATUS_OK)
		return st;
	part = find(g_mime_message_get_mime_part(msg), 0, what);
	if (part != NULL && GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));

		if (inner != NULL) {
			s = g_mime_object_to_string(GMIME_OBJECT(inner), NULL);
			*text = xstrdup(s ? s : "");
			g_free(s);
		}
	} else if (part != NULL)
		*text = mime_part_bytes(part, textlen);
	g_object_unref(msg);
	if (*text != NULL) {
		*textlen = strlen(*text);
		return STATUS_OK;
	}
	return from_marker(data, len, text, textlen, what);
}
