/*
 * export — failed addresses out of the rows, for other programs: a
 * suppression list (plain), a spreadsheet (CSV) or JSON Lines.  Shared by
 * `bounceq export` and the TUI's export action.
 *
 * export_collect() folds rows into one record per address (address_key:
 * the domain's case does not make another address).  Only failures count
 * (address_row_failure): successes, non-failure reports and unreadable
 * messages never make or change a record.  A record carries the number
 * of its failure rows (superseded delays included: each was a failed
 * attempt), the first and last time one was seen, and the reason,
 * status, hard flag and diagnostic of the latest one.  Records are sorted
 * by address (bytes).
 *
 * Writers append to a caller-owned struct buf and never print:
 *  plain  one address per line (LF), made safe with escape_text().
 *  csv    RFC 4180: the header export_csv_header, CRLF line ends, a field
 *         quoted when it holds a comma, a quote, CR or LF, quotes doubled.
 *         Text from mail is first made safe with escape_text()
 *         (core/shared/escape.h), as in every table bounceq prints: no raw
 *         control byte survives (ESC as \e, other controls as \xNN,
 *         newlines and tabs as spaces, bidi overrides as <U+202E>, bytes
 *         of invalid UTF-8 as \xNN), and the output is valid UTF-8.  A
 *         diagnostic that would start with = + - or @ gets a leading '
 *         so that a spreadsheet does not run it as a formula.
 *  json   one object per line with the same fields, through the JSON
 *         writer (core/shared/json.h: controls as \u escapes, invalid
 *         UTF-8 as U+FFFD); unknown values are null.
 *
 * Call sequence:
 *	struct export_set s = EXPORT_SET_INIT;
 *	export_collect(rs, idx, n, flags, &s);   (idx: the rows to consider)
 *	export_write(&out, &s, EXPORT_CSV);
 *	export_set_free(&s);
 * The set owns its records and their strings.
 */
#ifndef BOUNCEQ_EXPORT_H
#define BOUNCEQ_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/model/row.h"
#include "core/shared/buf.h"
#include "core/shared/status.h"

#define EXPORT_FORMAT_LIST(X) \
	X(PLAIN, "plain") \
	X(CSV,   "csv") \
	X(JSON,  "json")

enum export_format {
#define EXPORT_FORMAT_ENUM(n, s) EXPORT_##n,
	EXPORT_FORMAT_LIST(EXPORT_FORMAT_ENUM)
#undef EXPORT_FORMAT_ENUM
	EXPORT_FORMAT_COUNT
};

/* Which records export_collect() keeps. */
enum {
	EXPORT_HARD = 1,	/* only addresses whose latest failure is hard */
	EXPORT_ESCALATED = 2,	/* only escalated addresses (row.escalated) */
};

/* The CSV header line, without its CRLF. */
extern const char export_csv_header[];

struct export_record {
	char *address;		/* address_key() of the recipient */
	char *reason;		/* of the latest failure; NULL unknown */
	char *status;
	char *diagnostic;
	bool hard;		/* the latest failure is hard */
	bool escalated;		/* some row of the address is escalated */
	size_t count;		/* failure rows */
	time_t first, last;	/* 0 when no row had a date */
};

struct export_set {
	struct export_record *rec;
	size_t n, cap;
};

#define EXPORT_SET_INIT { NULL, 0, 0 }

/* "plain", "csv", "json"; NULL out of range. */
const char *export_format_name(enum export_format f);
/* STATUS_OK and *out for a name above (any case), else STATUS_INVALID. */
enum status export_format_parse(const char *name, enum export_format *out);

/*
 * Appends to s one record per address among rs->rows[idx[0..n)] (idx
 * NULL: every row of rs->rows), keeping those that flags allow, sorted by
 * address.  Call once per set.
 */
void export_collect(const struct rowset *rs, const size_t *idx, size_t n, int flags,
    struct export_set *s);

/* Appends all of s in format f to out; plain and JSON end lines with LF. */
void export_write(struct buf *out, const struct export_set *s, enum export_format f);

/* One CSV field (quoted when it must be) made of safe text; NULL is empty. */
void export_csv_field(struct buf *out, const char *s);

void export_set_free(struct export_set *s);

#endif
