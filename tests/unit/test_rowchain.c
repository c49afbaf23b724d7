/*
 * Unit tests for incremental chaining (core/model/rowchain.c): on the rows
 * of the vendored corpus, with extra rows that make chains, whatever the
 * order rows arrive in and however they are batched, (1) after every batch
 * the rows carry what a full chaining of the rows so far gives them, and
 * (2) rowchain_finish() and rowset_chain() equal, field for field, the
 * one-pass algorithm rowset_chain() used before (copied below as the
 * reference).
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/decode/source.h"
#include "core/model/row.h"
#include "core/model/rowchain.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"
#include "tests/unit/rows.h"

/* ---- The reference: rowset_chain() as it was before rowchain.c. ---- */

static int
ref_by_date(const void *a, const void *b)
{
	const struct row *const *x = a, *const *y = b;

	if ((*x)->date != (*y)->date)
		return (*x)->date < (*y)->date ? -1 : 1;
	return *x < *y ? -1 : *x > *y;
}

static void
ref_chain(struct rowset *rs)
{
	struct strmap m = STRMAP_INIT;
	struct buf key = BUF_INIT;
	struct row **order;
	size_t *len;

	order = xmalloc((rs->n + 1) * sizeof(*order));
	for (size_t i = 0; i < rs->n; i++)
		order[i] = &rs->rows[i];
	qsort(order, rs->n, sizeof(*order), ref_by_date);
	len = xcalloc(rs->n + 1, sizeof(*len));
	rs->nchains = 0;
	for (size_t i = 0; i < rs->n; i++) {
		struct row *r = order[i];
		size_t c;

		r->superseded = false;
		if (r->s[ROW_ORIG_MESSAGE_ID] == NULL || r->s[ROW_RECIPIENT] == NULL) {
			r->chain = rs->nchains++;
			len[r->chain] = 1;
			continue;
		}
		buf_reset(&key);
		buf_adds(&key, r->s[ROW_ORIG_MESSAGE_ID]);
		buf_addc(&key, '\n');
		for (const char *p = r->s[ROW_RECIPIENT]; *p; p++)
			buf_addc(&key, (char)tolower((unsigned char)*p));
		if (strmap_get(&m, key.data, &c)) {
			order[c]->superseded = true;
			r->chain = order[c]->chain;
			len[r->chain]++;
		} else {
			r->chain = rs->nchains++;
			len[r->chain] = 1;
		}
		strmap_put(&m, key.data, i);
	}
	for (size_t i = 0; i < rs->n; i++)
		rs->rows[i].chain_len = len[rs->rows[i].chain];
	free(len);
	free(order);
	buf_free(&key);
	strmap_free(&m);
}

/* ---- The rows. ---- */

static const char *const corpus[] = {
	"tests/data/sisimai/maildir/bsd", "tests/data/sisimai/maildir/dos",
	"tests/data/sisimai/maildir/mac", "tests/data/sisimai/maildir/not",
	"tests/data/mail",
};

/*
 * Every corpus row with a date that ties often, and for two rows in five
 * one or two more states of the same delivery (a delay before, a retry
 * the same day), so there are chains of one, two and three, with ties.
 */
static void
corpus_rows(struct rowset *rs)
{
	struct rowset dec = ROWSET_INIT;
	size_t files = 0;

	for (size_t d = 0; d < sizeof(corpus) / sizeof(corpus[0]); d++) {
		struct source *src;
		struct source_item it;

		assert_int_equal(source_open(corpus[d], &src), STATUS_OK);
		while (source_next(src, &it)) {
			if (it.status == STATUS_OK)
				row_from_bounce(&dec, it.bounce, NULL, it.file, 0);
			else
				row_from_error(&dec, NULL, it.file, 0, status_str(it.status));
			files++;
			source_item_clear(&it);
		}
		source_close(src);
	}
	assert_true(files > 500);
	for (size_t i = 0; i < dec.n; i++) {
		struct row *r = rowset_add(rs);
		size_t ri = rs->n - 1;

		row_copy(r, &dec.rows[i]);
		r->date = T0 + (time_t)((i * 37) % 11) * DAY;
		if (i % 5 >= 2 || r->s[ROW_RECIPIENT] == NULL)
			continue;
		if (r->s[ROW_ORIG_MESSAGE_ID] == NULL)
			row_set(r, ROW_ORIG_MESSAGE_ID, "<made-up@example.org>");
		for (size_t k = 0; k <= i % 5; k++) {
			/* rowset_add() may move the rows: index, never a pointer. */
			struct row *c = rowset_add(rs);

			row_copy(c, &rs->rows[ri]);
			c->date = rs->rows[ri].date - (time_t)(k + 1) * DAY * (time_t)(i % 3);
		}
	}
	rowset_free(&dec);
	assert_true(rs->n > 1000);
}

/* The arrival orders: as decoded, reversed, and shuffled (a fixed LCG). */
static void
arrange(const struct rowset *base, int how, struct rowset *out)
{
	size_t *perm = xmalloc((base->n + 1) * sizeof(size_t));
	uint64_t x = 0x2545F4914F6CDD1DULL;

	for (size_t i = 0; i < base->n; i++)
		perm[i] = how == 1 ? base->n - 1 - i : i;
	for (size_t i = base->n; how == 2 && i > 1; i--) {
		size_t j, t;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)(x >> 33) % i;
		t = perm[i - 1];
		perm[i - 1] = perm[j];
		perm[j] = t;
	}
	for (size_t i = 0; i < base->n; i++)
		row_copy(rowset_add(out), &base->rows[perm[i]]);
	free(perm);
}

/*
 * got equals want where a streaming display looks: superseded, chain_len,
 * and the same rows together in one chain (numbers may differ).
 */
static void
same_chaining(const struct rowset *got, const struct rowset *want, size_t n)
{
	size_t *map = xmalloc((want->nchains + 1) * sizeof(size_t));

	for (size_t c = 0; c < want->nchains; c++)
		map[c] = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		const struct row *g = &got->rows[i], *w = &want->rows[i];

		assert_int_equal(g->superseded, w->superseded);
		assert_int_equal(g->chain_len, w->chain_len);
		if (map[w->chain] == SIZE_MAX)
			map[w->chain] = g->chain;
		assert_int_equal(map[w->chain], g->chain);
	}
	assert_int_equal(got->nchains, want->nchains);
	free(map);
}

static void
exact(const struct rowset *got, const struct rowset *want)
{
	assert_int_equal(got->n, want->n);
	assert_int_equal(got->nchains, want->nchains);
	for (size_t i = 0; i < got->n; i++) {
		assert_int_equal(got->rows[i].superseded, want->rows[i].superseded);
		assert_int_equal(got->rows[i].chain, want->rows[i].chain);
		assert_int_equal(got->rows[i].chain_len, want->rows[i].chain_len);
	}
}

static void
test_streaming_equals_reference(void **state)
{
	static const size_t batches[] = { 1, 7, 16, 64, 3, 250 };
	struct rowset base = ROWSET_INIT;
	size_t longest = 0, chained = 0;

	(void)state;
	corpus_rows(&base);
	for (int how = 0; how < 3; how++) {
		struct rowset all = ROWSET_INIT, want = ROWSET_INIT, got = ROWSET_INIT,
		    one = ROWSET_INIT;
		struct rowchain rc = ROWCHAIN_INIT;
		size_t b = 0, checks = 0;

		arrange(&base, how, &all);
		arrange(&base, how, &want);
		ref_chain(&want);
		/* Streaming: batches of varying size, each compared to a full chaining. */
		while (got.n < all.n) {
			size_t k = batches[b++ % (sizeof(batches) / sizeof(batches[0]))];

			for (size_t i = 0; i < k && got.n < all.n; i++)
				row_copy(rowset_add(&got), &all.rows[got.n]);
			rowchain_update(&rc, &got);
			if (b % 2 == 0 || got.n == all.n) {
				struct rowset prefix = ROWSET_INIT;

				for (size_t i = 0; i < got.n; i++)
					row_copy(rowset_add(&prefix), &all.rows[i]);
				ref_chain(&prefix);
				same_chaining(&got, &prefix, got.n);
				rowset_free(&prefix);
				checks++;
			}
		}
		assert_true(checks > 10);
		rowchain_finish(&rc, &got);
		exact(&got, &want);
		/* rowset_chain() over the whole set at once, too. */
		arrange(&base, how, &one);
		rowset_chain(&one);
		exact(&one, &want);
		for (size_t i = 0; i < want.n; i++) {
			if (want.rows[i].chain_len > longest)
				longest = want.rows[i].chain_len;
			chained += want.rows[i].superseded;
		}
		rowchain_free(&rc);
		rowset_free(&all);
		rowset_free(&want);
		rowset_free(&got);
		rowset_free(&one);
	}
	/* The data really has chains (of three), and ties within them. */
	assert_true(longest >= 3);
	assert_true(chained > 100);
	rowset_free(&base);
}

/* A chain that grows in many batches: lengths and the latest row follow. */
static void
test_one_chain_in_batches(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct rowchain rc = ROWCHAIN_INIT;

	(void)state;
	/* Nothing yet: no chains (and no row to look at). */
	rowchain_update(&rc, &rs);
	rowchain_finish(&rc, &rs);
	assert_int_equal(rs.nchains, 0);
	rowset_chain(&rs);
	assert_int_equal(rs.nchains, 0);
	/* Newest first, as the index streams them. */
	for (int i = 0; i < 5; i++) {
		add_row(&rs, "a@x.example", "4.4.1", "expired", false, "delayed", "timed out",
		    "m1@s", T0 + (time_t)(10 - i) * DAY);
		rowchain_update(&rc, &rs);
		assert_int_equal(rs.nchains, 1);
		for (size_t j = 0; j < rs.n; j++) {
			assert_int_equal(rs.rows[j].chain_len, (size_t)i + 1);
			assert_int_equal(rs.rows[j].superseded, j != 0);
		}
	}
	/* A later state arrives last: it alone is current. */
	add_row(&rs, "A@X.example", "5.4.7", "expired", true, "failed", "gave up", "m1@s",
	    T0 + 20 * DAY);
	add_row(&rs, "b@x.example", "5.1.1", "userunknown", true, "failed", "unknown", "m1@s",
	    T0);
	rowchain_update(&rc, &rs);
	assert_int_equal(rs.nchains, 2);
	for (size_t j = 0; j < 6; j++)
		assert_int_equal(rs.rows[j].superseded, j != 5);
	assert_false(rs.rows[6].superseded);
	assert_int_equal(rs.rows[6].chain_len, 1);
	rowchain_finish(&rc, &rs);
	/* Oldest first: b's row (T0) is chain 0. */
	assert_int_equal(rs.rows[6].chain, 0);
	assert_int_equal(rs.rows[0].chain, 1);
	/* Updates after finish keep working with the new numbers. */
	add_row(&rs, "b@x.example", "5.1.1", "userunknown", true, "failed", "unknown", "m1@s",
	    T0 + DAY);
	rowchain_update(&rc, &rs);
	assert_int_equal(rs.rows[7].chain, 0);
	assert_true(rs.rows[6].superseded);
	assert_int_equal(rs.rows[6].chain_len, 2);
	rowchain_free(&rc);
	rowset_free(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_streaming_equals_reference),
		cmocka_unit_test(test_one_chain_in_batches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
