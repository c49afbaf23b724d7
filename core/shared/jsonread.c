#include "core/shared/jsonread.h"

#include <string.h>

#include "core/shared/buf.h"
#include "core/shared/utf8.h"

enum status
jsonread_object(const char *text, size_t len, bool prefix, json_t **out)
{
	json_error_t err;
	size_t flags = JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL;
	json_t *v;

	*out = NULL;
	if (prefix)
		flags |= JSON_DISABLE_EOF_CHECK;
	if ((v = json_loadb(text, len, flags, &err)) == NULL)
		return json_error_code(&err) == json_error_out_of_memory ?
		    STATUS_NOMEM : STATUS_SYNTAX;
	if (!json_is_object(v)) {
		json_decref(v);
		return STATUS_SYNTAX;
	}
	*out = v;
	return STATUS_OK;
}

char *
jsonread_strdup(const json_t *v, size_t max)
{
	const char *s = json_string_value(v);
	size_t n = json_string_length(v);
	struct buf b = BUF_INIT;

	if (s == NULL)
		return NULL;
	if (memchr(s, '\0', n) == NULL)
		return xstrndup(s, utf8_cut(s, n, max));
	/* Past max + 1 bytes nothing more can survive the cut. */
	for (size_t i = 0; i < n && b.len <= max; i++)
		if (s[i] == '\0')
			buf_adds(&b, "\xef\xbf\xbd");
		else
			buf_addc(&b, s[i]);
	b.len = utf8_cut(b.data, b.len, max);
	b.data[b.len] = '\0';
	return buf_steal(&b);
}
