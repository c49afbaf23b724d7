/*
 * tui — the terminal UI: screens over the core/ models, nothing else.
 * Everything here may include curses; nothing here calls GMime or
 * notmuch (core/ does, behind core/index/index.h, core/decode/bounce.h, ...).
 *
 * Shape (ncdu/htop/tig): one struct tui holds the session (rows, filter,
 * keymap, tags, prompt, a stack of views); each screen is a view with a
 * small ops table in its own file (view_groups.c, view_list.c,
 * view_bounce.c, view_pager.c, view_help.c, view_queue.c,
 * view_queue_rcpts.c, view_notices.c).  main.c runs the loop:
 * decode a few messages, draw, wait at most a few milliseconds for a key,
 * look the key up in the keymap for the top view's context, run the
 * action.  Actions that make sense everywhere (limit, search, tag, pipe,
 * export...) are run by tui_run(); the view's act() gets the rest.
 *
 * Views rebuild lazily: tui.gen counts changes of the rows or the
 * filter, and a view whose gen differs rebuilds before it draws.
 *
 * Ownership: the tui owns its views (popping frees them), the keymap,
 * the index (which owns the rows) and the compiled filter.  Views copy
 * what they keep of a row, because the rowset grows while loading.
 */
#ifndef BOUNCEQ_TUI_H
#define BOUNCEQ_TUI_H

#include <curses.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/index/index.h"
#include "core/keys/action.h"
#include "core/keys/key.h"
#include "core/keys/keymap.h"
#include "core/model/cursor.h"
#include "core/model/export.h"
#include "core/model/filter.h"
#include "core/model/group.h"
#include "core/model/hide.h"
#include "core/model/tags.h"
#include "core/model/row.h"
#include "core/queue/queue.h"
#include "core/queue/queue_action.h"
#include "core/shared/buf.h"
#include "core/shared/progress.h"

#define TUI_MAX_VIEWS 16

struct tui;
struct view;

struct view_ops {
	const char *name;
	enum context ctx;
	/* Rebuilds from t->rs / t->filter (called when view->gen != t->gen). */
	void (*rebuild)(struct tui *t, struct view *v);
	/* The header line text (raw; escaped by the caller). */
	void (*title)(struct tui *t, struct view *v, struct buf *out);
	void (*draw)(struct tui *t, struct view *v, int y, int height, int width);
	/* Runs a view action; false when the action means nothing here. */
	bool (*act)(struct tui *t, struct view *v, enum action a);
	bool (*search)(struct tui *t, struct view *v, const char *text, bool forward);
	/* The row under the cursor (index into t->rs->rows) or -1; NULL for
	 * views with no row under the cursor (groups, help, pager, queue). */
	long (*current)(struct tui *t, struct view *v);
	/* The rows the view shows, as new array of rs indices (may be NULL). */
	size_t (*rows)(struct tui *t, struct view *v, size_t **idx);
	void (*free)(struct view *v);
	/*
	 * Called on every turn of the loop while the view is on top (may be
	 * NULL): does due work, returns the milliseconds until it wants to be
	 * called again, or -1 for never.
	 */
	int (*tick)(struct tui *t, struct view *v);
	/*
	 * The :sort command (may be NULL: nothing to sort): key as typed,
	 * dir 1 descending, 0 ascending, -1 the key's natural order.  The
	 * view reports an unknown key itself, with the valid ones.
	 */
	void (*sort)(struct tui *t, struct view *v, const char *key, int dir);
	/*
	 * The rows were loaded again (new mail): map[i] is where row i of
	 * the old t->rs is now (ROW_MAP_NONE: gone), for the n old rows.
	 * NULL for views that keep no row index (they rebuild by key).
	 */
	void (*remap)(struct tui *t, struct view *v, const size_t *map, size_t n);
};

/* The row under v's cursor, or -1 (also for no view, or a view of text). */
long view_current(struct tui *t, struct view *v);

struct view {
	const struct view_ops *ops;
	void *p;
	unsigned long gen;
	int width;		/* width the view was last laid out for */
};

enum prompt_kind {
	PROMPT_LIMIT,
	PROMPT_SEARCH,
	PROMPT_SEARCH_BACK,
	PROMPT_COMMAND,
	PROMPT_PIPE,
	PROMPT_PIPE_ADDRESSES,
	PROMPT_EXPORT,
	PROMPT_EXPORT_FORMAT,	/* asked first; then PROMPT_EXPORT for the file */
	PROMPT_KIND_COUNT
};

struct history {
	char **line;
	size_t n, cap;
};

/*
 * A yes/no question on the bottom line (confirm.c), as mutt asks: y runs
 * yes(arg), any other key drops the question and nothing is done; drop(arg)
 * frees arg either way.  While it is asked every key goes to it.
 */
struct confirm {
	bool active;
	char *question;		/* raw text, escaped when drawn */
	void (*yes)(struct tui *t, void *arg);
	void (*drop)(void *arg);
	void *arg;
};

/*
 * The last tagging, to undo (tagging.c): per message the changes that put
 * its tags back (what was added is removed, what was removed is added).
 */
struct undo {
	char **msgid;		/* owned */
	struct tag_ops *ops;	/* owned, one per message */
	size_t n;
	char *what;		/* "+bounceq-handled", for the messages */
};

struct prompt {
	bool active;
	enum prompt_kind kind;
	bool tagged;		/* the action runs on the tagged rows */
	struct buf text;
	size_t cur;		/* byte offset of the cursor */
	size_t hpos;		/* position in the history (n: the new line) */
	char *saved;		/* the line being typed before browsing history */
};

struct tui {
	struct keymap *km;
	struct index_opts iopts;
	char *query;
	struct index *ix;
	struct rowset none;	/* rows when there is no database */
	struct rowset *rs;
	bool querying;		/* index_load_begin() runs in query_tid */
	bool query_joinable;
	atomic_bool query_done;
	enum status query_status;
	pthread_t query_tid;
	bool loading;
	size_t done, total;
	struct progress prog;	/* the rate of the first load, for the status line */
	struct newmail *newmail;	/* new mail: the check and the load again */
	size_t nnew;		/* failures the last reload brought, until a key */
	char *dberr;		/* why the database could not be read */

	char *limit;		/* the user's filter expression, or NULL */
	int quick;		/* 0 all, 1 permanent, 2 transient */
	struct filter *filter;	/* limit and quick filter, compiled */
	unsigned long gen;
	unsigned long count_gen;	/* gen the counts below were made for */
	size_t count_all, count_shown, count_hidden;
	size_t count_success;		/* latest-of-chain delivery notices */
	size_t count_notices;		/* rs->other not hidden: the notices screen's */
	struct hide_opts hide;	/* rows of handled messages hidden unless hide.all */
	struct undo undo;

	bool *tagged;		/* by rs index */
	size_t ntagcap, ntagged;
	bool tag_prefix;	/* ";" was pressed */
	enum export_format export_format;	/* chosen at the export prompt */
	struct key_seq pending;	/* the start of a key sequence ("g" of "gg") */

	struct view *views[TUI_MAX_VIEWS];
	int nviews;

	struct prompt prompt;
	struct confirm confirm;
	struct history hist[PROMPT_KIND_COUNT];
	char *search;
	bool search_forward;

	char *msg;		/* message line */
	bool msg_error;
	bool quit;
	bool color;
	bool utf8;
	const struct config *cfg;	/* the config file (borrowed; NULL: none) */

	enum group_key gkey;	/* first grouping key */
	bool gsplit;		/* second level on */
	enum group_sort gsort;	/* order of the groups */
	bool gsort_desc;

	const char *queue_file;	/* --queue-file: a saved listing instead of the MTA */
	const char *queue_command;	/* --queue-command: the MTA's command at this path */
	int queue_every;	/* --queue-refresh: seconds between reads */
};

/* main.c */
void tui_msg(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void tui_push(struct tui *t, struct view *v);
void tui_pop(struct tui *t);
struct view *tui_top(struct tui *t);
void tui_run(struct tui *t, enum action a);
enum status tui_set_limit(struct tui *t, const char *expr, struct filter_error *err);
void tui_tag_grow(struct tui *t);
/*
 * Row actions on the tagged rows (tagged) or on what the screen shows.
 * tui_export() writes the failed addresses in format f
 * (core/model/export.h) to path, asking first when path exists.
 */
void tui_export(struct tui *t, bool tagged, enum export_format f, const char *path);
void tui_pipe_addresses(struct tui *t, bool tagged, const char *cmd);
/* The row passes the limit and is not hidden as handled. */
bool tui_row_shown(const struct tui *t, const struct row *r);
/* The tagged rows (tagged), else the rows the top screen shows; *idx is new. */
size_t tui_selection(struct tui *t, bool tagged, size_t **idx);

/*
 * tagging.c: adds tag to the messages behind the row under the cursor (or
 * the tagged rows, or the screen's rows), asking first when that is more
 * than one message; the rows' tags follow, and the change can be undone.
 */
void tui_mark(struct tui *t, bool tagged, const char *tag);
void tui_undo(struct tui *t);
void tui_toggle_handled(struct tui *t);
void tui_undo_free(struct undo *u);

/*
 * input.c: input_init() before newterm() (it catches SIGWINCH, so ncurses
 * does not), input_end() after endwin().  input_read() returns a key
 * (core/keys/key.h code), TUI_KEY_RESIZE (then draw_resize() before drawing),
 * or KEYC_NONE on timeout or a signal.
 */
#define TUI_KEY_RESIZE (-2)
void input_init(void);
void input_end(void);
int input_read(int timeout_ms);

/* draw.c */
enum tui_attr {
	ATTR_NORMAL, ATTR_HEADER, ATTR_STATUS, ATTR_CURSOR, ATTR_FAILED, ATTR_DELAYED,
	ATTR_ERROR, ATTR_TITLE, ATTR_MATCH, ATTR_DIM, ATTR_SPARK, ATTR_COUNT
};
struct config;
/* Colours from cfg's color.AREA settings (may be NULL) over the defaults. */
void draw_init(struct tui *t, const struct config *cfg);
attr_t draw_attr(enum tui_attr a);
/* Raw (hostile) text at y,x: escaped, fitted to width, padded. */
void draw_raw(int y, int x, int width, const char *s, attr_t attr);
/* Already safe text (from escape_text), fitted and padded. */
void draw_safe(int y, int x, int width, const char *s, attr_t attr);
void draw_screen(struct tui *t);
/* After a resize: curses takes the terminal's size now; the next draw repaints all. */
void draw_resize(void);
/* Appends s escaped and fitted to width (padded) to out. */
void draw_cell(struct buf *out, const char *s, size_t width);

/* prompt.c */
void prompt_open(struct tui *t, enum prompt_kind kind, const char *initial);
void prompt_key(struct tui *t, int key);
void prompt_draw(struct tui *t, int y, int width);
const char *prompt_label(enum prompt_kind kind);

/* confirm.c: the question is copied; arg belongs to the question until drop(). */
void confirm_ask(struct tui *t, const char *question, void (*yes)(struct tui *t, void *arg),
    void (*drop)(void *arg), void *arg);
void confirm_key(struct tui *t, int key);
void confirm_draw(struct tui *t, int y, int width);
/* Drops a question still asked (quitting). */
void confirm_free(struct tui *t);

/* status.c: the status line, escaped and fitted to width columns (padded). */
void status_line(struct tui *t, struct buf *out, int width);

/*
 * newmail.c: new mail.  Every every_s seconds (0: never; the config's
 * refresh) and at once on newmail_now() (the sync action), the database's
 * revision is read in a thread (core/index/index_revision.h); when it
 * moved since the rows were loaded, a new index is loaded through the
 * cache, off screen, and then takes the old one's place: the views keep
 * their cursor (view_ops.remap), the tagged rows stay tagged, limit and
 * sort are the session's and stay, and t->nnew says how many failures
 * came.  newmail_tick() does the due work and returns the milliseconds
 * until it wants to run again (-1: never).  newmail_free() cancels what
 * runs and waits for its threads (a revision read, a query that
 * index_cancel() stops at once).
 */
struct newmail *newmail_new(int every_s);
int newmail_tick(struct tui *t);
void newmail_now(struct tui *t);
/* Appends what the refresh is doing now, or nothing. */
void newmail_status(struct tui *t, struct buf *out);
void newmail_free(struct newmail *m);

/* command.c: runs a ':' command line. */
void command_run(struct tui *t, const char *line);

/* external.c: runs argv with the terminal handed over; data to its stdin. */
int external_run(struct tui *t, char *const *argv, const char *data, size_t len,
    bool wait_key);
/* Runs the user's command line (split, never via a shell) with data on stdin. */
void external_pipe(struct tui *t, const char *cmdline, const char *data, size_t len);
void external_pager(struct tui *t, const char *file);

/* text.c: a scrollable block of safe lines (bounce, pager, help). */
struct text {
	char **line;		/* safe text (escaped) */
	enum tui_attr *attr;
	size_t n, cap;
	struct cursor win;	/* scroll only; follows n at each draw, key, search */
	long match;		/* line of the last search hit, or -1 */
	int width;		/* wrap width */
};
void text_init(struct text *x, int width);
/* Drops the lines to lay them out again at width; the window stays where it was. */
void text_reset(struct text *x, int width);
void text_free(struct text *x);
/* Adds raw text (may hold newlines, tabs, hostile bytes), wrapped. */
void text_add(struct text *x, enum tui_attr a, const char *raw);
void text_addf(struct text *x, enum tui_attr a, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds one line that is already safe (escaped and fitted), as it is. */
void text_add_safe(struct text *x, enum tui_attr a, const char *safe);
/* Adds "name: value" with value wrapped under itself; skips NULL values. */
void text_field(struct text *x, const char *name, const char *value);
void text_draw(struct text *x, int y, int height, int width);
/* A movement action scrolls the text; false for any other action. */
bool text_act(struct text *x, enum action a);
bool text_search(struct text *x, const char *s, bool forward);

/*
 * watch.c: the MTA's queue, read again every few seconds in a worker
 * thread (a file, or the MTA's command with its timeout).  watch_tick()
 * collects a finished read and starts a due one; it returns the
 * milliseconds until it needs to run again.  A failed read keeps the last
 * good listing and sets watch_error().  The watch owns its queue;
 * watch_free() never waits for a read in flight (its worker frees it),
 * and kills the MTA's command if one runs (by its PID, reaped before it
 * returns).  command: the MTA's command at that path instead of the
 * system's (--queue-command), when file is NULL.
 */
#define WATCH_DEFAULT_S 10
struct watch;
struct watch *watch_new(const char *file, const char *command, int every_s);
int watch_tick(struct watch *w);
void watch_refresh(struct watch *w);	/* read again at the next tick */
bool watch_busy(const struct watch *w);
/* True once after each finished read (good or bad). */
bool watch_take_news(struct watch *w);
const struct queue *watch_queue(const struct watch *w);	/* NULL before the first */
unsigned long watch_gen(const struct watch *w);		/* counts new listings */
time_t watch_when(const struct watch *w);
const char *watch_error(const struct watch *w);
const char *watch_file(const struct watch *w);
int watch_every(const struct watch *w);
void watch_free(struct watch *w);
/*
 * A queue action (core/queue/queue_action.h) on t, which the watch takes
 * over (t is left empty): run by the worker, under the same cancel as a
 * read, as soon as no read is in flight; then the listing is read again.
 * False, t untouched, when the watch reads a saved file or an action is
 * already waiting or running.  watch_take_done() hands its result over
 * once, after that read: what the MTA said, and the outcome in the new
 * listing (read false: that read failed, see watch_error()).
 */
bool watch_act(struct watch *w, struct queue_target *t);
bool watch_acting(const struct watch *w);
struct watch_done {
	struct queue_target target;
	enum status st;
	char *said;
	bool read;
	struct queue_outcome out;
};
bool watch_take_done(struct watch *w, struct watch_done *d);
void watch_done_free(struct watch_done *d);

/*
 * queue_act.c: the queue screens' actions.  queue_act_of() maps a key's
 * action to a queue action; queue_act_ask() checks that actions are on
 * (the config file) and possible (no saved listing), says so when the
 * target is empty, else asks, and on y hands it to the watch (the target
 * is taken over in every case); queue_act_report() puts a finished
 * action's outcome on the message line (each screen's tick calls it).
 */
bool queue_act_of(enum action a, enum queue_action *out);
void queue_act_ask(struct tui *t, struct watch *w, struct queue_target *tg);
void queue_act_report(struct tui *t, struct watch *w);

/* The views. */
struct view *view_groups_new(struct tui *t);
struct view *view_list_new(struct tui *t, const enum group_key *keys, const char *const *vals,
    size_t nkeys);
/* The bounce of t->rs->rows[rsidx], with its whole chain's timeline. */
struct view *view_bounce_new(struct tui *t, size_t rsidx);
struct view *view_pager_new(struct tui *t, const char *title, const char *data, size_t len);
struct view *view_help_new(struct tui *t, enum context ctx);
struct view *view_queue_new(struct tui *t);
/* The messages of t->rs->other (auto-replies, complaints...), raw on Enter. */
struct view *view_notices_new(struct tui *t);
/*
 * The recipients in queue qname (NULL: the listing's default queue) of
 * one domain or one cause (reason, static), or all when both are NULL.
 */
struct view *view_queue_rcpts_new(struct tui *t, struct watch *w, const char *qname,
    const char *domain, const char *reason);

/* Content height of the screen (between the header and the status lines). */
int tui_body_height(void);
/*
 * cursor.c: runs a movement action (down, up, pages, first, last) on a
 * screen's cursor; false for any other action, which is left to the
 * caller.  The _skip form then moves on, in the direction of the move,
 * to the nearest row ok() accepts (screens with headings between rows).
 */
bool tui_cursor_act(struct cursor *c, enum action a);
bool tui_cursor_skip_act(struct cursor *c, enum action a,
    bool (*ok)(const void *arg, size_t i), const void *arg);

#endif
