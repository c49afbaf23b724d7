/* Curses input -> core/keys/key.h codes, so keymaps never see curses values. */
#include <curses.h>
#include <wchar.h>

#include "core/keys/key.h"
#include "tui/tui.h"

static const struct {
	int curses, key;
} fkeys[] = {
	{ KEY_UP, KEYC_UP }, { KEY_DOWN, KEYC_DOWN }, { KEY_LEFT, KEYC_LEFT },
	{ KEY_RIGHT, KEYC_RIGHT }, { KEY_HOME, KEYC_HOME }, { KEY_END, KEYC_END },
	{ KEY_PPAGE, KEYC_PAGEUP }, { KEY_NPAGE, KEYC_PAGEDOWN }, { KEY_IC, KEYC_INSERT },
	{ KEY_DC, KEYC_DELETE }, { KEY_BACKSPACE, KEYC_BACKSPACE }, { KEY_ENTER, KEYC_ENTER },
	{ KEY_BTAB, KEYC_BACKTAB }, { KEY_A1, KEYC_HOME }, { KEY_C1, KEYC_END },
	{ KEY_A3, KEYC_PAGEUP }, { KEY_C3, KEYC_PAGEDOWN }, { KEY_FIND, KEYC_HOME },
	{ KEY_SELECT, KEYC_END },
};

int
input_read(int timeout_ms)
{
	wint_t wc;
	int r;

	timeout(timeout_ms);
	r = get_wch(&wc);
	if (r == ERR)
		return KEYC_NONE;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			return TUI_KEY_RESIZE;
		if (wc >= KEY_F(1) && wc <= KEY_F(12))
			return KEYC_F1 + (int)(wc - KEY_F(1));
		for (size_t i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]); i++)
			if ((int)wc == fkeys[i].curses)
				return fkeys[i].key;
		return KEYC_NONE;
	}
	switch (wc) {
	case '\r':
	case '\n':
		return KEYC_ENTER;
	case '\t':
		return KEYC_TAB;
	case 0x1b:
		return KEYC_ESCAPE;
	case 0x7f:
	case 0x08:
		return KEYC_BACKSPACE;
	}
	return (int)wc;
}
