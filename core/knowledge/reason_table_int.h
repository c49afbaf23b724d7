/*
 * reason_table — the data the classifier decides from (core-internal).
 *
 * Three tables, each a plain array ending in a row whose reason is NULL:
 *   reason_text_rules   words in the diagnostic that name a cause
 *                       (reason_table.c), in priority order;
 *   reason_provider_rules  the same, for words only one provider uses,
 *                       applied when the Remote-MTA or Reporting-MTA
 *                       names that provider (reason_provider.c);
 *   reason_provider_codes  a provider's own error code written after a
 *                       label ("AUP#CXBL", "OFR005_505") -> cause
 *                       (reason_provider.c);
 *   reason_codes        enhanced status code -> cause (reason_codes.c);
 *   reason_mta_rules    a recognised layout (b->mta) whose every report
 *                       means one cause (reason_provider.c);
 *   reason_step_markers words that name the SMTP command a refusal
 *                       answered, and reason_retries_over, words that
 *                       say the sender gave up retrying (reason_table.c).
 * A pattern is lowercase text; '*' stands for any run of characters (no
 * other metacharacters): it matches when its pieces occur in order, each
 * found leftmost after the one before, so matching stays linear in the
 * text (classify_match_int.h reads a text once for every pattern of every
 * table).  The classifier lowercases the text, folds
 * white space and drops SMTP codes before matching, so a pattern never
 * contains a code and a multi-line reply reads as one sentence.
 *
 * Call sequence: classify.c walks the tables, classify_match.c compiles
 * their words; nothing here allocates and every string is static.
 */
#ifndef BOUNCEQ_REASON_TABLE_H
#define BOUNCEQ_REASON_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/knowledge/classify_step.h"

struct reason_rule {
	const char *reason;	/* taxonomy name; NULL ends the table */
	const char *pattern;	/* lowercase, '*' = any run of characters */
	const char *status;	/* status prefix the rule needs ("5.", "4.2."), or NULL */
};

struct reason_provider_rule {
	const char *host;	/* substring of Remote-MTA / Reporting-MTA */
	const char *reason;
	const char *pattern;
	const char *status;
};

/*
 * A provider's private code: the word that follows label in the text
 * ("aup#in-1310", "ofr005_505").  Its code is what follows the word's last
 * '-' or '_' ("1310", "505", "cxbl"); a row fits when code is a prefix of
 * it, so "13" stands for 1300-1399.  The first fitting row wins, so a
 * longer code goes before the shorter one it refines.  host is matched as
 * in reason_provider_rule; "" when the label alone names the provider.
 */
struct reason_provider_code {
	const char *host;
	const char *label;	/* lowercase, starts a word */
	const char *code;	/* lowercase prefix of the code */
	const char *reason;	/* NULL ends the table */
};

/*
 * A code's cause.  trusted: the code is specific and honest in practice,
 * so it wins over words in the text (a server that says 5.2.2 means a full
 * mailbox whatever else it writes).
 */
struct reason_code {
	const char *code;	/* "5.1.1", or "X.1.1" for both classes */
	const char *reason;
	bool trusted;
};

/*
 * A layout that only one service writes, and only for one cause: Google
 * Groups' "you may not have permission to post" notice, in any of its
 * languages, is always the group refusing the sender.
 */
struct reason_mta_rule {
	const char *mta;	/* b->mta as the recogniser names it */
	const char *reason;	/* NULL ends the table */
};

/*
 * A report field whose value names the cause: Amazon SES's bounce subtype
 * in its JSON notifications.  over_words: the value is the service's own
 * decision (it never tried), so it holds whatever the diagnostic says;
 * otherwise it is used only for a recipient with no diagnostic, since the
 * receiving server's own words say more than the service's summary.
 */
struct reason_field_rule {
	const char *name;	/* field name, case-insensitive */
	const char *value;	/* whole value, case-insensitive */
	const char *reason;	/* NULL ends the table */
	bool over_words;
};


/*
 * Words whose cause is another when the recipient's domain is the
 * reporting MTA's own: Exim routes its own domains itself and says
 * "Unrouteable address" for an unknown local user as for a remote domain
 * that does not exist.  Matched like reason_text_rules.
 */
struct reason_local_rule {
	const char *pattern;
	const char *reason;	/* NULL ends the table */
};

/*
 * Words that name the SMTP command a refusal answered ("in reply to rcpt
 * to"): plain text, no '*'.
 */
struct reason_step_marker {
	const char *pattern;	/* NULL ends the table */
	enum classify_step cmd;
};

extern const struct reason_local_rule reason_local_rules[];
extern const struct reason_step_marker reason_step_markers[];
/* Plain text, no '*'; NULL ends the list. */
extern const char *const reason_retries_over[];
extern const struct reason_rule reason_text_rules[];
extern const struct reason_mta_rule reason_mta_rules[];
extern const struct reason_field_rule reason_field_rules[];
extern const struct reason_provider_rule reason_provider_rules[];
extern const struct reason_provider_code reason_provider_codes[];
extern const struct reason_code reason_codes[];

#endif
