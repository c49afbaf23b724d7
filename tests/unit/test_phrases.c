/* Unit tests for the one-pass phrase automaton (core/shared/phrases.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/shared/buf.h"
#include "core/shared/phrases.h"

/* Every occurrence a scan reported, in order. */
struct seen {
	size_t id[4096], end[4096];
	size_t n;
	size_t stop_after;	/* 0: never stop */
};

static bool
record(void *ctx, size_t id, size_t end)
{
	struct seen *s = ctx;

	assert_true(s->n < 4096);
	s->id[s->n] = id;
	s->end[s->n] = end;
	s->n++;
	return s->stop_after == 0 || s->n < s->stop_after;
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * The reference: every (end, id) by brute force, ends ascending, longer
 * needles first at one end, ids ascending among equal needles.
 */
static size_t
brute(const char *const *nd, const size_t *lens, size_t n, const char *t,
    size_t len, bool fold, size_t *ids, size_t *ends, size_t cap)
{
	size_t k = 0, longest = 0;

	for (size_t i = 0; i < n; i++)
		if (lens[i] > longest)
			longest = lens[i];
	for (size_t e = 1; e <= len; e++) {
		/* longest first: walk lengths downwards */
		for (size_t m = e < longest ? e : longest; m > 0; m--)
			for (size_t i = 0; i < n; i++) {
				size_t j;

				if (lens[i] != m)
					continue;
				for (j = 0; j < m; j++) {
					unsigned char a = (unsigned char)t[e - m + j];
					unsigned char b = (unsigned char)nd[i][j];
					if (fold ? lower(a) != lower(b) : a != b)
						break;
				}
				if (j == m) {
					assert_true(k < cap);
					ids[k] = i;
					ends[k] = e;
					k++;
				}
			}
	}
	return k;
}

static void
check_against_brute(const char *const *nd, const size_t *lens, size_t n,
    const char *t, size_t len, unsigned flags)
{
	static size_t ids[4096], ends[4096];
	struct phrases *p = phrases_new(nd, lens, n, flags);
	struct seen s = { .n = 0 };
	size_t k;

	assert_non_null(p);
	assert_int_equal(phrases_count(p), n);
	assert_true(phrases_scan(p, t, len, record, &s));
	k = brute(nd, lens, n, t, len, flags & PHRASES_FOLD, ids, ends, 4096);
	assert_int_equal(s.n, k);
	for (size_t i = 0; i < k; i++) {
		assert_int_equal(s.id[i], ids[i]);
		assert_int_equal(s.end[i], ends[i]);
	}
	phrases_free(p);
}

static void
test_overlapping(void **state)
{
	(void)state;
	const char *nd[] = { "he", "she", "his", "hers" };
	struct phrases *p = phrases_new(nd, NULL, 4, 0);
	struct seen s = { .n = 0 };

	assert_true(phrases_scan(p, "ushers", 6, record, &s));
	/* "she" and "he" both end at 4, the longer first; "hers" at 6 */
	assert_int_equal(s.n, 3);
	assert_int_equal(s.id[0], 1);
	assert_int_equal(s.end[0], 4);
	assert_int_equal(s.id[1], 0);
	assert_int_equal(s.end[1], 4);
	assert_int_equal(s.id[2], 3);
	assert_int_equal(s.end[2], 6);
	phrases_free(p);

	/* a needle overlapping itself: every start counts */
	const char *aa[] = { "aa" };
	p = phrases_new(aa, NULL, 1, 0);
	s.n = 0;
	phrases_scan(p, "aaaa", 4, record, &s);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.end[0], 2);
	assert_int_equal(s.end[2], 4);
	phrases_free(p);
}

static void
test_prefix_suffix(void **state)
{
	(void)state;
	/* needles that are prefixes and suffixes of one another */
	const char *nd[] = { "abc", "ab", "bc", "c", "abcd", "bcd" };
	size_t first[6];
	struct phrases *p = phrases_new(nd, NULL, 6, 0);

	phrases_first(p, "xxabcdxabc", 10, first);
	assert_int_equal(first[0], 2);
	assert_int_equal(first[1], 2);
	assert_int_equal(first[2], 3);
	assert_int_equal(first[3], 4);
	assert_int_equal(first[4], 2);
	assert_int_equal(first[5], 3);
	/* a failure link must lead from "abx" back to a needle's start */
	phrases_first(p, "abxbcd", 6, first);
	assert_int_equal(first[0], PHRASES_NONE);
	assert_int_equal(first[1], 0);
	assert_int_equal(first[5], 3);
	phrases_free(p);
	size_t lens[6];
	for (int i = 0; i < 6; i++)
		lens[i] = strlen(nd[i]);
	check_against_brute(nd, lens, 6, "abcdbcabcabcdabcd", 17, 0);
}

static void
test_empty(void **state)
{
	(void)state;
	const char *nd[] = { "", "x", "" };
	size_t first[3];
	struct seen s = { .n = 0 };
	struct phrases *p = phrases_new(nd, NULL, 3, 0);

	/* an empty text holds nothing; an empty needle is never reported */
	phrases_first(p, "", 0, first);
	assert_int_equal(first[0], PHRASES_NONE);
	assert_int_equal(first[1], PHRASES_NONE);
	assert_true(phrases_scan(p, NULL, 0, record, &s));
	assert_int_equal(s.n, 0);
	phrases_first(p, "axa", 3, first);
	assert_int_equal(first[0], PHRASES_NONE);
	assert_int_equal(first[1], 1);
	assert_int_equal(first[2], PHRASES_NONE);
	phrases_free(p);

	/* no needles at all */
	p = phrases_new(NULL, NULL, 0, PHRASES_FOLD);
	assert_non_null(p);
	assert_int_equal(phrases_count(p), 0);
	assert_true(phrases_scan(p, "anything", 8, record, &s));
	assert_int_equal(s.n, 0);
	phrases_free(p);
	phrases_free(NULL);
}

static void
test_huge_text(void **state)
{
	(void)state;
	size_t len = 8 << 20, first[3];
	char *t = xmalloc(len);
	const char *nd[] = { "aab", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "b" };
	struct phrases *p = phrases_new(nd, NULL, 3, 0);

	/* the hostile case of a naive search: a run of 'a' and one 'b' */
	memset(t, 'a', len);
	t[len - 1] = 'b';
	phrases_first(p, t, len, first);
	assert_int_equal(first[0], len - 3);
	assert_int_equal(first[1], len - 32);
	assert_int_equal(first[2], len - 1);
	t[len - 1] = 'a';
	phrases_first(p, t, len, first);
	assert_int_equal(first[0], PHRASES_NONE);
	assert_int_equal(first[2], PHRASES_NONE);
	phrases_free(p);
	free(t);
}

static void
test_binary_bytes(void **state)
{
	(void)state;
	/* NUL and 8-bit bytes are bytes like any other */
	const char *nd[] = { "a\0b", "\xc3\xa9t\xc3\xa9", "\xff", "\0" };
	size_t lens[] = { 3, 5, 1, 1 }, first[4];
	const char t[] = "x\0a\0b \xc3\xa9t\xc3\xa9 \xff";
	struct phrases *p = phrases_new(nd, lens, 4, PHRASES_FOLD);

	phrases_first(p, t, sizeof(t) - 1, first);
	assert_int_equal(first[0], 2);
	assert_int_equal(first[1], 6);
	assert_int_equal(first[2], 12);
	assert_int_equal(first[3], 1);
	/* folding is ASCII only: 0xC3 is not 0xE3 */
	phrases_first(p, "\xe3\xa9t\xe3\xa9", 5, first);
	assert_int_equal(first[1], PHRASES_NONE);
	phrases_free(p);
	check_against_brute(nd, lens, 4, t, sizeof(t) - 1, 0);
}

static void
test_every_byte(void **state)
{
	(void)state;
	/* needles using all 256 byte values leave no "other" column */
	static char bytes[256][2];
	const char *nd[256];
	size_t lens[256], first[256];
	char t[512];
	struct phrases *p;

	for (int i = 0; i < 256; i++) {
		bytes[i][0] = (char)i;
		bytes[i][1] = (char)((i + 1) & 0xff);
		nd[i] = bytes[i];
		lens[i] = 2;
	}
	for (int i = 0; i < 512; i++)
		t[i] = (char)(i & 0xff);
	p = phrases_new(nd, lens, 256, 0);
	phrases_first(p, t, sizeof(t), first);
	for (int i = 0; i < 255; i++)
		assert_int_equal(first[i], (size_t)i);
	assert_int_equal(first[255], 255);
	phrases_free(p);
}

static void
test_fold(void **state)
{
	(void)state;
	const char *nd[] = { "Remote Host said:", "[RCPT_TO]" };
	size_t first[2];
	struct phrases *p = phrases_new(nd, NULL, 2, PHRASES_FOLD);
	struct phrases *q = phrases_new(nd, NULL, 2, 0);

	phrases_first(p, "..REMOTE host SAID: 550 [rcpt_to]", 33, first);
	assert_int_equal(first[0], 2);
	assert_int_equal(first[1], 24);
	phrases_first(q, "..REMOTE host SAID: 550 [rcpt_to]", 33, first);
	assert_int_equal(first[0], PHRASES_NONE);
	assert_int_equal(first[1], PHRASES_NONE);
	phrases_free(p);
	phrases_free(q);
}

static void
test_duplicates_and_stop(void **state)
{
	(void)state;
	const char *nd[] = { "ab", "b", "ab", "ab" };
	struct phrases *p = phrases_new(nd, NULL, 4, 0);
	struct seen s = { .n = 0 };

	phrases_scan(p, "ab", 2, record, &s);
	/* equal needles each keep their id, in id order, before shorter ones */
	assert_int_equal(s.n, 4);
	assert_int_equal(s.id[0], 0);
	assert_int_equal(s.id[1], 2);
	assert_int_equal(s.id[2], 3);
	assert_int_equal(s.id[3], 1);
	/* the callback ends the scan */
	s.n = 0;
	s.stop_after = 2;
	assert_false(phrases_scan(p, "abab", 4, record, &s));
	assert_int_equal(s.n, 2);
	phrases_free(p);
}

/* A small deterministic generator, so failures repeat. */
static uint32_t
next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void
test_random_against_brute(void **state)
{
	(void)state;
	static const char alphabet[] = "abAB\0\xff";
	uint32_t x = 2463534242u;

	for (int round = 0; round < 300; round++) {
		char store[12][6], t[64];
		const char *nd[12];
		size_t lens[12], n = 1 + next(&x) % 12, len = next(&x) % 64;

		for (size_t i = 0; i < n; i++) {
			lens[i] = next(&x) % 6;
			for (size_t j = 0; j < lens[i]; j++)
				store[i][j] = alphabet[next(&x) % 6];
			nd[i] = store[i];
		}
		for (size_t j = 0; j < len; j++)
			t[j] = alphabet[next(&x) % 6];
		check_against_brute(nd, lens, n, t, len, 0);
		check_against_brute(nd, lens, n, t, len, PHRASES_FOLD);
	}
}

/* Thousands of needles: a large table, still exact. */
static void
test_many_needles(void **state)
{
	(void)state;
	static char store[3000][12];
	static const char *nd[3000];
	static size_t lens[3000];
	static char t[3000];
	uint32_t x = 88172645u;

	for (size_t i = 0; i < 3000; i++) {
		lens[i] = 3 + next(&x) % 9;
		for (size_t j = 0; j < lens[i]; j++)
			store[i][j] = (char)('a' + next(&x) % 12);
		nd[i] = store[i];
	}
	for (size_t j = 0; j < sizeof(t); j++)
		t[j] = (char)('a' + next(&x) % 13);
	/* a few needles planted, so that some long ones occur */
	memcpy(t + 100, store[7], lens[7]);
	memcpy(t + 2000, store[2999], lens[2999]);
	check_against_brute(nd, lens, 3000, t, sizeof(t), 0);
	check_against_brute(nd, lens, 3000, t, sizeof(t), PHRASES_FOLD);
}

/*
 * More states than the 16-bit table holds (32,768): the wide table, still
 * exact.
 */
static void
test_wide_table(void **state)
{
	(void)state;
	static char store[5000][12];
	static const char *nd[5000];
	static size_t lens[5000];
	static char t[1200];
	size_t total = 0;
	uint32_t x = 521288629u;

	for (size_t i = 0; i < 5000; i++) {
		lens[i] = 8 + next(&x) % 4;
		for (size_t j = 0; j < lens[i]; j++)
			store[i][j] = (char)('a' + next(&x) % 26);
		nd[i] = store[i];
		total += lens[i];
	}
	/* random needles share few prefixes: about one state a byte */
	assert_true(total > 40000);
	for (size_t j = 0; j < sizeof(t); j++)
		t[j] = (char)('a' + next(&x) % 26);
	for (size_t k = 0; k < 40; k++)
		memcpy(t + 25 * k, store[k * 97], lens[k * 97]);
	check_against_brute(nd, lens, 5000, t, sizeof(t), 0);
	check_against_brute(nd, lens, 5000, t, sizeof(t), PHRASES_FOLD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlapping),
		cmocka_unit_test(test_prefix_suffix),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_huge_text),
		cmocka_unit_test(test_binary_bytes),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_duplicates_and_stop),
		cmocka_unit_test(test_random_against_brute),
		cmocka_unit_test(test_many_needles),
		cmocka_unit_test(test_wide_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
