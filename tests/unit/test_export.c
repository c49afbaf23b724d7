/*
 * Unit tests for export (core/model/export.c): one record per address
 * (domain case folded), only failures counted, the latest failure's
 * fields, first/last seen, --hard and --escalated, the order; RFC 4180
 * quoting with hostile diagnostics (commas, quotes, CR/LF, escape
 * sequences, bidi overrides, invalid UTF-8, formula starts); JSON Lines
 * read back with jansson.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "core/model/escalate.h"
#include "core/model/export.h"
#include "core/model/row.h"
#include "core/shared/utf8.h"
#include "tests/unit/rows.h"

static void
fill(struct rowset *rs)
{
	/* bob: delay, then a hard failure, then (other spelling) a later soft one. */
	add_row(rs, "bob@B.example", "4.4.1", "expired", false, "delayed",
	    "451 4.4.1 timed out", "m1@s", T0);
	add_row(rs, "bob@b.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 no such user", "m1@s", T0 + DAY);
	add_row(rs, "bob@b.EXAMPLE", "5.2.2", "mailboxfull", false, "failed",
	    "552 5.2.2 full", "m2@s", T0 + 2 * DAY);
	/* alice: one hard failure, listed after bob but sorted first. */
	add_row(rs, "alice@a.example", "5.1.1", "userunknown", true, "failed",
	    "550 5.1.1 gone", "m3@s", T0 + DAY);
	/* carol: only a success and a complaint: no record. */
	add_row(rs, "carol@c.example", "2.0.0", "delivered", false, "delivered", "250",
	    "m4@s", T0);
	add_row(rs, "carol@c.example", NULL, "feedback", false, NULL, NULL, "m5@s", T0);
	add_row(rs, "carol@c.example", "2.0.0", "undefined", false, "expanded", NULL,
	    "m6@s", T0);
	/* Bob (local part's case): another address; no date, no reason. */
	add_row(rs, "Bob@b.example", "5.0.0", NULL, false, "failed", NULL, "m7@s", 0);
	rowset_chain(rs);
	escalate_mark(rs, 3, 3);
}

/* The record of addr; an empty one (address "") when there is none. */
static const struct export_record *
find(const struct export_set *s, const char *addr)
{
	static char none_addr[] = "";
	static const struct export_record none = { .address = none_addr };

	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->rec[i].address, addr) == 0)
			return &s->rec[i];
	return &none;
}

static void
test_aggregate(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct export_set s = EXPORT_SET_INIT;
	const struct export_record *e;

	(void)state;
	fill(&rs);
	export_collect(&rs, NULL, 0, 0, &s);
	assert_int_equal(s.n, 3);
	/* Sorted by bytes: upper case first. */
	assert_string_equal(s.rec[0].address, "Bob@b.example");
	assert_string_equal(s.rec[1].address, "alice@a.example");
	assert_string_equal(s.rec[2].address, "bob@b.example");
	e = find(&s, "bob@b.example");
	assert_string_equal(e->address, "bob@b.example");
	assert_int_equal(e->count, 3);
	assert_int_equal(e->first, T0);
	assert_int_equal(e->last, T0 + 2 * DAY);
	/* The latest failure is the soft one after the hard one. */
	assert_string_equal(e->reason, "mailboxfull");
	assert_string_equal(e->status, "5.2.2");
	assert_string_equal(e->diagnostic, "552 5.2.2 full");
	assert_false(e->hard);
	/* 3 soft failures?  No: one of them is hard, so not escalated. */
	assert_false(e->escalated);
	e = find(&s, "Bob@b.example");
	assert_int_equal(e->count, 1);
	assert_null(e->reason);
	assert_int_equal(e->first, 0);
	assert_string_equal(find(&s, "carol@c.example")->address, "");
	export_set_free(&s);

	/* --hard: the latest failure must be hard, so only alice. */
	export_collect(&rs, NULL, 0, EXPORT_HARD, &s);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.rec[0].address, "alice@a.example");
	export_set_free(&s);

	/* A selection: rows 0 and 1 only; bob's latest is then the hard one. */
	{
		size_t idx[] = { 0, 1, 99 };

		export_collect(&rs, idx, 3, EXPORT_HARD, &s);
		assert_int_equal(s.n, 1);
		assert_int_equal(s.rec[0].count, 2);
		assert_string_equal(s.rec[0].reason, "userunknown");
		export_set_free(&s);
	}
	rowset_free(&rs);
}

static void
test_escalated(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct export_set s = EXPORT_SET_INIT;
	struct buf out = BUF_INIT;

	(void)state;
	fill(&rs);
	add_row(&rs, "dan@d.example", "4.2.2", "mailboxfull", false, "delayed", "x", "m8@s", T0);
	add_row(&rs, "dan@d.example", "4.2.2", "mailboxfull", false, "delayed", "x", "m8@s",
	    T0 + DAY);
	add_row(&rs, "dan@D.example", "4.2.2", "mailboxfull", false, "failed", "x", "m8@s",
	    T0 + 2 * DAY);
	rowset_chain(&rs);
	escalate_mark(&rs, 3, 3);
	export_collect(&rs, NULL, 0, EXPORT_ESCALATED, &s);
	export_write(&out, &s, EXPORT_PLAIN);
	assert_string_equal(out.data, "dan@d.example\n");
	buf_free(&out);
	export_set_free(&s);
	rowset_free(&rs);
}

/* Parses one CSV record of RFC 4180 at *p (advanced past its CRLF). */
static size_t
csv_record(const char **p, char fields[][512], size_t max)
{
	size_t n = 0, len = 0;
	bool quoted = false;
	const char *s = *p;

	fields[0][0] = '\0';
	for (;; s++) {
		if (quoted) {
			assert_true(*s != '\0');
			if (*s == '"' && s[1] == '"') {
				fields[n][len++] = '"';
				s++;
			} else if (*s == '"') {
				quoted = false;
			} else
				fields[n][len++] = *s;
		} else if (*s == '"') {
			assert_int_equal(len, 0);
			quoted = true;
		} else if (*s == ',' || (*s == '\r' && s[1] == '\n')) {
			fields[n][len] = '\0';
			n++;
			assert_true(n <= max);
			len = 0;
			if (*s == '\r') {
				*p = s + 2;
				return n;
			}
			fields[n][0] = '\0';
		} else {
			/* Outside quotes no CR, LF or quote may appear. */
			assert_true(*s != '\0' && *s != '\r' && *s != '\n');
			fields[n][len++] = *s;
		}
		assert_true(len < 511);
	}
}

static void
test_csv_hostile(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct export_set s = EXPORT_SET_INIT;
	struct buf out = BUF_INIT;
	char f[9][512];
	const char *p;

	(void)state;
	add_row(&rs, "q@x.example", "5.7.1", "blocked", false, "failed",
	    "550 \"quoted\", with a comma\r\nand a second line", "m1@s", T0);
	add_row(&rs, "esc@x.example", "5.7.1", "blocked", false, "failed",
	    "550 \033[31mred\033[0m \342\200\256gnp.exe \377\376 bell\007 nul-free", "m2@s", T0);
	add_row(&rs, "f@x.example", "5.7.1", "spamdetected", false, "failed",
	    "=HYPERLINK(\"http://evil.example\")", "m3@s", T0);
	add_row(&rs, "evil\033]0;t\007@x.example", "5.1.1", "userunknown", true, "failed",
	    "-1+1", "m4@s", T0 + 61);
	rowset_chain(&rs);
	export_collect(&rs, NULL, 0, 0, &s);
	export_write(&out, &s, EXPORT_CSV);
	assert_true(utf8_valid(out.data, out.len));
	/* No raw control byte but the CRLFs that end records. */
	for (size_t i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.data[i];

		if (c == '\r') {
			assert_int_equal(out.data[i + 1], '\n');
			i++;
			continue;
		}
		assert_true(c >= 0x20 && c != 0x7f);
	}
	p = out.data;
	assert_int_equal(csv_record(&p, f, 8), 8);
	assert_string_equal(f[0], "address");
	assert_string_equal(f[7], "diagnostic");
	/* Sorted: esc@, evil\e]0;t\x07@, f@, q@. */
	assert_int_equal(csv_record(&p, f, 8), 8);
	assert_string_equal(f[0], "esc@x.example");
	assert_string_equal(f[7], "550 \\e[31mred\\e[0m <U+202E>gnp.exe \\xff\\xfe bell\\x07 nul-free");
	assert_int_equal(csv_record(&p, f, 8), 8);
	assert_string_equal(f[0], "evil\\e]0;t\\x07@x.example");
	assert_string_equal(f[1], "userunknown");
	assert_string_equal(f[2], "5.1.1");
	assert_string_equal(f[3], "yes");
	assert_string_equal(f[4], "1");
	assert_string_equal(f[5], "2026-11-02T00:01:01Z");
	assert_string_equal(f[6], "2026-11-02T00:01:01Z");
	assert_string_equal(f[7], "'-1+1");
	assert_int_equal(csv_record(&p, f, 8), 8);
	assert_string_equal(f[7], "'=HYPERLINK(\"http://evil.example\")");
	assert_int_equal(csv_record(&p, f, 8), 8);
	assert_string_equal(f[0], "q@x.example");
	assert_string_equal(f[3], "no");
	assert_string_equal(f[7], "550 \"quoted\", with a comma  and a second line");
	assert_int_equal(*p, '\0');
	/* The quoting itself, byte for byte. */
	assert_non_null(strstr(out.data, ",\"550 \"\"quoted\"\", with a comma  and a second line\"\r\n"));
	buf_free(&out);

	/* A field that needs no quotes gets none; empty and NULL are empty. */
	export_csv_field(&out, "plain");
	export_csv_field(&out, NULL);
	export_csv_field(&out, "");
	export_csv_field(&out, "a,b");
	assert_string_equal(out.data, "plain\"a,b\"");
	buf_free(&out);
	export_set_free(&s);
	rowset_free(&rs);
}

static void
test_json_lines(void **state)
{
	struct rowset rs = ROWSET_INIT;
	struct export_set s = EXPORT_SET_INIT;
	struct buf out = BUF_INIT;
	const char *line, *nl;
	size_t n = 0;
	static const char *const keys[] = { "address", "reason", "status", "hard", "count",
	    "first_seen", "last_seen", "diagnostic" };

	(void)state;
	fill(&rs);
	add_row(&rs, "z@x.example", "5.7.1", "blocked", false, "failed",
	    "550 \033[31m\"red\"\n\377", "m9@s", T0);
	rowset_chain(&rs);
	export_collect(&rs, NULL, 0, 0, &s);
	export_write(&out, &s, EXPORT_JSON);
	assert_true(utf8_valid(out.data, out.len));
	for (line = out.data; (nl = strchr(line, '\n')) != NULL; line = nl + 1, n++) {
		json_error_t err;
		json_t *o = json_loadb(line, (size_t)(nl - line), 0, &err);
		const char *k;
		json_t *v;
		size_t i = 0;

		assert_non_null(o);
		assert_int_equal(json_object_size(o), 8);
		json_object_foreach(o, k, v) {
			assert_string_equal(k, keys[i]);
			i++;
		}
		for (const char *c = line; c < nl; c++)
			assert_true((unsigned char)*c >= 0x20);
		if (n == 0) {
			/* Bob@b.example: no reason, so hard and dates are null. */
			assert_true(json_is_null(json_object_get(o, "hard")));
			assert_true(json_is_null(json_object_get(o, "first_seen")));
			assert_int_equal(json_integer_value(json_object_get(o, "count")), 1);
		}
		if (n == 2) {
			assert_string_equal(json_string_value(json_object_get(o, "address")),
			    "bob@b.example");
			assert_int_equal(json_integer_value(json_object_get(o, "count")), 3);
			assert_true(json_is_false(json_object_get(o, "hard")));
			assert_string_equal(json_string_value(json_object_get(o, "first_seen")),
			    "2026-11-02T00:00:00Z");
			assert_string_equal(json_string_value(json_object_get(o, "last_seen")),
			    "2026-11-04T00:00:00Z");
		}
		if (n == 3)
			assert_string_equal(json_string_value(json_object_get(o, "diagnostic")),
			    "550 \033[31m\"red\"\n\357\277\275");
		json_decref(o);
	}
	assert_int_equal(n, 4);
	assert_int_equal(*line, '\0');
	buf_free(&out);
	export_set_free(&s);
	rowset_free(&rs);
}

static void
test_formats(void **state)
{
	enum export_format f;

	(void)state;
	assert_int_equal(export_format_parse("CSV", &f), STATUS_OK);
	assert_int_equal(f, EXPORT_CSV);
	assert_int_equal(export_format_parse("json", &f), STATUS_OK);
	assert_int_equal(f, EXPORT_JSON);
	assert_int_equal(export_format_parse("plain", &f), STATUS_OK);
	assert_int_equal(f, EXPORT_PLAIN);
	assert_int_equal(export_format_parse("xml", &f), STATUS_INVALID);
	assert_string_equal(export_format_name(EXPORT_CSV), "csv");
	assert_null(export_format_name(EXPORT_FORMAT_COUNT));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_escalated),
		cmocka_unit_test(test_csv_hostile),
		cmocka_unit_test(test_json_lines),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
