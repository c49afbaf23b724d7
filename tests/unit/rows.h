/*
 * rows — a shared helper for the unit tests of rows, groups and the list
 * model: adds a fully specified row to a rowset.
 */
#ifndef BOUNCEQ_TEST_ROWS_H
#define BOUNCEQ_TEST_ROWS_H

#include <string.h>

#include "core/model/row.h"
#include "core/model/template.h"

/* 2026-11-02T00:00:00Z and one day. */
#define T0 ((time_t)1793577600)
#define DAY ((time_t)86400)

static inline struct row *
add_row(struct rowset *rs, const char *rcpt, const char *status, const char *reason,
    bool hard, const char *action, const char *diag, const char *orig_id, time_t date)
{
	struct row *r = rowset_add(rs);
	const char *at = rcpt ? strchr(rcpt, '@') : NULL;

	row_set(r, ROW_RECIPIENT, rcpt);
	row_set(r, ROW_DOMAIN, at ? at + 1 : NULL);
	row_set(r, ROW_STATUS, status);
	row_set(r, ROW_REASON, reason);
	row_set(r, ROW_ACTION, action);
	row_set(r, ROW_DIAGNOSTIC, diag);
	{
		char *t = template_make(diag);

		row_set(r, ROW_TEMPLATE, t);
		free(t);
	}
	row_set(r, ROW_ORIG_MESSAGE_ID, orig_id);
	row_set(r, ROW_ORIG_FROM, "sender@example.com");
	r->kind = BOUNCE_KIND_DSN;
	r->hard = hard;
	r->date = date;
	return r;
}

#endif
