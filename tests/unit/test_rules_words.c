/*
 * Unit tests for the rules engine's one-pass word finder
 * (core/decode/rules/rules_words.c): which lines hold which family's
 * words, where the copy of the message starts, and which family a
 * message's markers name must all be exactly what the searches it
 * replaced (one str_casestrn() per word and line, kept below as the
 * reference) found, on the whole corpus and on texts made to catch the
 * edges: the RULES_LINE_MAX cap, words across lines, case, long texts.
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

#include "core/decode/mime_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/decode/rules/rules_words_int.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"
#include "core/shared/str.h"

#define RULE_FAMILY_PTR(n) &rule_##n,
static const struct rule_family *const families[] = {
	RULE_FAMILIES(RULE_FAMILY_PTR)
};
#undef RULE_FAMILY_PTR
#define NFAM (sizeof(families) / sizeof(families[0]))

static size_t
cap(size_t n)
{
	return n > RULES_LINE_MAX ? RULES_LINE_MAX : n;
}

/* The engine's line test before: each word searched in the line. */
static bool
ref_has(struct rules_span l, const char *const *list)
{
	for (; list && *list; list++)
		if (str_casestrn(l.p, cap(l.n), *list) != NULL)
			return true;
	return false;
}

/* rules_copy_start() before: line by line. */
static size_t
ref_first_line(const char *text, size_t len, const char *const *list)
{
	const char *p = text, *end = text + len, *nl;
	struct rules_span l;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l.p = p;
		l.n = (size_t)((nl ? nl : end) - p);
		if (ref_has(l, list))
			return (size_t)(p - text);
		p = nl ? nl + 1 : end;
	}
	return len;
}

/* rules_identify() before: each marker's terms read from scratch. */
static bool
ref_term(const char *t, size_t tn, GMimeMessage *msg, const char *text,
    size_t len)
{
	const char *colon = memchr(t, ':', tn), *hay, *p = text, *end = text + len, *nl;
	char where[64], needle[256];
	size_t wn, nn;

	if (colon == NULL || (wn = (size_t)(colon - t)) >= sizeof(where) ||
	    (nn = tn - wn - 1) >= sizeof(needle))
		return false;
	memcpy(where, t, wn);
	where[wn] = '\0';
	memcpy(needle, colon + 1, nn);
	needle[nn] = '\0';
	if (strcasecmp(where, "body") == 0) {
		for (size_t i = 0; p < end && i < RULES_IDENT_LINES; i++) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL)
				nl = end;
			if (str_casestrn(p, cap((size_t)(nl - p)), needle))
				return true;
			p = nl + 1;
		}
		return false;
	}
	if (strcasecmp(where, "subject") == 0)
		hay = g_mime_message_get_subject(msg);
	else
		hay = g_mime_object_get_header(GMIME_OBJECT(msg), where);
	return hay != NULL && str_casestr(hay, needle) != NULL;
}

static const struct rule_family *
ref_identify(GMimeMessage *msg, const char *text, size_t len)
{
	if (len > RULES_TEXT_MAX)
		len = RULES_TEXT_MAX;
	for (size_t i = 0; i < NFAM; i++)
		for (const char *const *m = families[i]->ident; m && *m; m++) {
			const char *s = *m, *amp;
			bool all = true;

			for (;;) {
				amp = strstr(s, " && ");
				if (!ref_term(s, amp ? (size_t)(amp - s) : strlen(s), msg,
				    text, len)) {
					all = false;
					break;
				}
				if (amp == NULL)
					break;
				s = amp + 4;
			}
			if (all)
				return families[i];
		}
	return NULL;
}

static const enum rules_list own[] = {
	RULES_START, RULES_END, RULES_DIAG, RULES_DELAYED
};
static const enum rules_list shared[] = {
	RULES_COMMON_END, RULES_COMMON_DIAG, RULES_COMMON_DELAYED
};

static size_t lines_checked;

/* Every line of text against the reference, for f's lists (or the shared ones). */
static void
check_lines(const struct rule_family *f, const char *text, size_t len,
    const enum rules_list *lists, size_t nlists)
{
	struct rules_lines L;

	rules_lines_read(&L, f, text, len);
	for (size_t i = 0; i < L.n; i++) {
		for (size_t k = 0; k < nlists; k++) {
			const char *const *list = rules_list_words(&L, lists[k]);

			if (rules_line_has(&L, i, lists[k]) != ref_has(L.line[i], list))
				fail_msg("family %s list %d line %zu: \"%.*s\"",
				    f ? f->name : "-", lists[k], i,
				    (int)cap(L.line[i].n), L.line[i].p);
			for (size_t w = 0; list && list[w]; w++)
				assert_ptr_equal(rules_line_find(&L, i, lists[k], w),
				    str_casestrn(L.line[i].p, cap(L.line[i].n), list[w]));
		}
		lines_checked++;
	}
	/* the lines are the text's, split at each '\n' */
	for (size_t i = 0; i < L.n; i++) {
		assert_ptr_equal(L.line[i].p, i ? L.line[i - 1].p + L.line[i - 1].n + 1 : text);
		assert_null(memchr(L.line[i].p, '\n', L.line[i].n));
	}
	if (L.n > 0)
		assert_true(L.line[L.n - 1].p + L.line[L.n - 1].n == text + len ||
		    L.line[L.n - 1].p + L.line[L.n - 1].n == text + len - 1);
	rules_lines_free(&L);
}

static void
check_text(const char *text, size_t len, bool every_family)
{
	struct rules_lines L;

	check_lines(NULL, text, len, shared, 3);
	for (size_t i = 0; i < NFAM; i++)
		if (every_family)
			check_lines(families[i], text, len, own, 4);
	rules_lines_read(&L, NULL, text, len);
	assert_int_equal(rules_first_line(text, len, RULES_COMMON_END),
	    ref_first_line(text, len, rules_list_words(&L, RULES_COMMON_END)));
	assert_int_equal(rules_copy_start(text, len),
	    ref_first_line(text, len, rules_list_words(&L, RULES_COMMON_END)));
	rules_lines_free(&L);
}

/* Every word of every list, in case variants, at the edges of the cap. */
static void
test_made_texts(void **state)
{
	(void)state;
	struct buf t = BUF_INIT;
	struct rules_lines L;

	rules_lines_read(&L, NULL, "", 0);
	assert_int_equal(L.n, 0);
	rules_lines_free(&L);
	for (size_t i = 0; i < NFAM; i++)
		for (size_t k = 0; k < 7; k++) {
			enum rules_list w = k < 4 ? own[k] : shared[k - 4];
			const char *const *list;

			rules_lines_read(&L, families[i], "", 0);
			list = rules_list_words(&L, w);
			rules_lines_free(&L);
			for (size_t j = 0; list && list[j]; j++) {
				size_t m = strlen(list[j]);

				buf_reset(&t);
				/* as written, upper case, and cut by a newline */
				buf_printf(&t, "  %s\n", list[j]);
				for (size_t c = 0; c < m; c++)
					buf_addc(&t, (char)(list[j][c] >= 'a' &&
					    list[j][c] <= 'z' ? list[j][c] - 32 : list[j][c]));
				buf_adds(&t, "\r\n");
				buf_add(&t, list[j], m / 2);
				buf_addc(&t, '\n');
				buf_adds(&t, list[j] + m / 2);
				buf_addc(&t, '\n');
				/* ending exactly at the cap, and one byte past it */
				for (size_t c = 0; c + m < RULES_LINE_MAX; c++)
					buf_addc(&t, 'x');
				buf_adds(&t, list[j]);
				buf_addc(&t, '\n');
				for (size_t c = 0; c + m < RULES_LINE_MAX + 1; c++)
					buf_addc(&t, 'y');
				buf_adds(&t, list[j]);
				/* and last, with no newline after it */
				buf_adds(&t, "\n\n");
				buf_adds(&t, list[j]);
				check_lines(families[i], t.data, t.len, own, 4);
				check_lines(NULL, t.data, t.len, shared, 3);
				assert_int_equal(rules_copy_start(t.data, t.len),
				    ref_first_line(t.data, t.len,
				    rules_list_words(&L, RULES_COMMON_END)));
			}
		}
	buf_free(&t);
	assert_true(lines_checked > 1000);
}

/* A long report: 200,000 lines, the copy's start near the end. */
static void
test_long_text(void **state)
{
	(void)state;
	struct buf t = BUF_INIT;
	struct rules_lines L;
	size_t at;

	for (int i = 0; i < 200000; i++)
		buf_adds(&t, "Remote host said: 550 no such user here\n");
	at = t.len;
	buf_adds(&t, "----- Original message -----\nTo: a@example.org\n");
	assert_int_equal(rules_copy_start(t.data, t.len), at);
	/* the same words past RULES_LINE_MAX on a line do not count */
	buf_reset(&t);
	for (int i = 0; i < RULES_LINE_MAX; i++)
		buf_addc(&t, ' ');
	buf_adds(&t, "----- Original message -----");
	assert_int_equal(rules_copy_start(t.data, t.len), t.len);
	rules_lines_read(&L, &rule_generic, t.data, t.len);
	assert_int_equal(L.n, 1);
	assert_false(rules_line_has(&L, 0, RULES_COMMON_END));
	rules_lines_free(&L);
	buf_free(&t);
}

/* The whole corpus: each file's text for every list, and its family. */
static void
test_corpus(void **state)
{
	(void)state;
	const char *dirs[] = { "tests/data/sisimai/maildir/bsd",
	    "tests/data/sisimai/maildir/dos", "tests/data/sisimai/maildir/mac",
	    "tests/data/sisimai/maildir/not" };
	size_t files = 0, named = 0;

	for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
		DIR *d = opendir(dirs[k]);
		struct dirent *e;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			struct buf path = BUF_INIT;
			GMimeMessage *msg;
			const struct rule_family *f;
			char *data;
			size_t len;

			if (e->d_name[0] == '.')
				continue;
			buf_printf(&path, "%s/%s", dirs[k], e->d_name);
			assert_int_equal(file_read(path.data, 1 << 24, &data, &len),
			    STATUS_OK);
			check_text(data, len, files % 16 == 0);
			if (mime_parse(data, len, &msg) == STATUS_OK) {
				f = rules_identify(msg, data, len);
				assert_ptr_equal(f, ref_identify(msg, data, len));
				named += f != NULL;
				if (f != NULL)
					check_lines(f, data, len, own, 4);
				g_object_unref(msg);
			}
			free(data);
			buf_free(&path);
			files++;
		}
		closedir(d);
	}
	assert_true(files > 700);
	assert_true(named > 600);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_made_texts),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
