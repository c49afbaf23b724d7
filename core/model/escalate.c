#include "core/model/escalate.h"

#include <stdlib.h>

#include "core/model/address.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"

/* One address's soft failures: how many, and on which days. */
struct tally {
	size_t soft;
	long long *day;		/* days since the epoch, unsorted, repeats allowed */
	size_t nday, capday;
};

static int
cmp_day(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Distinct days in t (sorts t->day). */
static size_t
distinct_days(struct tally *t)
{
	size_t n = 0;

	if (t->nday == 0)
		return 0;
	qsort(t->day, t->nday, sizeof(*t->day), cmp_day);
	for (size_t i = 0; i < t->nday; i++)
		if (i == 0 || t->day[i] != t->day[i - 1])
			n++;
	return n;
}

size_t
escalate_mark(struct rowset *rs, int count, int days)
{
	struct strmap m = STRMAP_INIT;
	struct buf key = BUF_INIT;
	/* At most one tally per row: allocated once, not grown per address. */
	struct tally *t = xcalloc(rs->n + 1, sizeof(*t));
	size_t *of = xcalloc(rs->n + 1, sizeof(*of));	/* row -> tally + 1, 0: none */
	size_t nt = 0, escalated = 0;
	bool *hot;

	if (count <= 0)
		count = ESCALATE_COUNT_DEFAULT;
	if (days <= 0)
		days = ESCALATE_DAYS_DEFAULT;
	for (size_t i = 0; i < rs->n; i++) {
		struct row *r = &rs->rows[i];
		size_t k;

		r->escalated = false;
		if (r->s[ROW_RECIPIENT] == NULL || r->s[ROW_ERROR] != NULL)
			continue;
		buf_reset(&key);
		address_key(&key, r->s[ROW_RECIPIENT]);
		if (!strmap_get(&m, key.data, &k)) {
			k = nt++;
			strmap_put(&m, key.data, k);
		}
		of[i] = k + 1;
		if (!address_row_soft(r))
			continue;
		t[k].soft++;
		if (r->date == 0)
			continue;
		if (t[k].nday == t[k].capday) {
			t[k].capday = t[k].capday ? t[k].capday * 2 : 4;
			t[k].day = xrealloc(t[k].day, t[k].capday * sizeof(*t[k].day));
		}
		/* Floor division: a date before 1970 still falls on its own day. */
		t[k].day[t[k].nday++] = r->date >= 0 ? (long long)r->date / 86400 :
		    -((-(long long)r->date + 86399) / 86400);
	}
	hot = xcalloc(nt + 1, sizeof(*hot));
	for (size_t k = 0; k < nt; k++) {
		hot[k] = t[k].soft >= (size_t)count && distinct_days(&t[k]) >= (size_t)days;
		escalated += hot[k];
		free(t[k].day);
	}
	for (size_t i = 0; i < rs->n; i++)
		if (of[i] != 0)
			rs->rows[i].escalated = hot[of[i] - 1];
	free(hot);
	free(t);
	free(of);
	buf_free(&key);
	strmap_free(&m);
	return escalated;
}
