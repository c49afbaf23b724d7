#include "core/shared/json.h"

#include <string.h>

#include "core/shared/utf8.h"

void
json_init(struct json *j, struct buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

static void
json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		buf_adds(j->out, ", ");
	j->first[j->depth] = false;
}

static void
json_open(struct json *j, char c)
{
	json_sep(j);
	buf_addc(j->out, c);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
json_close(struct json *j, char c)
{
	buf_addc(j->out, c);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j) { json_open(j, '{'); }
void json_obj_end(struct json *j) { json_close(j, '}'); }
void json_arr_begin(struct json *j) { json_open(j, '['); }
void json_arr_end(struct json *j) { json_close(j, ']'); }

void
json_key(struct json *j, const char *key)
{
	json_sep(j);
	json_escape(j->out, key, strlen(key));
	buf_adds(j->out, ": ");
	j->after_key = true;
}

void
json_escape(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	buf_addc(out, '"');
	while (i < n) {
		/* Printable ASCII other than '"' and '\\' goes as it is, a run at once. */
		for (len = 0; i + len < n && p[i + len] >= 0x20 && p[i + len] < 0x7F &&
		    p[i + len] != '"' && p[i + len] != '\\'; len++)
			;
		if (len > 0) {
			buf_add(out, p + i, len);
			i += len;
			continue;
		}
		len = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_INVALID) {
			buf_adds(out, "\\ufffd");
		} else if (cp == '"' || cp == '\\') {
			buf_addc(out, '\\');
			buf_addc(out, (char)cp);
		} else if (cp == '\n') {
			buf_adds(out, "\\n");
		} else if (cp == '\t') {
			buf_adds(out, "\\t");
		} else if (cp == '\r') {
			buf_adds(out, "\\r");
		} else if (utf8_is_unsafe(cp)) {
			buf_printf(out, "\\u%04x", (unsigned)cp);
		} else {
			buf_add(out, p + i, len);
		}
		i += len;
	}
	buf_addc(out, '"');
}

void
json_strn(struct json *j, const char *s, size_t n)
{
	json_sep(j);
	if (s == NULL)
		buf_adds(j->out, "null");
	else
		json_escape(j->out, s, n);
}

void
json_str(struct json *j, const char *s)
{
	json_strn(j, s, s ? strlen(s) : 0);
}

void
json_int(struct json *j, long long v)
{
	json_sep(j);
	buf_printf(j->out, "%lld", v);
}

void
json_bool(struct json *j, bool v)
{
	json_sep(j);
	buf_adds(j->out, v ? "true" : "false");
}

void
json_null(struct json *j)
{
	json_sep(j);
	buf_adds(j->out, "null");
}
