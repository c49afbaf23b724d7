#include "core/shared/cmdline.h"

#include <stdbool.h>
#include <stdlib.h>

#include "core/shared/buf.h"

static void
push(char ***v, size_t *n, size_t *cap, char *w)
{
	if (*n + 2 > *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof(char *));
	}
	(*v)[(*n)++] = w;
	(*v)[*n] = NULL;
}

enum status
cmdline_split(const char *line, char ***argv, size_t *argc)
{
	struct buf w = BUF_INIT;
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = line;
	bool in_word = false;
	char quote = '\0';

	*argv = NULL;
	*argc = 0;
	push(&v, &n, &cap, NULL);
	n = 0;
	for (;; p++) {
		char c = *p;

		if (quote == '\'') {
			if (c == '\0')
				goto fail;
			if (c == '\'')
				quote = '\0';
			else
				buf_addc(&w, c);
			continue;
		}
		if (c == '\\' && (quote == '\0' || p[1] == '"' || p[1] == '\\')) {
			if (p[1] == '\0')
				goto fail;
			buf_addc(&w, *++p);
			in_word = true;
			continue;
		}
		if (quote == '"') {
			if (c == '\0')
				goto fail;
			if (c == '"')
				quote = '\0';
			else
				buf_addc(&w, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			in_word = true;
			continue;
		}
		if (c == '\0' || c == ' ' || c == '\t' || c == '\n') {
			if (in_word) {
				push(&v, &n, &cap, buf_steal(&w));
				in_word = false;
			}
			if (c == '\0')
				break;
			continue;
		}
		buf_addc(&w, c);
		in_word = true;
	}
	*argv = v;
	*argc = n;
	return STATUS_OK;
fail:
	buf_free(&w);
	v[n] = NULL;
	cmdline_free(v);
	return STATUS_SYNTAX;
}

void
cmdline_free(char **argv)
{
	if (argv == NULL)
		return;
	for (char **p = argv; *p != NULL; p++)
		free(*p);
	free(argv);
}
