/*
 * smtpcode — recognising SMTP reply codes (RFC 5321: "550") and enhanced
 * status codes (RFC 3463: "5.1.1") in free text such as a Diagnostic-Code.
 * Pure functions; results are written into caller-provided arrays.
 */
#ifndef BOUNCEQ_SMTPCODE_H
#define BOUNCEQ_SMTPCODE_H

#include <stdbool.h>
#include <stddef.h>

#define SMTPCODE_STATUS_MAX 12	/* "5.123.123" + NUL, rounded up */
#define SMTPCODE_REPLY_MAX 4	/* "550" + NUL */

/* True when s is exactly a class.subject.detail code (class 2, 4 or 5). */
bool smtpcode_status_valid(const char *s);

/* True when s is a generic x.0.0 code that says nothing beyond its class. */
bool smtpcode_status_generic(const char *s);

/*
 * Finds the first enhanced status code in text[0..n) whose class is cls
 * ('2', '4', '5', or 0 for any) and, when specific is true, that is not
 * x.0.0.  Returns true and writes it to out.
 */
bool smtpcode_find_status(const char *text, size_t n, char cls, bool specific,
    char out[SMTPCODE_STATUS_MAX]);

/*
 * Finds the first SMTP reply code in text[0..n): three digits [245][0-5][0-9]
 * standing alone, followed by a space, '-' (multi-line reply), a comma not
 * followed by a digit ("ResponseCode 421,"), or the end; after " :" too
 * (Zoho's "ERROR_CODE :550"), never inside times, ports, sizes or addresses.
 */
bool smtpcode_find_reply(const char *text, size_t n, char out[SMTPCODE_REPLY_MAX]);

/*
 * Finds the first SMTP reply that carries an enhanced code right after the
 * reply code: "550 5.1.1", "550-5.1.1", "550-'5.7.1".  That pair is the
 * remote server's own answer, more trustworthy than codes elsewhere in the
 * text.  Returns true and fills both.
 */
bool smtpcode_find_pair(const char *text, size_t n, char reply[SMTPCODE_REPLY_MAX],
    char status[SMTPCODE_STATUS_MAX]);

#endif
