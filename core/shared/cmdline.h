/*
 * cmdline — splitting a command line the user typed (":pipe less -R",
 * $PAGER) into an argument vector, so external programs run with execvp
 * and no shell ever sees text that came from mail.  Words are separated by
 * blanks; 'single' and "double" quotes group, and a backslash escapes the
 * next character (outside single quotes), as in sh(1) but without
 * expansions of any kind.
 *
 * Call sequence: cmdline_split("less -R", &argv, &argc); use argv (NULL-
 * terminated); cmdline_free(argv).
 */
#ifndef BOUNCEQ_CMDLINE_H
#define BOUNCEQ_CMDLINE_H

#include <stddef.h>

#include "core/shared/status.h"

/*
 * STATUS_OK and a new NULL-terminated vector (argc words, argc may be 0);
 * STATUS_SYNTAX for an unterminated quote or a trailing backslash (*argv
 * is then NULL).
 */
enum status cmdline_split(const char *line, char ***argv, size_t *argc);

void cmdline_free(char **argv);

#endif
