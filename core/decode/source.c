#include "core/decode/source.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/decode/decode.h"
#include "core/decode/decode_int.h"
#include "core/decode/mime_int.h"
#include "core/shared/buf.h"
#include "core/shared/file.h"
#include "core/shared/workers.h"

#define MBOX_MAX ((size_t)2 * 1024 * 1024 * 1024)

enum source_type { SRC_FILE, SRC_DIR, SRC_MBOX };

struct source {
	enum source_type type;
	char *path;
	/* SRC_FILE: the message, decoded on the first source_next() */
	int done;
	/* SRC_DIR */
	char **files;
	size_t nfiles, next;
	struct workers *ahead;	/* decoding files in threads, or NULL */
	/* SRC_MBOX */
	GMimeParser *parser;
	GMimeMessage *pending;	/* read ahead to know whether more follow */
	long index;
	int single;
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
list_dir(struct source *s, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct buf p = BUF_INIT;

		if (e->d_name[0] == '.')
			continue;
		buf_printf(&p, "%s/%s", dir, e->d_name);
		/*
		 * The directory says what most entries are; only links and
		 * entries of unknown type need a stat() (a link to a file is
		 * a file).
		 */
		if (e->d_type == DT_REG || ((e->d_type == DT_LNK ||
		    e->d_type == DT_UNKNOWN) && stat(p.data, &st) == 0 &&
		    S_ISREG(st.st_mode))) {
			s->files = xrealloc(s->files, (s->nfiles + 1) * sizeof(char *));
			s->files[s->nfiles++] = buf_steal(&p);
		} else {
			buf_free(&p);
		}
	}
	closedir(d);
}

static enum status
open_dir(struct source *s)
{
	struct buf p = BUF_INIT;
	struct stat st;
	const char *sub[] = { "cur", "new" };
	int maildir = 0;
	size_t base = 0;

	for (int i = 0; i < 2; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", s->path, sub[i]);
		if (stat(p.data, &st) == 0 && S_ISDIR(st.st_mode)) {
			maildir = 1;
			list_dir(s, p.data);
			if (s->nfiles > base)
				qsort(s->files + base, s->nfiles - base, sizeof(char *), cmp_str);
			base = s->nfiles;
		}
	}
	buf_free(&p);
	if (!maildir) {
		list_dir(s, s->path);
		if (s->nfiles > 0)
			qsort(s->files, s->nfiles, sizeof(char *), cmp_str);
	}
	return s->nfiles ? STATUS_OK : STATUS_NO_MAIL_FOUND;
}

enum status
source_open(const char *path, struct source **out)
{
	struct source *s;
	struct stat st;
	enum status rc = STATUS_OK;

	*out = NULL;
	if (strcmp(path, "-") != 0 && stat(path, &st) != 0)
		return file_errno_status(errno);
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	if (strcmp(path, "-") != 0 && S_ISDIR(st.st_mode)) {
		s->type = SRC_DIR;
		rc = open_dir(s);
	} else {
		s->type = SRC_FILE;
	}
	if (rc != STATUS_OK) {
		source_close(s);
		return rc;
	}
	*out = s;
	return STATUS_OK;
}

static GMimeMessage *
mbox_read(struct source *s)
{
	GMimeMessage *m;

	while (!g_mime_parser_eos(s->parser)) {
		m = g_mime_parser_construct_message(s->parser, NULL);
		if (m == NULL)
			return NULL;
		if (mime_looks_like_mail(m))
			return m;
		g_object_unref(m);
	}
	return NULL;
}

static void
mbox_start(struct source *s, const char *data, size_t len)
{
	GMimeStream *stream;
	size_t nlen = len;
	char *norm = mime_normalize_eol(data, len, &nlen);

	mime_init();
	stream = g_mime_stream_mem_new_with_buffer(norm ? norm : data, nlen);
	free(norm);
	s->parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	g_mime_parser_set_format(s->parser, GMIME_FORMAT_MBOX);
	s->type = SRC_MBOX;
	s->pending = mbox_read(s);
	s->single = s->pending && g_mime_parser_eos(s->parser);
}

static bool
mbox_next(struct source *s, struct source_item *it)
{
	GMimeMessage *m = s->pending;

	if (m == NULL)
		return false;
	s->pending = mbox_read(s);
	s->index++;
	it->file = xstrdup(s->path);
	it->index = s->single ? 0 : s->index;
	it->status = bounce_decode_message(m, &it->bounce);
	g_object_unref(m);
	return true;
}

static void
decode_path(const char *path, struct source_item *it, struct source *s)
{
	char *data;
	size_t len;

	it->file = xstrdup(path);
	it->status = file_read(path, MBOX_MAX, &data, &len);
	if (it->status != STATUS_OK)
		return;
	if (s && len >= 5 && memcmp(data, "From ", 5) == 0) {
		mbox_start(s, data, len);
		free(data);
		if (s->pending == NULL) {
			it->status = STATUS_NO_MAIL_FOUND;
			return;
		}
		free(it->file);
		it->file = NULL;
		mbox_next(s, it);
		return;
	}
	if (len > BOUNCE_MAX_SIZE)
		it->status = STATUS_TOO_LARGE;
	else
		it->status = bounce_decode(data, len, &it->bounce);
	free(data);
}

/* One file of a directory, decoded in a worker thread. */
static void *
decode_job(void *ctx, size_t i)
{
	const struct source *s = ctx;
	struct source_item *it = xcalloc(1, sizeof(*it));

	/* A file inside a Maildir is one message, even with a From_ line. */
	decode_path(s->files[i], it, NULL);
	return it;
}

static void
discard_item(void *p)
{
	source_item_clear(p);
	free(p);
}

void
source_set_workers(struct source *s, int n)
{
	if (n > SOURCE_MAX_WORKERS)
		n = SOURCE_MAX_WORKERS;
	if (s->type != SRC_DIR || n <= 1 || s->ahead != NULL || s->next > 0)
		return;
	/* Enough ahead that no thread waits on the one taking the results. */
	s->ahead = workers_start(s->nfiles, n, 8 * (size_t)n, decode_job, s);
}

bool
source_next(struct source *s, struct source_item *it)
{
	void *p;

	memset(it, 0, sizeof(*it));
	switch (s->type) {
	case SRC_FILE:
		if (s->done)
			return false;
		s->done = 1;
		decode_path(s->path, it, s);
		return true;
	case SRC_MBOX:
		return mbox_next(s, it);
	case SRC_DIR:
		if (s->next >= s->nfiles)
			return false;
		if (s->ahead != NULL) {
			if (!workers_next(s->ahead, &p))
				return false;
			*it = *(struct source_item *)p;
			free(p);
			s->next++;
			return true;
		}
		/* A file inside a Maildir is one message, even with a From_ line. */
		decode_path(s->files[s->next++], it, NULL);
		return true;
	}
	return false;
}

void
source_item_clear(struct source_item *it)
{
	free(it->file);
	bounce_free(it->bounce);
	memset(it, 0, sizeof(*it));
}

void
source_close(struct source *s)
{
	if (s == NULL)
		return;
	workers_stop(s->ahead, discard_item);
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	if (s->pending)
		g_object_unref(s->pending);
	if (s->parser)
		g_object_unref(s->parser);
	free(s->path);
	free(s);
}
