#include "core/shared/escape.h"

#include <string.h>
#include <wchar.h>

#include "core/shared/utf8.h"

void
escape_text(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, len;
	uint32_t cp;

	while (i < n) {
		len = utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			buf_printf(out, "\\x%02x", p[i]);
		else if (cp == '\n' || cp == '\t' || cp == '\r')
			buf_addc(out, ' ');
		else if (cp == 0x1B)
			buf_adds(out, "\\e");
		else if (cp < 0x20 || cp == 0x7F)
			buf_printf(out, "\\x%02x", (unsigned)cp);
		else if (utf8_is_unsafe(cp))
			buf_printf(out, "<U+%04X>", (unsigned)cp);
		else
			buf_add(out, p + i, len);
		i += len;
	}
}

static int
cp_width(uint32_t cp)
{
	int w = wcwidth((wchar_t)cp);

	/* Without a UTF-8 locale wcwidth knows nothing: count one column. */
	return w < 0 ? 1 : w;
}

size_t
escape_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0;
	uint32_t cp;

	while (i < n) {
		i += utf8_decode(p + i, n - i, &cp);
		w += cp == UTF8_INVALID ? 1 : (size_t)cp_width(cp);
	}
	return w;
}

void
escape_fit(struct buf *out, const char *s, size_t width, int pad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0, len, cw;
	uint32_t cp;

	if (escape_width(s) <= width) {
		buf_adds(out, s);
		w = escape_width(s);
	} else if (width > 0) {
		while (i < n) {
			len = utf8_decode(p + i, n - i, &cp);
			cw = cp == UTF8_INVALID ? 1 : (size_t)cp_width(cp);
			if (w + cw > width - 1)
				break;
			buf_add(out, p + i, len);
			w += cw;
			i += len;
		}
		buf_adds(out, "\xe2\x80\xa6");
		w++;
	}
	while (pad && w < width) {
		buf_addc(out, ' ');
		w++;
	}
}
