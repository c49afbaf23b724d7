#include "core/knowledge/classify.h"

#include <string.h>
#include <strings.h>

#include "core/shared/buf.h"
#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason_table_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/knowledge/smtpcode.h"

/*
 * Caps on how much text is read: a diagnostic is a reply of a few lines,
 * and the part of a human-readable explanation that is about one recipient
 * is a paragraph.  Anything longer is quoted mail or hostile, and reading
 * it would only cost time and invite false matches.
 */
#define DIAG_MAX	(16 * 1024)
#define HUMAN_MAX	(8 * 1024)
#define PARAGRAPH_MAX	2048
#define LOOKBACK_MAX	2048
#define LINE_PREFIX_MAX	256
/*
 * A report with more recipients than this is a list: each recipient's own
 * delivery-status fields are read, not the human text, since finding every
 * address in that text would cost time quadratic in the list.
 */
#define HUMAN_RCPT_MAX	256

/* Everything one decision is made from; the buffers are owned here. */
struct facts {
	const struct bounce *b;
	struct bounce_recipient *r;
	char status[SMTPCODE_STATUS_MAX];	/* "" when there is none */
	char cls;				/* '2', '4', '5' or 0 */
	enum reason_command cmd;
	bool worded;		/* the reason came from words, not a code */
	struct buf diag;	/* the diagnostic and the Status comment */
	struct buf human;	/* the recipient's part of the human text */
	struct buf lookback;	/* the human text just before that part */
};

/* Reasons that are not failures: neither hard nor soft, never derived. */
static const char *const not_failures[] = { "delivered", "feedback", "vacation" };

/* Reasons where the address itself is the problem (REFERENCE.md §1). */
static const char *const hard_reasons[] = { "userunknown", "hostunknown", "hasmoved" };

/*
 * The registered code (class added at run time) that stands for a cause
 * when the mail gave none; every one is in the IANA registry, never a
 * private x.0.9NN or x.9.NNN.
 */
static const struct {
	const char *reason;
	const char *code;	/* subject.detail */
} derived_codes[] = {
	{ "userunknown", "1.1" },	{ "hostunknown", "1.2" },
	{ "hasmoved", "1.6" },		{ "rejected", "7.1" },
	{ "filtered", "2.0" },		{ "mailboxfull", "2.2" },
	{ "suspend", "2.1" },		{ "suppressed", "0.0" },
	{ "contenterror", "6.0" },	{ "emailtoolarge", "3.4" },
	{ "notcompliantrfc", "6.0" },	{ "policyviolation", "7.1" },
	{ "securityerror", "7.0" },	{ "virusdetected", "7.1" },
	{ "spamdetected", "7.1" },	{ "authfailure", "7.1" },
	{ "badreputation", "7.1" },	{ "blocked", "7.1" },
	{ "expired", "4.7" },		{ "mailererror", "3.0" },
	{ "networkerror", "4.0" },	{ "norelaying", "7.1" },
	{ "notaccept", "3.2" },		{ "ratelimited", "7.0" },
	{ "requireptr", "7.25" },	{ "systemerror", "3.0" },
	{ "systemfull", "3.1" },	{ "failedstarttls", "7.10" },
	{ "syntaxerror", "5.2" },	{ "onhold", "0.0" },
	{ "undefined", "0.0" },
};

/* Markers of the SMTP command a refusal answered, in normalised text. */
static const struct {
	const char *pattern;
	enum reason_command cmd;
} command_markers[] = {
	{ "in reply to rcpt to", REASON_CMD_RCPT },
	{ "in reply to end of data", REASON_CMD_DATA },
	{ "in reply to data", REASON_CMD_DATA },
	{ "in reply to mail from", REASON_CMD_MAIL },
	{ "in reply to helo", REASON_CMD_CONNECT },
	{ "in reply to ehlo", REASON_CMD_CONNECT },
	{ "in reply to starttls", REASON_CMD_CONNECT },
	{ "in reply to initial greeting", REASON_CMD_CONNECT },
	{ "after rcpt to", REASON_CMD_RCPT },
	{ "after rcpt command", REASON_CMD_RCPT },
	{ "[rcpt_to]", REASON_CMD_RCPT },
	{ "after end of data", REASON_CMD_DATA },
	{ "after data", REASON_CMD_DATA },
	{ "for text command", REASON_CMD_DATA },
	{ "after mail from", REASON_CMD_MAIL },
	{ "[mail_from]", REASON_CMD_MAIL },
	{ "after initial connection", REASON_CMD_CONNECT },
	{ "after helo", REASON_CMD_CONNECT },
	{ "after ehlo", REASON_CMD_CONNECT },
	{ "[connect]", REASON_CMD_CONNECT },
	{ "our rcpt to", REASON_CMD_RCPT },
	{ "our mail from", REASON_CMD_MAIL },
	{ "our data", REASON_CMD_DATA },
	{ ">>> rcpt to", REASON_CMD_RCPT },
	{ ">>> data", REASON_CMD_DATA },
	{ ">>> mail from", REASON_CMD_MAIL },
	{ ">>> helo", REASON_CMD_CONNECT },
	{ ">>> ehlo", REASON_CMD_CONNECT },
	/*
	 * qmail-remote names the step in its own sentences (qmail-remote.c):
	 * the greeting, HELO, MAIL FROM, then one line per refused RCPT TO,
	 * then DATA and the end of the message.
	 */
	{ "but greeting failed", REASON_CMD_CONNECT },
	{ "but my name was rejected", REASON_CMD_CONNECT },
	{ "but sender was rejected", REASON_CMD_MAIL },
	{ "does not like recipient", REASON_CMD_RCPT },
	{ "failed on data command", REASON_CMD_DATA },
	{ "failed after i sent the message", REASON_CMD_DATA },
	{ "most progress was rcpt to", REASON_CMD_RCPT },
	/* "SMTP:RCPT host 192.0.2.8: 553 ..." */
	{ "smtp:rcpt host", REASON_CMD_RCPT },
	/*
	 * Postfix's smtpd writes this in front of every refusal from its
	 * recipient restrictions, which run at RCPT TO.
	 */
	{ "recipient address rejected:", REASON_CMD_RCPT },
};

static char derived_class(const struct facts *f);

static bool
in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
text_has(const struct buf *t, const char *pattern)
{
	return t->len > 0 && reason_match(t->data, t->len, pattern);
}

/*
 * A rule's status prefix against the status; a prefix that names only a
 * class ("5.") also fits a recipient with no status whose reply code or
 * action says that class, as text bounces rarely carry a status.
 */
static bool
status_fits(const struct facts *f, const char *prefix)
{
	if (prefix == NULL)
		return true;
	if (f->status[0])
		return strncmp(f->status, prefix, strlen(prefix)) == 0;
	return strlen(prefix) == 2 && prefix[1] == '.' &&
	    prefix[0] == derived_class(f);
}

static const char *
match_rules(struct facts *f, const struct buf *t)
{
	const struct reason_rule *rule;

	if (t->len == 0)
		return NULL;
	for (rule = reason_text_rules; rule->reason; rule++)
		if (status_fits(f, rule->status) && text_has(t, rule->pattern)) {
			f->worded = true;
			return rule->reason;
		}
	return NULL;
}

static int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * Case-insensitive search in the first n bytes of hay; the first byte is
 * compared before the rest, so a miss costs one comparison per byte.
 */
static const char *
find_ci(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle);
	int first;

	if (m == 0 || n < m)
		return NULL;
	first = ascii_lower((unsigned char)needle[0]);
	for (size_t i = 0; i + m <= n; i++)
		if (ascii_lower((unsigned char)hay[i]) == first &&
		    strncasecmp(hay + i + 1, needle + 1, m - 1) == 0)
			return hay + i;
	return NULL;
}

static bool
host_has(const char *host, const char *needle)
{
	return host && find_ci(host, strlen(host), needle) != NULL;
}

/* The text a provider's words are looked for in. */
static const struct buf *
provider_text(const struct facts *f)
{
	return f->diag.len > 0 ? &f->diag : &f->human;
}

/*
 * Whether host names the provider: the Remote-MTA, the Reporting-MTA, the
 * recipient's domain or the text itself ("" always does).
 */
static bool
provider_is(const struct facts *f, const char *host)
{
	const char *domain = f->r->recipient ? strrchr(f->r->recipient, '@') : NULL;

	return host[0] == '\0' || host_has(f->r->remote_mta, host) ||
	    host_has(f->b->reporting_mta, host) || host_has(domain, host) ||
	    text_has(provider_text(f), host);
}

static const char *
match_provider(const struct facts *f)
{
	const struct reason_provider_rule *p;
	const struct buf *t = provider_text(f);

	for (p = reason_provider_rules; p->reason; p++) {
		if (!provider_is(f, p->host))
			continue;
		if (status_fits(f, p->status) &&
		    (p->pattern[0] == '\0' || text_has(t, p->pattern)))
			return p->reason;
	}
	return NULL;
}

static const char *
match_mta(const struct facts *f)
{
	const struct reason_mta_rule *m;

	if (f->b->mta == NULL)
		return NULL;
	for (m = reason_mta_rules; m->reason; m++)
		if (strcmp(f->b->mta, m->mta) == 0)
			return m->reason;
	return NULL;
}

static const char *
match_field(const struct facts *f)
{
	const struct reason_field_rule *rule;
	const char *v;
	bool worded = f->r->diagnostic && f->r->diagnostic[0];

	for (rule = reason_field_rules; rule->reason; rule++)
		if ((rule->over_words || !worded) &&
		    (v = bounce_field(f->b, rule->name)) != NULL &&
		    strcasecmp(v, rule->value) == 0)
			return rule->reason;
	return NULL;
}

static bool
is_code_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	    c == '_';
}

/*
 * Whether the word after label in t ends in a code that starts with code:
 * "aup#in-1310" gives "1310", "ofr005_505" gives "505".  Every place the
 * label starts a word is tried, since the label may also stand alone
 * ("#216 lpn LPN000_630").
 */
static bool
code_after_label(const struct buf *t, const char *label, const char *code)
{
	size_t m = strlen(label), n = strlen(code);
	const char *s = t->data, *e, *p, *w, *tail;

	if (t->len == 0)
		return false;	/* no data: NULL + 0 is undefined */
	e = t->data + t->len;
	while (s < e && (p = classify_find(s, (size_t)(e - s), label, m)) != NULL) {
		s = p + m;
		if (p > t->data && is_code_char(p[-1]))
			continue;
		tail = w = p + m;
		while (w < e && is_code_char(*w)) {
			if (*w == '-' || *w == '_')
				tail = w + 1;
			w++;
		}
		if ((size_t)(w - tail) >= n && strncmp(tail, code, n) == 0)
			return true;
	}
	return false;
}

static const char *
match_provider_code(const struct facts *f)
{
	const struct reason_provider_code *c;
	const struct buf *t = provider_text(f);

	for (c = reason_provider_codes; c->reason; c++)
		if (code_after_label(t, c->label, c->code) &&
		    provider_is(f, c->host))
			return c->reason;
	return NULL;
}

/*
 * The reason a status code stands for: the exact row, then the row for
 * either class ("X.1.1"), then the subject row ("X.1.X").
 */
static const struct reason_code *
code_lookup(const char *status)
{
	char any[SMTPCODE_STATUS_MAX], subj[SMTPCODE_STATUS_MAX];
	const char *dot;
	const struct reason_code *c;

	if (status == NULL || status[0] == '\0' || status[0] == '2')
		return NULL;
	any[0] = 'X';
	strcpy(any + 1, status + 1);
	dot = strchr(status + 2, '.');
	if (dot == NULL)
		return NULL;
	memcpy(subj, any, (size_t)(dot - status) + 1);
	strcpy(subj + (dot - status) + 1, "X");
	for (c = reason_codes; c->code; c++)
		if (strcmp(c->code, status) == 0)
			return c;
	for (c = reason_codes; c->code; c++)
		if (strcmp(c->code, any) == 0)
			return c;
	for (c = reason_codes; c->code; c++)
		if (strcmp(c->code, subj) == 0)
			return c;
	return NULL;
}

/*
 * Shortens the recipient's part at[0..len) to end before the line where
 * another recipient's part begins (OpenSMTPD and Exim list one recipient
 * per line with no blank line between).
 */
static size_t
before_others(const struct facts *f, const char *at, size_t len)
{
	size_t skip = strlen(f->r->recipient), cut = len;

	for (size_t i = 0; i < f->b->nrcpt; i++) {
		const char *other = f->b->rcpt[i].recipient, *p;

		if (other == NULL || &f->b->rcpt[i] == f->r ||
		    strcasecmp(other, f->r->recipient) == 0 || skip >= cut)
			continue;
		if ((p = find_ci(at + skip, cut - skip, other)) == NULL)
			continue;
		while (p > at + skip && p[-1] != '\n')
			p--;
		cut = (size_t)(p - at);
	}
	return cut;
}

/*
 * How much of the end of at[0..len) comes after the last line that names
 * another recipient: a transcript step above that line (">>> MAIL From")
 * was answered for that recipient's attempt, not for this one's.
 */
static size_t
after_others(const struct facts *f, const char *at, size_t len)
{
	const char *from = at, *p;

	for (size_t i = 0; i < f->b->nrcpt; i++) {
		const char *other = f->b->rcpt[i].recipient;
		size_t m;

		if (other == NULL || &f->b->rcpt[i] == f->r ||
		    strcasecmp(other, f->r->recipient) == 0)
			continue;
		m = strlen(other);
		while ((p = find_ci(from, (size_t)(at + len - from), other)) != NULL) {
			p += m;
			while (p < at + len && *p != '\n')
				p++;
			from = p;
		}
	}
	return (size_t)(at + len - from);
}

/*
 * The recipient's paragraphs of the human-readable text (from each mention
 * of its address to the next blank line) and the text just before the
 * first, where a Sendmail transcript names the command (">>> DATA").
 * Sendmail names the address once in its list of failures and again in the
 * transcript, where the reason is, so every mention counts.  With one
 * recipient and no mention of its address, the whole start of the text is
 * about it.
 */
static void
read_human(struct facts *f)
{
	const char *h = f->b->human, *at, *end, *ls, *first = NULL;
	size_t n, len, m;

	if (h == NULL || f->b->nrcpt > HUMAN_RCPT_MAX)
		return;
	n = strnlen(h, HUMAN_MAX * 4);
	/*
	 * The returned copy names the recipient in its To and Received
	 * lines, and its header block ("X-Virus-Scanned: ClamAV") would be
	 * read as the recipient's paragraph.
	 */
	n = rules_copy_start(h, n);
	m = f->r->recipient ? strlen(f->r->recipient) : 0;
	for (at = m ? find_ci(h, n, f->r->recipient) : NULL; at != NULL &&
	    f->human.len < HUMAN_MAX;
	    at = find_ci(at + m, (size_t)(h + n - at) - m, f->r->recipient)) {
		if (first == NULL)
			first = at;
		len = (size_t)(h + n - at);
		if (len > PARAGRAPH_MAX)
			len = PARAGRAPH_MAX;
		if ((end = classify_find(at, len, "\n\n", 2)) != NULL ||
		    (end = classify_find(at, len, "\r\n\r\n", 4)) != NULL)
			len = (size_t)(end - at);
		len = before_others(f, at, len);
		/*
		 * The paragraph starts with the line that names the address:
		 * ">>> RCPT TO:<a@example.org>" says which step failed.
		 */
		ls = at;
		while (ls > h && ls[-1] != '\n' && at - ls < LINE_PREFIX_MAX)
			ls--;
		classify_text_add(&f->human, ls, len + (size_t)(at - ls));
	}
	if (first == NULL) {
		if (f->b->nrcpt == 1)
			classify_text_add(&f->human, h, n < HUMAN_MAX ? n : HUMAN_MAX);
		return;
	}
	len = (size_t)(first - h) < LOOKBACK_MAX ? (size_t)(first - h) : LOOKBACK_MAX;
	len = after_others(f, first - len, len);
	classify_text_add(&f->lookback, first - len, len);
}

static enum reason_command
find_command(const struct buf *t, bool last)
{
	enum reason_command cmd = REASON_CMD_ANY;
	const char *best = NULL, *p;

	/* An empty buf has no data: NULL + 0 is undefined. */
	if (t->len == 0)
		return cmd;
	for (size_t i = 0; i < NELEM(command_markers); i++) {
		size_t m = strlen(command_markers[i].pattern);
		const char *s = t->data, *e = t->data + t->len;

		while ((p = classify_find(s, (size_t)(e - s), command_markers[i].pattern,
		    m)) != NULL) {
			if (best == NULL || (last ? p > best : p < best)) {
				best = p;
				cmd = command_markers[i].cmd;
			}
			if (!last)
				break;
			s = p + m;
		}
	}
	return cmd;
}

static void
facts_init(struct facts *f, const struct bounce *b, struct bounce_recipient *r)
{
	memset(f, 0, sizeof(*f));
	f->b = b;
	f->r = r;
	if (r->status && smtpcode_status_valid(r->status) &&
	    strlen(r->status) < sizeof(f->status))
		strcpy(f->status, r->status);
	if (f->status[0])
		f->cls = f->status[0];
	else if (r->reply_code && strchr("245", r->reply_code[0]))
		f->cls = r->reply_code[0];
	classify_text_add(&f->diag, r->diagnostic, DIAG_MAX);
	/* PowerMTA and others explain the code in a comment after it. */
	classify_text_add(&f->diag, r->status_raw, 256);
	classify_text_add(&f->diag, r->status_comment, 256);
	read_human(f);
	if ((f->cmd = find_command(&f->diag, false)) == REASON_CMD_ANY &&
	    (f->cmd = find_command(&f->human, false)) == REASON_CMD_ANY)
		f->cmd = find_command(&f->lookback, true);
}

static void
facts_free(struct facts *f)
{
	buf_free(&f->diag);
	buf_free(&f->human);
	buf_free(&f->lookback);
}

static bool
action_is(const struct bounce_recipient *r, const char *a)
{
	return r->action && strncasecmp(r->action, a, strlen(a)) == 0;
}

static bool
diag_type_is(const struct bounce_recipient *r, const char *t)
{
	return r->diagnostic_type && strcasecmp(r->diagnostic_type, t) == 0;
}

static const char *
not_a_failure(const struct bounce *b, const struct bounce_recipient *r)
{
	if (b->kind == BOUNCE_KIND_FEEDBACK)
		return "feedback";
	if (b->kind == BOUNCE_KIND_AUTOREPLY)
		return "vacation";
	if (action_is(r, "delivered") || action_is(r, "relayed") ||
	    action_is(r, "expanded") || (r->status && r->status[0] == '2'))
		return "delivered";
	return NULL;
}

/*
 * Whether the report was written by the system that holds the mailboxes:
 * its layout (b->mta) or its words say so.
 */
static bool
from_mailbox_host(const struct facts *f)
{
	for (const char *const *w = reason_unknown_witnesses; *w; w++)
		if (text_has(&f->diag, *w) || text_has(&f->human, *w))
			return true;
	if (f->b->mta == NULL)
		return false;
	for (const char *const *m = reason_mailbox_mtas; *m; m++)
		if (strcmp(f->b->mta, *m) == 0)
			return true;
	return false;
}

/*
 * "No such user" is only as good as its witness.  An addressing code
 * (X.1.x) from the server, a refusal of RCPT TO, or a report written by
 * the system that holds the mailboxes says the address does not exist.
 * The same words after DATA, or from a gateway that gives no code and no
 * step of the dialogue, are a filter's answer: the address may well
 * exist, so the failure is `filtered` and not hard (REFERENCE.md §1).
 */
static const char *
refine_unknown(const struct facts *f, const char *reason)
{
	if (strcmp(reason, "userunknown") != 0 ||
	    (f->status[0] && strncmp(f->status + 1, ".1.", 3) == 0))
		return reason;
	if (f->cmd == REASON_CMD_DATA)
		return "filtered";
	if (f->cmd != REASON_CMD_ANY || from_mailbox_host(f))
		return reason;
	return "filtered";
}

/*
 * A refusal of MAIL FROM or of the connection happened before any
 * recipient was named, so it cannot be about the recipient, whatever the
 * words; it is about the sender or the client.
 */
static const char *const recipient_side[] = {
	"userunknown", "filtered", "hostunknown", "mailboxfull", "suspend",
	"hasmoved", "securityerror", "onhold", "undefined",
};

static const char *
refine_command(const struct facts *f, const char *reason)
{
	if (!in_list(reason, recipient_side, NELEM(recipient_side)))
		return reason;
	/*
	 * Words that ask the client to authenticate are about the client,
	 * not the recipient, so they hold at MAIL FROM; only securityerror
	 * guessed from a bare X.7.x code yields to the command.
	 */
	if (strcmp(reason, "securityerror") == 0 && f->worded)
		return reason;
	if (f->cmd == REASON_CMD_MAIL)
		return "rejected";
	if (f->cmd == REASON_CMD_CONNECT)
		return "blocked";
	return reason;
}

/*
 * Reply codes whose RFC 5321 meaning names a cause, for a reply that has
 * nothing else to go by: 451 is "local error in processing".
 */
static const struct {
	const char *reply;
	const char *reason;
} reply_reasons[] = {
	{ "451", "systemerror" },
};

static const char *
reply_reason(const char *reply)
{
	if (reply == NULL)
		return NULL;
	for (size_t i = 0; i < NELEM(reply_reasons); i++)
		if (strcmp(reply, reply_reasons[i].reply) == 0)
			return reply_reasons[i].reason;
	return NULL;
}

static const char *
decide(struct facts *f)
{
	const struct reason_code *code = code_lookup(f->status);
	const char *why;
	/*
	 * X.0.0 says nothing, and X.4.7 only that the sender gave up: the
	 * cause of the retries ("host name lookup failure", "connection
	 * refused") is in the words, when there are any.
	 */
	bool generic = f->status[0] == '\0' || smtpcode_status_generic(f->status) ||
	    strcmp(f->status + 1, ".4.7") == 0;

	if ((why = match_mta(f)) != NULL)
		return why;
	if ((why = match_field(f)) != NULL)
		return why;
	if ((why = match_provider_code(f)) != NULL)
		return why;
	if ((why = match_provider(f)) != NULL)
		return why;
	if (diag_type_is(f->r, "x-unix")) {
		why = match_rules(f, &f->diag);
		return why && strcmp(why, "mailboxfull") == 0 ? why : "mailererror";
	}
	/* Delivery to a program ("|/usr/bin/procmail"), not to a mailbox. */
	if (f->r->recipient && f->r->recipient[0] == '|')
		return "mailererror";
	if (code && code->trusted)
		return code->reason;
	if ((why = match_rules(f, &f->diag)) != NULL)
		return refine_unknown(f, why);
	if (code && !generic)
		return refine_unknown(f, code->reason);
	if ((why = match_rules(f, &f->human)) != NULL)
		return refine_unknown(f, why);
	if (code)
		return code->reason;
	if (action_is(f->r, "delayed") || action_is(f->r, "expired"))
		return "expired";
	if ((why = reply_reason(f->r->reply_code)) != NULL)
		return why;
	/*
	 * A temporary (4xx) refusal in a report of final failure: the sender
	 * retried until it gave up, as Postfix reports an expired message
	 * ("Action: failed", "Status: 4.4.1").
	 */
	if (f->cls == '4' && action_is(f->r, "failed"))
		return "expired";
	if (f->diag.len > 0 || f->human.len > 0)
		return "onhold";
	return "undefined";
}

/* Report fields whose value says the failure was temporary. */
static const struct {
	const char *name;
	const char *value;
} transient_fields[] = {
	{ "SES-Bounce-Type", "Transient" },
};

/*
 * Words that say the sender gave up retrying: every attempt failed
 * temporarily, so the status of the cause is a 4.x.x one (Postfix reports
 * an expired message with its last 4.x.x status and Action: failed too).
 */
static const char *const retries_ran_out[] = {
	"retry timeout exceeded", "in the queue too long", "message expired",
	"delivery time expired", "retry time not reached",
	"have been failing for a long time",
};

static bool
gave_up_retrying(const struct facts *f)
{
	const struct buf *t[] = { &f->diag, &f->human };

	for (size_t k = 0; k < NELEM(t); k++)
		for (size_t i = 0; i < NELEM(retries_ran_out); i++)
			if (t[k]->len > 0 && classify_find(t[k]->data, t[k]->len,
			    retries_ran_out[i], strlen(retries_ran_out[i])) != NULL)
				return true;
	return false;
}

/*
 * The class of a derived status: the reply code's, else the action's
 * (a delay is temporary; so is a failure after retries ran out) or the
 * report's own word for it, else permanent, since a report that says
 * nothing else reports a failure.
 */
static char
derived_class(const struct facts *f)
{
	const char *v;

	if (f->cls == '4' || f->cls == '5')
		return f->cls;
	if (action_is(f->r, "delayed") || gave_up_retrying(f))
		return '4';
	for (size_t i = 0; i < NELEM(transient_fields); i++)
		if ((v = bounce_field(f->b, transient_fields[i].name)) != NULL &&
		    strcasecmp(v, transient_fields[i].value) == 0)
			return '4';
	return '5';
}

static void
derive_status(struct facts *f, const char *reason)
{
	struct bounce_recipient *r = f->r;
	struct buf s = BUF_INIT;

	for (size_t i = 0; i < NELEM(derived_codes); i++) {
		if (strcmp(derived_codes[i].reason, reason) != 0)
			continue;
		buf_printf(&s, "%c.%s", derived_class(f), derived_codes[i].code);
		r->status = buf_steal(&s);
		r->status_source = STATUS_SOURCE_DERIVED;
		return;
	}
}

static bool
is_hard(const struct facts *f, const char *reason)
{
	char cls = f->cls;

	if (in_list(reason, hard_reasons, NELEM(hard_reasons)))
		return true;
	/*
	 * A null MX or a refusal to take any mail only hurts when permanent.
	 * With no code at all, a failed (not delayed) report of "no MX"
	 * is permanent: the class a status would be derived with.
	 */
	if (strcmp(reason, "notaccept") == 0) {
		if (f->r->reply_code && f->r->reply_code[0] == '5')
			cls = '5';
		if (cls == 0)
			cls = derived_class(f);
		return cls == '5';
	}
	return false;
}

static void
classify_recipient(const struct bounce *b, struct bounce_recipient *r)
{
	struct facts f;
	const char *reason;

	if ((reason = not_a_failure(b, r)) != NULL) {
		r->reason = reason;
		r->hard = false;
		return;
	}
	facts_init(&f, b, r);
	reason = refine_command(&f, decide(&f));
	r->reason = reason;
	r->hard = !in_list(reason, not_failures, NELEM(not_failures)) &&
	    is_hard(&f, reason);
	if (r->status == NULL)
		derive_status(&f, reason);
	facts_free(&f);
}

void
classify_bounce(struct bounce *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nrcpt; i++)
		classify_recipient(b, &b->rcpt[i]);
}

bool
classify_is_failure(const char *reason)
{
	return reason != NULL && !in_list(reason, not_failures, NELEM(not_failures));
}
