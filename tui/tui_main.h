/*
 * tui_main — the entry point of the terminal UI, for cli/main.c: bounceq
 * without a subcommand.  Parses its own options (--config, --database,
 * -q QUERY or a positional query, -k KEYFILE, --filter EXPR,
 * --queue-file FILE, --queue-command PATH, --queue-refresh SECONDS, --help),
 * runs until the user quits and returns the exit status (0; 2 for a usage
 * error or no terminal; 1 when curses cannot start).
 */
#ifndef BOUNCEQ_TUI_MAIN_H
#define BOUNCEQ_TUI_MAIN_H

int tui_main(int argc, char **argv);

#endif
