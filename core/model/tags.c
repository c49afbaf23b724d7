#include "core/model/tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/shared/buf.h"

bool
tag_name_ok(const char *tag)
{
	size_t n = tag ? strlen(tag) : 0;

	if (n == 0 || n > TAG_MAX_LEN || tag[0] == '+' || tag[0] == '-')
		return false;
	/* A blank would split the row's list; a control character is never a tag. */
	for (const unsigned char *p = (const unsigned char *)tag; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

static bool
in(char *const *v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

void
tag_ops_add(struct tag_ops *ops, const char *tag, bool add)
{
	char ***v = add ? &ops->add : &ops->del;
	size_t *n = add ? &ops->nadd : &ops->ndel;

	if (in(*v, *n, tag))
		return;
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(tag);
}

enum status
tag_ops_parse(struct tag_ops *ops, int n, char *const *words, char *err, size_t errlen)
{
	if (n <= 0) {
		snprintf(err, errlen, "no tag changes (give +TAG or -TAG)");
		return STATUS_SYNTAX;
	}
	for (int i = 0; i < n; i++) {
		const char *w = words[i];

		if (w[0] != '+' && w[0] != '-') {
			snprintf(err, errlen, "'%.64s' is not a tag change (+TAG or -TAG)", w);
			return STATUS_SYNTAX;
		}
		if (!tag_name_ok(w + 1)) {
			snprintf(err, errlen, "bad tag '%.64s' (1 to %d bytes, no blanks or "
			    "control characters)", w + 1, TAG_MAX_LEN);
			return STATUS_SYNTAX;
		}
		if (in(w[0] == '+' ? ops->del : ops->add, w[0] == '+' ? ops->ndel : ops->nadd,
		    w + 1)) {
			snprintf(err, errlen, "tag '%.64s' both added and removed", w + 1);
			return STATUS_SYNTAX;
		}
		tag_ops_add(ops, w + 1, w[0] == '+');
	}
	return STATUS_OK;
}

bool
tag_ops_empty(const struct tag_ops *ops)
{
	return ops->nadd == 0 && ops->ndel == 0;
}

void
tag_ops_free(struct tag_ops *ops)
{
	for (size_t i = 0; i < ops->nadd; i++)
		free(ops->add[i]);
	for (size_t i = 0; i < ops->ndel; i++)
		free(ops->del[i]);
	free(ops->add);
	free(ops->del);
	*ops = (struct tag_ops)TAG_OPS_INIT;
}

bool
tags_has(const char *tags, const char *tag)
{
	size_t n = strlen(tag);

	for (const char *p = tags; p != NULL && *p != '\0';) {
		size_t w = strcspn(p, " ");

		if (w == n && memcmp(p, tag, n) == 0)
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *
tags_join(const char *const *v, size_t n)
{
	const char **s = xcalloc(n + 1, sizeof(*s));
	struct buf b = BUF_INIT;
	size_t m = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] != NULL && *v[i] != '\0')
			s[m++] = v[i];
	qsort(s, m, sizeof(*s), cmp_str);
	for (size_t i = 0; i < m; i++)
		if (i == 0 || strcmp(s[i], s[i - 1]) != 0)
			buf_printf(&b, "%s%s", b.len ? " " : "", s[i]);
	free(s);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

/* The words of a space-separated list, as new strings in *v. */
static size_t
split(const char *tags, char ***v)
{
	size_t n = 0;

	*v = NULL;
	for (const char *p = tags; p != NULL && *p != '\0';) {
		size_t w;

		p += strspn(p, " ");
		if ((w = strcspn(p, " ")) == 0)
			break;
		*v = xrealloc(*v, (n + 1) * sizeof(**v));
		(*v)[n++] = xstrndup(p, w);
		p += w;
	}
	return n;
}

static void
free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
tags_apply(const char *tags, const struct tag_ops *ops, char **after, char **added,
    char **removed)
{
	char **old;
	size_t nold = split(tags, &old), nnew = 0, nadd = 0, ndel = 0;
	const char **nw = xcalloc(nold + ops->nadd + 1, sizeof(*nw));
	const char **ad = xcalloc(ops->nadd + 1, sizeof(*ad));
	const char **dl = xcalloc(ops->ndel + 1, sizeof(*dl));

	for (size_t i = 0; i < nold; i++) {
		if (in(ops->del, ops->ndel, old[i])) {
			if (!in((char *const *)dl, ndel, old[i]))
				dl[ndel++] = old[i];
		} else
			nw[nnew++] = old[i];
	}
	for (size_t i = 0; i < ops->nadd; i++)
		if (!in(old, nold, ops->add[i])) {
			nw[nnew++] = ops->add[i];
			ad[nadd++] = ops->add[i];
		}
	if (after != NULL)
		*after = tags_join(nw, nnew);
	if (added != NULL)
		*added = tags_join(ad, nadd);
	if (removed != NULL)
		*removed = tags_join(dl, ndel);
	free(nw);
	free(ad);
	free(dl);
	free_words(old, nold);
}
