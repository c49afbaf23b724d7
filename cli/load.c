#include "cli/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/model/escalate.h"
#include "core/shared/buf.h"
#include "cli/cli.h"

void
load_init(struct load *ld)
{
	memset(ld, 0, sizeof(*ld));
}

int
load_option(struct load *ld, int c, const char *arg)
{
	switch (c) {
	case 'c':
		ld->o.config = arg;
		return 1;
	case 'd':
		ld->o.database = arg;
		return 1;
	case 'P':
		ld->o.profile = arg;
		return 1;
	case 'q':
		ld->o.query = arg;
		return 1;
	case 'f':
		ld->filter_expr = arg;
		return 1;
	case 'S':
		ld->stats = true;
		return 1;
	case 'N':
		ld->no_cache = true;
		return 1;
	case 'a':
		ld->hide.all = true;
		return 1;
	}
	return 0;
}

/* Shows where a filter went wrong: the expression and a caret under it. */
static void
filter_complain(const char *expr, const struct filter_error *e)
{
	size_t pos = e->pos;

	cli_error("bad filter at column %zu: %s", pos + 1, e->msg);
	if (strlen(expr) < 200 && pos <= strlen(expr)) {
		fputs("  ", stderr);
		cli_put_safe(stderr, expr);
		fprintf(stderr, "\n  %*s^\n", (int)pos, "");
	}
}

int
load_run(struct load *ld, int nwords, char **words)
{
	struct filter_error fe;
	struct buf q = BUF_INIT;
	char *path, *err = NULL;
	enum status st;

	path = config_path();
	if (path != NULL && config_load(path, &ld->cfg) != STATUS_OK)
		cli_error("%s: cannot read the config file", path);
	free(path);
	for (size_t i = 0; ld->cfg != NULL && i < ld->cfg->ndiag; i++)
		cli_error("%s", ld->cfg->diag[i]);

	/* -q, then query words, then the config file, then the default. */
	if (nwords > 0) {
		if (ld->o.query != NULL) {
			cli_error("give the query either with -q or as words, not both");
			return 2;
		}
		for (int i = 0; i < nwords; i++)
			buf_printf(&q, "%s%s", i ? " " : "", words[i]);
		ld->query_buf = buf_steal(&q);
		ld->o.query = ld->query_buf;
	}
	if (ld->o.query == NULL && ld->cfg != NULL)
		ld->o.query = ld->cfg->query;
	if (ld->o.threads <= 0 && ld->cfg != NULL)
		ld->o.threads = ld->cfg->threads;
	if (ld->filter_expr == NULL && ld->cfg != NULL)
		ld->filter_expr = ld->cfg->filter;
	if (ld->cfg != NULL)
		ld->hide.handled_tag = ld->cfg->handled;
	if (ld->filter_expr != NULL &&
	    filter_compile(ld->filter_expr, time(NULL), &ld->filter, &fe) != STATUS_OK) {
		filter_complain(ld->filter_expr, &fe);
		return 2;
	}
	if (!ld->no_cache && (ld->cache_dir = config_cache_dir()) != NULL) {
		/* The cache's tag is the index's default, as in the TUI. */
		ld->o.cache_dir = ld->cache_dir;
	}

	if ((st = index_open(&ld->o, &ld->ix, &err)) != STATUS_OK) {
		cli_error("%s", err ? err : status_str(st));
		free(err);
		return 1;
	}
	if ((st = index_load_begin(ld->ix)) != STATUS_OK) {
		if (st == STATUS_SYNTAX || st == STATUS_DATABASE)
			cli_error("query '%s' failed: %s", ld->o.query ? ld->o.query :
			    INDEX_DEFAULT_QUERY, index_error(ld->ix) ? index_error(ld->ix) :
			    status_str(st));
		else
			cli_error("%s", status_str(st));
		return 1;
	}
	index_load_step(ld->ix, 0);
	if (index_load_finish(ld->ix) != STATUS_OK && index_error(ld->ix) != NULL)
		cli_error("warning: %s", index_error(ld->ix));
	ld->rs = index_rows(ld->ix);
	escalate_mark(ld->rs, ld->cfg ? ld->cfg->escalate_count : 0,
	    ld->cfg ? ld->cfg->escalate_days : 0);
	if (ld->stats) {
		const struct index_stats *s = index_stats(ld->ix);

		fprintf(stderr, "queried %zu, decoded %zu, cached %zu\n", s->queried,
		    s->decoded, s->cached);
	}
	return 0;
}

bool
load_keep(struct load *ld, const struct row *r)
{
	if (!filter_match(ld->filter, r))
		return false;
	if (!rowset_visible(r, &ld->hide)) {
		ld->hidden++;
		return false;
	}
	return true;
}

void
load_say_hidden(size_t hidden, const struct load *ld)
{
	if (hidden == 0)
		return;
	fprintf(stderr, "bounceq: %zu row%s of handled messages (tag ", hidden,
	    hidden == 1 ? "" : "s");
	cli_put_safe(stderr, hide_tag(&ld->hide));
	fputs(") hidden; --all shows them\n", stderr);
}

void
load_free(struct load *ld)
{
	index_close(ld->ix);
	filter_free(ld->filter);
	config_free(ld->cfg);
	free(ld->query_buf);
	free(ld->cache_dir);
	memset(ld, 0, sizeof(*ld));
}
