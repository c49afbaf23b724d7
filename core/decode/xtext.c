#include "core/decode/xtext_int.h"

#include <string.h>

#include "core/shared/buf.h"
#include "core/shared/utf8.h"

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

char *
xtext_decode_unicode(const char *s)
{
	struct buf b = BUF_INIT;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && s[2] == '{') {
			unsigned long cp = 0;
			char u8[4];
			const char *p = s + 3;
			int n = 0, v;

			while ((v = hexval(*p)) >= 0 && n < 6) {
				cp = cp << 4 | (unsigned long)v;
				p++;
				n++;
			}
			if (*p == '}' && n > 0 && cp > 0 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF)) {
				buf_add(&b, u8, utf8_encode((uint32_t)cp, u8));
				s = p + 1;
				continue;
			}
		}
		buf_addc(&b, *s++);
	}
	return buf_steal(&b);
}
