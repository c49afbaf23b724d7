/*
 * rules_words — where the rules engine's words are in a text, found in one
 * pass (private to core/decode/rules/).
 *
 * The engine asks of every line of a report whether it holds one of a
 * family's section words (start, end, diag, delayed: rules_int.h) or of
 * the lists every family shares, and rules_identify() asks whether the
 * first lines or some header fields hold a family's markers.  Asked one
 * word at a time that read each text once per word.  Here the words are
 * needles of a few automata (core/shared/phrases.h, built on first use,
 * read-only afterwards): every family's and shared list's words in one,
 * each shared list in one of its own, the markers in one.  A text is read
 * once: rules_lines_read() splits it into lines and notes which words
 * each line holds within its first RULES_LINE_MAX bytes, ASCII
 * case-insensitively (as str_casestrn() in the C and UTF-8 locales).  A
 * word never matches across lines.
 *
 * Call sequence:
 *	struct rules_lines L;
 *	rules_lines_read(&L, f, text, len);
 *	... L.line[i], rules_line_has(&L, i, RULES_END) ...;
 *	rules_lines_free(&L);
 * L borrows text and owns its arrays.  f may be NULL (the shared lists
 * only) or a family outside RULE_FAMILIES (then its own lists are
 * searched word by word).
 */
#ifndef BOUNCEQ_RULES_WORDS_H
#define BOUNCEQ_RULES_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/decode/mime_int.h"
#include "core/decode/rules/families_int.h"

struct rules_span {
	const char *p;
	size_t n;
};

/* The word lists a line is asked about. */
enum rules_list {
	RULES_START,		/* f->start */
	RULES_END,		/* f->end */
	RULES_DIAG,		/* f->diag */
	RULES_DELAYED,		/* f->delayed */
	RULES_COMMON_END,	/* where the copy of the message begins */
	RULES_COMMON_DIAG,	/* words before the server's own */
	RULES_COMMON_DELAYED,	/* words of a temporary failure */
	RULES_LIST_COUNT
};

/* One word found in a line: its needle and where it starts in the line. */
struct rules_hit {
	uint32_t word;
	uint32_t at;
};

struct rules_lines {
	struct rules_span *line;	/* split at '\n', which no line holds */
	size_t n;
	struct rules_hit *hit;		/* line by line, in order of their end */
	size_t *first;			/* line i's are hit[first[i] .. first[i + 1]) */
	size_t fam;			/* f's place in RULE_FAMILIES, or none */
	const struct rule_family *f;
};

/* Splits text[0..len) into lines and reads it once for f's words. */
void rules_lines_read(struct rules_lines *L, const struct rule_family *f,
    const char *text, size_t len);

void rules_lines_free(struct rules_lines *L);

/* The words of list w of L's family (or the shared ones); may be NULL. */
const char *const *rules_list_words(const struct rules_lines *L,
    enum rules_list w);

/* True when line i holds a word of list w. */
bool rules_line_has(const struct rules_lines *L, size_t i, enum rules_list w);

/*
 * Where the first occurrence in line i of word k of list w starts, or
 * NULL; only within the line's first RULES_LINE_MAX bytes.
 */
const char *rules_line_find(const struct rules_lines *L, size_t i,
    enum rules_list w, size_t k);

/* rules_identify() (rules_int.h), which the markers are read for here. */
const struct rule_family *rules_words_identify(GMimeMessage *msg,
    const char *text, size_t len);

/*
 * The offset in text[0..len) of the first line that holds a word of the
 * shared list w, or len; the text is read only as far as that line.
 */
size_t rules_first_line(const char *text, size_t len, enum rules_list w);

#endif
