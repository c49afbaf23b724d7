#include "core/knowledge/classify_int.h"

#include <string.h>
#include <strings.h>

#include "core/knowledge/classify_text_int.h"

/*
 * Caps on the human text (classify_int.h has the others): the part about
 * one recipient is a paragraph.
 */
#define PARAGRAPH_MAX	2048
#define LOOKBACK_MAX	2048
#define LINE_PREFIX_MAX	256

static bool
is_other(const struct classify_input *in, const char *other)
{
	/* An empty address is found everywhere and so says nothing. */
	return other != NULL && other[0] != '\0' &&
	    strcasecmp(other, in->recipient) != 0 &&
	    (in->alias == NULL || strcasecmp(other, in->alias) != 0);
}

/*
 * Shortens the recipient's part at[0..len) to end before the line where
 * another recipient's part begins (OpenSMTPD and Exim list one recipient
 * per line with no blank line between).
 */
static size_t
before_others(const struct classify_input *in, const struct classify_mentions *mn,
    const char *name, const char *at, size_t len)
{
	size_t skip = strlen(name), cut = len;

	for (size_t i = 0; i < in->nrecipients; i++) {
		const char *other = in->recipients[i], *p;

		if (!is_other(in, other) || skip >= cut)
			continue;
		if ((p = classify_mentions_find_recipient(mn, in, i, at + skip,
		    cut - skip)) == NULL)
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
after_others(const struct classify_input *in, const struct classify_mentions *mn,
    const char *at, size_t len)
{
	const char *from = at, *p;

	for (size_t i = 0; i < in->nrecipients; i++) {
		const char *other = in->recipients[i];
		size_t m;

		if (!is_other(in, other))
			continue;
		m = strlen(other);
		while ((p = classify_mentions_find_recipient(mn, in, i, from,
		    (size_t)(at + len - from))) != NULL) {
			p += m;
			while (p < at + len && *p != '\n')
				p++;
			from = p;
		}
	}
	return (size_t)(at + len - from);
}

/* The end of the paragraph that starts at at, within len bytes, or NULL. */
static const char *
paragraph_end(const char *at, size_t len)
{
	const char *end = classify_find(at, len, "\n\n", 2);

	return end ? end : classify_find(at, len, "\r\n\r\n", 4);
}

/*
 * Sendmail names the address once in its list of failures and again in
 * the transcript, where the reason is, so every mention counts.  With one
 * recipient and no mention of its address, the whole start of the text is
 * about it.
 */
/*
 * Appends the passages about the address name; returns the first mention,
 * or NULL when the text never names it.
 */
static const char *
read_mentions(const struct classify_input *in, const struct classify_mentions *mn,
    const char *name, const char *h, size_t n, struct buf *human,
    size_t human_max)
{
	const char *at, *end, *ls, *first = NULL;
	size_t len, m = name ? strlen(name) : 0;

	for (at = m ? classify_mentions_find(mn, name, h, n) : NULL; at != NULL &&
	    human->len < human_max;
	    at = classify_mentions_find(mn, name, at + m, (size_t)(h + n - at) - m)) {
		if (first == NULL)
			first = at;
		len = (size_t)(h + n - at);
		if (len > PARAGRAPH_MAX)
			len = PARAGRAPH_MAX;
		if ((end = paragraph_end(at, len)) != NULL)
			len = (size_t)(end - at);
		len = before_others(in, mn, name, at, len);
		/*
		 * The paragraph starts with the line that names the address:
		 * ">>> RCPT TO:<a@example.org>" says which step failed.
		 */
		ls = at;
		while (ls > h && ls[-1] != '\n' && at - ls < LINE_PREFIX_MAX)
			ls--;
		classify_text_add(human, ls, len + (size_t)(at - ls));
	}
	return first;
}

/*
 * Sendmail names the address once in its list of failures and again in
 * the transcript, where the reason is, so every mention counts.  The
 * report may name the address the sender used instead of the final one.
 * With one recipient and no mention of its address, the whole start of
 * the text is about it.
 */
void
classify_read_human(const struct classify_input *in, struct buf *human,
    size_t human_max, struct buf *lookback)
{
	const char *h = in->human.text, *first;
	const struct classify_mentions *mn = in->mentions;
	struct classify_mentions *own = NULL;
	size_t n, len;

	if (h == NULL || in->nrecipients > CLASSIFY_HUMAN_RCPT_MAX)
		return;
	n = classify_human_len(in);
	/*
	 * Without the caller's index (one per report), one for this call
	 * when it pays (NULL: every search searches).
	 */
	if (mn == NULL) {
		const char *self[] = { in->recipient, in->alias };

		mn = own = classify_mentions_new(in, self, 2);
	}
	first = read_mentions(in, mn, in->recipient, h, n, human, human_max);
	if (first == NULL && in->alias)
		first = read_mentions(in, mn, in->alias, h, n, human, human_max);
	if (first == NULL) {
		if (in->nrecipients == 1)
			classify_text_add(human, h, n < human_max ? n : human_max);
		classify_mentions_free(own);
		return;
	}
	len = (size_t)(first - h) < LOOKBACK_MAX ? (size_t)(first - h) : LOOKBACK_MAX;
	len = after_others(in, mn, first - len, len);
	classify_text_add(lookback, first - len, len);
	classify_mentions_free(own);
}
