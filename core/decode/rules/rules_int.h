/*
 * rules — the engine that reads bounces written as prose (qmail, Exim,
 * Gmail, Exchange, ...) using one table per MTA family (core/decode/rules/<family>.c).
 *
 * A family table says how to recognise the family (markers in From,
 * Subject, other header fields or the first lines of the body), where its
 * error section starts and ends, how a recipient line looks, and which
 * phrases introduce the server's words.  The engine does the rest the same
 * way for every family: it cuts the section out of the human-readable text,
 * splits it into one block per recipient line, and from each block takes the
 * diagnostic (joined into one line), the enhanced status, the SMTP reply
 * code and the remote host.  A new family is one new table file plus one
 * line in RULE_FAMILIES (families_int.h); no family has code of its own.
 *
 * Patterns (rcpt) are matched against a whole line with its leading and
 * trailing white space removed, ASCII case-insensitively: "%a" is one mail
 * address, "*" any text, a space one or more white-space characters, and
 * every other character itself.  Text matched by a final "*" starts the
 * recipient's diagnostic; "~" is "*" whose text is not kept; "#" is one
 * digit; a backslash makes the next character literal ("\\* %a" in C
 * source is a bulleted list's "* a@example.org").  An address starts at a word boundary unless a literal of the
 * pattern comes right before it ("dda:SMTP=%a;").  A pattern that starts with "!" makes the whole recipient line the
 * start of the diagnostic ("Unknown user: a@example.org").  Matching is by the classic single-backtrack
 * wildcard algorithm on lines cut to RULES_LINE_MAX bytes, so the work per
 * line is bounded whatever the input.
 *
 * SMTP transcripts (reply): in a recipient's block, the last line that
 * matches a reply pattern and whose kept text (the final "*") starts with
 * a 4xx or 5xx reply code is the diagnostic, with the lines of a
 * multi-line reply before it ("In: RCPT TO:<a@example.org>" ... "Out: 451
 * 4.3.0 Error: queue file write error" in Postfix's postmaster copy); a
 * block without one keeps the usual diagnostic.  Causes (cause): the
 * nearest non-blank line above a recipient line, when it matches a cause
 * pattern, says why the server's words below were written ("mail.local:
 * unknown user: a" above Sendmail's "554 <a@example.org>... Service
 * unavailable", EZweb's "The user(s) account is disabled." above
 * "<a@example.org>: 550 user unknown"); it goes, whole, in front of the
 * recipient's diagnostic unless that already has it.
 *
 * Lines that open most reports ("This is an automatically generated
 * Delivery Status Notification.") say nothing about a failure and are
 * never taken into a diagnostic paragraph, whatever the family.
 *
 * Markers (ident) are strings "<where>:<text>", where is one of from,
 * subject, body (a line among the first RULES_IDENT_LINES of the text) or
 * the name of a header field; "a && b" needs both.  Everything else is a
 * plain case-insensitive substring of a line.
 *
 * Call sequence: f = rules_identify(msg, text, len) (NULL: no family);
 * n = rules_extract(f, text, len, b) appends n recipients to b and sets
 * nothing else; when n is 0 and the caller found the recipients elsewhere,
 * rules_fill_section() gives them the section's diagnostic.  All strings put into b are owned by b.  Tables are static
 * and read-only.
 */
#ifndef BOUNCEQ_RULES_INT_H
#define BOUNCEQ_RULES_INT_H

#include <stddef.h>

#include "core/decode/bounce.h"
#include "core/decode/mime_int.h"
#include "core/decode/rules/families_int.h"


/*
 * The family whose markers match msg and its text, in table order (more
 * specific families first); the generic family when the message merely
 * looks like a bounce; NULL otherwise.
 */
const struct rule_family *rules_identify(GMimeMessage *msg, const char *text,
    size_t len);

/* Appends the recipients found in text to b; returns how many. */
size_t rules_extract(const struct rule_family *f, const char *text, size_t len,
    struct bounce *b);

/*
 * For reports whose text names no recipient (the recipients came from a
 * header): gives recipients b->rcpt[from..] that have no diagnostic the
 * section's own (the paragraph after a diag marker, else the first one
 * after any greeting) and the codes in it.
 */
void rules_fill_section(const struct rule_family *f, const char *text,
    size_t len, struct bounce *b, size_t from);

/*
 * The header block of the copy of the message that follows the error
 * section of family f (NULL: any family) in the text, one field a line
 * (a copy's header lines start within RULES_COPY_LINES of the section's
 * end), or NULL; the caller frees it.
 */
#define RULES_COPY_LINES 200
char *rules_copy_headers(const struct rule_family *f, const char *text, size_t len);

/*
 * Where the copy of the returned message begins in text[0..len): the
 * offset of the first line that announces it ("----- Original message
 * -----", "--- Below this line is a copy of the message."), or len.
 * Nothing after it is about the failure, so the classifier stops there.
 */
size_t rules_copy_start(const char *text, size_t len);

/* Pattern matching as described above; *addr, *alen locate the address. */
int rules_match(const char *pat, const char *line, size_t n,
    const char **addr, size_t *alen);


#endif
