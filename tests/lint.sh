#!/bin/sh
# Static checks that keep the architecture and the docs honest:
#  - core/ never includes curses, never prints, never exits, never forks;
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

# Children start with posix_spawn (core/shared/spawn.h): a fork() of a
# process with threads copies locks other threads hold (the TUI's query
# child hung in malloc that way).
hits=$(grep -rnE '\b(v?fork)[[:space:]]*\(' core --include='*.c')
[ -z "$hits" ] && ok || bad "core/ forks (use core/shared/spawn.h): $hits"

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
