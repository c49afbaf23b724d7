/*
 * Unit tests for the filter language (core/model/filter.c): every field, globs,
 * negation, and/or precedence, parentheses, quoting, dates, the errors
 * (position and what was expected) and hostile input.
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

#include "core/model/filter.h"
#include "core/model/row.h"
#include "core/shared/buf.h"

/* 2026-11-28T12:00:00Z */
#define NOW ((time_t)1795867200)

static struct row
mkrow(const char *rcpt, const char *status, const char *reason, bool hard,
    const char *action, const char *diag, time_t date)
{
	struct row r;

	memset(&r, 0, sizeof(r));
	row_set(&r, ROW_RECIPIENT, rcpt);
	if (rcpt != NULL && strchr(rcpt, '@') != NULL)
		row_set(&r, ROW_DOMAIN, strchr(rcpt, '@') + 1);
	row_set(&r, ROW_STATUS, status);
	row_set(&r, ROW_REASON, reason);
	row_set(&r, ROW_ACTION, action);
	row_set(&r, ROW_DIAGNOSTIC, diag);
	row_set(&r, ROW_REMOTE_MTA, "dns; mx1.mail.example.com");
	row_set(&r, ROW_REPORTING_MTA, "dns; out.example.org");
	row_set(&r, ROW_ORIG_FROM, "Alice Sender <alice@sender.example>");
	row_set(&r, ROW_REPLY_CODE, "550");
	r.kind = BOUNCE_KIND_DSN;
	r.hard = hard;
	r.date = date;
	return r;
}

static bool
m(const char *expr, const struct row *r)
{
	struct filter *f = NULL;
	struct filter_error e;
	bool ok;

	if (filter_compile(expr, NOW, &f, &e) != STATUS_OK)
		fail_msg("'%s' did not compile: %zu: %s", expr, e.pos, e.msg);
	ok = filter_match(f, r);
	filter_free(f);
	return ok;
}

/* filter_shows_successes() of expr. */
static bool
asks(const char *expr)
{
	struct filter *f = NULL;
	struct filter_error e;
	bool ok;

	if (filter_compile(expr, NOW, &f, &e) != STATUS_OK)
		fail_msg("'%s' did not compile: %zu: %s", expr, e.pos, e.msg);
	ok = filter_shows_successes(f);
	filter_free(f);
	return ok;
}

static void
expect_error(const char *expr, size_t pos, const char *needle)
{
	struct filter *f = (struct filter *)1;
	struct filter_error e;

	if (filter_compile(expr, NOW, &f, &e) != STATUS_SYNTAX)
		fail_msg("'%s' compiled", expr);
	assert_null(f);
	if (e.pos != pos || strstr(e.msg, needle) == NULL)
		fail_msg("'%s': got %zu '%s', want %zu '%s'", expr, e.pos, e.msg, pos, needle);
}

static void
test_glob(void **state)
{
	(void)state;
	assert_true(filter_glob("5.1.*", "5.1.1"));
	assert_true(filter_glob("5.1.*", "5.1.10"));
	assert_false(filter_glob("5.1.*", "5.2.1"));
	assert_true(filter_glob("*.example.com", "mx.EXAMPLE.com"));
	assert_false(filter_glob("*.example.com", "example.com"));
	assert_true(filter_glob("?.?.?", "4.4.1"));
	assert_false(filter_glob("?.?.?", "4.4.10"));
	assert_true(filter_glob("*", ""));
	assert_true(filter_glob("a*b*c", "aXXbYYc"));
	assert_false(filter_glob("a*b*c", "aXXbYY"));
}

static void
test_fields(void **state)
{
	struct row r = mkrow("bob@mail.example.com", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 <bob@mail.example.com>: User unknown", NOW - 3600);

	(void)state;
	assert_true(m("status:5.1.*", &r));
	assert_false(m("status:5.2.*", &r));
	assert_false(m("status:5.1", &r));		/* whole value */
	assert_true(m("domain:*.example.com", &r));
	assert_true(m("domain:MAIL.example.com", &r));
	assert_false(m("domain:example.com", &r));
	assert_true(m("reason:userunknown", &r));
	assert_false(m("reason:mailboxfull", &r));
	assert_true(m("action:failed", &r));
	assert_true(m("hard:yes", &r));
	assert_false(m("hard:no", &r));
	assert_true(m("code:5*", &r));
	assert_true(m("mta:mx1", &r));			/* remote */
	assert_true(m("mta:out.example.org", &r));	/* reporting */
	assert_true(m("remote:mx1.mail", &r));
	assert_false(m("remote:out.example", &r));
	assert_true(m("from:alice@sender", &r));
	assert_true(m("kind:dsn", &r));
	assert_true(m("recipient:bob@", &r));
	assert_true(m("diag:\"user unknown\"", &r));
	assert_false(m("-\"user unknown\"", &r));
	assert_true(m("-\"no such\"", &r));
	assert_true(m("bob", &r));			/* bare word: recipient */
	assert_true(m("UNKNOWN", &r));			/* bare word: diagnostic */
	assert_false(m("carol", &r));
	assert_true(m("b*@mail.*", &r));		/* bare glob: whole value */
	row_clear(&r);
}

static void
test_unknown_values(void **state)
{
	struct row r = mkrow("x@y.example", "4.4.1", NULL, false, "delayed", NULL, 0);

	(void)state;
	/* Unclassified rows are neither hard nor soft, and read "unknown". */
	assert_false(m("hard:yes", &r));
	assert_false(m("hard:no", &r));
	assert_true(m("reason:unknown", &r));
	assert_false(m("diag:anything", &r));
	/* Rows without a date match no date condition. */
	assert_false(m("since:7d", &r));
	assert_false(m("until:2030-01-01", &r));
	row_clear(&r);
}

static void
test_boolean(void **state)
{
	struct row r = mkrow("bob@example.net", "5.1.1", "userunknown", true, "failed",
	    "no such user", NOW);

	(void)state;
	assert_true(m("status:5.1.1 reason:userunknown", &r));	/* implicit and */
	assert_true(m("status:5.1.1 and reason:userunknown", &r));
	assert_false(m("status:5.1.1 and reason:blocked", &r));
	assert_true(m("reason:blocked or status:5.1.1", &r));
	assert_true(m("-reason:blocked", &r));
	assert_false(m("-reason:userunknown", &r));
	assert_true(m("not reason:blocked", &r));
	assert_true(m("NOT reason:blocked AND hard:yes", &r));
	/* and binds tighter than or. */
	assert_true(m("reason:blocked and hard:no or status:5.1.1", &r));
	assert_false(m("reason:blocked and (hard:no or status:5.1.1)", &r));
	assert_true(m("(reason:blocked or reason:userunknown) -action:delayed", &r));
	assert_true(m("not not status:5.1.1", &r));
	assert_true(m("", &r));
	assert_true(m("   ", &r));
	row_clear(&r);
}

static void
test_dates(void **state)
{
	struct row old = mkrow("a@x.example", "5.1.1", "userunknown", true, "failed", "",
	    NOW - 10 * 86400);
	struct row recent = mkrow("a@x.example", "5.1.1", "userunknown", true, "failed", "",
	    NOW - 3600);
	/* 2026-11-01T23:59:59Z and 2026-11-02T00:00:00Z */
	struct row day_end = mkrow("a@x.example", NULL, NULL, false, NULL, NULL, 1793577599);
	struct row next_day = mkrow("a@x.example", NULL, NULL, false, NULL, NULL, 1793577600);

	(void)state;
	assert_false(m("since:7d", &old));
	assert_true(m("since:7d", &recent));
	assert_true(m("since:2w", &old));
	assert_true(m("since:2h", &recent));
	assert_false(m("since:30min", &recent));
	assert_true(m("until:7d", &old));
	assert_false(m("until:7d", &recent));
	/* until: includes the whole named day. */
	assert_true(m("until:2026-11-01", &day_end));
	assert_false(m("until:2026-11-01", &next_day));
	assert_true(m("since:2026-11-02", &next_day));
	assert_false(m("since:2026-11-02", &day_end));
	assert_true(m("since:2026-11-01T23:59:59Z until:2026-11-02T00:00", &day_end));
	row_clear(&old);
	row_clear(&recent);
	row_clear(&day_end);
	row_clear(&next_day);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("status:5.1.* and (domain:x", 26, "expected ')'");
	expect_error("foo:bar", 0, "unknown field 'foo'");
	expect_error("status:", 7, "expected a value");
	expect_error("status:5.1.1 and", 16, "expected a term");
	expect_error("or status:5.1.1", 0, "expected a term before 'or'");
	expect_error("status:5.1.1)", 12, "unexpected ')'");
	expect_error("()", 1, "unexpected ')'");
	expect_error("hard:maybe", 5, "expected yes or no");
	expect_error("since:yesterday", 6, "expected a date");
	expect_error("until:2026-13-45", 6, "expected a date");
	expect_error("diag:\"open", 5, "unterminated");
	expect_error("not", 3, "expected a term");
	expect_error("-", 0, "expected a term");
}

/* Success rows pass only a filter that asks for them. */
static void
test_successes(void **state)
{
	struct row ok = mkrow("ok@x.example", "2.0.0", "delivered", false, "delivered",
	    "250 2.0.0 Ok", NOW);
	struct row bad = mkrow("no@x.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 unknown", NOW);
	struct filter *f = NULL;
	struct filter_error e;

	(void)state;
	assert_true(row_is_success(&ok));
	assert_false(row_is_success(&bad));
	assert_true(m("success:yes", &ok));
	assert_false(m("success:yes", &bad));
	assert_true(m("success:no", &bad));
	assert_false(m("success:no", &ok));
	assert_true(asks("success:yes"));
	assert_true(asks("-success:no"));
	assert_true(asks("action:delivered"));
	assert_true(asks("action:RELAY*"));
	assert_true(asks("domain:x.example and (action:expanded or hard:yes)"));
	assert_false(asks(""));
	assert_false(asks("success:no"));
	assert_false(asks("-success:yes"));
	assert_false(asks("action:failed"));
	assert_false(asks("-action:delayed"));
	assert_false(asks("not (action:delivered)"));
	assert_false(asks("delivered"));
	assert_false(filter_shows_successes(NULL));
	/* filter_keep: the empty filter keeps failures only. */
	assert_false(filter_keep(NULL, &ok));
	assert_true(filter_keep(NULL, &bad));
	assert_int_equal(filter_compile("action:deliv*", NOW, &f, &e), STATUS_OK);
	assert_true(filter_keep(f, &ok));
	assert_false(filter_keep(f, &bad));
	filter_free(f);
	expect_error("success:maybe", 8, "expected yes or no after 'success:'");
	row_clear(&ok);
	row_clear(&bad);
}

static void
test_hostile(void **state)
{
	struct buf b = BUF_INIT;
	struct filter *f;
	struct filter_error e;
	struct row r = mkrow("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@x.example",
	    NULL, NULL, false, NULL, NULL, 0);
	clock_t t0;

	(void)state;
	/* Deep nesting is refused with a message, not a stack overflow. */
	for (int i = 0; i < 2000; i++)
		buf_addc(&b, '(');
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_SYNTAX);
	assert_non_null(strstr(e.msg, "nested too deeply"));
	buf_reset(&b);
	for (int i = 0; i < 1000; i++)
		buf_adds(&b, "not ");
	buf_adds(&b, "x");
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_SYNTAX);
	/* Nesting just inside the limit works. */
	buf_reset(&b);
	for (int i = 0; i < FILTER_MAX_DEPTH - 2; i++)
		buf_addc(&b, '(');
	buf_adds(&b, "x");
	for (int i = 0; i < FILTER_MAX_DEPTH - 2; i++)
		buf_addc(&b, ')');
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_OK);
	filter_free(f);
	/* Over-long input is refused. */
	buf_reset(&b);
	for (int i = 0; i < FILTER_MAX_LEN + 1; i++)
		buf_addc(&b, 'a');
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_SYNTAX);
	/* A glob built to make naive matchers backtrack stays fast. */
	buf_reset(&b);
	buf_adds(&b, "recipient:");
	for (int i = 0; i < 30; i++)
		buf_adds(&b, "*a");
	buf_adds(&b, "*b");
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_OK);
	t0 = clock();
	for (int i = 0; i < 1000; i++)
		assert_false(filter_match(f, &r));
	assert_true(clock() - t0 < CLOCKS_PER_SEC);
	filter_free(f);
	/* Many terms: linear compile. */
	buf_reset(&b);
	for (int i = 0; i < 400; i++)
		buf_adds(&b, "a or ");
	buf_adds(&b, "x.example");
	assert_int_equal(filter_compile(b.data, NOW, &f, &e), STATUS_OK);
	assert_true(filter_match(f, &r));
	filter_free(f);
	buf_free(&b);
	row_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_unknown_values),
		cmocka_unit_test(test_boolean),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_successes),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
