/*
 * phrases — many fixed strings found in one pass over a text.
 *
 * The classifier and the rules engine look for hundreds of phrases in the
 * same texts; searching for each one separately read every text hundreds
 * of times.  phrases_new() builds one Aho-Corasick automaton of all the
 * needles, as a table with a row per trie state and a column per byte
 * class (the bytes the needles use, plus one for all others), so a scan
 * costs one table lookup per byte of text whatever the number of needles,
 * and finds every occurrence of every needle, overlapping ones included.
 *
 * With PHRASES_FOLD the ASCII letters A-Z and a-z are one class each, so
 * the needles match in either case without the text being copied or
 * folded (str_casestrn()'s matches in the C and UTF-8 locales); bytes
 * outside A-Z and a-z, 8-bit ones included, match only themselves.
 * Needles and texts may hold any bytes, NUL included.
 *
 * An automaton is read-only once built, so one serves every thread.
 *
 * Call sequence:
 *	struct phrases *p = phrases_new(needles, lens, n, PHRASES_FOLD);
 *	phrases_scan(p, text, len, hit, ctx);	(every occurrence)
 *	phrases_first(p, text, len, first);	(each needle's first one)
 *	phrases_free(p);
 * The automaton copies what it needs; the needles may be freed after
 * phrases_new().
 */
#ifndef BOUNCEQ_PHRASES_H
#define BOUNCEQ_PHRASES_H

#include <stdbool.h>
#include <stddef.h>

struct phrases;

/* Letters match in either case (ASCII only). */
#define PHRASES_FOLD	0x1

/* An offset that no text has: the needle does not occur. */
#define PHRASES_NONE	((size_t)-1)

/*
 * The automaton of needles[0..n), needle i being lens[i] bytes long (or,
 * when lens is NULL, a NUL-terminated string).  A needle's id is its index;
 * equal needles each keep their own id.  An empty needle is never reported.
 * Returns NULL only when the table would pass 2^31 entries (needles of
 * about 8 MB in all); the caller frees the result with phrases_free().
 */
struct phrases *phrases_new(const char *const *needles, const size_t *lens,
    size_t n, unsigned flags);

void phrases_free(struct phrases *p);

/* How many needles p was built from. */
size_t phrases_count(const struct phrases *p);

/*
 * Called for one occurrence of needle id that ends at text offset end
 * (one past its last byte, so it starts at end - its length).  Return
 * false to end the scan.
 */
typedef bool phrases_hit_fn(void *ctx, size_t id, size_t end);

/*
 * Reports every occurrence of every needle in text[0..len) in order of
 * their end; occurrences that end at the same offset come longest first,
 * and equal needles in the order of their ids.  Returns false when hit
 * ended the scan.
 */
bool phrases_scan(const struct phrases *p, const char *text, size_t len,
    phrases_hit_fn *hit, void *ctx);

/*
 * Sets first[id], for every needle, to the offset where its first
 * occurrence in text[0..len) starts, or to PHRASES_NONE; first has
 * phrases_count(p) entries.
 */
void phrases_first(const struct phrases *p, const char *text, size_t len,
    size_t *first);

#endif
