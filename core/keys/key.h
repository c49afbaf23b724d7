/*
 * key — bounceq's own key codes and their names, shared by the keymap
 * parser, the help screen and the terminal input layer (tui/input.c
 * translates curses input into these codes, so no curses value ever
 * reaches core/).
 *
 * A key is an int: a Unicode scalar value for a character (control keys
 * are their control character: <C-d> is 0x04), or one of the KEYC_* names
 * above the Unicode range for keys without a character.  Names follow vim
 * and tig: "<Enter>", "<Up>", "<C-d>", "<PageDown>", "<F5>", "<Space>",
 * "<lt>" for '<' and "<Hash>" for '#' (which starts a comment in keymap
 * files).  Any other single character stands for itself.
 *
 * A key sequence (vi's and tig's "gg") is up to KEY_SEQ_MAX keys written
 * one after the other: "gg", "g<Home>", "<C-w>j".  A '<' followed by a
 * '>' starts a name, so the character '<' inside a sequence is "<lt>".
 *
 * Call sequence: key_parse("<C-d>", &k) == STATUS_OK; key_str(k, buf,
 * sizeof(buf)) for the canonical name; key_seq_parse("gg", &seq),
 * key_seq_str(&seq, buf, sizeof(buf)).  Nothing allocates.
 */
#ifndef BOUNCEQ_KEY_H
#define BOUNCEQ_KEY_H

#include <stddef.h>

#include "core/shared/status.h"

/* Named keys: enum tail, canonical name, other accepted names ("" none). */
#define KEY_NAMED_LIST(X) \
	X(ENTER,     "Enter",     "Return|CR|C-m|C-j") \
	X(TAB,       "Tab",       "C-i") \
	X(BACKSPACE, "Backspace", "BS|C-h") \
	X(ESCAPE,    "Esc",       "Escape|C-[") \
	X(UP,        "Up",        "") \
	X(DOWN,      "Down",      "") \
	X(LEFT,      "Left",      "") \
	X(RIGHT,     "Right",     "") \
	X(HOME,      "Home",      "") \
	X(END,       "End",       "") \
	X(PAGEUP,    "PageUp",    "PgUp") \
	X(PAGEDOWN,  "PageDown",  "PgDn") \
	X(INSERT,    "Insert",    "Ins") \
	X(DELETE,    "Delete",    "Del") \
	X(BACKTAB,   "BackTab",   "S-Tab") \
	X(F1, "F1", "") X(F2, "F2", "") X(F3, "F3", "") X(F4, "F4", "") \
	X(F5, "F5", "") X(F6, "F6", "") X(F7, "F7", "") X(F8, "F8", "") \
	X(F9, "F9", "") X(F10, "F10", "") X(F11, "F11", "") X(F12, "F12", "")

/* Codes above every Unicode scalar value, so they never meet a character. */
#define KEYC_BASE 0x110000

enum key_code {
	KEYC_NONE = -1,
	KEYC_FIRST_NAMED = KEYC_BASE - 1,
#define KEY_NAMED_ENUM(n, name, alt) KEYC_##n,
	KEY_NAMED_LIST(KEY_NAMED_ENUM)
#undef KEY_NAMED_ENUM
	KEYC_LIMIT
};

/* Longest name key_str() writes, with its NUL. */
#define KEY_NAME_MAX 16

/*
 * Parses one key name: a single UTF-8 character, or "<Name>" (names ignore
 * case; "<C-x>" for x in a-z and @[\]^_ gives the control character).
 * STATUS_SYNTAX for anything else, including "" and two characters; *out
 * is then KEYC_NONE.
 */
enum status key_parse(const char *s, int *out);

/*
 * Writes the canonical name of key into out (at most size bytes, always
 * NUL-terminated): "j", "<Enter>", "<C-d>", "<Space>", "<lt>", "<Hash>";
 * "<U+XXXX>" for a key that is not printable text.  The result is safe
 * to show on a terminal.
 */
void key_str(int key, char *out, size_t size);

/* True for keys a prompt inserts as text (printable characters). */
int key_is_text(int key);

#define KEY_SEQ_MAX 3
/* Longest name key_seq_str() writes, with its NUL. */
#define KEY_SEQ_NAME_MAX (KEY_SEQ_MAX * (KEY_NAME_MAX - 1) + 1)

struct key_seq {
	int key[KEY_SEQ_MAX];
	size_t n;		/* 1..KEY_SEQ_MAX once parsed */
};

/*
 * Parses one to KEY_SEQ_MAX keys written together ("j", "gg", "<C-w>j").
 * STATUS_SYNTAX for "" or a part key_parse() rejects, STATUS_TOO_LARGE
 * for more than KEY_SEQ_MAX keys; out->n is then 0.
 */
enum status key_seq_parse(const char *s, struct key_seq *out);

/* The canonical names of the keys of k, one after the other ("g<Home>"). */
void key_seq_str(const struct key_seq *k, char *out, size_t size);

#endif
