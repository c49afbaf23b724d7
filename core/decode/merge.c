#include "core/decode/merge_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/decode/bounce_int.h"
#include "core/decode/rules/rules_int.h"
#include "core/knowledge/smtpcode.h"
#include "core/shared/buf.h"

static int
rcpt_cmp(const void *a, const void *b)
{
	const struct bounce_recipient *const *x = a, *const *y = b;
	int c = strcasecmp((*x)->recipient, (*y)->recipient);

	/* Equal addresses keep text order, so the first mention wins. */
	return c ? c : (*x < *y ? -1 : *x > *y);
}

/*
 * The recipients of t sorted by address, so that a report listing
 * thousands of them is matched in n log n; the caller frees the array.
 */
static struct bounce_recipient **
rcpt_index(struct bounce *t)
{
	struct bounce_recipient **v = xcalloc(t->nrcpt + 1, sizeof(*v));

	for (size_t i = 0; i < t->nrcpt; i++)
		v[i] = &t->rcpt[i];
	qsort(v, t->nrcpt, sizeof(*v), rcpt_cmp);
	return v;
}

/* The text's recipient called addr (the first of equal ones), or NULL. */
static struct bounce_recipient *
find_address(struct bounce *t, struct bounce_recipient **index, const char *addr)
{
	size_t lo = 0, hi = t->nrcpt;

	if (addr == NULL)
		return NULL;
	/* The first of the equal addresses: a lower bound. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcasecmp(index[mid]->recipient, addr) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nrcpt && strcasecmp(index[lo]->recipient, addr) == 0)
		return index[lo];
	return NULL;
}

/*
 * The text's account of r: by its final address, which the reporting MTA
 * writes, then by the address the sender used; with one recipient on
 * each side, that one.
 */
static struct bounce_recipient *
match_recipient(struct bounce *t, struct bounce_recipient **index,
    const struct bounce_recipient *r, size_t nb)
{
	struct bounce_recipient *h = find_address(t, index, r->final_recipient);

	if (h == NULL)
		h = find_address(t, index, r->recipient);
	if (h == NULL && t->nrcpt == 1 && nb == 1)
		h = &t->rcpt[0];
	return h;
}

/*
 * True when have is a damaged form of the whole address full: no local part
 * ("Final-Recipient: rfc822; @mx.example.org", seen from Sendmail) or only
 * the local part.
 */
static bool
partial_address(const char *have, const char *full)
{
	const char *at = strchr(full, '@');

	if (at == NULL || at == full)
		return false;
	if (have[0] == '@')
		return true;
	return strchr(have, '@') == NULL && strlen(have) == (size_t)(at - full) &&
	    strncasecmp(have, full, (size_t)(at - full)) == 0;
}

/*
 * True when r's generic status is the remote server's own answer ("550
 * 5.0.0 ... User unknown" in Diagnostic-Code): the reporting MTA's more
 * specific paraphrase in the human part does not replace what the server
 * said.
 */
static bool
remote_said(const struct bounce_recipient *r)
{
	char reply[SMTPCODE_REPLY_MAX], st[SMTPCODE_STATUS_MAX];

	return r->diagnostic && smtpcode_find_pair(r->diagnostic,
	    strlen(r->diagnostic), reply, st) && strcmp(st, r->status) == 0;
}

/*
 * A delivery-status part that lacks Status or Diagnostic-Code: the human
 * text often says what the machine part left out.  The same for
 * delivery-status fields pasted into the text (inline_dsn()): the prose
 * above them has the transcript.
 */
void
merge_gaps(struct bounce *b, GMimeMessage *msg, const char *text)
{
	const struct rule_family *f;
	struct bounce *t;
	struct bounce_recipient **index;
	bool need = false;

	for (size_t i = 0; i < b->nrcpt; i++)
		need |= b->rcpt[i].status == NULL || b->rcpt[i].diagnostic == NULL ||
		    b->rcpt[i].reply_code == NULL || smtpcode_status_generic(b->rcpt[i].status);
	if (!need || text == NULL)
		return;
	if ((f = rules_identify(msg, text, strlen(text))) == NULL)
		f = &rule_generic;
	t = xcalloc(1, sizeof(*t));
	rules_extract(f, text, strlen(text), t);
	index = rcpt_index(t);
	for (size_t i = 0; i < b->nrcpt; i++) {
		struct bounce_recipient *r = &b->rcpt[i], *h;
		if ((h = match_recipient(t, index, r, b->nrcpt)) == NULL)
			continue;
		if (partial_address(r->recipient, h->recipient)) {
			free(r->recipient);
			r->recipient = xstrdup(h->recipient);
		}
		if (r->diagnostic == NULL && h->diagnostic) {
			r->diagnostic = xstrdup(h->diagnostic);
			if (r->reply_code == NULL && h->reply_code)
				r->reply_code = xstrdup(h->reply_code);
		}
		if (r->status == NULL && h->status) {
			r->status = xstrdup(h->status);
			r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		} else if (r->status && h->status && smtpcode_status_generic(r->status) &&
		    !smtpcode_status_generic(h->status) && h->status[0] == r->status[0] &&
		    !remote_said(r)) {
			/* OpenSMTPD: "Status: 5.0.0", the human part says 550 5.7.26 */
			free(r->status);
			r->status = xstrdup(h->status);
			r->status_source = STATUS_SOURCE_DIAGNOSTIC;
		}
		/* A reply code of the status's class, e.g. Sendmail's X-Unix
		 * diagnostic with the SMTP transcript in the human part. */
		if (r->reply_code == NULL && h->reply_code &&
		    (r->status == NULL || r->status[0] == h->reply_code[0]))
			r->reply_code = xstrdup(h->reply_code);
		if (r->remote_mta == NULL && h->remote_mta)
			r->remote_mta = xstrdup(h->remote_mta);
	}
	free(index);
	bounce_free(t);
}
