/*
 * jsonread — the one policy by which bounceq reads JSON text, around the
 * jansson library: Amazon SES notifications in mail (decode/sesjson.c)
 * and `postqueue -j` lines (queue/queue_postfix.c).  Both are hostile
 * input; what jansson refuses is refused whole, never half kept.
 *
 * jsonread_object() reads one JSON object as RFC 8259 and jansson define
 * it, with two choices made here:
 *  - "\u0000" inside a string is accepted (JSON_ALLOW_NUL): one escaped
 *    NUL should not cost a whole notification or queued message, and the
 *    readers before jansson accepted it.  jsonread_strdup() turns it into
 *    U+FFFD, as utf8_encode() does: a C string cannot hold it, and cutting
 *    the string there would hide what follows.
 *  - duplicate member names are refused (JSON_REJECT_DUPLICATES): which of
 *    two values a reader takes is undefined, and two readers of one
 *    document must not see different recipients.
 * Everything else jansson refuses gives STATUS_SYNTAX: invalid UTF-8, raw
 * control characters or bad escapes in strings, lone surrogates, NUL in a
 * member name, nesting past JSON_PARSER_MAX_DEPTH (2048; jansson's
 * recursion stops there), integers past long long, reals past double, a
 * top-level value that is not an object.  jansson returns NULL when it
 * cannot allocate instead of aborting like xmalloc(): that is
 * STATUS_NOMEM.  The work is linear in the text.
 *
 * Call sequence: jsonread_object(text, len, prefix, &obj); look members up
 * with jansson (json_object_get(), json_object_foreach(), ...);
 * jsonread_strdup(value, max) for each string kept; json_decref(obj).
 * The caller owns obj and every string returned.
 *
 * <jansson.h> and core/shared/json.h (the writer) cannot share a source
 * file: both declare json_null().
 */
#ifndef BOUNCEQ_JSONREAD_H
#define BOUNCEQ_JSONREAD_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/shared/status.h"

/*
 * text[0..len) (need not be NUL-terminated) as one object in *out, or NULL
 * with a status.  With prefix, the object may be followed by anything (a
 * notification ends before the mail's footer); without, only by white
 * space.
 */
enum status jsonread_object(const char *text, size_t len, bool prefix, json_t **out);

/*
 * The string value v as a new C string, NUL replaced by U+FFFD, cut at max
 * bytes on a character boundary; NULL when v is not a string.
 */
char *jsonread_strdup(const json_t *v, size_t max);

#endif
