/*
 * tags — a row's notmuch tags (ROW_TAGS: sorted, one space between) and
 * tag changes as users write them ("+bounceq-handled -unread").
 *
 * notmuch allows any non-empty UTF-8 tag up to 200 bytes; a row keeps
 * its tags as one space-separated string, so bounceq writes only tags
 * without blanks or control characters (tag_name_ok) and reads a tag with
 * a space in it as two.  Matching (tags_has) is exact; the filter's tag:
 * test is a case-insensitive glob over the same words (core/model/filter).
 *
 * Call sequence:
 *	struct tag_ops ops = TAG_OPS_INIT; char err[256];
 *	if (tag_ops_parse(&ops, argc, argv, err, sizeof(err)) != STATUS_OK) ...
 *	tags_apply(row->s[ROW_TAGS], &ops, &after, &added, &removed);
 *	tag_ops_free(&ops);
 * Every char * returned is new and the caller frees it; tag_ops owns its
 * strings.
 */
#ifndef BOUNCEQ_TAGS_H
#define BOUNCEQ_TAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/shared/status.h"

/* notmuch's NOTMUCH_TAG_MAX. */
#define TAG_MAX_LEN 200

struct tag_ops {
	char **add, **del;	/* owned */
	size_t nadd, ndel;
};

#define TAG_OPS_INIT { NULL, NULL, 0, 0 }

/* A tag bounceq may write: 1..TAG_MAX_LEN bytes, no blank, no control, no leading +/-. */
bool tag_name_ok(const char *tag);

/*
 * Reads words "+TAG" and "-TAG" into ops (appending).  A tag both added
 * and removed, a bad name or a word without a sign is STATUS_SYNTAX with
 * err (errlen bytes) saying which; at least one word is required.
 */
enum status tag_ops_parse(struct tag_ops *ops, int n, char *const *words, char *err,
    size_t errlen);
/* Appends one change (tag must pass tag_name_ok). */
void tag_ops_add(struct tag_ops *ops, const char *tag, bool add);
bool tag_ops_empty(const struct tag_ops *ops);
void tag_ops_free(struct tag_ops *ops);

/* True when the space-separated list tags (NULL: none) holds tag exactly. */
bool tags_has(const char *tags, const char *tag);

/*
 * Normalises a list of tags (any order, repeats) into one sorted,
 * space-separated string; NULL when there is none.
 */
char *tags_join(const char *const *v, size_t n);

/*
 * What ops does to tags (NULL: none): *after the new list (NULL when
 * empty), *added and *removed the tags that really change (NULL when
 * none).  Any out-parameter may be NULL.
 */
void tags_apply(const char *tags, const struct tag_ops *ops, char **after, char **added,
    char **removed);

#endif
