#include "core/decode/rules/rules_words_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/shared/phrases.h"
#include "core/shared/str.h"

#define RULE_FAMILY_PTR(n) &rule_##n,
static const struct rule_family *const families[] = {
	RULE_FAMILIES(RULE_FAMILY_PTR)
};
#undef RULE_FAMILY_PTR

/*
 * Where the copy of the returned message begins, whatever the family: every
 * MTA that appends the original announces it with one of these lines, and
 * nothing after them is about the failure.
 */
static const char *const common_end[] = {
	"--- Below this line is a copy of the message",
	"------ This is a copy of the message",
	"----- Original message -----",
	"Original message follows",
	"----- Unsent message follows",
	"Message headers follow",
	"--- The header of the original message",
	"Below is a copy of the original message",
	"A copy of the original message below this line",
	"Included is a copy of the message header",
	"------- Returned Message --------",
	"-------original message",
	"Original message headers:",
	"----- Original Message Follows -----",
	"--- Original message follows",
	"START OF RETURNED MESSAGE",		/* Demon Internet */
	"Unsent Message below",			/* PMDF-style "--------Unsent Message below:" */
	"lines of the message follow",		/* "-- The header and top 20 lines of the message follows --" */
	"lines of your original message follow",	/* "The first 50 lines of your original message follow:" */
	"Your message reads (in part):",	/* Exchange 5.5 IMS */
	/*
	 * A report read as raw text because its MIME header is gone (a list
	 * server stripped it): the returned message's part header is where
	 * the copy starts.
	 */
	"Content-Type: message/rfc822",
	"Content-Type: text/rfc822-headers",
	NULL
};

/* Phrases that introduce the remote server's own words in most families. */
static const char *const common_diag[] = {
	"Remote host said:",
	"The error that the other server returned was:",
	"The response was:",		/* Gmail since about 2020 */
	"the following reason:",	/* "Sorry, unable to deliver ... to a for\n the following reason:" */
	NULL
};

/* Words that make a failure temporary whatever the family. */
static const char *const common_delayed[] = {
	"has not yet been delivered",
	"will continue trying",
	"will continue to try",
	"will be retried",
	"still trying",
	"not been delivered yet",
	NULL
};

#define NFAM	(sizeof(families) / sizeof(families[0]))
/* A family's own lists (RULES_START .. RULES_DELAYED), then the shared ones. */
#define NOWN	4
#define NLISTS	(NFAM * NOWN + RULES_LIST_COUNT - NOWN)
/* The list of a marker's words: no line is asked about it. */
#define MARKER_LIST	NLISTS
#define NO_FAMILY	((size_t)-1)

/* Where a marker term looks: the body, the Subject, or a header field. */
enum {
	SRC_NONE = -1,		/* a malformed term: never true */
	SRC_BODY,
	SRC_SUBJECT,
	SRC_HEADER		/* + the index of its name in words.header */
};

/* "where:text": true when the source holds text (or just exists, for ""). */
struct term {
	int src;
	uint32_t word;
	bool empty;
};

/* Terms [first, first + n) of words.term, all of which must hold. */
struct marker {
	size_t first, n;
};

/*
 * An automaton of some of the words, its needle i being word[i]: a scan
 * reads a table of only the words it may be asked about, so that the
 * copy markers and the markers, read over whole texts, have small tables
 * that stay in the processor's caches.  (One automaton per family would
 * read lines faster still, but building forty costs more than a run of
 * the corpus saves.)
 */
struct set {
	struct phrases *ac;
	uint32_t *word;
};

/* Every word of the engine; written once, by words_build(). */
struct words {
	struct set lines;		/* every family's lists and the shared ones */
	struct set shared[RULES_LIST_COUNT - NOWN];	/* one shared list each */
	struct set shared_all;		/* all shared lists: for no family */
	struct set markers;		/* every marker's words */
	const char **needle;
	size_t *nlen;
	uint32_t *list;		/* per word: its list, or MARKER_LIST */
	int *src;		/* per word: its marker term's source, or SRC_NONE */
	size_t nwords;
	uint32_t list_base[NLISTS];	/* word k of a list is list_base + k */
	bool list_empty[NLISTS];	/* holds "", which every line holds */
	struct term *term;
	size_t nterm;
	struct marker *marker;
	size_t nmarker;
	size_t fam_marker[NFAM + 1];	/* family i's: [fam_marker[i], fam_marker[i + 1]) */
	char **header;
	size_t nheader;
};

static struct words words;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static const char *const *
list_words(const struct rule_family *f, enum rules_list w)
{
	switch (w) {
	case RULES_START:
		return f ? f->start : NULL;
	case RULES_END:
		return f ? f->end : NULL;
	case RULES_DIAG:
		return f ? f->diag : NULL;
	case RULES_DELAYED:
		return f ? f->delayed : NULL;
	case RULES_COMMON_END:
		return common_end;
	case RULES_COMMON_DIAG:
		return common_diag;
	case RULES_COMMON_DELAYED:
		return common_delayed;
	case RULES_LIST_COUNT:
		break;
	}
	return NULL;
}

static uint32_t
list_id(size_t fam, enum rules_list w)
{
	return (uint32_t)(w < NOWN ? fam * NOWN + (size_t)w :
	    NFAM * NOWN + (size_t)w - NOWN);
}

static uint32_t
add_word(const char *s, size_t n, uint32_t list, int src)
{
	size_t id = words.nwords++;

	words.needle = xrealloc(words.needle, words.nwords * sizeof(*words.needle));
	words.nlen = xrealloc(words.nlen, words.nwords * sizeof(*words.nlen));
	words.list = xrealloc(words.list, words.nwords * sizeof(*words.list));
	words.src = xrealloc(words.src, words.nwords * sizeof(*words.src));
	words.needle[id] = s;
	words.nlen[id] = n;
	words.list[id] = list;
	words.src[id] = src;
	return (uint32_t)id;
}

static void
add_list(uint32_t id, const char *const *list)
{
	words.list_base[id] = (uint32_t)words.nwords;
	for (; list && *list; list++) {
		if (**list == '\0')
			words.list_empty[id] = true;
		add_word(*list, strlen(*list), id, SRC_NONE);
	}
}

/* The source named by where[0..n), header names shared case-insensitively. */
static int
source_of(const char *where, size_t n)
{
	if (n == 4 && strncasecmp(where, "body", 4) == 0)
		return SRC_BODY;
	if (n == 7 && strncasecmp(where, "subject", 7) == 0)
		return SRC_SUBJECT;
	for (size_t i = 0; i < words.nheader; i++)
		if (strlen(words.header[i]) == n &&
		    strncasecmp(words.header[i], where, n) == 0)
			return SRC_HEADER + (int)i;
	words.header = xrealloc(words.header, (words.nheader + 1) * sizeof(char *));
	words.header[words.nheader] = xstrndup(where, n);
	return SRC_HEADER + (int)words.nheader++;
}

/*
 * One "where:text" term of t[0..n), with the limits marker matching always
 * had: a source name under 64 bytes and a text under 256.
 */
static void
add_term(const char *t, size_t n)
{
	const char *colon = memchr(t, ':', n);
	struct term term = { SRC_NONE, 0, false };
	size_t wn, nn;

	if (colon != NULL && (wn = (size_t)(colon - t)) < 64 &&
	    (nn = n - wn - 1) < 256) {
		term.src = source_of(t, wn);
		term.empty = nn == 0;
		term.word = add_word(colon + 1, nn, MARKER_LIST, term.src);
	}
	words.term = xrealloc(words.term, (words.nterm + 1) * sizeof(*words.term));
	words.term[words.nterm++] = term;
}

/* A marker: terms joined by " && ". */
static void
add_marker(const char *m)
{
	struct marker mk = { words.nterm, 0 };
	const char *amp;

	for (;;) {
		amp = strstr(m, " && ");
		add_term(m, amp ? (size_t)(amp - m) : strlen(m));
		mk.n++;
		if (amp == NULL)
			break;
		m = amp + 4;
	}
	words.marker = xrealloc(words.marker, (words.nmarker + 1) * sizeof(*words.marker));
	words.marker[words.nmarker++] = mk;
}

/* The words whose list is in lists[0..n) (MARKER_LIST for markers'). */

static void
make_set(struct set *set, const uint32_t *lists, size_t n)
{
	const char **needle = NULL;
	size_t *nlen = NULL, k = 0;

	for (size_t id = 0; id < words.nwords; id++)
		for (size_t j = 0; j < n; j++)
			if (words.list[id] == lists[j]) {
				needle = xrealloc(needle, (k + 1) * sizeof(*needle));
				nlen = xrealloc(nlen, (k + 1) * sizeof(*nlen));
				set->word = xrealloc(set->word, (k + 1) * sizeof(*set->word));
				needle[k] = words.needle[id];
				nlen[k] = words.nlen[id];
				set->word[k++] = (uint32_t)id;
				break;
			}
	set->ac = phrases_new(needle, nlen, k, PHRASES_FOLD);
	free(needle);
	free(nlen);
}

/* Every word a line is asked about: all but the markers'. */
static void
make_lines_set(void)
{
	uint32_t *lists = xmalloc(NLISTS * sizeof(*lists));

	for (uint32_t i = 0; i < NLISTS; i++)
		lists[i] = i;
	make_set(&words.lines, lists, NLISTS);
	free(lists);
}

static void
words_build(void)
{
	uint32_t lists[RULES_LIST_COUNT];
	size_t nshared = RULES_LIST_COUNT - NOWN;

	for (size_t i = 0; i < NFAM; i++)
		for (int w = 0; w < NOWN; w++)
			add_list(list_id(i, (enum rules_list)w),
			    list_words(families[i], (enum rules_list)w));
	for (int w = NOWN; w < RULES_LIST_COUNT; w++)
		add_list(list_id(0, (enum rules_list)w),
		    list_words(NULL, (enum rules_list)w));
	for (size_t i = 0; i < NFAM; i++) {
		words.fam_marker[i] = words.nmarker;
		for (const char *const *m = families[i]->ident; m && *m; m++)
			add_marker(*m);
	}
	words.fam_marker[NFAM] = words.nmarker;
	for (int w = 0; w < RULES_LIST_COUNT; w++)
		lists[w] = list_id(0, (enum rules_list)w);
	for (size_t j = 0; j < nshared; j++)
		make_set(&words.shared[j], &lists[NOWN + j], 1);
	make_set(&words.shared_all, &lists[NOWN], nshared);
	make_lines_set();
	lists[0] = MARKER_LIST;
	make_set(&words.markers, lists, 1);
}

static const struct words *
words_get(void)
{
	pthread_once(&words_once, words_build);
	return &words;
}

static size_t
line_cap(size_t n)
{
	return n > RULES_LINE_MAX ? RULES_LINE_MAX : n;
}

/* Splits text[0..len) at '\n'; a final '\n' ends the last line. */
static void
split_lines(struct rules_lines *L, const char *text, size_t len)
{
	size_t cap = 64;
	const char *p = text, *end = text + len, *nl;

	L->line = xmalloc(cap * sizeof(*L->line));
	L->n = 0;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (L->n == cap) {
			cap *= 2;
			L->line = xrealloc(L->line, cap * sizeof(*L->line));
		}
		L->line[L->n].p = p;
		L->line[L->n].n = (size_t)(nl - p);
		L->n++;
		p = nl + 1;
	}
}

struct reading {
	struct rules_lines *L;
	const struct words *w;
	const struct set *set;
	const char *text;
	size_t cur;		/* the line the last hit was in */
	size_t filled;		/* L->first[0 .. filled) are set */
	size_t nhit, cap;
};

/* Keeps a hit that lies within the first RULES_LINE_MAX bytes of a line. */
static bool
note_line_hit(void *ctx, size_t id, size_t end)
{
	struct reading *r = ctx;
	struct rules_lines *L = r->L;
	size_t word = r->set->word[id], start = end - r->w->nlen[word], ls;

	while (r->cur < L->n &&
	    (size_t)(L->line[r->cur].p - r->text) + L->line[r->cur].n < end)
		r->cur++;
	if (r->cur == L->n)
		return true;
	ls = (size_t)(L->line[r->cur].p - r->text);
	if (start < ls || end > ls + line_cap(L->line[r->cur].n))
		return true;
	while (r->filled <= r->cur)
		L->first[r->filled++] = r->nhit;
	if (r->nhit == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		L->hit = xrealloc(L->hit, r->cap * sizeof(*L->hit));
	}
	L->hit[r->nhit].word = (uint32_t)word;
	L->hit[r->nhit].at = (uint32_t)(start - ls);
	r->nhit++;
	return true;
}

static size_t
family_index(const struct rule_family *f)
{
	for (size_t i = 0; i < NFAM; i++)
		if (families[i] == f)
			return i;
	return NO_FAMILY;
}

void
rules_lines_read(struct rules_lines *L, const struct rule_family *f,
    const char *text, size_t len)
{
	const struct words *w = words_get();
	struct reading r = { L, w, NULL, text, 0, 0, 0, 0 };

	memset(L, 0, sizeof(*L));
	L->f = f;
	L->fam = family_index(f);
	/* A family outside the table: its own words are searched one by one. */
	r.set = L->fam != NO_FAMILY ? &w->lines : &w->shared_all;
	split_lines(L, text, len);
	L->first = xmalloc((L->n + 1) * sizeof(*L->first));
	if (r.set->ac != NULL)
		phrases_scan(r.set->ac, text, len, note_line_hit, &r);
	while (r.filled <= L->n)
		L->first[r.filled++] = r.nhit;
}

void
rules_lines_free(struct rules_lines *L)
{
	free(L->line);
	free(L->hit);
	free(L->first);
	memset(L, 0, sizeof(*L));
}

const char *const *
rules_list_words(const struct rules_lines *L, enum rules_list w)
{
	return list_words(L->f, w);
}

/* A family outside the table: its own words, one at a time. */
static bool
unknown_family(const struct rules_lines *L, enum rules_list w)
{
	return w < NOWN && L->fam == NO_FAMILY;
}

bool
rules_line_has(const struct rules_lines *L, size_t i, enum rules_list w)
{
	const struct words *ws = words_get();
	const char *const *list = list_words(L->f, w);
	uint32_t id;

	if (list == NULL)
		return false;
	if (unknown_family(L, w)) {
		for (; *list; list++)
			if (str_casestrn(L->line[i].p, line_cap(L->line[i].n), *list))
				return true;
		return false;
	}
	id = list_id(L->fam, w);
	if (ws->list_empty[id])
		return true;
	for (size_t k = L->first[i]; k < L->first[i + 1]; k++)
		if (ws->list[L->hit[k].word] == id)
			return true;
	return false;
}

const char *
rules_line_find(const struct rules_lines *L, size_t i, enum rules_list w,
    size_t k)
{
	const struct words *ws = words_get();
	const char *const *list = list_words(L->f, w);
	uint32_t word;

	if (unknown_family(L, w))
		return str_casestrn(L->line[i].p, line_cap(L->line[i].n), list[k]);
	word = ws->list_base[list_id(L->fam, w)] + (uint32_t)k;
	if (ws->nlen[word] == 0)
		return L->line[i].p;
	for (size_t h = L->first[i]; h < L->first[i + 1]; h++)
		if (L->hit[h].word == word)
			return L->line[i].p + L->hit[h].at;
	return NULL;
}

struct first_line {
	const struct words *w;
	const struct set *set;
	const char *text;
	uint32_t list;
	size_t found;
};

/*
 * A hit of the list is the first line's when no '\n' is in it and it ends
 * within RULES_LINE_MAX bytes of its line's start: hits come in order of
 * their end, and a line's all end before the next line's.
 */
static bool
note_first_line(void *ctx, size_t id, size_t end)
{
	struct first_line *c = ctx;
	size_t word = c->set->word[id], start = end - c->w->nlen[word], ls = start;

	if (c->w->list[word] != c->list ||
	    memchr(c->text + start, '\n', end - start) != NULL)
		return true;
	while (ls > 0 && c->text[ls - 1] != '\n' && end - ls <= RULES_LINE_MAX)
		ls--;
	if (end - ls > RULES_LINE_MAX)
		return true;
	c->found = ls;
	return false;
}

size_t
rules_first_line(const char *text, size_t len, enum rules_list w)
{
	const struct words *ws = words_get();
	struct first_line c = { ws, NULL, text, 0, len };

	if (w < RULES_COMMON_END || w >= RULES_LIST_COUNT)
		return len;	/* not a shared list */
	c.set = &ws->shared[w - NOWN];
	c.list = list_id(0, w);

	if (len > 0 && ws->list_empty[c.list])
		return 0;
	if (c.set->ac != NULL)
		phrases_scan(c.set->ac, text, len, note_first_line, &c);
	return c.found;
}

/* What rules_identify() has read so far of one message. */
struct ident {
	GMimeMessage *msg;
	const char *text;
	size_t len;
	bool *found;		/* per word, in its own source */
	signed char *state;	/* per source: 0 unread, 1 read, -1 absent */
	int src;		/* the source being read */
};

static bool
note_source_hit(void *ctx, size_t id, size_t end)
{
	struct ident *d = ctx;
	uint32_t word = words.markers.word[id];

	(void)end;
	if (words.src[word] == d->src)
		d->found[word] = true;
	return true;
}

/* The first RULES_IDENT_LINES lines, each within RULES_LINE_MAX bytes. */
static void
read_body(struct ident *d)
{
	const char *p = d->text, *end = d->text + d->len, *nl;

	for (size_t i = 0; p < end && i < RULES_IDENT_LINES; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		phrases_scan(words.markers.ac, p, line_cap((size_t)(nl - p)),
		    note_source_hit, d);
		p = nl + 1;
	}
}

/* Whether source src exists, reading it for every word on first use. */
static bool
source_read(struct ident *d, int src)
{
	const char *v;

	if (d->state[src] == 0) {
		d->src = src;
		if (src == SRC_BODY) {
			d->state[src] = d->len > 0 ? 1 : -1;
			read_body(d);
		} else {
			v = src == SRC_SUBJECT ? g_mime_message_get_subject(d->msg) :
			    g_mime_object_get_header(GMIME_OBJECT(d->msg),
			    words.header[src - SRC_HEADER]);
			d->state[src] = v != NULL ? 1 : -1;
			if (v != NULL)
				phrases_scan(words.markers.ac, v, strlen(v),
				    note_source_hit, d);
		}
	}
	return d->state[src] == 1;
}

static bool
term_holds(struct ident *d, const struct term *t)
{
	if (t->src == SRC_NONE || !source_read(d, t->src))
		return false;
	return t->empty || d->found[t->word];
}

static bool
marker_holds(struct ident *d, const struct marker *m)
{
	for (size_t i = 0; i < m->n; i++)
		if (!term_holds(d, &words.term[m->first + i]))
			return false;
	return true;
}

const struct rule_family *
rules_words_identify(GMimeMessage *msg, const char *text, size_t len)
{
	const struct words *w = words_get();
	struct ident d = { msg, text, len > RULES_TEXT_MAX ? RULES_TEXT_MAX : len,
	    NULL, NULL, SRC_NONE };
	const struct rule_family *found = NULL;

	if (w->markers.ac == NULL)
		return NULL;
	d.found = xcalloc(w->nwords + 1, sizeof(*d.found));
	d.state = xcalloc(SRC_HEADER + w->nheader, sizeof(*d.state));
	for (size_t i = 0; found == NULL && i < NFAM; i++)
		for (size_t m = w->fam_marker[i]; m < w->fam_marker[i + 1]; m++)
			if (marker_holds(&d, &w->marker[m])) {
				found = families[i];
				break;
			}
	free(d.found);
	free(d.state);
	return found;
}
