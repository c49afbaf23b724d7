#!/bin/sh
# Runs the cmocka unit test programs given as arguments and sums their
# results.  Prints each program's failures, then "N passed, N failed".
# Exits non-zero when any test failed or any program crashed, or when one
# left a process running (the query helpers test_index starts: see
# tests/leftover.sh), which then counts as one more failure.
BOUNCEQ_TEST_RUN=unit-$$-$(date +%s%N)
export BOUNCEQ_TEST_RUN
pass=0 fail=0 bad=0
for t in "$@"; do
	out=$("$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -1)
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	if [ "$rc" -ne 0 ] || [ -z "$p" ]; then
		bad=$((bad + 1))
		[ -z "$f" ] && fail=$((fail + 1))
		printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\)' >&2
		echo "unit: $t exited with status $rc" >&2
	fi
done
left=$(sh "$(dirname "$0")/leftover.sh" "$BOUNCEQ_TEST_RUN")
if [ -n "$left" ]; then
	printf 'unit: still running after the run (now killed):\n%s\n' "$left" >&2
	fail=$((fail + 1))
	bad=$((bad + 1))
fi
echo "unit: $pass passed, $fail failed"
[ "$bad" -eq 0 ] && [ "$fail" -eq 0 ]
