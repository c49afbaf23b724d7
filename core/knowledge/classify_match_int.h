/*
 * classify_match — every word of the classifier's tables found in a text
 * in one pass (core-internal).
 *
 * The tables of reason_table_int.h hold some 700 patterns and words; the
 * classifier asks about most of them for every text it reads.  They are
 * compiled once into one automaton (core/shared/phrases.h) of every
 * literal piece of every pattern (the text between the '*'s), built on
 * first use and read-only afterwards, so any thread may use it.
 * classify_match_scan() then reads a normalised text (classify_text.h)
 * once and keeps, per piece, where its first occurrence starts and where
 * the last of the occurrences that a search resumed after each match
 * finds starts; every question below is answered from those, exactly as
 * searching for each piece with classify_find() answers it:
 *   a pattern matches when its pieces occur in order, each one after the
 *   end of the one before, found leftmost (a later piece whose first
 *   occurrence comes too early is searched again from there), and the
 *   text is not empty; a piece longer than CLASSIFY_NEEDLE_MAX never
 *   matches, as classify_find() refuses it.
 * A table's host names are also matched, ASCII case-insensitively like
 * str_casestrn(), in host names and addresses (classify_match_hosts()).
 *
 * Call sequence:
 *	struct classify_hits h;
 *	classify_match_scan(&h, text, len);
 *	classify_match_has(&h, CLASSIFY_WORDS_TEXT, row) ...;
 *	classify_match_free(&h);
 * A struct classify_hits borrows the text for its life and owns its
 * arrays.
 */
#ifndef BOUNCEQ_CLASSIFY_MATCH_H
#define BOUNCEQ_CLASSIFY_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


/* The tables whose rows have a pattern; a row is its table index. */
enum classify_words {
	CLASSIFY_WORDS_TEXT,		/* reason_text_rules[].pattern */
	CLASSIFY_WORDS_PROVIDER,	/* reason_provider_rules[].pattern */
	CLASSIFY_WORDS_PROVIDER_HOST,	/* reason_provider_rules[].host, as a pattern */
	CLASSIFY_WORDS_CODE_HOST,	/* reason_provider_codes[].host, as a pattern */
	CLASSIFY_WORDS_CODE_LABEL,	/* reason_provider_codes[].label, plain */
	CLASSIFY_WORDS_LOCAL,		/* reason_local_rules[].pattern */
	CLASSIFY_WORDS_STEP,		/* reason_step_markers[].pattern, plain */
	CLASSIFY_WORDS_RETRIES,		/* reason_retries_over[], plain */
	CLASSIFY_WORDS_COUNT
};

/* The tables whose rows name a host (CLASSIFY_WORDS_*_HOST). */
enum classify_host_table {
	CLASSIFY_HOSTS_PROVIDER,	/* reason_provider_rules[].host */
	CLASSIFY_HOSTS_CODE,		/* reason_provider_codes[].host */
	CLASSIFY_HOSTS_COUNT
};

/* Offsets in a text the classifier reads: it caps its texts far below. */
#define CLASSIFY_HITS_MAX	((size_t)1 << 30)
#define CLASSIFY_HITS_NONE	UINT32_MAX

/* What one text holds of the tables' words. */
struct classify_hits {
	const char *text;
	size_t len;
	uint32_t *first;	/* per piece: start of its first occurrence, or _NONE */
	uint32_t *last;		/* per step piece: start of its last non-overlapping one */
};

/*
 * Reads text[0..len) (at most CLASSIFY_HITS_MAX bytes of it) once; h
 * borrows text.
 */
void classify_match_scan(struct classify_hits *h, const char *text, size_t len);

void classify_match_free(struct classify_hits *h);

/* How many rows table t has. */
size_t classify_match_rows(enum classify_words t);

/*
 * Row's pattern (or word) in table t, as the table writes it; whether the
 * rows of t are plain words, '*' included, rather than patterns.
 */
const char *classify_match_word(enum classify_words t, size_t row);
bool classify_match_plain(enum classify_words t);

/* True when row's pattern (or plain word) of table t occurs in h. */
bool classify_match_has(const struct classify_hits *h, enum classify_words t,
    size_t row);

/*
 * Where the first occurrence of the plain word of row starts, or
 * PHRASES_NONE; classify_match_last() the last one that a search resumed
 * after each occurrence finds (they never overlap), kept only for
 * CLASSIFY_WORDS_STEP.
 */
size_t classify_match_first(const struct classify_hits *h,
    enum classify_words t, size_t row);
size_t classify_match_last(const struct classify_hits *h,
    enum classify_words t, size_t row);

/*
 * The host names of both host tables, in one flat list: entry
 * classify_match_host(t, row) is row's of table t, and there are
 * classify_match_host_count() in all.  classify_match_hosts() sets
 * found[i] for every entry whose host name occurs in s (ASCII
 * case-insensitively, as str_casestrn() finds it; "" never does) and
 * leaves the other entries alone; a NULL s finds nothing.
 */
size_t classify_match_host_count(void);
size_t classify_match_host(enum classify_host_table t, size_t row);
void classify_match_hosts(const char *s, bool *found);

#endif
