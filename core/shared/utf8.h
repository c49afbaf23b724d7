/*
 * utf8 — decoding one code point at a time, and the rules for which code
 * points are unsafe to show raw (controls, bidi overrides).  Shared by the
 * JSON writer and the terminal escaper so that both agree on what is text.
 */
#ifndef BOUNCEQ_UTF8_H
#define BOUNCEQ_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Decodes the code point at s[0..n).  Returns its length in bytes (1..4) and
 * stores it in *cp; for an invalid or truncated sequence returns 1 and stores
 * UTF8_INVALID, so callers always make progress.
 */
#define UTF8_INVALID 0xFFFFFFFFu
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* C0, DEL, C1 controls, and bidi embedding/override/isolate characters. */
bool utf8_is_unsafe(uint32_t cp);

/*
 * cp as UTF-8 in out[0..4); returns its length (1..4).  NUL, surrogates
 * and values past U+10FFFF, which cannot stand in a C string or are not
 * characters, become U+FFFD.
 */
size_t utf8_encode(uint32_t cp, char out[4]);

/*
 * The length of s[0..n) cut to at most max bytes without splitting a
 * character: n when n <= max, else max backed off over the continuation
 * bytes of the character that straddles the cut.
 */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* True when s[0..n) is valid UTF-8. */
bool utf8_valid(const char *s, size_t n);

#endif
