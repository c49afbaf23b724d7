/*
 * mime — the thin layer over GMime used inside decode/.  Private to decode/:
 * GMime objects never leave it.
 *
 * mime_parse() normalises line endings (GMime does not understand CR-only
 * mail) and returns a GMimeMessage the caller g_object_unref()s.  The
 * mime_part_* helpers return newly allocated copies the caller free()s.
 */
#ifndef BOUNCEQ_MIME_H
#define BOUNCEQ_MIME_H

#include <gmime/gmime.h>
#include <stddef.h>

#include "core/shared/status.h"

/* Initialises GMime once per process; safe to call many times. */
void mime_init(void);

/*
 * Copies data with every CRLF and lone CR turned into LF and every NUL
 * into a space.  Returns NULL when
 * no change is needed (the caller uses data as it is); otherwise a new
 * buffer of *outlen bytes the caller frees.
 */
char *mime_normalize_eol(const char *data, size_t len, size_t *outlen);

/*
 * Parses one message; STATUS_NOT_MAIL when it has no header fields.  Blank
 * and white-space-only lines before the header, and an mbox "From " line,
 * are skipped.  A message with no Content-Type whose body opens with a
 * boundary line "--token" and holds its closing "--token--" is parsed as
 * multipart/mixed with that boundary (the field was lost by a relay).
 */
enum status mime_parse(const char *data, size_t len, GMimeMessage **out);

/* True when msg has at least one plausible header field. */
int mime_looks_like_mail(GMimeMessage *msg);

/* The transfer-decoded body of a leaf part (raw charset); NUL-terminated. */
char *mime_part_bytes(GMimeObject *part, size_t *len);

/* The body of a text part converted to UTF-8; NULL if part is not text. */
char *mime_part_text(GMimeObject *part);

/* A header's decoded value, or NULL. */
char *mime_header(GMimeObject *obj, const char *name);

#endif
