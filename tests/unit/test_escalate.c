/*
 * Unit tests for escalation (core/model/escalate.c) and which rows count
 * against an address (core/model/address.c): exactly count soft failures
 * on exactly days days escalate, one fewer of either does not; hard
 * failures, successes and errors are not soft; delays are; the domain's
 * case joins spellings, the local part's does not; every row of an
 * escalated address is marked; the config file's thresholds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/keys/config.h"
#include "core/model/address.h"
#include "core/model/escalate.h"
#include "core/model/filter.h"
#include "core/model/row.h"
#include "tests/unit/rows.h"

static struct row *
soft(struct rowset *rs, const char *rcpt, time_t when)
{
	return add_row(rs, rcpt, "4.2.2", "mailboxfull", false, "delayed",
	    "452 4.2.2 mailbox full", "m@s", when);
}

static void
test_exactly_the_thresholds(void **state)
{
	struct rowset rs = ROWSET_INIT;

	(void)state;
	/* 3 over 3 distinct days (T0, T0+1d, T0+2d 23:59): escalated. */
	soft(&rs, "a@x.example", T0);
	soft(&rs, "a@x.example", T0 + DAY);
	soft(&rs, "a@x.example", T0 + 3 * DAY - 1);
	/* 3 failures but on only 2 days: not. */
	soft(&rs, "b@x.example", T0);
	soft(&rs, "b@x.example", T0 + 60);
	soft(&rs, "b@x.example", T0 + DAY);
	/* 2 failures on 2 days with days = 2 but count = 3: not. */
	soft(&rs, "c@x.example", T0);
	soft(&rs, "c@x.example", T0 + DAY);
	rowset_chain(&rs);
	assert_int_equal(escalate_mark(&rs, 3, 3), 1);
	for (size_t i = 0; i < rs.n; i++)
		assert_int_equal(rs.rows[i].escalated, i < 3);
	/* Thresholds lowered: b (3 on 2 days) joins; c has only 2. */
	assert_int_equal(escalate_mark(&rs, 3, 2), 2);
	assert_true(rs.rows[3].escalated);
	assert_false(rs.rows[6].escalated);
	/* 0 means the defaults (3 and 3). */
	assert_int_equal(escalate_mark(&rs, 0, 0), 1);
	assert_true(rs.rows[0].escalated);
	assert_false(rs.rows[3].escalated);
	rowset_free(&rs);
}

static void
test_what_counts(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct row *r;

	(void)state;
	/* Two soft failures and a hard one on three days: hard is not soft. */
	soft(&rs, "h@x.example", T0);
	soft(&rs, "h@x.example", T0 + DAY);
	add_row(&rs, "h@x.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 no such user", "m2@s", T0 + 2 * DAY);
	/* A soft failure (a block), a delay and a full mailbox: all soft. */
	add_row(&rs, "d@x.example", "5.7.1", "blocked", false, "failed",
	    "550 5.7.1 blocked", "m3@s", T0);
	soft(&rs, "d@x.example", T0 + DAY);
	add_row(&rs, "d@x.example", "5.2.2", "mailboxfull", false, "failed",
	    "552 5.2.2 full", "m4@s", T0 + 2 * DAY);
	/* Successes, complaints and unreadable messages never count. */
	add_row(&rs, "s@x.example", "2.0.0", "delivered", false, "delivered", "250 ok",
	    "m5@s", T0);
	add_row(&rs, "s@x.example", "4.2.2", "mailboxfull", false, "relayed", "x",
	    "m6@s", T0 + DAY);
	add_row(&rs, "s@x.example", NULL, "feedback", false, NULL, NULL, "m7@s",
	    T0 + 2 * DAY);
	soft(&rs, "s@x.example", T0 + 3 * DAY);
	r = soft(&rs, "s@x.example", T0 + 4 * DAY);
	row_set(r, ROW_ERROR, "file missing");
	rowset_chain(&rs);
	assert_false(address_row_soft(&rs.rows[2]));
	assert_true(address_row_failure(&rs.rows[2]));
	assert_false(address_row_failure(&rs.rows[6]));
	assert_false(address_row_failure(&rs.rows[7]));
	assert_false(address_row_failure(&rs.rows[8]));
	assert_false(address_row_failure(&rs.rows[10]));
	assert_int_equal(escalate_mark(&rs, 3, 3), 1);
	for (size_t i = 0; i < 3; i++)
		assert_false(rs.rows[i].escalated);
	for (size_t i = 3; i < 6; i++)
		assert_true(rs.rows[i].escalated);
	assert_false(rs.rows[9].escalated);
	rowset_free(&rs);
}

static void
test_spellings_and_marks(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct filter *f;
	struct filter_error e;
	struct buf k = BUF_INIT;

	(void)state;
	address_key(&k, "Bob@Mail.EXAMPLE");
	assert_string_equal(k.data, "Bob@mail.example");
	buf_reset(&k);
	address_key(&k, "no-at-sign");
	assert_string_equal(k.data, "no-at-sign");
	buf_free(&k);
	/* One address in three spellings of its domain. */
	soft(&rs, "bob@X.example", T0);
	soft(&rs, "bob@x.EXAMPLE", T0 + DAY);
	soft(&rs, "bob@x.example", T0 + 2 * DAY);
	/* The local part's case makes another address: 2 + 1, not escalated. */
	soft(&rs, "eve@x.example", T0);
	soft(&rs, "eve@x.example", T0 + DAY);
	soft(&rs, "EVE@x.example", T0 + 2 * DAY);
	/* A hard failure of an escalated address is marked too. */
	add_row(&rs, "bob@x.example", "5.1.1", "userunknown", true, "failed", "550",
	    "m9@s", T0 + 3 * DAY);
	/* No dates: count, but no days. */
	soft(&rs, "nodate@x.example", 0);
	soft(&rs, "nodate@x.example", 0);
	soft(&rs, "nodate@x.example", 0);
	rowset_chain(&rs);
	assert_int_equal(escalate_mark(&rs, 3, 3), 1);
	assert_true(rs.rows[0].escalated && rs.rows[1].escalated && rs.rows[2].escalated);
	assert_true(rs.rows[6].escalated);
	assert_false(rs.rows[3].escalated || rs.rows[5].escalated || rs.rows[7].escalated);
	assert_int_equal(escalate_mark(&rs, 3, 1), 1);
	assert_false(rs.rows[7].escalated);
	/* The filter. */
	assert_int_equal(escalate_mark(&rs, 3, 3), 1);
	assert_int_equal(filter_compile("escalated:yes", T0, &f, &e), STATUS_OK);
	assert_true(filter_match(f, &rs.rows[6]));
	assert_false(filter_match(f, &rs.rows[3]));
	filter_free(f);
	assert_int_equal(filter_compile("-escalated:YES and domain:x.example", T0, &f, &e),
	    STATUS_OK);
	assert_false(filter_match(f, &rs.rows[0]));
	assert_true(filter_match(f, &rs.rows[3]));
	filter_free(f);
	assert_int_equal(filter_compile("escalated:no", T0, &f, &e), STATUS_OK);
	assert_true(filter_match(f, &rs.rows[3]));
	filter_free(f);
	assert_int_equal(filter_compile("escalated:maybe", T0, &f, &e), STATUS_SYNTAX);
	assert_string_equal(e.msg, "expected yes or no after 'escalated:'");
	assert_int_equal(e.pos, 10);
	rowset_free(&rs);
}

static void
test_config(void **state)
{
	struct config *c;

	(void)state;
	c = config_parse("cfg", "escalate.count = 5\nescalate.days = 2\n");
	assert_int_equal(c->ndiag, 0);
	assert_int_equal(c->escalate_count, 5);
	assert_int_equal(c->escalate_days, 2);
	config_free(c);
	c = config_parse("cfg", "escalate.count = 0\nescalate.days = lots\n");
	assert_int_equal(c->ndiag, 2);
	assert_string_equal(c->diag[0], "cfg:1: escalate.count: '0' is not a number from 1 to 100000");
	assert_string_equal(c->diag[1], "cfg:2: escalate.days: 'lots' is not a number from 1 to 100000");
	assert_int_equal(c->escalate_count, 0);
	assert_int_equal(c->escalate_days, 0);
	config_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exactly_the_thresholds),
		cmocka_unit_test(test_what_counts),
		cmocka_unit_test(test_spellings_and_marks),
		cmocka_unit_test(test_config),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
