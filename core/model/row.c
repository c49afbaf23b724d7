#include "core/model/row.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model/template.h"
#include "core/shared/buf.h"

static const char *const names[] = {
#define ROW_STR_NAME(n, s) s,
	ROW_STR_LIST(ROW_STR_NAME)
#undef ROW_STR_NAME
};

const char *
row_str_name(enum row_str c)
{
	return (unsigned)c < ROW_STR_COUNT ? names[c] : "?";
}

static struct row *
push(struct row **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

struct row *
rowset_add(struct rowset *rs)
{
	return push(&rs->rows, &rs->n, &rs->cap);
}

struct row *
rowset_add_other(struct rowset *rs)
{
	return push(&rs->other, &rs->nother, &rs->capother);
}

void
row_set(struct row *r, enum row_str c, const char *v)
{
	free(r->s[c]);
	r->s[c] = v ? xstrdup(v) : NULL;
}

/* The lower-cased part after the last '@', without a closing '>'. */
static char *
domain_of(const char *rcpt)
{
	const char *at;
	size_t n;
	char *d;

	if (rcpt == NULL || (at = strrchr(rcpt, '@')) == NULL || at[1] == '\0')
		return NULL;
	n = strcspn(at + 1, "> \t");
	if (n == 0)
		return NULL;
	d = xstrndup(at + 1, n);
	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static void
message_fields(struct row *r, const struct bounce *b, const char *msgid, const char *file,
    time_t date)
{
	r->date = date;
	r->kind = b->kind;
	row_set(r, ROW_MESSAGE_ID, msgid ? msgid : b->message_id);
	row_set(r, ROW_FILE, file);
	row_set(r, ROW_REPORTING_MTA, b->reporting_mta);
	row_set(r, ROW_ORIG_MESSAGE_ID, b->original.message_id);
	row_set(r, ROW_ORIG_FROM, b->original.from);
	row_set(r, ROW_ORIG_SUBJECT, b->original.subject);
}

void
row_from_bounce(struct rowset *rs, const struct bounce *b, const char *msgid,
    const char *file, time_t date)
{
	struct row *r;

	if (!b->is_bounce || b->nrcpt == 0 ||
	    (b->kind != BOUNCE_KIND_DSN && b->kind != BOUNCE_KIND_TEXT)) {
		r = rowset_add_other(rs);
		message_fields(r, b, msgid, file, date);
		/* Keep the subject visible: it is all there is to show. */
		row_set(r, ROW_DIAGNOSTIC, b->subject);
		return;
	}
	for (size_t i = 0; i < b->nrcpt; i++) {
		const struct bounce_recipient *br = &b->rcpt[i];

		r = rowset_add(rs);
		message_fields(r, b, msgid, file, date);
		row_set(r, ROW_RECIPIENT, br->recipient);
		r->s[ROW_DOMAIN] = domain_of(br->recipient);
		row_set(r, ROW_ACTION, br->action);
		row_set(r, ROW_STATUS, br->status);
		row_set(r, ROW_REPLY_CODE, br->reply_code);
		row_set(r, ROW_REASON, br->reason);
		r->hard = br->reason != NULL && br->hard;
		row_set(r, ROW_REMOTE_MTA, br->remote_mta);
		row_set(r, ROW_DIAGNOSTIC, br->diagnostic);
		row_set(r, ROW_WILL_RETRY_UNTIL, br->will_retry_until);
		r->s[ROW_TEMPLATE] = template_make(br->diagnostic);
	}
}

void
row_from_error(struct rowset *rs, const char *msgid, const char *file, time_t date,
    const char *error)
{
	struct row *r = rowset_add(rs);

	r->date = date;
	row_set(r, ROW_MESSAGE_ID, msgid);
	row_set(r, ROW_FILE, file);
	row_set(r, ROW_ERROR, error);
}

void
row_copy(struct row *dst, const struct row *src)
{
	*dst = *src;
	for (int c = 0; c < ROW_STR_COUNT; c++)
		dst->s[c] = src->s[c] ? xstrdup(src->s[c]) : NULL;
}

void
row_clear(struct row *r)
{
	for (int c = 0; c < ROW_STR_COUNT; c++)
		free(r->s[c]);
	memset(r, 0, sizeof(*r));
}

/*
 * The actions of RFC 3464 section 2.3.3 that report a success, and
 * "deliverable", Postfix's answer to an address probe (sendmail -bv).
 */
static const char *const success_actions[] = {
	"delivered", "relayed", "expanded", "deliverable",
};

#define NSUCCESS (sizeof(success_actions) / sizeof(*success_actions))

const char *
row_success_action(size_t i)
{
	return i < NSUCCESS ? success_actions[i] : NULL;
}

bool
row_is_success(const struct row *r)
{
	const char *a = r->s[ROW_ACTION];

	for (size_t i = 0; a != NULL && i < NSUCCESS; i++)
		if (strcasecmp(a, success_actions[i]) == 0)
			return true;
	return false;
}

void
rowset_append(struct rowset *dst, struct rowset *src)
{
	for (size_t i = 0; i < src->n; i++)
		*rowset_add(dst) = src->rows[i];
	for (size_t i = 0; i < src->nother; i++)
		*rowset_add_other(dst) = src->other[i];
	free(src->rows);
	free(src->other);
	memset(src, 0, sizeof(*src));
}

void
rowset_free(struct rowset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		row_clear(&rs->rows[i]);
	for (size_t i = 0; i < rs->nother; i++)
		row_clear(&rs->other[i]);
	free(rs->rows);
	free(rs->other);
	memset(rs, 0, sizeof(*rs));
}

void
row_day(time_t t, char out[11])
{
	struct tm tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL) {
		memcpy(out, "unknown", 8);
		return;
	}
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
row_time(time_t t, char out[21])
{
	struct tm tm;

	out[0] = '\0';
	if (t == 0 || gmtime_r(&t, &tm) == NULL)
		return;
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
