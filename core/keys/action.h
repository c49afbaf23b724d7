/*
 * action — every thing a key can do in the terminal UI, as one table, the
 * contexts (screens) keys are bound in, and the `:` commands users type.
 *
 * ACTION_LIST is the single source (tig's request.h idea): it yields the
 * enum, the names users write in keymap files and `:` commands, and the
 * one-line descriptions the help screen and bounceq-keys(5) show.  Adding
 * an action here makes it bindable and documented; the TUI decides what it
 * does.  ACTION_NONE ("none") is bindable too: it hides a global binding
 * in one context.
 *
 * COMMAND_LIST is the same for the `:` commands that are not actions
 * (they take arguments): it yields enum command, the names, the argument
 * synopses and help lines of the help screen; tui/command.c runs each
 * through its table, and test_action checks that the COMMANDS section of
 * bounceq-keys(5) names exactly these.  Every action name is a command too.
 *
 * Call sequence: action_parse("move-down", &a); action_name(a);
 * action_help(a); context_parse("list", &c); context_name(c);
 * command_parse("sort", &cmd); command_synopsis(cmd).  Every string
 * returned is static.
 */
#ifndef BOUNCEQ_ACTION_H
#define BOUNCEQ_ACTION_H

#include "core/shared/status.h"

/* enum tail, name, help text */
#define ACTION_LIST(X) \
	X(NONE,             "none",             "do nothing (hides a global binding)") \
	/* moving */ \
	X(MOVE_DOWN,        "move-down",        "move to the next line") \
	X(MOVE_UP,          "move-up",          "move to the previous line") \
	X(PAGE_DOWN,        "page-down",        "move one page down") \
	X(PAGE_UP,          "page-up",          "move one page up") \
	X(HALF_PAGE_DOWN,   "half-page-down",   "move half a page down") \
	X(HALF_PAGE_UP,     "half-page-up",     "move half a page up") \
	X(MOVE_FIRST,       "move-first",       "move to the first line") \
	X(MOVE_LAST,        "move-last",        "move to the last line") \
	/* screens */ \
	X(OPEN,             "open",             "open the line under the cursor (drill down)") \
	X(BACK,             "back",             "close this screen (quit on the start screen)") \
	X(QUIT,             "quit",             "quit bounceq") \
	X(HELP,             "help",             "show the keys in force") \
	X(REDRAW,           "redraw",           "redraw the screen") \
	X(LIST_ALL,         "list-all",         "list every failed recipient") \
	X(SYNC,             "sync",             "look for new mail in the notmuch database now and load it (also every refresh seconds)") \
	X(QUEUE,            "queue",            "show the MTA's deferred queue: its shape by domain and age, and the causes") \
	X(QUEUE_NEXT,       "queue-next",       "show the next queue of the listing: deferred, all, then each other (hold...)") \
	X(REFRESH,          "refresh",          "read the MTA's queue again now (queue screens do every 10 s or --queue-refresh)") \
	X(QUEUE_FLUSH,      "queue-flush",      "ask the MTA to deliver the line's messages now (a domain's, a cause's, all, or one); asks first") \
	X(QUEUE_HOLD,       "queue-hold",       "put the line's messages on hold (Exim: freeze); asks first") \
	X(QUEUE_RELEASE,    "queue-release",    "release the line's messages from hold (Exim: thaw); asks first") \
	X(QUEUE_DELETE,     "queue-delete",     "delete the line's messages from the queue, without a bounce; asks first") \
	X(NOTICES,          "notices",          "show the mail that is no failure: auto-replies, complaints, read receipts, other") \
	/* grouping */ \
	X(GROUP_NEXT,       "group-next",       "group by the next key (reason, status, domain, MTA, template, day)") \
	X(GROUP_PREV,       "group-prev",       "group by the previous key") \
	X(GROUP_SPLIT,      "group-split",      "toggle a second grouping level (e.g. reason, then domain)") \
	/* list */ \
	X(SORT_NEXT,        "sort-next",        "sort by the next key (column, count, hard, name...)") \
	X(SORT_REVERSE,     "sort-reverse",     "reverse the sort order") \
	X(TOGGLE_HISTORY,   "toggle-history",   "show or hide earlier rows of a chain (delayed before failed)") \
	/* filtering and searching */ \
	X(LIMIT,            "limit",            "limit every screen with a filter expression") \
	X(LIMIT_CLEAR,      "limit-clear",      "remove the limit") \
	X(FILTER_PERMANENT, "filter-permanent", "quick filter: only permanent failures (5.x.x)") \
	X(FILTER_TRANSIENT, "filter-transient", "quick filter: only transient failures (4.x.x)") \
	X(FILTER_ALL,       "filter-all",       "quick filter: permanent and transient") \
	X(SEARCH,           "search",           "search forward") \
	X(SEARCH_BACK,      "search-back",      "search backward") \
	X(SEARCH_NEXT,      "search-next",      "repeat the last search") \
	X(SEARCH_PREV,      "search-prev",      "repeat the last search in the other direction") \
	X(COMMAND,          "command",          "enter a : command (the help screen lists them) or any action by name") \
	/* tagging and acting */ \
	X(TAG,              "tag",              "tag or untag the row under the cursor") \
	X(TAG_ALL,          "tag-all",          "tag every visible row") \
	X(UNTAG_ALL,        "untag-all",        "untag every row") \
	X(TAG_PREFIX,       "tag-prefix",       "apply the next action to the tagged rows") \
	X(MARK_HANDLED,     "mark-handled",     "add the notmuch tag bounceq-handled (or the config's handled tag) to the bounce message(s); asks first for more than one") \
	X(UNDO,             "undo",             "undo the last tagging (mark-handled, :tag), on the same messages") \
	X(TOGGLE_HANDLED,   "toggle-handled",   "show or hide the rows of handled messages (hidden at start)") \
	X(EXPORT,           "export",           "write the failed addresses of the visible (or tagged) rows to a file: plain, csv or json") \
	X(PIPE,             "pipe",             "pipe the raw bounce to a command") \
	X(PIPE_ADDRESSES,   "pipe-addresses",   "pipe the addresses of the visible (or tagged) rows to a command") \
	/* the bounce and its originals */ \
	X(VIEW_RAW,         "view-raw",         "show the raw bounce in the pager") \
	X(VIEW_ORIGINAL,    "view-original",    "show the returned original message (or its headers) in the pager") \
	X(OPEN_SENT,        "open-sent",        "find the sent original in the notmuch database and show it") \
	X(EXTERNAL_PAGER,   "external-pager",   "open the raw bounce file in $PAGER") \
	/* the prompt (line editor) */ \
	X(PROMPT_ENTER,     "prompt-enter",     "accept the line") \
	X(PROMPT_CANCEL,    "prompt-cancel",    "cancel the prompt") \
	X(PROMPT_BACKSPACE, "prompt-backspace", "delete the character before the cursor") \
	X(PROMPT_DELETE,    "prompt-delete",    "delete the character under the cursor") \
	X(PROMPT_LEFT,      "prompt-left",      "move the cursor left") \
	X(PROMPT_RIGHT,     "prompt-right",     "move the cursor right") \
	X(PROMPT_HOME,      "prompt-home",      "move the cursor to the start of the line") \
	X(PROMPT_END,       "prompt-end",       "move the cursor to the end of the line") \
	X(PROMPT_KILL,      "prompt-kill",      "delete the whole line") \
	X(HISTORY_PREV,     "history-prev",     "recall the previous line of this prompt's history") \
	X(HISTORY_NEXT,     "history-next",     "recall the next line of this prompt's history")

enum action {
#define ACTION_ENUM(n, name, help) ACTION_##n,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

/* The contexts keys are bound in; lookup tries the screen's, then global. */
#define CONTEXT_LIST(X) \
	X(GLOBAL, "global", "every screen (unless the screen binds the key itself)") \
	X(GROUPS, "groups", "the groups screen (the start screen)") \
	X(LIST,   "list",   "the list of failed recipients") \
	X(BOUNCE, "bounce", "one bounce, decoded and explained") \
	X(PAGER,  "pager",  "the pager (raw bounce, returned or sent original)") \
	X(HELP,   "help",   "this help screen") \
	X(NOTICES, "notices", "the notices that are no failures (auto-replies, complaints, receipts)") \
	X(QUEUE,  "queue",  "the MTA's queue: its shape and causes, and a domain's recipients") \
	X(PROMPT, "prompt", "the line editor of the limit, search and command prompts")

enum context {
#define CONTEXT_ENUM(n, name, help) CONTEXT_##n,
	CONTEXT_LIST(CONTEXT_ENUM)
#undef CONTEXT_ENUM
	CONTEXT_COUNT
};

/* Static name / description; "" for out-of-range values. */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* STATUS_NOT_FOUND for an unknown name. */
enum status action_parse(const char *name, enum action *out);

const char *context_name(enum context c);
const char *context_help(enum context c);
enum status context_parse(const char *name, enum context *out);

/* enum tail, name, argument synopsis ("" for none), help text */
#define COMMAND_LIST(X) \
	X(BIND,           "bind",           "CONTEXT KEYS ACTION", "bind keys at run time, as in a keymap file") \
	X(UNBIND,         "unbind",         "CONTEXT KEYS",        "remove a binding, as in a keymap file") \
	X(LIMIT,          "limit",          "[EXPR]",              "limit every screen with a filter; without one, remove the limit") \
	X(GROUP,          "group",          "KEY[,KEY]",           "group by one or two keys (reason, status, domain, ...)") \
	X(SORT,           "sort",           "KEY [asc|desc]",      "sort the screen shown by KEY") \
	X(EXPORT,         "export",         "[FORMAT] FILE",       "write the failed addresses of the rows shown (or tagged) to FILE: plain (default), csv or json") \
	X(TAG,            "tag",            "NAME",                "add the notmuch tag NAME to the row's (or the tagged rows') bounces") \
	X(PIPE,           "pipe",           "COMMAND",             "run COMMAND with the raw bounce on its input (with ;, the tagged addresses)") \
	X(PIPE_ADDRESSES, "pipe-addresses", "COMMAND",             "run COMMAND with the addresses of the rows shown (or tagged) on its input") \
	X(MESSAGES,       "messages",       "",                    "show every keymap, configuration and database message") \
	X(QUIT,           "quit",           "",                    "quit bounceq") \
	X(Q,              "q",              "",                    "quit bounceq, as in vi")

enum command {
#define COMMAND_ENUM(n, name, synopsis, help) COMMAND_##n,
	COMMAND_LIST(COMMAND_ENUM)
#undef COMMAND_ENUM
	COMMAND_COUNT
};

/* Static name, synopsis, description; "" for out-of-range values. */
const char *command_name(enum command c);
const char *command_synopsis(enum command c);
const char *command_help(enum command c);
/* STATUS_NOT_FOUND for a name that is no command (it may be an action). */
enum status command_parse(const char *name, enum command *out);

#endif
