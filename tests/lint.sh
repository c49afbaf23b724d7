#!/bin/sh
# Static checks that keep the architecture and the docs honest:
#  - core/ never includes curses, never prints, never exits;
#  - nothing forks or execs: children start in core/shared/spawn.c only;
#  - cli/ and tui/ never call GMime or notmuch directly (core/ owns them);
#  - core/ is one level of folders by part, each including only the parts
#    its arrow allows; *_int.h headers stay in their part; no include cycle
#    (tests/lint/includes.py, which tests/lint/selftest.sh shows failing on
#    deliberate bad includes);
#  - every manual page in doc/ passes mandoc -Tlint.
# Prints "lint: N passed, N failed".
cd "$(dirname "$0")/.." || exit 1
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "lint: FAIL: $*" >&2; }

hits=$(grep -rlE '#[[:space:]]*include[[:space:]]*[<"](n?curses|ncursesw/)' core 2>/dev/null)
[ -z "$hits" ] && ok || bad "curses included in core/: $hits"

hits=$(grep -rnE '\b(printf|fprintf|puts|fputs|putchar|perror|exit|abort)[[:space:]]*\(' core \
	--include='*.c' | grep -vE 'snprintf|vsnprintf|buf_printf' | grep -v 'core/shared/buf.c:.*abort()' )
[ -z "$hits" ] && ok || bad "core/ prints or exits: $hits"

# Children start with posix_spawn, in core/shared/spawn.c alone
# (spawn_start() for core's helpers, spawn_terminal() for the TUI's pager
# and pipe commands): a fork() of a process with threads copies locks
# other threads hold (the TUI's query child hung in malloc that way), and
# such a child may call only async-signal-safe functions.  No exec either:
# only a spawn runs another program.
hits=$(grep -rnE '\b(v?fork|clone3?|exec[lv]p?e?|fexecve|system|popen)[[:space:]]*\(' \
	core cli tui --include='*.c')
[ -z "$hits" ] && ok || bad "fork or exec outside core/shared/spawn.h: $hits"
hits=$(grep -rnE '\bposix_spawnp?[[:space:]]*\(' core cli tui --include='*.c' |
	grep -v '^core/shared/spawn\.c:')
[ -z "$hits" ] && ok || bad "a second spawner (use core/shared/spawn.h): $hits"

for d in cli tui; do
	[ -d "$d" ] || continue
	hits=$(grep -rnE 'g_mime_|notmuch_|#[[:space:]]*include[[:space:]]*[<"](gmime/|notmuch\.h)' "$d")
	[ -z "$hits" ] && ok || bad "$d/ calls GMime or notmuch directly: $hits"
done

for part in shared knowledge decode model index queue keys; do
	out=$(python3 tests/lint/includes.py arrows "$part")
	[ $? -eq 0 ] && ok || bad "core/$part/ includes against its arrow: $out"
done
hits=$(find core -maxdepth 1 -type f -name '*.[ch]')
[ -z "$hits" ] && ok || bad "source files directly in core/: $hits"
for check in private cycles; do
	out=$(python3 tests/lint/includes.py "$check")
	[ $? -eq 0 ] && ok || bad "include $check: $out"
done
out=$(sh tests/lint/selftest.sh 2>&1)
[ $? -eq 0 ] && ok || bad "the include checks do not catch bad includes: $out"

if command -v mandoc >/dev/null 2>&1; then
	for m in doc/*.[157]; do
		[ -e "$m" ] || continue
		out=$(mandoc -Tlint -Wwarning "$m" 2>&1)
		[ -z "$out" ] && ok || bad "mandoc -Tlint $m: $out"
	done
else
	bad "mandoc not installed (make deps installs it)"
fi

echo "lint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
