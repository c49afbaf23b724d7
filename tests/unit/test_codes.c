/*
 * Unit tests for core/codes*: the lookup rules (exact, unknown detail ->
 * subject, unknown subject -> class), reply codes, class/reply mismatch
 * notes, provider recognition and provider meanings, bad input, the JSON
 * contract, the generated man page, and the tables against the reference
 * lists vendored in tests/data/reference/ (every row present, every text
 * written, no two codes sharing a text unless documented as equivalent).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/knowledge/codes.h"
#include "core/shared/buf.h"

#define REF "tests/data/reference/"

static bool
has_note(const struct codes_explanation *ex, const char *word)
{
	for (size_t i = 0; i < ex->nnotes; i++)
		if (strstr(ex->notes[i], word) != NULL)
			return true;
	return false;
}

static void
explain_ok(const char *status, const char *reply, const struct codes_context *ctx,
    struct codes_explanation *ex)
{
	assert_int_equal(codes_explain(status, reply, ctx, ex), STATUS_OK);
	assert_non_null(ex->entry);
	assert_non_null(ex->title);
	assert_non_null(ex->explanation);
	assert_non_null(ex->advice);
	assert_non_null(ex->class_title);
}

static void
test_exact(void **state)
{
	struct codes_explanation ex;

	(void)state;
	explain_ok("5.1.1", NULL, NULL, &ex);
	assert_string_equal(ex.code, "5.1.1");
	assert_string_equal(ex.entry->code, "X.1.1");
	assert_string_equal(ex.title, "Bad destination mailbox address");
	assert_string_equal(ex.class_title, "Permanent Failure");
	assert_string_equal(ex.subject_title, "Addressing Status");
	assert_true(ex.permanent);
	assert_true(ex.registered);
	assert_int_equal(ex.side, CODES_SIDE_RECIPIENT);
	assert_int_equal(ex.retry, CODES_RETRY_NEVER);
	assert_int_equal(ex.nnotes, 0);
	assert_string_equal(ex.reply_code, "");

	explain_ok("4.2.2", NULL, NULL, &ex);
	assert_string_equal(ex.title, "Mailbox full");
	assert_string_equal(ex.class_title, "Persistent Transient Failure");
	assert_false(ex.permanent);

	/* Three-digit details and the newest registrations. */
	explain_ok("5.1.10", NULL, NULL, &ex);
	assert_string_equal(ex.title, "Recipient address has null MX");
	explain_ok("5.7.30", NULL, NULL, &ex);
	assert_string_equal(ex.title, "REQUIRETLS support required");
}

static void
test_class_changes_retry(void **state)
{
	struct codes_explanation ex;

	(void)state;
	/* The same row: permanent as 5.1.1, worth waiting for as 4.1.1. */
	explain_ok("4.1.1", NULL, NULL, &ex);
	assert_int_equal(ex.retry, CODES_RETRY_WAIT);
	assert_false(ex.permanent);
	explain_ok("5.7.1", NULL, NULL, &ex);
	assert_int_equal(ex.retry, CODES_RETRY_FIX);
	explain_ok("4.7.1", "451", NULL, &ex);	/* greylisting */
	assert_int_equal(ex.retry, CODES_RETRY_WAIT);
	/* A row written for class 4 keeps its own advice on retrying. */
	explain_ok("4.7.12", NULL, NULL, &ex);
	assert_int_equal(ex.retry, CODES_RETRY_FIX);
	/* A class row: 4.X.X itself says wait. */
	explain_ok("4.9.1", NULL, NULL, &ex);
	assert_int_equal(ex.retry, CODES_RETRY_WAIT);
	/* A success is nobody's problem and needs no retry. */
	explain_ok("2.1.5", NULL, NULL, &ex);
	assert_int_equal(ex.side, CODES_SIDE_NONE);
	assert_int_equal(ex.retry, CODES_RETRY_NONE);
	assert_string_equal(ex.class_title, "Success");
	/* Registered, but not for this class. */
	explain_ok("4.1.3", NULL, NULL, &ex);
	assert_true(ex.registered);
	assert_true(has_note(&ex, "not list this code for use with this class"));
}

static void
test_fallback_detail_to_subject(void **state)
{
	struct codes_explanation ex;

	(void)state;
	explain_ok("5.1.99", NULL, NULL, &ex);
	assert_string_equal(ex.entry->code, "X.1.X");
	assert_string_equal(ex.title, "Addressing Status");
	assert_string_equal(ex.subject_title, "Addressing Status");
	assert_false(ex.registered);
	assert_true(ex.permanent);
	assert_true(has_note(&ex, "meaning shown is that of its subject"));

	explain_ok("4.7.612", NULL, NULL, &ex);
	assert_string_equal(ex.entry->code, "X.7.X");
	assert_false(ex.registered);
	assert_false(ex.permanent);
}

static void
test_fallback_subject_to_class(void **state)
{
	struct codes_explanation ex;

	(void)state;
	explain_ok("5.8.1", NULL, NULL, &ex);
	assert_string_equal(ex.entry->code, "5.X.X");
	assert_null(ex.subject_title);
	assert_false(ex.registered);
	assert_true(has_note(&ex, "only the"));

	/* Sisimai's invented codes must not pass for standard ones. */
	explain_ok("4.9.123", NULL, NULL, &ex);
	assert_string_equal(ex.entry->code, "4.X.X");
	assert_true(has_note(&ex, "not standard"));
	explain_ok("5.0.911", NULL, NULL, &ex);
	assert_string_equal(ex.entry->code, "X.0.X");
	assert_true(has_note(&ex, "not standard"));
}

static void
test_reply_codes(void **state)
{
	struct codes_explanation ex;

	(void)state;
	explain_ok(NULL, "550", NULL, &ex);
	assert_string_equal(ex.code, "550");
	assert_string_equal(ex.reply_code, "550");
	assert_string_equal(ex.class_title, "Permanent Failure");
	assert_null(ex.subject_title);
	assert_true(ex.permanent);
	assert_true(ex.registered);
	assert_string_equal(ex.title, "Requested action not taken: mailbox unavailable");

	explain_ok(NULL, "521", NULL, &ex);
	assert_string_equal(ex.entry->ref, "RFC7504");
	explain_ok(NULL, "556", NULL, &ex);
	assert_string_equal(ex.title, "Domain does not accept mail");
	assert_int_equal(ex.retry, CODES_RETRY_NEVER);
	explain_ok(NULL, "421", NULL, &ex);
	assert_false(ex.permanent);
	assert_int_equal(ex.retry, CODES_RETRY_WAIT);
	explain_ok(NULL, "354", NULL, &ex);
	assert_string_equal(ex.class_title, "Positive Intermediate");

	/* An unknown reply falls back to its class, with a note. */
	explain_ok(NULL, "599", NULL, &ex);
	assert_string_equal(ex.entry->code, "5.X.X");
	assert_false(ex.registered);
	assert_true(has_note(&ex, "not defined by RFC 5321"));
	assert_int_equal(codes_explain(NULL, "399", NULL, &ex), STATUS_NOT_FOUND);
}

static void
test_mismatch_note(void **state)
{
	struct codes_explanation ex;

	(void)state;
	explain_ok("4.2.2", "550", NULL, &ex);
	assert_string_equal(ex.code, "4.2.2");
	assert_string_equal(ex.reply_code, "550");
	assert_non_null(ex.reply_entry);
	assert_true(has_note(&ex, "reply code says permanent (5xx)"));
	assert_false(ex.permanent);	/* the status decides */

	explain_ok("5.1.1", "451", NULL, &ex);
	assert_true(has_note(&ex, "reply code says temporary (4xx)"));
	assert_true(ex.permanent);

	explain_ok("5.1.1", "250", NULL, &ex);
	assert_true(has_note(&ex, "success or a failure"));

	explain_ok("5.1.1", "550", NULL, &ex);
	assert_int_equal(ex.nnotes, 0);

	/* Found in free text, as a Diagnostic-Code carries them. */
	assert_int_equal(codes_explain_text("smtp; 550 4.2.2 mailbox full",
	    NULL, &ex), STATUS_OK);
	assert_string_equal(ex.code, "4.2.2");
	assert_true(has_note(&ex, "contradicts itself"));
}

static void
test_explain_text(void **state)
{
	struct codes_explanation ex;

	(void)state;
	assert_int_equal(codes_explain_text("5.1.1", NULL, &ex), STATUS_OK);
	assert_string_equal(ex.code, "5.1.1");
	assert_string_equal(ex.reply_code, "");
	assert_int_equal(codes_explain_text(" 550 ", NULL, &ex), STATUS_OK);
	assert_string_equal(ex.code, "550");
	assert_int_equal(codes_explain_text("550 5.1.1", NULL, &ex), STATUS_OK);
	assert_string_equal(ex.code, "5.1.1");
	assert_string_equal(ex.reply_code, "550");
	/* A specific status beats a generic one that comes first. */
	assert_int_equal(codes_explain_text(
	    "550-5.0.0 Rejected: 5.7.1 <a@example.org>: Relay access denied",
	    NULL, &ex), STATUS_OK);
	assert_string_equal(ex.code, "5.7.1");
	assert_int_equal(codes_explain_text("550 5.0.0 rejected", NULL, &ex),
	    STATUS_OK);
	assert_string_equal(ex.code, "5.0.0");
}

static void
test_bad_input(void **state)
{
	struct codes_explanation ex;
	enum codes_provider p;

	(void)state;
	assert_int_equal(codes_explain(NULL, NULL, NULL, &ex), STATUS_INVALID);
	assert_int_equal(codes_explain("5.1", NULL, NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain("6.1.1", NULL, NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain("5.1000.1", NULL, NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain("5.1.1 ", NULL, NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain(NULL, "55", NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain(NULL, "999", NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain(NULL, "5a0", NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain("5.1.1", "x", NULL, &ex), STATUS_SYNTAX);
	assert_int_equal(codes_explain_text(NULL, NULL, &ex), STATUS_INVALID);
	assert_int_equal(codes_explain_text("", NULL, &ex), STATUS_NOT_FOUND);
	assert_int_equal(codes_explain_text("hello", NULL, &ex), STATUS_NOT_FOUND);
	assert_int_equal(codes_explain_text("X.1.1", NULL, &ex), STATUS_NOT_FOUND);
	assert_int_equal(codes_explain_text("from 10.2.3.4", NULL, &ex),
	    STATUS_NOT_FOUND);
	assert_int_equal(codes_explain_text("S9999", NULL, &ex), STATUS_NOT_FOUND);
	/* Failure leaves nothing half-filled behind. */
	assert_null(ex.entry);
	assert_null(ex.title);
	assert_int_equal(codes_provider_by_name("nope", &p), STATUS_NOT_FOUND);
}

static void
test_provider_detect(void **state)
{
	(void)state;
	assert_int_equal(codes_provider_detect("dns; gmail-smtp-in.l.google.com",
	    NULL, NULL), CODES_PROVIDER_GMAIL);
	assert_int_equal(codes_provider_detect("mx.google.com.", NULL, NULL),
	    CODES_PROVIDER_GMAIL);
	assert_int_equal(codes_provider_detect("mx.notgoogle.com", NULL, NULL),
	    CODES_PROVIDER_NONE);
	assert_int_equal(codes_provider_detect(
	    "hotmail-com.olc.protection.outlook.com", NULL, NULL),
	    CODES_PROVIDER_OUTLOOKCOM);
	assert_int_equal(codes_provider_detect(
	    "dns; contoso-com.mail.protection.outlook.com [52.101.1.1]", NULL, NULL),
	    CODES_PROVIDER_MICROSOFT365);
	assert_int_equal(codes_provider_detect("mta7.am0.yahoodns.net", NULL, NULL),
	    CODES_PROVIDER_YAHOO);
	assert_int_equal(codes_provider_detect("mx01.mail.icloud.com", NULL, NULL),
	    CODES_PROVIDER_APPLE);
	/* The diagnostic text, then the reporting MTA. */
	assert_int_equal(codes_provider_detect(NULL, NULL,
	    "550-5.1.1 The email account does not exist. a1si123 - gsmtp"),
	    CODES_PROVIDER_GMAIL);
	assert_int_equal(codes_provider_detect(NULL, "mx.aol.com", "550 no"),
	    CODES_PROVIDER_YAHOO);
	/* The server that refused wins over the one that reported. */
	assert_int_equal(codes_provider_detect("mx.google.com", "mx.aol.com", NULL),
	    CODES_PROVIDER_GMAIL);
	/* A provider relaying a third party's refusal is not the one refusing. */
	assert_int_equal(codes_provider_detect("dns; mx.example.co.jp",
	    "omr-m5.mx.aol.com", "550 5.2.2 <k@example.co.jp>... Mailbox Full"),
	    CODES_PROVIDER_NONE);
	assert_int_equal(codes_provider_detect("", "mx.aol.com", NULL),
	    CODES_PROVIDER_YAHOO);
	/* A quoted address is not the provider speaking. */
	assert_int_equal(codes_provider_detect(NULL, NULL,
	    "550 5.1.1 <someone@gmail.com>: Recipient address rejected"),
	    CODES_PROVIDER_NONE);
	assert_int_equal(codes_provider_detect(NULL, NULL, NULL), CODES_PROVIDER_NONE);
	assert_int_equal(codes_provider_detect("mail.example.org", "mx.example.net",
	    "550 5.1.1 unknown user"), CODES_PROVIDER_NONE);
}

static void
test_provider_names(void **state)
{
	char list[512], *tok, *save = NULL;
	enum codes_provider p;
	int n = 0;

	(void)state;
	assert_int_equal(codes_provider_by_name("Gmail", &p), STATUS_OK);
	assert_int_equal(p, CODES_PROVIDER_GMAIL);
	assert_int_equal(codes_provider_by_name("m365", &p), STATUS_OK);
	assert_int_equal(p, CODES_PROVIDER_MICROSOFT365);
	/* Every name the help text advertises is accepted. */
	snprintf(list, sizeof(list), "%s", codes_provider_names());
	for (tok = strtok_r(list, " ,()", &save); tok != NULL;
	    tok = strtok_r(NULL, " ,()", &save), n++)
		assert_int_equal(codes_provider_by_name(tok, &p), STATUS_OK);
	assert_true(n >= CODES_PROVIDER_COUNT - 1);
	for (int i = CODES_PROVIDER_NONE + 1; i < CODES_PROVIDER_COUNT; i++)
		assert_true(codes_provider_name((enum codes_provider)i)[0] != '\0');
}

static void
test_provider_only_when_recognised(void **state)
{
	struct codes_explanation ex;
	struct codes_context gmail = { "mx.google.com", NULL, NULL, CODES_PROVIDER_NONE };
	struct codes_context ms = { NULL, NULL, NULL, CODES_PROVIDER_MICROSOFT365 };

	(void)state;
	explain_ok("5.2.2", NULL, NULL, &ex);
	assert_int_equal(ex.provider, CODES_PROVIDER_NONE);
	assert_null(ex.provider_row);
	assert_string_equal(ex.title, "Mailbox full");

	/* Beside the registry meaning, never instead of it. */
	explain_ok("5.2.2", NULL, &ms, &ex);
	assert_string_equal(ex.title, "Mailbox full");
	assert_non_null(ex.provider_row);
	assert_int_equal(ex.provider_row->provider, CODES_PROVIDER_MICROSOFT365);
	assert_string_equal(ex.provider_row->title, "Submission quota exceeded");

	explain_ok("5.2.2", "552", &gmail, &ex);
	assert_non_null(ex.provider_row);
	assert_int_equal(ex.provider_row->provider, CODES_PROVIDER_GMAIL);
	assert_string_equal(ex.provider_row->code, "5.2.2");

	/* A recognised provider without a meaning for the code adds nothing. */
	explain_ok("5.1.1", NULL, &gmail, &ex);
	assert_int_equal(ex.provider, CODES_PROVIDER_GMAIL);
	assert_null(ex.provider_row);

	/* A provider's own code: the registry falls back, the provider explains. */
	explain_ok("5.7.509", NULL, &ms, &ex);
	assert_false(ex.registered);
	assert_string_equal(ex.provider_row->title, "DMARC reject");
	assert_true(has_note(&ex, "provider's own"));
}

static void
test_provider_rows_chosen(void **state)
{
	struct codes_explanation ex;
	struct codes_context c = { NULL, NULL, NULL, CODES_PROVIDER_MICROSOFT365 };

	(void)state;
	/* Same code, two meanings: the words decide, else the default row. */
	c.diagnostic = "550 5.4.1 Relay Access Denied ATTR36";
	explain_ok("5.4.1", "550", &c, &ex);
	assert_string_equal(ex.provider_row->title, "Relay access denied");
	c.diagnostic = "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)";
	explain_ok("5.4.1", "550", &c, &ex);
	assert_string_equal(ex.provider_row->title, "Recipient not found (edge blocking)");

	c.provider = CODES_PROVIDER_GMAIL;
	c.diagnostic = "421-4.7.0 TLS required for RCPT domain, closing connection.";
	explain_ok("4.7.0", "421", &c, &ex);
	assert_string_equal(ex.provider_row->title, "TLS required");
	c.diagnostic = "421-4.7.0 Try again later, closing connection. (EHLO) gsmtp";
	explain_ok("4.7.0", "421", &c, &ex);
	assert_string_equal(ex.provider_row->title,
	    "Rate limited (reputation, content or PTR)");

	/* Ranges. */
	c.provider = CODES_PROVIDER_MICROSOFT365;
	c.diagnostic = NULL;
	explain_ok("4.7.612", NULL, &c, &ex);
	assert_string_equal(ex.provider_row->code, "4.7.500-699");
	explain_ok("5.7.640", NULL, &c, &ex);
	assert_string_equal(ex.provider_row->code, "5.7.606-649");
	explain_ok("5.7.650", NULL, &c, &ex);
	assert_null(ex.provider_row);

	/* A tag in the text beats the plain status row. */
	assert_int_equal(codes_explain_text(
	    "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. "
	    "Please contact your Internet service provider since part of their "
	    "network is on our block list (S3150). You can also refer your provider "
	    "to http://mail.live.com/mail/troubleshooting.aspx#errors.", NULL, &ex),
	    STATUS_OK);
	assert_int_equal(ex.provider, CODES_PROVIDER_OUTLOOKCOM);
	assert_string_equal(ex.provider_row->code, "S3150");

	/* A tag given alone names its provider. */
	assert_int_equal(codes_explain_text("tss04", NULL, &ex), STATUS_OK);
	assert_int_equal(ex.provider, CODES_PROVIDER_YAHOO);
	assert_string_equal(ex.provider_row->code, "TSS04");
	assert_string_equal(ex.code, "4.7.0");
	assert_string_equal(ex.reply_code, "421");

	/* A bare reply row (Yahoo's 451). */
	assert_int_equal(codes_explain_text(
	    "451 Message temporarily deferred due to unresolvable RFC.5321 from "
	    "domain; see https://senders.yahooinc.com/error-codes", NULL, &ex),
	    STATUS_OK);
	assert_int_equal(ex.provider, CODES_PROVIDER_YAHOO);
	assert_string_equal(ex.provider_row->code, "451");
	/* The same reply from elsewhere gets no Yahoo meaning. */
	assert_int_equal(codes_explain_text("451 local error", NULL, &ex), STATUS_OK);
	assert_null(ex.provider_row);
}

/* Reads the data rows of a TSV (header skipped) as tab-split fields. */
struct tsv {
	char *text;
	char **fields;		/* nrows * ncols */
	size_t nrows, ncols;
};

static void
tsv_read(const char *path, size_t ncols, struct tsv *t)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096], *line, *save = NULL;
	size_t n;
	bool header = true;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	t->text = buf_steal(&b);
	t->fields = NULL;
	t->nrows = 0;
	t->ncols = ncols;
	for (line = strtok_r(t->text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *p = line;

		if (header) {
			header = false;
			continue;
		}
		t->fields = xrealloc(t->fields, (t->nrows + 1) * ncols * sizeof(char *));
		for (size_t c = 0; c < ncols; c++) {
			char *tab = strchr(p, '\t');

			assert_true(c == ncols - 1 ? tab == NULL : tab != NULL);
			if (tab != NULL)
				*tab = '\0';
			t->fields[t->nrows * ncols + c] = p;
			p = tab ? tab + 1 : p + strlen(p);
		}
		t->nrows++;
	}
}

static void
tsv_free(struct tsv *t)
{
	free(t->fields);
	free(t->text);
}

static void
test_registry_covers_reference(void **state)
{
	struct tsv t;
	const struct codes_entry *e;
	size_t ntable = 0;

	(void)state;
	tsv_read(REF "enhanced-status-codes.tsv", 4, &t);
	assert_int_equal(t.nrows, 92);
	for (size_t r = 0; r < t.nrows; r++) {
		const char *code = t.fields[r * 4], *allowed = t.fields[r * 4 + 1];
		const char *title = t.fields[r * 4 + 2], *ref = t.fields[r * 4 + 3];
		char classes[8] = "";
		bool found = false;

		for (const char *p = allowed; *p; p++)
			if (*p != ',')
				strncat(classes, p, 1);
		for (size_t i = 0; (e = codes_registry_at(i)) != NULL; i++) {
			if (strcmp(e->code, code) != 0)
				continue;
			found = true;
			assert_string_equal(e->title, title);
			assert_string_equal(e->classes, classes);
			assert_string_equal(e->ref, ref);
		}
		if (!found)
			fail_msg("registry row %s missing from core/knowledge/codes_registry.c", code);
	}
	while (codes_registry_at(ntable) != NULL)
		ntable++;
	assert_int_equal(ntable, t.nrows);	/* and nothing invented */
	tsv_free(&t);
}

static void
test_provider_covers_reference(void **state)
{
	struct tsv t;
	const struct codes_provider_row *r;
	size_t ntable = 0;
	bool used[256] = { false };

	(void)state;
	tsv_read(REF "provider-codes.tsv", 4, &t);
	assert_true(t.nrows >= 100);
	while (codes_provider_at(ntable) != NULL)
		ntable++;
	assert_int_equal(ntable, t.nrows);
	assert_true(ntable <= sizeof(used));
	/* Each reference row matches its own table row (codes repeat). */
	for (size_t k = 0; k < t.nrows; k++) {
		const char *code = t.fields[k * 4], *prov = t.fields[k * 4 + 1];
		const char *src = t.fields[k * 4 + 3];
		bool found = false;

		for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++) {
			if (used[i] || strcmp(r->code, code) != 0 ||
			    strcmp(codes_provider_name(r->provider), prov) != 0 ||
			    strcmp(r->source, src) != 0)
				continue;
			used[i] = found = true;
			break;
		}
		if (!found)
			fail_msg("provider row %s (%s) missing from core/knowledge/codes_provider.c",
			    code, prov);
	}
	tsv_free(&t);
}

struct text {
	const char *code, *expl, *adv, *title, *same_as;
	int provider;	/* -1 for registry and reply rows */
};

static size_t
collect(struct text *v, size_t max)
{
	const struct codes_entry *e;
	const struct codes_provider_row *r;
	size_t n = 0;

	for (size_t i = 0; (e = codes_registry_at(i)) != NULL && n < max; i++)
		v[n++] = (struct text){ e->code, e->explanation, e->advice,
		    e->title, e->same_as, -1 };
	for (size_t i = 0; (e = codes_reply_at(i)) != NULL && n < max; i++)
		v[n++] = (struct text){ e->code, e->explanation, e->advice,
		    e->title, e->same_as, -1 };
	for (size_t i = 0; (r = codes_provider_at(i)) != NULL && n < max; i++)
		v[n++] = (struct text){ r->code, r->explanation, r->advice,
		    r->title, r->same_as, (int)r->provider };
	return n;
}

static bool
equivalent(const struct text *a, const struct text *b)
{
	if (a->provider != b->provider)
		return false;
	return (a->same_as && strcmp(a->same_as, b->code) == 0) ||
	    (b->same_as && strcmp(b->same_as, a->code) == 0);
}

static void
test_texts_written_and_distinct(void **state)
{
	static struct text v[512];
	size_t n;

	(void)state;
	n = collect(v, sizeof(v) / sizeof(v[0]));
	assert_true(n > 92 + 30 + 100);
	for (size_t i = 0; i < n; i++) {
		assert_true(strlen(v[i].expl) >= 20);
		assert_true(strlen(v[i].adv) >= 10);
		assert_true(strlen(v[i].title) > 0);
		/* Our words, not a copy of the registry's title. */
		assert_true(strcmp(v[i].expl, v[i].title) != 0);
		for (size_t k = i + 1; k < n; k++)
			if (strcmp(v[i].expl, v[k].expl) == 0 &&
			    !equivalent(&v[i], &v[k]))
				fail_msg("%s and %s share an explanation but are "
				    "not documented as equivalent", v[i].code, v[k].code);
	}
	/* Every documented equivalence points at a real row with the same text. */
	for (size_t i = 0; i < n; i++) {
		bool found = false;

		if (v[i].same_as == NULL)
			continue;
		for (size_t k = 0; k < n; k++)
			if (k != i && strcmp(v[k].code, v[i].same_as) == 0 &&
			    v[k].provider == v[i].provider) {
				assert_string_equal(v[k].expl, v[i].expl);
				found = true;
			}
		assert_true(found);
	}
}

static void
test_enum_texts(void **state)
{
	(void)state;
	for (int s = CODES_SIDE_NONE; s <= CODES_SIDE_UNCLEAR; s++) {
		assert_true(codes_side_key((enum codes_side)s)[0] != '\0');
		assert_true(codes_side_text((enum codes_side)s)[0] != '\0');
	}
	for (int r = CODES_RETRY_NONE; r <= CODES_RETRY_NEVER; r++) {
		assert_true(codes_retry_key((enum codes_retry)r)[0] != '\0');
		assert_true(codes_retry_text((enum codes_retry)r)[0] != '\0');
	}
	assert_string_equal(codes_side_key((enum codes_side)99), "");
}

static void
test_describe_rows(void **state)
{
	struct codes_explanation ex;
	const struct codes_entry *e;
	const struct codes_provider_row *r;

	(void)state;
	for (size_t i = 0; (e = codes_registry_at(i)) != NULL; i++) {
		for (const char *c = e->classes; *c; c++) {
			codes_describe_entry(e, *c, &ex);
			assert_true(ex.registered);
			assert_ptr_equal(ex.entry, e);
			assert_non_null(ex.class_title);
			assert_int_equal(ex.permanent,
			    (e->kind == CODES_KIND_CLASS ? e->code[0] : *c) == '5');
		}
	}
	e = codes_registry_at(20);
	codes_describe_entry(e, '4', &ex);
	assert_int_equal(ex.code[0], '4');
	assert_string_equal(ex.code + 1, e->code + 1);
	for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++) {
		codes_describe_provider(r, &ex);
		assert_ptr_equal(ex.provider_row, r);
		assert_non_null(ex.entry);	/* the registry side is always there */
		assert_non_null(ex.explanation);
	}
}

static void
test_json_contract(void **state)
{
	struct codes_explanation ex;
	struct codes_context gm = { NULL, NULL, NULL, CODES_PROVIDER_GMAIL };
	struct buf b = BUF_INIT;

	(void)state;
	explain_ok("5.1.1", NULL, NULL, &ex);
	codes_json(&b, &ex, NULL);
	assert_non_null(strstr(b.data, "{\"code\": \"5.1.1\", \"class\": "
	    "\"Permanent Failure\", \"subject\": \"Addressing Status\", "
	    "\"title\": \"Bad destination mailbox address\", \"explanation\": \""));
	assert_non_null(strstr(b.data, "\"permanent\": true, \"registered\": true, "
	    "\"provider\": null, \"reply_code\": null, \"note\": null}"));
	assert_null(strchr(b.data, '\n'));

	buf_reset(&b);
	explain_ok("5.7.26", "550", &gm, &ex);
	codes_json(&b, &ex, NULL);
	assert_non_null(strstr(b.data, "\"provider\": {\"name\": "
	    "\"Gmail / Google Workspace\", \"code\": \"5.7.26\", \"title\": "));
	assert_non_null(strstr(b.data, "\"reply_code\": \"550\", \"note\": null}"));

	buf_reset(&b);
	explain_ok("4.2.2", "550", NULL, &ex);
	codes_json(&b, &ex, "override");
	assert_non_null(strstr(b.data, "{\"code\": \"override\""));
	assert_non_null(strstr(b.data, "\"permanent\": false"));
	assert_non_null(strstr(b.data, "\"note\": \"The reply code says permanent"));
	buf_free(&b);
}

static void
test_man_page(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	const struct codes_entry *e;
	const struct codes_provider_row *r;
	char want[64];
	const char *line;

	(void)state;
	codes_man(&a);
	codes_man(&b);
	assert_string_equal(a.data, b.data);	/* reproducible */
	assert_non_null(strstr(a.data, "\n.Dt BOUNCEQ-CODES 7\n"));
	for (size_t i = 0; (e = codes_registry_at(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "\n.It Sy %s\n", e->code);
		assert_non_null(strstr(a.data, want));
	}
	for (size_t i = 0; (e = codes_reply_at(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "\n.It Sy %s\n", e->code);
		assert_non_null(strstr(a.data, want));
	}
	for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++) {
		snprintf(want, sizeof(want), "\n.It Sy %s\n", r->code);
		assert_non_null(strstr(a.data, want));
	}
	/* mandoc's style: short input lines, no stray control lines. */
	for (line = a.data; *line; ) {
		size_t n = strcspn(line, "\n");

		if (strncmp(line, ".Lk ", 4) != 0)
			assert_true(n <= 80);
		assert_true(line[0] != '\'');
		assert_false(n > 0 && line[n - 1] == ' ');
		line += n + (line[n] == '\n');
	}
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_class_changes_retry),
		cmocka_unit_test(test_fallback_detail_to_subject),
		cmocka_unit_test(test_fallback_subject_to_class),
		cmocka_unit_test(test_reply_codes),
		cmocka_unit_test(test_mismatch_note),
		cmocka_unit_test(test_explain_text),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_provider_detect),
		cmocka_unit_test(test_provider_names),
		cmocka_unit_test(test_provider_only_when_recognised),
		cmocka_unit_test(test_provider_rows_chosen),
		cmocka_unit_test(test_registry_covers_reference),
		cmocka_unit_test(test_provider_covers_reference),
		cmocka_unit_test(test_texts_written_and_distinct),
		cmocka_unit_test(test_enum_texts),
		cmocka_unit_test(test_describe_rows),
		cmocka_unit_test(test_json_contract),
		cmocka_unit_test(test_man_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
