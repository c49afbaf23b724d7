/*
 * xtext — decoders for the encodings that RFC 3461 and RFC 6533 put into
 * DSN fields: xtext ("+HH" for a byte) and the utf-8 address type's
 * "\x{HHHH}" escapes.  Pure functions on text; the results are newly
 * allocated strings the caller frees.  Malformed escapes are kept as written
 * (lenient: a bounce is evidence, not input to reject).
 */
#ifndef BOUNCEQ_XTEXT_H
#define BOUNCEQ_XTEXT_H

#include <stddef.h>

/* Decodes "+HH" hex escapes.  A NUL byte is kept escaped ("+00"). */
char *xtext_decode(const char *s);

/* Decodes "\x{H...}" code point escapes (RFC 6533 utf-8-addr-xtext). */
char *xtext_decode_unicode(const char *s);

#endif
