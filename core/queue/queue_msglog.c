/*
 * Reading Exim msglog text: which recipient's last deferral says what.
 * Pure text in, delay reasons out; files are queue_msglog_dir.c's job.
 *
 * A line is, in order (every part but the address optional, so main log
 * lines and hand-cut excerpts read alike):
 *   date "YYYY-MM-DD", time "HH:MM:SS[.fff]", zone "+hhmm", "[pid]",
 *   message id (main log), marker "==" (defer) or "**" (failure),
 *   the address, "<original>" (after a redirection),
 *   router/transport fields "R=..", "T=..", "routing",
 *   then "defer (errno)" and the reason, or, after "**", the reason itself.
 */
#include "core/queue/queue_msglog.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/queue/queue_int.h"
#include "core/shared/buf.h"
#include "core/shared/strmap.h"

/* Deferrals that say nothing about the cause: Exim did not even try. */
static const char *const no_cause[] = {
	"retry time not reached",
	"spool file is locked",
};

/* Words among the fields before "defer" ("routing defer (-52)"), besides X=y. */
static const char *const field_words[] = { "routing" };

struct span {
	const char *p;
	size_t n;
};

/* The next space-separated token of [*p, end) in *t; false when none is left. */
static bool
token(const char **p, const char *end, struct span *t)
{
	while (*p < end && **p == ' ')
		(*p)++;
	t->p = *p;
	while (*p < end && **p != ' ')
		(*p)++;
	t->n = (size_t)(*p - t->p);
	return t->n > 0;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s matches pat, where '9' is any digit and every other byte itself. */
static bool
shaped(struct span s, const char *pat)
{
	size_t n = strlen(pat);

	if (s.n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pat[i] == '9' ? !is_digit(s.p[i]) : s.p[i] != pat[i])
			return false;
	return true;
}

static bool
is_time(struct span s)
{
	struct span hms = { s.p, s.n < 8 ? s.n : 8 };

	if (!shaped(hms, "99:99:99"))
		return false;
	if (s.n == 8)
		return true;
	/* Fractions with log_selector +millisec. */
	if (s.p[8] != '.' || s.n == 9)
		return false;
	for (size_t i = 9; i < s.n; i++)
		if (!is_digit(s.p[i]))
			return false;
	return true;
}

/* An Exim message id: base 62 and '-', a '-' after the six time digits. */
static bool
is_msgid(struct span s)
{
	if (s.n < 14 || s.n > 64 || s.p[6] != '-')
		return false;
	for (size_t i = 0; i < s.n; i++) {
		char c = s.p[i];

		if (!(is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-'))
			return false;
	}
	return true;
}

/* An address token: no control bytes (a NUL would cut the lookup key). */
static bool
is_address(struct span s)
{
	if (s.n == 0 || s.n > QUEUE_STR_MAX)
		return false;
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] < 0x20 || s.p[i] == 0x7f)
			return false;
	return true;
}

static bool
is_field(struct span s)
{
	if (memchr(s.p, '=', s.n) != NULL && s.p[0] != '=')
		return true;
	for (size_t i = 0; i < sizeof(field_words) / sizeof(field_words[0]); i++)
		if (s.n == strlen(field_words[i]) && memcmp(s.p, field_words[i], s.n) == 0)
			return true;
	return false;
}

/* "(-44)", "(111)": the errno Exim logs after "defer". */
static bool
is_errno(struct span s)
{
	size_t i = 1;

	/* "(111):" when the reason follows at once. */
	if (s.n > 0 && s.p[s.n - 1] == ':')
		s.n--;
	if (s.n < 3 || s.p[0] != '(')
		return false;
	if (s.p[i] == '-')
		i++;
	if (i == s.n - 1)
		return false;
	for (; i < s.n - 1; i++)
		if (!is_digit(s.p[i]))
			return false;
	return s.p[s.n - 1] == ')';
}

struct deferral {
	struct span addr, orig;	/* orig: inside "<...>", or empty */
	struct span reason;	/* from the line, not cut yet */
};

/*
 * Takes the optional tokens before the address off the front of the line;
 * *failure when the main log's "**" marks a failed delivery.
 */
static void
skip_prefix(const char **p, const char *end, bool *failure)
{
	const char *save = *p;
	struct span t;

	*failure = false;
	if (token(p, end, &t) && shaped(t, "9999-99-99")) {
		save = *p;
		if (token(p, end, &t) && is_time(t))
			save = *p;
	}
	*p = save;
	if (token(p, end, &t) && (t.p[0] == '+' || t.p[0] == '-') &&
	    shaped((struct span){ t.p + 1, t.n - 1 }, "9999"))
		save = *p;
	*p = save;
	if (token(p, end, &t) && t.p[0] == '[' && t.p[t.n - 1] == ']')
		save = *p;
	*p = save;
	if (token(p, end, &t) && is_msgid(t))
		save = *p;
	*p = save;
	if (token(p, end, &t) && t.n == 2 &&
	    (memcmp(t.p, "==", 2) == 0 || memcmp(t.p, "**", 2) == 0)) {
		save = *p;
		*failure = t.p[0] == '*';
	}
	*p = save;
}

/*
 * Moves *p past the fields after the address to where the reason starts:
 * past "defer (errno)" for a deferral; for a failure ("**"), past the
 * router/transport fields (a field ending in ':' is the last) up to
 * "H=host" or the first word that is no field.  False when the line is
 * neither.
 */
static bool
skip_fields(const char **p, const char *end, bool failure)
{
	const char *save;
	struct span t;

	for (;;) {
		save = *p;
		if (!token(p, end, &t))
			return false;
		if (!failure && t.n == 5 && memcmp(t.p, "defer", 5) == 0)
			return token(p, end, &t) && is_errno(t);
		if (failure && (!is_field(t) || (t.n > 2 && memcmp(t.p, "H=", 2) == 0))) {
			*p = save;
			return true;
		}
		if (!is_field(t))
			return false;
		if (failure && t.p[t.n - 1] == ':')
			return true;
	}
}

/*
 * Reads one line; true when it is a deferral (or a "**" failure) naming an
 * address with a reason that says something, with d filled.
 */
static bool
line_deferral(const char *p, size_t n, struct deferral *d)
{
	const char *end = p + n, *save, *nul;
	struct span t;
	bool failure;

	memset(d, 0, sizeof(*d));
	skip_prefix(&p, end, &failure);
	if (!token(&p, end, &d->addr) || !is_address(d->addr) || d->addr.p[0] == '<' ||
	    memchr(d->addr.p, '=', d->addr.n) != NULL)
		return false;
	save = p;
	if (token(&p, end, &t) && t.n > 2 && t.p[0] == '<' && t.p[t.n - 1] == '>')
		d->orig = (struct span){ t.p + 1, t.n - 2 };
	else
		p = save;
	if (!skip_fields(&p, end, failure))
		return false;
	while (p < end && (*p == ' ' || *p == ':'))
		p++;
	/* Binary junk: the reason stops at a NUL. */
	if (p < end && (nul = memchr(p, '\0', (size_t)(end - p))) != NULL)
		end = nul;
	while (end > p && end[-1] == ' ')
		end--;
	d->reason = (struct span){ p, (size_t)(end - p) };
	if (d->reason.n == 0)
		return false;
	for (size_t i = 0; i < sizeof(no_cause) / sizeof(no_cause[0]); i++) {
		size_t k = strlen(no_cause[i]);

		if (d->reason.n >= k && memcmp(d->reason.p, no_cause[i], k) == 0)
			return false;
	}
	return true;
}

/* The reason as handed to the classifier: "H=x [ip]" written "host x [ip]". */
static char *
reason_text(struct span r)
{
	struct buf b = BUF_INIT;
	char *s;

	if (r.n > QUEUE_STR_MAX)
		r.n = QUEUE_STR_MAX;
	if (r.n > 2 && r.p[0] == 'H' && r.p[1] == '=') {
		buf_adds(&b, "host ");
		buf_add(&b, r.p + 2, r.n - 2);
	} else {
		buf_add(&b, r.p, r.n);
	}
	s = queue_strndup(b.data, b.len);
	buf_free(&b);
	return s;
}

/* ASCII lower-case copy of s, the lookup key of an address. */
static char *
key_of(const char *p, size_t n)
{
	char *k = xstrndup(p, n);

	for (char *c = k; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return k;
}

/* Records d's reason as the last one of its address or original, if queued. */
static void
match(const struct strmap *addrs, const struct deferral *d, struct span *last, size_t nlast)
{
	const struct span *names[2] = { &d->addr, &d->orig };

	for (size_t i = 0; i < 2; i++) {
		char *k;
		size_t u;

		if (names[i]->n == 0 || !is_address(*names[i]))
			continue;
		k = key_of(names[i]->p, names[i]->n);
		if (strmap_get(addrs, k, &u) && u < nlast)
			last[u] = d->reason;
		free(k);
	}
}

void
queue_msglog_read(struct queue_msg *m, const char *text, size_t len)
{
	struct strmap addrs = STRMAP_INIT;
	struct span *last;
	size_t *slot, nuniq = 0, pos = 0;
	struct queue_line l;

	if (m->nrecipients == 0 || text == NULL)
		return;
	/* Each distinct address once: a message may list one twice. */
	slot = xcalloc(m->nrecipients, sizeof(*slot));
	for (size_t j = 0; j < m->nrecipients; j++) {
		char *k = key_of(m->recipients[j].address, strlen(m->recipients[j].address));

		if (!strmap_get(&addrs, k, &slot[j])) {
			slot[j] = nuniq++;
			strmap_put(&addrs, k, slot[j]);
		}
		free(k);
	}
	last = xcalloc(nuniq, sizeof(*last));
	while (queue_line_next(text, len, &pos, &l)) {
		struct deferral d;

		if (line_deferral(l.p, l.len, &d))
			match(&addrs, &d, last, nuniq);
	}
	for (size_t j = 0; j < m->nrecipients; j++) {
		struct queue_rcpt *r = &m->recipients[j];

		if (last[slot[j]].p == NULL)
			continue;
		free(r->delay_reason);
		r->delay_reason = reason_text(last[slot[j]]);
	}
	free(last);
	free(slot);
	strmap_free(&addrs);
}

char *
queue_msglog_reason(const char *text, size_t len, const char *address)
{
	struct queue_msg m;
	char *reason;

	memset(&m, 0, sizeof(m));
	queue_msg_clear(&m);
	if (address == NULL)
		return NULL;
	queue_msg_add_rcpt(&m, address, strlen(address));
	queue_msglog_read(&m, text, len);
	reason = m.recipients[0].delay_reason;
	m.recipients[0].delay_reason = NULL;
	queue_msg_clear(&m);
	return reason;
}
