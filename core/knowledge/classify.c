#include "core/knowledge/classify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/knowledge/classify_int.h"
#include "core/knowledge/classify_match_int.h"
#include "core/knowledge/classify_text_int.h"
#include "core/knowledge/reason.h"
#include "core/knowledge/reason_table_int.h"
#include "core/shared/buf.h"
#include "core/shared/phrases.h"

/*
 * Caps on how much text is read: a diagnostic is a reply of a few lines,
 * and the part of a human-readable explanation that is about one recipient
 * is a paragraph.  Anything longer is quoted mail or hostile, and reading
 * it would only cost time and invite false matches.
 */
#define DIAG_MAX	(16 * 1024)
#define HUMAN_MAX	(8 * 1024)

/* A normalised text and what it holds of the tables' words. */
struct text {
	struct buf buf;
	struct classify_hits hits;	/* once text_scan() read it */
};

/* Everything one decision is made from; the buffers are owned here. */
struct facts {
	const struct classify_input *in;
	char status[SMTPCODE_STATUS_MAX];	/* "" when there is none */
	char cls;				/* '2', '4', '5' or 0 */
	enum classify_step cmd;
	bool worded;		/* the reason came from words, not a code */
	struct text diag;	/* the diagnostic and the Status comment */
	struct text human;	/* the recipient's part of the human text */
	struct text lookback;	/* the human text just before that part */
	/* Per host of the host tables: named by a host or address of in. */
	bool *host_named;
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

/* Reads t's text once for every word of the tables. */
static void
text_scan(struct text *t)
{
	classify_match_scan(&t->hits, t->buf.data, t->buf.len);
}

static const struct classify_hits *
text_hits(const struct text *t)
{
	return &t->hits;
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
match_blame(const struct facts *f, const struct text *t)
{
	const struct classify_hits *h = text_hits(t);

	for (size_t i = 0; reason_text_rules[i].reason; i++)
		if (classify_match_has(h, CLASSIFY_WORDS_TEXT, i) &&
		    in_list(reason_text_rules[i].reason, blame_reasons,
		    NELEM(blame_reasons)) &&
		    status_fits(f, reason_text_rules[i].status))
			return reason_text_rules[i].reason;
	return NULL;
}

static const char *
match_rules(struct facts *f, const struct text *t)
{
	const struct classify_hits *h;

	if (t->buf.len == 0)
		return NULL;
	h = text_hits(t);
	for (size_t i = 0; reason_text_rules[i].reason; i++)
		if (classify_match_has(h, CLASSIFY_WORDS_TEXT, i) &&
		    status_fits(f, reason_text_rules[i].status)) {
			f->worded = true;
			return reason_text_rules[i].reason;
		}
	return NULL;
}

/* The text a provider's words are looked for in. */
static const struct text *
provider_text(const struct facts *f)
{
	return f->diag.buf.len > 0 ? &f->diag : &f->human;
}

/*
 * Whether the host of row of host table ht (whose rows are those of
 * words table wt) names the provider: the Remote-MTA, the Reporting-MTA,
 * the recipient's domain or the text itself ("" always does).
 */
static bool
provider_is(const struct facts *f, const char *host, enum classify_host_table ht,
    enum classify_words wt, size_t row)
{
	return host[0] == '\0' || f->host_named[classify_match_host(ht, row)] ||
	    classify_match_has(text_hits(provider_text(f)), wt, row);
}

static const char *
match_provider(const struct facts *f)
{
	const struct reason_provider_rule *p = reason_provider_rules;
	const struct classify_hits *h = text_hits(provider_text(f));

	for (size_t i = 0; p[i].reason; i++) {
		if (!provider_is(f, p[i].host, CLASSIFY_HOSTS_PROVIDER,
		    CLASSIFY_WORDS_PROVIDER_HOST, i))
			continue;
		if (status_fits(f, p[i].status) && (p[i].pattern[0] == '\0' ||
		    classify_match_has(h, CLASSIFY_WORDS_PROVIDER, i)))
			return p[i].reason;
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
match_local(const struct facts *f, const struct text *t)
{
	if (!domain_is_local(f))
		return NULL;
	for (size_t i = 0; reason_local_rules[i].reason; i++)
		if (classify_match_has(text_hits(t), CLASSIFY_WORDS_LOCAL, i))
			return reason_local_rules[i].reason;
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
 * ("#216 lpn LPN000_630"), from the first (at, or PHRASES_NONE).
 */
static bool
code_after_label(const struct buf *t, size_t at, const char *label,
    const char *code)
{
	size_t m = strlen(label), n = strlen(code);
	const char *s, *e, *p, *w, *tail;

	if (t->len == 0 || at == PHRASES_NONE)
		return false;	/* no data: NULL + 0 is undefined */
	s = t->data + at;
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
	const struct reason_provider_code *c = reason_provider_codes;
	const struct text *t = provider_text(f);
	const struct classify_hits *h = text_hits(t);

	for (size_t i = 0; c[i].reason; i++)
		if (provider_is(f, c[i].host, CLASSIFY_HOSTS_CODE,
		    CLASSIFY_WORDS_CODE_HOST, i) && code_after_label(&t->buf,
		    classify_match_first(h, CLASSIFY_WORDS_CODE_LABEL, i),
		    c[i].label, c[i].code))
			return c[i].reason;
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
 * The command named first in t (or last, counting occurrences that do
 * not overlap the one before); on a tie, the marker first in the table.
 */
static enum classify_step
find_command(const struct text *t, bool last)
{
	enum classify_step cmd = CLASSIFY_STEP_UNKNOWN;
	size_t best = PHRASES_NONE, at;
	const struct classify_hits *h;

	if (t->buf.len == 0)
		return cmd;
	h = text_hits(t);
	for (size_t i = 0; reason_step_markers[i].pattern; i++) {
		at = last ? classify_match_last(h, CLASSIFY_WORDS_STEP, i) :
		    classify_match_first(h, CLASSIFY_WORDS_STEP, i);
		if (at != PHRASES_NONE && (best == PHRASES_NONE ||
		    (last ? at > best : at < best))) {
			best = at;
			cmd = reason_step_markers[i].cmd;
		}
	}
	return cmd;
}

/* Which host of the host tables the hosts and addresses of in name. */
static void
name_hosts(struct facts *f)
{
	const struct classify_input *in = f->in;

	f->host_named = xcalloc(classify_match_host_count() + 1, sizeof(bool));
	classify_match_hosts(in->remote_host, f->host_named);
	classify_match_hosts(in->reporting_host, f->host_named);
	classify_match_hosts(in->recipient ? strrchr(in->recipient, '@') : NULL,
	    f->host_named);
	classify_match_hosts(in->alias ? strrchr(in->alias, '@') : NULL,
	    f->host_named);
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
	classify_text_add(&f->diag.buf, in->diagnostic, DIAG_MAX);
	/* PowerMTA and others explain the code in a comment after it. */
	classify_text_add(&f->diag.buf, in->status_field, 256);
	classify_text_add(&f->diag.buf, in->status_comment, 256);
	classify_read_human(in, &f->human.buf, HUMAN_MAX, &f->lookback.buf);
	text_scan(&f->diag);
	text_scan(&f->human);
	name_hosts(f);
	if ((f->cmd = in->step) == CLASSIFY_STEP_UNKNOWN &&
	    (f->cmd = find_command(&f->diag, false)) == CLASSIFY_STEP_UNKNOWN &&
	    (f->cmd = find_command(&f->human, false)) == CLASSIFY_STEP_UNKNOWN) {
		/* Only the lookback is not always read. */
		text_scan(&f->lookback);
		f->cmd = find_command(&f->lookback, true);
	}
}

static void
facts_free(struct facts *f)
{
	struct text *t[] = { &f->diag, &f->human, &f->lookback };

	for (size_t i = 0; i < NELEM(t); i++) {
		buf_free(&t[i]->buf);
		classify_match_free(&t[i]->hits);
	}
	free(f->host_named);
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
	if (f->diag.buf.len > 0 || f->human.buf.len > 0)
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


static bool
gave_up_retrying(const struct facts *f)
{
	const struct text *t[] = { &f->diag, &f->human };

	for (size_t k = 0; k < NELEM(t); k++)
		for (size_t i = 0; reason_retries_over[i]; i++)
			if (classify_match_has(text_hits(t[k]), CLASSIFY_WORDS_RETRIES, i))
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
