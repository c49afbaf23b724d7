#include "core/model/address.h"

#include <string.h>
#include <strings.h>

#include "core/knowledge/reason.h"

void
address_key(struct buf *out, const char *rcpt)
{
	const char *at = strrchr(rcpt, '@');

	if (at == NULL) {
		buf_adds(out, rcpt);
		return;
	}
	buf_add(out, rcpt, (size_t)(at - rcpt));
	for (const char *p = at; *p != '\0'; p++)
		buf_addc(out, *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p);
}

bool
address_row_failure(const struct row *r)
{
	const char *a = r->s[ROW_ACTION];

	if (r->s[ROW_ERROR] != NULL || r->s[ROW_RECIPIENT] == NULL)
		return false;
	if (row_is_success(r))		/* the one list of success actions (row.c) */
		return false;
	if (r->s[ROW_REASON] != NULL)
		return reason_is_failure(r->s[ROW_REASON]);
	return a != NULL && (strcasecmp(a, "failed") == 0 || strcasecmp(a, "delayed") == 0);
}

bool
address_row_soft(const struct row *r)
{
	return address_row_failure(r) && !(r->s[ROW_REASON] != NULL && r->hard);
}
