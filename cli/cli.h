/*
 * cli — the command-line front-ends.  Each subcommand parses its own
 * options, calls core/, and is the only place (with tui/) that prints or
 * chooses an exit status.  Exit status: 0 success, 1 a runtime error
 * (unreadable input, bad argument value), 2 a usage error.
 */
#ifndef BOUNCEQ_CLI_H
#define BOUNCEQ_CLI_H

#include <stdio.h>

#define BOUNCEQ_VERSION "0.1.0"

int cmd_decode(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_groups(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_queue(int argc, char **argv);
int cmd_tag(int argc, char **argv);

/* Writes s made safe for a terminal (see core/shared/escape.h) to f. */
void cli_put_safe(FILE *f, const char *s);

/* "bounceq: " + message on stderr, with hostile text escaped. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
