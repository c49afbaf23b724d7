/*
 * strpool — the strings of a rowset: copied into large blocks (an arena)
 * instead of one malloc each, and, on request, interned so a string that
 * repeats in thousands of rows (a reason, a status, a domain, a template)
 * is stored once.
 *
 * Strings never move and are never freed one by one: they live until
 * strpool_free().  A pool can also own foreign blocks (strpool_adopt: the
 * bytes of a loaded cache file whose strings rows point into) and take
 * over another pool's blocks (strpool_merge).
 *
 * Call sequence:
 *	struct strpool *p = strpool_new();
 *	const char *s = strpool_intern(p, "userunknown");	(same pointer next time)
 *	const char *t = strpool_copy(p, recipient);		(always a new copy)
 *	strpool_free(p);
 * Not thread-safe: one pool per thread.
 */
#ifndef BOUNCEQ_STRPOOL_H
#define BOUNCEQ_STRPOOL_H

#include <stddef.h>

struct strpool;

struct strpool *strpool_new(void);
/* The pool's copy of s (NULL for NULL), shared with every equal string interned. */
const char *strpool_intern(struct strpool *p, const char *s);
/* A new copy of s in the pool (NULL for NULL). */
const char *strpool_copy(struct strpool *p, const char *s);
/* n bytes of the pool, aligned for any object (not zeroed). */
void *strpool_alloc(struct strpool *p, size_t n);
/* The pool frees block (allocated with malloc) with itself. */
void strpool_adopt(struct strpool *p, void *block);
/* Moves every block of src into dst (src stays usable and empty). */
void strpool_merge(struct strpool *dst, struct strpool *src);
/* Bytes held (blocks), for the statistics. */
size_t strpool_bytes(const struct strpool *p);
void strpool_free(struct strpool *p);

#endif
