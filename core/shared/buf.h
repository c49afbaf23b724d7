/*
 * buf — a growable byte buffer, always NUL-terminated.
 *
 * Call sequence: struct buf b = BUF_INIT; buf_add*(&b, ...); use b.data /
 * b.len; buf_free(&b).  The buffer owns b.data; buf_steal() hands it to the
 * caller (free() it).  Allocation failure aborts: a program that cannot
 * allocate a few bytes for text has no sane way to continue, and checking
 * every append would drown the parsers in error paths.
 */
#ifndef BOUNCEQ_BUF_H
#define BOUNCEQ_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
/* Room for extra more bytes (and the NUL) without another allocation. */
void buf_reserve(struct buf *b, size_t extra);
/* Returns the text (never NULL, "" when empty); the caller frees it. */
char *buf_steal(struct buf *b);
void buf_free(struct buf *b);

/* Out-of-memory handler shared by core allocators: aborts. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* A copy of s, or NULL when s is NULL. */
char *xstrdup_null(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
