#include "core/model/export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/model/address.h"
#include "core/shared/escape.h"
#include "core/shared/json.h"
#include "core/shared/strmap.h"

const char export_csv_header[] =
    "address,reason,status,hard,count,first_seen,last_seen,diagnostic";

static const char *const format_names[] = {
#define EXPORT_FORMAT_NAME(n, s) s,
	EXPORT_FORMAT_LIST(EXPORT_FORMAT_NAME)
#undef EXPORT_FORMAT_NAME
};

const char *
export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT_FORMAT_COUNT ? format_names[f] : NULL;
}

enum status
export_format_parse(const char *name, enum export_format *out)
{
	for (int f = 0; f < EXPORT_FORMAT_COUNT; f++)
		if (strcasecmp(name, format_names[f]) == 0) {
			*out = (enum export_format)f;
			return STATUS_OK;
		}
	return STATUS_INVALID;
}

/* Per address while collecting: its record and the row of its latest failure. */
struct slot {
	size_t latest;		/* index into rs->rows */
	time_t latest_date;
};

static int
cmp_record(const void *a, const void *b)
{
	return strcmp(((const struct export_record *)a)->address,
	    ((const struct export_record *)b)->address);
}

static void
set_latest(struct export_record *e, const struct row *r)
{
	free(e->reason);
	free(e->status);
	free(e->diagnostic);
	e->reason = xstrdup_null(r->s[ROW_REASON]);
	e->status = xstrdup_null(r->s[ROW_STATUS]);
	e->diagnostic = xstrdup_null(r->s[ROW_DIAGNOSTIC]);
	e->hard = r->s[ROW_REASON] != NULL && r->hard;
}

static void
record_free(struct export_record *e)
{
	free(e->address);
	free(e->reason);
	free(e->status);
	free(e->diagnostic);
}

void
export_collect(const struct rowset *rs, const size_t *idx, size_t n, int flags,
    struct export_set *s)
{
	struct strmap m = STRMAP_INIT;
	struct buf key = BUF_INIT;
	struct slot *sl;
	size_t base = s->n, kept;

	if (idx == NULL)
		n = rs->n;
	/* At most one address per row considered. */
	sl = xcalloc(n + 1, sizeof(*sl));
	for (size_t i = 0; i < n; i++) {
		size_t ri = idx ? idx[i] : i, k;
		const struct row *r;
		struct export_record *e;

		if (ri >= rs->n)
			continue;
		r = &rs->rows[ri];
		if (!address_row_failure(r))
			continue;
		buf_reset(&key);
		address_key(&key, r->s[ROW_RECIPIENT]);
		if (!strmap_get(&m, key.data, &k)) {
			k = s->n - base;
			if (s->n == s->cap) {
				s->cap = s->cap ? s->cap * 2 : 64;
				s->rec = xrealloc(s->rec, s->cap * sizeof(*s->rec));
			}
			memset(&s->rec[s->n++], 0, sizeof(*s->rec));
			s->rec[base + k].address = xstrdup(key.data);
			sl[k] = (struct slot){ ri, r->date };
			set_latest(&s->rec[base + k], r);
			strmap_put(&m, key.data, k);
		} else if (r->date > sl[k].latest_date ||
		    (r->date == sl[k].latest_date && ri > sl[k].latest)) {
			/* Later date wins; on a tie, the row read later. */
			sl[k] = (struct slot){ ri, r->date };
			set_latest(&s->rec[base + k], r);
		}
		e = &s->rec[base + k];
		e->count++;
		e->escalated = e->escalated || r->escalated;
		if (r->date != 0 && (e->first == 0 || r->date < e->first))
			e->first = r->date;
		if (r->date != 0 && r->date > e->last)
			e->last = r->date;
	}
	/* Keep what the flags allow, in place. */
	kept = base;
	for (size_t i = base; i < s->n; i++) {
		struct export_record *e = &s->rec[i];

		if (((flags & EXPORT_HARD) && !e->hard) ||
		    ((flags & EXPORT_ESCALATED) && !e->escalated)) {
			record_free(e);
			continue;
		}
		s->rec[kept++] = *e;
	}
	s->n = kept;
	if (s->n > base)
		qsort(s->rec + base, s->n - base, sizeof(*s->rec), cmp_record);
	free(sl);
	buf_free(&key);
	strmap_free(&m);
}

void
export_csv_field(struct buf *out, const char *s)
{
	struct buf safe = BUF_INIT;

	if (s == NULL || *s == '\0')
		return;
	escape_text(&safe, s, strlen(s));
	if (strpbrk(safe.data, ",\"\r\n") == NULL) {
		buf_adds(out, safe.data);
	} else {
		buf_addc(out, '"');
		for (const char *p = safe.data; *p != '\0'; p++) {
			if (*p == '"')
				buf_addc(out, '"');
			buf_addc(out, *p);
		}
		buf_addc(out, '"');
	}
	buf_free(&safe);
}

/* A spreadsheet runs a cell that starts with one of these as a formula. */
static bool
formula_start(const char *s)
{
	return s != NULL && *s != '\0' && strchr("=+-@", *s) != NULL;
}

static void
write_csv(struct buf *out, const struct export_record *e)
{
	char first[21], last[21];
	struct buf diag = BUF_INIT;

	row_time(e->first, first);
	row_time(e->last, last);
	export_csv_field(out, e->address);
	buf_addc(out, ',');
	export_csv_field(out, e->reason);
	buf_addc(out, ',');
	export_csv_field(out, e->status);
	buf_printf(out, ",%s,%zu,%s,%s,", e->reason == NULL ? "" : e->hard ? "yes" : "no",
	    e->count, first, last);
	if (formula_start(e->diagnostic))
		buf_addc(&diag, '\'');
	if (e->diagnostic != NULL)
		buf_adds(&diag, e->diagnostic);
	export_csv_field(out, e->diagnostic ? diag.data : NULL);
	buf_adds(out, "\r\n");
	buf_free(&diag);
}

static void
write_json(struct buf *out, const struct export_record *e)
{
	struct json j;
	char when[21];

	json_init(&j, out);
	json_obj_begin(&j);
	json_key(&j, "address");
	json_str(&j, e->address);
	json_key(&j, "reason");
	json_str(&j, e->reason);
	json_key(&j, "status");
	json_str(&j, e->status);
	json_key(&j, "hard");
	if (e->reason != NULL)
		json_bool(&j, e->hard);
	else
		json_null(&j);
	json_key(&j, "count");
	json_int(&j, (long long)e->count);
	json_key(&j, "first_seen");
	row_time(e->first, when);
	json_str(&j, e->first ? when : NULL);
	json_key(&j, "last_seen");
	row_time(e->last, when);
	json_str(&j, e->last ? when : NULL);
	json_key(&j, "diagnostic");
	json_str(&j, e->diagnostic);
	json_obj_end(&j);
	buf_addc(out, '\n');
}

void
export_write(struct buf *out, const struct export_set *s, enum export_format f)
{
	if (f == EXPORT_CSV)
		buf_printf(out, "%s\r\n", export_csv_header);
	for (size_t i = 0; i < s->n; i++) {
		const struct export_record *e = &s->rec[i];

		switch (f) {
		case EXPORT_PLAIN:
			escape_text(out, e->address, strlen(e->address));
			buf_addc(out, '\n');
			break;
		case EXPORT_CSV:
			write_csv(out, e);
			break;
		case EXPORT_JSON:
			write_json(out, e);
			break;
		case EXPORT_FORMAT_COUNT:
			break;
		}
	}
}

void
export_set_free(struct export_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		record_free(&s->rec[i]);
	free(s->rec);
	memset(s, 0, sizeof(*s));
}
