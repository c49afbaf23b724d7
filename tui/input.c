/*
 * Curses input -> core/keys/key.h codes, so keymaps never see curses values;
 * and the terminal's resizes, which must never be lost.
 *
 * ncurses' own SIGWINCH handler only sets a flag, which the library looks
 * at in doupdate() and after a read returned nothing.  A resize that lands
 * after that look (while refresh() writes the screen, or just before the
 * read) leaves get_wch() blocked in read() with the flag set: with no
 * timeout (an idle screen) the resize waits for the next key.  So bounceq
 * catches SIGWINCH itself, before newterm() (ncurses then installs no
 * handler of its own): the handler writes a byte to a pipe, and the wait
 * for a key polls the terminal and that pipe together.  A byte written at
 * any moment stays in the pipe until input_read() drains it, so a resize
 * is never missed; several in a row are one redraw at the last size.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
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

/* The self-pipe: [0] read by input_read(), [1] written by on_winch(). */
static int wake[2] = { -1, -1 };

static void
on_winch(int sig)
{
	int saved = errno;

	(void)sig;
	/* Full pipe (EAGAIN): a byte is already waiting, nothing is lost. */
	(void)!write(wake[1], "w", 1);
	errno = saved;
}

static bool
set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl != -1 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) != -1 &&
	    fcntl(fd, F_SETFD, FD_CLOEXEC) != -1;
}

void
input_init(void)
{
	struct sigaction sa;

	if (pipe(wake) != 0) {
		wake[0] = wake[1] = -1;
		return;
	}
	if (!set_flags(wake[0]) || !set_flags(wake[1])) {
		input_end();
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_winch;
	sigemptyset(&sa.sa_mask);
	/*
	 * SA_RESTART: a resize must not fail the reads and waits elsewhere
	 * (the "press Enter" after a pipe, the index, waitpid); the poll in
	 * input_read() wakes up on the pipe byte anyway.
	 */
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGWINCH, &sa, NULL) != 0)
		input_end();
}

void
input_end(void)
{
	struct sigaction sa;

	if (wake[0] < 0)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	close(wake[0]);
	close(wake[1]);
	wake[0] = wake[1] = -1;
}

/* True when the terminal was resized since the last call. */
static bool
take_resize(void)
{
	char b[64];
	bool any = false;

	/* The bytes are the only record: no flag that a signal could race. */
	while (read(wake[0], b, sizeof(b)) > 0)
		any = true;
	return any;
}

static int
map(int r, wint_t wc)
{
	if (r == ERR)
		return KEYC_NONE;
	if (r == KEY_CODE_YES) {
		/*
		 * From ncurses itself only when it resized on its own: coming
		 * back from endwin() (a pager ran) to a terminal of another size.
		 */
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

static int
get_key(int timeout_ms)
{
	wint_t wc;
	int r;

	timeout(timeout_ms);
	r = get_wch(&wc);
	return map(r, wc);
}

int
input_read(int timeout_ms)
{
	struct pollfd pfd[2];
	int key, n;

	if (wake[0] < 0)
		return get_key(timeout_ms);
	/* A resize first: the screen must be redrawn before keys act on it. */
	if (take_resize())
		return TUI_KEY_RESIZE;
	/* What ncurses already holds (the rest of a paste) poll cannot see. */
	if ((key = get_key(0)) != KEYC_NONE || timeout_ms == 0)
		return key;
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = wake[0];
	pfd[1].events = POLLIN;
	n = poll(pfd, 2, timeout_ms < 0 ? -1 : timeout_ms);
	/* EINTR: SIGINT and friends; the loop looks at its signal flag. */
	if (take_resize())
		return TUI_KEY_RESIZE;
	if (n <= 0 || !(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
		return KEYC_NONE;
	return get_key(0);
}
