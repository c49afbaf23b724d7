/*
 * Unit tests for the classifier's one-pass matching
 * (core/knowledge/classify_match.c): every row of every table, on texts
 * made from the rows themselves and on the normalised texts of the
 * corpus, must match exactly as the searches it replaced did.  Those
 * searches are kept below as the reference.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "core/knowledge/classify_match_int.h"
#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason_table_int.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"
#include "core/shared/phrases.h"
#include "core/shared/str.h"

/* The pattern matcher the classifier used before: one piece at a time. */
static bool
ref_match(const char *text, size_t n, const char *pattern)
{
	const char *p = pattern, *t = text, *end = text + n, *star, *hit;
	size_t m;

	if (n == 0)
		return false;	/* text_has(): an empty text holds nothing */
	for (;;) {
		star = strchr(p, '*');
		m = star ? (size_t)(star - p) : strlen(p);
		if ((hit = classify_find(t, (size_t)(end - t), p, m)) == NULL)
			return false;
		t = hit + m;
		if (star == NULL)
			return true;
		p = star + 1;
	}
}

/* Its plain-word search: the first occurrence, or PHRASES_NONE. */
static size_t
ref_first(const char *text, size_t n, const char *word)
{
	const char *p;

	if (n == 0)
		return PHRASES_NONE;
	p = classify_find(text, n, word, strlen(word));
	return p ? (size_t)(p - text) : PHRASES_NONE;
}

/* The last occurrence a search resumed after each one finds. */
static size_t
ref_last(const char *text, size_t n, const char *word)
{
	size_t m = strlen(word), best = PHRASES_NONE;
	const char *s = text, *e = text + n, *p;

	if (n == 0)
		return PHRASES_NONE;
	while ((p = classify_find(s, (size_t)(e - s), word, m)) != NULL) {
		best = (size_t)(p - text);
		s = p + m;
	}
	return best;
}

static size_t checked;

/* Every row of every table on text[0..n), against the reference. */
static void
check_text(const char *text, size_t n)
{
	struct classify_hits h;

	classify_match_scan(&h, text, n);
	for (int t = 0; t < CLASSIFY_WORDS_COUNT; t++) {
		size_t rows = classify_match_rows((enum classify_words)t);

		for (size_t i = 0; i < rows; i++) {
			const char *w = classify_match_word((enum classify_words)t, i);
			bool want = classify_match_plain((enum classify_words)t) ?
			    ref_first(text, n, w) != PHRASES_NONE : ref_match(text, n, w);

			if (classify_match_has(&h, (enum classify_words)t, i) != want)
				fail_msg("table %d row %zu \"%s\": %s in \"%.*s\"", t, i,
				    w, want ? "missed" : "found", (int)(n > 300 ? 300 : n), text);
			if (classify_match_plain((enum classify_words)t)) {
				assert_int_equal(classify_match_first(&h,
				    (enum classify_words)t, i), ref_first(text, n, w));
			}
			if (t == CLASSIFY_WORDS_STEP)
				assert_int_equal(classify_match_last(&h,
				    (enum classify_words)t, i), ref_last(text, n, w));
			checked++;
		}
	}
	classify_match_free(&h);
}

static void
check_buf(const struct buf *b)
{
	check_text(b->len ? b->data : "", b->len);
}

/* The pieces of pattern p (between '*'s), in order. */
static size_t
pieces(const char *p, const char *out[16], size_t len[16])
{
	size_t n = 0;
	const char *star;

	for (;;) {
		star = strchr(p, '*');
		if (n < 16) {
			out[n] = p;
			len[n] = star ? (size_t)(star - p) : strlen(p);
			n++;
		}
		if (star == NULL)
			return n;
		p = star + 1;
	}
}

/*
 * Texts made from one row: the pattern with its stars filled, with them
 * dropped, its pieces reversed, the pattern cut short by one byte, a later
 * piece placed before the first (so that it occurs too early and must be
 * searched for again), and the pattern twice with overlap.
 */
static void
check_row_texts(const char *p)
{
	const char *pc[16];
	size_t pl[16], n = pieces(p, pc, pl);
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		buf_add(&b, pc[i], pl[i]);
		if (i + 1 < n)
			buf_adds(&b, " x ");
	}
	check_buf(&b);
	buf_reset(&b);
	for (size_t i = 0; i < n; i++)
		buf_add(&b, pc[i], pl[i]);
	check_buf(&b);
	buf_reset(&b);
	for (size_t i = n; i-- > 0;) {
		buf_add(&b, pc[i], pl[i]);
		buf_adds(&b, " ");
	}
	check_buf(&b);
	buf_reset(&b);
	buf_adds(&b, p);
	if (b.len > 0)
		b.data[--b.len] = '\0';
	check_buf(&b);
	buf_reset(&b);
	if (n > 1) {
		buf_add(&b, pc[n - 1], pl[n - 1]);
		buf_adds(&b, " ");
		for (size_t i = 0; i < n; i++) {
			buf_add(&b, pc[i], pl[i]);
			buf_adds(&b, " y ");
		}
		check_buf(&b);
		buf_reset(&b);
	}
	buf_adds(&b, p);
	buf_add(&b, p + (strlen(p) > 1), strlen(p) - (strlen(p) > 1));
	check_buf(&b);
	buf_free(&b);
}

static void
test_every_row(void **state)
{
	(void)state;
	struct buf all = BUF_INIT;

	checked = 0;
	check_text("", 0);
	for (int t = 0; t < CLASSIFY_WORDS_COUNT; t++) {
		size_t rows = classify_match_rows((enum classify_words)t);

		assert_true(rows > 0);
		for (size_t i = 0; i < rows; i++) {
			const char *p = classify_match_word((enum classify_words)t, i);

			/* classify_find() refuses longer needles; none is. */
			assert_true(strlen(p) < CLASSIFY_NEEDLE_MAX);
			check_row_texts(p);
			buf_adds(&all, p);
			buf_adds(&all, i % 3 ? " " : "");
		}
	}
	/* every row at once: each must still be found where it is */
	check_buf(&all);
	assert_true(checked > 100000);
	buf_free(&all);
}

/* The step markers overlapping and repeated, first and last. */
static void
test_steps(void **state)
{
	(void)state;
	const char *t = "after dataafter data>>> data after rcpt to in reply to data";
	struct classify_hits h;
	size_t data = 0, rcpt = 0;

	for (size_t i = 0; reason_step_markers[i].pattern; i++) {
		if (strcmp(reason_step_markers[i].pattern, "after data") == 0)
			data = i;
		if (strcmp(reason_step_markers[i].pattern, "after rcpt to") == 0)
			rcpt = i;
	}
	classify_match_scan(&h, t, strlen(t));
	assert_int_equal(classify_match_first(&h, CLASSIFY_WORDS_STEP, data), 0);
	assert_int_equal(classify_match_last(&h, CLASSIFY_WORDS_STEP, data), 10);
	assert_int_equal(classify_match_first(&h, CLASSIFY_WORDS_STEP, rcpt), 29);
	/* only the step markers keep their last occurrence */
	assert_int_equal(classify_match_last(&h, CLASSIFY_WORDS_RETRIES, 0),
	    PHRASES_NONE);
	classify_match_free(&h);
	check_text(t, strlen(t));
}

/* Host names: ASCII case-insensitive, as str_casestrn() in the C locale. */
static void
test_hosts(void **state)
{
	(void)state;
	size_t n = classify_match_host_count();
	bool *found = calloc(n + 1, sizeof(bool));
	const char *probe[] = { "MX1.HOTMAIL.COM", "@Au.Com", "smtp.google.com",
	    "a.cox.net.example", "", "outlook.com.evil" };

	assert_non_null(found);
	assert_true(n > 10);
	for (size_t k = 0; k < sizeof(probe) / sizeof(probe[0]); k++) {
		memset(found, 0, n);
		classify_match_hosts(probe[k], found);
		for (size_t i = 0; reason_provider_rules[i].reason; i++) {
			const char *host = reason_provider_rules[i].host;
			bool want = host[0] && str_casestr(probe[k], host) != NULL;

			assert_int_equal(found[classify_match_host(CLASSIFY_HOSTS_PROVIDER, i)],
			    want);
		}
		for (size_t i = 0; reason_provider_codes[i].reason; i++) {
			const char *host = reason_provider_codes[i].host;
			bool want = host[0] && str_casestr(probe[k], host) != NULL;

			assert_int_equal(found[classify_match_host(CLASSIFY_HOSTS_CODE, i)],
			    want);
		}
	}
	memset(found, 0, n);
	classify_match_hosts(NULL, found);
	for (size_t i = 0; i < n; i++)
		assert_false(found[i]);
	free(found);
}

/*
 * Real texts: the first 2 KB of every mail of the corpus, normalised as
 * the classifier normalises its texts, and 16 KB (a diagnostic's cap) of
 * every fourth: the reference searches each row separately, which is the
 * cost the automaton removes.
 */
static void
test_corpus_texts(void **state)
{
	(void)state;
	const char *dir = "tests/data/sisimai/maildir/bsd";
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t files = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		struct buf path = BUF_INIT, t = BUF_INIT;
		char *data;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		buf_printf(&path, "%s/%s", dir, e->d_name);
		assert_int_equal(file_read(path.data, 1 << 24, &data, &len), STATUS_OK);
		if (files % 4 == 0) {
			classify_text_add(&t, data, 16 * 1024);
			check_buf(&t);
			buf_reset(&t);
		}
		classify_text_add(&t, data, 2048);
		check_buf(&t);
		free(data);
		buf_free(&t);
		buf_free(&path);
		files++;
	}
	closedir(d);
	assert_true(files > 500);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row),
		cmocka_unit_test(test_steps),
		cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_corpus_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
