/*
 * load — what `bounceq list`, `groups` and `export` share: the database
 * and query options, reading bounceq's config file, loading rows through
 * core/index (with the cache), marking escalated addresses
 * (core/model/escalate.h, with the config's thresholds), and the --stats
 * line.
 *
 * Call sequence: struct load ld; load_init(&ld); for each option
 * load_option(&ld, c, optarg) (returns 0 when c is not a load option);
 * load_run(&ld, argc - optind, argv + optind) -> exit status (0 ok);
 * use ld.rs, ld.filter; load_free(&ld).
 */
#ifndef BOUNCEQ_CLI_LOAD_H
#define BOUNCEQ_CLI_LOAD_H

#include <getopt.h>
#include <stdbool.h>

#include "core/index/index.h"
#include "core/keys/config.h"
#include "core/model/filter.h"
#include "core/model/hide.h"
#include "core/model/row.h"

/* getopt_long entries and short letters every loading command accepts. */
#define LOAD_SHORTOPTS "c:d:q:f:a"
#define LOAD_LONGOPTS \
	{ "config", required_argument, NULL, 'c' }, \
	{ "database", required_argument, NULL, 'd' }, \
	{ "profile", required_argument, NULL, 'P' }, \
	{ "query", required_argument, NULL, 'q' }, \
	{ "filter", required_argument, NULL, 'f' }, \
	{ "all", no_argument, NULL, 'a' }, \
	{ "stats", no_argument, NULL, 'S' }, \
	{ "no-cache", no_argument, NULL, 'N' }

#define LOAD_USAGE \
"  -q, --query QUERY    notmuch query finding the bounces (default: see\n" \
"                       bounceq(1)); QUERY words after the options do the same\n" \
"  -f, --filter EXPR    keep rows matching EXPR (status:5.1.*, domain:*.example,\n" \
"                       reason:mailboxfull, hard:yes, since:7d, tag:NAME,\n" \
"                       -action:delayed...)\n" \
"  -a, --all            also the rows of handled messages (tagged bounceq-handled,\n" \
"                       or the config file's handled = TAG), hidden by default\n" \
"  -c, --config FILE    notmuch config file (default: NOTMUCH_CONFIG, then\n" \
"                       ~/.config/notmuch/default/config, ~/.notmuch-config)\n" \
"  -d, --database DIR   notmuch database (mail root) directory\n" \
"      --profile NAME   notmuch profile (default: NOTMUCH_PROFILE)\n" \
"      --no-cache       decode every message; neither read nor write the cache\n" \
"      --stats          print 'queried N, decoded N, cached N' on stderr\n"

struct load {
	struct index_opts o;
	const char *filter_expr;
	bool stats, no_cache;
	struct config *cfg;
	char *query_buf, *cache_dir;
	struct index *ix;
	struct rowset *rs;	/* owned by ix */
	struct filter *filter;	/* NULL: every row */
	struct hide_opts hide;	/* --all, the config's handled tag (borrowed from cfg) */
	size_t hidden;		/* rows load_keep() let the filter pass but hid */
};

void load_init(struct load *ld);
/* 1 when c was one of the LOAD options, else 0. */
int load_option(struct load *ld, int c, const char *arg);
/* Loads everything; returns an exit status (0, 1 runtime, 2 usage). */
int load_run(struct load *ld, int nwords, char **words);
/* True when row r passes the filter and is not hidden (counted in ld->hidden). */
bool load_keep(struct load *ld, const struct row *r);
/* "N rows of handled messages hidden (--all shows them)" on stderr when N > 0. */
void load_say_hidden(size_t hidden, const struct load *ld);
void load_free(struct load *ld);

#endif
