#include "core/keymap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/key.h"
#include "core/source.h"

#define KEYMAP_MAX_FILE ((size_t)1024 * 1024)
#define KEYMAP_MAX_WORDS 5

struct binding {
	int key;
	enum action action;
};

struct keymap {
	struct binding *b[CONTEXT_COUNT];	/* sorted by key */
	size_t n[CONTEXT_COUNT], cap[CONTEXT_COUNT];
	char **diag;
	size_t ndiag, capdiag;
};

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	for (int c = 0; c < CONTEXT_COUNT; c++)
		free(km->b[c]);
	for (size_t i = 0; i < km->ndiag; i++)
		free(km->diag[i]);
	free(km->diag);
	free(km);
}

/* Position of key in ctx's array, or where it would go; *found says which. */
static size_t
find(const struct keymap *km, enum context ctx, int key, bool *found)
{
	size_t lo = 0, hi = km->n[ctx], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (km->b[ctx][mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < km->n[ctx] && km->b[ctx][lo].key == key;
	return lo;
}

void
keymap_bind(struct keymap *km, enum context ctx, int key, enum action a)
{
	bool found;
	size_t i = find(km, ctx, key, &found);

	if (found) {
		km->b[ctx][i].action = a;
		return;
	}
	if (km->n[ctx] == km->cap[ctx]) {
		km->cap[ctx] = km->cap[ctx] ? km->cap[ctx] * 2 : 32;
		km->b[ctx] = xrealloc(km->b[ctx], km->cap[ctx] * sizeof(struct binding));
	}
	memmove(&km->b[ctx][i + 1], &km->b[ctx][i], (km->n[ctx] - i) * sizeof(struct binding));
	km->b[ctx][i].key = key;
	km->b[ctx][i].action = a;
	km->n[ctx]++;
}

bool
keymap_unbind(struct keymap *km, enum context ctx, int key)
{
	bool found;
	size_t i = find(km, ctx, key, &found);

	if (!found)
		return false;
	memmove(&km->b[ctx][i], &km->b[ctx][i + 1], (km->n[ctx] - i - 1) * sizeof(struct binding));
	km->n[ctx]--;
	return true;
}

enum action
keymap_lookup(const struct keymap *km, enum context ctx, int key)
{
	bool found;
	size_t i;

	if ((unsigned)ctx >= CONTEXT_COUNT)
		return ACTION_NONE;
	i = find(km, ctx, key, &found);
	if (found)
		return km->b[ctx][i].action;
	if (ctx == CONTEXT_PROMPT)
		return ACTION_NONE;
	i = find(km, CONTEXT_GLOBAL, key, &found);
	return found ? km->b[CONTEXT_GLOBAL][i].action : ACTION_NONE;
}

static void add_diag(struct keymap *, const char *, size_t, const char *, ...)
	__attribute__((format(printf, 4, 5)));

static void
add_diag(struct keymap *km, const char *name, size_t lineno, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lineno > 0)
		buf_printf(&b, "%s:%zu: %s", name, lineno, msg);
	else
		buf_printf(&b, "%s: %s", name, msg);
	if (km->ndiag == km->capdiag) {
		km->capdiag = km->capdiag ? km->capdiag * 2 : 8;
		km->diag = xrealloc(km->diag, km->capdiag * sizeof(char *));
	}
	km->diag[km->ndiag++] = buf_steal(&b);
}

/*
 * Splits line into at most max words at blanks; a word starting with '#'
 * ends the line.  Returns the count, or max + 1 when there are more.
 */
static size_t
split(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

enum status
keymap_line(struct keymap *km, const char *name, size_t lineno, const char *line)
{
	char *copy = xstrdup(line), *w[KEYMAP_MAX_WORDS];
	enum status st = STATUS_SYNTAX;
	enum context ctx;
	enum action a = ACTION_NONE;
	size_t n = split(copy, w, KEYMAP_MAX_WORDS);
	bool bind;
	int key;

	if (n == 0) {
		st = STATUS_OK;
		goto done;
	}
	bind = strcmp(w[0], "bind") == 0;
	if (!bind && strcmp(w[0], "unbind") != 0) {
		add_diag(km, name, lineno, "unknown command '%s' (expected bind or unbind)", w[0]);
		goto done;
	}
	if (n != (bind ? 4u : 3u)) {
		add_diag(km, name, lineno, "%s", bind ? "usage: bind CONTEXT KEY ACTION" :
		    "usage: unbind CONTEXT KEY");
		goto done;
	}
	if (context_parse(w[1], &ctx) != STATUS_OK) {
		add_diag(km, name, lineno, "unknown context '%s'", w[1]);
		goto done;
	}
	if (key_parse(w[2], &key) != STATUS_OK) {
		add_diag(km, name, lineno, "bad key name '%s'", w[2]);
		goto done;
	}
	if (bind && action_parse(w[3], &a) != STATUS_OK) {
		add_diag(km, name, lineno, "unknown action '%s'", w[3]);
		goto done;
	}
	if (bind)
		keymap_bind(km, ctx, key, a);
	else if (!keymap_unbind(km, ctx, key)) {
		add_diag(km, name, lineno, "'%s' is not bound there", w[2]);
		goto done;
	}
	st = STATUS_OK;
done:
	free(copy);
	return st;
}

size_t
keymap_load_text(struct keymap *km, const char *name, const char *text)
{
	const char *p = text, *nl;
	size_t lineno = 0, bad = 0;
	char *line;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		line = xstrndup(p, (size_t)(nl - p));
		if (memchr(p, '\0', (size_t)(nl - p)) == NULL &&
		    keymap_line(km, name, ++lineno, line) != STATUS_OK)
			bad++;
		free(line);
		p = *nl ? nl + 1 : nl;
	}
	return bad;
}

enum status
keymap_load_file(struct keymap *km, const char *path)
{
	char *data = NULL;
	size_t len = 0;
	enum status st;

	st = source_read_file(path, KEYMAP_MAX_FILE, &data, &len);
	if (st == STATUS_NOENT)
		return st;
	if (st != STATUS_OK) {
		add_diag(km, path, 0, "%s", status_str(st));
		return st;
	}
	if (memchr(data, '\0', len) != NULL)
		add_diag(km, path, 0, "%s", "contains a NUL byte; read up to it");
	keymap_load_text(km, path, data);
	free(data);
	return STATUS_OK;
}

size_t
keymap_ndiag(const struct keymap *km)
{
	return km->ndiag;
}

const char *
keymap_diag(const struct keymap *km, size_t i)
{
	return i < km->ndiag ? km->diag[i] : NULL;
}

const char *
keymap_last_diag(const struct keymap *km)
{
	return km->ndiag ? km->diag[km->ndiag - 1] : NULL;
}

size_t
keymap_count(const struct keymap *km, enum context ctx)
{
	return (unsigned)ctx < CONTEXT_COUNT ? km->n[ctx] : 0;
}

void
keymap_entry(const struct keymap *km, enum context ctx, size_t i, int *key, enum action *a)
{
	*key = km->b[ctx][i].key;
	*a = km->b[ctx][i].action;
}

size_t
keymap_keys_for(const struct keymap *km, enum context ctx, enum action a, int *keys,
    size_t max)
{
	size_t n = 0;
	bool found;

	for (size_t i = 0; i < km->n[ctx]; i++)
		if (km->b[ctx][i].action == a) {
			if (n < max)
				keys[n] = km->b[ctx][i].key;
			n++;
		}
	if (ctx == CONTEXT_GLOBAL || ctx == CONTEXT_PROMPT)
		return n;
	for (size_t i = 0; i < km->n[CONTEXT_GLOBAL]; i++) {
		if (km->b[CONTEXT_GLOBAL][i].action != a)
			continue;
		find(km, ctx, km->b[CONTEXT_GLOBAL][i].key, &found);
		if (found)
			continue;
		if (n < max)
			keys[n] = km->b[CONTEXT_GLOBAL][i].key;
		n++;
	}
	return n;
}
