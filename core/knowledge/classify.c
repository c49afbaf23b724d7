#include "core/knowledge/classify.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/knowledge/classify_int.h"
#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason.h"
#include "core/knowledge/reason_table_int.h"
#include "core/shared/buf.h"
#include "core/shared/str.h"

/*
 * Caps on how much text is read: a diagnostic is a reply of a few lines,
 * and the part of a human-readable explanation that is about one recipient
 * is a paragraph.  Anything longer is quoted mail or hostile, and reading
 * it would only cost time and invite false matches.
 */
#define DIAG_MAX	(16 * 1024)
#define HUMAN_MAX	(8 * 1024)

/* Everything one decision is made from; the buffers are owned here. */
struct facts {
	const struct classify_input *in;
	char status[SMTPCODE_STATUS_MAX];	/* "" when there is none */
	char cls;				/* '2', '4', '5' or 0 */
	enum classify_step cmd;
	bool worded;		/* the reason came from words, not a code */
	struct buf diag;	/* the diagnostic and the Status comment */
	struct buf human;	/* the recipient's part of the human text */
	struct buf lookback;	/* the human text just before that part */
};

/* Markers of the SMTP command a refusal answered, in normalised text. */
static const struct {
	const char *pattern;
	enum classify_step cmd;
} command_markers[] = {
	{ "in reply to rcpt to", CLASSIFY_STEP_RCPT },
	{ "in reply to end of data", CLASSIFY_STEP_DATA },
	{ "in reply to data", CLASSIFY_STEP_DATA },
	{ "in reply to mail from", CLASSIFY_STEP_MAIL },
	{ "in reply to helo", CLASSIFY_STEP_CONNECT },
	{ "in reply to ehlo", CLASSIFY_STEP_CONNECT },
	{ "in reply to starttls", CLASSIFY_STEP_CONNECT },
	{ "in reply to initial greeting", CLASSIFY_STEP_CONNECT },
	{ "after rcpt to", CLASSIFY_STEP_RCPT },
	{ "after rcpt command", CLASSIFY_STEP_RCPT },
	{ "[rcpt_to]", CLASSIFY_STEP_RCPT },
	{ "after end of data", CLASSIFY_STEP_DATA },
	{ "after data", CLASSIFY_STEP_DATA },
	{ "for text command", CLASSIFY_STEP_DATA },
	{ "after mail from", CLASSIFY_STEP_MAIL },
	{ "[mail_from]", CLASSIFY_STEP_MAIL },
	{ "after initial connection", CLASSIFY_STEP_CONNECT },
	{ "after helo", CLASSIFY_STEP_CONNECT },
	{ "after ehlo", CLASSIFY_STEP_CONNECT },
	{ "[connect]", CLASSIFY_STEP_CONNECT },
	{ "our rcpt to", CLASSIFY_STEP_RCPT },
	{ "our mail from", CLASSIFY_STEP_MAIL },
	{ "our data", CLASSIFY_STEP_DATA },
	{ ">>> rcpt to", CLASSIFY_STEP_RCPT },
	{ ">>> data", CLASSIFY_STEP_DATA },
	{ ">>> mail from", CLASSIFY_STEP_MAIL },
	{ ">>> helo", CLASSIFY_STEP_CONNECT },
	{ ">>> ehlo", CLASSIFY_STEP_CONNECT },
	/*
	 * qmail-remote names the step in its own sentences (qmail-remote.c):
	 * the greeting, HELO, MAIL FROM, then one line per refused RCPT TO,
	 * then DATA and the end of the message.
	 */
	{ "but greeting failed", CLASSIFY_STEP_CONNECT },
	{ "but my name was rejected", CLASSIFY_STEP_CONNECT },
	{ "but sender was rejected", CLASSIFY_STEP_MAIL },
	{ "does not like recipient", CLASSIFY_STEP_RCPT },
	{ "failed on data command", CLASSIFY_STEP_DATA },
	{ "failed after i sent the message", CLASSIFY_STEP_DATA },
	{ "most progress was rcpt to", CLASSIFY_STEP_RCPT },
	/* "SMTP:RCPT host 192.0.2.8: 553 ..." */
	{ "smtp:rcpt host", CLASSIFY_STEP_RCPT },
	/*
	 * Postfix's smtpd writes this in front of every refusal from its
	 * recipient restrictions, which run at RCPT TO.
	 */
	{ "recipient address rejected:", CLASSIFY_STEP_RCPT },
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

/*
 * Causes that blame the message, the sender or the client rather than
 * the address: when the text that says the address does not exist also
 * names one of these, that one is the cause ("rejected as spam: unknown
 * user policy").
 */
static const char *const blame_reasons[] = {
	"spamdetected", "virusdetected", "contenterror", "notcompliantrfc",
	"emailtoolarge", "policyviolation", "blocked", "badreputation",
	"authfailure", "rejected", "filtered",
};

static bool in_list(const char *, const char *const *, size_t);

/* The first rule of a blaming cause that t matches, or NULL. */
static const char *
match_blame(struct facts *f, const struct buf *t)
{
	const struct reason_rule *rule;

	for (rule = reason_text_rules; rule->reason; rule++)
		if (in_list(rule->reason, blame_reasons,
		    sizeof(blame_reasons) / sizeof(blame_reasons[0])) &&
		    status_fits(f, rule->status) && text_has(t, rule->pattern))
			return rule->reason;
	return NULL;
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

static bool
host_has(const char *host, const char *needle)
{
	return host && str_casestrn(host, strlen(host), needle) != NULL;
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
	const char *domain = f->in->recipient ? strrchr(f->in->recipient, '@') : NULL;
	const char *alias = f->in->alias ? strrchr(f->in->alias, '@') : NULL;

	return host[0] == '\0' || host_has(f->in->remote_host, host) ||
	    host_has(f->in->reporting_host, host) || host_has(domain, host) ||
	    host_has(alias, host) ||
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

/* The name without its first label ("mta.e2e.test" -> "e2e.test"), or NULL. */
static const char *
parent_domain(const char *name)
{
	const char *dot = name ? strchr(name, '.') : NULL;

	/* A parent of one label ("test", "com") is no organisation's. */
	return dot && strchr(dot + 1, '.') ? dot + 1 : NULL;
}

/*
 * Whether the recipient's domain is the reporting MTA's own: the host
 * itself, a domain the host is in, or a sibling under the same parent
 * (mta.example.org reporting for local.example.org).
 */
static bool
domain_is_local(const struct facts *f)
{
	const char *at = f->in->recipient ? strrchr(f->in->recipient, '@') : NULL;
	const char *host = f->in->reporting_host, *d, *hp, *dp;
	size_t hn, dn;

	if (at == NULL || host == NULL)
		return false;
	d = at + 1;
	hn = strlen(host);
	dn = strlen(d);
	if (dn == 0 || hn == 0)
		return false;
	if (strcasecmp(host, d) == 0 ||
	    (hn > dn && host[hn - dn - 1] == '.' && strcasecmp(host + hn - dn, d) == 0))
		return true;
	hp = parent_domain(host);
	dp = parent_domain(d);
	return hp && dp && strcasecmp(hp, dp) == 0;
}

/* A cause that words name differently for the reporting MTA's own domain. */
static const char *
match_local(const struct facts *f, const struct buf *t)
{
	if (!domain_is_local(f))
		return NULL;
	for (const struct reason_local_rule *l = reason_local_rules; l->reason; l++)
		if (text_has(t, l->pattern))
			return l->reason;
	return NULL;
}

static const char *
match_mta(const struct facts *f)
{
	const struct reason_mta_rule *m;

	if (f->in->layout == NULL)
		return NULL;
	for (m = reason_mta_rules; m->reason; m++)
		if (strcmp(f->in->layout, m->mta) == 0)
			return m->reason;
	return NULL;
}

/* The value of the report field name (any case), or NULL. */
static const char *
field_value(const struct classify_input *in, const char *name)
{
	for (size_t i = 0; i < in->nfields; i++)
		if (in->fields[i].name && strcasecmp(in->fields[i].name, name) == 0)
			return in->fields[i].value;
	return NULL;
}

static const char *
match_field(const struct facts *f)
{
	const struct reason_field_rule *rule;
	const char *v;
	bool worded = f->in->diagnostic && f->in->diagnostic[0];

	for (rule = reason_field_rules; rule->reason; rule++)
		if ((rule->over_words || !worded) &&
		    (v = field_value(f->in, rule->name)) != NULL &&
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

static enum classify_step
find_command(const struct buf *t, bool last)
{
	enum classify_step cmd = CLASSIFY_STEP_UNKNOWN;
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
facts_init(struct facts *f, const struct classify_input *in)
{
	memset(f, 0, sizeof(*f));
	f->in = in;
	if (in->status && smtpcode_status_valid(in->status) &&
	    strlen(in->status) < sizeof(f->status))
		strcpy(f->status, in->status);
	if (f->status[0])
		f->cls = f->status[0];
	else if (in->reply_code && strchr("245", in->reply_code[0]))
		f->cls = in->reply_code[0];
	classify_text_add(&f->diag, in->diagnostic, DIAG_MAX);
	/* PowerMTA and others explain the code in a comment after it. */
	classify_text_add(&f->diag, in->status_field, 256);
	classify_text_add(&f->diag, in->status_comment, 256);
	classify_read_human(in, &f->human, HUMAN_MAX, &f->lookback);
	if ((f->cmd = in->step) == CLASSIFY_STEP_UNKNOWN &&
	    (f->cmd = find_command(&f->diag, false)) == CLASSIFY_STEP_UNKNOWN &&
	    (f->cmd = find_command(&f->human, false)) == CLASSIFY_STEP_UNKNOWN)
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
action_is(const struct classify_input *in, const char *a)
{
	return in->action && strncasecmp(in->action, a, strlen(a)) == 0;
}

static bool
diag_type_is(const struct classify_input *in, const char *t)
{
	return in->diagnostic_type && strcasecmp(in->diagnostic_type, t) == 0;
}

static const char *
not_a_failure(const struct classify_input *in)
{
	if (in->report == CLASSIFY_REPORT_FEEDBACK)
		return "feedback";
	if (in->report == CLASSIFY_REPORT_AUTOREPLY)
		return "vacation";
	if (action_is(in, "delivered") || action_is(in, "relayed") ||
	    action_is(in, "expanded") || (in->status && in->status[0] == '2'))
		return "delivered";
	return NULL;
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
	if (f->cmd == CLASSIFY_STEP_MAIL)
		return "rejected";
	if (f->cmd == CLASSIFY_STEP_CONNECT)
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
	const char *why, *words, *human;
	/*
	 * X.0.0 says nothing, X.3.0 and X.5.0 little more, and X.4.7 only
	 * that the sender gave up: the cause ("user unknown", "host name
	 * lookup failure", "connection refused") is in the words, when there
	 * are any.
	 */
	bool generic = f->status[0] == '\0' || smtpcode_status_generic(f->status) ||
	    strcmp(f->status + 1, ".4.7") == 0 || strcmp(f->status + 1, ".3.0") == 0 ||
	    strcmp(f->status + 1, ".5.0") == 0;

	if ((why = match_mta(f)) != NULL)
		return why;
	if ((why = match_field(f)) != NULL)
		return why;
	if ((why = match_provider_code(f)) != NULL)
		return why;
	if ((why = match_provider(f)) != NULL)
		return why;
	if (diag_type_is(f->in, "x-unix")) {
		why = match_rules(f, &f->diag);
		return why && strcmp(why, "mailboxfull") == 0 ? why : "mailererror";
	}
	/* Delivery to a program ("|/usr/bin/procmail"), not to a mailbox. */
	if (f->in->recipient && f->in->recipient[0] == '|')
		return "mailererror";
	/*
	 * A trusted code is specific and honest in practice (5.2.2 is a
	 * full mailbox whatever else the text says).  Otherwise the
	 * receiving side saying that the mailbox or the domain does not
	 * exist is what a sender must act on, whatever status detail, SMTP
	 * step or MTA came with it ("550 5.7.1 Recipient address rejected:
	 * Nonexistent user", "552 mailbox not found" after DATA).  Words
	 * that blame spam, the content, a policy or a block come before
	 * those in the table, so the same text naming them still wins.
	 */
	if (code && code->trusted)
		return code->reason;
	words = match_rules(f, &f->diag);
	if (words && (why = match_local(f, &f->diag)) != NULL)
		return why;
	if (words && reason_is_hard(words) && (why = match_blame(f, &f->diag)) != NULL)
		return why;
	if (words)
		return words;
	human = match_rules(f, &f->human);
	if (human && reason_is_hard(human) && (why = match_blame(f, &f->human)) != NULL)
		return why;
	if (human && reason_is_hard(human))
		return human;
	if (code && !generic)
		return code->reason;
	if (human)
		return human;
	if (code)
		return code->reason;
	if (action_is(f->in, "delayed") || action_is(f->in, "expired"))
		return "expired";
	if ((why = reply_reason(f->in->reply_code)) != NULL)
		return why;
	/*
	 * A temporary (4xx) refusal in a report of final failure: the sender
	 * retried until it gave up, as Postfix reports an expired message
	 * ("Action: failed", "Status: 4.4.1").
	 */
	if (f->cls == '4' && action_is(f->in, "failed"))
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
	if (action_is(f->in, "delayed") || gave_up_retrying(f))
		return '4';
	for (size_t i = 0; i < NELEM(transient_fields); i++)
		if ((v = field_value(f->in, transient_fields[i].name)) != NULL &&
		    strcasecmp(v, transient_fields[i].value) == 0)
			return '4';
	return '5';
}

static void
derive_status(const struct facts *f, const char *reason, char out[SMTPCODE_STATUS_MAX])
{
	const char *code = reason_derived_code(reason);

	if (code != NULL)
		snprintf(out, SMTPCODE_STATUS_MAX, "%c.%s", derived_class(f), code);
}

static bool
is_hard(const struct facts *f, const char *reason)
{
	char cls = f->cls;

	/*
	 * A delay, or a temporary refusal, says the address may work
	 * tomorrow: never hard, whatever its cause.
	 */
	if (action_is(f->in, "delayed") || cls == '4' ||
	    (f->in->reply_code && f->in->reply_code[0] == '4'))
		return false;
	if (reason_is_hard(reason))
		return true;
	/*
	 * A null MX or a refusal to take any mail only hurts when permanent.
	 * With no code at all, a failed (not delayed) report of "no MX"
	 * is permanent: the class a status would be derived with.
	 */
	if (strcmp(reason, "notaccept") == 0) {
		if (f->in->reply_code && f->in->reply_code[0] == '5')
			cls = '5';
		if (cls == 0)
			cls = derived_class(f);
		return cls == '5';
	}
	return false;
}

void
classify(const struct classify_input *in, struct classify_result *out)
{
	struct facts f;
	const char *reason;

	memset(out, 0, sizeof(*out));
	if ((reason = not_a_failure(in)) != NULL) {
		out->reason = reason;
		return;
	}
	facts_init(&f, in);
	reason = refine_command(&f, decide(&f));
	out->reason = reason;
	out->hard = reason_is_failure(reason) && is_hard(&f, reason);
	if (in->status == NULL)
		derive_status(&f, reason, out->status);
	facts_free(&f);
}
