#include "core/model/filter.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/shared/str.h"

enum node_type {
	N_TRUE, N_AND, N_OR, N_NOT, N_TERM, N_WORD, N_HARD, N_SINCE, N_UNTIL, N_ESCALATED,
	N_SUCCESS
};

/* How a field's value is compared with the pattern. */
enum match { M_WHOLE, M_TEXT, M_WORDS };

struct node {
	enum node_type type;
	int field;		/* N_TERM: index into fields[] */
	char *pat;
	bool glob;
	bool yes;		/* N_HARD, N_ESCALATED, N_SUCCESS */
	time_t when;		/* N_SINCE, N_UNTIL */
	size_t kid, next;	/* first child, next sibling; 0 = none */
};

struct filter {
	struct node *n;		/* n[0] unused so 0 can mean "none" */
	size_t len, cap;
	size_t root;
	bool successes;		/* the expression asks for success rows */
};

/* Field names users type; data, so adding one is one line. */
static const struct field {
	const char *name;
	int col;		/* enum row_str, or -1 for the special ones */
	int col2;		/* a second column also tried, or -1 */
	enum match how;
	enum node_type special;
} fields[] = {
	{ "recipient", ROW_RECIPIENT, -1, M_TEXT, N_TERM },
	{ "rcpt", ROW_RECIPIENT, -1, M_TEXT, N_TERM },
	{ "to", ROW_RECIPIENT, -1, M_TEXT, N_TERM },
	{ "domain", ROW_DOMAIN, -1, M_WHOLE, N_TERM },
	{ "action", ROW_ACTION, -1, M_WHOLE, N_TERM },
	{ "status", ROW_STATUS, -1, M_WHOLE, N_TERM },
	{ "code", ROW_REPLY_CODE, -1, M_WHOLE, N_TERM },
	{ "reason", ROW_REASON, -1, M_WHOLE, N_TERM },
	{ "mta", ROW_REMOTE_MTA, ROW_REPORTING_MTA, M_TEXT, N_TERM },
	{ "remote", ROW_REMOTE_MTA, -1, M_TEXT, N_TERM },
	{ "reporting", ROW_REPORTING_MTA, -1, M_TEXT, N_TERM },
	{ "from", ROW_ORIG_FROM, -1, M_TEXT, N_TERM },
	{ "subject", ROW_ORIG_SUBJECT, -1, M_TEXT, N_TERM },
	{ "diag", ROW_DIAGNOSTIC, -1, M_TEXT, N_TERM },
	{ "template", ROW_TEMPLATE, -1, M_TEXT, N_TERM },
	{ "id", ROW_MESSAGE_ID, ROW_ORIG_MESSAGE_ID, M_TEXT, N_TERM },
	{ "file", ROW_FILE, -1, M_TEXT, N_TERM },
	{ "error", ROW_ERROR, -1, M_TEXT, N_TERM },
	{ "kind", -1, -1, M_WHOLE, N_TERM },
	{ "hard", -1, -1, M_WHOLE, N_HARD },
	{ "since", -1, -1, M_WHOLE, N_SINCE },
	{ "until", -1, -1, M_WHOLE, N_UNTIL },
	{ "escalated", -1, -1, M_WHOLE, N_ESCALATED },
	{ "success", -1, -1, M_WHOLE, N_SUCCESS },
	/* Any one of the message's notmuch tags, whole (space-separated list). */
	{ "tag", ROW_TAGS, -1, M_WORDS, N_TERM },
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))
#define F_KIND 18
#define F_ACTION 4

struct parser {
	const char *s;
	size_t pos;
	int depth;
	time_t now;
	struct filter *f;
	struct filter_error *err;
	bool failed;
};

static void
fail(struct parser *p, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = true;
	p->err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(p->err->msg, sizeof(p->err->msg), fmt, ap);
	va_end(ap);
}

static size_t
node_new(struct filter *f, enum node_type t)
{
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->n = xrealloc(f->n, f->cap * sizeof(*f->n));
	}
	memset(&f->n[f->len], 0, sizeof(f->n[0]));
	f->n[f->len].type = t;
	return f->len++;
}

static void
skip_blank(struct parser *p)
{
	while (isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static bool
ends_word(int c)
{
	return c == '\0' || isspace(c) || c == '(' || c == ')';
}

/* Is the next token the keyword kw (and, or, not; any case)? */
static bool
at_keyword(struct parser *p, const char *kw)
{
	size_t n = strlen(kw);

	return strncasecmp(p->s + p->pos, kw, n) == 0 &&
	    ends_word((unsigned char)p->s[p->pos + n]);
}

/* A quoted or bare value at p->pos; returns a new string or NULL. */
static char *
read_value(struct parser *p)
{
	struct buf b = BUF_INIT;
	size_t start = p->pos;

	if (p->s[p->pos] == '"') {
		p->pos++;
		while (p->s[p->pos] != '"') {
			if (p->s[p->pos] == '\0') {
				fail(p, start, "unterminated quoted string");
				buf_free(&b);
				return NULL;
			}
			if (p->s[p->pos] == '\\' && p->s[p->pos + 1] != '\0')
				p->pos++;
			buf_addc(&b, p->s[p->pos++]);
		}
		p->pos++;
		if (!ends_word((unsigned char)p->s[p->pos])) {
			fail(p, p->pos, "expected a space or ')' after the closing quote");
			buf_free(&b);
			return NULL;
		}
		return buf_steal(&b);
	}
	while (!ends_word((unsigned char)p->s[p->pos]))
		buf_addc(&b, p->s[p->pos++]);
	if (b.len == 0) {
		fail(p, start, "expected a value");
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* "7d", "12h", "2w", "30min", "90s" back from now, or a UTC date/time. */
static bool
parse_when(const char *v, time_t now, bool until, time_t *out)
{
	struct tm tm;
	char *end;
	long long n;
	const char *rest;

	if (isdigit((unsigned char)v[0]) && strlen(v) < 8) {
		n = strtoll(v, &end, 10);
		if (n < 0 || n > 100000 || end == v)
			return false;
		if (strcmp(end, "s") == 0)
			*out = now - (time_t)n;
		else if (strcmp(end, "min") == 0)
			*out = now - (time_t)n * 60;
		else if (strcmp(end, "h") == 0)
			*out = now - (time_t)n * 3600;
		else if (strcmp(end, "d") == 0)
			*out = now - (time_t)n * 86400;
		else if (strcmp(end, "w") == 0)
			*out = now - (time_t)n * 7 * 86400;
		else
			return false;
		return true;
	}
	/* By hand: strptime() needs _XOPEN_SOURCE, which clashes with ncursesw. */
	memset(&tm, 0, sizeof(tm));
	if (!digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || v[7] != '-' ||
	    !digits(v + 8, 2))
		return false;
	tm.tm_year = atoi(v) - 1900;
	tm.tm_mon = atoi(v + 5) - 1;
	tm.tm_mday = atoi(v + 8);
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
	    tm.tm_mday > mdays[tm.tm_mon] + (tm.tm_mon == 1 && leap(tm.tm_year + 1900)))
		return false;
	rest = v + 10;
	if (*rest == '\0') {
		*out = timegm(&tm) + (until ? 86400 : 0);
		return true;
	}
	if ((*rest != 'T' && *rest != ' ') || !digits(rest + 1, 2) || rest[3] != ':' ||
	    !digits(rest + 4, 2))
		return false;
	tm.tm_hour = atoi(rest + 1);
	tm.tm_min = atoi(rest + 4);
	rest += 6;
	if (*rest == ':') {
		if (!digits(rest + 1, 2))
			return false;
		tm.tm_sec = atoi(rest + 1);
		rest += 3;
	}
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 ||
	    (*rest != '\0' && strcmp(rest, "Z") != 0))
		return false;
	*out = timegm(&tm) + (until ? 1 : 0);
	return true;
}

static bool
has_glob(const char *s)
{
	return strpbrk(s, "*?") != NULL;
}

static size_t parse_or(struct parser *p);
static size_t parse_and(struct parser *p);

static size_t
parse_term(struct parser *p)
{
	size_t start = p->pos, colon = start, id;
	const struct field *fd = NULL;
	char *v;

	while (isalpha((unsigned char)p->s[colon]))
		colon++;
	if (colon > start && p->s[colon] == ':') {
		for (size_t i = 0; i < NFIELDS; i++)
			if (strlen(fields[i].name) == colon - start &&
			    strncasecmp(fields[i].name, p->s + start, colon - start) == 0)
				fd = &fields[i];
		if (fd == NULL) {
			fail(p, start, "unknown field '%.*s' (expected recipient, domain, "
			    "status, code, reason, action, hard, mta, remote, reporting, "
			    "from, subject, diag, template, id, file, kind, error, since, "
			    "until, escalated, success, tag)", (int)(colon - start > 32 ? 32 : colon - start),
			    p->s + start);
			return 0;
		}
		p->pos = colon + 1;
		if (ends_word((unsigned char)p->s[p->pos]) && p->s[p->pos] != '"') {
			fail(p, p->pos, "expected a value after '%s:'", fd->name);
			return 0;
		}
	}
	if ((v = read_value(p)) == NULL)
		return 0;
	if (fd == NULL) {
		id = node_new(p->f, N_WORD);
	} else if (fd->special == N_HARD || fd->special == N_ESCALATED ||
	    fd->special == N_SUCCESS) {
		id = node_new(p->f, fd->special);
		if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0)
			p->f->n[id].yes = true;
		else if (strcasecmp(v, "no") != 0 && strcasecmp(v, "false") != 0)
			fail(p, colon + 1, "expected yes or no after '%s:'", fd->name);
	} else if (fd->special == N_SINCE || fd->special == N_UNTIL) {
		id = node_new(p->f, fd->special);
		if (!parse_when(v, p->now, fd->special == N_UNTIL, &p->f->n[id].when))
			fail(p, colon + 1, "expected a date (YYYY-MM-DD) or an age "
			    "(7d, 12h, 2w) after '%s:'", fd->name);
	} else {
		id = node_new(p->f, N_TERM);
		p->f->n[id].field = (int)(fd - fields);
	}
	p->f->n[id].glob = has_glob(v);
	p->f->n[id].pat = v;
	return id;
}

static size_t
parse_unary(struct parser *p)
{
	size_t id, kid, open;

	skip_blank(p);
	if (++p->depth > FILTER_MAX_DEPTH) {
		fail(p, p->pos, "expression nested too deeply (more than %d levels)",
		    FILTER_MAX_DEPTH);
		return 0;
	}
	if (p->s[p->pos] == '\0') {
		fail(p, p->pos, "expected a term, '(' or 'not' at the end");
		id = 0;
	} else if (p->s[p->pos] == '-' && ends_word((unsigned char)p->s[p->pos + 1])) {
		fail(p, p->pos, "expected a term right after '-'");
		id = 0;
	} else if (p->s[p->pos] == '-' && !ends_word((unsigned char)p->s[p->pos + 1]) &&
	    p->s[p->pos + 1] != '-') {
		p->pos++;
		kid = parse_unary(p);
		id = node_new(p->f, N_NOT);
		p->f->n[id].kid = kid;
	} else if (at_keyword(p, "not")) {
		p->pos += 3;
		kid = parse_unary(p);
		id = node_new(p->f, N_NOT);
		p->f->n[id].kid = kid;
	} else if (p->s[p->pos] == '(') {
		open = p->pos++;
		id = parse_or(p);
		skip_blank(p);
		if (!p->failed && p->s[p->pos] != ')')
			fail(p, p->pos, p->s[p->pos] == '\0' ?
			    "expected ')' to close the '(' at column %zu" :
			    "expected 'and', 'or' or ')' (for the '(' at column %zu)",
			    open + 1);
		if (p->s[p->pos] == ')')
			p->pos++;
	} else if (p->s[p->pos] == ')') {
		fail(p, p->pos, "unexpected ')'");
		id = 0;
	} else if (at_keyword(p, "and") || at_keyword(p, "or")) {
		fail(p, p->pos, "expected a term before '%.*s'",
		    at_keyword(p, "or") ? 2 : 3, p->s + p->pos);
		id = 0;
	} else {
		id = parse_term(p);
	}
	p->depth--;
	return p->failed ? 0 : id;
}

/* Operands of one operator are kept flat (n-ary), so depth is nesting only. */
static size_t
parse_list(struct parser *p, enum node_type t)
{
	size_t first, last, right, id;
	bool more = false;

	first = last = t == N_OR ? parse_and(p) : parse_unary(p);
	for (;;) {
		skip_blank(p);
		if (p->failed || p->s[p->pos] == '\0' || p->s[p->pos] == ')')
			break;
		if (t == N_OR) {
			if (!at_keyword(p, "or"))
				break;
			p->pos += 2;
			right = parse_and(p);
		} else {
			if (at_keyword(p, "or"))
				break;
			if (at_keyword(p, "and"))
				p->pos += 3;
			right = parse_unary(p);
		}
		if (p->failed)
			break;
		p->f->n[last].next = right;
		last = right;
		more = true;
	}
	if (p->failed || !more)
		return p->failed ? 0 : first;
	id = node_new(p->f, t);
	p->f->n[id].kid = first;
	return id;
}

static size_t
parse_and(struct parser *p)
{
	return parse_list(p, N_AND);
}

static size_t
parse_or(struct parser *p)
{
	return parse_list(p, N_OR);
}

/*
 * Does the expression ask for success rows where it is not negated:
 * success:yes (or -success:no), or an action: pattern that a success
 * action matches (action:delivered, action:*)?  -action:delayed does not.
 */
static bool
asks_successes(const struct filter *f, size_t id, bool positive)
{
	const struct node *n = &f->n[id];

	switch (n->type) {
	case N_SUCCESS:
		return n->yes == positive;
	case N_TERM:
		for (size_t i = 0; positive && n->field == F_ACTION && row_success_action(i); i++)
			if (filter_glob(n->pat, row_success_action(i)))
				return true;
		return false;
	case N_NOT:
		return asks_successes(f, n->kid, !positive);
	case N_AND:
	case N_OR:
		for (size_t k = n->kid; k != 0; k = f->n[k].next)
			if (asks_successes(f, k, positive))
				return true;
		return false;
	default:
		return false;
	}
}

void
filter_free(struct filter *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->len; i++)
		free(f->n[i].pat);
	free(f->n);
	free(f);
}

enum status
filter_compile(const char *expr, time_t now, struct filter **out, struct filter_error *err)
{
	struct filter *f = xcalloc(1, sizeof(*f));
	struct parser p = { expr ? expr : "", 0, 0, now, f, err, false };

	*out = NULL;
	err->pos = 0;
	err->msg[0] = '\0';
	node_new(f, N_TRUE);	/* index 0: "none" */
	if (strlen(p.s) > FILTER_MAX_LEN) {
		fail(&p, FILTER_MAX_LEN, "expression longer than %d bytes", FILTER_MAX_LEN);
		goto fail;
	}
	skip_blank(&p);
	if (p.s[p.pos] == '\0') {
		f->root = node_new(f, N_TRUE);
		*out = f;
		return STATUS_OK;
	}
	f->root = parse_or(&p);
	skip_blank(&p);
	if (!p.failed && p.s[p.pos] != '\0')
		fail(&p, p.pos, p.s[p.pos] == ')' ? "unexpected ')'" :
		    "expected 'and', 'or' or the end");
	if (p.failed || f->root == 0)
		goto fail;
	f->successes = asks_successes(f, f->root, true);
	*out = f;
	return STATUS_OK;
fail:
	filter_free(f);
	return STATUS_SYNTAX;
}

bool
filter_glob(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;

	/*
	 * Greedy with one backtrack point: on a mismatch only the latest *
	 * absorbs one more character, which bounds the work by
	 * strlen(pat) * strlen(s).
	 */
	while (*s) {
		if (*pat == '*') {
			star = ++pat;
			resume = s;
		} else if (*pat == '?' ||
		    tolower((unsigned char)*pat) == tolower((unsigned char)*s)) {
			pat++;
			s++;
		} else if (star != NULL) {
			pat = star;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

static bool
text_match(const struct node *n, enum match how, const char *v)
{
	if (n->glob || how == M_WHOLE)
		return filter_glob(n->pat, v);
	return str_casestr(v, n->pat) != NULL;
}

/* Does one word of the space-separated list v match the whole pattern? */
static bool
words_match(const struct node *n, const char *v)
{
	char word[256];

	while (v != NULL && *v != '\0') {
		size_t w = strcspn(v, " ");

		/* Tags are at most 200 bytes; a longer word cannot be one. */
		if (w > 0 && w < sizeof(word)) {
			memcpy(word, v, w);
			word[w] = '\0';
			if (filter_glob(n->pat, word))
				return true;
		}
		v += w;
		v += strspn(v, " ");
	}
	return false;
}

static bool
term_match(const struct node *n, const struct row *r)
{
	const struct field *fd = &fields[n->field];
	const char *v;

	if (n->field == F_KIND)
		return filter_glob(n->pat, bounce_kind_str(r->kind));
	for (int k = 0; k < 2; k++) {
		int col = k == 0 ? fd->col : fd->col2;

		if (col < 0)
			continue;
		v = r->s[col];
		if (fd->how == M_WORDS) {
			if (words_match(n, v))
				return true;
			continue;
		}
		/* An unknown structured value reads "unknown", as in groups. */
		if (v == NULL && fd->how == M_WHOLE)
			v = "unknown";
		if (v != NULL && text_match(n, fd->how, v))
			return true;
	}
	return false;
}

static bool
eval(const struct filter *f, size_t id, const struct row *r)
{
	const struct node *n = &f->n[id];
	size_t k;

	switch (n->type) {
	case N_TRUE:
		return true;
	case N_AND:
		for (k = n->kid; k != 0; k = f->n[k].next)
			if (!eval(f, k, r))
				return false;
		return true;
	case N_OR:
		for (k = n->kid; k != 0; k = f->n[k].next)
			if (eval(f, k, r))
				return true;
		return false;
	case N_NOT:
		return !eval(f, n->kid, r);
	case N_TERM:
		return term_match(n, r);
	case N_WORD:
		return (r->s[ROW_RECIPIENT] && text_match(n, M_TEXT, r->s[ROW_RECIPIENT])) ||
		    (r->s[ROW_DIAGNOSTIC] && text_match(n, M_TEXT, r->s[ROW_DIAGNOSTIC]));
	case N_HARD:
		return r->s[ROW_REASON] != NULL && r->hard == n->yes;
	case N_ESCALATED:
		return r->escalated == n->yes;
	case N_SINCE:
		return r->date != 0 && r->date >= n->when;
	case N_UNTIL:
		return r->date != 0 && r->date < n->when;
	case N_SUCCESS:
		return row_is_success(r) == n->yes;
	}
	return false;
}

bool
filter_match(const struct filter *f, const struct row *r)
{
	return f == NULL || eval(f, f->root, r);
}

bool
filter_shows_successes(const struct filter *f)
{
	return f != NULL && f->successes;
}

bool
filter_keep(const struct filter *f, const struct row *r)
{
	return (!row_is_success(r) || filter_shows_successes(f)) && filter_match(f, r);
}
