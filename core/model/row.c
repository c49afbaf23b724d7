#include "core/model/row.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model/strpool.h"
#include "core/model/template.h"
#include "core/shared/buf.h"

static const char *const names[] = {
#define ROW_STR_NAME(n, s) s,
	ROW_STR_LIST(ROW_STR_NAME)
#undef ROW_STR_NAME
};

_Static_assert(ROW_STR_COUNT <= 32, "row.owned has a bit per column");

/*
 * The columns that are (nearly) unique per message are copied; every other
 * one repeats across thousands of rows and is interned.  A new column is
 * interned unless it is named here.
 */
static const enum row_str copied[] = {
	ROW_MESSAGE_ID, ROW_FILE, ROW_ORIG_MESSAGE_ID, ROW_ORIG_SUBJECT,
};

const char *
row_str_name(enum row_str c)
{
	return (unsigned)c < ROW_STR_COUNT ? names[c] : "?";
}

bool
row_str_interned(enum row_str c)
{
	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++)
		if (copied[i] == c)
			return false;
	return true;
}

static struct row *
push(struct row **v, size_t *n, size_t *cap)
{
	/* Small first: a decoded message has a row or two, and there are many. */
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 2;
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
	if (r->owned & (1u << c))
		free((char *)r->s[c]);
	r->s[c] = v ? xstrdup(v) : NULL;
	if (v != NULL)
		r->owned |= 1u << c;
	else
		r->owned &= ~(1u << c);
}

struct strpool *
rowset_pool(struct rowset *rs)
{
	if (rs->pool == NULL)
		rs->pool = strpool_new();
	return rs->pool;
}

void
rowset_set(struct rowset *rs, struct row *r, enum row_str c, const char *v)
{
	struct strpool *p = rowset_pool(rs);

	if (r->owned & (1u << c))
		free((char *)r->s[c]);
	r->owned &= ~(1u << c);
	r->s[c] = row_str_interned(c) ? strpool_intern(p, v) : strpool_copy(p, v);
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
message_fields(struct rowset *rs, struct row *r, const struct bounce *b, const char *msgid,
    const char *file, time_t date)
{
	r->date = date;
	r->kind = b->kind;
	rowset_set(rs, r, ROW_MESSAGE_ID, msgid ? msgid : b->message_id);
	rowset_set(rs, r, ROW_FILE, file);
	rowset_set(rs, r, ROW_REPORTING_MTA, b->reporting_mta);
	rowset_set(rs, r, ROW_ORIG_MESSAGE_ID, b->original.message_id);
	rowset_set(rs, r, ROW_ORIG_FROM, b->original.from);
	rowset_set(rs, r, ROW_ORIG_SUBJECT, b->original.subject);
}

/* Sets s[c] to v, which is malloc'd (or NULL), and frees v. */
static void
set_take(struct rowset *rs, struct row *r, enum row_str c, char *v)
{
	rowset_set(rs, r, c, v);
	free(v);
}

void
row_from_bounce(struct rowset *rs, const struct bounce *b, const char *msgid,
    const char *file, time_t date)
{
	struct row *r;

	if (!b->is_bounce || b->nrcpt == 0 ||
	    (b->kind != BOUNCE_KIND_DSN && b->kind != BOUNCE_KIND_TEXT)) {
		r = rowset_add_other(rs);
		message_fields(rs, r, b, msgid, file, date);
		/* Keep the subject visible: it is all there is to show. */
		rowset_set(rs, r, ROW_DIAGNOSTIC, b->subject);
		return;
	}
	for (size_t i = 0; i < b->nrcpt; i++) {
		const struct bounce_recipient *br = &b->rcpt[i];

		r = rowset_add(rs);
		message_fields(rs, r, b, msgid, file, date);
		rowset_set(rs, r, ROW_RECIPIENT, br->recipient);
		set_take(rs, r, ROW_DOMAIN, domain_of(br->recipient));
		rowset_set(rs, r, ROW_ACTION, br->action);
		rowset_set(rs, r, ROW_STATUS, br->status);
		rowset_set(rs, r, ROW_REPLY_CODE, br->reply_code);
		rowset_set(rs, r, ROW_REASON, br->reason);
		r->hard = br->reason != NULL && br->hard;
		rowset_set(rs, r, ROW_REMOTE_MTA, br->remote_mta);
		rowset_set(rs, r, ROW_DIAGNOSTIC, br->diagnostic);
		rowset_set(rs, r, ROW_WILL_RETRY_UNTIL, br->will_retry_until);
		set_take(rs, r, ROW_TEMPLATE, template_make(br->diagnostic));
	}
}

void
row_from_error(struct rowset *rs, const char *msgid, const char *file, time_t date,
    const char *error)
{
	struct row *r = rowset_add(rs);

	r->date = date;
	rowset_set(rs, r, ROW_MESSAGE_ID, msgid);
	rowset_set(rs, r, ROW_FILE, file);
	rowset_set(rs, r, ROW_ERROR, error);
}

void
row_copy(struct row *dst, const struct row *src)
{
	*dst = *src;
	dst->owned = 0;
	for (int c = 0; c < ROW_STR_COUNT; c++) {
		dst->s[c] = src->s[c] ? xstrdup(src->s[c]) : NULL;
		if (src->s[c] != NULL)
			dst->owned |= 1u << c;
	}
}

struct row *
rowset_copy_row(struct rowset *rs, const struct row *src, bool other)
{
	struct row *r = other ? rowset_add_other(rs) : rowset_add(rs);

	*r = *src;
	r->owned = 0;
	for (int c = 0; c < ROW_STR_COUNT; c++) {
		r->s[c] = NULL;
		rowset_set(rs, r, (enum row_str)c, src->s[c]);
	}
	return r;
}

void
row_clear(struct row *r)
{
	for (int c = 0; c < ROW_STR_COUNT; c++)
		if (r->owned & (1u << c))
			free((char *)r->s[c]);
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
	/* The moved rows' strings live on in dst's pool. */
	if (src->pool != NULL) {
		strpool_merge(rowset_pool(dst), src->pool);
		strpool_free(src->pool);
	}
	free(src->rows);
	free(src->other);
	memset(src, 0, sizeof(*src));
}

void
rowset_free(struct rowset *rs)
{
	/* Rows whose strings are all the pool's need no visit. */
	for (size_t i = 0; i < rs->n; i++)
		if (rs->rows[i].owned != 0)
			row_clear(&rs->rows[i]);
	for (size_t i = 0; i < rs->nother; i++)
		if (rs->other[i].owned != 0)
			row_clear(&rs->other[i]);
	strpool_free(rs->pool);
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
