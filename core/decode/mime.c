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

static GMimeMessage *
parse_buffer(const char *data, size_t len)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;

	stream = g_mime_stream_mem_new_with_buffer(data, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	return msg;
}

/* RFC 2046 bcharsnospace, and the space that may not end a boundary. */
static int
boundary_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || strchr("'()+_,-./:=? ", c) != NULL;
}

#define BOUNDARY_MAX 70

/*
 * The first "\n<rest>" in hay, where needle is "\n<rest>": only the lines
 * are tried, so a search costs at most len(needle) per line.
 */
static const char *
find_line(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p = hay, *end = hay + n;

	while (m > 0 && (size_t)(end - p) >= m &&
	    (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < m)
			return NULL;
		if (memcmp(p, needle, m) == 0)
			return p;
		p++;
	}
	return NULL;
}

/*
 * A multipart whose Content-Type field was lost on the way (a relay that
 * rewrote the header, seen on Exchange reports passed on by Amazon SES):
 * no Content-Type at the top, a body whose first line is "--token" and
 * which holds the closing "--token--" further down.  Returns the message
 * text with that field put back (the caller frees it, *outlen its size),
 * or NULL when data is not such a mail.
 */
static char *
restore_lost_boundary(const char *data, size_t len, size_t *outlen)
{
	const char *hend, *p, *end = data + len, *nl;
	char token[BOUNDARY_MAX + 1], close[BOUNDARY_MAX + 6];
	size_t n, hlen;
	struct buf out = BUF_INIT;

	if (len >= 2 && data[0] == '\n')
		return NULL;
	if ((hend = find_line(data, len, "\n\n", 2)) == NULL)
		return NULL;
	hlen = (size_t)(hend - data) + 1;	/* the header, its last newline kept */
	for (p = hend + 2; p < end && *p == '\n'; p++)
		;
	if (end - p < 3 || p[0] != '-' || p[1] != '-')
		return NULL;
	p += 2;
	nl = memchr(p, '\n', (size_t)(end - p));
	n = (size_t)((nl ? nl : end) - p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || n > BOUNDARY_MAX || (n >= 2 && p[n - 2] == '-' && p[n - 1] == '-'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!boundary_char(p[i]) || p[i] == '"')
			return NULL;
	memcpy(token, p, n);
	token[n] = '\0';
	/* The closing delimiter: "\n--token--". */
	close[0] = '\n';
	close[1] = close[2] = '-';
	memcpy(close + 3, token, n);
	close[n + 3] = close[n + 4] = '-';
	if (find_line(p + n, (size_t)(end - (p + n)), close, n + 5) == NULL)
		return NULL;
	buf_add(&out, data, hlen);
	buf_printf(&out, "Content-Type: multipart/mixed; boundary=\"%s\"\n", token);
	buf_add(&out, data + hlen, len - hlen);
	*outlen = out.len;
	return buf_steal(&out);
}

enum status
mime_parse(const char *data, size_t len, GMimeMessage **out)
{
	GMimeMessage *msg;
	char *norm, *fixed;
	size_t nlen = len, flen = 0;
	const char *text;

	*out = NULL;
	mime_init();
	if ((data = message_start(data, &len)) == NULL)
		return STATUS_NOT_MAIL;
	nlen = len;
	norm = mime_normalize_eol(data, len, &nlen);
	text = norm ? norm : data;
	/* The memory stream holds its own copy of the buffer. */
	msg = parse_buffer(text, nlen);
	if (msg != NULL && g_mime_object_get_header(GMIME_OBJECT(msg),
	    "Content-Type") == NULL &&
	    (fixed = restore_lost_boundary(text, nlen, &flen)) != NULL) {
		GMimeMessage *again = parse_buffer(fixed, flen);

		free(fixed);
		if (again != NULL) {
			g_object_unref(msg);
			msg = again;
		}
	}
	free(norm);
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
