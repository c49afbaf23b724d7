/*
 * check.h — independent checks on output for the fuzz harnesses: a strict
 * UTF-8 validator (no overlongs, surrogates or code points past U+10FFFF)
 * written apart from core/shared/utf8.c so that a bug there cannot hide itself.
 */
#ifndef BOUNCEQ_FUZZ_CHECK_H
#define BOUNCEQ_FUZZ_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Decodes one code point of strictly valid UTF-8 at s[0..n) into *cp and
 * returns its length, or 0 when the sequence is invalid.
 */
static inline size_t
check_utf8(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Code points a terminal must never see raw: controls and bidi controls. */
static inline int
check_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* Aborts unless s is NULL or valid UTF-8 of at most max bytes. */
static inline void
check_str(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, i, len;
	uint32_t cp;

	if (s == NULL)
		return;
	n = strlen(s);
	CHECK(n <= max);
	for (i = 0; i < n; i += len)
		CHECK((len = check_utf8(p + i, n - i, &cp)) > 0);
}

#endif
