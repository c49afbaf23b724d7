#include "core/knowledge/classify.h"

#include <stdlib.h>
#include <string.h>

#include "core/knowledge/classify_int.h"
#include "core/shared/buf.h"
#include "core/shared/phrases.h"
#include "core/shared/str.h"
#include "core/shared/strmap.h"

/*
 * Per address (names equal but for ASCII case share one): where each of
 * its occurrences in the text starts, ascending, overlapping ones
 * included, so that any search the reader makes is a binary search.
 */
struct classify_mentions {
	const char *text;
	size_t len;
	struct strmap index;	/* ASCII-lowercased name -> entry */
	const char *const *recipients;	/* in->recipients, and each one's entry */
	size_t nrecipients;
	size_t *rcpt_entry;
	size_t n;
	size_t *mlen;		/* per entry: the name's length */
	size_t **at;		/* per entry: its occurrences */
	size_t *nat, *capat;
};

/* The key of name: ASCII lowercase, as the automaton folds. */
static void
key_of(struct buf *k, const char *name)
{
	buf_reset(k);
	for (; *name; name++)
		buf_addc(k, *name >= 'A' && *name <= 'Z' ? (char)(*name - 'A' + 'a') : *name);
}

/* The entry of name, added if new; NO_ENTRY for NULL and "". */
#define NO_ENTRY ((size_t)-1)

static size_t
add_name(struct classify_mentions *m, struct buf *k, const char *name,
    const char ***names)
{
	size_t e;

	if (name == NULL || name[0] == '\0')
		return NO_ENTRY;
	key_of(k, name);
	if (strmap_get(&m->index, k->data, &e))
		return e;
	*names = xrealloc(*names, (m->n + 1) * sizeof(**names));
	(*names)[m->n] = name;
	strmap_put(&m->index, k->data, m->n);
	return m->n++;
}

static bool
note(void *ctx, size_t id, size_t end)
{
	struct classify_mentions *m = ctx;

	if (m->nat[id] == m->capat[id]) {
		m->capat[id] = m->capat[id] ? 2 * m->capat[id] : 4;
		m->at[id] = xrealloc(m->at[id], m->capat[id] * sizeof(**m->at));
	}
	m->at[id][m->nat[id]++] = end - m->mlen[id];
	return true;
}

size_t
classify_human_len(const struct classify_input *in)
{
	size_t cap = in->human.len < CLASSIFY_HUMAN_SCAN_MAX ? in->human.len :
	    CLASSIFY_HUMAN_SCAN_MAX;

	return in->human.text ? strnlen(in->human.text, cap) : 0;
}

struct classify_mentions *
classify_mentions_new(const struct classify_input *in, const char *const *extra,
    size_t nextra)
{
	struct classify_mentions *m;
	struct buf k = BUF_INIT;
	const char **names = NULL;
	struct phrases *ac;

	if (in->human.text == NULL || in->nrecipients > CLASSIFY_HUMAN_RCPT_MAX ||
	    in->nrecipients < CLASSIFY_MENTIONS_MIN)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->text = in->human.text;
	m->len = classify_human_len(in);
	m->recipients = in->recipients;
	m->nrecipients = in->nrecipients;
	m->rcpt_entry = xcalloc(in->nrecipients + 1, sizeof(*m->rcpt_entry));
	for (size_t i = 0; i < in->nrecipients; i++)
		m->rcpt_entry[i] = add_name(m, &k, in->recipients[i], &names);
	for (size_t i = 0; i < nextra; i++)
		add_name(m, &k, extra[i], &names);
	buf_free(&k);
	m->mlen = xcalloc(m->n + 1, sizeof(*m->mlen));
	m->at = xcalloc(m->n + 1, sizeof(*m->at));
	m->nat = xcalloc(m->n + 1, sizeof(*m->nat));
	m->capat = xcalloc(m->n + 1, sizeof(*m->capat));
	for (size_t e = 0; e < m->n; e++)
		m->mlen[e] = strlen(names[e]);
	if (m->n > 0 && m->len > 0 &&
	    (ac = phrases_new(names, m->mlen, m->n, PHRASES_FOLD)) != NULL) {
		phrases_scan(ac, m->text, m->len, note, m);
		phrases_free(ac);
	} else if (m->n > 0 && m->len > 0) {
		/* No automaton: the index knows no name, and every search searches. */
		strmap_free(&m->index);
		m->nrecipients = 0;
	}
	free(names);
	return m;
}

void
classify_mentions_free(struct classify_mentions *m)
{
	if (m == NULL)
		return;
	strmap_free(&m->index);
	for (size_t e = 0; e < m->n; e++)
		free(m->at[e]);
	free(m->at);
	free(m->nat);
	free(m->capat);
	free(m->mlen);
	free(m->rcpt_entry);
	free(m);
}

/* Whether hay[0..n) lies in the text m indexes. */
static bool
in_text(const struct classify_mentions *m, const char *hay, size_t n)
{
	return m != NULL && hay >= m->text && hay <= m->text + m->len &&
	    n <= (size_t)(m->text + m->len - hay);
}

/* The first occurrence of entry e that starts at hay or later, within n. */
static const char *
entry_find(const struct classify_mentions *m, size_t e, const char *hay, size_t n)
{
	size_t from = (size_t)(hay - m->text), lo, hi;

	lo = 0;
	hi = m->nat[e];
	/* Later ones start later: the first fits, or none does. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->at[e][mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->nat[e] || m->at[e][lo] + m->mlen[e] > from + n)
		return NULL;
	return m->text + m->at[e][lo];
}

const char *
classify_mentions_find(const struct classify_mentions *m, const char *name,
    const char *hay, size_t n)
{
	struct buf k = BUF_INIT;
	size_t e;
	bool known;

	if (!in_text(m, hay, n) || name[0] == '\0')
		return str_casestrn(hay, n, name);
	key_of(&k, name);
	known = strmap_get(&m->index, k.data, &e);
	buf_free(&k);
	return known ? entry_find(m, e, hay, n) : str_casestrn(hay, n, name);
}

const char *
classify_mentions_find_recipient(const struct classify_mentions *m,
    const struct classify_input *in, size_t i, const char *hay, size_t n)
{
	const char *name = in->recipients[i];

	/* The entries are in->recipients' when m was made from that array. */
	if (in_text(m, hay, n) && m->recipients == in->recipients &&
	    i < m->nrecipients && m->rcpt_entry[i] != NO_ENTRY)
		return entry_find(m, m->rcpt_entry[i], hay, n);
	return classify_mentions_find(m, name, hay, n);
}
