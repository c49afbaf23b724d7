#include "core/shared/phrases.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"

/* Set in a table entry when the state it leads to ends some needle. */
#define OUT_FLAG	UINT32_C(0x80000000)
#define SMALL_OUT	0x8000
/* Automata with fewer states have a table of 16-bit entries. */
#define SMALL_STATES	0x8000
#define NO_ID		UINT32_MAX

struct phrases {
	size_t n;
	size_t *len;		/* each needle's length */
	uint32_t *same;		/* next needle ending in the same state, or NO_ID */
	unsigned char cls[256];	/* byte -> column */
	uint32_t ncls;
	uint32_t nstates;
	/*
	 * The table a scan reads, a row per state.  With fewer than
	 * SMALL_STATES states, small[(s << shift) + cls[c]] is the state
	 * after byte c in state s, SMALL_OUT set when that state or one of
	 * its suffixes ends a needle (the scan leaves its loop only then):
	 * half the bytes of the wide entries, so that more of the table stays
	 * in the caches between the scans of a decode, where a scan spends
	 * most of its time waiting for its next entry.  Else delta[row +
	 * cls[c]] is the row (state index times ncls) of the next state,
	 * OUT_FLAG for the same.  While building, delta[s * ncls + c] is the
	 * plain state index.
	 */
	uint16_t *small;
	unsigned shift;
	uint32_t *delta;
	uint32_t *out;		/* per state: first needle ending exactly there */
	uint32_t *dict;		/* per state: longest proper suffix state that ends one, or 0 */
};

static unsigned char
fold(unsigned char c, unsigned flags)
{
	return (flags & PHRASES_FOLD) && c >= 'A' && c <= 'Z' ?
	    (unsigned char)(c - 'A' + 'a') : c;
}

/*
 * Columns: one per byte value a needle uses, and column 0 for all the
 * others (every byte outside the needles leads back towards the root the
 * same way).  When all 256 values are used there are no others.
 */
static void
make_classes(struct phrases *p, const bool used[256], unsigned flags)
{
	size_t nused = 0;

	for (int c = 0; c < 256; c++)
		nused += used[c];
	p->ncls = nused == 256 ? 0 : 1;
	for (int c = 0; c < 256; c++)
		if (used[c])
			p->cls[c] = (unsigned char)p->ncls++;
	if (flags & PHRASES_FOLD)
		for (int c = 'A'; c <= 'Z'; c++)
			p->cls[c] = p->cls[c - 'A' + 'a'];
}

/* The trie of the needles in delta (state indexes, 0 = no edge yet). */
static void
make_trie(struct phrases *p, const char *const *needles, unsigned flags)
{
	p->nstates = 1;
	/* Backwards, so that equal needles end up listed in id order. */
	for (size_t i = p->n; i-- > 0;) {
		const unsigned char *s = (const unsigned char *)needles[i];
		uint32_t st = 0, *e;

		p->same[i] = NO_ID;
		if (p->len[i] == 0)
			continue;
		for (size_t j = 0; j < p->len[i]; j++) {
			e = &p->delta[(size_t)st * p->ncls + p->cls[fold(s[j], flags)]];
			if (*e == 0)
				*e = p->nstates++;
			st = *e;
		}
		p->same[i] = p->out[st];
		p->out[st] = (uint32_t)i;
	}
}

/*
 * Breadth first, each state's missing edges become those of its failure
 * state (the longest proper suffix in the trie), whose row is complete by
 * then since it is shallower.
 */
static void
make_links(struct phrases *p)
{
	uint32_t *fail = xcalloc(p->nstates, sizeof(*fail));
	uint32_t *queue = xmalloc(p->nstates * sizeof(*queue));
	size_t head = 0, tail = 0, nc = p->ncls;

	for (size_t c = 0; c < nc; c++)
		if (p->delta[c] != 0)
			queue[tail++] = p->delta[c];
	while (head < tail) {
		uint32_t s = queue[head++], *row = &p->delta[s * nc];
		const uint32_t *frow = &p->delta[fail[s] * nc];

		for (size_t c = 0; c < nc; c++) {
			uint32_t u = row[c], f = frow[c];

			if (u == 0)
				continue;
			fail[u] = f;
			p->dict[u] = p->out[f] != NO_ID ? f : p->dict[f];
			queue[tail++] = u;
		}
		/* Apart from the loop above, so that it vectorises. */
		for (size_t c = 0; c < nc; c++)
			row[c] = row[c] ? row[c] : frow[c];
	}
	free(queue);
	free(fail);
}

/* 16-bit entries in rows of 2^shift, flagged where a needle ends. */
static void
make_small(struct phrases *p)
{
	uint16_t *entry;

	while (((size_t)1 << p->shift) < p->ncls)
		p->shift++;
	entry = xmalloc(p->nstates * sizeof(*entry));
	for (uint32_t t = 0; t < p->nstates; t++)
		entry[t] = (uint16_t)(t | (p->out[t] != NO_ID || p->dict[t] != 0 ?
		    SMALL_OUT : 0));
	p->small = xcalloc((size_t)p->nstates << p->shift, sizeof(*p->small));
	for (uint32_t s = 0; s < p->nstates; s++)
		for (size_t c = 0; c < p->ncls; c++)
			p->small[((size_t)s << p->shift) + c] = entry[p->delta[s * p->ncls + c]];
	free(entry);
	free(p->delta);
	p->delta = NULL;
}

/* State indexes become rows (or 16-bit entries), flagged where a needle ends. */
static void
make_rows(struct phrases *p)
{
	size_t cells = (size_t)p->nstates * p->ncls;
	uint32_t *rows;

	if (p->nstates < SMALL_STATES) {
		make_small(p);
	} else {
		rows = xmalloc(p->nstates * sizeof(*rows));
		for (uint32_t t = 0; t < p->nstates; t++)
			rows[t] = t * p->ncls |
			    (p->out[t] != NO_ID || p->dict[t] != 0 ? OUT_FLAG : 0);
		for (size_t i = 0; i < cells; i++)
			p->delta[i] = rows[p->delta[i]];
		free(rows);
		p->delta = xrealloc(p->delta, cells * sizeof(*p->delta));
	}
	p->out = xrealloc(p->out, p->nstates * sizeof(*p->out));
	p->dict = xrealloc(p->dict, p->nstates * sizeof(*p->dict));
}

struct phrases *
phrases_new(const char *const *needles, const size_t *lens, size_t n,
    unsigned flags)
{
	struct phrases *p;
	bool used[256] = { false };
	size_t total = 0, maxstates;

	if (n >= NO_ID)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->n = n;
	p->len = xcalloc(n ? n : 1, sizeof(*p->len));
	p->same = xcalloc(n ? n : 1, sizeof(*p->same));
	for (size_t i = 0; i < n; i++) {
		p->len[i] = lens ? lens[i] : strlen(needles[i]);
		if (p->len[i] > OUT_FLAG - total) {
			phrases_free(p);
			return NULL;
		}
		total += p->len[i];
		for (size_t j = 0; j < p->len[i]; j++)
			used[fold((unsigned char)needles[i][j], flags)] = true;
	}
	make_classes(p, used, flags);
	maxstates = total + 1;
	if (maxstates > OUT_FLAG / p->ncls) {
		phrases_free(p);
		return NULL;
	}
	p->delta = xcalloc(maxstates * p->ncls, sizeof(*p->delta));
	p->out = xmalloc(maxstates * sizeof(*p->out));
	memset(p->out, 0xff, maxstates * sizeof(*p->out));
	p->dict = xcalloc(maxstates, sizeof(*p->dict));
	make_trie(p, needles, flags);
	make_links(p);
	make_rows(p);
	return p;
}

void
phrases_free(struct phrases *p)
{
	if (p == NULL)
		return;
	free(p->len);
	free(p->same);
	free(p->small);
	free(p->delta);
	free(p->out);
	free(p->dict);
	free(p);
}

size_t
phrases_count(const struct phrases *p)
{
	return p->n;
}

/* Every needle that ends in state s, longest first. */
static bool
report(const struct phrases *p, uint32_t s, size_t end, phrases_hit_fn *hit,
    void *ctx)
{
	for (uint32_t t = p->out[s] != NO_ID ? s : p->dict[s]; t != 0; t = p->dict[t])
		for (uint32_t id = p->out[t]; id != NO_ID; id = p->same[id])
			if (!hit(ctx, id, end))
				return false;
	return true;
}

bool
phrases_scan(const struct phrases *p, const char *text, size_t len,
    phrases_hit_fn *hit, void *ctx)
{
	const unsigned char *s = (const unsigned char *)text;
	const uint32_t *delta = p->delta;
	uint32_t row = 0, e;

	if (p->small != NULL) {
		const uint16_t *small = p->small;
		unsigned shift = p->shift;

		for (size_t i = 0; i < len; i++) {
			e = small[((size_t)row << shift) + p->cls[s[i]]];
			row = e & (SMALL_OUT - 1);
			if ((e & SMALL_OUT) && !report(p, row, i + 1, hit, ctx))
				return false;
		}
		return true;
	}
	for (size_t i = 0; i < len; i++) {
		e = delta[row + p->cls[s[i]]];
		row = e & ~OUT_FLAG;
		if ((e & OUT_FLAG) && !report(p, row / p->ncls, i + 1, hit, ctx))
			return false;
	}
	return true;
}

struct first_ctx {
	const struct phrases *p;
	size_t *first;
};

static bool
note_first(void *ctx, size_t id, size_t end)
{
	struct first_ctx *c = ctx;

	if (c->first[id] == PHRASES_NONE)
		c->first[id] = end - c->p->len[id];
	return true;
}

void
phrases_first(const struct phrases *p, const char *text, size_t len,
    size_t *first)
{
	struct first_ctx c = { p, first };

	for (size_t i = 0; i < p->n; i++)
		first[i] = PHRASES_NONE;
	phrases_scan(p, text, len, note_first, &c);
}
