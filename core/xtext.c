#include "core/xtext.h"

#include <string.h>

#include "core/buf.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
xtext_decode(const char *s)
{
	struct buf b = BUF_INIT;
	int hi, lo;

	for (; *s; s++) {
		if (*s == '+' && (hi = hexval(s[1])) >= 0 && (lo = hexval(s[2])) >= 0 &&
		    (hi || lo)) {
			buf_addc(&b, (char)(hi << 4 | lo));
			s += 2;
		} else {
			buf_addc(&b, *s);
		}
	}
	return buf_steal(&b);
}

static void
put_utf8(struct buf *b, unsigned long cp)
{
	char u[4];

	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 4);
	}
}

char *
xtext_decode_unicode(const char *s)
{
	struct buf b = BUF_INIT;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && s[2] == '{') {
			unsigned long cp = 0;
			const char *p = s + 3;
			int n = 0, v;

			while ((v = hexval(*p)) >= 0 && n < 6) {
				cp = cp << 4 | (unsigned long)v;
				p++;
				n++;
			}
			if (*p == '}' && n > 0 && cp > 0 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF)) {
				put_utf8(&b, cp);
				s = p + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_steal(&b);
}
