/*
 * Unit tests for grouping (core/model/group.c) and chains (core/model/row.c): counts
 * add up, distinct recipients, hard/soft, first/last, per-day counts,
 * two levels, templates, unknown keys, and chains counted once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "core/model/group.h"
#include "core/model/row.h"
#include "tests/unit/rows.h"

static void
fill(struct rowset *rs)
{
	/* alice: delayed then failed for the same original -> one chain. */
	add_row(rs, "alice@a.example", "4.4.1", "expired", false, "delayed",
	    "451 4.4.1 connect to mx.a.example[192.0.2.1]: timed out", "m1@s", T0);
	add_row(rs, "alice@a.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 <alice@a.example>: user unknown", "m1@s", T0 + 2 * DAY);
	/* bob and BOB: one distinct recipient, two originals. */
	add_row(rs, "bob@b.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 <bob@b.example>: user unknown", "m2@s", T0 + DAY);
	add_row(rs, "BOB@b.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 <BOB@b.example>: user unknown", "m3@s", T0 + DAY + 60);
	add_row(rs, "carol@a.example", "5.2.2", "mailboxfull", false, "failed",
	    "552 5.2.2 <carol@a.example>: mailbox full", "m4@s", T0 + DAY);
	/* Not classified yet: goes to "unknown", neither hard nor soft. */
	add_row(rs, "dave@d.example", "5.0.0", NULL, false, "failed", NULL, "m5@s", 0);
	rowset_chain(rs);
}

static const struct group *
find(const struct group *g, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if ((key == NULL && g[i].key == NULL) ||
		    (key != NULL && g[i].key != NULL && strcmp(g[i].key, key) == 0))
			return &g[i];
	fail_msg("no group '%s'", key ? key : "(unknown)");
	abort();	/* not reached: fail_msg() leaves the test */
}

static void
test_chain(void **state)
{
	struct rowset rs = ROWSET_INIT;

	(void)state;
	fill(&rs);
	assert_true(rs.rows[0].superseded);
	assert_false(rs.rows[1].superseded);
	assert_int_equal(rs.rows[0].chain, rs.rows[1].chain);
	assert_int_equal(rs.rows[0].chain_len, 2);
	assert_int_not_equal(rs.rows[2].chain, rs.rows[3].chain);
	assert_int_equal(rs.rows[2].chain_len, 1);
	assert_int_equal(rs.nchains, 5);
	rowset_free(&rs);
}

/*
 * A success notice is no failure: never grouped, counted apart; a chain
 * that ended delivered counts as a success, not its earlier delay.
 */
static void
test_non_failures(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k = GROUP_KEY_REASON;

	(void)state;
	add_row(&rs, "erin@e.example", "2.0.0", "delivered", false, "delivered",
	    "250 2.0.0 Ok", "m6@s", T0);
	add_row(&rs, "frank@e.example", "5.2.2", "mailboxfull", false, "failed",
	    "552 5.2.2 full", "m7@s", T0);
	add_row(&rs, "gina@e.example", "4.4.1", "networkerror", false, "delayed",
	    "451 4.4.1 timed out", "m8@s", T0);
	add_row(&rs, "gina@e.example", "2.0.0", "delivered", false, "Relayed",
	    "relayed via non SMTP router", "m8@s", T0 + DAY);
	add_row(&rs, "hugo@e.example", "2.1.5", "delivered", false, "deliverable",
	    "250 2.1.5 Ok", "m9@s", T0);
	rowset_chain(&rs);
	assert_int_equal(group_build(&rs, NULL, 0, &k, 1, &g), STATUS_OK);
	assert_int_equal(g->n, 1);
	assert_string_equal(g->groups[0].key, "mailboxfull");
	assert_int_equal(g->groups[0].soft, 1);
	assert_int_equal(g->total, 1);
	assert_int_equal(g->successes, 3);
	grouping_free(g);
	rowset_free(&rs);
}

static void
test_by_reason(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k = GROUP_KEY_REASON;
	const struct group *u;
	size_t sum = 0;

	(void)state;
	fill(&rs);
	assert_int_equal(group_build(&rs, NULL, 0, &k, 1, &g), STATUS_OK);
	/* The superseded delay is not counted: 5 rows, not 6. */
	assert_int_equal(g->total, 5);
	for (size_t i = 0; i < g->n; i++)
		sum += g->groups[i].rows;
	assert_int_equal(sum, g->total);
	assert_int_equal(g->n, 3);
	u = &g->groups[0];
	assert_string_equal(u->key, "userunknown");
	assert_int_equal(u->rows, 3);
	assert_int_equal(u->recipients, 2);	/* alice, bob == BOB */
	assert_int_equal(u->hard, 3);
	assert_int_equal(u->soft, 0);
	assert_int_equal(u->first, T0 + DAY);
	assert_int_equal(u->last, T0 + 2 * DAY);
	assert_int_equal(u->ndays, 2);
	assert_string_equal(u->days[0].day, "2026-11-03");
	assert_int_equal(u->days[0].n, 2);
	assert_string_equal(u->days[1].day, "2026-11-04");
	assert_int_equal(u->days[1].n, 1);
	u = find(g->groups, g->n, "mailboxfull");
	assert_int_equal(u->soft, 1);
	/* Unknown sorts last and counts in neither hard nor soft. */
	u = &g->groups[g->n - 1];
	assert_null(u->key);
	assert_int_equal(u->rows, 1);
	assert_int_equal(u->hard + u->soft, 0);
	assert_int_equal(u->first, 0);
	grouping_free(g);
	rowset_free(&rs);
}

static void
test_two_levels(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k[2];
	size_t nk;
	const struct group *u;

	(void)state;
	fill(&rs);
	assert_int_equal(group_keys_parse("reason,domain", k, &nk), STATUS_OK);
	assert_int_equal(nk, 2);
	assert_int_equal(group_build(&rs, NULL, 0, k, nk, &g), STATUS_OK);
	for (size_t i = 0; i < g->n; i++) {
		size_t sum = 0;

		for (size_t s = 0; s < g->groups[i].nsub; s++) {
			sum += g->groups[i].sub[s].rows;
			assert_null(g->groups[i].sub[s].sub);
		}
		assert_int_equal(sum, g->groups[i].rows);
	}
	u = find(g->groups, g->n, "userunknown");
	assert_int_equal(u->nsub, 2);
	assert_string_equal(u->sub[0].key, "b.example");
	assert_int_equal(u->sub[0].rows, 2);
	assert_string_equal(u->sub[1].key, "a.example");
	grouping_free(g);
	rowset_free(&rs);
}

static void
test_template_and_subset(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k = GROUP_KEY_TEMPLATE;
	size_t idx[] = { 2, 3, 4 };

	(void)state;
	fill(&rs);
	assert_int_equal(group_build(&rs, NULL, 0, &k, 1, &g), STATUS_OK);
	/* alice, bob and BOB: one template; the rest apart. */
	assert_string_equal(g->groups[0].key, "550 5.1.1 <*@*>: user unknown");
	assert_int_equal(g->groups[0].rows, 3);
	grouping_free(g);
	k = GROUP_KEY_DOMAIN;
	assert_int_equal(group_build(&rs, idx, 3, &k, 1, &g), STATUS_OK);
	assert_int_equal(g->total, 3);
	assert_string_equal(g->groups[0].key, "b.example");
	assert_int_equal(g->groups[0].rows, 2);
	grouping_free(g);
	rowset_free(&rs);
}

static void
test_keys(void **state)
{
	enum group_key k[2];
	size_t n;
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;

	(void)state;
	assert_int_equal(group_keys_parse("day", k, &n), STATUS_OK);
	assert_int_equal(k[0], GROUP_KEY_DAY);
	assert_int_equal(group_keys_parse("mta,sender", k, &n), STATUS_OK);
	assert_int_equal(k[0], GROUP_KEY_REMOTE_MTA);
	assert_int_equal(k[1], GROUP_KEY_SENDER);
	assert_int_equal(group_keys_parse("nope", k, &n), STATUS_INVALID);
	assert_int_equal(group_keys_parse("reason,domain,day", k, &n), STATUS_INVALID);
	assert_int_equal(group_keys_parse("", k, &n), STATUS_INVALID);
	assert_int_equal(group_keys_parse("reason,", k, &n), STATUS_INVALID);
	for (int i = 0; i < GROUP_KEY_COUNT; i++)
		assert_int_equal(group_keys_parse(group_key_name((enum group_key)i), k, &n),
		    STATUS_OK);
	/* Empty input: no groups, nothing counted. */
	k[0] = GROUP_KEY_REASON;
	assert_int_equal(group_build(&rs, NULL, 0, k, 1, &g), STATUS_OK);
	assert_int_equal(g->n, 0);
	assert_int_equal(g->total, 0);
	grouping_free(g);
	assert_int_equal(group_build(&rs, NULL, 0, k, 0, &g), STATUS_INVALID);
}

static void
test_many(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k[2] = { GROUP_KEY_DOMAIN, GROUP_KEY_DAY };
	char rcpt[64], orig[64];
	clock_t t0;

	(void)state;
	for (int i = 0; i < 20000; i++) {
		snprintf(rcpt, sizeof(rcpt), "user%d@d%d.example", i, i % 500);
		snprintf(orig, sizeof(orig), "m%d@s", i);
		add_row(&rs, rcpt, "5.1.1", "userunknown", true, "failed", "550 user unknown",
		    orig, T0 + (i % 30) * DAY);
	}
	t0 = clock();
	rowset_chain(&rs);
	assert_int_equal(group_build(&rs, NULL, 0, k, 2, &g), STATUS_OK);
	assert_true(clock() - t0 < 2 * CLOCKS_PER_SEC);
	assert_int_equal(g->n, 500);
	assert_int_equal(g->total, 20000);
	assert_int_equal(g->groups[0].recipients, 40);
	grouping_free(g);
	rowset_free(&rs);
}

/* Keys in order, "-" for unknown, for comparing a whole level at once. */
static void
order(const struct group *g, size_t n, char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strncat(out, i ? " " : "", size - strlen(out) - 1);
		strncat(out, g[i].key ? g[i].key : "-", size - strlen(out) - 1);
	}
}

static void
test_sort(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct grouping *g;
	enum group_key k[2] = { GROUP_KEY_DOMAIN, GROUP_KEY_REASON };
	enum group_sort s;
	char o[256];

	(void)state;
	/* a: 3 rows (1 hard), b: 2 rows (2 hard), c: 1 row, newest, d: 2 rows, oldest, 2 rcpts. */
	add_row(&rs, "x@a.example", "5.2.2", "mailboxfull", false, "failed", "552", "1@s", T0 + DAY);
	add_row(&rs, "y@a.example", "5.2.2", "mailboxfull", false, "failed", "552", "2@s", T0 + DAY);
	add_row(&rs, "x@a.example", "5.1.1", "userunknown", true, "failed", "550", "3@s", T0 + DAY);
	add_row(&rs, "x@b.example", "5.1.1", "userunknown", true, "failed", "550", "4@s", T0 + 2 * DAY);
	add_row(&rs, "y@b.example", "5.1.1", "userunknown", true, "failed", "550", "5@s", T0 + 2 * DAY);
	add_row(&rs, "x@C.example", "4.2.2", "mailboxfull", false, "failed", "452", "6@s", T0 + 3 * DAY);
	add_row(&rs, "x@d.example", "4.2.2", "mailboxfull", false, "failed", "452", "7@s", T0);
	add_row(&rs, "y@d.example", "4.2.2", "mailboxfull", false, "failed", "452", "8@s", T0);
	add_row(&rs, NULL, "5.0.0", "other", false, "failed", "550", "9@s", T0 + 9 * DAY);
	rowset_chain(&rs);
	assert_int_equal(group_build(&rs, NULL, 0, k, 2, &g), STATUS_OK);
	/* Built by count: ties (b, d) by key; unknown (no domain) last. */
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example b.example d.example C.example -");
	grouping_sort(g, GROUP_SORT_HARD, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "b.example a.example d.example C.example -");
	grouping_sort(g, GROUP_SORT_HARD, false);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "d.example C.example a.example b.example -");
	grouping_sort(g, GROUP_SORT_LAST, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "C.example b.example a.example d.example -");
	grouping_sort(g, GROUP_SORT_NAME, false);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example b.example C.example d.example -");
	grouping_sort(g, GROUP_SORT_NAME, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "d.example C.example b.example a.example -");
	/* The second level follows: a's reasons by name, descending. */
	assert_string_equal(g->groups[3].key, "a.example");
	order(g->groups[3].sub, g->groups[3].nsub, o, sizeof(o));
	assert_string_equal(o, "userunknown mailboxfull");
	grouping_sort(g, GROUP_SORT_RECIPIENTS, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example b.example d.example C.example -");
	grouping_sort(g, GROUP_SORT_SOFT, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example d.example C.example b.example -");
	/* Sorting back by count gives the built order again. */
	grouping_sort(g, GROUP_SORT_ROWS, true);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example b.example d.example C.example -");
	/* Out of range and NULL change nothing. */
	grouping_sort(g, GROUP_SORT_COUNT, false);
	grouping_sort(NULL, GROUP_SORT_NAME, false);
	order(g->groups, g->n, o, sizeof(o));
	assert_string_equal(o, "a.example b.example d.example C.example -");
	grouping_free(g);
	rowset_free(&rs);

	/* Names, aliases, natural directions. */
	for (int i = 0; i < GROUP_SORT_COUNT; i++) {
		assert_int_equal(group_sort_parse(group_sort_name((enum group_sort)i), &s), STATUS_OK);
		assert_int_equal(s, i);
	}
	assert_int_equal(group_sort_parse("Share", &s), STATUS_OK);
	assert_int_equal(s, GROUP_SORT_ROWS);
	assert_int_equal(group_sort_parse("recent", &s), STATUS_OK);
	assert_int_equal(s, GROUP_SORT_LAST);
	assert_int_equal(group_sort_parse("date", &s), STATUS_NOT_FOUND);
	assert_int_equal(group_sort_parse("", &s), STATUS_NOT_FOUND);
	assert_true(group_sort_descending(GROUP_SORT_ROWS));
	assert_false(group_sort_descending(GROUP_SORT_NAME));
	assert_string_equal(group_sort_name(GROUP_SORT_COUNT), "");
}

/* Many groups with equal counts sort the same way whatever the input order. */
static void
test_sort_stable(void **state)
{
	struct rowset a = ROWSET_INIT, b = ROWSET_INIT;
	struct grouping *ga, *gb;
	enum group_key k = GROUP_KEY_DOMAIN;
	char rcpt[64];

	(void)state;
	for (int i = 0; i < 500; i++) {
		snprintf(rcpt, sizeof(rcpt), "u@d%03d.example", i);
		add_row(&a, rcpt, "5.1.1", "userunknown", true, "failed", "550", NULL, T0 + (i % 7) * DAY);
		snprintf(rcpt, sizeof(rcpt), "u@d%03d.example", 499 - i);
		add_row(&b, rcpt, "5.1.1", "userunknown", true, "failed", "550", NULL,
		    T0 + ((499 - i) % 7) * DAY);
	}
	rowset_chain(&a);
	rowset_chain(&b);
	assert_int_equal(group_build(&a, NULL, 0, &k, 1, &ga), STATUS_OK);
	assert_int_equal(group_build(&b, NULL, 0, &k, 1, &gb), STATUS_OK);
	for (int s = 0; s < GROUP_SORT_COUNT; s++) {
		grouping_sort(ga, (enum group_sort)s, s % 2 == 0);
		grouping_sort(gb, (enum group_sort)s, s % 2 == 0);
		for (size_t i = 0; i < ga->n; i++)
			assert_string_equal(ga->groups[i].key, gb->groups[i].key);
	}
	grouping_sort(ga, GROUP_SORT_LAST, true);
	assert_true(ga->groups[0].last >= ga->groups[ga->n - 1].last);
	assert_string_equal(ga->groups[0].key, "d006.example");
	grouping_free(ga);
	grouping_free(gb);
	rowset_free(&a);
	rowset_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_by_reason),
		cmocka_unit_test(test_non_failures),
		cmocka_unit_test(test_two_levels),
		cmocka_unit_test(test_template_and_subset),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_sort_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
