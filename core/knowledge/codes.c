#include "core/knowledge/codes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Lookup rules (the tables are in codes_registry.c, codes_reply.c and
 * codes_provider.c).  An exact registry row wins; an unknown detail falls
 * back to its subject row and an unknown subject to its class row, with a
 * note so nobody mistakes the fallback for the code's real meaning.
 */

static const char note_subject[] =
    "This exact code is not in the IANA registry; the meaning shown is that "
    "of its subject (the middle number).";
static const char note_class[] =
    "Neither this detail nor this subject is in the IANA registry; only the "
    "first digit (the class) can be trusted.";
static const char note_pseudo[] =
    "Codes with subject 9, or x.0.9NN, are not standard: some bounce parsers "
    "(Sisimai) invent them when a report carries no status of its own.";
static const char note_class_unused[] =
    "The registry does not list this code for use with this class, so the "
    "server is using it loosely; read the diagnostic text as well.";
static const char note_reply_unknown[] =
    "This reply code is not defined by RFC 5321 or its extensions; only its "
    "first digit is meaningful.";
static const char note_temp_perm[] =
    "The reply code says permanent (5xx) but the status says temporary "
    "(4.x.x): the server contradicts itself.  Go by the report's Action "
    "(failed or delayed) and treat a failure that repeats as permanent.";
static const char note_perm_temp[] =
    "The reply code says temporary (4xx) but the status says permanent "
    "(5.x.x): the server contradicts itself.  Go by the report's Action "
    "(failed or delayed) and treat a failure that repeats as permanent.";
static const char note_mismatch[] =
    "The reply code and the status code disagree about whether this is a "
    "success or a failure; the report's Action field decides.";
static const char note_provider_own[] =
    "The code is the provider's own invention, not a registered one; the "
    "provider's meaning below is the one that counts.";

static const char intermediate_title[] = "Positive Intermediate";

static void
add_note(struct codes_explanation *ex, const char *note)
{
	for (size_t i = 0; i < ex->nnotes; i++)
		if (ex->notes[i] == note)
			return;
	if (ex->nnotes < CODES_NOTES_MAX)
		ex->notes[ex->nnotes++] = note;
}

/* Splits "5.1.10" into its three parts; the code must be valid. */
static void
status_split(const char *s, char *cls, long *subj, long *det)
{
	char *end;

	*cls = s[0];
	*subj = strtol(s + 2, &end, 10);
	*det = strtol(end + 1, NULL, 10);
}

static const struct codes_entry *
registry_find(const char *code)
{
	const struct codes_entry *e;

	for (size_t i = 0; (e = codes_registry_at(i)) != NULL; i++)
		if (strcmp(e->code, code) == 0)
			return e;
	return NULL;
}

static const struct codes_entry *
reply_find(const char *code)
{
	const struct codes_entry *e;

	for (size_t i = 0; (e = codes_reply_at(i)) != NULL; i++)
		if (strcmp(e->code, code) == 0)
			return e;
	return NULL;
}

static const char *
class_title(char cls)
{
	char key[] = "c.X.X";
	const struct codes_entry *e;

	if (cls == '3')
		return intermediate_title;
	key[0] = cls;
	e = registry_find(key);
	return e ? e->title : intermediate_title;
}

static const char *
subject_title(long subj)
{
	char key[24];
	const struct codes_entry *e;

	snprintf(key, sizeof(key), "X.%ld.X", subj);
	e = registry_find(key);
	return e ? e->title : NULL;
}

/*
 * A row's retry value describes the code in its usual class, which is 5
 * for rows that allow it.  The same code as 4.x.x means the receiver
 * expects the condition to pass (greylisting is 4.7.1), so the sender's
 * queue retrying can help; a row used only with class 4 (4.7.12) knows
 * better and keeps its own value.  A 2.x.x code is no failure at all.
 */
static enum codes_retry
retry_for_class(const struct codes_entry *e, char cls)
{
	if (cls == '2')
		return CODES_RETRY_NONE;
	if (cls == '4' && e->retry != CODES_RETRY_WAIT &&
	    (e->classes == NULL ? e->code[0] != '4' : strchr(e->classes, '5') != NULL))
		return CODES_RETRY_WAIT;
	return e->retry;
}

static void
use_entry(struct codes_explanation *ex, const struct codes_entry *e, char cls)
{
	ex->entry = e;
	ex->title = e->title;
	ex->explanation = e->explanation;
	ex->advice = e->advice;
	ex->side = cls == '2' ? CODES_SIDE_NONE : e->side;
	ex->retry = retry_for_class(e, cls);
}

static enum status
explain_status(struct codes_explanation *ex, const char *status)
{
	char cls, key[24];
	long subj, det;
	const struct codes_entry *e;

	status_split(status, &cls, &subj, &det);
	ex->class_title = class_title(cls);
	ex->subject_title = subject_title(subj);
	ex->permanent = cls == '5';
	snprintf(key, sizeof(key), "X.%ld.%ld", subj, det);
	if ((e = registry_find(key)) != NULL) {
		ex->registered = true;
		if (strchr(e->classes, cls) == NULL)
			add_note(ex, note_class_unused);
	} else {
		snprintf(key, sizeof(key), "X.%ld.X", subj);
		if ((e = registry_find(key)) != NULL)
			add_note(ex, note_subject);
		else {
			snprintf(key, sizeof(key), "%c.X.X", cls);
			e = registry_find(key);
			add_note(ex, note_class);
		}
		if (subj == 9 || (subj == 0 && det >= 900 && det <= 999))
			add_note(ex, note_pseudo);
	}
	if (e == NULL)
		return STATUS_NOT_FOUND;
	use_entry(ex, e, cls);
	return STATUS_OK;
}

static bool
reply_valid(const char *s)
{
	return strlen(s) == 3 && s[0] >= '2' && s[0] <= '5' &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]);
}

/* Explains a reply code alone: the main meaning comes from its row. */
static enum status
explain_reply(struct codes_explanation *ex, const char *reply)
{
	char key[] = "c.X.X";
	const struct codes_entry *e;

	ex->class_title = class_title(reply[0]);
	ex->subject_title = NULL;
	ex->permanent = reply[0] == '5';
	if ((e = reply_find(reply)) != NULL) {
		ex->registered = true;
		use_entry(ex, e, reply[0]);
		return STATUS_OK;
	}
	if (reply[0] == '3')
		return STATUS_NOT_FOUND;
	key[0] = reply[0];
	if ((e = registry_find(key)) == NULL)
		return STATUS_NOT_FOUND;
	use_entry(ex, e, reply[0]);
	add_note(ex, note_reply_unknown);
	return STATUS_OK;
}

static void
check_mismatch(struct codes_explanation *ex, char scls, char rcls)
{
	if (scls == rcls || rcls == '3')
		return;
	if (scls == '4' && rcls == '5')
		add_note(ex, note_temp_perm);
	else if (scls == '5' && rcls == '4')
		add_note(ex, note_perm_temp);
	else
		add_note(ex, note_mismatch);
}

/* Case-insensitive: does text contain word w with no letter or digit around it? */
static bool
has_word(const char *text, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = text; *p != '\0'; p++) {
		if (strncasecmp(p, w, n) != 0)
			continue;
		if (p > text && isalnum((unsigned char)p[-1]))
			continue;
		if (isalnum((unsigned char)p[n]))
			continue;
		return true;
	}
	return false;
}

static bool
has_phrase(const char *text, const char *phrase)
{
	size_t n = strlen(phrase);

	for (const char *p = text; *p != '\0'; p++)
		if (strncasecmp(p, phrase, n) == 0)
			return true;
	return false;
}

/* Does text contain one of the '|'-separated phrases (case-insensitive)? */
static bool
hint_match(const char *text, const char *hint)
{
	char phrase[64];
	const char *p = hint, *bar;

	if (text == NULL)
		return false;
	while (*p != '\0') {
		size_t n;

		bar = strchr(p, '|');
		n = bar ? (size_t)(bar - p) : strlen(p);
		if (n > 0 && n < sizeof(phrase)) {
			memcpy(phrase, p, n);
			phrase[n] = '\0';
			if (has_phrase(text, phrase))
				return true;
		}
		if (bar == NULL)
			break;
		p = bar + 1;
	}
	return false;
}

enum row_shape { ROW_STATUS, ROW_RANGE, ROW_REPLY, ROW_TAG };

static enum row_shape
row_shape(const char *code)
{
	if (!isdigit((unsigned char)code[0]))
		return ROW_TAG;
	if (strchr(code, '.') == NULL)
		return ROW_REPLY;
	return strchr(code, '-') ? ROW_RANGE : ROW_STATUS;
}

/* "4.7.500-699" covers 4.7.500 to 4.7.699. */
static bool
range_covers(const char *range, const char *status)
{
	char rc, sc;
	long rs, lo, hi, ss, sd;
	const char *dash = strchr(range, '-');

	if (dash == NULL)
		return false;
	status_split(range, &rc, &rs, &lo);
	hi = strtol(dash + 1, NULL, 10);
	status_split(status, &sc, &ss, &sd);
	return rc == sc && rs == ss && sd >= lo && sd <= hi;
}

/*
 * The provider's meaning for these codes: a tag named in the text is the
 * most specific, then an exact status (a row whose hint matches the text
 * before the default row), then a range, then a bare reply code.
 */
static const struct codes_provider_row *
provider_match(enum codes_provider p, const char *status, const char *reply,
    const char *text)
{
	const struct codes_provider_row *r, *best = NULL;
	int best_rank = 0;

	for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++) {
		int rank = 0;

		if (r->provider != p)
			continue;
		switch (row_shape(r->code)) {
		case ROW_TAG:
			if (text != NULL && has_word(text, r->code))
				rank = 6;
			break;
		case ROW_STATUS:
			if (status != NULL && strcmp(r->code, status) == 0)
				rank = r->hint == NULL ? 4 :
				    hint_match(text, r->hint) ? 5 : 0;
			break;
		case ROW_RANGE:
			if (status != NULL && range_covers(r->code, status))
				rank = 3;
			break;
		case ROW_REPLY:
			if (reply != NULL && strcmp(r->code, reply) == 0)
				rank = 2;
			break;
		}
		if (rank > best_rank) {
			best = r;
			best_rank = rank;
		}
	}
	return best;
}

static void
copy_code(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

enum status
codes_explain(const char *status, const char *reply,
    const struct codes_context *ctx, struct codes_explanation *out)
{
	static const struct codes_context none;
	enum status st;

	memset(out, 0, sizeof(*out));
	if (ctx == NULL)
		ctx = &none;
	if (status == NULL && reply == NULL)
		return STATUS_INVALID;
	if ((status != NULL && !smtpcode_status_valid(status)) ||
	    (reply != NULL && !reply_valid(reply)))
		return STATUS_SYNTAX;
	if (reply != NULL) {
		copy_code(out->reply_code, sizeof(out->reply_code), reply);
		out->reply_entry = reply_find(reply);
	}
	if (status != NULL) {
		copy_code(out->code, sizeof(out->code), status);
		if ((st = explain_status(out, status)) != STATUS_OK) {
			memset(out, 0, sizeof(*out));
			return st;
		}
		if (reply != NULL) {
			if (out->reply_entry == NULL && reply[0] != '3')
				add_note(out, note_reply_unknown);
			check_mismatch(out, status[0], reply[0]);
		}
	} else {
		copy_code(out->code, sizeof(out->code), reply);
		if ((st = explain_reply(out, reply)) != STATUS_OK) {
			memset(out, 0, sizeof(*out));
			return st;
		}
	}
	out->provider = ctx->provider != CODES_PROVIDER_NONE ? ctx->provider :
	    codes_provider_detect(ctx->remote_mta, ctx->reporting_mta,
	    ctx->diagnostic);
	if (out->provider != CODES_PROVIDER_NONE) {
		out->provider_row = provider_match(out->provider, status, reply,
		    ctx->diagnostic);
		if (out->provider_row != NULL && !out->registered)
			add_note(out, note_provider_own);
	}
	return STATUS_OK;
}

/* A provider tag given alone ("S3140", "tss04"), or NULL. */
static const struct codes_provider_row *
tag_alone(const char *text, size_t n)
{
	const struct codes_provider_row *r;

	for (size_t i = 0; (r = codes_provider_at(i)) != NULL; i++)
		if (row_shape(r->code) == ROW_TAG && strlen(r->code) == n &&
		    strncasecmp(r->code, text, n) == 0)
			return r;
	return NULL;
}

enum status
codes_explain_text(const char *text, const struct codes_context *ctx,
    struct codes_explanation *out)
{
	struct codes_context c = { NULL, NULL, NULL, CODES_PROVIDER_NONE };
	char status[SMTPCODE_STATUS_MAX], reply[SMTPCODE_REPLY_MAX];
	const struct codes_provider_row *tag;
	bool has_status, has_reply;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (text == NULL)
		return STATUS_INVALID;
	if (ctx != NULL)
		c = *ctx;
	if (c.diagnostic == NULL)
		c.diagnostic = text;
	while (isspace((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	if ((tag = tag_alone(text, n)) != NULL) {
		codes_describe_provider(tag, out);
		return STATUS_OK;
	}
	/* A specific status beats the generic x.0.0 that often precedes it. */
	has_status = smtpcode_find_status(text, n, 0, true, status) ||
	    smtpcode_find_status(text, n, 0, false, status);
	/* A bare three-digit argument may be a 3xx reply the finder skips. */
	if (n == 3 && isdigit((unsigned char)text[0]) &&
	    isdigit((unsigned char)text[1]) && isdigit((unsigned char)text[2])) {
		memcpy(reply, text, 3);
		reply[3] = '\0';
		has_reply = reply_valid(reply);
	} else
		has_reply = smtpcode_find_reply(text, n, reply);
	if (!has_status && !has_reply)
		return STATUS_NOT_FOUND;
	return codes_explain(has_status ? status : NULL, has_reply ? reply : NULL,
	    &c, out);
}

void
codes_describe_entry(const struct codes_entry *e, char cls,
    struct codes_explanation *out)
{
	memset(out, 0, sizeof(*out));
	if (e->kind == CODES_KIND_REPLY) {
		copy_code(out->code, sizeof(out->code), e->code);
		copy_code(out->reply_code, sizeof(out->reply_code), e->code);
		(void)explain_reply(out, e->code);
		out->reply_entry = e;
		return;
	}
	if (e->kind == CODES_KIND_CLASS)
		cls = e->code[0];
	/* "X.1.1" used with class 5 is listed as "5.1.1". */
	out->code[0] = cls;
	copy_code(out->code + 1, sizeof(out->code) - 1, e->code + 1);
	out->class_title = class_title(cls);
	out->permanent = cls == '5';
	out->registered = true;
	if (e->kind != CODES_KIND_CLASS)
		out->subject_title = subject_title(strtol(e->code + 2, NULL, 10));
	use_entry(out, e, cls);
}

void
codes_describe_provider(const struct codes_provider_row *r,
    struct codes_explanation *out)
{
	struct codes_context c = { NULL, NULL, NULL, CODES_PROVIDER_NONE };

	if (codes_explain(r->status, r->reply, &c, out) != STATUS_OK)
		memset(out, 0, sizeof(*out));
	out->provider = r->provider;
	out->provider_row = r;
	if (!out->registered)
		add_note(out, note_provider_own);
}

static const struct {
	const char *key, *text;
} sides[] = {
#define CODES_SIDE_ROW(n, key, text) { key, text },
	CODES_SIDE_LIST(CODES_SIDE_ROW)
#undef CODES_SIDE_ROW
}, retries[] = {
#define CODES_RETRY_ROW(n, key, text) { key, text },
	CODES_RETRY_LIST(CODES_RETRY_ROW)
#undef CODES_RETRY_ROW
};

const char *
codes_side_key(enum codes_side s)
{
	return (size_t)s < sizeof(sides) / sizeof(sides[0]) ? sides[s].key : "";
}

const char *
codes_side_text(enum codes_side s)
{
	return (size_t)s < sizeof(sides) / sizeof(sides[0]) ? sides[s].text : "";
}

const char *
codes_retry_key(enum codes_retry r)
{
	return (size_t)r < sizeof(retries) / sizeof(retries[0]) ? retries[r].key : "";
}

const char *
codes_retry_text(enum codes_retry r)
{
	return (size_t)r < sizeof(retries) / sizeof(retries[0]) ? retries[r].text : "";
}
