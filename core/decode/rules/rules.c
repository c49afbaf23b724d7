#include "core/decode/rules/rules_int.h"
#include "core/decode/rules/rules_words_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/dsn.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/*
 * Sendmail's "(expanded from: <list@example.org>)" below a recipient: the
 * address the sender wrote, which the failing one was an alias of.
 */
static const char *const expanded_from[] = {
	"(expanded from: <%a>)",
	"(expanded from: %a)",
	NULL
};

/*
 * The opening sentences of report texts: they say that this is a report,
 * never why a message failed, so a line that starts with one is never
 * (part of) a diagnostic paragraph.
 */
static const char *const boilerplate[] = {
	"This is an automatically generated Delivery Status Notification",
	"This is a delivery status notification",
	"This is the mail system at host",		/* Postfix */
	"This message was created automatically by mail delivery software",	/* Exim */
	"This is a MIME-encapsulated message",
	"This is a multi-part message in MIME format",
	"Delivery to the following recipients failed permanently",
	"Delivery to the following recipient failed permanently",
	"THIS IS A WARNING MESSAGE ONLY",
	"YOU DO NOT NEED TO RESEND YOUR MESSAGE",
	NULL
};

/* Words before a host name that received the message (Remote-MTA). */
static const char *const host_markers[] = {
	"remote host ",
	"host ",
	"Server ",
	"Remote system: dns; ",
	"Generating server: ",
	"while talking to ",
	" H=",			/* Exim: "Delay reason: H=mx.example.org [192.0.2.1]:" */
	NULL
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static struct rules_span
trim(const char *p, size_t n)
{
	struct rules_span s;

	while (n > 0 && is_space(*p)) {
		p++;
		n--;
	}
	while (n > 0 && is_space(p[n - 1]))
		n--;
	s.p = p;
	s.n = n;
	return s;
}

static bool
addr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 ||
	    strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

static bool
domain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c >= 0x80 || c == '.' || c == '-';
}

/*
 * Length of the mail address at s[0..n): local@domain with a domain that
 * has a letter or digit, without trailing dots; 0 when there is none.
 * Quotes and apostrophes around an address are never part of it.
 */
static size_t
addr_len(const char *s, size_t n)
{
	size_t i = 0, at, end;

	while (i < n && addr_char((unsigned char)s[i]) && s[i] != '\'')
		i++;
	if (i == 0 || i >= n || s[i] != '@')
		return 0;
	at = i++;
	while (i < n && domain_char((unsigned char)s[i]))
		i++;
	end = i;
	while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-'))
		end--;
	if (end <= at + 1)
		return 0;
	return end;
}

/*
 * True when the pattern character before p is a literal that the text
 * matched ("dda:SMTP=%a"): the pattern itself then says where the address
 * starts, even after a character that could belong to one.  After "*",
 * "~" or "#" the text before the address is unknown and the word boundary
 * rule applies.
 */
static bool
lit_before(const char *pat, const char *p)
{
	if (p == pat)
		return false;
	if (p - pat >= 2 && p[-2] == '\\')
		return true;
	return strchr("*~# ", p[-1]) == NULL;
}

/*
 * Wildcard matching with one backtrack point: when a later literal fails,
 * the last "*" swallows one more character and matching resumes there.
 * This is exact for patterns of literals and stars, runs in O(pattern *
 * line) time, and treats "%a" as one deterministic token.
 */
static int
glob(const char *pat, const char *s, size_t n, const char **addr,
    size_t *alen, const char **tail)
{
	const char *p = pat, *star_p = NULL;
	size_t i = 0, star_i = 0, k;

	*addr = NULL;
	*alen = 0;
	*tail = NULL;
	for (;;) {
		if (*p == '*' || *p == '~') {
			if (p[1] == '\0') {
				*tail = *p == '*' ? s + i : NULL;
				return *addr != NULL || strstr(pat, "%a") == NULL;
			}
			star_p = ++p;
			star_i = i;
			continue;
		}
		if (*p == '\0' && i == n)
			return *addr != NULL || strstr(pat, "%a") == NULL;
		/* "\\*" is a literal star ("   * a@example.org" lists). */
		if (*p == '\\' && p[1] != '\0') {
			if (i < n && lower(p[1]) == lower(s[i])) {
				p += 2;
				i++;
				continue;
			}
		} else if (*p == '%' && p[1] == 'a' && i < n &&
		    (i == 0 || !addr_char((unsigned char)s[i - 1]) ||
		    lit_before(pat, p)) &&
		    (k = addr_len(s + i, n - i)) > 0) {
			*addr = s + i;
			*alen = k;
			i += k;
			p += 2;
			continue;
		}
		if (*p == '#' && i < n && is_digit(s[i])) {
			p++;
			i++;
			continue;
		}
		if (*p == ' ' && i < n && is_space(s[i])) {
			while (i < n && is_space(s[i]))
				i++;
			p++;
			continue;
		}
		if (*p != '\0' && *p != '%' && *p != ' ' && *p != '#' &&
		    *p != '\\' && i < n && lower(*p) == lower(s[i])) {
			p++;
			i++;
			continue;
		}
		if (star_p == NULL || star_i >= n)
			return 0;
		p = star_p;
		i = ++star_i;
	}
}

int
rules_match(const char *pat, const char *line, size_t n, const char **addr,
    size_t *alen)
{
	const char *tail;
	struct rules_span t = trim(line, n > RULES_LINE_MAX ? RULES_LINE_MAX : n);

	return glob(pat, t.p, t.n, addr, alen, &tail);
}

const struct rule_family *
rules_identify(GMimeMessage *msg, const char *text, size_t len)
{
	return rules_words_identify(msg, text, len);
}

/* A recipient line found in the section and the lines that follow it. */
/* Leading blanks of a line: how far it is indented. */
static size_t
indent_of(struct rules_span l)
{
	size_t n = 0;

	while (n < l.n && (l.p[n] == ' ' || l.p[n] == '\t'))
		n++;
	return n;
}

/*
 * A line indented deeper than the recipient line above it, with no blank
 * line between, continues that recipient's paragraph: Postfix wraps the
 * server's reply onto lines indented by four spaces, and an address at
 * the start of one ("    <bounces+x@example.org>: unauthorized sender")
 * is the server's words, not another recipient.
 */
static bool
continues_hit(const struct rules_span *lines, size_t prev, size_t i)
{
	size_t depth = indent_of(lines[prev]);

	if (indent_of(lines[i]) <= depth)
		return false;
	for (size_t k = prev + 1; k < i; k++)
		if (trim(lines[k].p, lines[k].n).n == 0)
			return false;
	return true;
}

struct hit {
	const char *addr;
	size_t alen;
	struct rules_span line;	/* the recipient line */
	struct rules_span tail;	/* the rest of the recipient line */
	size_t first, last;	/* following lines [first, last) */
	char *orig;		/* "(expanded from: <a>)" below its first mention */
};

/*
 * Header fields quoted in a report ("To: a@example.org") name the sender or
 * the original recipients, never a failure: patterns that start with "*"
 * would take them for recipient lines.
 */
static const char *const quoted_headers[] = {
	"To:", "Cc:", "From:", "Reply-To:", "Sender:", "Return-Path:",
	"Delivered-To:", "Envelope-To:", "Original Sender:", NULL
};

static bool
is_header_line(struct rules_span l)
{
	for (const char *const *h = quoted_headers; *h; h++)
		if (l.n >= strlen(*h) && strncasecmp(l.p, *h, strlen(*h)) == 0)
			return true;
	return false;
}

/* The shortest rule line that separates a footer ("____..."). */
#define RULE_LINE_MIN 20

/* True for a line drawn only with punctuation, such as "-----". */
static bool
is_rule(struct rules_span l)
{
	for (size_t i = 0; i < l.n; i++)
		if (!is_space(l.p[i]) && strchr("-=*_#~|+", l.p[i]) == NULL)
			return false;
	return true;
}

static bool
is_boilerplate(struct rules_span l)
{
	l = trim(l.p, l.n);
	for (const char *const *b = boilerplate; *b; b++)
		if (l.n >= strlen(*b) && strncasecmp(l.p, *b, strlen(*b)) == 0)
			return true;
	return false;
}

/* Appends line l to out, without a repeated multi-line reply prefix. */
static void
diag_add(struct buf *out, struct rules_span l, char prefix[16])
{
	size_t k = strlen(prefix);

	l = trim(l.p, l.n);
	if (is_rule(l))
		return;
	if (l.n >= 4 && l.p[0] >= '2' && l.p[0] <= '5' &&
	    (l.p[3] == '-' || l.p[3] == ' ')) {
		if (k > 0 && l.n >= k && strncmp(l.p, prefix, 3) == 0) {
			/* "550-5.7.26 more" continues "550-5.7.26 first". */
			size_t skip = 4;
			if (k > 4 && l.n >= k && memcmp(l.p + 4, prefix + 4, k - 4) == 0)
				skip = k;
			l = trim(l.p + skip, l.n - skip);
		} else if (k == 0 && l.p[3] == '-') {
			size_t j = 4;
			while (j < l.n && j < 15 && !is_space(l.p[j]))
				j++;
			memcpy(prefix, l.p, j);
			prefix[j] = '\0';
		}
	}
	if (l.n == 0)
		return;
	if (out->len > 0)
		buf_addc(out, ' ');
	for (size_t i = 0; i < l.n && out->len < RULES_DIAG_MAX + 8; i++) {
		char c = is_space(l.p[i]) ? ' ' : l.p[i];
		if (c == ' ' && out->len > 0 && out->data[out->len - 1] == ' ')
			continue;
		buf_addc(out, c);
	}
}

/* Cuts a diagnostic to RULES_DIAG_MAX bytes on a character boundary. */
static char *
diag_finish(struct buf *d)
{
	if (d->len > RULES_DIAG_MAX) {
		size_t n = RULES_DIAG_MAX;
		while (n > 0 && ((unsigned char)d->data[n] & 0xC0) == 0x80)
			n--;
		d->len = n;
		d->data[n] = '\0';
	}
	while (d->len > 0 && d->data[d->len - 1] == ' ')
		d->data[--d->len] = '\0';
	if (d->len == 0) {
		buf_free(d);
		return NULL;
	}
	return buf_steal(d);
}

/*
 * The diagnostic of lines [first, last) (head is extra text in front): the
 * paragraph after a diag marker if one is there, else the first paragraph.
 */
static char *
diag_of(const struct rules_lines *L, struct rules_span head, size_t first,
    size_t last)
{
	static const enum rules_list lists[] = { RULES_DIAG, RULES_COMMON_DIAG };
	const struct rules_span *lines = L->line;
	struct buf d = BUF_INIT;
	char prefix[16] = "";
	size_t i = first, j;
	const char *m;

	for (j = first; j < last; j++) {
		for (size_t k = 0; k < 2; k++) {
			const char *const *dm = rules_list_words(L, lists[k]);

			for (size_t w = 0; dm && dm[w]; w++) {
				/* The last marker is the one nearest the words. */
				if ((m = rules_line_find(L, j, lists[k], w)) == NULL)
					continue;
				m += strlen(dm[w]);
				head.p = m;
				head.n = (size_t)(lines[j].p + lines[j].n - m);
				/* "follows : -- text" */
				while (head.n > 0 && strchr(" \t:;-", head.p[0])) {
					head.p++;
					head.n--;
				}
				i = j + 1;
			}
		}
	}
	diag_add(&d, head, prefix);
	for (; i < last; i++) {
		struct rules_span t = trim(lines[i].p, lines[i].n);
		/*
		 * A rule line with nothing said yet opens a footer (a
		 * gateway's disclaimer, a signature), not the reason.
		 */
		if (t.n >= RULE_LINE_MIN && d.len == 0 && is_rule(t))
			break;
		if (t.n == 0 || is_boilerplate(t)) {
			if (d.len > 0)
				break;
			continue;
		}
		diag_add(&d, lines[i], prefix);
		if (d.len > RULES_DIAG_MAX)
			break;
	}
	return diag_finish(&d);
}

/* The host after a marker such as "host " in text, or NULL. */
static char *
remote_host(const char *text)
{
	for (const char *const *m = host_markers; *m; m++) {
		const char *p = text;
		while ((p = str_casestr(p, *m)) != NULL) {
			size_t n = 0, ml = strlen(*m);
			p += ml;
			while (p[n] && (domain_char((unsigned char)p[n]) ||
			    p[n] == ':' || p[n] == '[' || p[n] == ']'))
				n++;
			while (n > 0 && strchr(".:-", p[n - 1]))
				n--;
			if (n > 3 && memchr(p, '.', n) && !memchr(p, '@', n))
				return xstrndup(p, n);
		}
	}
	return NULL;
}

static bool
section_delayed(const struct rules_lines *L, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (rules_line_has(L, i, RULES_DELAYED) ||
		    rules_line_has(L, i, RULES_COMMON_DELAYED))
			return true;
	return false;
}

static bool
seen_addr(const struct bounce *b, size_t from, const char *a, size_t n)
{
	for (size_t i = from; i < b->nrcpt; i++) {
		const char *named = b->rcpt[i].final_recipient ?
		    b->rcpt[i].final_recipient : b->rcpt[i].recipient;

		if (strlen(named) == n && strncasecmp(named, a, n) == 0)
			return true;
	}
	return false;
}

static void
fill_codes(struct bounce_recipient *r, const char *block)
{
	char st[SMTPCODE_STATUS_MAX], rc[SMTPCODE_REPLY_MAX];
	const char *srcs[] = { r->diagnostic, block };

	for (size_t k = 0; k < 2 && r->status == NULL; k++) {
		const char *t = srcs[k];
		if (t == NULL)
			continue;
		if (smtpcode_find_status(t, strlen(t), 0, true, st) ||
		    smtpcode_find_status(t, strlen(t), 0, false, st)) {
			r->status = xstrdup(st);
			r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		}
	}
	for (size_t k = 0; k < 2 && r->reply_code == NULL; k++) {
		const char *t = srcs[k];
		if (t && smtpcode_find_reply(t, strlen(t), rc))
			r->reply_code = xstrdup(rc);
	}
	/* "501: 5.1.8 Sender address rejected": a reply glued to a colon. */
	if (r->reply_code == NULL && r->diagnostic) {
		const char *t = r->diagnostic;
		if (t[0] >= '2' && t[0] <= '5' && is_digit(t[1]) && is_digit(t[2]) &&
		    t[3] == ':')
			r->reply_code = xstrndup(t, 3);
	}
}

/* All the text of lines [first, last), joined, for code searches. */
static char *
block_text(struct rules_span head, const struct rules_span *lines, size_t first,
    size_t last)
{
	struct buf d = BUF_INIT;
	char prefix[16] = "";

	diag_add(&d, head, prefix);
	for (size_t i = first; i < last && d.len < 4 * RULES_DIAG_MAX; i++)
		diag_add(&d, lines[i], prefix);
	return buf_steal(&d);
}

/* The address of an "(expanded from: ...)" line, or NULL. */
static char *
expanded_line(struct rules_span l)
{
	const char *a, *tail;
	size_t an;
	struct rules_span t = trim(l.p, l.n > RULES_LINE_MAX ? RULES_LINE_MAX : l.n);

	for (const char *const *pat = expanded_from; *pat; pat++)
		if (glob(*pat, t.p, t.n, &a, &an, &tail) && a != NULL)
			return xstrndup(a, an);
	return NULL;
}

/*
 * The address a recipient was expanded from, on a line of its block
 * [first, last) ("(reason: ...)" may come between), or NULL.
 */
#define EXPANDED_LOOK_LINES 4
static char *
expanded(const struct rules_span *lines, size_t first, size_t last)
{
	char *a = NULL;

	for (size_t i = first; i < last && i < first + EXPANDED_LOOK_LINES && a == NULL; i++)
		a = expanded_line(lines[i]);
	return a;
}

/*
 * The reply text of transcript line l if it matches one of f's reply
 * patterns and starts with a 4xx or 5xx reply code: true, the text in *out.
 */
static bool
reply_line(const struct rule_family *f, struct rules_span l, struct rules_span *out)
{
	const char *a, *tail;
	size_t an;
	struct rules_span t = trim(l.p, l.n > RULES_LINE_MAX ? RULES_LINE_MAX : l.n);

	for (const char *const *pat = f->reply; pat && *pat; pat++) {
		if (!glob(*pat, t.p, t.n, &a, &an, &tail) || tail == NULL)
			continue;
		*out = trim(tail, (size_t)(t.p + t.n - tail));
		return out->n >= 3 && (out->p[0] == '4' || out->p[0] == '5') &&
		    is_digit(out->p[1]) && is_digit(out->p[2]) &&
		    (out->n == 3 || out->p[3] == ' ' || out->p[3] == '-');
	}
	return false;
}

/*
 * The last failure reply in transcript lines [first, last), joined with
 * the lines of a multi-line reply before it, or NULL.
 */
static char *
transcript_reply(const struct rule_family *f, const struct rules_span *lines,
    size_t first, size_t last)
{
	struct buf d = BUF_INIT;
	struct rules_span t, u;
	char prefix[16] = "";
	size_t i, j;

	for (i = last; i > first; i--)
		if (reply_line(f, lines[i - 1], &t))
			break;
	if (i == first)
		return NULL;
	/* "Out: 550-5.1.1 first" ... "Out: 550 5.1.1 last" */
	for (j = i - 1; j > first && reply_line(f, lines[j - 1], &u) &&
	    u.n > 3 && u.p[3] == '-' && memcmp(u.p, t.p, 3) == 0; j--)
		;
	for (; j < i; j++) {
		reply_line(f, lines[j], &u);
		diag_add(&d, u, prefix);
	}
	return diag_finish(&d);
}

/*
 * The nearest non-blank line above recipient line i, down to line s, when
 * it says why (a cause pattern of f), or an empty span.
 */
static struct rules_span
cause_line(const struct rule_family *f, const struct rules_span *lines, size_t s,
    size_t i)
{
	struct rules_span none = { "", 0 }, t = none;
	const char *a, *tail;
	size_t an;

	if (f->cause == NULL)
		return none;
	while (i > s && t.n == 0) {
		i--;
		t = trim(lines[i].p, lines[i].n > RULES_LINE_MAX ?
		    RULES_LINE_MAX : lines[i].n);
	}
	for (const char *const *pat = f->cause; t.n > 0 && *pat; pat++)
		if (glob(*pat, t.p, t.n, &a, &an, &tail))
			return t;
	return none;
}

/* Puts the text of span l in front of *diag. */
static void
diag_prepend(char **diag, struct rules_span l)
{
	struct buf d = BUF_INIT;
	char prefix[16] = "";

	if (l.n == 0)
		return;
	diag_add(&d, l, prefix);
	/* A line of rules only, or words the diagnostic already has. */
	if (d.len == 0 || (*diag != NULL && strstr(*diag, d.data) != NULL)) {
		buf_free(&d);
		return;
	}
	if (*diag != NULL) {
		buf_addc(&d, ' ');
		buf_add(&d, *diag, strlen(*diag));
		free(*diag);
	}
	*diag = diag_finish(&d);
}

/* The section [s, e) of text as rules_extract() cuts it. */
static void
section(const struct rules_lines *L, size_t *sp, size_t *ep)
{
	size_t s = 0, e, nlines = L->n;

	if (L->f->start)
		for (size_t i = 0; i < nlines; i++)
			if (rules_line_has(L, i, RULES_START)) {
				s = i;
				break;
			}
	for (e = s + 1; e < nlines; e++)
		if (rules_line_has(L, e, RULES_END) ||
		    rules_line_has(L, e, RULES_COMMON_END))
			break;
	if (e > nlines)
		e = nlines;
	*sp = s;
	*ep = e;
}

size_t
rules_extract(const struct rule_family *f, const char *text, size_t len,
    struct bounce *b)
{
	struct rules_lines L;
	const struct rules_span *lines;
	struct rules_span none = { "", 0 };
	struct hit *hits = NULL;
	size_t nlines, s, s0, e, nhits = 0, before = b->nrcpt;
	char *shared = NULL;
	bool delayed;

	if (len > RULES_TEXT_MAX)
		len = RULES_TEXT_MAX;
	rules_lines_read(&L, f, text, len);
	lines = L.line;
	nlines = L.n;
	section(&L, &s, &e);
	s0 = s;

	for (size_t i = s; i < e; i++) {
		struct rules_span t = trim(lines[i].p, lines[i].n > RULES_LINE_MAX ?
		    RULES_LINE_MAX : lines[i].n);
		/* A recipient line names an address: without an '@' none fits. */
		if (t.n == 0 || memchr(t.p, '@', t.n) == NULL)
			continue;
		for (const char *const *pat = f->rcpt; pat && *pat; pat++) {
			const char *a, *tail;
			size_t an;
			bool again = false;
			const char *pp = **pat == '!' ? *pat + 1 : *pat;
			if (*pp == '*' && is_header_line(t))
				continue;
			if (!glob(pp, t.p, t.n, &a, &an, &tail) || a == NULL)
				continue;
			/* An address named again inside its block is not a new one. */
			for (size_t k = 0; k < nhits && !again; k++) {
				again = hits[k].alen == an &&
				    strncasecmp(hits[k].addr, a, an) == 0;
				/*
				 * Listed bare first ("<a@example.org>" under
				 * Sendmail's "permanent fatal errors"), then with
				 * the server's words in the transcript: the line
				 * with words is the one that says why.
				 */
				if (again && hits[k].tail.n == 0 && **pat != '!' &&
				    tail != NULL && trim(tail, (size_t)(t.p + t.n -
				    tail)).n > 0) {
					if (hits[k].orig == NULL)
						hits[k].orig = expanded(lines, hits[k].first, i);
					hits[k].addr = a;
					hits[k].line = t;
					hits[k].tail = trim(tail, (size_t)(t.p + t.n - tail));
					hits[k].first = i + 1;
					if (hits[k].last < hits[k].first)
						hits[k].last = k + 1 < nhits ?
						    hits[k].first : e;
				}
			}
			if (again)
				break;
			if (nhits > 0 && continues_hit(lines, hits[nhits - 1].first - 1, i))
				break;
			if (nhits > 0)
				hits[nhits - 1].last = i;
			hits = xrealloc(hits, (nhits + 1) * sizeof(*hits));
			hits[nhits].addr = a;
			hits[nhits].alen = an;
			hits[nhits].line = t;
			hits[nhits].tail = tail ? trim(tail, (size_t)(t.p + t.n - tail)) : none;
			if (**pat == '!')
				hits[nhits].tail = t;
			hits[nhits].first = i + 1;
			hits[nhits].last = e;
			hits[nhits].orig = NULL;
			nhits++;
			break;
		}
	}
	delayed = section_delayed(&L, s, e);
	/* The section's opening line is boilerplate, not a reason. */
	if (f->start && s + 1 < nlines && rules_line_has(&L, s, RULES_START))
		s++;
	if (nhits > 0 && hits[0].first - 1 > s)
		shared = diag_of(&L, none, s, hits[0].first - 1);

	for (size_t h = 0; h < nhits; h++) {
		struct bounce_recipient *r;
		char *block;
		struct rules_span tail = hits[h].tail;

		/* Strip what closes the address: ">:", "\":", "...". */
		while (tail.n > 0 && tail.p != hits[h].line.p &&
		    strchr(">\"':;,.)]", tail.p[0])) {
			tail.p++;
			tail.n--;
		}
		tail = trim(tail.p, tail.n);
		if (seen_addr(b, before, hits[h].addr, hits[h].alen))
			continue;
		r = bounce_add_recipient(b);
		r->recipient = xstrndup(hits[h].addr, hits[h].alen);
		r->action = xstrdup(delayed ? "delayed" : "failed");
		r->original_recipient = hits[h].orig ? hits[h].orig :
		    expanded(lines, hits[h].first, hits[h].last);
		hits[h].orig = NULL;
		/* The address the sender used, as for a report's fields. */
		if (r->original_recipient && dsn_address_valid(r->original_recipient) &&
		    strcasecmp(r->original_recipient, r->recipient) != 0) {
			r->final_recipient = r->recipient;
			r->recipient = xstrdup(r->original_recipient);
		}
		if (f->flags & RULE_DIAG_LINE) {
			/* The line says it all; lines below belong to others. */
			if (tail.n == 0)
				tail = hits[h].line;
			hits[h].last = hits[h].first;
		}
		if ((f->flags & RULE_DIAG_BEFORE) && shared)
			r->diagnostic = xstrdup(shared);
		else {
			if (f->reply != NULL)
				r->diagnostic = transcript_reply(f, lines,
				    hits[h].first, hits[h].last);
			if (r->diagnostic == NULL)
				r->diagnostic = diag_of(&L, tail,
				    hits[h].first, hits[h].last);
		}
		/* Recipients listed together share the text around them. */
		for (size_t k = h + 1; r->diagnostic == NULL && k < nhits; k++)
			r->diagnostic = diag_of(&L, hits[k].tail,
			    hits[k].first, hits[k].last);
		if (r->diagnostic == NULL && shared)
			r->diagnostic = xstrdup(shared);
		diag_prepend(&r->diagnostic, cause_line(f, lines, s0,
		    hits[h].first - 1));
		block = block_text(hits[h].line, lines, hits[h].first,
		    hits[h].last);
		fill_codes(r, block);
		if (r->diagnostic)
			r->remote_mta = remote_host(r->diagnostic);
		if (r->remote_mta == NULL)
			r->remote_mta = remote_host(block);
		free(block);
	}
	free(shared);
	for (size_t h = 0; h < nhits; h++)
		free(hits[h].orig);
	free(hits);
	rules_lines_free(&L);
	return b->nrcpt - before;
}

void
rules_fill_section(const struct rule_family *f, const char *text, size_t len,
    struct bounce *b, size_t from)
{
	struct rules_lines L;
	const struct rules_span *lines;
	struct rules_span none = { "", 0 };
	size_t s, e;
	char *diag, *block;

	if (from >= b->nrcpt)
		return;
	if (len > RULES_TEXT_MAX)
		len = RULES_TEXT_MAX;
	rules_lines_read(&L, f, text, len);
	lines = L.line;
	section(&L, &s, &e);
	/*
	 * The paragraph that opens the section is boilerplate ("could not
	 * be delivered to one or more of its recipients. ... failed:"); the
	 * recipient lines that would end it are what this text lacks.
	 */
	if (f->start && s < e && rules_line_has(&L, s, RULES_START))
		while (s < e && trim(lines[s].p, lines[s].n).n > 0)
			s++;
	if (f->flags & RULE_GREETING) {
		while (s < e && trim(lines[s].p, lines[s].n).n == 0)
			s++;
		while (s < e && trim(lines[s].p, lines[s].n).n > 0)
			s++;
	}
	diag = diag_of(&L, none, s, e);
	block = block_text(none, lines, s, e);
	for (size_t i = from; i < b->nrcpt; i++) {
		struct bounce_recipient *r = &b->rcpt[i];
		if (r->diagnostic != NULL)
			continue;
		r->diagnostic = diag ? xstrdup(diag) : NULL;
		fill_codes(r, block);
		if (r->remote_mta == NULL && r->diagnostic)
			r->remote_mta = remote_host(r->diagnostic);
	}
	free(diag);
	free(block);
	rules_lines_free(&L);
}

size_t
rules_copy_start(const char *text, size_t len)
{
	return rules_first_line(text, len, RULES_COMMON_END);
}

/* True for a line that looks like a header field: "Name: value". */
static bool
is_field_line(struct rules_span t)
{
	size_t i = 0;

	while (i < t.n && t.p[i] > ' ' && t.p[i] < 127 && t.p[i] != ':')
		i++;
	return i > 0 && i < t.n && t.p[i] == ':';
}

char *
rules_copy_headers(const struct rule_family *f, const char *text, size_t len)
{
	struct rules_lines L;
	const struct rules_span *lines;
	size_t nlines, i;
	struct buf h = BUF_INIT;
	bool in = false;

	if (len > RULES_TEXT_MAX)
		len = RULES_TEXT_MAX;
	rules_lines_read(&L, f, text, len);
	lines = L.line;
	nlines = L.n;
	for (i = 0; i < nlines && !rules_line_has(&L, i, RULES_COMMON_END) &&
	    !rules_line_has(&L, i, RULES_END); i++)
		;
	for (size_t k = 0; i < nlines && k < RULES_COPY_LINES; i++, k++) {
		struct rules_span t = trim(lines[i].p, lines[i].n);
		if (!in && is_field_line(t))
			in = true;
		if (!in)
			continue;
		if (t.n == 0)
			break;
		/* Continuation lines keep their indentation. */
		if (!is_field_line(t) && !is_space(lines[i].p[0]))
			break;
		buf_add(&h, lines[i].p, lines[i].n > RULES_LINE_MAX ? RULES_LINE_MAX :
		    lines[i].n);
		buf_addc(&h, '\n');
	}
	rules_lines_free(&L);
	if (h.len == 0) {
		buf_free(&h);
		return NULL;
	}
	return buf_steal(&h);
}
