/*
 * template — a diagnostic with its variable parts masked, so that the same
 * failure for different recipients, hosts and queue IDs reads the same:
 * "550 5.1.1 <a@x>: user unknown" and "550 5.1.1 <b@y>: user unknown" both
 * become "550 5.1.1 <*@*>: user unknown".
 *
 * Masks: mail addresses -> *@*, IPv4/IPv6 addresses -> <ip>, host names
 * (two or more dotted labels, last one alphabetic) -> <host>, tokens mixing
 * letters and digits of six or more characters (queue IDs) -> <id>, other
 * numbers -> <n>.  Reply codes (2xx-5xx) and enhanced status codes (x.y.z)
 * are kept: they are what tells one failure from another.  Runs of white
 * space become one space.
 *
 * Call sequence: char *t = template_make(diag); ... free(t).
 */
#ifndef BOUNCEQ_TEMPLATE_H
#define BOUNCEQ_TEMPLATE_H

/* Returns a new string the caller frees, or NULL when diag is NULL. */
char *template_make(const char *diag);

#endif
