#include "core/knowledge/classify.h"

#include <string.h>
#include <strings.h>

/* Exit codes of local delivery programs are not SMTP replies. */
static bool
diagnostic_is_smtp(const char *type)
{
	return type == NULL || strncasecmp(type, "x-unix", 6) != 0;
}

static void
set_status(struct classify_codes *out, const char *s,
    enum classify_codes_source source)
{
	strcpy(out->status, s);
	out->source = source;
}

void
classify_codes(const char *field, const char *diag, const char *type,
    struct classify_codes *out)
{
	char found[SMTPCODE_STATUS_MAX], reply[SMTPCODE_REPLY_MAX];
	size_t dlen = diag ? strlen(diag) : 0;
	bool valid = field && smtpcode_status_valid(field);
	bool smtp = diag && diagnostic_is_smtp(type);

	memset(out, 0, sizeof(*out));
	if (smtp && smtpcode_find_pair(diag, dlen, reply, found)) {
		strcpy(out->reply, reply);
		if ((!valid || strcmp(found, field) != 0) &&
		    (!smtpcode_status_generic(found) || !valid)) {
			set_status(out, found, CLASSIFY_CODES_DIAGNOSTIC);
			return;
		}
	} else if (smtp && smtpcode_find_reply(diag, dlen, reply)) {
		strcpy(out->reply, reply);
	}
	if (valid && !smtpcode_status_generic(field)) {
		set_status(out, field, CLASSIFY_CODES_FIELD);
		return;
	}
	if (diag && smtpcode_find_status(diag, dlen, valid ? field[0] : 0, true, found)) {
		set_status(out, found, CLASSIFY_CODES_DIAGNOSTIC);
		return;
	}
	if (valid) {
		set_status(out, field, CLASSIFY_CODES_FIELD);
		return;
	}
	if (diag && smtpcode_find_status(diag, dlen, 0, false, found))
		set_status(out, found, CLASSIFY_CODES_DIAGNOSTIC);
}
