#include "core/model/rowchain.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/shared/buf.h"

#define NONE SIZE_MAX

static size_t
new_chain(struct rowchain *rc, size_t row)
{
	if (rc->nchains == rc->capchains) {
		rc->capchains = rc->capchains ? rc->capchains * 2 : 64;
		rc->latest = xrealloc(rc->latest, rc->capchains * sizeof(size_t));
		rc->len = xrealloc(rc->len, rc->capchains * sizeof(size_t));
		rc->head = xrealloc(rc->head, rc->capchains * sizeof(size_t));
		rc->touched = xrealloc(rc->touched, rc->capchains * sizeof(bool));
	}
	rc->latest[rc->nchains] = row;
	rc->len[rc->nchains] = 1;
	rc->head[rc->nchains] = row;
	rc->touched[rc->nchains] = false;
	return rc->nchains++;
}

/* The order rowset_chain() walks in: by date, then by position. */
static bool
later(const struct rowset *rs, size_t a, size_t b)
{
	if (rs->rows[a].date != rs->rows[b].date)
		return rs->rows[a].date > rs->rows[b].date;
	return a > b;
}

/* The chain key, or false when the row has nothing to tie it to others. */
static bool
chain_key(const struct row *r, struct buf *key)
{
	if (r->s[ROW_ORIG_MESSAGE_ID] == NULL || r->s[ROW_RECIPIENT] == NULL)
		return false;
	buf_reset(key);
	buf_adds(key, r->s[ROW_ORIG_MESSAGE_ID]);
	buf_addc(key, '\n');
	for (const char *p = r->s[ROW_RECIPIENT]; *p; p++)
		buf_addc(key, (char)tolower((unsigned char)*p));
	return true;
}

void
rowchain_update(struct rowchain *rc, struct rowset *rs)
{
	struct buf key = BUF_INIT;
	size_t *grew = NULL, ngrew = 0;

	if (rs->n > rc->caprows) {
		rc->caprows = rs->n > 2 * rc->caprows ? rs->n : 2 * rc->caprows;
		rc->next = xrealloc(rc->next, rc->caprows * sizeof(size_t));
	}
	if (rs->n > rc->nrows)
		grew = xmalloc((rs->n - rc->nrows) * sizeof(size_t));
	for (size_t i = rc->nrows; i < rs->n; i++) {
		struct row *r = &rs->rows[i];
		size_t c;

		r->superseded = false;
		rc->next[i] = NONE;
		if (!chain_key(r, &key)) {
			r->chain = new_chain(rc, i);
			r->chain_len = 1;
			continue;
		}
		if (!strmap_get(&rc->keys, key.data, &c)) {
			c = new_chain(rc, i);
			strmap_put(&rc->keys, key.data, c);
			r->chain = c;
			r->chain_len = 1;
			continue;
		}
		r->chain = c;
		rc->next[i] = rc->head[c];
		rc->head[c] = i;
		rc->len[c]++;
		if (later(rs, i, rc->latest[c])) {
			rs->rows[rc->latest[c]].superseded = true;
			rc->latest[c] = i;
		} else
			r->superseded = true;
		if (!rc->touched[c]) {
			rc->touched[c] = true;
			grew[ngrew++] = c;
		}
	}
	/* Every row of a chain that grew learns its new length, once per batch. */
	for (size_t g = 0; g < ngrew; g++) {
		size_t c = grew[g];

		for (size_t i = rc->head[c]; i != NONE; i = rc->next[i])
			rs->rows[i].chain_len = rc->len[c];
		rc->touched[c] = false;
	}
	rc->nrows = rs->n;
	rs->nchains = rc->nchains;
	free(grew);
	buf_free(&key);
}

/* A row's place in rowset_chain()'s walk: its date, then its position. */
struct stamp {
	time_t date;
	size_t row;
};

static int
by_date(const void *a, const void *b)
{
	const struct stamp *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Moves per-chain value v[c] to v[num[c]]. */
static void
permute(size_t *v, const size_t *num, size_t n)
{
	size_t *old;

	/* No chains yet: v may still be NULL, which memcpy() may not get. */
	if (n == 0)
		return;
	old = xmalloc(n * sizeof(size_t));
	memcpy(old, v, n * sizeof(size_t));
	for (size_t c = 0; c < n; c++)
		v[num[c]] = old[c];
	free(old);
}

void
rowchain_finish(struct rowchain *rc, struct rowset *rs)
{
	struct stamp *order;
	size_t *num, k = 0;

	rowchain_update(rc, rs);
	order = xmalloc((rs->n + 1) * sizeof(*order));
	num = xmalloc((rc->nchains + 1) * sizeof(size_t));
	for (size_t i = 0; i < rs->n; i++)
		order[i] = (struct stamp){ rs->rows[i].date, i };
	qsort(order, rs->n, sizeof(*order), by_date);
	for (size_t c = 0; c < rc->nchains; c++)
		num[c] = NONE;
	for (size_t i = 0; i < rs->n; i++) {
		size_t c = rs->rows[order[i].row].chain;

		if (num[c] == NONE)
			num[c] = k++;
	}
	for (size_t i = 0; i < rs->n; i++)
		rs->rows[i].chain = num[rs->rows[i].chain];
	permute(rc->latest, num, rc->nchains);
	permute(rc->len, num, rc->nchains);
	permute(rc->head, num, rc->nchains);
	for (size_t s = 0; s < rc->keys.cap; s++)
		if (rc->keys.slot[s].key != NULL)
			rc->keys.slot[s].val = num[rc->keys.slot[s].val];
	free(num);
	free(order);
}

void
rowset_chain(struct rowset *rs)
{
	struct rowchain rc = ROWCHAIN_INIT;

	/* All rows as one batch: a load that streams ends where this does. */
	rowchain_finish(&rc, rs);
	rowchain_free(&rc);
}

void
rowchain_free(struct rowchain *rc)
{
	strmap_free(&rc->keys);
	free(rc->latest);
	free(rc->len);
	free(rc->head);
	free(rc->touched);
	free(rc->next);
	memset(rc, 0, sizeof(*rc));
}
