#include "core/knowledge/classify_match_int.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason_table_int.h"
#include "core/shared/buf.h"
#include "core/shared/phrases.h"
#include "core/shared/strmap.h"

/* A pattern: the pieces list[first .. first + n), in order. */
struct pattern {
	uint32_t first, n;
};

/* The compiled tables; written once, by words_build(). */
struct words {
	struct phrases *ac;		/* every piece of every pattern */
	char **piece;
	size_t *plen;
	size_t npieces;
	size_t nlast;		/* pieces [0, nlast) are the step markers' */
	uint32_t *list;
	size_t nlist;
	struct pattern *row[CLASSIFY_WORDS_COUNT];
	size_t nrows[CLASSIFY_WORDS_COUNT];
	struct phrases *hosts;		/* the host tables' names, folded */
	size_t host_base[CLASSIFY_HOSTS_COUNT];
	size_t nhosts;
};

static struct words words;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

/* Row i's text in table t, or NULL past its end. */
static const char *
row_text(enum classify_words t, size_t i)
{
	switch (t) {
	case CLASSIFY_WORDS_TEXT:
		return reason_text_rules[i].reason ? reason_text_rules[i].pattern : NULL;
	case CLASSIFY_WORDS_PROVIDER:
		return reason_provider_rules[i].reason ?
		    reason_provider_rules[i].pattern : NULL;
	case CLASSIFY_WORDS_PROVIDER_HOST:
		return reason_provider_rules[i].reason ?
		    reason_provider_rules[i].host : NULL;
	case CLASSIFY_WORDS_CODE_HOST:
		return reason_provider_codes[i].reason ?
		    reason_provider_codes[i].host : NULL;
	case CLASSIFY_WORDS_CODE_LABEL:
		return reason_provider_codes[i].reason ?
		    reason_provider_codes[i].label : NULL;
	case CLASSIFY_WORDS_LOCAL:
		return reason_local_rules[i].reason ? reason_local_rules[i].pattern : NULL;
	case CLASSIFY_WORDS_STEP:
		return reason_step_markers[i].pattern;
	case CLASSIFY_WORDS_RETRIES:
		return reason_retries_over[i];
	case CLASSIFY_WORDS_COUNT:
		break;
	}
	return NULL;
}

/* Words searched for as they are, '*' included (classify_find()). */
static bool
is_plain(enum classify_words t)
{
	return t == CLASSIFY_WORDS_CODE_LABEL || t == CLASSIFY_WORDS_STEP ||
	    t == CLASSIFY_WORDS_RETRIES;
}

static uint32_t
piece_id(struct strmap *ids, const char *s, size_t n)
{
	char *key = xstrndup(s, n);
	size_t id;

	if (strmap_get(ids, key, &id)) {
		free(key);
		return (uint32_t)id;
	}
	id = words.npieces++;
	words.piece = xrealloc(words.piece, words.npieces * sizeof(*words.piece));
	words.plen = xrealloc(words.plen, words.npieces * sizeof(*words.plen));
	words.piece[id] = key;
	words.plen[id] = n;
	strmap_put(ids, key, id);
	return (uint32_t)id;
}

static void
list_add(uint32_t id)
{
	words.list = xrealloc(words.list, (words.nlist + 1) * sizeof(*words.list));
	words.list[words.nlist++] = id;
}

/*
 * s as a pattern: the pieces between the '*'s.  An empty piece is left
 * out: a search for it finds it where it stands, without moving on.
 */
static struct pattern
compile(struct strmap *ids, const char *s, bool plain)
{
	struct pattern p = { (uint32_t)words.nlist, 0 };
	const char *star;
	size_t m;

	for (;;) {
		star = plain ? NULL : strchr(s, '*');
		m = star ? (size_t)(star - s) : strlen(s);
		if (m > 0) {
			list_add(piece_id(ids, s, m));
			p.n++;
		}
		if (star == NULL)
			return p;
		s = star + 1;
	}
}

static void
build_hosts(void)
{
	const char **names = NULL;
	size_t n = 0;

	for (size_t i = 0; reason_provider_rules[i].reason; i++) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = reason_provider_rules[i].host;
	}
	words.host_base[CLASSIFY_HOSTS_CODE] = n;
	for (size_t i = 0; reason_provider_codes[i].reason; i++) {
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = reason_provider_codes[i].host;
	}
	words.nhosts = n;
	words.hosts = phrases_new(names, NULL, n, PHRASES_FOLD);
	free(names);
}

static void
words_build(void)
{
	struct strmap ids = STRMAP_INIT;
	const char *s;

	/*
	 * The step markers first: only their pieces need the last
	 * occurrence, and they get the first ids.
	 */
	static const enum classify_words order[CLASSIFY_WORDS_COUNT] = {
		CLASSIFY_WORDS_STEP, CLASSIFY_WORDS_TEXT, CLASSIFY_WORDS_PROVIDER,
		CLASSIFY_WORDS_PROVIDER_HOST, CLASSIFY_WORDS_CODE_HOST,
		CLASSIFY_WORDS_CODE_LABEL, CLASSIFY_WORDS_LOCAL,
		CLASSIFY_WORDS_RETRIES,
	};

	for (int k = 0; k < CLASSIFY_WORDS_COUNT; k++) {
		enum classify_words t = order[k];

		for (size_t i = 0; (s = row_text(t, i)) != NULL; i++) {
			words.row[t] = xrealloc(words.row[t], (i + 1) * sizeof(struct pattern));
			words.row[t][i] = compile(&ids, s, is_plain(t));
			words.nrows[t] = i + 1;
		}
		if (t == CLASSIFY_WORDS_STEP)
			words.nlast = words.npieces;
	}
	strmap_free(&ids);
	words.ac = phrases_new((const char *const *)words.piece, words.plen,
	    words.npieces, 0);
	build_hosts();
}

static const struct words *
words_get(void)
{
	pthread_once(&words_once, words_build);
	return &words;
}

struct scan {
	struct classify_hits *h;
	const struct words *w;
};

static bool
note(void *ctx, size_t id, size_t end)
{
	struct scan *s = ctx;
	uint32_t at = (uint32_t)(end - s->w->plen[id]);

	if (s->h->first[id] == CLASSIFY_HITS_NONE)
		s->h->first[id] = at;
	if (id >= s->w->nlast)
		return true;
	if (s->h->last[id] == CLASSIFY_HITS_NONE ||
	    at >= s->h->last[id] + s->w->plen[id])
		s->h->last[id] = at;
	return true;
}

void
classify_match_scan(struct classify_hits *h, const char *text, size_t len)
{
	const struct words *w = words_get();
	struct scan s = { h, w };
	size_t n = w->npieces + w->nlast;

	h->text = text;
	h->len = len > CLASSIFY_HITS_MAX ? CLASSIFY_HITS_MAX : len;
	h->first = h->last = NULL;
	/* Nothing is asked of an empty text. */
	if (h->len == 0 || w->ac == NULL)
		return;
	h->first = xmalloc(n * sizeof(*h->first));
	h->last = h->first + w->npieces;
	memset(h->first, 0xff, n * sizeof(*h->first));
	phrases_scan(w->ac, text, h->len, note, &s);
}

void
classify_match_free(struct classify_hits *h)
{
	free(h->first);
	h->first = h->last = NULL;
}

size_t
classify_match_rows(enum classify_words t)
{
	return words_get()->nrows[t];
}

bool
classify_match_has(const struct classify_hits *h, enum classify_words t,
    size_t row)
{
	/* A text with hits was scanned, so the words are built. */
	const struct words *w = &words;
	const struct pattern *p;
	size_t pos = 0;

	if (h->first == NULL)
		return false;
	p = &w->row[t][row];
	for (uint32_t k = 0; k < p->n; k++) {
		uint32_t id = w->list[p->first + k];
		size_t m = w->plen[id], at = h->first[id];
		const char *hit;

		if (h->first[id] == CLASSIFY_HITS_NONE || m > CLASSIFY_NEEDLE_MAX)
			return false;
		if (at < pos) {
			/* It comes before the end of the piece before: look on. */
			hit = classify_find(h->text + pos, h->len - pos, w->piece[id], m);
			if (hit == NULL)
				return false;
			at = (size_t)(hit - h->text);
		}
		pos = at + m;
	}
	return true;
}

/*
 * Where the plain word of row occurs in h: its first occurrence, or with
 * last its last non-overlapping one (kept for the step markers only).
 */
static size_t
plain_at(const struct classify_hits *h, enum classify_words t, size_t row,
    bool last)
{
	const struct words *w = &words;
	const struct pattern *p;
	const uint32_t *at;
	uint32_t id;

	if (h->first == NULL)
		return PHRASES_NONE;
	p = &w->row[t][row];
	if (p->n == 0)
		return 0;	/* the empty word is found where the search starts */
	id = w->list[p->first];
	at = last ? h->last : h->first;
	if ((last && t != CLASSIFY_WORDS_STEP) || w->plen[id] > CLASSIFY_NEEDLE_MAX ||
	    at[id] == CLASSIFY_HITS_NONE)
		return PHRASES_NONE;
	return at[id];
}

size_t
classify_match_first(const struct classify_hits *h, enum classify_words t,
    size_t row)
{
	return plain_at(h, t, row, false);
}

size_t
classify_match_last(const struct classify_hits *h, enum classify_words t,
    size_t row)
{
	return plain_at(h, t, row, true);
}

const char *
classify_match_word(enum classify_words t, size_t row)
{
	return row_text(t, row);
}

bool
classify_match_plain(enum classify_words t)
{
	return is_plain(t);
}

size_t
classify_match_host_count(void)
{
	return words_get()->nhosts;
}

size_t
classify_match_host(enum classify_host_table t, size_t row)
{
	return words_get()->host_base[t] + row;
}

static bool
note_host(void *ctx, size_t id, size_t end)
{
	bool *found = ctx;

	(void)end;
	found[id] = true;
	return true;
}

void
classify_match_hosts(const char *s, bool *found)
{
	const struct words *w = words_get();

	if (s != NULL && w->hosts != NULL)
		phrases_scan(w->hosts, s, strlen(s), note_host, found);
}
