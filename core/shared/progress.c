#include "core/shared/progress.h"

#include <stdio.h>
#include <string.h>

void
progress_start(struct progress *p, size_t done, long long now_ms)
{
	memset(p, 0, sizeof(*p));
	p->t[0] = now_ms;
	p->done[0] = done;
	p->n = 1;
}

static size_t
newest(const struct progress *p)
{
	return (p->first + p->n - 1) % PROGRESS_SAMPLES;
}

void
progress_note(struct progress *p, size_t done, long long now_ms)
{
	size_t last = newest(p);

	if (p->n == 0) {
		progress_start(p, done, now_ms);
		return;
	}
	if (now_ms - p->t[last] < PROGRESS_SAMPLE_MS) {
		/* Too soon for a sample of its own: the newest one moves on. */
		if (p->n > 1) {
			p->done[last] = done;
			p->t[last] = now_ms;
		}
		return;
	}
	if (p->n == PROGRESS_SAMPLES) {
		p->first = (p->first + 1) % PROGRESS_SAMPLES;
		p->n--;
	}
	last = (p->first + p->n) % PROGRESS_SAMPLES;
	p->t[last] = now_ms;
	p->done[last] = done;
	p->n++;
}

bool
progress_rate(const struct progress *p, double *per_s)
{
	size_t a = p->first, z = newest(p);
	long long span;

	if (p->n < 2 || (span = p->t[z] - p->t[a]) < PROGRESS_MIN_SPAN_MS)
		return false;
	*per_s = p->done[z] >= p->done[a] ?
	    (double)(p->done[z] - p->done[a]) * 1000.0 / (double)span : 0.0;
	return true;
}

void
progress_count(struct buf *out, size_t n)
{
	char digits[32];
	size_t len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);

	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, digits[i]);
	}
}

/* "28 s", "3 min", "1 h 5 min": rounded up, so it never says 0 too early. */
static void
duration(struct buf *out, double s)
{
	unsigned long long secs = s < 1.0 ? 1 : (unsigned long long)(s + 0.999);

	if (s > 86400.0 * 365)
		buf_adds(out, "a long time");
	else if (secs < 90)
		buf_printf(out, "%llu s", secs);
	else if (secs < 90 * 60)
		buf_printf(out, "%llu min", (secs + 59) / 60);
	else
		buf_printf(out, "%llu h %llu min", secs / 3600, (secs % 3600 + 59) / 60);
}

void
progress_text(struct buf *out, const struct progress *p, size_t done, size_t total,
    enum progress_form form, bool utf8)
{
	const char *dot = utf8 ? " \302\267 " : " - ";
	double rate = 0;
	bool known = progress_rate(p, &rate);

	if (form == PROGRESS_PERCENT) {
		buf_printf(out, "%zu%%", total ? (size_t)((double)done * 100.0 / (double)total) : 0);
		return;
	}
	if (form == PROGRESS_FULL)
		buf_adds(out, "decoding ");
	progress_count(out, done);
	buf_adds(out, " of ");
	progress_count(out, total);
	if (form == PROGRESS_COUNT || !known)
		return;
	if (form == PROGRESS_FULL) {
		buf_adds(out, dot);
		if (rate >= 1.0 || rate == 0.0)
			progress_count(out, (size_t)(rate + 0.5));
		else
			buf_adds(out, "<1");
		buf_adds(out, "/s");
	}
	/* Nothing moved in the window: no time can be promised. */
	if (rate > 0.0 && total > done) {
		buf_adds(out, dot);
		duration(out, (double)(total - done) / rate);
		buf_adds(out, " left");
	}
}
