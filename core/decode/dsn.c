#include "core/decode/dsn.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/xtext_int.h"
#include "core/shared/buf.h"

/* A folded field longer than this is evidence of garbage; cut it. */
#define FIELD_MAX (64 * 1024)

enum scope { SC_MSG, SC_RCPT };

enum vkind {
	V_PLAIN,	/* trimmed text */
	V_TYPED,	/* "type; value" */
	V_ADDR,		/* typed address, brackets and comments removed */
	V_ORIGADDR,	/* typed address, xtext-encoded */
	V_TOKEN,	/* first word, comment removed */
	V_ACTION,	/* first word, lower case */
	V_XTEXT		/* xtext-encoded text */
};

struct field_def {
	const char *name;
	enum scope scope;
	enum vkind kind;
	size_t off;		/* char * slot in struct dsn or dsn_recipient */
	size_t type_off;	/* slot for the type (or Status comment), or NOTYPE */
};

#define M(f) offsetof(struct dsn, f)
#define R(f) offsetof(struct dsn_recipient, f)
#define NOTYPE ((size_t)-1)

static const struct field_def fields[] = {
	{ "Reporting-MTA",	SC_MSG,  V_TYPED,    M(reporting_mta), M(reporting_mta_type) },
	{ "DSN-Gateway",	SC_MSG,  V_TYPED,    M(dsn_gateway), NOTYPE },
	{ "Received-From-MTA",	SC_MSG,  V_TYPED,    M(received_from_mta), NOTYPE },
	{ "Arrival-Date",	SC_MSG,  V_PLAIN,    M(arrival_date), NOTYPE },
	{ "Original-Envelope-Id", SC_MSG, V_XTEXT,   M(envelope_id), NOTYPE },
	{ "Original-Recipient",	SC_RCPT, V_ORIGADDR, R(original_recipient), R(original_type) },
	{ "Final-Recipient",	SC_RCPT, V_ADDR,     R(final_recipient), R(final_type) },
	{ "X-Actual-Recipient",	SC_RCPT, V_ADDR,     R(actual_recipient), NOTYPE },
	{ "Action",		SC_RCPT, V_ACTION,   R(action), NOTYPE },
	{ "Status",		SC_RCPT, V_TOKEN,    R(status), R(status_comment) },
	{ "Remote-MTA",		SC_RCPT, V_TYPED,    R(remote_mta), NOTYPE },
	{ "Diagnostic-Code",	SC_RCPT, V_TYPED,    R(diagnostic), R(diagnostic_type) },
	{ "Last-Attempt-Date",	SC_RCPT, V_PLAIN,    R(last_attempt), NOTYPE },
	{ "Final-Log-ID",	SC_RCPT, V_PLAIN,    R(final_log_id), NOTYPE },
	{ "Will-Retry-Until",	SC_RCPT, V_PLAIN,    R(will_retry_until), NOTYPE },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static char **
slot(void *base, size_t off)
{
	return (char **)(void *)((char *)base + off);
}

static const struct field_def *
field_find(const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcasecmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Removes parenthesised comments (nesting allowed, quotes respected). */
static char *
strip_comments(const char *s)
{
	struct buf b = BUF_INIT;
	int depth = 0;
	bool quoted = false;

	for (; *s; s++) {
		if (quoted) {
			if (*s == '"')
				quoted = false;
			if (depth == 0)
				buf_addc(&b, *s);
			continue;
		}
		if (*s == '"' && depth == 0) {
			quoted = true;
			buf_addc(&b, *s);
		} else if (*s == '(') {
			depth++;
		} else if (*s == ')' && depth > 0) {
			depth--;
		} else if (depth == 0) {
			buf_addc(&b, *s);
		}
	}
	char *r = trim_dup(b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* Splits "type; value": *type gets the type or NULL; returns the value. */
static char *
split_typed(const char *v, char **type)
{
	const char *semi = strchr(v, ';');
	const char *p;

	*type = NULL;
	if (semi == NULL)
		return trim_dup(v, strlen(v));
	/* A type is one atom: "rfc822", "dns", "smtp", "X-Postfix". */
	for (p = v; p < semi; p++)
		if (isspace((unsigned char)*p) && p > v && !isspace((unsigned char)p[-1]) &&
		    p + 1 < semi && !isspace((unsigned char)p[1]))
			return trim_dup(v, strlen(v));
	*type = trim_dup(v, (size_t)(semi - v));
	if (**type == '\0') {
		free(*type);
		*type = NULL;
	}
	return trim_dup(semi + 1, strlen(semi + 1));
}

/* Address types written twice ("rfc822; rfc822;a@b") are one too many. */
static const char *const addr_types[] = { "rfc822;", "utf-8;", "x400;", "unknown;" };

static char *
clean_address(char *a)
{
	char *c = strip_comments(a);
	size_t n = strlen(c);

	free(a);
	for (size_t i = 0; i < sizeof(addr_types) / sizeof(addr_types[0]); i++) {
		size_t tl = strlen(addr_types[i]);
		if (n > tl && strncasecmp(c, addr_types[i], tl) == 0) {
			size_t skip = tl;
			while (c[skip] == ' ' || c[skip] == '\t')
				skip++;
			memmove(c, c + skip, n - skip + 1);
			n -= skip;
			i = (size_t)-1;	/* again: a third copy would be as wrong */
		}
	}
	if (n >= 2 && c[0] == '<' && c[n - 1] == '>') {
		memmove(c, c + 1, n - 2);
		c[n - 2] = '\0';
	} else if (n >= 1 && c[n - 1] == '>' && strchr(c, '<') == NULL) {
		c[n - 1] = '\0';	/* "a@example.org>": one bracket of a pair */
	} else if (n >= 1 && c[0] == '<' && strchr(c, '>') == NULL) {
		memmove(c, c + 1, n);
	}
	return c;
}

static char *
first_token(const char *v, bool lower)
{
	char *c = strip_comments(v);
	size_t n = strcspn(c, " \t;,");

	c[n] = '\0';
	if (lower)
		for (char *p = c; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	return c;
}

static void
store(void *base, const struct field_def *f, const char *raw)
{
	char **dst = slot(base, f->off);
	char *type = NULL, *v = NULL, *t;

	if (*dst != NULL)
		return;	/* duplicate: the first one wins */
	switch (f->kind) {
	case V_PLAIN:
		v = trim_dup(raw, strlen(raw));
		break;
	case V_TYPED:
		v = split_typed(raw, &type);
		break;
	case V_ADDR:
		v = clean_address(split_typed(raw, &type));
		if (type && strcasecmp(type, "utf-8") == 0) {
			t = xtext_decode_unicode(v);
			free(v);
			v = t;
		}
		break;
	case V_ORIGADDR:
		v = clean_address(split_typed(raw, &type));
		t = (type && strcasecmp(type, "utf-8") == 0) ?
		    xtext_decode_unicode(v) : xtext_decode(v);
		free(v);
		v = t;
		break;
	case V_TOKEN:
		v = first_token(raw, false);
		/* The comment is the MTA's own words: "5.2.1 (mailbox disabled)". */
		if ((t = strchr(raw, '(')) != NULL) {
			char *close = strrchr(t, ')');
			type = trim_dup(t + 1, close && close > t ? (size_t)(close - t - 1) : strlen(t + 1));
		}
		break;
	case V_ACTION:
		v = first_token(raw, true);
		break;
	case V_XTEXT:
		t = trim_dup(raw, strlen(raw));
		v = xtext_decode(t);
		free(t);
		break;
	}
	if (v == NULL || *v == '\0') {
		free(v);
		free(type);
		return;
	}
	*dst = v;
	if (f->type_off != NOTYPE && type != NULL && *slot(base, f->type_off) == NULL)
		*slot(base, f->type_off) = type;
	else
		free(type);
}

static void
extra_add(struct dsn_field **arr, size_t *n, const char *name, const char *value)
{
	*arr = xrealloc(*arr, (*n + 1) * sizeof(**arr));
	(*arr)[*n].name = xstrdup(name);
	(*arr)[*n].value = trim_dup(value, strlen(value));
	(*n)++;
}

static bool
rcpt_empty(const struct dsn_recipient *r)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].scope == SC_RCPT && *slot((void *)r, fields[i].off))
			return false;
	return r->nextra == 0;
}

static struct dsn_recipient *
rcpt_open(struct dsn *d)
{
	d->rcpt = xrealloc(d->rcpt, (d->nrcpt + 1) * sizeof(*d->rcpt));
	memset(&d->rcpt[d->nrcpt], 0, sizeof(d->rcpt[0]));
	return &d->rcpt[d->nrcpt++];
}

struct parser {
	struct dsn *d;
	struct dsn_recipient *cur;	/* open recipient group, or NULL */
	struct buf name;
	struct buf value;
	bool have;			/* a field is being collected */
};

static void
field_flush(struct parser *p)
{
	const struct field_def *f;

	if (!p->have)
		return;
	p->have = false;
	f = field_find(p->name.data);
	if (f && f->scope == SC_MSG) {
		store(p->d, f, p->value.data);
	} else if (f) {
		if (p->cur && *slot(p->cur, f->off) != NULL)
			p->cur = NULL;	/* repeated: a group without a blank line */
		if (p->cur == NULL)
			p->cur = rcpt_open(p->d);
		store(p->cur, f, p->value.data);
	} else if (p->cur) {
		extra_add(&p->cur->extra, &p->cur->nextra, p->name.data, p->value.data);
	} else if (p->d->nrcpt == 0) {
		extra_add(&p->d->extra, &p->d->nextra, p->name.data, p->value.data);
	} else {
		p->cur = rcpt_open(p->d);
		extra_add(&p->cur->extra, &p->cur->nextra, p->name.data, p->value.data);
	}
}

/* "Name: value" with a name of printable non-space ASCII; returns the colon. */
static const char *
field_colon(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && line[i] > ' ' && line[i] < 127 && line[i] != ':')
		i++;
	if (i == 0)
		return NULL;
	size_t name_end = i;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i >= n || line[i] != ':' || name_end > 64)
		return NULL;
	return line + i;
}

static void
parse_line(struct parser *p, const char *line, size_t n)
{
	const char *colon;
	size_t i;

	for (i = 0; i < n && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (i == n) {		/* blank: end of a group */
		field_flush(p);
		p->cur = NULL;
		return;
	}
	if (i > 0 && p->have) {	/* continuation of a folded field */
		if (p->value.len < FIELD_MAX) {
			buf_addc(&p->value, ' ');
			buf_add(&p->value, line + i, n - i);
		}
		return;
	}
	field_flush(p);
	if ((colon = field_colon(line + i, n - i)) == NULL) {
		p->d->ngarbage++;
		return;
	}
	buf_reset(&p->name);
	buf_reset(&p->value);
	size_t nlen = 0;
	while (line[i + nlen] > ' ' && line[i + nlen] != ':')
		nlen++;
	buf_add(&p->name, line + i, nlen);
	size_t vstart = (size_t)(colon - line) + 1;
	buf_add(&p->value, line + vstart, n - vstart > FIELD_MAX ? FIELD_MAX : n - vstart);
	p->have = true;
}

static void rcpt_clear(struct dsn_recipient *rc);

/* A group with no address is the tail of the previous one (duplicates). */
static void
merge_addressless(struct dsn *d)
{
	size_t i = 1;

	while (i < d->nrcpt) {
		struct dsn_recipient *r = &d->rcpt[i], *prev = &d->rcpt[i - 1];

		if (dsn_recipient_address(r) != NULL) {
			i++;
			continue;
		}
		for (size_t k = 0; k < NFIELDS; k++) {
			if (fields[k].scope != SC_RCPT)
				continue;
			char **src = slot(r, fields[k].off), **dst = slot(prev, fields[k].off);
			if (*dst == NULL) {
				*dst = *src;
				*src = NULL;
			}
		}
		for (size_t k = 0; k < r->nextra; k++)
			extra_add(&prev->extra, &prev->nextra, r->extra[k].name, r->extra[k].value);
		rcpt_clear(r);
		memmove(r, r + 1, (d->nrcpt - i - 1) * sizeof(*r));
		d->nrcpt--;
	}
}

enum status
dsn_parse(const char *text, size_t len, struct dsn **out)
{
	struct parser p = { 0 };
	size_t i = 0, start;

	p.d = xcalloc(1, sizeof(*p.d));
	while (i < len) {
		start = i;
		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		parse_line(&p, text + start, i - start);
		if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		if (i < len)
			i++;
	}
	field_flush(&p);
	buf_free(&p.name);
	buf_free(&p.value);
	/* Drop groups that hold nothing at all (stray X- lines after the end). */
	for (size_t k = p.d->nrcpt; k-- > 0;) {
		if (!rcpt_empty(&p.d->rcpt[k]))
			break;
		rcpt_clear(&p.d->rcpt[k]);
		p.d->nrcpt--;
	}
	merge_addressless(p.d);
	*out = p.d;
	return STATUS_OK;
}

static bool
atom_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static bool
dot_atom(const char *s, size_t n, bool domain)
{
	bool after_dot = true;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (after_dot)
				return false;
			after_dot = true;
			continue;
		}
		if (domain ? !(atom_char(c) && strchr("!#$%&'*+/=?^`{|}~", c) == NULL) :
		    !atom_char(c))
			return false;
		after_dot = false;
	}
	return !after_dot;
}

bool
dsn_address_valid(const char *a)
{
	const char *at, *d;
	size_t n;

	if (a == NULL || (n = strlen(a)) == 0)
		return false;
	if (a[0] == '"') {
		size_t i = 1;

		for (; i < n && a[i] != '"'; i++) {
			if ((unsigned char)a[i] < 0x20 || a[i] == 0x7f)
				return false;
			if (a[i] == '\\' && i + 1 < n)
				i++;
		}
		if (i >= n || a[i + 1] != '@')
			return false;
		at = a + i + 1;
	} else {
		at = strrchr(a, '@');
		if (at == NULL || !dot_atom(a, (size_t)(at - a), false))
			return false;
	}
	d = at + 1;
	n = strlen(d);
	if (n >= 2 && d[0] == '[' && d[n - 1] == ']') {
		for (size_t i = 1; i + 1 < n; i++)
			if ((unsigned char)d[i] <= 0x20 || strchr("[]\\", d[i]))
				return false;
		return n > 2;
	}
	return dot_atom(d, n, true);
}

/* A type that names an Internet mail address (or none, as often). */
static bool
type_is_mail(const char *type)
{
	return type == NULL || strcasecmp(type, "rfc822") == 0 ||
	    strcasecmp(type, "utf-8") == 0;
}

const char *
dsn_recipient_sender_address(const struct dsn_recipient *r)
{
	if (type_is_mail(r->original_type) && dsn_address_valid(r->original_recipient))
		return r->original_recipient;
	if (r->final_recipient && type_is_mail(r->final_type) &&
	    dsn_address_valid(r->final_recipient))
		return r->final_recipient;
	if (dsn_address_valid(r->actual_recipient))
		return r->actual_recipient;
	return dsn_recipient_address(r);
}

const char *
dsn_recipient_address(const struct dsn_recipient *r)
{
	if (r->final_recipient)
		return r->final_recipient;
	if (r->actual_recipient)
		return r->actual_recipient;
	return r->original_recipient;
}

static void
fields_free(struct dsn_field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		free(f[i].value);
	}
	free(f);
}

static void
rcpt_clear(struct dsn_recipient *rc)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].scope == SC_RCPT)
			free(*slot(rc, fields[i].off));
	free(rc->final_type);
	free(rc->original_type);
	free(rc->status_comment);
	free(rc->diagnostic_type);
	fields_free(rc->extra, rc->nextra);
	memset(rc, 0, sizeof(*rc));
}

void
dsn_free(struct dsn *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < NFIELDS; i++)
		if (fields[i].scope == SC_MSG)
			free(*slot(d, fields[i].off));
	free(d->reporting_mta_type);
	fields_free(d->extra, d->nextra);
	for (size_t r = 0; r < d->nrcpt; r++)
		rcpt_clear(&d->rcpt[r]);
	free(d->rcpt);
	free(d);
}
