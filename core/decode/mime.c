#include "core/decode/mime_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"

static pthread_once_t mime_once = PTHREAD_ONCE_INIT;

static void
mime_init_once(void)
{
	g_mime_init();
}

void
mime_init(void)
{
	pthread_once(&mime_once, mime_init_once);
}

char *
mime_normalize_eol(const char *data, size_t len, size_t *outlen)
{
	char *out, *o;
	size_t i;

	if (memchr(data, '\r', len) == NULL && memchr(data, '\0', len) == NULL)
		return NULL;
	out = o = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (data[i] == '\r') {
			*o++ = '\n';
			if (i + 1 < len && data[i + 1] == '\n')
				i++;
		} else {
			/* A NUL would end GMime's header parsing early. */
			*o++ = data[i] == '\0' ? ' ' : data[i];
		}
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

/*
 * Where the message starts: after blank or white-space-only lines (an
 * Exchange report saved by some tools opens with a line of spaces), and
 * after an mbox "From " separator line.  NULL when nothing is left.
 */
static const char *
message_start(const char *data, size_t *len)
{
	const char *p = data, *end = data + *len, *nl;

	for (;;) {
		const char *q = p;

		while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f' ||
		    *q == '\v'))
			q++;
		if (q < end && *q == '\n') {
			p = q + 1;
			continue;
		}
		if (q == end)
			return NULL;
		break;
	}
	/* An mbox "From " separator line is not a header: skip it. */
	if (end - p >= 5 && memcmp(p, "From ", 5) == 0) {
		const char *cr;

		nl = memchr(p, '\n', (size_t)(end - p));
		cr = memchr(p, '\r', (size_t)(end - p));
		if (nl == NULL || (cr && cr + 1 < nl))
			nl = cr;	/* CR-only mail; CRLF ends at the LF */
		if (nl == NULL)
			return NULL;
		p = nl + 1;
	}
	*len = (size_t)(end - p);
	return p;
}

/*
 * Field names (or prefixes, ending in '-') that real mail carries.  Random
 * bytes can parse as a header ("\353: ..."), so one of these must be there.
 */
static const char *const mail_fields[] = {
	"From", "To", "Cc", "Subject", "Date", "Message-ID", "Received",
	"Return-Path", "Content-Type", "MIME-Version", "Delivered-To", "Reply-To",
	"Sender", "References", "In-Reply-To", "Auto-Submitted", "Envelope-To",
	"DKIM-Signature", "X-", "ARC-", "Resent-", "Authentication-Results",
};

static int
field_name_ok(const char *name)
{
	if (name == NULL || *name == '\0')
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 33 || *p > 126 || *p == ':')
			return 0;
	return 1;
}

static int
field_known(const char *name)
{
	for (size_t i = 0; i < sizeof(mail_fields) / sizeof(mail_fields[0]); i++) {
		size_t n = strlen(mail_fields[i]);
		int prefix = mail_fields[i][n - 1] == '-';
		if (prefix ? g_ascii_strncasecmp(name, mail_fields[i], n) == 0 :
		    g_ascii_strcasecmp(name, mail_fields[i]) == 0)
			return 1;
	}
	return 0;
}

int
mime_looks_like_mail(GMimeMessage *msg)
{
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int n, known = 0;

	if (hl == NULL || (n = g_mime_header_list_get_count(hl)) == 0)
		return 0;
	/* A stray 8-bit line among real headers is the sender's problem, not
	 * a reason to drop the mail: only the first field must be well formed. */
	for (int i = 0; i < n && !known; i++) {
		const char *name = g_mime_header_get_name(g_mime_header_list_get_header_at(hl, i));
		if (i == 0 && !field_name_ok(name))
			return 0;
		/* One known field is enough: the rest need not be looked at. */
		known = field_name_ok(name) && field_known(name);
	}
	return known;
}

enum status
mime_parse(const char *data, size_t len, GMimeMessage **out)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	char *norm;
	size_t nlen = len;

	*out = NULL;
	mime_init();
	if ((data = message_start(data, &len)) == NULL)
		return STATUS_NOT_MAIL;
	nlen = len;
	norm = mime_normalize_eol(data, len, &nlen);
	stream = g_mime_stream_mem_new_with_buffer(norm ? norm : data, nlen);
	free(norm);	/* the memory stream holds its own copy */
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	if (msg == NULL)
		return STATUS_NOT_MAIL;
	if (!mime_looks_like_mail(msg)) {
		g_object_unref(msg);
		return STATUS_NOT_MAIL;
	}
	*out = msg;
	return STATUS_OK;
}

char *
mime_part_bytes(GMimeObject *part, size_t *len)
{
	GMimeDataWrapper *content;
	GMimeStream *mem;
	GByteArray *arr;
	char *r;

	*len = 0;
	if (!GMIME_IS_PART(part))
		return NULL;
	content = g_mime_part_get_content(GMIME_PART(part));
	if (content == NULL)
		return xstrdup("");
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(content, mem);
	arr = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	r = arr->len ? xstrndup((const char *)arr->data, arr->len) : xstrdup("");
	*len = arr->len;
	g_object_unref(mem);
	return r;
}

char *
mime_part_text(GMimeObject *part)
{
	char *t, *r;

	if (!GMIME_IS_TEXT_PART(part))
		return NULL;
	t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	if (t == NULL)
		return NULL;
	r = xstrdup(t);
	g_free(t);
	return r;
}

char *
mime_header(GMimeObject *obj, const char *name)
{
	const char *v = g_mime_object_get_header(obj, name);

	return v ? xstrdup(v) : NULL;
}
