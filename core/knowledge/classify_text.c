#include "core/knowledge/classify_text_int.h"

#include <string.h>

#include "core/shared/buf.h"

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	    c == '\v';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of a reply code "550" at w (followed by '-' or the word's end). */
static size_t
reply_len(const char *w, size_t n)
{
	if (n < 3 || (w[0] != '2' && w[0] != '4' && w[0] != '5') ||
	    !is_digit(w[1]) || !is_digit(w[2]))
		return 0;
	if (n == 3)
		return 3;
	return w[3] == '-' ? 4 : 0;
}

/* Length of an enhanced status code "#5.1.10" at w, or 0. */
static size_t
status_len(const char *w, size_t n)
{
	size_t i = 0, d;

	if (i < n && w[i] == '#')
		i++;
	if (i >= n || (w[i] != '2' && w[i] != '4' && w[i] != '5'))
		return 0;
	i++;
	for (int part = 0; part < 2; part++) {
		if (i >= n || w[i] != '.')
			return 0;
		i++;
		for (d = 0; i < n && is_digit(w[i]) && d < 3; d++)
			i++;
		if (d == 0)
			return 0;
	}
	if (i < n && w[i] != '-' && w[i] != ',' && w[i] != ')' &&
	    w[i] != ':' && w[i] != ';')
		return 0;
	return i < n && w[i] == '-' ? i + 1 : i;
}

/*
 * Appends one word with its leading SMTP codes removed: "550-5.7.26",
 * "550", "#5.1.0" vanish, "550-please" keeps "please".  Multi-line replies
 * repeat the codes on every line, and dropping them lets a phrase that
 * wraps across lines match as one.
 */
static void
add_word(struct buf *out, const char *w, size_t n)
{
	size_t k;

	for (;;) {
		if ((k = reply_len(w, n)) == 0)
			k = status_len(w, n);
		if (k == 0)
			break;
		w += k;
		n -= k;
	}
	if (n == 0)
		return;
	buf_reserve(out, n + 1);
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		out->data[out->len++] = ' ';
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		out->data[out->len++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out->data[out->len] = '\0';
}

void
classify_text_add(struct buf *out, const char *text, size_t cap)
{
	size_t n, i = 0, start;

	if (text == NULL)
		return;
	n = strnlen(text, cap);
	while (i < n) {
		while (i < n && is_space((unsigned char)text[i]))
			i++;
		start = i;
		while (i < n && !is_space((unsigned char)text[i]))
			i++;
		if (i > start)
			add_word(out, text + start, i - start);
	}
	if (out->len > 0 && out->data[out->len - 1] != ' ')
		buf_addc(out, ' ');
}

/*
 * Knuth-Morris-Pratt: linear in n + m whatever the text, where a naive
 * search is n * m on hostile input such as a megabyte of "aaaa".  memmem()
 * would do but is not in C11 or POSIX.
 */
const char *
classify_find(const char *hay, size_t n, const char *needle, size_t m)
{
	size_t fail[CLASSIFY_NEEDLE_MAX], k = 0;

	if (m == 0)
		return hay;
	if (m > CLASSIFY_NEEDLE_MAX || m > n)
		return NULL;
	fail[0] = 0;
	for (size_t i = 1; i < m; i++) {
		while (k > 0 && needle[i] != needle[k])
			k = fail[k - 1];
		if (needle[i] == needle[k])
			k++;
		fail[i] = k;
	}
	k = 0;
	for (size_t i = 0; i < n; i++) {
		while (k > 0 && hay[i] != needle[k])
			k = fail[k - 1];
		if (hay[i] == needle[k] && ++k == m)
			return hay + i + 1 - m;
	}
	return NULL;
}
